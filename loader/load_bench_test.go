package loader

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"
)

// BenchmarkLoad measures loading throughput into a real Neo4j by batch size:
// BENCH_DOCS (default 4,000) synthetic documents (3-14 entities with a few
// hubs, up to 4 statements each) into an emptied database, per iteration.
//
//	go test ./loader -run '^$' -bench Load -benchtime 3x
func BenchmarkLoad(b *testing.B) {
	n := 4000
	if s := os.Getenv("BENCH_DOCS"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			n = v
		}
	}
	docs := syntheticDocs(n, 99)
	for _, size := range []int{100, 500, 1000, 2000} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			var total time.Duration
			for range b.N {
				b.StopTimer()
				l := freshLoader(b)
				if err := l.Schema(context.Background()); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				for i := 0; i < n; i += size {
					if _, err := l.Load(context.Background(), docs[i:min(i+size, n)]); err != nil {
						b.Fatal(err)
					}
				}
				total += time.Since(start)
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "articles/s")
		})
	}
}
