package ner

import (
	"sort"
	"strings"
	"unicode"
)

// group turns the mentions of one article into entities. Mentions join when
// they are forms of one name:
//   - the same name: the same words, or for an organization the same core
//     (OrgKey: "Texaco Inc", "Texaco" and "the Texaco Corp." are one; so are
//     "Moody's" and "Moody");
//   - a short form defined in the text: a word in brackets after a name
//     ("Federal Reserve Board (Fed)"; see defineShortForms, which also drops
//     the tickers in angle brackets: "Exxon Corp <XON>" gives no "XON");
//   - a short form that fits exactly one fuller name of the same type (see
//     fits): a surname or first name ("Putin", "Vladimir" for "Vladimir
//     Putin"), unless an honorific of the other gender stands before it ("Mrs
//     Reagan" is not "Ronald Reagan") or a royal title ("Prince Charles" is
//     not "Charles Kennedy"); an organization's acronym formed from
//     the initials of its significant words ("GM" for "General Motors Corp",
//     "OPEC"; the initials of all its capitalised words, "GEC" for "General
//     Electric Co", only when no name has the first kind); the first two or
//     more of its core words ("Shearson Lehman" for "Shearson Lehman Brothers
//     Inc", but not "Lib Dems" for the owner's "Lib Dems' Treasury"); its
//     first word when that is a possessive ("Moody's" for "Moody's Investors
//     Service", not "Bank" for "Bank's Monetary Policy Committee"). A short
//     form that fits two names ("EC"
//     with "European Community" and "European Commission") joins neither.
//
// Each distinct name takes the type most of its mentions have, except that a
// mention its context typed (fixed: a list, see coordinate) keeps its own
// type, and so may make a second entity of the same name ("Liverpool" the
// city beside the club); an entity is named by its fullest form (most
// words, then not in capitals only).
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
	votes := map[string]*[3]int{}
	var surfaces []string
	for _, m := range raws {
		k := surfaceKey(m.text)
		if votes[k] == nil {
			votes[k] = &[3]int{}
			surfaces = append(surfaces, k)
		}
		votes[k][typeIndex(m.typ)]++
	}
	typeOf := make(map[string]string, len(surfaces))
	for _, k := range surfaces {
		best, n := 0, -1
		for t, c := range votes[k] {
			if c > n {
				best, n = t, c
			}
		}
		typeOf[k] = entityTypes[best]
	}

	// Forms: the mentions that share a key.
	forms := map[string]*form{}
	var order []*form
	keys := make([]string, len(raws))
	type surfaceGender struct {
		s     string
		typ   string
		g     Gender
		royal bool
	}
	keyOf := map[surfaceGender]string{}
	for i, m := range raws {
		sk := surfaceKey(m.text)
		typ := typeOf[sk]
		if m.fixed {
			typ = m.typ
		}
		royal := typ == Person && royalTitles[m.honor] && !strings.Contains(sk, " ")
		sg := surfaceGender{sk, typ, m.gender, royal}
		k, ok := keyOf[sg]
		if !ok {
			k = formKey(typ, sk, m.gender)
			if royal {
				k += "\x00royal"
			}
			keyOf[sg] = k
		}
		keys[i] = k
		f := forms[k]
		if f == nil {
			f = &form{key: k, typ: typ, name: sk, words: strings.Fields(sk), gender: m.gender, royal: royal}
			forms[k] = f
			order = append(order, f)
		} else if fuller(sk, f.name) {
			f.name, f.words = sk, strings.Fields(sk)
		}
		if f.gender == GenderUnknown {
			f.gender = m.gender
		}
		if typ == Organization && (!f.acronym || !f.legal) {
			c := OrgCore(sk)
			if len(c) == 1 && IsAcronym(c[0]) {
				f.acronym = true
			}
			if hasLegalForm(sk) {
				f.legal = true
			}
		}
		if m.of != "" && f.of == "" {
			ok := surfaceKey(m.of)
			f.of = formKey(typeOf[ok], ok, GenderUnknown)
		}
	}
	for _, f := range order {
		if f.typ == Organization {
			f.core = strings.Fields(strings.TrimPrefix(f.key, f.typ+"\x00"))
			f.orgCore = OrgCore(f.name)
		}
		if f.typ == Person && len(f.words) > 1 {
			if g := FirstNameGender(f.words[0]); g != GenderUnknown {
				f.gender = g
			}
		}
	}

	// Each form links to a head form.
	head := make(map[*form]*form, len(order))
	root := func(f *form) *form {
		for i := 0; i < len(order) && head[f] != nil; i++ {
			f = head[f]
		}
		return f
	}
	for _, f := range order {
		if d := forms[f.of]; d != nil && d != f && root(d) != f {
			head[f] = d
		}
	}
	for _, f := range order {
		if head[f] != nil {
			continue
		}
		var cands []*form
		best := fitWeak
		for _, full := range order {
			if full == f || full.typ != f.typ {
				continue
			}
			switch fit := fits(f, full); {
			case fit > best:
				best, cands = fit, append(cands[:0], full)
			case fit == best:
				cands = append(cands, full)
			}
		}
		cands = longestOnly(cands)
		if len(cands) == 1 && root(cands[0]) != f {
			head[f] = cands[0]
		}
	}
	// A short form with an honorific that fits no full name is the same
	// short form without it ("Mr Smith" and "Smith"), unless that one was
	// taken by a full name of the other gender.
	for _, f := range order {
		if head[f] != nil || f.typ != Person || f.key == formKey(f.typ, f.name, GenderUnknown) {
			continue
		}
		plain := forms[formKey(f.typ, f.name, GenderUnknown)]
		if f.royal && plain != nil && root(plain) != plain {
			continue // the bare given name is a full name's ("Charles" of "Charles Kennedy"), not the prince's
		}
		if plain != nil && root(plain) != f && compatibleGender(f.gender, root(plain).gender) {
			head[f] = plain
		}
	}

	index := map[*form]int{}
	var ents []Entity
	for i, m := range raws {
		r := root(forms[keys[i]])
		n, ok := index[r]
		if !ok {
			n = len(ents)
			index[r] = n
			ents = append(ents, Entity{Type: r.typ, Name: r.name})
		}
		e := &ents[n]
		k := surfaceKey(m.text)
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
		if m.fixed {
			e.ContextTyped = true
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

// defineShortForms marks the mentions that the text defines as short forms
// of the mention before them, for group to join: a word in brackets right
// after an organization's or a place's name that is a short form of it
// (definesShortForm: "Federal Reserve Board (Fed)", "General Agreement on
// Tariffs and Trade (GATT)"); when the tagger did not tag the word, it
// becomes a mention. It drops the mentions inside a ticker in angle brackets
// ("Exxon Corp <XON>", "<RHON.PA>"): a stock code is not a name, and as an
// alias it would carry the company to whatever the letters spell elsewhere
// ("Unilever <UN>" is not the United Nations).
//
// raws must be in text order; the result is too.
func defineShortForms(text string, sents []Sentence, raws []rawMention) []rawMention {
	sort.SliceStable(raws, func(i, j int) bool { return raws[i].start < raws[j].start })
	at := map[int]int{} // start offset -> index in raws
	for i, m := range raws {
		at[m.start] = i
	}
	drop := map[int]bool{}
	var extra []rawMention
	for i := range raws {
		m := &raws[i]
		if inTicker(text, m.start, m.end) {
			drop[i] = true
			continue
		}
		if m.typ == Person {
			continue
		}
		ys, ye := bracketedWord(text, m.end)
		if ys < 0 || !definesShortForm(text[ys:ye], m.text) {
			continue
		}
		if j, ok := at[ys]; ok {
			if raws[j].end == ye {
				raws[j].of, raws[j].typ = m.text, m.typ
			}
			continue
		}
		if ti := tokenAt(sents, m.sentence, ys, ye); ti >= 0 {
			extra = append(extra, rawMention{typ: m.typ, sentence: m.sentence, first: ti, last: ti,
				start: ys, end: ye, text: text[ys:ye], of: m.text})
		}
	}
	if len(drop) > 0 {
		out := raws[:0]
		for i, m := range raws {
			if !drop[i] {
				out = append(out, m)
			}
		}
		raws = out
	}
	if len(extra) > 0 {
		raws = append(raws, extra...)
		sort.SliceStable(raws, func(i, j int) bool { return raws[i].start < raws[j].start })
	}
	return raws
}

// inTicker reports whether start..end lies inside angle brackets that hold
// a ticker ("XON" of "<XON>", "PA" of "<RHON.PA>": see isTicker).
func inTicker(text string, start, end int) bool {
	lt := start - 1
	for lt >= 0 && start-lt <= 12 && tickerByte(text[lt]) {
		lt--
	}
	if lt < 0 || text[lt] != '<' {
		return false
	}
	gt := end
	for gt < len(text) && gt-lt <= 14 && tickerByte(text[gt]) {
		gt++
	}
	return gt < len(text) && text[gt] == '>' && isTicker(text[lt+1:gt])
}

func tickerByte(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' }

// bracketedWord returns the offsets of the one word in round brackets that
// follows offset end after white space ("Federal Reserve Board (Fed)"), or
// -1, -1.
func bracketedWord(text string, end int) (int, int) {
	j := end
	for j < len(text) && (text[j] == ' ' || text[j] == '\n' || text[j] == '\t') {
		j++
	}
	if j >= len(text) || text[j] != '(' {
		return -1, -1
	}
	ys := j + 1
	k := strings.IndexByte(text[ys:min(len(text), ys+24)], ')')
	if k <= 0 {
		return -1, -1
	}
	ye := ys + k
	if strings.ContainsAny(text[ys:ye], " \t\n()") {
		return -1, -1
	}
	return ys, ye
}

// tokenAt returns the index of the token of sentence si that spans exactly
// start..end, or -1.
func tokenAt(sents []Sentence, si, start, end int) int {
	if si < 0 || si >= len(sents) {
		return -1
	}
	for i, t := range sents[si].Tokens {
		if t.Start == start && t.End == end {
			return i
		}
		if t.Start > start {
			break
		}
	}
	return -1
}

// form is one name of an entity in an article: the mentions that share a key
// (formKey).
type form struct {
	key     string
	typ     string
	name    string   // the fullest surface form with this key
	words   []string // name's words
	gender  Gender   // a person's: from the first name, else from honorifics
	acronym bool     // its core is one word written as an acronym in one of its surface forms ("OPEC" for "Opec", "ANW Inc.")
	core    []string // an organization's OrgKey words
	orgCore []string // an organization's OrgCore: the name's words without "the" and legal forms
	legal   bool     // an organization named with its legal form in one of its surface forms: a full name
	of      string   // key of the form this one is defined as a short form of
	royal   bool     // a person's given name after a royal title ("Prince Charles"): no short form of a full name
}

var entityTypes = [3]string{Person, Organization, Location}

func typeIndex(typ string) int {
	switch typ {
	case Organization:
		return 1
	case Location:
		return 2
	}
	return 0
}

// formKey is the key of a surface form of type typ: an organization's
// OrgKey, a one-word person name with the gender its honorific tells ("Mrs
// Reagan" and "Mr Reagan" are two forms), else the surface form itself.
func formKey(typ, surface string, g Gender) string {
	switch typ {
	case Organization:
		if k := OrgKey(surface); k != "" {
			return typ + "\x00" + k
		}
	case Person:
		if g != GenderUnknown && !strings.Contains(surface, " ") {
			return typ + "\x00" + surface + "\x00" + string(rune('0'+g))
		}
	}
	return typ + "\x00" + surface
}

// fuller reports whether surface form a names its entity more fully than b:
// more words, then not in capitals only (a headline's "TEXACO INC").
func fuller(a, b string) bool {
	wa, wb := len(strings.Fields(a)), len(strings.Fields(b))
	if wa != wb {
		return wa > wb
	}
	return isAllCaps(b) && !isAllCaps(a)
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

func compatibleGender(a, b Gender) bool {
	return a == GenderUnknown || b == GenderUnknown || a == b
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

// fits tells whether the short form k can refer to the fuller form full (of
// the same type; see group): fitNone, or how strong the fit is. Only a loose
// acronym (acrLoose) is weaker than the other fits.
func fits(k, full *form) int {
	kw, fw := k.words, full.words
	if len(kw) >= len(fw) {
		return fitNone
	}
	switch k.typ {
	case Person:
		if k.royal {
			return fitNone // "Prince Charles" is not Charles Kennedy
		}
		if compatibleGender(k.gender, full.gender) && (equalWords(kw, fw[len(fw)-len(kw):]) || equalWords(kw, fw[:len(kw)])) {
			return fitStrong
		}
	case Organization:
		if k.acronym && len(k.core) == 1 && len(full.core) > 1 {
			// "GM", "ANW Inc." for "American Nutrition Works Inc"
			switch acronymOfWords(k.core[0], full.words, full.orgCore) {
			case acrStrict:
				return fitStrong
			case acrLoose:
				return fitWeak
			}
			return fitNone
		}
		if k.legal {
			// "Caesars World Inc" is a company's full name, not a short
			// form of "Caesars World Finance Corp".
			return fitNone
		}
		if len(kw) == 1 {
			if hasPossessive(kw[0]) && len(full.orgCore) > 1 && kw[0] == full.orgCore[0] {
				return fitStrong
			}
			return fitNone
		}
		kc, fc := k.core, full.core
		if len(kc) < 2 || len(kc) >= len(fc) || hasPossessive(full.orgCore[len(kc)-1]) {
			// "US Trade Representative" owns "US Trade Representative's
			// Office": it is not its short form.
			return fitNone
		}
		for i := range kc {
			if kc[i] != fc[i] {
				return fitNone
			}
		}
		return fitStrong
	}
	return fitNone
}

// Strengths of a fit.
const (
	fitNone = iota
	fitWeak
	fitStrong
)

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// longestOnly keeps the candidates that are not themselves short forms of
// another candidate ("Biden" and "Joe Biden" may both fit "Joe"; "Joe Biden"
// is kept).
func longestOnly(cands []*form) []*form {
	if len(cands) < 2 {
		return cands
	}
	var out []*form
	for _, c := range cands {
		sub := false
		for _, d := range cands {
			if c != d && strings.Contains(d.name, c.name) {
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
