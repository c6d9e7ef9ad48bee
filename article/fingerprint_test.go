package article

import (
	"hash/fnv"
	"testing"
)

// TestFnvWords: fnvWords is hash/fnv's FNV-1a of the words with a zero byte
// after each, as shingleHashes hashed them before.
func TestFnvWords(t *testing.T) {
	for _, ws := range [][]string{nil, {""}, {"a"}, {"the", "quick", "brown"}, {"Zürich", "—", "x\x00y"}} {
		h := fnv.New64a()
		for _, w := range ws {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		if got, want := fnvWords(ws), h.Sum64(); got != want {
			t.Errorf("fnvWords(%q) = %x, want %x", ws, got, want)
		}
	}
}
