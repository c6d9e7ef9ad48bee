package pipeline

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/story"
)

// Sink is where Ingest writes documents; *loader.Loader is one.
type Sink interface {
	Load(ctx context.Context, docs []graph.Doc) (loader.Stats, error)
}

// StoryStore keeps stories right across ingest runs (docs/stories.md): the
// articles already stored take part in the grouping, and stored articles
// whose story a new article changes are updated. The loader implements it
// once it stores story signatures; without one, stories are right within
// each run.
type StoryStore interface {
	// StorySignatures calls fn with the id and the signature
	// (story.Signature.String) of every stored article that has one.
	StorySignatures(ctx context.Context, fn func(id, signature string) error) error
	// SetStories sets the story and, when Signature is not empty, the
	// signature of stored articles. Ids that are not stored are ignored.
	SetStories(ctx context.Context, updates []StoryUpdate) error
}

// EntityResolver recomputes corpus-level entities once a run's articles are
// all written (package resolve); *loader.Loader is one. Ingest calls it at
// the end of a run that was not interrupted.
type EntityResolver interface {
	Resolve(ctx context.Context) (loader.ResolveStats, error)
}

// Foreseer takes documents ahead of loading them, as evidence for the
// corpus-level entity mapping the loads use (*loader.Loader.Foresee).
type Foreseer interface {
	Foresee(docs ...graph.Doc)
}

// StoryUpdate is one article's story (and signature) for a StoryStore.
type StoryUpdate = loader.StoryUpdate

// IngestOptions tune Ingest.
type IngestOptions struct {
	Options
	BatchSize int // documents per write transaction; 0 means loader.DefaultBatchSize
	// Queue is how many extracted batches may wait while one is written
	// (0: DefaultQueue). Extraction runs ahead of the writer by at most
	// that much, so memory holds at most Queue+2 batches of Docs besides
	// the extraction's own window.
	Queue     int
	Progress  func(done int) // called after each batch with the number of documents it held
	Loader    Sink           // where the documents go
	Extractor *Extractor     // how articles become documents
	OnSkip    func(Item)     // called for each input that could not be used
	// StoryStore, when not nil, makes stories right across runs (see
	// StoryStore); it is usually the Loader.
	StoryStore StoryStore
	// Read, when not nil, gives the documents instead of Run with
	// Extractor (ReadRecords: what "newsgraph extract" wrote). It must set
	// Doc.Story by opts.Stories and opts.StoryIndex as Run does.
	Read func(ctx context.Context, paths []string, opts Options) <-chan Item
}

// IngestResult is what an Ingest did.
type IngestResult struct {
	Stats       loader.Stats
	Skipped     []Item // inputs that could not be used, with the reason
	Interrupted bool   // ctx ended before the input did; the batches written are complete
	// StoriesChanged counts the story changes sent to the StoryStore (for
	// articles stored before or earlier in this run; some may be for
	// articles not stored yet, which the store ignores).
	StoriesChanged int
	// Resolved is what the Loader's corpus resolution did at the end, when
	// it is an EntityResolver.
	Resolved loader.ResolveStats
}

// Ingest extracts the articles at paths and loads them in batches; the
// extraction of the next batches overlaps the writing of the current one
// (IngestOptions.Queue). A batch that has begun is finished even when ctx
// is cancelled meanwhile, so an interrupted ingest leaves whole batches
// behind, and running it again continues where it stopped (the loader skips
// what it already holds).
func Ingest(ctx context.Context, paths []string, opts IngestOptions) (IngestResult, error) {
	var res IngestResult
	size := opts.BatchSize
	if size <= 0 {
		size = loader.DefaultBatchSize
	}
	run := opts.Options
	store := opts.StoryStore
	var idx *story.Index
	if store != nil && run.mode(paths) != StoriesOff {
		idx = run.StoryIndex
		if idx == nil {
			idx = run.newStoryIndex()
		}
		legacy := 0
		err := store.StorySignatures(ctx, func(id, sig string) error {
			s, err := story.ParseSignature(sig)
			if err != nil {
				return fmt.Errorf("stored article %s: %w", id, err)
			}
			if s.Legacy() {
				// Signed before the same-report check: left out, so that
				// signing it again (a re-ingest of its source) regroups it.
				legacy++
				return nil
			}
			idx.Add(id, s)
			return nil
		})
		if err != nil {
			return res, fmt.Errorf("read stored story signatures: %w", err)
		}
		if legacy > 0 {
			slog.Warn("stored articles have story signatures of an older format: they join no new story "+
				"and keep their stories until their sources are ingested again (docs/stories.md)", "articles", legacy)
		}
		run.StoryIndex = idx
		run.keepSig = true
	}
	queue := opts.Queue
	if queue <= 0 {
		queue = DefaultQueue
	}

	// applyStories sends a loaded batch's stories and signatures, and every
	// story change since the last call, to the store.
	applyStories := func(b batch) error {
		if idx == nil {
			return nil
		}
		changed := idx.Changed()
		ups := make([]StoryUpdate, 0, len(b.docs)+len(changed))
		for i, d := range b.docs {
			ups = append(ups, StoryUpdate{ID: d.ID, Story: idx.Story(d.ID), Signature: b.sigs[i]})
		}
		for _, c := range changed {
			ups = append(ups, StoryUpdate{ID: c.ID, Story: c.Story})
		}
		if len(ups) == 0 {
			return nil
		}
		res.StoriesChanged += len(changed)
		if err := store.SetStories(context.WithoutCancel(ctx), ups); err != nil {
			return fmt.Errorf("update stories: %w", err)
		}
		return nil
	}

	// The writer loads batches while the extraction goes on: at most queue
	// extracted batches wait for it. A batch it has begun is finished even
	// when ctx ends; batches still waiting then are dropped (a re-run
	// extracts them again).
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	var (
		batches = make(chan batch, queue)
		failed  = make(chan struct{})
		werr    error
		wg      sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for b := range batches {
			if werr != nil || ctx.Err() != nil {
				continue
			}
			err := func() error {
				st, err := opts.Loader.Load(context.WithoutCancel(ctx), b.docs)
				if err != nil {
					return err
				}
				res.Stats.Add(st)
				if err := applyStories(b); err != nil {
					return err
				}
				if opts.Progress != nil {
					opts.Progress(len(b.docs))
				}
				return nil
			}()
			if err != nil {
				werr = err
				close(failed)
				stopRun()
			}
		}
	}()
	send := func(b batch) bool {
		select {
		case batches <- b:
			return true
		case <-failed:
			return false
		}
	}
	// A two-pass run gives the loader every document before the first
	// batch: all are mapped with the whole run's evidence.
	run.foresee, _ = opts.Loader.(Foreseer)
	read := opts.Read
	var spoolErr error
	switch {
	case read == nil && run.mode(paths) == StoriesTwoPass:
		// Names first, then attribution while loading (first.go):
		// every story is final and the loader maps entities with the
		// whole run's evidence.
		read = func(ctx context.Context, paths []string, o Options) <-chan Item {
			return extractFirst(ctx, opts.Extractor, paths, o, &spoolErr)
		}
	case read == nil:
		read = func(ctx context.Context, paths []string, o Options) <-chan Item {
			return Run(ctx, opts.Extractor, paths, o)
		}
	}
	cur := newBatch(size, idx != nil)
	items := read(runCtx, paths, run)
	for it := range items {
		if it.Err != nil {
			if runCtx.Err() != nil && it.Err == runCtx.Err() {
				continue
			}
			res.Skipped = append(res.Skipped, it)
			if opts.OnSkip != nil {
				opts.OnSkip(it)
			} else {
				slog.Warn("skipped input", "reason", it.Err.Error())
			}
			continue
		}
		cur.docs = append(cur.docs, it.Doc)
		if idx != nil {
			cur.sigs = append(cur.sigs, sigString(it.sig))
		}
		if len(cur.docs) >= size {
			if !send(cur) {
				break
			}
			cur = newBatch(size, idx != nil)
		}
	}
	// Until the reading is over (its files closed and removed): after a
	// failed batch runCtx is done, so it ends soon.
	for range items {
	}
	interrupted := ctx.Err() != nil
	if !interrupted && werr == nil && len(cur.docs) > 0 {
		send(cur)
	}
	close(batches)
	wg.Wait()
	if werr != nil {
		return res, werr
	}
	if spoolErr != nil {
		return res, spoolErr
	}
	if interrupted {
		// What was extracted but not written stays for the next run; the
		// story changes of stored articles are applied all the same.
		res.Interrupted = true
		return res, applyStories(batch{})
	}
	if idx != nil && len(cur.docs) == 0 {
		// Changes that came after the last batch (none is usual).
		if err := applyStories(batch{}); err != nil {
			return res, err
		}
	}
	if r, ok := opts.Loader.(EntityResolver); ok {
		st, err := r.Resolve(ctx)
		if err != nil {
			return res, err
		}
		res.Resolved = st
	}
	return res, nil
}

// DefaultQueue is the number of extracted batches that may wait while one
// is written (IngestOptions.Queue).
const DefaultQueue = 1

// batch is a batch of Docs and, with a StoryStore, their signatures.
type batch struct {
	docs []graph.Doc
	sigs []string
}

func newBatch(size int, sigs bool) batch {
	b := batch{docs: make([]graph.Doc, 0, size)}
	if sigs {
		b.sigs = make([]string, 0, size)
	}
	return b
}

// Signed extracts the articles at paths like Run and yields each usable Doc
// with its story signature (story.Signature.String), as Ingest gives them
// to a StoryStore; inputs that cannot be used go to onSkip (nil: logged).
// "newsgraph export" uses it to write Article.story_sig.
func Signed(ctx context.Context, x *Extractor, paths []string, opts Options, onSkip func(Item)) iter.Seq2[graph.Doc, string] {
	opts.keepSig = true
	return signed(ctx, func(ctx context.Context) <-chan Item { return Run(ctx, x, paths, opts) }, onSkip)
}
