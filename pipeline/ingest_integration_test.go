package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/loader"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// exampleCopy copies examples/ into a temporary folder, so that a test may
// change an article; every run of a test reads the same paths, so sources
// match across runs.
func exampleCopy(t *testing.T) (dir string, files []string) {
	t.Helper()
	dir = t.TempDir()
	src := filepath.Join("..", "examples")
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, e.Name())
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	sort.Strings(files)
	return dir, files
}

// ingestInto loads paths into the test database (emptied first when fresh)
// and returns the canonical dump of the whole graph.
func ingestInto(t *testing.T, fresh bool, runs ...[]string) string {
	t.Helper()
	return ingestCounting(t, loader.CountByCopy, fresh, runs...)
}

// ingestCounting is ingestInto with a counting rule.
func ingestCounting(t *testing.T, countBy loader.CountBy, fresh bool, runs ...[]string) string {
	t.Helper()
	dump, _ := ingestStories(t, countBy, StoriesAuto, fresh, runs...)
	return dump
}

// ingestStories is ingestCounting with a story mode; it also returns what
// each run did.
func ingestStories(t *testing.T, countBy loader.CountBy, stories StoryMode, fresh bool, runs ...[]string) (string, []IngestResult) {
	t.Helper()
	d := neo4jtest.Driver(t)
	if fresh {
		d = neo4jtest.Fresh(t)
	}
	ep := neo4jtest.Target(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	// As newsgraph ingest: corpus-level entity resolution after each run.
	l := loader.New(d, loader.Config{Database: ep.Database, CountBy: countBy, Namer: x.Namer()})
	if err := l.Schema(ctx); err != nil {
		t.Fatal(err)
	}
	var results []IngestResult
	for _, paths := range runs {
		how := IngestOptions{Options: Options{Stories: stories}, Loader: l, Extractor: x, BatchSize: 3, StoryStore: l}
		if len(paths) == 1 && strings.HasSuffix(paths[0], ".jsonl") {
			how.Read = ReadRecords // what newsgraph load does
		}
		res, err := Ingest(ctx, paths, how)
		if err != nil {
			t.Fatalf("ingest %v: %v", paths, err)
		}
		if len(res.Skipped) > 0 {
			t.Fatalf("ingest skipped %v", res.Skipped)
		}
		results = append(results, res)
	}
	dump, err := loader.Dump(ctx, d, ep.Database)
	if err != nil {
		t.Fatal(err)
	}
	return dump, results
}

// TestIngestMapsOnce: a two-pass ingest (the default for files) extracts
// every article before loading, so the loader maps every article with the
// whole run's evidence and Resolve has none to map again on a fresh
// database; the graph is the one that loading while extracting (stream
// mode, provisional mappings corrected by Resolve) gives.
func TestIngestMapsOnce(t *testing.T) {
	dir, _ := exampleCopy(t)
	paths := append([]string{dir}, seedFiles(t)...)
	got, res := ingestStories(t, loader.CountByCopy, StoriesTwoPass, true, paths)
	if r := res[0].Resolved; r.Moved != 0 || r.Joined == 0 || !r.FromRun {
		t.Errorf("two-pass ingest: Resolve mapped %d articles again (want 0), joined %d keys (want some: else this test shows nothing), took the run's mapping %v (want true)", r.Moved, r.Joined, r.FromRun)
	}
	want, res := ingestStories(t, loader.CountByCopy, StoriesStream, true, paths)
	if res[0].Resolved.Moved == 0 {
		t.Logf("stream ingest: Resolve mapped no article again either")
	}
	if res[0].Resolved.FromRun {
		t.Errorf("stream ingest: Resolve took the run's mapping, but its batches were mapped before all evidence was in")
	}
	sameGraph(t, "two-pass vs stream ingest", want, got)

	// newsgraph load of what extract wrote: the same.
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := Corpus(context.Background(), x, paths, Options{}, nil, func(d graph.Doc, sig string) error {
		return enc.Encode(Record{Doc: d, StorySig: sig})
	}); err != nil {
		t.Fatal(err)
	}
	lines := filepath.Join(t.TempDir(), "extracted.jsonl")
	if err := os.WriteFile(lines, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	loaded, res := ingestStories(t, loader.CountByCopy, StoriesAuto, true, []string{lines})
	if r := res[0].Resolved; r.Moved != 0 || !r.FromRun {
		t.Errorf("load: Resolve mapped %d articles again (want 0), took the run's mapping %v (want true)", r.Moved, r.FromRun)
	}
	sameGraph(t, "load vs ingest", got, loaded)
}

func sameGraph(t *testing.T, what, want, got string) {
	t.Helper()
	neo4jtest.SameGraph(t, what, want, got)
}

// TestIngestExamplesIdempotent: ingesting examples/ twice, or in two halves
// in either order, gives the graph of one run.
func TestIngestExamplesIdempotent(t *testing.T) {
	dir, files := exampleCopy(t)
	once := ingestInto(t, true, []string{dir})
	if !strings.Contains(once, "Article") {
		t.Fatalf("the dump holds no articles:\n%.500s", once)
	}
	twice := ingestInto(t, false, []string{dir})
	sameGraph(t, "ingest twice", once, twice)

	// The halves keep the two copies of the syndicated story together: a
	// story that spans separate runs is TestIngestStoryAcrossRuns.
	half := 4 // 2024-05-10 … 2024-05-15 | 2024-05-16, wires.jsonl
	a, b := files[:half], files[half:]
	sameGraph(t, "halves a then b", once, ingestInto(t, true, a, b))
	sameGraph(t, "halves b then a", once, ingestInto(t, true, b, a))
}

// TestIngestChangedArticle: changing one article's text and ingesting again
// gives the graph of a clean load of the changed set.
func TestIngestChangedArticle(t *testing.T) {
	dir, files := exampleCopy(t)
	ingestInto(t, true, []string{dir})

	// Change one article: drop its last paragraph and add a new statement.
	var target string
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			target = f
			break
		}
	}
	b, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimRight(string(b), "\n")
	if i := strings.LastIndex(text, "\n\n"); i > 0 {
		text = text[:i]
	}
	text += "\n\nNATO Secretary General Jens Stoltenberg said Romania and Moldova would get help to clear the river.\n"
	if err := os.WriteFile(target, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := ingestInto(t, false, []string{dir})
	clean := ingestInto(t, true, []string{dir})
	sameGraph(t, "re-ingest after a change vs clean load", clean, changed)
	if !strings.Contains(clean, "Stoltenberg") {
		t.Errorf("the changed article's new entity is not in the graph")
	}
}

// TestIngestSeedsStoryAcrossRuns: seed 001 ingested alone, then 000 (its
// near-duplicate with the smaller id) and the other seeds in a later run,
// give the graph of one run of all five: 001 moves to 000's story in Neo4j
// (Article.story and its ledger entry), with the signatures stored.
func TestIngestSeedsStoryAcrossRuns(t *testing.T) {
	files := seedFiles(t)
	once := ingestInto(t, true, files)
	split := ingestInto(t, true, files[1:2], []string{files[0], files[2], files[3], files[4]})
	sameGraph(t, "seeds 001, then the rest", once, split)

	d := neo4jtest.Driver(t)
	ctx := context.Background()
	res, err := neo4j.ExecuteQuery(ctx, d, `MATCH (a:Article) WHERE a.story_sig IS NOT NULL
		RETURN a.source AS source, a.story AS story, a.id AS id ORDER BY source`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(neo4jtest.Target(t).Database))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 5 {
		t.Fatalf("%d articles with a story signature, want 5", len(res.Records))
	}
	stories := map[string]int{}
	var s000, s001 string
	for _, rec := range res.Records {
		m := rec.AsMap()
		src, story := m["source"].(string), m["story"].(string)
		stories[story]++
		switch filepath.Base(src)[:3] {
		case "000":
			s000 = story
		case "001":
			s001 = story
		}
	}
	if s000 == "" || s000 != s001 || len(stories) != 4 {
		t.Errorf("stories: 000 %q, 001 %q, %d distinct; want 000 and 001 in one story and 4 stories", s000, s001, len(stories))
	}
}

// aggregateEdges keeps the CO_MENTIONED_WITH and SAID_ABOUT lines of a dump.
func aggregateEdges(dump string) string {
	var out []string
	for _, l := range strings.Split(dump, "\n") {
		if strings.HasPrefix(l, "[CO_MENTIONED_WITH ") || strings.HasPrefix(l, "[SAID_ABOUT ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestIngestCountByStory: counted per story, seeds 000 and 001 (one story;
// 001 is a longer cut, with a larger id) count once, as the union of their
// pairs and statements: every aggregate edge equals a recount from the
// articles' evidence (neo4jtest.CheckCounts), pairs only 001 holds count,
// and what both hold counts once, while 001 keeps its article, MENTIONS and
// statements. Loading 001 first (then its own story) and the rest in a
// later run gives the graph of one run.
func TestIngestCountByStory(t *testing.T) {
	files := seedFiles(t)
	without001 := []string{files[0], files[2], files[3], files[4]}
	without := aggregateEdges(ingestCounting(t, loader.CountByCopy, true, without001))
	only000 := aggregateEdges(ingestCounting(t, loader.CountByCopy, true, files[:1]))
	only001 := aggregateEdges(ingestCounting(t, loader.CountByCopy, true, files[1:2]))
	copyAll := ingestCounting(t, loader.CountByCopy, true, files)
	once := ingestCounting(t, loader.CountByStory, true, files)
	if without == "" {
		t.Fatal("the seeds gave no aggregate edges")
	}
	ctx := context.Background()
	check, err := neo4jtest.CheckCounts(ctx, neo4jtest.Driver(t), neo4jtest.Target(t).Database, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(check.Wrong) > 0 || check.Pairs == 0 {
		t.Errorf("per story: %d of %d pairs differ from the recount:\n%s", len(check.Wrong), check.Pairs,
			strings.Join(check.Wrong[:min(len(check.Wrong), 10)], "\n"))
	}
	// Pairs 001 holds and 000 does not: counted per story (the old rule,
	// counting only the representative 000, left them out).
	pairs := func(edges string) map[string]string {
		out := map[string]string{}
		for _, l := range strings.Split(edges, "\n") {
			if i := strings.Index(l, " {"); i > 0 && strings.HasPrefix(l, "[CO_MENTIONED_WITH ") {
				out[l[:i]] = l[i:]
			}
		}
		return out
	}
	in000, in001, perStory, perCopy := pairs(only000), pairs(only001), pairs(aggregateEdges(once)), pairs(aggregateEdges(copyAll))
	longer := 0
	for p := range in001 {
		if _, ok := in000[p]; ok {
			continue
		}
		longer++
		if _, ok := perStory[p]; !ok {
			t.Errorf("%s: only the longer copy 001 holds it, and it is missing per story", p)
		}
	}
	if longer == 0 {
		t.Error("001 holds no pair that 000 lacks: the test shows nothing")
	}
	if len(perStory) != len(perCopy) {
		t.Errorf("per story %d co-mention edges, per copy %d: the union of the copies has the same pairs", len(perStory), len(perCopy))
	}
	if aggregateEdges(copyAll) == aggregateEdges(once) {
		t.Error("counting per copy gives the same edges as per story: 001 adds nothing")
	}
	if !strings.Contains(once, "001") {
		t.Error("the copy's article is missing when counting per story")
	}
	split := ingestCounting(t, loader.CountByStory, true, files[1:2], without001)
	sameGraph(t, "per story: 001 first, then the rest, vs one run", once, split)

	// A database keeps the rule of its first load.
	d := neo4jtest.Driver(t)
	l := loader.New(d, loader.Config{Database: neo4jtest.Target(t).Database, CountBy: loader.CountByCopy})
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	_, err = Ingest(context.Background(), files[:1], IngestOptions{Loader: l, Extractor: x, StoryStore: l,
		Options: Options{Stories: StoriesOff}})
	if !errors.Is(err, loader.ErrCountBy) {
		t.Errorf("loading per copy into a database counted per story: %v, want ErrCountBy", err)
	}
}

// TestIngestEqualsExportModel: what Ingest builds in Neo4j (two runs, in
// batches, stories and signatures through the StoryStore, counted per story)
// equals the graph that "newsgraph export" describes for the same articles
// (loader.ExpectedDump of pipeline.Signed: the model ExportCSV writes, whose
// neo4j-admin import loader.TestExportImportEqualsLoad checks).
func TestIngestEqualsExportModel(t *testing.T) {
	_, files := exampleCopy(t)
	seeds := seedFiles(t)
	all := append(append([]string{}, files...), seeds...)
	got := ingestCounting(t, loader.CountByStory, true, seeds[1:2], append(append([]string{}, files...), seeds[0], seeds[2], seeds[3], seeds[4]))

	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	sigs := map[string]string{}
	docs := func(yield func(graph.Doc) bool) {
		for d, sig := range Signed(context.Background(), x, all, Options{}, func(it Item) { t.Errorf("skipped %v", it.Err) }) {
			sigs[d.ID] = sig
			if !yield(d) {
				return
			}
		}
	}
	want, err := loader.ExpectedDump(docs, loader.ExportOptions{CountBy: loader.CountByStory,
		StorySig: func(id string) string { return sigs[id] }, Namer: x.Namer()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(want, `"story_sig"`) || !strings.Contains(want, "SAID_ABOUT") {
		t.Fatalf("the expected graph has no story signatures or SAID_ABOUT:\n%.500s", want)
	}
	sameGraph(t, "ingest vs the export's graph", want, got)
}
