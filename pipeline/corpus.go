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

// CorpusIDs gives extracted documents corpus-level entity ids (package
// resolve) and their final stories: it keeps the documents (with their
// story signatures) in a spool file while they are extracted, then
// resolves the keys of all of them and hands each document back with its
// ids rewritten and, when it has a story index, its story and signature as
// that index gives them once it holds every article. The result is the ids
// the graph has after loading the same articles, and the stories of
// StoriesTwoPass.
type CorpusIDs struct {
	table   *resolve.Table
	stories *story.Index // nil: stories are left as they are
	spool   *os.File
	w       *bufio.Writer
	enc     *gob.Encoder
	n       int
}

// spooled is one document in the spool.
type spooled struct {
	Doc graph.Doc
	Sig story.Signature
}

// NewCorpusIDs starts an empty spool in the system's temporary folder.
// stories, when not nil, is the index the documents' signatures are in
// once they are all added (see Each).
func NewCorpusIDs(n resolve.Namer, stories *story.Index) (*CorpusIDs, error) {
	f, err := os.CreateTemp("", "newsgraph-spool-*.gob")
	if err != nil {
		return nil, fmt.Errorf("corpus ids: spool: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	return &CorpusIDs{table: resolve.NewTable(n), stories: stories, spool: f, w: w, enc: gob.NewEncoder(w)}, nil
}

// Add keeps d and its story signature (the zero Signature: none) for later.
func (c *CorpusIDs) Add(d graph.Doc, sig story.Signature) error {
	c.table.Add(d.ID, resolve.DocLocals(d))
	c.n++
	if err := c.enc.Encode(&spooled{d, sig}); err != nil {
		return fmt.Errorf("corpus ids: spool %s: %w", c.spool.Name(), err)
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
	if err := c.w.Flush(); err != nil {
		return fmt.Errorf("corpus ids: spool %s: %w", c.spool.Name(), err)
	}
	if _, err := c.spool.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("corpus ids: spool %s: %w", c.spool.Name(), err)
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(c.spool, 1<<16))
	for i := 0; i < c.n; i++ {
		var s spooled
		if err := dec.Decode(&s); err != nil {
			return fmt.Errorf("corpus ids: read spool %s: %w", c.spool.Name(), err)
		}
		d := &s.Doc
		nonNil(d)
		resolve.Apply(d, m)
		if c.stories != nil {
			d.Story = c.stories.Story(d.ID)
			s.Sig = c.stories.Held(d.ID, s.Sig)
		}
		if err := fn(*d, sigString(s.Sig)); err != nil {
			return err
		}
	}
	return nil
}

// Close removes the spool.
func (c *CorpusIDs) Close() error {
	c.spool.Close()
	return os.Remove(c.spool.Name())
}

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
	// One pass: each Doc's signature goes into the index as it is
	// extracted (its story then is provisional; Each gives the final one).
	opts.Stories, opts.keepSig = StoriesStream, true
	var werr error
	for it := range signedItems(ctx, func(ctx context.Context) <-chan Item { return Run(ctx, x, paths, opts) }, onSkip) {
		if werr = c.Add(it.Doc, it.sig); werr != nil {
			break
		}
	}
	if werr != nil {
		return werr
	}
	if ctx.Err() != nil {
		return nil
	}
	return c.Each(fn)
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
