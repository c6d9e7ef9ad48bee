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

// spoolAll extracts the articles at paths once (extractOnce) into a new
// spool, calling seen (when not nil) with each Doc as it is spooled. It
// returns the spool and the story index that then holds every article
// (opts.StoryIndex, or a new one); the caller closes the spool.
func spoolAll(ctx context.Context, x *Extractor, paths []string, opts Options, onSkip func(Item), seen func(graph.Doc)) (*spool, *story.Index, error) {
	if opts.StoryIndex == nil {
		opts.StoryIndex = opts.newStoryIndex()
	}
	sp, err := newSpool()
	if err != nil {
		return nil, nil, err
	}
	err = extractOnce(ctx, x, paths, opts, onSkip, func(d graph.Doc, sig story.Signature) error {
		if seen != nil {
			seen(d)
		}
		return sp.add(d, sig)
	})
	if err != nil {
		sp.close()
		return nil, nil, err
	}
	return sp, opts.StoryIndex, nil
}

// TwoPass reports whether Run reads paths twice under opts (the story mode
// two-pass, the default unless an input is standard input): extract then
// also gives corpus-level entity ids.
func (o Options) TwoPass(paths []string) bool { return o.mode(paths) == StoriesTwoPass }

// Spooled extracts the articles at paths and, once every one is
// extracted, calls fn with each usable Doc in input order with the story
// and the story signature (story.Signature.String, with the dates of every
// copy of its text) that Signed gives under StoriesTwoPass, but reading the
// inputs once: the documents wait in a spool file meanwhile. Entity ids
// are the articles' own keys (Corpus gives corpus-level ids). Inputs that
// cannot be used go to onSkip (nil: logged) as they are met. When ctx ends
// before the input does, fn is not called and Spooled returns nil (the
// caller reports the interruption).
func Spooled(ctx context.Context, x *Extractor, paths []string, opts Options, onSkip func(Item), fn func(d graph.Doc, sig string) error) error {
	return spoolThen(ctx, x, paths, opts, onSkip, false, fn)
}

// Corpus is Spooled with corpus-level entity ids (package resolve): the
// keys of every document are resolved together and each document's ids
// rewritten (resolve.Apply), so that they are the ids the graph has after
// loading the same articles. "newsgraph extract" writes its output so.
func Corpus(ctx context.Context, x *Extractor, paths []string, opts Options, onSkip func(Item), fn func(d graph.Doc, sig string) error) error {
	return spoolThen(ctx, x, paths, opts, onSkip, true, fn)
}

func spoolThen(ctx context.Context, x *Extractor, paths []string, opts Options, onSkip func(Item), ids bool, fn func(d graph.Doc, sig string) error) error {
	var table *resolve.Table
	var seen func(graph.Doc)
	if ids {
		table = resolve.NewTable(x.Namer())
		// Copies of one text (one article id) count once, as in the
		// graph (the loader's evidence), so that extract's ids are the
		// graph's.
		added := map[string]bool{}
		seen = func(d graph.Doc) {
			if !added[d.ID] {
				added[d.ID] = true
				table.Add(d.ID, resolve.DocLocals(d))
			}
		}
	}
	sp, idx, err := spoolAll(ctx, x, paths, opts, onSkip, seen)
	if err != nil {
		return err
	}
	defer sp.close()
	if ctx.Err() != nil {
		return nil
	}
	var m *resolve.Mapping
	if ids {
		m = table.Resolve()
	}
	return sp.each(idx, func(d graph.Doc, sig story.Signature) error {
		if ids {
			resolve.Apply(&d, m)
		}
		return fn(d, sigString(sig))
	})
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
