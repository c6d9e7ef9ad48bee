// Package hugemem allocates the large lookup tables of the trained models
// (tens of MiB each, read at random a hundred million times an extraction)
// in memory the kernel may back with 2 MiB pages. With 4 KiB pages nearly
// every lookup also misses the TLB and walks the page tables, which on a
// virtual machine costs as much as the cache miss itself.
//
// The memory is outside the Go heap and never freed: it is for tables that
// live as long as the process (the embedded models, loaded once), and for
// element types without pointers (the garbage collector does not see it).
package hugemem

// minSize is the smallest table worth its own mapping.
const minSize = 4 << 20

// Slice returns a zeroed slice of n elements of T. T must hold no pointers.
// Where huge pages cannot be had it is make([]T, n).
func Slice[T any](n int) []T {
	if s := mapSlice[T](n); s != nil {
		return s
	}
	return make([]T, n)
}
