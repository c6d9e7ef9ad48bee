package quote

import (
	"sort"
	"strings"
	"sync"

	"github.com/jdkato/prose/v3/tag"
	"github.com/newsgraph/newsgraph/ner"
)

// tok is one token of the article with what attribution needs to know.
type tok struct {
	s, e   int
	text   string
	low    string
	tag    string // Penn Treebank part of speech
	sent   int
	para   int
	region int  // quote region holding the token (its marks included), or -1
	mark   int8 // markOpen / markClose for the marks of a region
	ent    int  // entity whose mention covers the token, or -1
}

const (
	markNone int8 = iota
	markOpen
	markClose
)

var posTagger = sync.OnceValues(func() (*tag.Tagger, error) { return tag.New() })

// tokenize flattens the sentences into tokens, tags them, and marks
// paragraphs and entity mentions.
func tokenize(text string, sents []ner.Sentence, ents []ner.Entity) ([]tok, [][2]int) {
	n := 0
	for _, s := range sents {
		n += len(s.Tokens)
	}
	toks := make([]tok, 0, n)
	bounds := make([][2]int, 0, len(sents)) // token index range [first, last+1) of each sentence
	para := 0
	tagger, _ := posTagger()
	var buf []tag.Token
	for si, s := range sents {
		first := len(toks)
		for _, t := range s.Tokens {
			if t.Start < 0 || t.End > len(text) || t.Start >= t.End {
				continue
			}
			if len(toks) > 0 {
				prev := toks[len(toks)-1]
				if prev.sent != si && prev.e <= t.Start && strings.Contains(text[prev.e:t.Start], "\n") {
					para++
				}
			}
			toks = append(toks, tok{s: t.Start, e: t.End, text: text[t.Start:t.End], low: strings.ToLower(text[t.Start:t.End]),
				sent: si, para: para, region: -1, ent: -1})
		}
		bounds = append(bounds, [2]int{first, len(toks)})
		if tagger != nil && len(toks) > first {
			buf = buf[:0]
			for _, t := range toks[first:] {
				buf = append(buf, tag.Token{Text: tagForm(t.text)})
			}
			tagger.TagTokens(buf)
			for k := range buf {
				toks[first+k].tag = buf[k].Tag
			}
		}
	}
	for ei, e := range ents {
		for _, m := range e.Mentions {
			k := sort.Search(len(toks), func(i int) bool { return toks[i].e > m.Start })
			for ; k < len(toks) && toks[k].s < m.End; k++ {
				if toks[k].ent < 0 {
					toks[k].ent = ei
				}
			}
		}
	}
	return toks, bounds
}

// tagForm maps a token onto the spelling the tagger was trained on.
func tagForm(s string) string {
	switch s {
	case "“":
		return "``"
	case "”":
		return "''"
	case "’s", "’S":
		return "'s"
	case "’", "‘":
		return "'"
	case "—", "–":
		return "--"
	case "n’t":
		return "n't"
	}
	if strings.ContainsRune(s, '’') {
		return strings.ReplaceAll(s, "’", "'")
	}
	return s
}

func isNounTag(t string) bool  { return strings.HasPrefix(t, "NN") }
func isVerbTag(t string) bool  { return strings.HasPrefix(t, "VB") || t == "MD" }
func isPropTag(t string) bool  { return strings.HasPrefix(t, "NNP") }
func isPunctTok(s string) bool { return len(s) > 0 && !isWordByte(s[0]) && s != "’s" && s != "'s" }

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80 && b != 0xE2
}

func isCapitalized(s string) bool { return len(s) > 0 && s[0] >= 'A' && s[0] <= 'Z' }
