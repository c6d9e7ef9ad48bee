package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSourceID: with Options.SourceID an article read from a record with
// an id is named "id:ID" however the records are split into files or
// streamed; one without an id keeps FILE:LINE.
func TestSourceID(t *testing.T) {
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		`{"id": 7, "text": "Mayor Ana Torres of Brindle opened the new bridge on Monday."}`,
		`{"id": "wire-0042", "text": "Councillor Wendell Ashgrove said the port of Pellmouth would stay closed."}`,
		`{"text": "Minister Ines Moreau visited Antwerp on Friday."}`,
	}
	dir := t.TempDir()
	write := func(name string, ls ...string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(ls, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	whole := write("whole.jsonl", lines...)
	a, b := write("a.jsonl", lines[2], lines[1]), write("b.jsonl", lines[0])
	sources := func(paths []string, stdin string) []string {
		opts := Options{SourceID: true, Stories: StoriesOff}
		opts.Read.Stdin = strings.NewReader(stdin)
		var out []string
		for it := range Run(context.Background(), x, paths, opts) {
			if it.Err != nil {
				t.Fatal(it.Err)
			}
			if it.Doc.Source != it.Source {
				t.Errorf("Item.Source %q, Doc.Source %q", it.Source, it.Doc.Source)
			}
			if strings.HasPrefix(it.Doc.Source, "id:") {
				out = append(out, it.Doc.Source)
			}
		}
		slices.Sort(out)
		return out
	}
	want := []string{"id:7", "id:wire-0042"}
	for _, c := range []struct {
		name  string
		paths []string
		stdin string
	}{
		{"one file", []string{whole}, ""},
		{"split in two files", []string{a, b}, ""},
		{"streamed", []string{"-"}, strings.Join(lines[:2], "\n")},
	} {
		if got := sources(c.paths, c.stdin); !slices.Equal(got, want) {
			t.Errorf("%s: sources %q, want %q", c.name, got, want)
		}
	}
	found := false
	for it := range Run(context.Background(), x, []string{whole}, Options{SourceID: true, Stories: StoriesOff}) {
		found = found || it.Doc.Source == whole+":3"
	}
	if !found {
		t.Errorf("the record without id is not named %s:3", whole)
	}
}
