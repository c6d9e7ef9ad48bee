// Package pipeline runs newsgraph's stages over a stream of articles: read,
// recognize entities, attribute statements, build the article's Doc. It runs
// extraction on every core while keeping input order, and never holds more
// than a bounded window of articles in memory.
package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/quote"
)

// Extractor turns one article into its Doc. It is safe for concurrent use.
type Extractor struct {
	rec *ner.Recognizer
	// Resolver decides entity identity (gazetteer, the user's alias file);
	// nil means graph.DefaultResolver().
	Resolver *graph.Resolver
}

// NewExtractor returns an Extractor that uses the embedded NER model.
func NewExtractor() (*Extractor, error) {
	m, err := ner.DefaultModel()
	if err != nil {
		return nil, err
	}
	return &Extractor{rec: ner.NewRecognizer(m)}, nil
}

// Extract runs recognition and attribution on a and builds its Doc.
func (x *Extractor) Extract(a *article.Article) graph.Doc {
	res := x.rec.Recognize(a.Clean)
	attrs := quote.Attribute(a, res)
	if x.Resolver != nil {
		return x.Resolver.Build(a, res, attrs)
	}
	return graph.Build(a, res, attrs)
}

// Item is one input's outcome: a Doc, or the error that made the input
// unusable (an *article.InputError naming the file and the reason).
type Item struct {
	Doc    graph.Doc
	Source string
	Err    error
}

// Options tune Run.
type Options struct {
	Read    article.Options
	Workers int // extraction workers; 0 means one per core
}

// Run reads the articles at paths and extracts them on opts.Workers
// goroutines. Results come out in input order. The channel is closed when the
// input is exhausted or ctx is done.
func Run(ctx context.Context, x *Extractor, paths []string, opts Options) <-chan Item {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		res  article.Result
		done chan Item
	}
	jobs := make(chan job, workers*4)
	order := make(chan chan Item, workers*4)
	out := make(chan Item, workers*4)

	go func() { // reader: keeps order by queueing each job's result slot
		defer close(jobs)
		defer close(order)
		for r := range article.Read(ctx, paths, opts.Read) {
			j := job{res: r, done: make(chan Item, 1)}
			select {
			case order <- j.done:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.done <- extractOne(x, j.res)
			}
		}()
	}
	go func() { // writer: emits in input order
		defer close(out)
		for slot := range order {
			select {
			case it := <-slot:
				select {
				case out <- it:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
		wg.Wait()
	}()
	return out
}

func extractOne(x *Extractor, r article.Result) (it Item) {
	if r.Err == nil {
		// A bug in a stage must cost one article, not the corpus.
		defer func() {
			if p := recover(); p != nil {
				it = Item{Source: r.Article.Source, Err: fmt.Errorf("%s: extraction failed: %v", r.Article.Source, p)}
			}
		}()
	}
	if r.Err != nil {
		src := ""
		if r.Article != nil {
			src = r.Article.Source
		}
		return Item{Source: src, Err: r.Err}
	}
	return Item{Doc: x.Extract(r.Article), Source: r.Article.Source}
}
