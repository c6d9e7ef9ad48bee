package loader

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// withConfidence gives every attribution of docs a confidence (thousandths
// from a fixed sequence, so that about a third fall below 0.5) and a kind.
func withConfidence(docs []graph.Doc, seed int) []graph.Doc {
	kinds := []string{"speech", "stance", "other"}
	out := make([]graph.Doc, len(docs))
	n := seed
	for i, d := range docs {
		d.Attributions = slices.Clone(d.Attributions)
		for j := range d.Attributions {
			n = (n*7919 + 104729) % 1001
			c := float64(n) / 1000
			d.Attributions[j].Confidence = &c
			d.Attributions[j].Kind = kinds[n%3]
		}
		out[i] = d
	}
	return out
}

// TestConfidenceThreshold loads documents with confidences into a database
// that counts said-about statements at 0.5 or more, per story, in batches,
// with replaced and removed contributions and a story that moves, and
// compares the graph with the one the same rules compute in memory (the
// export's). It checks by hand that statements keep their confidence and
// kind, that the weak ones are labelled Weak and make no edge, and that
// SAID_ABOUT carries the summed confidence; and that a load with another
// threshold fails.
func TestConfidenceThreshold(t *testing.T) {
	drv := neo4jtest.Fresh(t)
	cfg := Config{Database: neo4jtest.Target(t).Database, CountBy: CountByStory, MinConfidence: 0.5}
	l := New(drv, cfg)
	changes, all := changedDocs()
	synth := syntheticDocs(60, 77)
	first := withConfidence(append(append(slices.Clone(synth), handDocs()...), changes...), 1)
	for i := 0; i < len(first); i += 9 {
		load(t, l, first[i:min(i+9, len(first))])
	}
	// The final documents are the last one loaded for each source (all,
	// with the confidences the loads gave them).
	_ = all
	byKey := map[string]graph.Doc{}
	for _, d := range first {
		byKey[d.Source] = d
	}
	var final []graph.Doc
	for _, s := range sortedKeys(byKey) {
		final = append(final, byKey[s])
	}
	want, err := buildModel(slices.Values(final), CountByStory, 500, nil).dump()
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, "confidence threshold 0.5, per story", dump(t, l), want)

	// A story moves: a5 becomes a copy of a1's story and stops counting.
	ctx := context.Background()
	if err := l.SetStories(ctx, []StoryUpdate{{ID: "a5", Story: "a1"}}); err != nil {
		t.Fatal(err)
	}
	for i := range final {
		if final[i].ID == "a5" {
			final[i].Story = "a1"
		}
	}
	want, err = buildModel(slices.Values(final), CountByStory, 500, nil).dump()
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, "after a story moved", dump(t, l), want)

	// By hand: every statement has its confidence and kind; the weak
	// ones, and only they, are Weak.
	recs := query(t, l, `MATCH (s:Statement) RETURN s.confidence AS c, s.kind AS k, s:Weak AS weak`, nil)
	weak := 0
	for _, r := range recs {
		c, ok := get1(r, "c").(float64)
		if !ok || c < 0 || c > 1 || str(r, "k") == "" {
			t.Fatalf("statement without confidence or kind: %v", r.AsMap())
		}
		if w, _ := get1(r, "weak").(bool); w != (c < 0.5) {
			t.Errorf("statement of confidence %v: Weak %v", c, w)
		} else if w {
			weak++
		}
	}
	if weak == 0 || weak == len(recs) {
		t.Fatalf("%d of %d statements weak: the test needs both", weak, len(recs))
	}
	// Every SAID_ABOUT edge counts the statements of at least 0.5 of the
	// articles that count, and sums their confidences.
	edges := query(t, l, `
MATCH (a:Entity)-[r:SAID_ABOUT]->(b:Entity)
OPTIONAL MATCH (a)<-[:BY]-(s:Statement)-[:ABOUT]->(b), (s)-[:IN]->(art:Article)
WHERE s.confidence >= 0.5 AND (art.story IS NULL OR art.story = art.id)
RETURN a.id AS a, b.id AS b, r.count AS n, r.confidence AS c, count(s) AS want, sum(s.confidence) AS wantc, collect(s.id) AS ids`, nil)
	if len(edges) == 0 {
		t.Fatal("no SAID_ABOUT edges")
	}
	for _, r := range edges {
		n, _ := get1(r, "n").(int64)
		c, _ := get1(r, "c").(float64)
		wn, _ := get1(r, "want").(int64)
		wc, _ := get1(r, "wantc").(float64)
		if n != wn || thousandths(c) != thousandths(wc) {
			t.Errorf("SAID_ABOUT %v count %d confidence %v, want %d and %v", r.AsMap(), n, c, wn, wc)
		}
	}
	// No edge comes from weak statements alone.
	if recs := query(t, l, `
MATCH (a:Entity)<-[:BY]-(s:Statement:Weak)-[:ABOUT]->(b:Entity)
WHERE NOT EXISTS { (a)<-[:BY]-(t:Statement)-[:ABOUT]->(b) WHERE NOT t:Weak }
MATCH (a)-[r:SAID_ABOUT]->(b) RETURN r`, nil); len(recs) != 0 {
		t.Errorf("%d SAID_ABOUT edges made by weak statements only", len(recs))
	}

	// Another threshold: refused, naming both.
	other := New(drv, Config{Database: cfg.Database, CountBy: CountByStory, MinConfidence: 0.7})
	_, err = other.Load(ctx, final[:1])
	if !errors.Is(err, ErrMinConfidence) || !strings.Contains(err.Error(), "0.5") || !strings.Contains(err.Error(), "0.7") {
		t.Errorf("load with another threshold: %v, want ErrMinConfidence naming 0.5 and 0.7", err)
	}
	sameGraph(t, "after the refused load", dump(t, l), want)
}
