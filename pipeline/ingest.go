package pipeline

import (
	"context"
	"log/slog"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loader"
)

// IngestOptions tune Ingest.
type IngestOptions struct {
	Options
	BatchSize int            // documents per write transaction; 0 means 500
	Progress  func(done int) // called after each batch with the number of documents it held
	Loader    *loader.Loader // where the documents go
	Extractor *Extractor     // how articles become documents
	OnSkip    func(Item)     // called for each input that could not be used
}

// IngestResult is what an Ingest did.
type IngestResult struct {
	Stats       loader.Stats
	Skipped     []Item // inputs that could not be used, with the reason
	Interrupted bool   // ctx ended before the input did; the batches written are complete
}

// Ingest extracts the articles at paths and loads them in batches. A batch
// that has begun is finished even when ctx is cancelled meanwhile, so an
// interrupted ingest leaves whole batches behind, and running it again
// continues where it stopped (the loader skips what it already holds).
func Ingest(ctx context.Context, paths []string, opts IngestOptions) (IngestResult, error) {
	var res IngestResult
	size := opts.BatchSize
	if size <= 0 {
		size = 500
	}
	batch := make([]graph.Doc, 0, size)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		st, err := opts.Loader.Load(context.WithoutCancel(ctx), batch)
		if err != nil {
			return err
		}
		res.Stats.Add(st)
		if opts.Progress != nil {
			opts.Progress(len(batch))
		}
		batch = batch[:0]
		return nil
	}
	for it := range Run(ctx, opts.Extractor, paths, opts.Options) {
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
		if len(batch) >= size {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	if ctx.Err() != nil {
		// What was extracted but not written stays for the next run.
		res.Interrupted = true
		return res, nil
	}
	return res, flush()
}
