// Package pipeline runs newsgraph's stages over a stream of articles: read,
// recognize entities, attribute statements, build the article's Doc, and
// give it its story (package story). It runs extraction on every core while
// keeping input order, and never holds more than a bounded window of
// articles in memory (Options.Workers*4 articles in flight and
// Options.Workers*2 being read and parsed, plus the story index: about 1.06
// KiB per distinct article, at most Options.StoryMax).
//
// # Stories
//
// A story id is the smallest article id among an article's near-duplicates,
// so it depends on every article of the run. Run sets Doc.Story by
// Options.Stories:
//
//   - StoriesAuto (the zero value): StoriesTwoPass when every input can be
//     read twice (files and folders), StoriesStream when one is "-" or a
//     URL (StoriesTwoPass would fetch every URL twice).
//   - StoriesTwoPass: a first pass reads every input and keeps only its
//     MinHash signature; the extraction runs beside it, and its results (at
//     most 1,024 Docs) wait until the first pass is done, so that every Doc
//     carries its final story. It costs one more read and clean of the
//     inputs (a third more CPU on Reuters, whose articles are short).
//     Spooled, Corpus and Ingest give the same stories from one read: the
//     Docs wait in a spool file until every input is extracted (what the
//     commands use).
//   - StoriesStream: one pass; a Doc's story is the smallest id of its
//     near-duplicates among the articles before it and itself. A later
//     article can still lower it: Options.StoryIndex, after Run, holds the
//     final stories (story.Index.Groups, Story).
//   - StoriesOff: every Doc is its own story (Story = ID).
package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/ordered"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/quote"
	"github.com/newsgraph/newsgraph/story"
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

// Namer is the resolver the extractor names entities with, for corpus-level
// resolution (package resolve) to ask about names the same way.
func (x *Extractor) Namer() *graph.Resolver {
	if x.Resolver != nil {
		return x.Resolver
	}
	return graph.DefaultResolver()
}

// Extract runs recognition and attribution on a and builds its Doc.
func (x *Extractor) Extract(a *article.Article) graph.Doc {
	return x.finish(a, x.recognize(a))
}

// recognize is the first half of Extract: the article's names.
func (x *Extractor) recognize(a *article.Article) ner.Result {
	return x.rec.Recognize(a.Clean)
}

// finish is the second half of Extract: attribution, and the Doc.
func (x *Extractor) finish(a *article.Article, res ner.Result) graph.Doc {
	attrs := quote.Attribute(a, res)
	if x.Resolver != nil {
		return x.Resolver.Build(a, res, attrs)
	}
	return graph.Build(a, res, attrs)
}

// entities is the Doc of a with its entities alone (no attributions), as
// Extract gives them: all a corpus-level mapping needs (resolve.DocLocals).
func (x *Extractor) entities(a *article.Article, res ner.Result) graph.Doc {
	ents, _ := x.Namer().Entities(a.Text, res.Entities)
	return graph.Doc{ID: a.ID, Entities: ents, NotEntities: graph.NotEntitiesOf(res)}
}

// Item is one input's outcome: a Doc, or the error that made the input
// unusable (an *article.InputError naming the file and the reason).
type Item struct {
	Doc    graph.Doc
	Source string
	Err    error

	sig story.Signature // for StoriesStream and a StoryStore
}

// StoryMode says how Run sets Doc.Story (see the package comment).
type StoryMode int

// The story modes.
const (
	StoriesAuto StoryMode = iota
	StoriesTwoPass
	StoriesStream
	StoriesOff
)

// pendingMax is the most extracted items Run holds while the first pass of
// StoriesTwoPass is still running.
const pendingMax = 1024

// DefaultStoryMax is the default of Options.StoryMax: about 0.5 GiB of
// story index.
const DefaultStoryMax = 500_000

// Options tune Run.
type Options struct {
	Read    article.Options
	Workers int // extraction workers; 0 means one per core

	Stories StoryMode
	// StoryMax bounds the story index (0: DefaultStoryMax); articles past it
	// are their own story.
	StoryMax int
	// StoryIndex, when not nil, is the index Run groups stories in (it may
	// already hold articles, for instance those of an earlier run); after
	// Run's channel is closed it holds every article of the run. Nil: Run
	// makes its own.
	StoryIndex *story.Index
	// WithText fills Doc.Text: the article's cleaned body, whitespace
	// folded (character references of web pages decoded).
	WithText bool
	// Total, when not nil, is called once the first pass of StoriesTwoPass
	// has counted the usable articles (those Run will extract), before the
	// first Item: the total for a progress bar's ETA.
	Total func(articles int)

	// SourceID names an article read from a JSON Lines record with an id
	// field by that id (Doc.Source "id:" + id) instead of FILE:LINE, so
	// that its source, by which the loader's ledger knows it, does not
	// depend on how the corpus was split into files or streamed (standard
	// input is "-:LINE" for every stream). See docs/scaling.md.
	SourceID bool

	keepSig bool // compute Item.sig in every mode (Ingest with a StoryStore)
	// foresee, when not nil, is given every Doc of a two-pass run before
	// the first is handed on (Ingest: the loader's corpus evidence).
	foresee Foreseer
}

// mode resolves StoriesAuto for paths.
func (o Options) mode(paths []string) StoryMode {
	if o.Stories != StoriesAuto {
		return o.Stories
	}
	for _, p := range paths {
		if p == "-" || article.IsURL(p) {
			return StoriesStream
		}
	}
	return StoriesTwoPass
}

// Run reads the articles at paths and extracts them on opts.Workers
// goroutines. Results come out in input order. The channel is closed when the
// input is exhausted or ctx is done.
func Run(ctx context.Context, x *Extractor, paths []string, opts Options) <-chan Item {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opts.Read.Workers == 0 {
		opts.Read.Workers = workers // web pages parse slower than they are extracted
	}
	mode := opts.mode(paths)
	idx := opts.StoryIndex
	if idx == nil && mode != StoriesOff {
		idx = opts.newStoryIndex()
	}
	out := make(chan Item, workers*4)

	// The first pass of StoriesTwoPass runs beside the extraction; the
	// writer holds up to pendingMax extracted items until it is done.
	ready := make(chan struct{})
	passOK := true
	if mode == StoriesTwoPass {
		go func() {
			defer close(ready)
			n := signAll(ctx, idx, paths, opts.Read, workers)
			passOK = ctx.Err() == nil
			if opts.Total != nil && passOK {
				opts.Total(n)
			}
		}()
	} else {
		close(ready)
	}

	// Read, and extract on workers goroutines; items come back in input order.
	extract := func(_ context.Context, r article.Result) Item {
		it := extractOne(x, r, opts.WithText)
		if opts.SourceID {
			sourceFromID(&it, r.Article)
		}
		if it.Err == nil && (mode == StoriesStream || opts.keepSig) {
			it.sig = story.Sign(r.Article)
		}
		return it
	}
	items := ordered.Map(ctx, article.Read(ctx, paths, opts.Read), workers, workers*4, extract)
	go func() { // writer: emits in input order
		defer close(out)
		emit := func(it Item) bool {
			if it.Err == nil {
				switch mode {
				case StoriesTwoPass:
					it.Doc.Story = idx.Story(it.Doc.ID)
				case StoriesStream:
					it.Doc.Story = idx.Add(it.Doc.ID, it.sig)
				default:
					it.Doc.Story = it.Doc.ID
				}
				if opts.keepSig && idx != nil {
					// With the dates of the other copies of its text.
					it.sig = idx.Held(it.Doc.ID, it.sig)
				}
			}
			select {
			case out <- it:
				return true
			case <-ctx.Done():
				return false
			}
		}
		// Until the first pass is done, items wait in pending.
		var pending []Item
		isReady := false
		becomeReady := func() bool {
			select {
			case <-ready:
			case <-ctx.Done():
				return false
			}
			if !passOK { // cut short: its stories would be wrong
				return false
			}
			isReady = true
			for _, it := range pending {
				if !emit(it) {
					return false
				}
			}
			pending = nil
			return true
		}
		for it := range items {
			if ctx.Err() != nil {
				return
			}
			if !isReady {
				select {
				case <-ready:
					if !becomeReady() {
						return
					}
				default:
				}
			}
			if isReady {
				if !emit(it) {
					return
				}
				continue
			}
			pending = append(pending, it)
			if len(pending) >= pendingMax && !becomeReady() {
				return
			}
		}
		if !isReady && !becomeReady() {
			return
		}
	}()
	return out
}

func extractOne(x *Extractor, r article.Result, withText bool) (it Item) {
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
	d := x.Extract(r.Article)
	detach(&d)
	d.Charset = r.Article.Charset
	if withText {
		d.Text = r.Article.Plain()
	}
	return Item{Doc: d, Source: r.Article.Source}
}

// detach copies every string of d that may point into the article's text
// (mention and span texts, metadata cut from the input), so that a Doc
// waiting in a batch keeps only its own bytes alive, not its whole input (an
// HTML page of megabytes for a few hundred bytes of entities): memory is
// bounded by the Docs in flight, not by the size of their inputs.
func detach(d *graph.Doc) {
	for _, p := range []*string{&d.Source, &d.URL, &d.Title, &d.Published, &d.Credit, &d.Publisher} {
		*p = strings.Clone(*p)
	}
	for i := range d.Entities {
		e := &d.Entities[i]
		e.Name = strings.Clone(e.Name)
		for j := range e.Aliases {
			e.Aliases[j] = strings.Clone(e.Aliases[j])
		}
		for j := range e.Roles {
			e.Roles[j] = strings.Clone(e.Roles[j])
		}
		for j := range e.Mentions {
			e.Mentions[j].Text = strings.Clone(e.Mentions[j].Text)
		}
	}
	for i := range d.Attributions {
		a := &d.Attributions[i]
		a.Source.Text = strings.Clone(a.Source.Text)
		a.Cue.Text = strings.Clone(a.Cue.Text)
		a.Content.Text = strings.Clone(a.Content.Text)
	}
}

// signAll is the first pass of StoriesTwoPass: it reads every input and
// adds each article's signature to idx (signing on workers goroutines).
// Inputs that cannot be used are left for the second pass to report. It
// returns the number of usable articles read.
func signAll(ctx context.Context, idx *story.Index, paths []string, opts article.Options, workers int) int {
	type signed struct {
		id  string
		sig story.Signature
	}
	arts := make(chan *article.Article, workers*4)
	sigs := make(chan signed, workers*4)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range arts {
				sigs <- signed{a.ID, story.Sign(a)}
			}
		}()
	}
	go func() {
		defer close(arts)
		opts.Quiet = true // the second pass reports what the archives held
		for r := range article.Read(ctx, paths, opts) {
			if r.Err == nil {
				select {
				case arts <- r.Article:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	go func() {
		wg.Wait()
		close(sigs)
	}()
	n := 0
	for s := range sigs {
		idx.Add(s.id, s.sig)
		n++
	}
	return n
}

// ParseStoryMode reads a story mode as the command line spells it: "auto",
// "two-pass", "stream" or "off".
func ParseStoryMode(s string) (StoryMode, error) {
	switch s {
	case "", "auto":
		return StoriesAuto, nil
	case "two-pass":
		return StoriesTwoPass, nil
	case "stream":
		return StoriesStream, nil
	case "off":
		return StoriesOff, nil
	}
	return 0, fmt.Errorf("stories %q: want auto, two-pass, stream or off", s)
}

// WriteStories writes every story of two or more articles in idx to path as
// JSON Lines, {"story": ID, "articles": [ID, ...]}, sorted by story id.
func WriteStories(path string, idx *story.Index) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write %s: %w", path, cerr)
		}
	}()
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, g := range idx.Groups() {
		if err := enc.Encode(struct {
			Story    string   `json:"story"`
			Articles []string `json:"articles"`
		}{g[0], g}); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
