package loader

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	docs := append(handDocs(), hostileDoc())
	ex, err := ExportCSV(dir, slices.Values(docs), ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	count := func(name string) int { return len(readCSV(t, filepath.Join(dir, name))) - 1 }
	for name, want := range map[string]int{
		"articles.csv": 5, "ingest.csv": 6, "entities.csv": 9, "statements.csv": 8, "mentions.csv": 16,
		"co_mentioned_with.csv": 14, "said_about.csv": 10, "statement_in.csv": 8, "statement_by.csv": 7,
		"statement_about.csv": 13,
	} {
		if got := count(name); got != want {
			t.Errorf("%s: %d rows, want %d", name, got, want)
		}
	}
	ents := readCSV(t, filepath.Join(dir, "entities.csv"))
	for _, r := range ents[1:] {
		if r[0] == alice {
			// "Alice Example" lost the name to "Alice B. Example" and stays an alias.
			if r[2] != "Alice\x1fAlice Example\x1fExample\x1fMs. Example" || r[len(r)-1] != "Entity\x1fPerson" {
				t.Errorf("alice row = %q", r)
			}
		}
	}
	// Hostile values survive the CSV round trip unchanged.
	h := hostileDoc()
	found := false
	for _, r := range ents[1:] {
		if r[0] == h.Entities[0].ID && r[1] == h.Entities[0].Name {
			found = true
		}
	}
	if !found {
		t.Errorf("hostile entity not found verbatim in entities.csv")
	}
	cmd := ex.Command("")
	for _, want := range []string{"neo4j-admin database import full neo4j ", "--array-delimiter=U+001F",
		"--nodes=" + filepath.Join(dir, "articles.csv"), "--relationships=" + filepath.Join(dir, "said_about.csv")} {
		if !strings.Contains(cmd, want) {
			t.Errorf("command %q lacks %q", cmd, want)
		}
	}
	if len(ex.Nodes) != 5 || len(ex.Relationships) != 6 { // with ingest_lock.csv
		t.Errorf("files: %v %v", ex.Nodes, ex.Relationships)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/x.csv": "/tmp/x.csv", "a b": "'a b'", "it's": `'it'\''s'`, "": "''",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}
