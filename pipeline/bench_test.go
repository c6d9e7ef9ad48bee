package pipeline

import (
	"bufio"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
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

// BenchmarkRun measures the whole of Run (reading JSON Lines, two-pass
// stories, extraction on every core, ordered output) over the first 2,000
// Reuters-21578 articles, copied to a temporary file.
func BenchmarkRun(b *testing.B) {
	src := shareddata.Path(b, "data/reuters21578/reuters21578.jsonl.gz")
	path := filepath.Join(b.TempDir(), "reuters2000.jsonl")
	if err := copyLines(src, path, 2000); err != nil {
		b.Fatal(err)
	}
	x, err := NewExtractor()
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []struct {
		name string
		m    StoryMode
	}{{"two-pass", StoriesTwoPass}, {"stream", StoriesStream}, {"off", StoriesOff}} {
		b.Run(mode.name, func(b *testing.B) {
			n := 0
			for i := 0; i < b.N; i++ {
				for it := range Run(context.Background(), x, []string{path}, Options{Stories: mode.m}) {
					if it.Err == nil {
						n++
					}
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// copyLines copies the first n lines of a gzipped JSON Lines file.
func copyLines(src, dst string, n int) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	w := bufio.NewWriter(out)
	for i := 0; i < n && sc.Scan(); i++ {
		w.Write(sc.Bytes())
		w.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		out.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
