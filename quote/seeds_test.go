package quote_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/gold"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/shareddata"
	"github.com/newsgraph/newsgraph/pipeline"
)

// TestSeedsSaidAbout runs the whole pipeline (reader, recognizer,
// attribution) over the five seed articles and scores the said-about edges
// (article, speaker, target) against the hand-made gold by canonical name,
// those of the graph (attributions at or above the default confidence) and
// those of every attribution; optional targets and optional statements
// count neither way.
func TestSeedsSaidAbout(t *testing.T) {
	goldPath := shareddata.Path(t, "seeds/gold.json")
	f, err := gold.Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	x, err := pipeline.NewExtractor()
	if err != nil {
		t.Fatalf("extractor: %v", err)
	}
	paths, _ := filepath.Glob(filepath.Join(filepath.Dir(goldPath), "*.txt"))
	if len(paths) != 5 {
		t.Fatalf("want 5 seed articles, found %d", len(paths))
	}
	var docs []graph.Doc
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := article.Parse(p, data, article.FormatOf(p))
		if err != nil {
			t.Fatalf("parse %s: %v", p, err)
		}
		docs = append(docs, x.Extract(a))
	}
	rep := gold.Score(f, docs)
	t.Logf("said-about, every attribution %s", rep.SaidAboutAll)
	s := rep.SaidAbout
	t.Logf("said-about %s", s)
	for _, m := range s.Misses {
		t.Logf("missing %s", m)
	}
	for _, m := range s.Extras {
		t.Logf("extra   %s", m)
	}
	// The graph's SAID_ABOUT edges (attributions at or above the default
	// confidence, said_about): the targets, P >= 0.95 and R >= 0.90
	// (see docs/quotes.md).
	if s.P() < 0.95 || s.R() < 0.90 {
		t.Errorf("said-about P=%.3f R=%.3f, want P >= 0.95 and R >= 0.90", s.P(), s.R())
	}
	if all := rep.SaidAboutAll; all.P() < 0.90 || all.R() < 0.90 {
		t.Errorf("said-about of every attribution P=%.3f R=%.3f, want P >= 0.90 and R >= 0.90", all.P(), all.R())
	}
}
