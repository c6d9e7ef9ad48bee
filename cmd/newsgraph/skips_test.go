package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestSkippedSummarised: a corpus with many records without text (as
// Reuters-21578 has 1,799) gets one warning for them, counting them and
// naming the first three; at debug level each one is logged.
func TestSkippedSummarised(t *testing.T) {
	var b strings.Builder
	empty := 0
	for i := 1; i <= 40; i++ {
		if i%4 == 0 {
			b.WriteString(`{"title":"Untitled","text":""}` + "\n")
			empty++
			continue
		}
		fmt.Fprintf(&b, `{"text":"Mayor Ana Torres of Brindle opened bridge number %d on Monday."}`+"\n", i)
	}
	p := writeFile(t, t.TempDir(), "wire.jsonl", []byte(b.String()))

	r := run(t, nil, "extract", "--stories", "off", p)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	if n := len(docs(t, r.stdout)); n != 40-empty {
		t.Errorf("%d articles extracted, want %d", n, 40-empty)
	}
	lines := linesWith(r.stderr, p)
	if len(lines) != 1 {
		t.Fatalf("%d stderr lines name %s, want 1 (the summary)\n%s", len(lines), p, r)
	}
	for _, want := range []string{"no article text", fmt.Sprintf("count=%d", empty), p + ":4:", p + ":8:", p + ":12:", fmt.Sprintf("%d (--log-level debug", empty-3)} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("the summary line lacks %q: %s", want, lines[0])
		}
	}
	if strings.Contains(lines[0], p+":16:") {
		t.Errorf("the summary names a fourth: %s", lines[0])
	}

	r = run(t, nil, "extract", "--log-level", "debug", "--stories", "off", p)
	for i := 4; i <= 40; i += 4 {
		src := fmt.Sprintf("%s:%d:", p, i)
		debug := 0
		for _, l := range linesWith(r.stderr, src) {
			if strings.Contains(l, "level=DEBUG") {
				debug++
			}
		}
		if debug != 1 {
			t.Errorf("%d debug lines name %s, want 1", debug, src)
		}
	}
}
