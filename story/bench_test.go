package story

import (
	"context"
	"runtime"
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/internal/shareddata"
)

// BenchmarkReuters groups Reuters-21578 into stories and, once, compares the
// grouping with comparing every pair: it reports the articles in stories of
// two or more, the stories, the largest story, the articles whose story
// LSH got differently from the exhaustive comparison, and the heap the index
// holds per article. Run it with
//
//	go test ./story -run XXX -bench Reuters -benchtime 1x -v
//
// (the exhaustive pass takes a few CPU-seconds).
func BenchmarkReuters(b *testing.B) {
	path := shareddata.Path(b, "data/reuters21578/reuters21578.jsonl.gz")
	var ids []string
	var sigs []Signature
	seen := map[string]bool{}
	for r := range article.Read(context.Background(), []string{path}, article.Options{}) {
		if r.Err != nil || seen[r.Article.ID] {
			continue
		}
		seen[r.Article.ID] = true
		ids = append(ids, r.Article.ID)
		sigs = append(sigs, Sign(r.Article))
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

	// The exhaustive comparison.
	parent := make([]int, len(ids))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	var sims []float64
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			if Near(&sigs[i], &sigs[j]) {
				parent[find(i)] = find(j)
				sims = append(sims, Similarity(&sigs[i], &sigs[j]))
			}
		}
	}
	minID := map[int]string{}
	for i, id := range ids {
		r := find(i)
		if m, ok := minID[r]; !ok || id < m {
			minID[r] = id
		}
	}
	differ := 0
	for i, id := range ids {
		if x.Story(id) != minID[find(i)] {
			differ++
		}
	}
	b.ReportMetric(float64(differ), "differ-from-exhaustive")
	sort.Float64s(sims)
	if len(sims) > 0 {
		b.Logf("%d near pairs; similarity quartiles %.2f %.2f %.2f %.2f %.2f", len(sims),
			sims[0], sims[len(sims)/4], sims[len(sims)/2], sims[3*len(sims)/4], sims[len(sims)-1])
	}
	for _, g := range groups[:min(3, len(groups))] {
		b.Logf("a story: %d articles, e.g. %s", len(g), g[0][:12])
	}
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
