package pipeline

import (
	"bufio"
	"context"
	"encoding/gob"
	"fmt"
	"io"
	"os"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/resolve"
	"github.com/newsgraph/newsgraph/story"
)

// spool keeps extracted Docs and their story signatures in a temporary
// gob file until every input is read.
type spool struct {
	f   *os.File
	w   *bufio.Writer
	enc *gob.Encoder
	n   int
}

// spooled is one document in the spool.
type spooled struct {
	Doc graph.Doc
	Sig story.Signature
}

// newSpool starts an empty spool in the system's temporary folder.
func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "newsgraph-spool-*.gob")
	if err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	return &spool{f: f, w: w, enc: gob.NewEncoder(w)}, nil
}

// add keeps d and its story signature (the zero Signature: none).
func (s *spool) add(d graph.Doc, sig story.Signature) error {
	s.n++
	if err := s.enc.Encode(&spooled{d, sig}); err != nil {
		return fmt.Errorf("spool %s: %w", s.f.Name(), err)
	}
	return nil
}

// each calls fn with every document added, in the order added. With a
// story index (not nil), a document's story is the index's and its
// signature carries the dates the index holds for its text
// (story.Index.Held): once the index holds every article, the stories of
// StoriesTwoPass.
func (s *spool) each(stories *story.Index, fn func(graph.Doc, story.Signature) error) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("spool %s: %w", s.f.Name(), err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("spool %s: %w", s.f.Name(), err)
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(s.f, 1<<16))
	for i := 0; i < s.n; i++ {
		var x spooled
		if err := dec.Decode(&x); err != nil {
			return fmt.Errorf("read spool %s: %w", s.f.Name(), err)
		}
		nonNil(&x.Doc)
		if stories != nil {
			x.Doc.Story = stories.Story(x.Doc.ID)
			x.Sig = stories.Held(x.Doc.ID, x.Sig)
		}
		if err := fn(x.Doc, x.Sig); err != nil {
			return err
		}
	}
	return nil
}

// close removes the spool.
func (s *spool) close() error {
	s.f.Close()
	return os.Remove(s.f.Name())
}

// extractOnce extracts the articles at paths in one pass, adding each
// article's story signature to opts.StoryIndex as it goes (StoriesStream),
// and calls add with every usable Doc and its signature in input order;
// inputs that cannot be used go to onSkip (nil: logged). Once it returns
// without ctx ending, the index holds every article: the stories of
// StoriesTwoPass, for one read of the inputs instead of two.
func extractOnce(ctx context.Context, x *Extractor, paths []string, opts Options, onSkip func(Item), add func(graph.Doc, story.Signature) error) error {
	opts.Stories, opts.keepSig = StoriesStream, true
	for it := range signedItems(ctx, func(ctx context.Context) <-chan Item { return Run(ctx, x, paths, opts) }, onSkip) {
		if err := add(it.Doc, it.sig); err != nil {
			return err
		}
	}
	return nil
}

// CorpusIDs gives extracted documents corpus-level entity ids (package
// resolve) and their final stories: it keeps the documents in a spool
// while they are extracted, then resolves the keys of all of them and
// hands each document back with its ids rewritten and, when it has a story
// index, its story and signature as that index gives them once it holds
// every article. The result is the ids the graph has after loading the
// same articles, and the stories of StoriesTwoPass.
type CorpusIDs struct {
	table   *resolve.Table
	stories *story.Index // nil: stories are left as they are
	spool   *spool
}

// NewCorpusIDs starts an empty spool in the system's temporary folder.
// stories, when not nil, is the index the documents' signatures are in
// once they are all added (see Each).
func NewCorpusIDs(n resolve.Namer, stories *story.Index) (*CorpusIDs, error) {
	sp, err := newSpool()
	if err != nil {
		return nil, fmt.Errorf("corpus ids: %w", err)
	}
	return &CorpusIDs{table: resolve.NewTable(n), stories: stories, spool: sp}, nil
}

// Add keeps d and its story signature (the zero Signature: none) for later.
func (c *CorpusIDs) Add(d graph.Doc, sig story.Signature) error {
	c.table.Add(d.ID, resolve.DocLocals(d))
	if err := c.spool.add(d, sig); err != nil {
		return fmt.Errorf("corpus ids: %w", err)
	}
	return nil
}

// Each resolves the corpus and calls fn with every document added, in the
// order added, its entity ids rewritten (resolve.Apply), and its story
// signature (story.Signature.String; "" for none). With a story index, the
// document's story is the index's and the signature carries the dates the
// index holds for its text (story.Index.Held).
func (c *CorpusIDs) Each(fn func(d graph.Doc, sig string) error) error {
	m := c.table.Resolve()
	err := c.spool.each(c.stories, func(d graph.Doc, sig story.Signature) error {
		resolve.Apply(&d, m)
		return fn(d, sigString(sig))
	})
	if err != nil {
		return fmt.Errorf("corpus ids: %w", err)
	}
	return nil
}

// Close removes the spool.
func (c *CorpusIDs) Close() error { return c.spool.close() }

// TwoPass reports whether Run reads paths twice under opts (the story mode
// two-pass, the default unless an input is standard input): extract then
// also gives corpus-level entity ids.
func (o Options) TwoPass(paths []string) bool { return o.mode(paths) == StoriesTwoPass }

// Corpus extracts the articles at paths and, once every one is extracted,
// calls fn with each usable Doc in input order, as StoriesTwoPass and
// CorpusIDs give it: with its final story, its story signature
// (story.Signature.String, with the dates of every copy of its text) and
// corpus-level entity ids. It reads the inputs once (the documents wait in
// a spool file meanwhile), where Run's StoriesTwoPass reads and cleans
// every input twice. Inputs that cannot be used go to onSkip (nil: logged)
// as they are met. When ctx ends before the input does, fn is not called
// and Corpus returns nil (the caller reports the interruption).
func Corpus(ctx context.Context, x *Extractor, paths []string, opts Options, onSkip func(Item), fn func(d graph.Doc, sig string) error) error {
	if opts.StoryIndex == nil {
		opts.StoryIndex = opts.newStoryIndex()
	}
	c, err := NewCorpusIDs(x.Namer(), opts.StoryIndex)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := extractOnce(ctx, x, paths, opts, onSkip, c.Add); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return nil
	}
	return c.Each(fn)
}

// Spooled extracts the articles at paths and, once every one is
// extracted, calls fn with each usable Doc in input order with the story
// and the story signature (story.Signature.String, with the dates of every
// copy of its text) that Signed gives under StoriesTwoPass, but reading the
// inputs once: the documents wait in a spool file meanwhile. Entity ids
// are the articles' own keys (Corpus gives corpus-level ids). Inputs that
// cannot be used go to onSkip (nil: logged) as they are met. When ctx ends
// before the input does, fn is not called and Spooled returns nil.
func Spooled(ctx context.Context, x *Extractor, paths []string, opts Options, onSkip func(Item), fn func(d graph.Doc, sig string) error) error {
	if opts.StoryIndex == nil {
		opts.StoryIndex = opts.newStoryIndex()
	}
	sp, err := newSpool()
	if err != nil {
		return err
	}
	defer sp.close()
	if err := extractOnce(ctx, x, paths, opts, onSkip, sp.add); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return nil
	}
	return sp.each(opts.StoryIndex, func(d graph.Doc, sig story.Signature) error { return fn(d, sigString(sig)) })
}

// nonNil restores the empty lists the gob spool turns into nil, so that the
// JSON output says [] as it does without the spool.
func nonNil(d *graph.Doc) {
	if d.Entities == nil {
		d.Entities = []graph.Entity{}
	}
	if d.Attributions == nil {
		d.Attributions = []graph.Attribution{}
	}
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Aliases == nil {
			e.Aliases = []string{}
		}
		if e.Roles == nil {
			e.Roles = []string{}
		}
		if e.Mentions == nil {
			e.Mentions = []graph.Mention{}
		}
	}
	for i := range d.Attributions {
		if d.Attributions[i].Targets == nil {
			d.Attributions[i].Targets = []string{}
		}
	}
}
