package article

import (
	"math/rand/v2"
	"testing"
)

// TestFoldIs: foldIs(s, key) is fold(s) == key, for keys fold made, on
// spaces of every kind, case, non-ASCII letters and invalid UTF-8.
func TestFoldIs(t *testing.T) {
	lines := []string{
		"", " ", "Title", "title", "TITLE ", "  Two  Words ", "two words", "two\u00a0words",
		"ZÜRICH talks", "zürich talks", "İstanbul", "i̇stanbul", "bad \xff byte", "bad \ufffd byte",
		"tab\tand\nnewline", "\u200bzero width\ufeff", "ΣΊΣΥΦΟΣ", "σίσυφος", "a", "a b", "ab",
	}
	for _, k := range lines {
		key := fold(k)
		for _, s := range lines {
			if got, want := foldIs(s, key), fold(s) == key; got != want {
				t.Errorf("foldIs(%q, %q) = %v, want %v", s, key, got, want)
			}
		}
	}
	// Random strings over a small alphabet of troublesome runes.
	alpha := []string{"a", "A", "é", "É", " ", "\u00a0", "\t", "\xff", "\ufffd", "ß", "K", "\u212a", "ǅ"}
	rng := rand.New(rand.NewPCG(1, 2))
	rnd := func() string {
		s := ""
		for range rng.IntN(8) {
			s += alpha[rng.IntN(len(alpha))]
		}
		return s
	}
	for range 20000 {
		s, k := rnd(), rnd()
		key := fold(k)
		if got, want := foldIs(s, key), fold(s) == key; got != want {
			t.Fatalf("foldIs(%q, %q) = %v, want %v", s, key, got, want)
		}
		if !foldIs(s, fold(s)) {
			t.Fatalf("foldIs(%q, fold(%[1]q)) = false", s)
		}
	}
}
