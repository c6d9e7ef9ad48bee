package quote

import (
	"strings"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
)

// ent describes one entity of a hand-built recognizer result: its type, name
// and the surface forms to find in the text.
type ent struct {
	typ   string
	name  string
	forms []string
	g     ner.Gender
}

// build makes an article and a recognizer result by finding every form of
// every entity in text (longest forms first, whole words only).
func build(text string, ents []ent) (*article.Article, ner.Result) {
	a := &article.Article{Text: text, Clean: text}
	res := ner.Result{Sentences: ner.Segment(text)}
	taken := make([]bool, len(text))
	type cand struct {
		e    int
		form string
	}
	var cands []cand
	for i, e := range ents {
		for _, f := range append([]string{e.name}, e.forms...) {
			cands = append(cands, cand{i, f})
		}
	}
	// longest first
	for i := 1; i < len(cands); i++ {
		for j := i; j > 0 && len(cands[j].form) > len(cands[j-1].form); j-- {
			cands[j], cands[j-1] = cands[j-1], cands[j]
		}
	}
	res.Entities = make([]ner.Entity, len(ents))
	for i, e := range ents {
		res.Entities[i] = ner.Entity{Type: e.typ, Name: e.name, Aliases: e.forms, Gender: e.g}
	}
	for _, c := range cands {
		off := 0
		for {
			k := strings.Index(text[off:], c.form)
			if k < 0 {
				break
			}
			s, e := off+k, off+k+len(c.form)
			off = e
			if s > 0 && isWordByte(text[s-1]) || e < len(text) && isWordByte(text[e]) && !strings.HasPrefix(text[e:], "’") {
				continue
			}
			free := true
			for p := s; p < e; p++ {
				if taken[p] {
					free = false
				}
			}
			if !free {
				continue
			}
			for p := s; p < e; p++ {
				taken[p] = true
			}
			res.Entities[c.e].Mentions = append(res.Entities[c.e].Mentions, ner.Mention{Start: s, End: e, Text: text[s:e]})
		}
	}
	return a, res
}
