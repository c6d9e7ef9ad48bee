package loader

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
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

// BenchmarkLoadJSONL loads the documents of a "newsgraph extract" JSON Lines
// file (LOADER_BENCH_JSONL) into an emptied database in batches of
// LOADER_BENCH_BATCH (default DefaultBatchSize): the whole ingest write path
// on real extraction output, e.g. all of Reuters-21578.
//
//	newsgraph extract -o /tmp/reuters.jsonl ../shared/data/reuters21578/reuters21578.jsonl.gz
//	LOADER_BENCH_JSONL=/tmp/reuters.jsonl go test ./loader -run '^$' -bench LoadJSONL -benchtime 1x
func BenchmarkLoadJSONL(b *testing.B) {
	path := os.Getenv("LOADER_BENCH_JSONL")
	if path == "" {
		b.Skip("set LOADER_BENCH_JSONL to a newsgraph extract output file")
	}
	size := DefaultBatchSize
	if v, err := strconv.Atoi(os.Getenv("LOADER_BENCH_BATCH")); err == nil && v > 0 {
		size = v
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	var docs []graph.Doc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var d graph.Doc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	f.Close()
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	for range b.N {
		b.StopTimer()
		l := freshLoader(b)
		if err := l.Schema(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for i := 0; i < len(docs); i += size {
			if _, err := l.Load(context.Background(), docs[i:min(i+size, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		total += time.Since(start)
		b.StopTimer()
		s, err := l.Summary(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		again := time.Now()
		for i := 0; i < len(docs); i += size {
			st, err := l.Load(context.Background(), docs[i:min(i+size, len(docs))])
			if err != nil {
				b.Fatal(err)
			}
			if st.Unchanged != min(size, len(docs)-i) {
				b.Fatalf("re-load: %+v", st)
			}
		}
		b.Logf("%d documents in %v (loading them again, all unchanged: %v)\n%v", len(docs), total, time.Since(again), s)
		b.StartTimer()
	}
	b.ReportMetric(float64(len(docs)*b.N)/total.Seconds(), "articles/s")
}
