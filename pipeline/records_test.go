package pipeline

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/story"
)

// TestReadRecordsStories: the records of examples/, written one file per
// article (one of them gzipped, a stray file beside them), read back with
// ReadRecords give the Docs Run gives, with the stories Run gives for all
// of them at once, in two-pass and (finally, through the index) in stream
// mode; a record without a signature is its own story.
func TestReadRecordsStories(t *testing.T) {
	ctx := context.Background()
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	examples := filepath.Join("..", "examples")
	want := map[string]Item{}
	shared := 0
	for it := range Run(ctx, x, []string{examples}, Options{}) {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		want[it.Doc.ID] = it
		if it.Doc.Story != it.Doc.ID {
			shared++
		}
	}
	if shared == 0 {
		t.Fatal("no story of two articles in examples/")
	}
	dir := t.TempDir()
	i := 0
	for d, sig := range Signed(ctx, x, []string{examples}, Options{Stories: StoriesOff}, nil) {
		d.Story = d.ID // as a lone extract run of this article would write it
		b, err := json.Marshal(Record{Doc: d, StorySig: sig})
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, string(rune('a'+i))+".jsonl")
		if i == 0 {
			f, err := os.Create(name + ".gz")
			if err != nil {
				t.Fatal(err)
			}
			zw := gzip.NewWriter(f)
			_, err = zw.Write(append(b, '\n'))
			if err == nil {
				err = zw.Close()
			}
			if err == nil {
				err = f.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(name, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		i++
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a record\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, mode := range []StoryMode{StoriesTwoPass, StoriesStream} {
		opts := Options{Stories: mode}
		if mode == StoriesStream {
			opts.StoryIndex = story.NewIndex(0)
		}
		got, unsupported := 0, 0
		var streamed []string
		for it := range ReadRecords(ctx, []string{dir}, opts) {
			if it.Err != nil {
				if !errors.Is(it.Err, article.ErrUnsupported) {
					t.Errorf("mode %d: %v", mode, it.Err)
				}
				unsupported++
				continue
			}
			got++
			w, ok := want[it.Doc.ID]
			if !ok {
				t.Errorf("mode %d: record %s was not extracted", mode, it.Doc.ID)
				continue
			}
			if mode == StoriesStream {
				// The final story is the index's once every record is
				// read: checked after the loop (reading it now races
				// with the reader, which may not have added the later
				// copies yet).
				streamed = append(streamed, it.Doc.ID)
			} else if it.Doc.Story != w.Doc.Story {
				t.Errorf("mode %d: %s: story %s, want %s", mode, w.Source, it.Doc.Story, w.Doc.Story)
			}
			if it.Doc.Source != w.Source || len(it.Doc.Entities) != len(w.Doc.Entities) || len(it.Doc.Attributions) != len(w.Doc.Attributions) {
				t.Errorf("mode %d: %s read back differs", mode, w.Source)
			}
		}
		if got != len(want) || unsupported != 1 {
			t.Errorf("mode %d: %d records and %d unsupported files, want %d and 1", mode, got, unsupported, len(want))
		}
		for _, id := range streamed {
			if s := opts.StoryIndex.Story(id); s != want[id].Doc.Story {
				t.Errorf("mode %d: %s: story %s, want %s", mode, want[id].Source, s, want[id].Doc.Story)
			}
		}
	}

	// Without signatures every record is its own story.
	noSig := filepath.Join(t.TempDir(), "nosig.jsonl")
	f, err := os.Create(noSig)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for _, w := range want {
		if err := enc.Encode(Record{Doc: w.Doc}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	for it := range ReadRecords(ctx, []string{noSig}, Options{}) {
		if it.Err != nil || it.Doc.Story != it.Doc.ID {
			t.Errorf("without a signature: %v, story %s of %s", it.Err, it.Doc.Story, it.Doc.ID)
		}
	}
}
