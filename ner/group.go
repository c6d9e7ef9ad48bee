package ner

import (
	"sort"
	"strings"
	"unicode"
)

// group turns the mentions of one article into entities: mentions of the
// same name are one entity; a surname or first name joins the one full name
// it fits; an acronym joins the one multi-word organization it abbreviates.
// Each distinct name takes the type most of its mentions have.
func group(raws []rawMention) []Entity {
	if len(raws) == 0 {
		return nil
	}
	sort.SliceStable(raws, func(i, j int) bool { return raws[i].start < raws[j].start })
	raws = dropOverlaps(raws)
	if extra := repairSpans(raws); len(extra) > 0 {
		raws = append(raws, extra...)
		sort.SliceStable(raws, func(i, j int) bool { return raws[i].start < raws[j].start })
	}

	// Majority type per surface form.
	votes := map[string]map[string]int{}
	var order []string
	for _, m := range raws {
		k := surfaceKey(m.text)
		if votes[k] == nil {
			votes[k] = map[string]int{}
			order = append(order, k)
		}
		votes[k][m.typ]++
	}
	typeOf := map[string]string{}
	for _, k := range order {
		best, n := "", -1
		for _, t := range []string{Person, Organization, Location} {
			if votes[k][t] > n {
				best, n = t, votes[k][t]
			}
		}
		typeOf[k] = best
	}

	// Each surface form links to a head surface form.
	head := map[string]string{}
	for _, k := range order {
		head[k] = k
	}
	for _, k := range order {
		var cands []string
		for _, full := range order {
			if full == k || typeOf[full] != typeOf[k] {
				continue
			}
			if fits(k, full, typeOf[k]) {
				cands = append(cands, full)
			}
		}
		cands = longestOnly(cands)
		if len(cands) == 1 {
			head[k] = cands[0]
		}
	}
	root := func(k string) string {
		for i := 0; i < 8 && head[k] != k; i++ {
			k = head[k]
		}
		return k
	}

	index := map[string]int{}
	var ents []Entity
	for _, m := range raws {
		k := surfaceKey(m.text)
		r := root(k)
		i, ok := index[r]
		if !ok {
			i = len(ents)
			index[r] = i
			ents = append(ents, Entity{Type: typeOf[r], Name: r})
		}
		e := &ents[i]
		e.Mentions = append(e.Mentions, Mention{Start: m.start, End: m.end, Text: m.text, Sentence: m.sentence})
		e.Aliases = addUnique(e.Aliases, k)
		if m.honor != "" {
			e.Aliases = addUnique(e.Aliases, m.honor+" "+k)
		}
		if m.role != "" {
			e.Roles = addUnique(e.Roles, m.role)
		}
		if e.Gender == GenderUnknown {
			e.Gender = m.gender
		}
	}
	for i := range ents {
		e := &ents[i]
		aliases := e.Aliases[:0]
		for _, a := range e.Aliases {
			if a != e.Name {
				aliases = append(aliases, a)
			}
		}
		e.Aliases = aliases
	}
	return ents
}

// repairSpans fixes two tagger slips that would make a second node for a
// person, using only evidence from the same article:
//   - a non-person span that starts with title words and ends in a person's
//     name ("Secretary of [Defense Lloyd Austin]ORG" when "Austin" is a person
//     elsewhere in the article) becomes that person's mention;
//   - a person span that starts with a word tagged as a place or organization
//     elsewhere in the article and ends in a known surname ("in [Europe
//     Blinken]PER said" when "Europe" is a place and "Antony Blinken" a person)
//     loses that word, which becomes a mention of its own.
//
// It returns the mentions it split off.
func repairSpans(raws []rawMention) []rawMention {
	var extra []rawMention
	surnames := map[string]bool{} // last words of person mentions
	others := map[string]string{} // single-word place and organization surfaces and their types
	for _, m := range raws {
		w := strings.Fields(m.text)
		if len(w) == 0 {
			continue
		}
		if m.typ == Person {
			surnames[w[len(w)-1]] = true
		} else if len(w) == 1 {
			others[w[0]] = m.typ
		}
	}
	for i := range raws {
		m := &raws[i]
		w := strings.Fields(m.text)
		if len(w) < 2 {
			continue
		}
		skip := 0
		switch {
		case m.typ != Person && isTitleWord(w[0]):
			for skip < len(w)-1 && (isTitleWord(w[skip]) || w[skip] == "of") {
				skip++
			}
			if !surnames[w[len(w)-1]] || isTitleWord(w[len(w)-1]) {
				continue
			}
		case m.typ == Person && others[w[0]] != "" && !isTitleWord(w[0]):
			skip = 1
			if !surnames[w[len(w)-1]] || !surnameElsewhere(raws, i, w[len(w)-1]) {
				continue
			}
			extra = append(extra, rawMention{typ: others[w[0]], sentence: m.sentence, first: m.first, last: m.first,
				start: m.start, end: m.start + len(w[0]), text: w[0]})
		default:
			continue
		}
		off := wordOffset(m.text, skip)
		if off <= 0 {
			continue
		}
		m.typ = Person
		m.start += off
		m.text = m.text[off:]
		if m.last > m.first {
			m.first += skip
			if m.first > m.last {
				m.first = m.last
			}
		}
	}
	return extra
}

// surnameElsewhere reports whether a person mention other than raws[i] ends
// in the word last.
func surnameElsewhere(raws []rawMention, i int, last string) bool {
	for j, m := range raws {
		if j == i || m.typ != Person {
			continue
		}
		if w := strings.Fields(m.text); len(w) > 0 && w[len(w)-1] == last {
			return true
		}
	}
	return false
}

// wordOffset returns the byte offset of the n-th white-space separated word
// of s, or -1.
func wordOffset(s string, n int) int {
	k := -1
	in := false
	for i, r := range s {
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			in = true
			k++
			if k == n {
				return i
			}
		}
	}
	return -1
}

// dropOverlaps keeps the first of overlapping mentions (sorted by start).
func dropOverlaps(raws []rawMention) []rawMention {
	out := raws[:0]
	end := -1
	for _, m := range raws {
		if m.start < end {
			continue
		}
		out = append(out, m)
		end = m.end
	}
	return out
}

// surfaceKey folds the typographic variants of one name.
func surfaceKey(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	return strings.Join(strings.Fields(s), " ")
}

// fits reports whether the short name k can refer to the fuller name full:
// "Putin" or "Vladimir" to "Vladimir Putin", "OSCE" to "Organization for
// Security and Cooperation in Europe".
func fits(k, full, typ string) bool {
	kw, fw := strings.Fields(k), strings.Fields(full)
	if len(kw) >= len(fw) {
		return false
	}
	switch typ {
	case Person:
		return equalWords(kw, fw[len(fw)-len(kw):]) || equalWords(kw, fw[:len(kw)])
	case Organization:
		if len(kw) == 1 && isAcronym(k) {
			return strings.ReplaceAll(k, ".", "") == initials(fw)
		}
		return equalWords(kw, fw[:len(kw)]) && len(kw) >= 2
	}
	return false
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			n++
		case r == '.' || r == '&':
		default:
			return false
		}
	}
	return n >= 2
}

// initials of the capitalised words of a name: "Organization for Security
// and Cooperation in Europe" -> "OSCE".
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		for _, part := range strings.Split(w, "-") {
			r := []rune(part)
			if len(r) > 0 && unicode.IsUpper(r[0]) {
				b.WriteRune(r[0])
			}
		}
	}
	return b.String()
}

// longestOnly keeps the candidates that are not themselves short forms of
// another candidate ("Vladimir Putin" over "Vladimir" when both fit "Putin"
// is impossible, but "Joe Biden" and "Biden Jr" may both fit "Biden").
func longestOnly(cands []string) []string {
	if len(cands) < 2 {
		return cands
	}
	var out []string
	for _, c := range cands {
		sub := false
		for _, d := range cands {
			if c != d && strings.Contains(d, c) {
				sub = true
				break
			}
		}
		if !sub {
			out = append(out, c)
		}
	}
	return out
}

func addUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
