package ner

import "strings"

// The context cue stage. A few words right next to a name say which of
// the tagger's two readings of a place name is meant, whatever the tagger
// made of it:
//   - a place name written before a football role ("Liverpool striker",
//     "Southampton manager") is the club: ORG;
//   - a place name written into "X-based", "X-born" ("a Liverpool-based
//     firm") is the place: LOC.
//
// contextCues retypes such mentions and marks them fixed, as coordinate
// does. Only a town (a city in the gazetteer) is taken for a club: "Wales
// coach", "Scotland manager" are national teams, LOC in the tagger's
// training data.

// clubRoles are the lower-case nouns after a club's name.
var clubRoles = set("striker strikers midfielder midfielders defender defenders goalkeeper keeper winger skipper manager boss coach")

// placeSuffixes end a hyphenated word whose first part is a place.
var placeSuffixes = []string{"-based", "-born", "-headquartered"}

// contextCues retypes, in place, the mentions of raws that the words next
// to them type (see above), marks them fixed and returns how many it
// retyped.
func contextCues(sents []Sentence, raws []rawMention) int {
	n := 0
	var words []string
	for i := range raws {
		m := &raws[i]
		if m.typ != Organization && m.typ != Location || m.sentence < 0 || m.sentence >= len(sents) {
			continue
		}
		toks := sents[m.sentence].Tokens
		if m.last >= len(toks) {
			continue
		}
		want := ""
		switch tok := toks[m.last].Text; {
		case m.typ == Location && m.end == toks[m.last].End && m.last+1 < len(toks) && clubRoles[toks[m.last+1].Text]:
			want = Organization
		case m.typ == Organization && m.start == toks[m.first].Start && m.end < toks[m.last].End:
			for _, s := range placeSuffixes {
				if strings.EqualFold(tok[m.end-toks[m.last].Start:], s) {
					want = Location
				}
			}
		}
		if want == "" {
			continue
		}
		words = mentionWords(words[:0], m, toks)
		if want == Organization && !isTown(words) || want == Location && !isPlace(words) {
			continue
		}
		m.typ, m.fixed = want, true
		n++
	}
	return n
}
