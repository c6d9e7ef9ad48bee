package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/quote"
)

// TestExportCommand: export of examples/ writes the CSV files, with the
// story signatures and the counting rule, and prints the import command
// naming every file. (The import itself is checked in loader's
// TestExportImportEqualsLoad.)
func TestExportCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "csv")
	cmd := exportCommand()
	var out strings.Builder
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"--format", "neo4j-admin", dir, filepath.Join("..", "..", "examples")})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("export: %v\n%s", err, out.String())
	}
	text := out.String()
	if !strings.Contains(text, "neo4j-admin database import full neo4j --overwrite-destination") {
		t.Errorf("no import command in:\n%s", text)
	}
	for _, f := range []string{"articles.csv", "entities.csv", "ingest_lock.csv", "co_mentioned_with.csv", "said_about.csv"} {
		if !strings.Contains(text, filepath.Join(dir, f)) {
			t.Errorf("the command does not name %s", f)
		}
	}
	arts, err := os.ReadFile(filepath.Join(dir, "articles.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(arts)), "\n")
	if !strings.Contains(lines[0], "story_sig") || len(lines) < 5 {
		t.Fatalf("articles.csv: %d lines, header %q", len(lines), lines[0])
	}
	lock, err := os.ReadFile(filepath.Join(dir, "ingest_lock.csv"))
	wantLock := "ingest,story," + strconv.FormatFloat(quote.MinConfidence(), 'g', -1, 64) + ",IngestLock"
	if err != nil || !strings.Contains(string(lock), wantLock) {
		t.Errorf("ingest_lock.csv = %q (%v), want %q: the story counting rule and the default threshold", lock, err, wantLock)
	}
	bad := exportCommand()
	bad.SetOut(&out)
	bad.SetArgs([]string{"--format", "graphml", dir, "x"})
	if err := bad.ExecuteContext(context.Background()); err == nil || !strings.Contains(err.Error(), "neo4j-admin") {
		t.Errorf("--format graphml: %v, want an error naming neo4j-admin", err)
	}
}
