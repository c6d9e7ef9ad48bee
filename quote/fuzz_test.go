package quote

import (
	"os"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
)

// FuzzAttribute checks that attribution never panics and that every span
// lies inside the text and carries its own bytes.
func FuzzAttribute(f *testing.F) {
	for _, p := range []string{"testdata/harbor.txt", "testdata/unbalanced.txt"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	f.Add(`"Yes," he said, "and no." She said: “Never” and “ever.`)
	f.Add("according to\n\n\"\"''``“”said, who which, and said that")
	f.Fuzz(func(t *testing.T, text string) {
		a := &article.Article{Text: text, Clean: text}
		// Entities: every capitalized token, so that speakers and targets
		// are exercised.
		res := ner.Result{Sentences: ner.Segment(text)}
		for _, s := range res.Sentences {
			for _, tk := range s.Tokens {
				if isCapitalized(tk.Text) {
					res.Entities = append(res.Entities, ner.Entity{Type: ner.Person, Name: tk.Text,
						Mentions: []ner.Mention{{Start: tk.Start, End: tk.End, Text: tk.Text}}})
				}
			}
		}
		for _, g := range Attribute(a, res) {
			checkSpans(t, text, g)
			if g.Speaker < -1 || g.Speaker >= len(res.Entities) {
				t.Fatalf("speaker %d out of range", g.Speaker)
			}
			for _, x := range g.Targets {
				if x < 0 || x >= len(res.Entities) || x == g.Speaker {
					t.Fatalf("bad target %d", x)
				}
			}
		}
	})
}
