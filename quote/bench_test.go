package quote

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/internal/shareddata"
	"github.com/newsgraph/newsgraph/ner"
)

// BenchmarkAttribute measures attribution alone (entity recognition done
// beforehand) on 1,000 Reuters-21578 articles: the rules, and the rules with
// the trained models (what extraction runs).
func BenchmarkAttribute(b *testing.B) {
	path := shareddata.Path(b, "data/reuters21578/reuters21578.jsonl.gz")
	var arts []*article.Article
	for r := range article.Read(context.Background(), []string{path}, article.Options{}) {
		if r.Err == nil {
			arts = append(arts, r.Article)
			if len(arts) == 1000 {
				break
			}
		}
	}
	m, err := ner.DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	rec := ner.NewRecognizer(m)
	res := make([]ner.Result, len(arts))
	for i, a := range arts {
		res[i] = rec.Recognize(a.Clean)
	}
	ms, err := DefaultModels()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		ms   *Models
	}{{"rules", nil}, {"models", ms}} {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				for i, a := range arts {
					AttributeWith(c.ms, a, res[i])
					n++
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
