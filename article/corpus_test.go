package article

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/shareddata"
)

// TestCorpusBlanking measures how many body lines the cleaner drops on
// corpora that hold no boilerplate besides Reuters' "REUTER" sign-off, i.e.
// its false positives. It reads all of Reuters-21578 and BBC News, so it runs
// only with ARTICLE_CORPUS_STATS=1:
//
//	ARTICLE_CORPUS_STATS=1 go test ./article -run CorpusBlanking -v
func TestCorpusBlanking(t *testing.T) {
	if os.Getenv("ARTICLE_CORPUS_STATS") == "" {
		t.Skip("set ARTICLE_CORPUS_STATS=1 to run")
	}
	for _, rel := range []string{"data/reuters21578/reuters21578.jsonl.gz", "data/bbc-news/bbc2225.jsonl.gz"} {
		p := shareddata.Path(t, rel)
		arts, lines, errs := 0, 0, 0
		why := map[string]int{}
		examples := map[string][]string{}
		for r := range Read(context.Background(), []string{p}, Options{}) {
			if r.Err != nil {
				errs++
				continue
			}
			arts++
			a := r.Article
			ls := splitLines(a.Text)
			classify(ls, hints{title: a.Title, noTitleFromText: true})
			for _, l := range ls {
				if l.kind == kBlank {
					continue
				}
				lines++
				if l.kind != kBody {
					why[l.why]++
					if len(examples[l.why]) < 4 {
						examples[l.why] = append(examples[l.why], l.trim)
					}
				}
			}
		}
		var keys []string
		for k := range why {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Logf("%s: %d articles, %d input errors, %d non-blank lines", rel, arts, errs, lines)
		for _, k := range keys {
			t.Logf("  %-20s %6d lines (%.3f%%), e.g. %s", k, why[k], 100*float64(why[k])/float64(lines), strings.Join(examples[k], " | "))
		}
	}
}
