package graph_test

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/gold"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/shareddata"
	"github.com/newsgraph/newsgraph/pipeline"
)

// TestSeedsOneNodePerEntity runs the whole extraction on the five seed
// articles and checks the bar: every gold entity found is exactly one
// node (one id over the corpus) with the gold type and the gold canonical
// name, no node holds two gold entities, and pairwise alias merges reach
// precision and recall 0.95.
func TestSeedsOneNodePerEntity(t *testing.T) {
	goldPath := shareddata.Path(t, "seeds/gold.json")
	f, err := gold.Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(filepath.Dir(goldPath), "0*.txt"))
	if err != nil || len(paths) != 5 {
		t.Fatalf("seed articles: %v %v", paths, err)
	}
	x, err := pipeline.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	var docs []graph.Doc
	for it := range pipeline.Run(context.Background(), x, paths, pipeline.Options{Workers: 1}) {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		docs = append(docs, it.Doc)
	}
	// gold surface -> canonical, per article.
	canon := map[string]string{}
	for c, v := range f.Canonical {
		canon[c] = c
		for _, a := range v.Aliases {
			canon[a] = c
		}
	}
	idsOf := map[string]map[string]bool{}  // gold canonical -> ids
	goldOf := map[string]map[string]bool{} // id -> gold canonicals
	for _, d := range docs {
		for _, e := range d.Entities {
			for _, m := range e.Mentions {
				c, ok := canon[m.Text]
				if !ok {
					continue
				}
				if idsOf[c] == nil {
					idsOf[c] = map[string]bool{}
				}
				idsOf[c][e.ID] = true
				if goldOf[e.ID] == nil {
					goldOf[e.ID] = map[string]bool{}
				}
				goldOf[e.ID][c] = true
				if e.Type != f.Canonical[c].Type {
					t.Errorf("%s: %s (%q) has type %s, gold %s", filepath.Base(d.Source), e.ID, m.Text, e.Type, f.Canonical[c].Type)
				}
				if e.Name != c {
					t.Errorf("%s: %s is named %q, gold %q", filepath.Base(d.Source), e.ID, e.Name, c)
				}
			}
		}
	}
	var found []string
	for c, ids := range idsOf {
		found = append(found, c)
		if len(ids) != 1 {
			t.Errorf("gold entity %q is %d nodes: %v", c, len(ids), ids)
		}
	}
	for id, cs := range goldOf {
		if len(cs) != 1 {
			t.Errorf("node %s holds %d gold entities: %v", id, len(cs), cs)
		}
	}
	sort.Strings(found)
	t.Logf("%d of %d gold canonical entities found in the seeds' bodies", len(found), len(f.Canonical))
	rep := gold.Score(f, docs)
	t.Logf("entities %s", rep.TypedEntities)
	t.Logf("alias pairs %s", rep.AliasPairs)
	if rep.AliasPairs.P() < 0.95 || rep.AliasPairs.R() < 0.95 {
		t.Errorf("alias pairs %s, want P and R >= 0.95", rep.AliasPairs)
	}
	// The recognizer misses a few mentions (tagger recall); identity must not
	// lose more: every non-optional gold entity but these few is found.
	if rep.TypedEntities.FN > 3 || rep.TypedEntities.FP > 2 {
		t.Errorf("typed entities %s; misses %v extras %v", rep.TypedEntities, rep.TypedEntities.Misses, rep.TypedEntities.Extras)
	}
}
