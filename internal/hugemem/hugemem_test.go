package hugemem

import "testing"

// TestSlice: small and large tables alike are zeroed, of the length asked,
// and hold what is written to them.
func TestSlice(t *testing.T) {
	type row struct {
		key uint64
		w   [5]float32
	}
	for _, n := range []int{0, 1, 1000, minSize/32 + 7} {
		s := Slice[row](n)
		if len(s) != n {
			t.Fatalf("len %d, want %d", len(s), n)
		}
		for i := range s {
			if s[i] != (row{}) {
				t.Fatalf("n=%d: element %d not zero", n, i)
			}
			s[i].key, s[i].w[4] = uint64(i), float32(i)
		}
		for i := range s {
			if s[i].key != uint64(i) || s[i].w[4] != float32(i) {
				t.Fatalf("n=%d: element %d lost its value", n, i)
			}
		}
	}
}
