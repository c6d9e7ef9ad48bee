package loader

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/graph"
)

// TestStatementTextFolded: a statement's text, cue and source are stored
// with white space folded (hard line breaks of the article become spaces),
// while start and end keep pointing at the exact bytes, which still hold the
// text as written; the Doc (the extract contract) is not changed.
func TestStatementTextFolded(t *testing.T) {
	input := "Ana Torres said Portugal has had no formal offer\nfrom the U.K.  on  the harbour.\n"
	content := "Portugal has had no formal offer\nfrom the U.K.  on  the harbour."
	start := strings.Index(input, content)
	speaker := "person:ana-torres"
	d := graph.Doc{
		ID: "a1", Source: "wire.txt",
		Entities: []graph.Entity{{ID: speaker, Type: graph.Person, Name: "Ana Torres",
			Mentions: []graph.Mention{{Start: 0, End: 10, Text: "Ana Torres"}}}},
		Attributions: []graph.Attribution{{
			Speaker: &speaker,
			Source:  article.Span{Start: 0, End: 10, Text: "Ana Torres"},
			Cue:     article.Span{Start: 11, End: 15, Text: "said"},
			Content: article.Span{Start: start, End: start + len(content), Text: content},
		}},
	}
	p, err := prepare(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.stmts) != 1 {
		t.Fatalf("%d statements, want 1", len(p.stmts))
	}
	s := p.stmts[0]
	if want := "Portugal has had no formal offer from the U.K. on the harbour."; s.text != want {
		t.Errorf("text %q, want %q", s.text, want)
	}
	if input[s.start:s.end] != content {
		t.Errorf("input[start:end] = %q, want the exact bytes %q", input[s.start:s.end], content)
	}
	if d.Attributions[0].Content.Text != content {
		t.Errorf("prepare changed the Doc's content text to %q", d.Attributions[0].Content.Text)
	}
	for in, want := range map[string]string{"": "", "said": "said", " a\tb \u00a0c\r\n": "a b c", "one\n\ntwo": "one two"} {
		if got := foldSpace(in); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
