package pipeline

import (
	"context"
	"path/filepath"
	"sort"
	"testing"
	"unsafe"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/shareddata"
	"github.com/newsgraph/newsgraph/story"
)

func seedFiles(t *testing.T) []string {
	t.Helper()
	dir := filepath.Dir(shareddata.Path(t, "seeds/gold.json"))
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) != 5 {
		t.Fatalf("want 5 seeds, found %d", len(files))
	}
	sort.Strings(files)
	return files
}

func runDocs(t *testing.T, x *Extractor, paths []string, opts Options) map[string]graph.Doc {
	t.Helper()
	out := map[string]graph.Doc{}
	for it := range Run(context.Background(), x, paths, opts) {
		if it.Err != nil {
			t.Fatalf("input %s: %v", it.Source, it.Err)
		}
		out[filepath.Base(it.Source)[:3]] = it.Doc
	}
	return out
}

// TestSeedsStories: 000 and 001 are one story, whose id is the smaller of
// their ids, whatever the input order; 002, 003 and 004 are their own.
func TestSeedsStories(t *testing.T) {
	files := seedFiles(t)
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	reversed := append([]string(nil), files...)
	sort.Sort(sort.Reverse(sort.StringSlice(reversed)))
	for _, paths := range [][]string{files, reversed} {
		total := -1
		docs := runDocs(t, x, paths, Options{Total: func(n int) { total = n }})
		if total != 5 {
			t.Errorf("Total reported %d articles, want 5", total)
		}
		want := min(docs["000"].ID, docs["001"].ID)
		for _, k := range []string{"000", "001"} {
			if docs[k].Story != want {
				t.Errorf("%s: story %s, want %s (order %v)", k, docs[k].Story, want, paths)
			}
		}
		for _, k := range []string{"002", "003", "004"} {
			if docs[k].Story != docs[k].ID {
				t.Errorf("%s: story %s, want its own id", k, docs[k].Story)
			}
		}
	}
}

// TestStreamStories: in one pass an article's story points back only at
// earlier articles; the index holds the final stories afterwards.
func TestStreamStories(t *testing.T) {
	files := seedFiles(t)
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	idx := story.NewIndex(0)
	docs := runDocs(t, x, files, Options{Stories: StoriesStream, StoryIndex: idx})
	a, b := docs["000"], docs["001"]
	if a.Story != a.ID {
		t.Errorf("000 comes first: story %s, want its own id", a.Story)
	}
	if want := min(a.ID, b.ID); b.Story != want || idx.Story(a.ID) != want {
		t.Errorf("001: story %s, index says 000 is in %s; want both %s", b.Story, idx.Story(a.ID), want)
	}
	off := runDocs(t, x, files, Options{Stories: StoriesOff})
	if d := off["001"]; d.Story != d.ID {
		t.Errorf("StoriesOff: story %s, want the id", d.Story)
	}
}

// TestDetach: a Doc's strings no longer share memory with the article text.
func TestDetach(t *testing.T) {
	text := `Alice Smith met Bob Jones in Paris. "We agreed," Smith said.`
	d := graph.Doc{Title: text[:5], Entities: []graph.Entity{{Name: text[:11], Aliases: []string{text[6:11]},
		Mentions: []graph.Mention{{Start: 0, End: 11, Text: text[:11]}}}},
		Attributions: []graph.Attribution{{Content: article.Span{Start: 37, End: 48, Text: text[37:48]}}}}
	detach(&d)
	inText := func(s string) bool {
		if len(s) == 0 {
			return false
		}
		p, base := unsafe.StringData(s), unsafe.StringData(text)
		return uintptr(unsafe.Pointer(p)) >= uintptr(unsafe.Pointer(base)) &&
			uintptr(unsafe.Pointer(p)) < uintptr(unsafe.Pointer(base))+uintptr(len(text))
	}
	for _, s := range []string{d.Title, d.Entities[0].Name, d.Entities[0].Aliases[0], d.Entities[0].Mentions[0].Text, d.Attributions[0].Content.Text} {
		if inText(s) {
			t.Errorf("%q still points into the article text", s)
		}
	}
	if d.Entities[0].Mentions[0].Text != "Alice Smith" || d.Attributions[0].Content.Text != text[37:48] {
		t.Errorf("detach changed a value: %+v", d)
	}
}
