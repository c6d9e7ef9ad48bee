// Package ordered runs a function over a stream on several goroutines and
// gives the results back in the stream's order, with a bounded number in
// flight. The pipeline's extraction (pipeline.Run) and the fetching of URL
// inputs (package fetch) use it.
package ordered

import (
	"context"
	"iter"
	"sync"
)

// Map calls f on every value of in, on workers goroutines, and yields the
// results in the order of in. At most window values are taken from in and
// not yet yielded. Stopping the loop, or cancelling ctx, cancels the
// context f is given, stops taking values from in (the one being produced
// is finished) and returns once the workers are done.
func Map[T, R any](ctx context.Context, in iter.Seq[T], workers, window int, f func(context.Context, T) R) iter.Seq[R] {
	workers = max(1, workers)
	window = max(workers, window)
	return func(yield func(R) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type job struct {
			v    T
			done chan R
		}
		jobs := make(chan job, window)
		order := make(chan chan R, window)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					j.done <- f(ctx, j.v)
				}
			}()
		}
		go func() { // takes the values in order, queueing each result's slot
			defer close(order)
			defer close(jobs)
			for v := range in {
				j := job{v: v, done: make(chan R, 1)}
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
		defer wg.Wait()
		defer cancel()
		for slot := range order {
			var r R
			select {
			case r = <-slot:
			case <-ctx.Done():
				return
			}
			if !yield(r) {
				return
			}
		}
	}
}
