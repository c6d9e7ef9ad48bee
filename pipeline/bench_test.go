package pipeline

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/internal/shareddata"
)

// loadReuters reads up to n Reuters-21578 articles into memory.
func loadReuters(b *testing.B, n int) []*article.Article {
	path := shareddata.Path(b, "data/reuters21578/reuters21578.jsonl.gz")
	var arts []*article.Article
	for r := range article.Read(context.Background(), []string{path}, article.Options{}) {
		if r.Err == nil {
			arts = append(arts, r.Article)
			if len(arts) == n {
				break
			}
		}
	}
	return arts
}

// BenchmarkExtract measures single-goroutine extraction (recognition,
// attribution, Doc build) on Reuters-21578 articles.
func BenchmarkExtract(b *testing.B) {
	arts := loadReuters(b, 2000)
	x, err := NewExtractor()
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a.Text))
	}
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			x.Extract(a)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(bytes)*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}
