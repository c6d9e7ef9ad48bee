package ner

import (
	"sort"
	"sync"
)

// The coordination stage. The tagger types a name the way its training
// data mostly typed it, whatever the sentence says: an English city that
// names a football club ("Liverpool") is ORG everywhere; and the graph's
// gazetteer makes a big city's name a place everywhere ("Barcelona"). Names coordinated in one list ("A, B, C and
// D", "A, B or C") are things of one kind, so a list says what a name in it
// is: a town among towns is a place, a club among clubs an organization.
// coordinate reads the lists of a sentence and retypes the one member that
// disagrees with all the others, when the disagreement is the tagger's
// usual ambiguity between an organization and a place: an ORG that the
// gazetteer lists as a place becomes LOC among places, a LOC that is no
// country or continent becomes ORG among organizations. A person is never
// retyped, nor does a list make anything a person. The retyped mention
// keeps its new type through grouping (see rawMention.fixed) and in the
// graph (Entity.ContextTyped): the name's other mentions in the article may
// still be the other thing (the club in the match report that mentions the
// city once). A list that agrees confirms its places the same way
// (confirmPlaces).
//
// A list is a run of mentions of one sentence with only list punctuation
// between neighbours (listGap: commas, a conjunction, "the", ", or even"),
// and a conjunction in at least one gap: "Manchester, Liverpool and
// Leeds", "Chelsea, or even Barcelona, Real Madrid, AC Milan". It ends at
// the name after its conjunction ("London and Hong Kong, the exchange
// said": the exchange is no third member), unless the conjunction comes
// with a comma in the list's first gap (", or even"). A run of names with
// commas alone ("GenCorp, Akron, Ohio") is no list: it is as often a name
// and its address. A name written with a possessive ("Spain's Iberia")
// is no member: it tells whose the next one is.
const (
	minListMembers = 3 // a member is retyped only in a list of at least this many
	minListAgree   = 2 // others of the list's type it takes at least; none may have a third type
)

// coordinate retypes, in place, the ORG or LOC mentions of raws that a list
// they are in gives the other of the two types, and marks them fixed. It
// returns how many it retyped. raws need not be in order.
func coordinate(sents []Sentence, raws []rawMention) int {
	if len(raws) < minListMembers {
		return 0
	}
	idx := make([]int, 0, len(raws))
	for i := range raws {
		if listable(sents, &raws[i]) {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool {
		ma, mb := &raws[idx[a]], &raws[idx[b]]
		if ma.sentence != mb.sentence {
			return ma.sentence < mb.sentence
		}
		return ma.first < mb.first
	})
	n := 0
	var retype []int
	for s := 0; s < len(idx); {
		// the list that starts at idx[s]: extend while the gap is a list gap
		e, conj, closed := s+1, false, false
		for e < len(idx) && !closed {
			a, b := &raws[idx[e-1]], &raws[idx[e]]
			if a.sentence != b.sentence {
				break
			}
			ok, c, comma := listGap(sents[a.sentence].Tokens, a.last+1, b.first)
			if !ok {
				break
			}
			if c {
				conj = true
				closed = !(comma && e == s+1)
			}
			e++
		}
		if conj && e-s >= minListMembers {
			list := idx[s:e]
			retype = listOutliers(sents, raws, list, retype[:0])
			for _, i := range retype {
				raws[i].typ = otherPlace(raws[i].typ)
				raws[i].fixed = true
				n++
			}
			confirmPlaces(sents, raws, list)
		}
		s = e
	}
	return n
}

// listable reports whether m can be a member of a list: a mention of whole
// tokens (not a part of a hyphenated word, "Moscow-annexed") with no
// possessive after it.
func listable(sents []Sentence, m *rawMention) bool {
	if m.sentence < 0 || m.sentence >= len(sents) || m.first > m.last || m.last >= len(sents[m.sentence].Tokens) {
		return false
	}
	toks := sents[m.sentence].Tokens
	if m.last+1 < len(toks) && isPossessive(toks[m.last+1].Text) {
		return false
	}
	return m.start == toks[m.first].Start && m.end == toks[m.last].End
}

// listOutliers appends to out the members of one list (indexes into raws)
// that the others retype: an ORG or LOC member when at least minListAgree
// others have the other of the two types and none a third, and the name
// may be of that type (mayRetype). A place typed LOC among organizations
// that are all places too ("lakes Erie, Ontario and Michigan") stays: the
// tagger's slip is more likely the others'.
func listOutliers(sents []Sentence, raws []rawMention, list []int, out []int) []int {
	var count [3]int
	for _, i := range list {
		count[typeIndex(raws[i].typ)]++
	}
	var words []string
	for _, i := range list {
		t := raws[i].typ
		if t != Organization && t != Location {
			continue
		}
		o := otherPlace(t)
		if agree := count[typeIndex(o)]; agree < minListAgree || agree != len(list)-1 {
			continue
		}
		words = mentionWords(words[:0], &raws[i], sents[raws[i].sentence].Tokens)
		if !mayRetype(words, o) {
			continue
		}
		if o == Organization && isPlace(words) && allPlaces(sents, raws, list) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// allPlaces reports whether the gazetteer lists every member of list as a
// place.
func allPlaces(sents []Sentence, raws []rawMention, list []int) bool {
	var words []string
	for _, i := range list {
		words = mentionWords(words[:0], &raws[i], sents[raws[i].sentence].Tokens)
		if !isPlace(words) {
			return false
		}
	}
	return true
}

// confirmPlaces marks fixed the members of one list, all ORG or all LOC
// (after listOutliers), that the gazetteer lists as places: the list says
// which of the two the name is here, and the name's other mentions in the
// article must not outvote it ("Real Madrid, Barcelona and Valencia": the
// club, in an article that names the city too). A list of places all typed
// ORG confirms nothing ("Yorkshire, Durham and Derbyshire": the tagger's
// cricket clubs); it takes one member that is no place.
func confirmPlaces(sents []Sentence, raws []rawMention, list []int) {
	t := raws[list[0]].typ
	if t != Organization && t != Location {
		return
	}
	for _, i := range list[1:] {
		if raws[i].typ != t {
			return
		}
	}
	if t == Organization && allPlaces(sents, raws, list) {
		return
	}
	var words []string
	for _, i := range list {
		words = mentionWords(words[:0], &raws[i], sents[raws[i].sentence].Tokens)
		if isPlace(words) {
			raws[i].fixed = true
		}
	}
}

// mayRetype reports whether the name of words may be retyped to typ by the
// list it is in: to LOC only a name the gazetteer lists as a place (a
// product, a firm or a club's full name among places is the tagger's
// mistake about the others more often than about it), to ORG any name but
// a country or a continent (a national team among clubs is typed LOC, as
// in the tagger's training data).
func mayRetype(words []string, typ string) bool {
	if typ == Location {
		return isPlace(words)
	}
	g := listGazetteer()
	return g != nil && g.gaz.match(words)&g.land == 0
}

// isPlace reports whether the gazetteer lists the name of words as a place:
// a city, a region, a country or a continent. A name in capitals only is
// no town ("UN" is not Un, India).
func isPlace(words []string) bool {
	g := listGazetteer()
	if g == nil {
		return false
	}
	place := g.place
	if len(words) == 1 && isAllCaps(words[0]) {
		place &^= g.town
	}
	return g.gaz.match(words)&place != 0
}

// isTown reports whether the gazetteer lists the name of words as a city.
func isTown(words []string) bool {
	g := listGazetteer()
	return g != nil && g.gaz.match(words)&g.town != 0
}

// placeGazetteer is the embedded gazetteer with the categories mayRetype
// reads.
type placeGazetteer struct {
	gaz   *gazetteer
	place uint64 // cities, regions, countries, continents
	land  uint64 // countries and continents
	town  uint64 // cities
}

var listGazetteer = sync.OnceValue(func() *placeGazetteer {
	res, err := embeddedResources()
	if err != nil || res.gaz == nil {
		return nil
	}
	return &placeGazetteer{
		gaz:   res.gaz,
		place: res.gaz.categories("capital", "city", "city_big", "continent", "country", "region"),
		land:  res.gaz.categories("country", "continent"),
		town:  res.gaz.categories("city", "city_big"),
	}
})

// otherPlace swaps ORG and LOC.
func otherPlace(t string) string {
	if t == Organization {
		return Location
	}
	return Organization
}

// listGap reports whether the tokens toks[from:to] between two names are
// list punctuation (a comma, a conjunction, "the" before a name, a focusing
// adverb after a conjunction: ", or even"), whether they hold a
// conjunction, and whether a comma.
func listGap(toks []Token, from, to int) (ok, conj, comma bool) {
	if to-from < 1 || to-from > 3 {
		return false, false, false
	}
	for k := from; k < to; k++ {
		switch toks[k].Text {
		case ",":
			comma = true
		case "and", "or", "nor":
			conj = true
		case "the", "even", "perhaps", "possibly", "maybe", "also":
		default:
			return false, false, false
		}
	}
	return conj || comma, conj, comma
}

// ListTagger returns a Tagger that tags with t and then retypes the spans
// the coordination stage and the context cues (contextCues) retype (an ORG
// span becomes LOC or the reverse).
// It reads the token lists as JunkFilter.Tagger does; it is how tagged
// CoNLL files (`newsgraph ner tag`, `eval ner`) see the stage.
func ListTagger(t Tagger) Tagger {
	return listTagger{t}
}

type listTagger struct{ t Tagger }

func (l listTagger) TagDocument(words [][]string) [][]string {
	tags := l.t.TagDocument(words)
	text, sents := joinWords(words)
	raws, orig := tagMentions(text, sents, tags)
	before := make([]string, len(raws))
	for i := range raws {
		before[i] = raws[i].typ
	}
	if coordinate(sents, raws)+contextCues(sents, raws) == 0 {
		return tags
	}
	for i := range raws {
		if raws[i].typ == before[i] {
			continue
		}
		suffix := "-LOC"
		if raws[i].typ == Organization {
			suffix = "-ORG"
		}
		o := orig[i]
		for k := o.first; k <= o.last; k++ {
			tags[o.sentence][k] = tags[o.sentence][k][:1] + suffix
		}
	}
	return tags
}
