// Package shareddata finds the team's shared measuring data (the seeds and the
// research corpora in ../shared beside the repository) for tests and
// benchmarks. In CI (CI=true) missing data fails the test; elsewhere it skips.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the absolute path of the shared folder: $NEWSGRAPH_SHARED if
// set, else "../shared" next to the module root. It returns "" when it cannot
// find the module root.
func Root() string {
	if d := os.Getenv("NEWSGRAPH_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path returns the path of rel (for example "seeds/gold.json" or
// "data/conll2003/eng.testb.test.iob2.txt") inside the shared folder. When it is
// missing the test fails under CI=true and is skipped otherwise.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(Root(), rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared data %s is missing (CI=true): %v", rel, err)
		}
		tb.Skipf("shared data %s is missing: %v", rel, err)
	}
	return p
}

// Seeds returns the path of seeds/gold.json and the five seed articles
// (seeds/0*.txt) in name order, with the same CI rule as Path.
func Seeds(tb testing.TB) (gold string, articles []string) {
	tb.Helper()
	gold = Path(tb, "seeds/gold.json")
	articles, err := filepath.Glob(filepath.Join(filepath.Dir(gold), "0*.txt"))
	if err != nil || len(articles) != 5 {
		tb.Fatalf("seed articles: want 5 seeds/0*.txt, got %d (%v)", len(articles), err)
	}
	return gold, articles
}
