package story

import (
	"context"
	"runtime"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/internal/shareddata"
)

// BenchmarkReuters groups Reuters-21578 into stories and, once, compares the
// grouping with comparing every pair: it reports the articles in stories of
// two or more, the stories, the largest story, the articles whose story
// LSH got differently from the exhaustive comparison, and the heap the index
// holds per article. It also logs, for the grouping by the first check alone
// (Similarity at least Threshold) and by the whole rule (Near), the pairs
// (story id, member) of its stories, how many share less than half of the
// shorter one's word 5-shingles (counted exactly), and how many were
// published on different days. Run it with
//
//	go test ./story -run XXX -bench Reuters -benchtime 1x -v
//
// (the exhaustive pass takes a few CPU-seconds).
func BenchmarkReuters(b *testing.B) {
	path := shareddata.Path(b, "data/reuters21578/reuters21578.jsonl.gz")
	var ids []string
	var sigs []Signature
	var long [][]uint64 // the exact 5-shingle hashes
	seen := map[string]int{}
	for r := range article.Read(context.Background(), []string{path}, article.Options{}) {
		if r.Err != nil {
			continue
		}
		sig := Sign(r.Article)
		if k, ok := seen[r.Article.ID]; ok { // the same text again: its dates
			sigs[k].Report.widen(&sig.Report)
			continue
		}
		seen[r.Article.ID] = len(ids)
		ids = append(ids, r.Article.ID)
		sigs = append(sigs, sig)
		l, _ := scan(r.Article.Clean)
		long = append(long, l)
	}
	b.ResetTimer()
	var x *Index
	for i := 0; i < b.N; i++ {
		x = NewIndex(0)
		for k := range ids {
			x.Add(ids[k], sigs[k])
		}
	}
	b.StopTimer()
	// The index's memory: the heap it holds once built, per article.
	var before, after runtime.MemStats
	x = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	x = NewIndex(0)
	for k := range ids {
		x.Add(ids[k], sigs[k])
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(len(ids)), "index-B/article")
	groups := x.Groups()
	inStories, largest := 0, 0
	for _, g := range groups {
		inStories += len(g)
		largest = max(largest, len(g))
	}
	b.ReportMetric(float64(len(ids))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(inStories), "in-stories")
	b.ReportMetric(float64(len(groups)), "stories")
	b.ReportMetric(float64(largest), "largest")

	// The exhaustive comparison, by the first check alone and by the rule.
	first, rule := newForest(len(ids)), newForest(len(ids))
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			if !sigs[i].Usable || !sigs[j].Usable || Similarity(&sigs[i], &sigs[j]) < Threshold {
				continue
			}
			first.union(i, j)
			if Near(&sigs[i], &sigs[j]) {
				rule.union(i, j)
			}
		}
	}
	differ := 0
	story := rule.stories(ids)
	for i, id := range ids {
		if x.Story(id) != ids[story[i]] {
			differ++
		}
	}
	b.ReportMetric(float64(differ), "differ-from-exhaustive")
	for _, f := range []struct {
		name string
		f    forest
	}{{"first check alone", first}, {"the rule", rule}} {
		story := f.f.stories(ids)
		stories, pairs, low, lowDay, otherDay := map[int]bool{}, 0, 0, 0, 0
		for i, s := range story {
			if s == i {
				continue
			}
			stories[s] = true
			pairs++
			d, dated := Days(&sigs[s], &sigs[i])
			if dated && d > 0 {
				otherDay++
			}
			if exactOverlap(long[s], long[i]) < 0.5 {
				low++
				if dated && d > 0 {
					lowDay++
				}
			}
		}
		b.Logf("%s: %d stories of 2+, %d pairs (story id, member), %d sharing less than half of their 5-shingles "+
			"(%d of them on different days), %d on different days", f.name, len(stories), pairs, low, lowDay, otherDay)
	}
}

// forest is a union-find over n articles.
type forest []int

func newForest(n int) forest {
	f := make(forest, n)
	for i := range f {
		f[i] = i
	}
	return f
}

func (f forest) find(i int) int {
	for f[i] != i {
		f[i] = f[f[i]]
		i = f[i]
	}
	return i
}

func (f forest) union(i, j int) { f[f.find(i)] = f.find(j) }

// stories gives each article the index of the smallest id in its component.
func (f forest) stories(ids []string) []int {
	least := map[int]int{}
	for i, id := range ids {
		r := f.find(i)
		if m, ok := least[r]; !ok || id < ids[m] {
			least[r] = i
		}
	}
	out := make([]int, len(ids))
	for i := range ids {
		out[i] = least[f.find(i)]
	}
	return out
}

// exactOverlap is the share of the smaller of two sorted sets of shingle
// hashes that the other holds.
func exactOverlap(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			both++
			i++
			j++
		}
	}
	return float64(both) / float64(min(len(a), len(b)))
}

// BenchmarkSign signs the Reuters-21578 articles (the 3-shingle MinHash,
// and the Report: the 5-shingle MinHash, the numbers and the date).
//
//	go test ./story -run XXX -bench Sign -benchtime 3x
func BenchmarkSign(b *testing.B) {
	path := shareddata.Path(b, "data/reuters21578/reuters21578.jsonl.gz")
	var arts []*article.Article
	for r := range article.Read(context.Background(), []string{path}, article.Options{}) {
		if r.Err == nil {
			arts = append(arts, r.Article)
		}
	}
	b.Run("signature", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, a := range arts {
				Sign(a)
			}
		}
		b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
	b.Run("minhash-only", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, a := range arts {
				FromMinHash(a.MinHash())
			}
		}
		b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}
