package pipeline

import (
	"context"
	"fmt"
	"log/slog"

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

// StoryUpdate is one article's story (and signature) for a StoryStore.
type StoryUpdate struct {
	ID, Story, Signature string
}

// IngestOptions tune Ingest.
type IngestOptions struct {
	Options
	BatchSize int            // documents per write transaction; 0 means loader.DefaultBatchSize
	Progress  func(done int) // called after each batch with the number of documents it held
	Loader    Sink           // where the documents go
	Extractor *Extractor     // how articles become documents
	OnSkip    func(Item)     // called for each input that could not be used
	// StoryStore, when not nil, makes stories right across runs (see
	// StoryStore); it is usually the Loader.
	StoryStore StoryStore
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
}

// Ingest extracts the articles at paths and loads them in batches. A batch
// that has begun is finished even when ctx is cancelled meanwhile, so an
// interrupted ingest leaves whole batches behind, and running it again
// continues where it stopped (the loader skips what it already holds).
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
			max := run.StoryMax
			if max <= 0 {
				max = DefaultStoryMax
			}
			idx = story.NewIndex(max)
		}
		err := store.StorySignatures(ctx, func(id, sig string) error {
			s, err := story.ParseSignature(sig)
			if err != nil {
				return fmt.Errorf("stored article %s: %w", id, err)
			}
			idx.Add(id, s)
			return nil
		})
		if err != nil {
			return res, fmt.Errorf("read stored story signatures: %w", err)
		}
		run.StoryIndex = idx
		run.keepSig = true
	}
	batch := make([]graph.Doc, 0, size)
	sigs := make([]string, 0, size)
	// applyStories sends the batch's stories and signatures, and every
	// story change since the last call, to the store.
	applyStories := func() error {
		if idx == nil {
			return nil
		}
		changed := idx.Changed()
		ups := make([]StoryUpdate, 0, len(batch)+len(changed))
		for i, d := range batch {
			ups = append(ups, StoryUpdate{ID: d.ID, Story: idx.Story(d.ID), Signature: sigs[i]})
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
	flush := func() error {
		if len(batch) > 0 {
			st, err := opts.Loader.Load(context.WithoutCancel(ctx), batch)
			if err != nil {
				return err
			}
			res.Stats.Add(st)
		}
		if err := applyStories(); err != nil {
			return err
		}
		if opts.Progress != nil && len(batch) > 0 {
			opts.Progress(len(batch))
		}
		batch, sigs = batch[:0], sigs[:0]
		return nil
	}
	for it := range Run(ctx, opts.Extractor, paths, run) {
		if it.Err != nil {
			if ctx.Err() != nil && it.Err == ctx.Err() {
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
		batch = append(batch, it.Doc)
		if idx != nil {
			sigs = append(sigs, it.sig.String())
		}
		if len(batch) >= size {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	if ctx.Err() != nil {
		// What was extracted but not written stays for the next run; the
		// story changes of stored articles are applied all the same.
		res.Interrupted = true
		batch, sigs = batch[:0], sigs[:0]
		return res, applyStories()
	}
	return res, flush()
}
