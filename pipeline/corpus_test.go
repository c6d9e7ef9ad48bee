package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/resolve"
	"github.com/newsgraph/newsgraph/story"
)

// TestCorpusOnePass: Spooled and Corpus, which read every input once, give
// the lines that reading twice gives (Run's StoriesTwoPass, then for
// Corpus corpus-level ids): the same Docs with the same final stories and
// signatures, in the same order, whichever copy of a story comes first.
func TestCorpusOnePass(t *testing.T) {
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	files := seedFiles(t)
	reversed := append([]string(nil), files...)
	sort.Sort(sort.Reverse(sort.StringSlice(reversed)))
	examples, _ := filepath.Abs("../examples")
	// The same text printed again two days later: one article id, two
	// dates, which its signature carries (story.Index.Held).
	orig, err := os.ReadFile(filepath.Join(examples, "2024-05-14-danube-talks.md"))
	if err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(t.TempDir(), "danube-talks-again.md")
	if err := os.WriteFile(again, bytes.Replace(orig, []byte("May 14, 2024"), []byte("May 16, 2024"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	type line struct {
		Doc graph.Doc
		Sig string
	}
	for _, paths := range [][]string{append(files, examples, again), append(append(reversed, again), examples)} {
		ctx := context.Background()
		skip := func(it Item) { t.Errorf("skipped %v", it.Err) }
		// Two reads: Run's StoriesTwoPass.
		var want, got []line
		for d, sig := range Signed(ctx, x, paths, Options{}, skip) {
			nonNil(&d) // as the spool gives them
			want = append(want, line{d, sig})
		}
		if err := Spooled(ctx, x, paths, Options{}, skip, func(d graph.Doc, sig string) error {
			got = append(got, line{d, sig})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Spooled (one read) differs from Signed (two)")
		}
		// Then corpus ids over all of them.
		table := resolve.NewTable(x.Namer())
		for _, l := range want {
			table.Add(l.Doc.ID, resolve.DocLocals(l.Doc))
		}
		m := table.Resolve()
		for i := range want {
			resolve.Apply(&want[i].Doc, m)
		}
		got = nil
		if err := Corpus(ctx, x, paths, Options{}, skip, func(d graph.Doc, sig string) error {
			got = append(got, line{d, sig})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || len(got) < 10 {
			t.Fatalf("%d lines in one pass, %d in two", len(got), len(want))
		}
		stories, dated := 0, 0
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("line %d (%s): one pass differs from two:\n%+v\n%+v", i, want[i].Doc.Source, got[i], want[i])
			}
			if d := want[i].Doc; d.Story != d.ID {
				stories++
			}
			if s := sigOf(t, want[i].Sig); s.Report.NDates > 1 {
				dated++
			}
		}
		if dated != 2 {
			t.Errorf("%d lines whose signature has two dates, want 2 (the example printed again)", dated)
		}
		if stories < 2 {
			t.Errorf("%d articles in another's story, want at least 2 (the seeds' pair, the syndicated example)", stories)
		}
	}
}

// sigOf parses a signature written by Signature.String ("" is none).
func sigOf(t *testing.T, s string) story.Signature {
	t.Helper()
	if s == "" {
		return story.Signature{}
	}
	sig, err := story.ParseSignature(s)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}
