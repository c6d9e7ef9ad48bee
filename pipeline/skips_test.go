package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/article"
)

// TestSkipsByReason: skipped inputs are counted by reason, the most
// frequent first, each naming its first few inputs with their whole
// message; the rest are counted, not named.
func TestSkipsByReason(t *testing.T) {
	var s Skips
	for i := 1; i <= 7; i++ {
		s.Add(Item{Err: &article.InputError{Source: "corpus.jsonl", Line: i * 10, Err: fmt.Errorf("%w: no text or body", article.ErrEmpty)}})
	}
	s.Add(Item{Err: &article.InputError{Source: "feed.xml", Err: fmt.Errorf("%w (.xml)", article.ErrUnsupported)}})
	s.Add(Item{Err: fmt.Errorf("odd.txt: extraction failed: boom")})
	if s.Len() != 9 {
		t.Errorf("Len %d, want 9", s.Len())
	}
	rs := s.Reasons()
	if len(rs) != 3 {
		t.Fatalf("%d reasons, want 3: %+v", len(rs), rs)
	}
	if rs[0].Reason != article.ErrEmpty.Error() || rs[0].Count != 7 || len(rs[0].Examples) != DefaultSkipExamples {
		t.Errorf("first reason %+v, want empty input x7 with %d examples", rs[0], DefaultSkipExamples)
	}
	if rs[0].Examples[0] != "corpus.jsonl:10: empty input: no text or body" {
		t.Errorf("first example %q", rs[0].Examples[0])
	}
	if rs[1].Reason != article.ErrUnsupported.Error() || rs[2].Reason != "odd.txt: extraction failed: boom" {
		t.Errorf("reasons %q, %q", rs[1].Reason, rs[2].Reason)
	}
	var b bytes.Buffer
	s.Write(&b)
	out := b.String()
	for _, want := range []string{"skipped 9 input(s):", "  empty input: 7\n", "corpus.jsonl:30:", "... and 4 more", "feed.xml"} {
		if !strings.Contains(out, want) {
			t.Errorf("Write lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "corpus.jsonl:40:") {
		t.Errorf("Write names a fourth empty input:\n%s", out)
	}
}

// TestSkipsFromRun: the skips of a real run over a JSON Lines file group
// its records without text under one reason.
func TestSkipsFromRun(t *testing.T) {
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i := 0; i < 12; i++ {
		if i%3 == 0 {
			lines = append(lines, `{"title":"Nothing here","text":""}`)
		} else {
			lines = append(lines, fmt.Sprintf(`{"text":"Mayor Ana Torres of Brindle spoke on day %d."}`, i))
		}
	}
	path := t.TempDir() + "/c.jsonl"
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var s Skips
	for it := range Run(context.Background(), x, []string{path}, Options{Stories: StoriesOff}) {
		if it.Err != nil {
			s.Add(it)
		}
	}
	rs := s.Reasons()
	if len(rs) != 1 || rs[0].Count != 4 || rs[0].Reason != article.ErrNoText.Error() {
		t.Fatalf("reasons %+v, want 4 x no article text", rs)
	}
}
