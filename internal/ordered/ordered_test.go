package ordered

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
)

func TestMapOrder(t *testing.T) {
	var busy, most atomic.Int32
	in := slices.Values([]int{5, 3, 8, 1, 9, 2, 7, 4, 6, 0})
	var got []int
	for r := range Map(context.Background(), in, 3, 4, func(_ context.Context, v int) int {
		n := busy.Add(1)
		defer busy.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		return v * 10
	}) {
		got = append(got, r)
	}
	if !slices.Equal(got, []int{50, 30, 80, 10, 90, 20, 70, 40, 60, 0}) {
		t.Errorf("got %v", got)
	}
	if most.Load() > 3 {
		t.Errorf("%d calls at once, want at most 3", most.Load())
	}
}

// TestMapStop: breaking out of the loop stops reading the input.
func TestMapStop(t *testing.T) {
	var read atomic.Int32
	in := func(yield func(int) bool) {
		for i := range 1000 {
			read.Add(1)
			if !yield(i) {
				return
			}
		}
	}
	n := 0
	for range Map(context.Background(), in, 2, 4, func(_ context.Context, v int) int { return v }) {
		if n++; n == 3 {
			break
		}
	}
	if r := read.Load(); r > 3+4+2+2 {
		t.Errorf("read %d values after stopping at 3, want a window's worth", r)
	}
}

func TestMapCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	for range Map(ctx, slices.Values(make([]int, 100)), 2, 2, func(_ context.Context, v int) int { return v }) {
		if n++; n == 5 {
			cancel()
		}
	}
	if n >= 100 {
		t.Errorf("cancel did not stop the map: %d results", n)
	}
}
