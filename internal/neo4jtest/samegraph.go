package neo4jtest

import (
	"strings"
	"testing"
)

// SameGraph fails t with the first differing line when two loader.Dump
// texts differ; what says which graphs were compared.
func SameGraph(t testing.TB, what, want, got string) {
	t.Helper()
	if want == got {
		return
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			t.Fatalf("%s: graphs differ at line %d (of %d and %d):\nwant %.600s\n got %.600s", what, i+1, len(wl), len(gl), w, g)
		}
	}
}
