package article

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/warc/warctest"
)

// TestReadWorkers: parsing on several goroutines gives the results of one,
// in the same order.
func TestReadWorkers(t *testing.T) {
	arc := filepath.Join(t.TempDir(), "a.warc.gz")
	if _, err := warctest.WriteFile(arc, true,
		warctest.Response("https://a.example/1", "", "<html><body>"+story+"</body></html>"),
		warctest.Response("https://a.example/2", "", "<html><body><p>Too short.</p></body></html>"),
		warctest.Response("https://a.example/3", "", "<html><body>"+strings.ReplaceAll(story, "water", "gas")+"</body></html>"),
	); err != nil {
		t.Fatal(err)
	}
	paths := []string{"testdata", arc, "https://a.example/no-fetcher"}
	run := func(workers int) []string {
		var out []string
		for r := range Read(context.Background(), paths, Options{Workers: workers, Quiet: true}) {
			if r.Err != nil {
				out = append(out, "error "+r.Err.Error())
				continue
			}
			out = append(out, r.Article.Source+" "+r.Article.ID)
		}
		return out
	}
	one, four := run(1), run(4)
	if len(one) < 10 {
		t.Fatalf("only %d results: %q", len(one), one)
	}
	if strings.Join(one, "\n") != strings.Join(four, "\n") {
		t.Errorf("4 workers:\n%s\n1 worker:\n%s", strings.Join(four, "\n"), strings.Join(one, "\n"))
	}
}
