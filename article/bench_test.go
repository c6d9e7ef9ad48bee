package article

import (
	"context"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/shareddata"
)

// BenchmarkReadReuters reads all of Reuters-21578 (JSON Lines, gzipped):
//
//	go test ./article -run '^$' -bench ReadReuters -benchtime 1x
func BenchmarkReadReuters(b *testing.B) {
	p := shareddata.Path(b, "data/reuters21578/reuters21578.jsonl.gz")
	for b.Loop() {
		start := time.Now()
		n, bad, size := 0, 0, 0
		for r := range Read(context.Background(), []string{p}, Options{}) {
			if r.Err != nil {
				bad++
				continue
			}
			n++
			size += len(r.Article.Text)
		}
		b.ReportMetric(float64(n), "articles")
		b.ReportMetric(float64(bad), "errors")
		sec := time.Since(start).Seconds()
		b.ReportMetric(float64(n)/sec, "articles/s")
		b.ReportMetric(float64(size)/1e6/sec, "MB/s")
	}
}
