package loader

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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

// TestExportCSVConfidence: the export applies the said-about threshold as
// Load does: statements keep their confidence and kind, the weak ones are
// labelled Weak, SAID_ABOUT counts and sums the others, and the lock holds
// the threshold.
func TestExportCSVConfidence(t *testing.T) {
	dir := t.TempDir()
	docs := withConfidence(handDocs(), 5)
	if _, err := ExportCSV(dir, slices.Values(docs), ExportOptions{MinConfidence: 0.5}); err != nil {
		t.Fatal(err)
	}
	stmts := readCSV(t, filepath.Join(dir, "statements.csv"))
	col := func(header []string, name string) int {
		t.Helper()
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %q in %q", name, header)
		}
		return i
	}
	ci, ki, li := col(stmts[0], "confidence:double"), col(stmts[0], "kind"), col(stmts[0], ":LABEL")
	weak := 0
	for _, r := range stmts[1:] {
		c, err := strconv.ParseFloat(r[ci], 64)
		if err != nil || r[ki] == "" {
			t.Fatalf("statement row %q: confidence %q, kind %q", r, r[ci], r[ki])
		}
		if isWeak := r[li] == "Statement\x1fWeak"; isWeak != (c < 0.5) {
			t.Errorf("statement of confidence %v labelled %q", c, r[li])
		} else if isWeak {
			weak++
		}
	}
	if weak == 0 || weak == len(stmts)-1 {
		t.Fatalf("%d of %d statements weak: the test needs both", weak, len(stmts)-1)
	}
	m := buildModel(slices.Values(docs), CountByCopy, 500, nil)
	said := readCSV(t, filepath.Join(dir, "said_about.csv"))
	if len(said)-1 != len(sortedPairs(m.said)) || len(said) < 2 {
		t.Fatalf("said_about.csv: %d rows, model %d", len(said)-1, len(sortedPairs(m.said)))
	}
	ni, cf := col(said[0], "count:long"), col(said[0], "confidence:double")
	for _, r := range said[1:] {
		d := m.said[pair{r[0], r[1]}]
		if r[ni] != strconv.Itoa(d.n) || r[cf] != formatConf(d.conf) || d.conf > 1000*d.n || d.conf < 500*d.n {
			t.Errorf("said_about row %q, model %+v", r, d)
		}
	}
	lock := readCSV(t, filepath.Join(dir, "ingest_lock.csv"))
	if lock[1][col(lock[0], "min_confidence:double")] != "0.5" {
		t.Errorf("ingest_lock.csv %q: want min_confidence 0.5", lock)
	}
}
