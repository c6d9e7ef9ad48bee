package article

import (
	"context"
	"path/filepath"
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

// BenchmarkParseHTML parses the 91 pages of the article-extraction
// benchmark (../shared/data/article-extraction) on one goroutine:
//
//	go test ./article -run '^$' -bench ParseHTML -benchtime 3x
func BenchmarkParseHTML(b *testing.B) {
	files, err := filepath.Glob(filepath.Join(filepath.Dir(shareddata.Path(b, "data/article-extraction/ground-truth.json")), "html", "*.html.gz"))
	if err != nil || len(files) == 0 {
		b.Skip("no pages")
	}
	var pages [][]byte
	size := 0
	for _, f := range files {
		p := readGz(b, f)
		pages = append(pages, p)
		size += len(p)
	}
	for b.Loop() {
		start := time.Now()
		for i, p := range pages {
			if _, err := Parse(files[i], p, FormatHTML); err != nil {
				b.Fatal(err)
			}
		}
		sec := time.Since(start).Seconds()
		b.ReportMetric(float64(len(pages))/sec, "pages/s")
		b.ReportMetric(float64(size)/1e6/sec, "MB/s")
	}
}
