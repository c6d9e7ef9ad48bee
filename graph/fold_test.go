package graph

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// slowFold is fold as first written: a new transformer chain per call.
func slowFold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.ReplaceAll(out, "’", "'")
	return strings.ToLower(strings.Join(strings.Fields(out), " "))
}

func TestFoldMatchesReference(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "Vladimir Putin", "  the  White\tHouse ", "u.s.", "already folded",
		"trailing ", " leading", "A\nB\r\nC", "Zelenskyy", "Zélensky", "O’Neill", "Ångström  Co",
		"İstanbul", "Straße", "\u00a0nbsp\u00a0", "x\u0085y", "MIXED Case 123",
	} {
		if got, want := fold(s), slowFold(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// linearPerson is Gazetteer.person as first written: a scan of every listed
// person with SameSpelling and of every lone surname with surnameScore.
func linearPerson(g *Gazetteer, name string) *gazEntry {
	w := strings.Fields(name)
	if len(w) == 0 {
		return nil
	}
	if len(w) == 1 {
		k := fold(w[0])
		if es := g.surname[k]; len(es) > 0 {
			return only(es)
		}
		var cands []*gazEntry
		for s, es := range g.surname {
			if surnameScore(k, s) >= SpellingThreshold {
				cands = append(cands, es...)
			}
		}
		return only(cands)
	}
	var cands []*gazEntry
	for _, p := range g.people {
		for _, n := range append([]string{p.name}, p.variants...) {
			if SameSpelling(name, n) {
				cands = append(cands, p)
				break
			}
		}
	}
	return only(cands)
}

func TestPersonIndexMatchesScan(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Zelenskiy", "Zelensky", "Volodymyr Zelenskiy", "Muammar Qaddafi", "Dmitri Peskov",
		"Sergey Lavrov", "John Smith", "Putin", "Lavrov", "Kadhafi", "Nobody Known", "Ivanova"}
	for _, p := range g.people {
		names = append(names, p.name)
		names = append(names, p.variants...)
		if w := strings.Fields(p.name); len(w) > 1 {
			names = append(names, w[len(w)-1], w[0]+" "+w[len(w)-1]+"y", strings.ToUpper(p.name))
		}
	}
	matched := 0
	for _, n := range names {
		got, want := g.person(n), linearPerson(g, n)
		if got != want {
			t.Errorf("person(%q) = %v, want %v", n, got, want)
		}
		if got != nil {
			matched++
		}
	}
	if matched == 0 {
		t.Fatal("no name matched a listed person: the test checks nothing")
	}
}
