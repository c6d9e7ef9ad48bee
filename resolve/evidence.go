package resolve

// In-article evidence beyond an article's own aliases (Table.Add): a clipped
// name beside the name it clips ("Fed", "Federal Reserve") and a
// place-qualified name beside the name without its place ("Rangers",
// "Glasgow Rangers"); and the word knowledge they use.

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ner"
)

// clippings are the in-article evidence of a clipped name: an article that
// names an organization "Federal Reserve" and also "Fed" says that "Fed",
// the head of its first word, stands for it. Pairs are (clipped key, full
// key); organizations and places only, the clipped form one word of three
// letters or more and the full name's first word at least two letters longer.
func clippings(locals []Local) [][2]string {
	var out [][2]string
	for _, c := range locals {
		if c.NotEntity != "" || c.Key == "" || c.Type == Person || !clipShaped(c.Name) {
			continue
		}
		for _, f := range locals {
			if f.NotEntity != "" || f.Key == "" || f.Type == Person || f.Key == c.Key {
				continue
			}
			first, rest, ok := strings.Cut(f.Name, " ")
			if !ok || rest == "" || len(first) < len(c.Name)+2 || !strings.HasPrefix(first, c.Name) ||
				!clipRest(first[len(c.Name):]) {
				continue
			}
			out = append(out, [2]string{c.Key, f.Key})
		}
	}
	return out
}

// clipRest reports whether rest, what a clipping leaves out of a word, is
// the inside of that word: lower-case letters ("eral" of "Federal"), not a
// second word ("World" of "AppleWorld", "-Benz"), and not a suffix that
// makes a word of its own from a shorter one ("Western", "Sunday").
func clipRest(rest string) bool {
	for _, r := range rest {
		if !unicode.IsLower(r) {
			return false
		}
	}
	for _, suf := range derivations {
		if rest == suf {
			return false
		}
	}
	// "Inter" of "International" leaves a word of its own ("national"):
	// two words joined, not a word cut short.
	_, _, _, word := ner.WordClasses(rest)
	return len(rest) < 4 || !word
}

// clipShaped: a capitalised word of letters only, three or more, not all
// capitals (an acronym is not a clipping).
func clipShaped(name string) bool {
	if len(name) < 3 {
		return false
	}
	lower := false
	for i, r := range name {
		switch {
		case i == 0 && !unicode.IsUpper(r):
			return false
		case !unicode.IsLetter(r):
			return false
		case unicode.IsLower(r):
			lower = true
		}
	}
	return lower
}

// place reports whether the gazetteer knows name as a place, by its own
// name ("Glasgow") or as another name of one ("U.S.", keyed as the United
// States: its place key is not its plain key).
func (t *Table) place(name string) bool {
	k := t.key(Location, name)
	if !strings.HasPrefix(k, "loc:") {
		return false
	}
	pk := t.key(Person, name) // the gazetteer retypes a place's other names
	_, plain, _ := strings.Cut(pk, ":")
	return t.listed(Location, name) || strings.HasPrefix(pk, "loc:") || k[len("loc:"):] != plain
}

// placeParts are the in-article evidence of a place-qualified
// organization's name without its place: an article that names "Glasgow
// Rangers" and also "Rangers", typed ORG, says "Rangers" stands for it
// there. Only names of two words whose first is a place the gazetteer knows
// (place: "UK Treasury", "Toronto Star"). The place alone is not evidence: an
// article on the rugby club "Gloucester" may quote the "Gloucester Citizen".
// Pairs are (part key, full key); Resolve weighs them across the corpus like
// any alias evidence ("Treasury" beside "UK Treasury" in some articles and
// "US Treasury" in others joins neither unless one has two thirds).
func (t *Table) placeParts(locals []Local) [][2]string {
	var out [][2]string
	orgs := map[string]string{} // name → key, organizations of the article
	for _, l := range locals {
		if l.NotEntity == "" && l.Key != "" && l.Type == Organization {
			orgs[l.Name] = l.Key
		}
	}
	for _, name := range sortedKeys(orgs) {
		w := strings.Fields(name)
		if len(w) != 2 || !t.place(w[0]) {
			continue
		}
		if k, ok := orgs[w[1]]; ok && k != orgs[name] {
			out = append(out, [2]string{k, orgs[name]})
		}
	}
	return out
}

// beginsOthers reports whether key k begins longer organization names (a
// short form claim from a name that extends it).
func beginsOthers(k string, claims map[string]string) bool {
	for by, rule := range claims {
		if rule == "short form" && extends(by, k) {
			return true
		}
	}
	return false
}

// commonWord reports whether name is one word that news text also writes in
// lower case ("united", "city", "finance"; not "honda"), by the embedded
// word clustering.
func commonWord(name string) bool {
	if strings.ContainsAny(name, " -") {
		return false
	}
	_, _, _, ok := ner.WordClasses(strings.ToLower(name))
	return ok
}

// derivations are suffixes that turn a word into another one.
var derivations = []string{"s", "ional", "es", "ern", "ian", "ean", "an", "ese", "ish", "ic", "al", "day", "er", "ers", "ly", "ing", "ed", "ist", "ism", "ity", "ness", "ment", "ship", "land", "ville", "ton", "burg", "field"}
