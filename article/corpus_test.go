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

// TestCorpusNearDuplicates counts BBC News pairs that the thresholds call
// near-duplicates (BBC holds some true duplicates; the titles are printed to
// judge). ARTICLE_CORPUS_STATS=1 as above.
func TestCorpusNearDuplicates(t *testing.T) {
	if os.Getenv("ARTICLE_CORPUS_STATS") == "" {
		t.Skip("set ARTICLE_CORPUS_STATS=1 to run")
	}
	p := shareddata.Path(t, "data/bbc-news/bbc2225.jsonl.gz")
	type fp struct {
		title string
		sim   uint64
		mh    []uint64
	}
	var fps []fp
	for r := range Read(context.Background(), []string{p}, Options{}) {
		if r.Err == nil {
			fps = append(fps, fp{r.Article.Title, r.Article.Fingerprint(), r.Article.MinHash()})
		}
	}
	simPairs, mhPairs, both := 0, 0, 0
	hist := map[int]int{}
	for i := range fps {
		for j := i + 1; j < len(fps); j++ {
			d := Similar(fps[i].sim, fps[j].sim)
			hist[d/4*4]++
			s := d <= NearDuplicate
			m := SimilarMinHash(fps[i].mh, fps[j].mh) >= MinHashSame
			if s {
				simPairs++
			}
			if m {
				mhPairs++
				if mhPairs <= 8 {
					t.Logf("minhash pair (simhash %d): %q / %q", d, fps[i].title, fps[j].title)
				}
			}
			if s && m {
				both++
			}
			if s && !m && simPairs-both <= 5 {
				t.Logf("simhash-only pair (distance %d, minhash %.2f): %q / %q", d, SimilarMinHash(fps[i].mh, fps[j].mh), fps[i].title, fps[j].title)
			}
		}
	}
	t.Logf("BBC %d articles, %d pairs: simhash<=%d %d pairs, minhash>=%.2f %d pairs, both %d", len(fps), len(fps)*(len(fps)-1)/2, NearDuplicate, simPairs, MinHashSame, mhPairs, both)
	t.Logf("simhash distance histogram (bucket of 4): %v", hist)
}
