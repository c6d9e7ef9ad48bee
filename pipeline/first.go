package pipeline

import (
	"bufio"
	"context"
	"encoding/gob"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"time"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/ordered"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/story"
)

// Ingest with StoriesTwoPass extracts in two passes over the inputs, so
// that every article is loaded with its final story and the corpus-level
// entity mapping of the whole run, and yet most of the extraction overlaps
// the loading:
//
//  1. Before the first batch: read every input, recognize names (package
//     ner), sign the article for its story, and give its entities to the
//     loader as evidence (IngestOptions.Loader's Foresee). The names go to
//     a spool file (about 3 KB an article).
//  2. While the batches are written: attribute statements (package quote)
//     with the spooled names: attribution is half of extraction's CPU, and
//     the loading leaves a core mostly idle (Neo4j writes one transaction
//     at a time). The articles of the first pass are kept in memory while
//     their texts come to at most keepMax bytes (all of Reuters-21578
//     takes about 40 MB); a larger run reads and parses its inputs again.
//
// Extract gives the same Docs: the same stages on the same inputs.

// keepMax bounds the bytes of article text (raw and cleaned) that the
// first pass keeps for the second, so that the second need not read and
// parse the inputs again; a var for tests.
var keepMax = 256 << 20

// recognized is one article after the first pass, as spooled.
type recognized struct {
	ID  string
	Res ner.Result
	Sig story.Signature
}

// extractFirst runs the two passes above over paths and yields the Docs in
// input order, each with the story and signature of StoriesTwoPass
// (Item.sig, with the dates of every copy of its text). Inputs that cannot
// be used are yielded as they are met in the first pass. A spool that
// cannot be written or read, or an input that changed between the passes,
// ends the channel early with *errp set.
func extractFirst(ctx context.Context, x *Extractor, paths []string, opts Options, errp *error) <-chan Item {
	out := make(chan Item, 64)
	go func() {
		defer close(out)
		send := func(it Item) bool {
			select {
			case out <- it:
				return true
			case <-ctx.Done():
				return false
			}
		}
		workers := opts.Workers
		if workers <= 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		if opts.Read.Workers == 0 {
			opts.Read.Workers = workers
		}
		idx := opts.StoryIndex
		if idx == nil {
			idx = opts.newStoryIndex()
		}
		f, err := os.CreateTemp("", "newsgraph-names-*.gob")
		if err != nil {
			*errp = fmt.Errorf("spool: %w", err)
			return
		}
		defer func() {
			f.Close()
			os.Remove(f.Name())
		}()

		// Pass 1.
		start := time.Now()
		w := bufio.NewWriterSize(f, 1<<16)
		enc := gob.NewEncoder(w)
		n := 0
		type first struct {
			rec recognized
			art *article.Article
			ent graph.Doc // its entities, for Foresee
			it  Item      // an input that cannot be used
		}
		pass1 := func(_ context.Context, r article.Result) (v first) {
			if r.Err != nil {
				return first{it: extractOne(x, r, false)}
			}
			defer func() {
				if p := recover(); p != nil {
					v = first{it: Item{Source: r.Article.Source, Err: fmt.Errorf("%s: extraction failed: %v", r.Article.Source, p)}}
				}
			}()
			res := x.recognize(r.Article)
			v.rec = recognized{ID: r.Article.ID, Res: res, Sig: story.Sign(r.Article)}
			v.art = r.Article
			if opts.foresee != nil {
				v.ent = x.entities(r.Article, res)
			}
			return v
		}
		// kept holds the first pass's articles in input order until their
		// texts pass keepMax; then it is dropped, and the second pass reads
		// the inputs again.
		var kept []*article.Article
		keptBytes, keep := 0, true
		for v := range ordered.Map(ctx, article.Read(ctx, paths, opts.Read), workers, workers*4, pass1) {
			if keep && v.it.Err == nil {
				keptBytes += len(v.art.Text) + len(v.art.Clean)
				if keptBytes > keepMax {
					keep, kept = false, nil
				} else {
					kept = append(kept, v.art)
				}
			}
			if v.it.Err != nil {
				if v.it.Err != ctx.Err() {
					send(v.it)
				}
				continue
			}
			idx.Add(v.rec.ID, v.rec.Sig)
			if opts.foresee != nil {
				opts.foresee.Foresee(v.ent)
			}
			if err := enc.Encode(&v.rec); err != nil {
				*errp = fmt.Errorf("spool %s: %w", f.Name(), err)
				return
			}
			n++
		}
		if ctx.Err() != nil {
			return
		}
		if err := w.Flush(); err != nil {
			*errp = fmt.Errorf("spool %s: %w", f.Name(), err)
			return
		}
		slog.Info("names recognized; loading", "articles", n, "seconds", fmt.Sprintf("%.1f", time.Since(start).Seconds()))
		if opts.Total != nil {
			opts.Total(n)
		}

		// Pass 2: the usable articles again, each with its spooled names.
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			*errp = fmt.Errorf("spool %s: %w", f.Name(), err)
			return
		}
		dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<16))
		left := n
		type pair struct {
			a   *article.Article
			rec recognized
		}
		var perr error
		// decode reads the next spooled article's names into next.
		var next recognized
		decode := func() bool {
			next = recognized{}
			if err := dec.Decode(&next); err != nil {
				perr = fmt.Errorf("read spool %s: %w", f.Name(), err)
				return false
			}
			return true
		}
		pairs := func(yield func(pair) bool) {
			if keep {
				for i, a := range kept {
					if !decode() {
						return
					}
					kept[i] = nil // handed on: the Doc's strings are detached
					left--
					if !yield(pair{a, next}) {
						return
					}
				}
				return
			}
			have := false
			readOpts := opts.Read
			readOpts.Quiet = true // the first pass reported what the inputs held
			for r := range article.Read(ctx, paths, readOpts) {
				if r.Err != nil || left == 0 {
					continue
				}
				if !have {
					if !decode() {
						return
					}
					have = true
				}
				if r.Article.ID != next.ID {
					continue // failed in the first pass (reported there)
				}
				have = false
				left--
				if !yield(pair{r.Article, next}) {
					return
				}
			}
		}
		pass2 := func(_ context.Context, p pair) (it Item) {
			defer func() {
				if e := recover(); e != nil {
					it = Item{Source: p.a.Source, Err: fmt.Errorf("%s: extraction failed: %v", p.a.Source, e)}
				}
			}()
			d := x.finish(p.a, p.rec.Res)
			detach(&d)
			d.Charset = p.a.Charset
			if opts.WithText {
				d.Text = p.a.Plain()
			}
			it = Item{Doc: d, Source: p.a.Source}
			if opts.SourceID {
				sourceFromID(&it, p.a)
			}
			it.Doc.Story = idx.Story(it.Doc.ID)
			it.sig = idx.Held(it.Doc.ID, p.rec.Sig)
			return it
		}
		// One core fewer than the first pass: the batches are written
		// meanwhile, and a local Neo4j's write transaction runs on one
		// core. One worker still attributes about twice as fast as one
		// Neo4j transaction loads, so the loader never waits for it.
		w2 := max(1, workers-1)
		for it := range ordered.Map(ctx, pairs, w2, w2*4, pass2) {
			if !send(it) {
				return
			}
		}
		if ctx.Err() != nil {
			return
		}
		// The pairs are all taken (Map has returned): perr and left are set.
		switch {
		case perr != nil:
			*errp = perr
		case left > 0:
			*errp = fmt.Errorf("%d articles of the first pass were not found again: did an input change during the run?", left)
		}
	}()
	return out
}
