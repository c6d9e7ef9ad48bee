package loader

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// Integration tests of counting per story (units.go) against a real Neo4j:
// a story counts the union of its copies, whatever the order, batches and
// runs its copies are loaded in, and the counts move back when a copy is
// replaced or leaves the story.

func storyLoader(t testing.TB) *Loader {
	t.Helper()
	return New(neo4jtest.Fresh(t), Config{CountBy: CountByStory})
}

// modelDump is the model's graph of docs under a counting rule.
func modelDump(t testing.TB, docs []graph.Doc, countBy CountBy) string {
	t.Helper()
	s, err := buildModel(slices.Values(docs), countBy, 0, nil).dump()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func storyModel(t testing.TB, docs []graph.Doc) string {
	t.Helper()
	return modelDump(t, docs, CountByStory)
}

// coCount returns CO_MENTIONED_WITH.articles and .sentences between two
// entities (0, 0 when there is no edge).
func coCount(t *testing.T, l *Loader, a, b string) (articles, sentences int64) {
	t.Helper()
	recs := query(t, l, `MATCH (:Entity {id: $a})-[c:CO_MENTIONED_WITH]-(:Entity {id: $b}) RETURN c.articles AS n, c.sentences AS s`,
		map[string]any{"a": a, "b": b})
	if len(recs) == 0 {
		return 0, 0
	}
	n, _ := recs[0].Values[0].(int64)
	s, _ := recs[0].Values[1].(int64)
	return n, s
}

func saidCount(t *testing.T, l *Loader, a, b string) int64 {
	t.Helper()
	recs := query(t, l, `MATCH (:Entity {id: $a})-[c:SAID_ABOUT]->(:Entity {id: $b}) RETURN c.count AS n`,
		map[string]any{"a": a, "b": b})
	if len(recs) == 0 {
		return 0
	}
	n, _ := recs[0].Values[0].(int64)
	return n
}

// recountMatches checks the aggregate edges against a recount from each
// article's evidence that shares no code with the loader
// (neo4jtest.CheckCounts).
func recountMatches(t *testing.T, what string, l *Loader, perStory bool) {
	t.Helper()
	c, err := neo4jtest.CheckCounts(context.Background(), l.Driver(), l.Config().Database, perStory)
	if err != nil {
		t.Fatal(err)
	}
	if c.Pairs == 0 || c.Said == 0 {
		t.Fatalf("%s: the recount found %d pairs, %d said-about pairs", what, c.Pairs, c.Said)
	}
	if len(c.Wrong) > 0 {
		t.Errorf("%s: %d of %d pairs and %d said-about pairs differ from the recount:\n%s", what, len(c.Wrong), c.Pairs, c.Said,
			strings.Join(c.Wrong[:min(len(c.Wrong), 10)], "\n"))
	}
}

func setStories(t *testing.T, l *Loader, ups ...StoryUpdate) {
	t.Helper()
	if err := l.SetStories(context.Background(), ups); err != nil {
		t.Fatalf("SetStories: %v", err)
	}
}

// TestStoryCountsUnionOfCopies: the longer copy of a story (not its
// representative: its id is the larger) holds a co-mention and a statement
// the shorter lacks; both count, once; what both hold counts once. Loading
// the copies in one batch, in either order, in separate runs, or the longer
// first as a story of its own that SetStories later joins to the shorter,
// gives one graph, the model's.
func TestStoryCountsUnionOfCopies(t *testing.T) {
	short, long := storyCopies()
	others := handDocs()
	all := append([]graph.Doc{short, long}, others...)
	want := storyModel(t, all)

	l := storyLoader(t)
	load(t, l, all)
	sameGraph(t, "one batch", dump(t, l), want)
	recountMatches(t, "one batch", l, true)
	for _, c := range []struct {
		a, b    string
		n, sent int64
	}{
		{alice, carol, 1, 0}, // only the longer copy names Carol
		{alice, bob, 3, 4},   // the story (2 in the longer copy), a1, a5
	} {
		if n, s := coCount(t, l, c.a, c.b); n != c.n || s != c.sent {
			t.Errorf("%s - %s: %d stories, %d sentences; want %d, %d", c.a, c.b, n, s, c.n, c.sent)
		}
	}
	// Alice's statement about Bob is in both copies: once (a1 and a5 have
	// one each); Bob's about Carol only in the longer copy.
	if n := saidCount(t, l, alice, bob); n != 3 {
		t.Errorf("alice -> bob: %d statements, want 3", n)
	}
	if n := saidCount(t, l, bob, carol); n != 1 {
		t.Errorf("bob -> carol: %d statements, want 1", n)
	}

	for name, batches := range map[string][][]graph.Doc{
		"longer copy first":     {{long}, others, {short}},
		"shorter copy first":    {{short}, others, {long}},
		"one a batch, reversed": reversedSingles(all),
	} {
		l := storyLoader(t)
		for _, b := range batches {
			load(t, l, b)
		}
		sameGraph(t, name, dump(t, l), want)
	}

	// As stream mode would: the longer copy comes first, as its own story;
	// the shorter (smaller id) comes later and the store moves the longer.
	l = storyLoader(t)
	alone := long
	alone.Story = long.ID
	load(t, l, []graph.Doc{alone})
	load(t, l, others)
	if n, _ := coCount(t, l, alice, carol); n != 1 {
		t.Errorf("the longer copy alone: alice - carol %d, want 1", n)
	}
	load(t, l, []graph.Doc{short})
	setStories(t, l, StoryUpdate{ID: long.ID, Story: short.ID})
	sameGraph(t, "joined by SetStories", dump(t, l), want)
	recountMatches(t, "joined by SetStories", l, true)
	// Running it again changes nothing.
	setStories(t, l, StoryUpdate{ID: long.ID, Story: short.ID}, StoryUpdate{ID: short.ID, Story: short.ID})
	sameGraph(t, "SetStories again", dump(t, l), want)
}

func reversedSingles(docs []graph.Doc) [][]graph.Doc {
	var out [][]graph.Doc
	for i := len(docs) - 1; i >= 0; i-- {
		out = append(out, docs[i:i+1])
	}
	return out
}

// TestStoryCountsMoveBack: replacing the longer copy by another text (its
// source changed), or moving it out of the story, moves the counts back;
// changing it back gives the first graph again.
func TestStoryCountsMoveBack(t *testing.T) {
	short, long := storyCopies()
	others := handDocs()
	all := append([]graph.Doc{short, long}, others...)

	l := storyLoader(t)
	load(t, l, all)
	first := dump(t, l)

	// The longer copy's source now holds another text, a story of its own.
	other := graph.Doc{ID: "c3", Source: long.Source, Published: "2023-05-01", Story: "c3",
		Entities: []graph.Entity{ent(rome, graph.Location, "Rome", nil, nil, 0), ent(paris, graph.Location, "Paris", nil, nil, 0)}}
	replaced := append([]graph.Doc{short, other}, others...)
	load(t, l, []graph.Doc{other})
	sameGraph(t, "longer copy replaced", dump(t, l), storyModel(t, replaced))
	recountMatches(t, "longer copy replaced", l, true)
	sameGraph(t, "longer copy replaced vs a clean load", dump(t, l), func() string {
		c := storyLoader(t)
		load(t, c, replaced)
		return dump(t, c)
	}())
	if n, _ := coCount(t, l, alice, carol); n != 0 {
		t.Errorf("alice - carol after the replacement: %d, want no edge", n)
	}
	if n := saidCount(t, l, alice, bob); n != 3 {
		t.Errorf("alice -> bob after the replacement: %d, want 3 (the shorter copy's, a1's and a5's)", n)
	}

	l = storyLoader(t)
	load(t, l, all)
	load(t, l, []graph.Doc{other})
	load(t, l, []graph.Doc{long})
	sameGraph(t, "longer copy back", dump(t, l), first)

	// The longer copy leaves the story: it counts on its own.
	apart := slices.Clone(all)
	apart[1].Story = long.ID
	setStories(t, l, StoryUpdate{ID: long.ID, Story: long.ID})
	sameGraph(t, "longer copy apart", dump(t, l), storyModel(t, apart))
	recountMatches(t, "longer copy apart", l, true)
	if n, _ := coCount(t, l, alice, bob); n != 4 {
		t.Errorf("alice - bob with the copies apart: %d, want 4", n)
	}
	setStories(t, l, StoryUpdate{ID: long.ID, Story: short.ID})
	sameGraph(t, "longer copy joined again", dump(t, l), first)
}

// storyDocs is a synthetic corpus in stories: groups of one to four
// articles, each copy a cut of its group's first text (some entities and
// statements left out, one entity of its own, another date), the story id
// the smallest id of the group. Every statement of a group has words of its
// own; a third of the copies repeat their first statement with other
// punctuation, a third with one word edited.
func storyDocs(n, seed int) []graph.Doc {
	base := syntheticDocs(n, seed)
	r := rand.New(rand.NewPCG(uint64(seed), 99))
	var out []graph.Doc
	for i := 0; i < len(base); {
		size := 1 + r.IntN(4)
		group := base[i:min(i+size, len(base))]
		i += size
		first := group[0]
		first.Attributions = slices.Clone(first.Attributions)
		for j := range first.Attributions {
			var w []string
			for x := range 6 {
				w = append(w, fmt.Sprintf("w%d-%d-%d-%d", seed, i, j, x))
			}
			first.Attributions[j].Content.Text = strings.Join(w, " ")
		}
		var ids []string
		for k := range group {
			d := first
			d.ID, d.Source = group[k].ID, group[k].Source
			if k > 0 {
				d.Published = fmt.Sprintf("%s%d", first.Published[:len(first.Published)-1], r.IntN(10))
				d.Entities = nil
				for _, e := range first.Entities {
					if r.IntN(3) > 0 {
						d.Entities = append(d.Entities, e)
					}
				}
				d.Entities = append(d.Entities, ent(fmt.Sprintf("loc:only-%d-%d", seed, i+k), graph.Location, "Only Here", nil, nil, 30+k))
				d.Attributions = nil
				for j, at := range first.Attributions {
					if r.IntN(4) == 0 {
						continue
					}
					if j == 0 {
						switch r.IntN(3) {
						case 0:
							at.Content.Text = "«" + at.Content.Text + "!»"
						case 1:
							at.Content.Text += " edited"
						}
					}
					d.Attributions = append(d.Attributions, at)
				}
			}
			out = append(out, d)
			ids = append(ids, d.ID)
		}
		story := slices.Min(ids)
		for k := len(out) - len(group); k < len(out); k++ {
			out[k].Story = story
		}
	}
	return out
}

// TestStoryCountsRandomOrder: a synthetic corpus in stories, loaded in
// random batches and orders (some documents twice), gives the model's
// graph; so does loading it as stream mode would, each article first under
// the smallest id of its story seen so far, corrected by SetStories after
// each batch.
func TestStoryCountsRandomOrder(t *testing.T) {
	docs := storyDocs(90, 31)
	multi := 0
	for _, d := range docs {
		if d.Story != d.ID {
			multi++
		}
	}
	if multi < 20 {
		t.Fatalf("only %d copies in stories of several", multi)
	}
	want := storyModel(t, docs)
	if want == modelDump(t, docs, CountByCopy) {
		t.Fatal("counting per story gives the per-copy graph")
	}

	r := rand.New(rand.NewPCG(8, 9))
	for trial := range 2 {
		l := storyLoader(t)
		loadRandomBatches(t, l, docs, r, 25)
		sameGraph(t, fmt.Sprintf("random batches %d", trial), dump(t, l), want)
		if trial == 0 {
			recountMatches(t, "random batches", l, true)
		}
	}

	// Stream mode: provisional stories, moved after each batch.
	final := map[string]string{}
	for _, d := range docs {
		final[d.ID] = d.Story
	}
	l := storyLoader(t)
	seen := map[string]string{} // story → smallest id loaded so far
	stored := map[string]string{}
	perm := r.Perm(len(docs))
	for i := 0; i < len(perm); i += 10 {
		var b []graph.Doc
		for _, j := range perm[i:min(i+10, len(perm))] {
			d := docs[j]
			if s, ok := seen[d.Story]; !ok || d.ID < s {
				seen[d.Story] = d.ID
			}
			b = append(b, d)
		}
		for k := range b {
			b[k].Story = seen[b[k].Story]
			stored[b[k].ID] = b[k].Story
		}
		load(t, l, b)
		var ups []StoryUpdate
		for _, id := range sortedKeys(stored) {
			if s := seen[final[id]]; s != stored[id] {
				ups = append(ups, StoryUpdate{ID: id, Story: s})
				stored[id] = s
			}
		}
		setStories(t, l, ups...)
	}
	sameGraph(t, "stream mode", dump(t, l), want)
}

// TestStoryCountsFollowResolve: corpus resolution maps again articles that
// are copies in one story (one copy names an acronym the other spells out);
// the story's union is recomputed with the new mapping, in any order.
func TestStoryCountsFollowResolve(t *testing.T) {
	docs := corpusDocs()
	copyOf := docs[1] // FWB, Quill, Zentrix
	copyOf.ID, copyOf.Source, copyOf.Story = "r2b", "c/r2b.txt", "r2"
	copyOf.Published = "2024-01-04"
	copyOf.Entities = append(slices.Clone(copyOf.Entities), ent("loc:nowhere-city", graph.Location, "Nowhere City", nil, nil, 3))
	docs = append(docs, copyOf)
	opts := ExportOptions{CountBy: CountByStory, Namer: graph.DefaultResolver()}
	want, err := ExpectedDump(slices.Values(docs), opts)
	if err != nil {
		t.Fatal(err)
	}
	newLoader := func() *Loader {
		return New(neo4jtest.Fresh(t), Config{CountBy: CountByStory, Namer: graph.DefaultResolver()})
	}
	l := newLoader()
	load(t, l, docs)
	resolveAll(t, l)
	sameGraph(t, "one batch", dump(t, l), want)
	recountMatches(t, "resolved", l, true)
	// FWB is the Federal Widget Board (r1): r2 and its copy hold Quill's
	// statement about it once.
	if n := saidCount(t, l, "person:dana-quill", "org:federal-widget-board"); n != 2 {
		t.Errorf("dana-quill -> federal-widget-board: %d, want 2 (r1, and the story of r2)", n)
	}

	l = newLoader()
	for _, b := range reversedSingles(docs) {
		load(t, l, b)
		resolveAll(t, l)
	}
	sameGraph(t, "reverse, one a batch", dump(t, l), want)
}
