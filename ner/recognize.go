package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tagger assigns IOB2 labels (B-PER, I-ORG, O, ...) to the tokens of every
// sentence of one document. *Model is the trained Tagger.
type Tagger interface {
	TagDocument(sents [][]string) [][]string
}

// Recognizer turns an article's cleaned text into sentences and entities. It
// is safe for concurrent use when its Tagger is.
type Recognizer struct {
	tagger  Tagger
	junk    JunkFilter
	noLists bool
}

// NewRecognizer returns a Recognizer that uses tagger, drops the mentions
// DefaultJunkFilter condemns and retypes the names a list they are in
// types otherwise (the coordination stage, coordinate) or the words next to
// them do (contextCues).
func NewRecognizer(tagger Tagger) *Recognizer {
	return &Recognizer{tagger: tagger, junk: DefaultJunkFilter()}
}

// WithLists returns a copy of r that runs the coordination stage and the
// context cues when on is set, and not otherwise.
func (r *Recognizer) WithLists(on bool) *Recognizer {
	c := *r
	c.noLists = !on
	return &c
}

// WithJunkFilter returns a copy of r that drops the mentions f condemns
// instead (nil: none).
func (r *Recognizer) WithJunkFilter(f JunkFilter) *Recognizer {
	c := *r
	c.junk = f
	return &c
}

// rawMention is a tagged span before grouping into entities.
type rawMention struct {
	typ      string
	sentence int
	first    int // token index in the sentence
	last     int // inclusive
	start    int
	end      int
	text     string
	role     string // title text before the name ("Russian President")
	honor    string // honorific form ("Mr Putin")
	gender   Gender
	of       string // the text of the mention this one is defined as a short form of ("Fed" after "Federal Reserve Board")
	fixed    bool   // typed by its context (coordinate): group keeps typ, whatever the name's other mentions say
}

// Recognize finds the entities of text (an article's cleaned view, in which
// boilerplate is blank). Offsets are byte offsets into text.
func (r *Recognizer) Recognize(text string) Result {
	sents := Segment(text)
	words := make([][]string, len(sents))
	for i, s := range sents {
		w := make([]string, len(s.Tokens))
		for j, t := range s.Tokens {
			w[j] = t.Text
		}
		words[i] = w
	}
	tags := r.tagger.TagDocument(words)
	var raws []rawMention
	for si, s := range sents {
		raws = append(raws, spans(text, si, s, tags[si])...)
	}
	raws = append(raws, compoundMentions(text, sents, tags, raws)...)
	raws, not := r.junk.drop(text, sents, raws)
	raws = defineShortForms(text, sents, raws)
	if !r.noLists {
		coordinate(sents, raws)
		contextCues(sents, raws)
	}
	return Result{Sentences: sents, Entities: group(raws), NotEntities: not}
}

// spans reads the tagged spans of one sentence and trims them to names.
func spans(text string, si int, s Sentence, tags []string) []rawMention {
	var out []rawMention
	toks := s.Tokens
	for i := 0; i < len(toks); i++ {
		typ := entityType(tags[i])
		if typ == "" {
			continue
		}
		j := i
		for j+1 < len(toks) && strings.HasPrefix(tags[j+1], "I-") && entityType(tags[j+1]) == typ {
			j++
		}
		if typ == Organization && ownPossessive(toks, j) {
			j++
		}
		if m, ok := trimSpan(text, si, toks, i, j, typ); ok {
			out = append(out, m)
		}
		i = j
	}
	return out
}

// ownPossessive reports whether the token after toks[j] is a possessive
// written onto it that belongs to the name, not a genitive: no noun follows
// it, only punctuation, a conjunction or "said" ("rated by Moody's and
// S&P", "Moody's said", "by Moody's."), where "Texaco's shares" has one.
func ownPossessive(toks []Token, j int) bool {
	if j+1 >= len(toks) || len(toks[j+1].Text) < 2 || !isPossessive(toks[j+1].Text) || toks[j].End != toks[j+1].Start {
		return false
	}
	if j+2 == len(toks) {
		return true
	}
	switch next := toks[j+2].Text; next {
	case "and", "or", "but", "said", "says", "say":
		return true
	default:
		return isPunct(next) && !strings.Contains("-&<(", next)
	}
}

func entityType(tag string) string {
	if len(tag) < 3 {
		return ""
	}
	switch tag[2:] {
	case "PER":
		return Person
	case "ORG":
		return Organization
	case "LOC":
		return Location
	}
	return ""
}

// trimSpan strips articles, possessives, punctuation and titles from the
// tagged tokens first..last and fills in the role before a person's name. A
// span does not cross an angle bracket ("Exxon Corp <XON": the ticker is
// found on its own). An organization keeps a possessive that the tagger put
// inside its span and that is written onto the word before it ("Moody's",
// "Standard and Poor's": the name's own), so that "Moody's" is not cut into
// "Moody".
func trimSpan(text string, si int, toks []Token, first, last int, typ string) (rawMention, bool) {
	for k := first; k <= last; k++ {
		if toks[k].Text == "<" || toks[k].Text == ">" {
			if k > first {
				last = k - 1
			} else {
				first = k + 1
			}
			break
		}
	}
	for last >= first && (isPossessive(toks[last].Text) || isPunct(toks[last].Text)) {
		if typ == Organization && last > first && isPossessive(toks[last].Text) && len(toks[last].Text) > 1 && toks[last-1].End == toks[last].Start {
			break
		}
		last--
	}
	for first <= last && (isArticleWord(toks[first].Text) || isPunct(toks[first].Text)) {
		first++
	}
	m := rawMention{typ: typ, sentence: si}
	if typ == Person {
		// Titles inside the tagged span are roles, not names.
		t := first
		for t < last && isTitleWord(toks[t].Text) {
			t++
		}
		if t > first {
			m.honor = toks[first].Text
			m.gender = honorificGender(toks[first].Text)
			first = t
		}
	}
	if first > last {
		return m, false
	}
	if first == last && (isDemonym(toks[first].Text) || isCompound(toks[first].Text)) {
		// Demonyms are not entities; names inside one hyphenated word are
		// found by compoundMentions.
		return m, false
	}
	m.first, m.last = first, last
	m.start, m.end = toks[first].Start, toks[last].End
	m.text = text[m.start:m.end]
	if !hasUpper(m.text) {
		return m, false
	}
	if typ == Person {
		rs, g := roleBefore(text, toks, first)
		if rs >= 0 {
			m.role = text[toks[rs].Start:toks[first-1].End]
			if g != GenderUnknown {
				m.gender = g
			}
		}
		if m.honor == "" && first > 0 && isHonorific(toks[first-1].Text) {
			m.honor = toks[first-1].Text
			m.gender = honorificGender(toks[first-1].Text)
		}
	}
	return m, true
}

// roleBefore walks back from a person's name over a title ("Russian Deputy
// Foreign Minister", "Kremlin spokesman", "U.S. Secretary of State") and
// returns the index of the title's first token, or -1.
func roleBefore(text string, toks []Token, name int) (int, Gender) {
	start := -1
	g := GenderUnknown
	sawHead := false
	for k := name - 1; k >= 0 && name-k <= 7; k-- {
		w := toks[k].Text
		switch {
		case isHonorific(w):
			if sawHead {
				start = k
			}
			g = honorificGender(w)
			if !sawHead {
				return -1, g
			}
			return start, g
		case isRoleHead(w):
			sawHead = true
			start = k
		case sawHead && (isRoleModifier(w) || startsUpper(w) || isPossessive(w) || w == "of"):
			start = k
		default:
			k = -1
		}
	}
	if !sawHead {
		return -1, g
	}
	// Do not start a role with "of", a possessive mark or a possessive
	// determiner: "his U.S. counterpart" is the role "U.S. counterpart"
	// ("his" points at someone else).
	for start < name && (toks[start].Text == "of" || isPossessive(toks[start].Text) || isPossessiveDeterminer(toks[start].Text)) {
		start++
	}
	if start >= name {
		return -1, g
	}
	return start, g
}

func isPossessiveDeterminer(s string) bool {
	switch strings.ToLower(s) {
	case "his", "her", "their", "its", "our", "my", "your":
		return true
	}
	return false
}

func isPossessive(s string) bool {
	switch s {
	case "'s", "’s", "'", "’", "'S", "’S":
		return true
	}
	return false
}

func isPunct(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func isArticleWord(s string) bool { return s == "the" || s == "The" || s == "THE" }

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// compoundMentions finds names inside hyphenated words that the tagger saw as
// one token ("Moscow-annexed", "U.S.-Russia", "Russia-based"), or the whole
// word when it is one name ("Wal-Mart": hyphenatedName): a part counts
// when it is a name found elsewhere in the article, or when the tagger tagged
// the whole word and the part is a capitalised word that is not a demonym
// ("pro-Russian" has none).
func compoundMentions(text string, sents []Sentence, tags [][]string, raws []rawMention) []rawMention {
	known := map[string]string{}
	for _, m := range raws {
		if !strings.Contains(m.text, " ") {
			known[m.text] = m.typ
		}
	}
	var out []rawMention
	for si, s := range sents {
		for ti, t := range s.Tokens {
			if !isCompound(t.Text) || !hasUpper(t.Text) {
				continue
			}
			tagged := entityType(tags[si][ti])
			parts := strings.Split(t.Text, "-")
			if tagged != "" && hyphenatedName(parts, known) {
				out = append(out, rawMention{typ: tagged, sentence: si, first: ti, last: ti,
					start: t.Start, end: t.End, text: text[t.Start:t.End]})
				continue
			}
			off := t.Start
			for _, part := range parts {
				typ, ok := known[part]
				if !ok && tagged != "" && startsUpper(part) && !isDemonym(part) && !isTitleWord(part) {
					typ, ok = tagged, true
				}
				if ok && part != "" {
					out = append(out, rawMention{typ: typ, sentence: si, first: ti, last: ti,
						start: off, end: off + len(part), text: text[off : off+len(part)]})
				}
				off += len(part) + 1
			}
		}
	}
	return out
}

// hyphenatedName reports whether a tagged hyphenated word is one name
// ("Wal-Mart", "Coca-Cola", "Rolls-Royce"), not names joined ("U.S.-Russia",
// "Franco-German"): every part capitalised, none a demonym or title, and none
// a name the article uses alone.
func hyphenatedName(parts []string, known map[string]string) bool {
	if len(parts) < 2 {
		return false
	}
	if len(parts) == 2 && len(parts[0]) == 1 && strings.Contains("DRI", parts[0]) {
		return false // a US legislator's party and state ("D-Tex", "R-Minn")
	}
	for _, p := range parts {
		if _, ok := known[p]; ok || !startsUpper(p) || isDemonym(p) || isTitleWord(p) {
			return false
		}
	}
	return true
}

func isCompound(s string) bool {
	return strings.Contains(s, "-") && !strings.HasPrefix(s, "-") && !strings.HasSuffix(s, "-")
}
