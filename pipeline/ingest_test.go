package pipeline

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/resolve"
	"github.com/newsgraph/newsgraph/story"
)

// memStore is a Sink and StoryStore in memory: what the loader would keep of
// each article (its story and signature).
type memStore struct {
	story, sig map[string]string
	loads      int
}

func newMemStore() *memStore {
	return &memStore{story: map[string]string{}, sig: map[string]string{}}
}

func (m *memStore) Load(_ context.Context, docs []graph.Doc) (loader.Stats, error) {
	m.loads++
	for _, d := range docs {
		m.story[d.ID] = d.Story
	}
	return loader.Stats{Added: len(docs)}, nil
}

func (m *memStore) StorySignatures(_ context.Context, fn func(id, sig string) error) error {
	ids := make([]string, 0, len(m.sig))
	for id := range m.sig {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := fn(id, m.sig[id]); err != nil {
			return err
		}
	}
	return nil
}

func (m *memStore) SetStories(_ context.Context, ups []StoryUpdate) error {
	for _, u := range ups {
		if _, ok := m.story[u.ID]; !ok {
			continue
		}
		m.story[u.ID] = u.Story
		if u.Signature != "" {
			m.sig[u.ID] = u.Signature
		}
	}
	return nil
}

// TestIngestStoriesAcrossRuns: 001 is ingested first (its own story), then
// 000, its near-duplicate with the smaller id, in a later run: the stored
// 001 must move to 000's story. 002-004 stay alone. Both story modes, and
// batches of one.
func TestIngestStoriesAcrossRuns(t *testing.T) {
	files := seedFiles(t) // 000 ... 004
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for k, d := range runDocs(t, x, files, Options{Stories: StoriesOff}) {
		ids[k] = d.ID
	}
	want := map[string]string{}
	for _, id := range ids {
		want[id] = id
	}
	first := min(ids["000"], ids["001"])
	want[ids["000"]], want[ids["001"]] = first, first
	if first != ids["000"] {
		t.Fatalf("the test expects 000 to have the smaller id")
	}
	for _, mode := range []StoryMode{StoriesTwoPass, StoriesStream} {
		m := newMemStore()
		for _, run := range [][]string{{files[1], files[2]}, {files[3], files[0], files[4]}} {
			_, err := Ingest(context.Background(), run, IngestOptions{
				Options: Options{Stories: mode}, BatchSize: 1, Loader: m, Extractor: x, StoryStore: m,
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(m.story) != 5 || len(m.sig) != 5 {
			t.Fatalf("mode %d: %d articles, %d signatures stored; want 5 and 5", mode, len(m.story), len(m.sig))
		}
		for id, s := range want {
			if m.story[id] != s {
				t.Errorf("mode %d: stored story of %s is %s, want %s", mode, id[:8], m.story[id][:8], s[:8])
			}
		}
	}
}

type failingStore struct{ *memStore }

func (failingStore) StorySignatures(context.Context, func(id, sig string) error) error {
	return errors.New("no database")
}

func TestIngestStoryStoreError(t *testing.T) {
	files := seedFiles(t)
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	m := newMemStore()
	_, err = Ingest(context.Background(), files[:1], IngestOptions{Loader: m, Extractor: x, StoryStore: failingStore{m}})
	if err == nil || m.loads != 0 {
		t.Errorf("a store that cannot be read: err %v after %d loads; want an error before loading", err, m.loads)
	}
}

// TestIngestLegacySignatures: signatures stored before the same-report check
// (the first format) are left out of the grouping, so a re-ingest of the
// same sources signs the articles again and sets their stories by today's
// rule, whatever stories the old rule left behind.
func TestIngestLegacySignatures(t *testing.T) {
	files := seedFiles(t) // 000 ... 004
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	m := newMemStore()
	opts := IngestOptions{Loader: m, Extractor: x, StoryStore: m}
	if _, err := Ingest(context.Background(), files, opts); err != nil {
		t.Fatal(err)
	}
	want := maps.Clone(m.story)
	// What an older version stored: signatures of the first format, and a
	// story that groups every article under one id.
	var first string
	for id := range m.story {
		if first == "" || id < first {
			first = id
		}
	}
	for id, sig := range m.sig {
		m.sig[id] = legacySignature(t, sig)
		m.story[id] = first
	}
	if _, err := Ingest(context.Background(), files, opts); err != nil {
		t.Fatal(err)
	}
	for id, s := range want {
		if m.story[id] != s {
			t.Errorf("after re-ingest, story of %s is %s, want %s", id[:8], m.story[id][:8], s[:8])
		}
		if sig, err := story.ParseSignature(m.sig[id]); err != nil || sig.Legacy() {
			t.Errorf("after re-ingest, signature of %s: legacy %v, %v", id[:8], sig.Legacy(), err)
		}
	}
}

// legacySignature re-encodes a signature in the first format: the values,
// the keys and the Usable byte, without the version byte and the report.
func legacySignature(t *testing.T, sig string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		t.Fatal(err)
	}
	n := article.MinHashSize + 4*story.Bands
	old := append(b[1:1+n:1+n], b[1+n]&1)
	s, err := story.ParseSignature(base64.StdEncoding.EncodeToString(old))
	if err != nil || !s.Legacy() {
		t.Fatalf("legacy signature: %v", err)
	}
	return base64.StdEncoding.EncodeToString(old)
}

// TestIngestStoresAllDates: one text read twice with two dates is one
// article; the signature stored with it holds both dates (story.Index.Held),
// so a later run compares new copies with each of them, as one run would.
func TestIngestStoresAllDates(t *testing.T) {
	text := "The harbour board of Veldrin approved on Monday a plan to deepen the northern channel so that larger " +
		"grain ships can load at the port, a spokesman said, adding that work would start in the spring and take two years."
	var lines []string
	for _, day := range []string{"2021-05-03", "2021-05-17"} {
		b, err := json.Marshal(map[string]string{"text": text, "date": day})
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	path := filepath.Join(t.TempDir(), "copies.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []StoryMode{StoriesTwoPass, StoriesStream} {
		m := newMemStore()
		_, err := Ingest(context.Background(), []string{path}, IngestOptions{
			Options: Options{Stories: mode}, Loader: m, Extractor: x, StoryStore: m,
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.sig) != 1 {
			t.Fatalf("mode %d: %d articles stored, want 1", mode, len(m.sig))
		}
		for _, enc := range m.sig {
			s, err := story.ParseSignature(enc)
			if err != nil {
				t.Fatal(err)
			}
			if r := s.Report; !r.Dated || r.NDates != 2 {
				t.Errorf("mode %d: stored dates %v (%d), want both", mode, r.Dates, r.NDates)
			}
		}
	}
}

// docSink keeps every document loaded.
type docSink struct{ docs []graph.Doc }

func (s *docSink) Load(_ context.Context, docs []graph.Doc) (loader.Stats, error) {
	s.docs = append(s.docs, docs...)
	return loader.Stats{Added: len(docs)}, nil
}

// TestIngestTwoPassDocs: a two-pass ingest (names first, attribution while
// loading) loads the Docs, stories and order that Spooled gives (as
// extract does), in batches of any size.
func TestIngestTwoPassDocs(t *testing.T) {
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	examples, _ := filepath.Abs("../examples")
	paths := append(seedFiles(t), examples)
	var want []graph.Doc
	if err := Spooled(context.Background(), x, paths, Options{}, nil, func(d graph.Doc, _ string) error {
		want = append(want, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	defer func(k int) { keepMax = k }(keepMax)
	// The second pass takes the first pass's articles from memory, or
	// (past keepMax) reads the inputs again.
	for _, keep := range []int{keepMax, 0} {
		keepMax = keep
		for _, size := range []int{1, 4, 100} {
			var s docSink
			if _, err := Ingest(context.Background(), paths, IngestOptions{Loader: &s, Extractor: x, BatchSize: size}); err != nil {
				t.Fatal(err)
			}
			if len(s.docs) != len(want) {
				t.Fatalf("keepMax %d, batches of %d: %d docs loaded, want %d", keep, size, len(s.docs), len(want))
			}
			for i := range want {
				nonNil(&s.docs[i])
				if !reflect.DeepEqual(s.docs[i], want[i]) {
					t.Errorf("keepMax %d, batches of %d: doc %d (%s) differs from extract's", keep, size, i, want[i].Source)
				}
			}
		}
	}
}

// TestIngestInputChanged: an input that changes between the two passes
// fails the run rather than loading an article with another's names, when
// the second pass reads the inputs again; when the first pass's articles
// are kept in memory, the change cannot reach the run, and every article
// is loaded as the first pass read it.
func TestIngestInputChanged(t *testing.T) {
	defer func(k int) { keepMax = k }(keepMax)
	for _, keep := range []int{0, keepMax} {
		keepMax = keep
		t.Run(fmt.Sprintf("keepMax=%d", keep), func(t *testing.T) { ingestInputChanged(t, keep > 0) })
	}
}

func ingestInputChanged(t *testing.T, kept bool) {
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range seedFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	changed := filepath.Join(dir, filepath.Base(seedFiles(t)[2]))
	var s docSink
	opts := IngestOptions{Loader: &s, Extractor: x, BatchSize: 2}
	opts.Total = func(int) {
		if err := os.WriteFile(changed, []byte("Someone else wrote this text in the meantime, about Paris and Berlin.\n"), 0o644); err != nil {
			t.Error(err)
		}
	}
	_, err = Ingest(context.Background(), []string{dir}, opts)
	t.Logf("err: %v", err)
	if kept {
		if err != nil {
			t.Fatalf("ingest with the first pass's articles kept: %v", err)
		}
		if len(s.docs) != len(seedFiles(t)) {
			t.Fatalf("%d docs loaded, want %d", len(s.docs), len(seedFiles(t)))
		}
		for _, d := range s.docs {
			for _, e := range d.Entities {
				if e.Name == "Berlin" {
					t.Errorf("%s: an entity of the text written between the passes", d.Source)
				}
			}
		}
		return
	}
	if err == nil || !strings.Contains(err.Error(), "change") {
		t.Fatalf("ingest of an input changed between the passes: err %v, want one that says so", err)
	}
}

// foreseeSink records what a two-pass ingest foresees as well as what it
// loads.
type foreseeSink struct {
	docSink
	foreseen []graph.Doc
}

func (s *foreseeSink) Foresee(docs ...graph.Doc) { s.foreseen = append(s.foreseen, docs...) }

// TestIngestForeseesExtractEvidence: the evidence a two-pass ingest gives
// corpus resolution before loading (its first pass) is what extract
// resolves with: every article's entities and the names it condemns ("the
// film Glass Harbour"), so the graph condemns the names extract drops.
func TestIngestForeseesExtractEvidence(t *testing.T) {
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	texts := map[string]string{
		"a.txt": "Critics praised the film Glass Harbour on Friday.\n\nDirector Mona Vellin said Glass Harbour took four years to make, the studio said.",
		"b.txt": "Glass Harbour opened in Lisbon and Madrid this week.\n\nMona Vellin said she was pleased.",
	}
	for name, text := range texts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]graph.Doc{}
	if err := Spooled(context.Background(), x, []string{dir}, Options{}, nil, func(d graph.Doc, _ string) error {
		want[d.ID] = d
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var s foreseeSink
	if _, err := Ingest(context.Background(), []string{dir}, IngestOptions{Loader: &s, Extractor: x}); err != nil {
		t.Fatal(err)
	}
	if len(s.foreseen) != len(want) {
		t.Fatalf("%d docs foreseen, want %d", len(s.foreseen), len(want))
	}
	condemned := 0
	for _, f := range s.foreseen {
		w := want[f.ID]
		if !reflect.DeepEqual(resolve.DocLocals(f), resolve.DocLocals(w)) {
			t.Errorf("%s: foreseen evidence %+v, extract's %+v", w.Source, resolve.DocLocals(f), resolve.DocLocals(w))
		}
		condemned += len(w.NotEntities)
	}
	if condemned == 0 {
		t.Fatal("no article condemns a name: the test articles do not test it")
	}
}
