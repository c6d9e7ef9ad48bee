package ner

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/internal/shareddata"
)

// TestSeedsTagger measures the bare tagger (no title stripping, no alias
// grouping: that is entities.go's job) on the five seed articles against
// ../shared/seeds/gold.json: a gold entity is found when some tagged span of
// the right type reads as one of its surfaces (a leading title such as "Mr"
// or "President" may be missing; a name inside a hyphenated token counts); a
// tagged span is correct when it reads as a gold surface of its type, and is
// not counted when it reads as an "optional" name.
func TestSeedsTagger(t *testing.T) {
	goldPath := shareddata.Path(t, "seeds/gold.json")
	raw, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Articles map[string]struct {
			Entities []struct {
				Name    string   `json:"name"`
				Type    string   `json:"type"`
				Surface []string `json:"surface"`
			} `json:"entities"`
			Optional []string `json:"optional"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	m := mustModel(t)
	typ := map[string]string{"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
	var names []string
	for n := range gold.Articles {
		names = append(names, n)
	}
	sort.Strings(names)
	found, total, correct, predicted := 0, 0, 0, 0
	for _, name := range names {
		a := gold.Articles[name]
		rawText, err := os.ReadFile(filepath.Join(filepath.Dir(goldPath), name))
		if err != nil {
			t.Fatal(err)
		}
		art, err := article.Parse(name, rawText, article.FormatOf(name))
		if err != nil {
			t.Fatal(err)
		}
		text := art.Clean // boilerplate and metadata blanked, offsets kept
		sents := Segment(text)
		toks := make([][]string, len(sents))
		for i, s := range sents {
			for _, tk := range s.Tokens {
				toks[i] = append(toks[i], tk.Text)
			}
		}
		tags := m.TagDocument(toks)
		norm := func(s string) string { return strings.ReplaceAll(s, "\u2019", "'") }
		surf := map[string]string{} // surface -> type
		for _, e := range a.Entities {
			surf[norm(e.Name)] = e.Type
			for _, s := range e.Surface {
				surf[norm(s)] = e.Type
				for _, title := range []string{"Mr. ", "Mr ", "Ms ", "Mrs ", "President ", "Dr "} {
					if rest, ok := strings.CutPrefix(s, title); ok {
						surf[norm(rest)] = e.Type
					}
				}
			}
		}
		optional := map[string]bool{}
		for _, o := range a.Optional {
			optional[norm(o)] = true
		}
		got := map[string]bool{} // "TYPE text" of predicted spans (and hyphen parts)
		for i, s := range sents {
			for _, sp := range Spans(tags[i]) {
				ty, ok := typ[sp.Type]
				if !ok {
					continue
				}
				txt := norm(text[s.Tokens[sp.Start].Start:s.Tokens[sp.End-1].End])
				forms := []string{txt}
				if strings.Contains(txt, "-") {
					forms = append(forms, strings.Split(txt, "-")...)
				}
				ok = false
				opt := false
				for _, f := range forms {
					got[ty+" "+f] = true
					if surf[f] == ty {
						ok = true
					}
					opt = opt || optional[f]
				}
				if opt && !ok {
					continue
				}
				predicted++
				if ok {
					correct++
				} else {
					t.Logf("%s: tagged %s %q: not a gold surface of that type", name, ty, txt)
				}
			}
		}
		for _, e := range a.Entities {
			total++
			hit := false
			for _, s := range append([]string{e.Name}, e.Surface...) {
				s = norm(s)
				if got[e.Type+" "+s] {
					hit = true
				}
				for _, title := range []string{"Mr. ", "Mr ", "Ms ", "Mrs ", "President ", "Dr "} {
					if rest, ok := strings.CutPrefix(s, title); ok && got[e.Type+" "+rest] {
						hit = true
					}
				}
			}
			if hit {
				found++
			} else {
				t.Logf("%s: missed %s %q (surfaces %q)", name, e.Type, e.Name, e.Surface)
			}
		}
	}
	p, r := float64(correct)/float64(max(predicted, 1)), float64(found)/float64(max(total, 1))
	t.Logf("seeds, bare tagger: span precision %.3f (%d/%d), entity recall %.3f (%d/%d)", p, correct, predicted, r, found, total)
	if p < 0.85 || r < 0.90 {
		t.Errorf("seeds: precision %.3f (floor 0.85), recall %.3f (floor 0.90)", p, r)
	}
}
