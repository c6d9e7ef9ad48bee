package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The junk stage. The tagger marks some strings as PER, ORG or LOC that are
// not names of a person, an organization or a place: a wire agency's
// sign-off at the end of the text ("REUTER"), a legal suffix left alone
// ("Ltd"), a generic head ("Bank"), an economic indicator, a rate, a
// currency unit, a credit rating, a stock index, a month, a holiday, a
// nationality adjective ("West German"), a single letter, a product, an award,
// an event, a law, a commodity grade, a kind of security or the title of a
// film or book. A JunkFilter is a chain of JunkRules, each
// recognising one such class; the Recognizer runs DefaultJunkFilter over the
// tagged mentions of every article before they are grouped into entities, so
// that every later stage (attribution, the graph, extract, ingest) never sees
// them. A rule judges one mention (a Candidate) with its context; a rule may
// condemn the mention alone (Junk) or every mention of the same words in the
// article (JunkName: "the film The Aviator" tells that every "Aviator" of the
// article is the film). A junk string inside a longer name is not a
// candidate of its own: "Bank of England" and "Federal Reserve" stay.

// Verdict is what a JunkRule says about a Candidate.
type Verdict uint8

// Verdicts, from mildest to strongest.
const (
	Keep     Verdict = iota // a name, as far as this rule knows
	Junk                    // this mention is not a name
	JunkName                // no mention of the same words in this article is a name
)

// JunkRule recognises one class of strings that are not names.
type JunkRule interface {
	// Class names the class ("sign-off", "currency unit", ...).
	Class() string
	// Judge says whether c belongs to the class. It must not keep c: the
	// stage reuses it for the next mention.
	Judge(c *Candidate) Verdict
}

// NewJunkRule returns a JunkRule of the class that judges with judge.
func NewJunkRule(class string, judge func(c *Candidate) Verdict) JunkRule {
	return funcRule{class, judge}
}

type funcRule struct {
	class string
	judge func(c *Candidate) Verdict
}

func (r funcRule) Class() string              { return r.class }
func (r funcRule) Judge(c *Candidate) Verdict { return r.judge(c) }

// Candidate is one tagged mention as a JunkRule sees it.
type Candidate struct {
	Type  string   // Person, Organization or Location
	Words []string // the name's tokens as written (articles, titles, possessives trimmed)
	// Text is the article's text; Start and End are the name's byte offsets
	// in it.
	Text       string
	Start, End int
	// Sentence holds the tokens of the name's sentence; the name is
	// Sentence[First..Last] (a part of a hyphenated token has First == Last
	// and Words holds only the part).
	Sentence    []Token
	First, Last int

	key  string
	doc  *junkDoc
	lows []string
}

// junkDoc is what the candidates of one article share.
type junkDoc struct {
	text    string
	tailEnd int // offset after the last word of text (lastWordEnd), -1 until computed
}

// Key is the name's words lower-cased and joined by single spaces: the key
// under which JunkName condemns every mention of the name.
func (c *Candidate) Key() string {
	if c.key == "" {
		c.key = wordsKey(c.Words)
	}
	return c.key
}

// Lower returns the name's words lower-cased.
func (c *Candidate) Lower() []string {
	if c.lows == nil {
		c.lows = strings.Fields(c.Key())
	}
	return c.lows
}

// Before returns the k-th token before the name in its sentence (k = 1 is the
// adjacent one), or "" when the sentence has none.
func (c *Candidate) Before(k int) string {
	if i := c.First - k; i >= 0 && i < len(c.Sentence) {
		return c.Sentence[i].Text
	}
	return ""
}

// After returns the k-th token after the name in its sentence, or "".
func (c *Candidate) After(k int) string {
	if i := c.Last + k; i >= 0 && i < len(c.Sentence) {
		return c.Sentence[i].Text
	}
	return ""
}

// Part reports whether the name is a part of a hyphenated token
// ("Moscow" of "Moscow-annexed").
func (c *Candidate) Part() bool {
	return c.First == c.Last && c.First >= 0 && c.First < len(c.Sentence) &&
		len(c.Words) == 1 && c.Words[0] != c.Sentence[c.First].Text
}

// AtEnd reports whether no word follows the name in the article: only
// white space, punctuation, symbols and stray single characters (a wire
// text may end "REUTER...^M").
func (c *Candidate) AtEnd() bool {
	d := c.doc
	if d == nil {
		d = &junkDoc{text: c.Text, tailEnd: -1}
		c.doc = d
	}
	if d.tailEnd < 0 {
		d.tailEnd = lastWordEnd(d.text)
	}
	return c.End >= d.tailEnd
}

// lastWordEnd returns the offset after the last run of two or more letters
// or digits in text (0 when there is none).
func lastWordEnd(text string) int {
	run := 0
	end := 0
	for i := len(text); i > 0; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if run == 0 {
				end = i
			}
			if run++; run == 2 {
				return end
			}
		} else {
			run = 0
		}
		i -= size
	}
	return 0
}

// AloneOnLine reports whether no other word (run of two or more letters or
// digits) shares the name's line.
func (c *Candidate) AloneOnLine() bool {
	if c.Start < 0 || c.End > len(c.Text) || c.Start > c.End {
		return false
	}
	start := strings.LastIndexAny(c.Text[:c.Start], "\n\r") + 1
	end := len(c.Text)
	if i := strings.IndexAny(c.Text[c.End:], "\n\r"); i >= 0 {
		end = c.End + i
	}
	return lastWordEnd(c.Text[start:c.Start]) == 0 && lastWordEnd(c.Text[c.End:end]) == 0
}

// AfterSentence reports whether the name starts the text, follows a blank
// line, or follows a sentence-final mark ('.', '!', '?', possibly with a
// closing quote or bracket) and white space.
func (c *Candidate) AfterSentence() bool {
	if c.Start < 0 || c.Start > len(c.Text) {
		return false
	}
	newlines := 0
	for i := c.Start; i > 0; {
		r, size := utf8.DecodeLastRuneInString(c.Text[:i])
		i -= size
		switch {
		case r == '\n':
			if newlines++; newlines == 2 {
				return true
			}
		case unicode.IsSpace(r):
		case strings.ContainsRune("\"'”’)]", r):
			// a closing quote or bracket: look at what it closes
			for i > 0 {
				r, size = utf8.DecodeLastRuneInString(c.Text[:i])
				if !strings.ContainsRune("\"'”’)]", r) {
					break
				}
				i -= size
			}
			return strings.ContainsRune(".!?", r)
		default:
			return strings.ContainsRune(".!?", r)
		}
	}
	return true
}

// JunkFilter is the junk stage: a chain of rules, the first that condemns a
// candidate decides. The zero value (no rules) keeps everything.
type JunkFilter []JunkRule

// Judge returns the verdict on c and the class of the rule that gave it ("" for
// Keep).
func (f JunkFilter) Judge(c *Candidate) (Verdict, string) {
	if len(c.Words) == 0 {
		return Keep, ""
	}
	for _, r := range f {
		if v := r.Judge(c); v != Keep {
			return v, r.Class()
		}
	}
	// A country's code or a nationality before a product that is junk
	// alone is junk too ("US TV", "UK DVD", "German TV"): the place says
	// where, the thing is still no entity. (Only products: "Treasury" or
	// "Bank" alone is junk as a generic head, "US Treasury" is not.)
	if n := len(c.Words); n >= 2 && c.First+n-1 == c.Last {
		for _, w := range c.Words[:n-1] {
			if !isDemonym(w) && !(len(w) == 2 && capsOnly(w)) {
				return Keep, ""
			}
		}
		last := *c
		last.Words, last.First, last.key, last.lows = c.Words[n-1:], c.Last, "", nil
		last.Start = c.End - len(c.Words[n-1])
		for _, r := range f {
			if r.Class() == "product" && r.Judge(&last) != Keep {
				return Junk, r.Class()
			}
		}
	}
	return Keep, ""
}

// junkMask judges the mentions of one article and returns which of them are
// junk, and the names condemned throughout (JunkName).
func (f JunkFilter) junkMask(text string, sents []Sentence, raws []rawMention) ([]bool, []NotEntity) {
	if len(f) == 0 || len(raws) == 0 {
		return nil, nil
	}
	var not []NotEntity
	doc := &junkDoc{text: text, tailEnd: -1}
	mask := make([]bool, len(raws))
	var condemned map[string]bool // keys of names condemned throughout
	var acronyms map[string]bool  // initials of condemned names ("CES")
	var words []string
	var c Candidate // one, reused: rules must not keep it
	for i := range raws {
		m := &raws[i]
		if m.sentence < 0 || m.sentence >= len(sents) {
			continue
		}
		toks := sents[m.sentence].Tokens
		words = mentionWords(words[:0], m, toks)
		c = Candidate{Type: m.typ, Words: words, Text: text, Start: m.start, End: m.end,
			Sentence: toks, First: m.first, Last: m.last, doc: doc}
		v, class := f.Judge(&c)
		if v != Keep && len(words) >= 3 {
			// "Consumer Electronics Show (CES)": the acronym of junk is junk.
			if a := initials(words, false); len(a) >= 3 {
				if acronyms == nil {
					acronyms = map[string]bool{}
				}
				acronyms[a] = true
			}
		}
		switch v {
		case Junk:
			mask[i] = true
		case JunkName:
			mask[i] = true
			if condemned == nil {
				condemned = map[string]bool{}
			}
			if !condemned[c.Key()] {
				not = append(not, NotEntity{Type: m.typ, Name: strings.Join(words, " "), Class: class})
			}
			condemned[c.Key()] = true
		}
	}
	if condemned == nil && acronyms == nil {
		return mask, not
	}
	for i, m := range raws {
		if mask[i] {
			continue
		}
		if acronyms != nil && IsAcronym(m.text) && acronyms[strings.ReplaceAll(m.text, ".", "")] {
			mask[i] = true
			continue
		}
		if condemned != nil && m.sentence >= 0 && m.sentence < len(sents) {
			words = mentionWords(words[:0], &raws[i], sents[m.sentence].Tokens)
			if condemned[wordsKey(words)] {
				mask[i] = true
			}
		}
	}
	return mask, not
}

// mentionWords appends the words of m to buf: its tokens, or the part of a
// hyphenated token it is.
func mentionWords(buf []string, m *rawMention, toks []Token) []string {
	if m.first == m.last || m.last >= len(toks) {
		return append(buf, m.text)
	}
	for k := m.first; k <= m.last; k++ {
		buf = append(buf, toks[k].Text)
	}
	return buf
}

func wordsKey(words []string) string { return strings.ToLower(strings.Join(words, " ")) }

// drop returns the mentions of raws that are not junk (reusing raws), and
// the names condemned throughout.
func (f JunkFilter) drop(text string, sents []Sentence, raws []rawMention) ([]rawMention, []NotEntity) {
	mask, not := f.junkMask(text, sents, raws)
	if mask == nil {
		return raws, not
	}
	out := raws[:0]
	for i, m := range raws {
		if !mask[i] {
			out = append(out, m)
		}
	}
	return out, not
}

// Tagger returns a Tagger that tags with t and then sets the tags of every
// junk span to O. It judges the spans of token lists, with no text around
// them: the tokens are joined by spaces, the sentences by line breaks. It is
// how tagged CoNLL files (`newsgraph ner tag`, `eval ner`) see the stage.
func (f JunkFilter) Tagger(t Tagger) Tagger {
	return junkTagger{t, f}
}

type junkTagger struct {
	t Tagger
	f JunkFilter
}

func (j junkTagger) TagDocument(words [][]string) [][]string {
	tags := j.t.TagDocument(words)
	if len(j.f) == 0 {
		return tags
	}
	text, sents := joinWords(words)
	raws, orig := tagMentions(text, sents, tags)
	mask, _ := j.f.junkMask(text, sents, raws)
	for i, junk := range mask {
		if !junk {
			continue
		}
		o := orig[i]
		for k := o.first; k <= o.last; k++ {
			tags[o.sentence][k] = "O"
		}
	}
	return tags
}

// joinWords makes a text of the token lists of one document, the tokens
// joined by spaces and the sentences by line breaks, and its sentences.
func joinWords(words [][]string) (string, []Sentence) {
	var b strings.Builder
	sents := make([]Sentence, len(words))
	for i, ws := range words {
		if i > 0 {
			b.WriteByte('\n')
		}
		toks := make([]Token, len(ws))
		for k, w := range ws {
			if k > 0 {
				b.WriteByte(' ')
			}
			toks[k] = Token{Start: b.Len(), End: b.Len() + len(w), Text: w}
			b.WriteString(w)
		}
		sents[i] = Sentence{Tokens: toks}
		if len(toks) > 0 {
			sents[i].Start, sents[i].End = toks[0].Start, toks[len(toks)-1].End
		}
	}
	return b.String(), sents
}

// tagSpan is a tagged span of tokens first..last of one sentence.
type tagSpan struct{ sentence, first, last int }

// tagMentions reads the PER, ORG and LOC spans of tags as the Recognizer
// reads them (trimSpan) and returns them with the tagged span each came
// from.
func tagMentions(text string, sents []Sentence, tags [][]string) ([]rawMention, []tagSpan) {
	var raws []rawMention
	var orig []tagSpan
	for si, s := range sents {
		for _, sp := range Spans(tags[si]) {
			typ := entityType("B-" + sp.Type)
			if typ == "" {
				continue
			}
			m, ok := trimSpan(text, si, s.Tokens, sp.Start, sp.End-1, typ)
			if !ok {
				continue
			}
			raws = append(raws, m)
			orig = append(orig, tagSpan{si, sp.Start, sp.End - 1})
		}
	}
	return raws, orig
}
