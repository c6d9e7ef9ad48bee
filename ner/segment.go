package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSentenceTokens bounds the length of one sentence, so that a page of text
// without punctuation cannot make one stage quadratic.
const maxSentenceTokens = 200

// Segment splits text into sentences of tokens. Offsets are byte offsets into
// text. It is meant for an article's cleaned view (article.Article.Clean), in
// which blanked boilerplate reads as white space.
//
// Tokens follow news-tagger conventions: punctuation and quote marks are
// tokens of their own; a possessive "'s" or "’s" is split off; hyphenated words
// ("Moscow-annexed") and abbreviations ("U.S.", "Mr.") stay whole; numbers keep
// their inner commas and points ("13,000").
func Segment(text string) []Sentence {
	toks := Tokenize(text)
	return splitSentences(text, toks)
}

// Tokenize returns the tokens of text, in order, with byte offsets.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+1)
	i := 0
	n := len(text)
	for i < n {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isSpace(r) {
			i += size
			continue
		}
		start := i
		end := scanToken(text, i, r, size)
		toks = append(toks, Token{Start: start, End: end, Text: text[start:end]})
		i = end
	}
	return toks
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\n', '\t', '\r', '\f', '\v', 0xA0:
		return true
	}
	return r >= utf8.RuneSelf && unicode.IsSpace(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

func runeAt(text string, i int) (rune, int) {
	if i >= len(text) {
		return 0, 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// scanToken returns the end of the token that starts at i with rune r.
func scanToken(text string, i int, r rune, size int) int {
	if !isWordRune(r) {
		if isApostrophe(r) {
			// Clitics split off a word: 's, 're, 've, 'll, 'd, 'm.
			rest := text[i+size:]
			if n := cliticLen(rest); n > 0 {
				return i + size + n
			}
		}
		// Runs of the same punctuation ("...", "--") are one token.
		if r == '.' || r == '-' {
			j := i + size
			for j < len(text) && rune(text[j]) == r {
				j++
			}
			return j
		}
		return i + size
	}
	j := i
	for {
		// A run of word characters.
		for j < len(text) {
			r, s := runeAt(text, j)
			if !isWordRune(r) {
				break
			}
			j += s
		}
		r, s := runeAt(text, j)
		next, _ := runeAt(text, j+s)
		switch {
		case (r == '-' || r == '&') && isWordRune(next):
			// Hyphenated compounds stay whole: "Moscow-annexed", "AT&T".
			j += s
			continue
		case (r == ',' || r == '.') && isDigit(prevRune(text, j)) && isDigit(next):
			// 13,000 and 3.5
			j += s
			continue
		case r == '.' && isWordRune(next) && isAbbrevChain(text[i:j]):
			// U.S.A: letters separated by points.
			j += s
			continue
		case isApostrophe(r) && isWordRune(next):
			// Possessive or contraction: split before 's, n't, 're ...
			word := text[i:j]
			rest := text[j+s:]
			if (word[len(word)-1] == 'n' || word[len(word)-1] == 'N') && strings.HasPrefix(lowerASCII(rest, 1), "t") && !isWordRuneAt(rest, 1) {
				if j-1 > i {
					return j - 1 // do|n't
				}
				return j + s + 1 // the "n't" token itself
			}
			if cliticLen(rest) > 0 {
				return j
			}
			// O'Brien, D'Souza: one word.
			j += s
			continue
		case r == '.':
			word := text[i:j]
			if isAbbreviation(word) || (j-i == 1 && isUpper(word[0])) || isAbbrevChain(word) && strings.Contains(word, ".") {
				return j + 1 // "Mr.", "J.", "U.S."
			}
		}
		return j
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

func prevRune(text string, j int) rune {
	if j == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[:j])
	return r
}

func isWordRuneAt(s string, i int) bool {
	r, _ := runeAt(s, i)
	return r != 0 && isWordRune(r)
}

func lowerASCII(s string, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	return strings.ToLower(s)
}

// isAbbrevChain reports whether word is single letters joined by points: "U", "U.S", "e.g".
func isAbbrevChain(word string) bool {
	if word == "" {
		return false
	}
	for k := 0; k < len(word); k++ {
		c := word[k]
		if k%2 == 0 {
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
				return false
			}
		} else if c != '.' {
			return false
		}
	}
	return true
}

// cliticLen returns the length of the clitic (s, re, ve, ll, d, m) that rest
// starts with, when a non-word character follows it; 0 otherwise.
func cliticLen(rest string) int {
	l := lowerASCII(rest, 3)
	for _, c := range []string{"s", "re", "ve", "ll", "d", "m"} {
		if strings.HasPrefix(l, c) && !isWordRuneAt(rest, len(c)) {
			return len(c)
		}
	}
	return 0
}

// abbreviations that keep their point; they never end a sentence unless a
// paragraph ends there.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Prof": true, "Sen": true, "Rep": true,
	"Gen": true, "Lt": true, "Col": true, "Maj": true, "Capt": true, "Sgt": true, "Gov": true,
	"Pres": true, "St": true, "Jr": true, "Sr": true, "Rev": true, "Hon": true, "Adm": true,
	"Cmdr": true, "Brig": true, "Supt": true, "Insp": true, "Messrs": true, "Mme": true,
	"Inc": true, "Corp": true, "Co": true, "Ltd": true, "Bros": true, "Dept": true, "Univ": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"vs": true, "etc": true, "approx": true, "No": true, "Nos": true, "Vol": true, "Fig": true,
	"Ave": true, "Blvd": true, "Mt": true, "Ft": true,
}

// titleAbbreviations never end a sentence: a name follows them.
var titleAbbreviations = map[string]bool{
	"Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "Prof.": true, "Sen.": true, "Rep.": true,
	"Gen.": true, "Lt.": true, "Col.": true, "Maj.": true, "Capt.": true, "Sgt.": true, "Gov.": true,
	"Pres.": true, "St.": true, "Rev.": true, "Hon.": true, "Adm.": true, "Messrs.": true, "Mme.": true,
	"No.": true, "Nos.": true, "Mt.": true, "Ft.": true, "vs.": true,
}

func isAbbreviation(word string) bool { return abbreviations[word] }

// splitSentences groups tokens into sentences at terminal punctuation and at
// paragraph breaks, keeping closing quotes and brackets with the sentence they
// close.
func splitSentences(text string, toks []Token) []Sentence {
	var sents []Sentence
	begin := 0
	flush := func(end int) {
		if end > begin {
			ts := toks[begin:end:end]
			sents = append(sents, Sentence{Start: ts[0].Start, End: ts[len(ts)-1].End, Tokens: ts})
		}
		begin = end
	}
	for k := 0; k < len(toks); k++ {
		if k+1 == len(toks) {
			flush(k + 1)
			break
		}
		t, next := toks[k], toks[k+1]
		gap := text[t.End:next.Start]
		switch {
		case k+1-begin >= maxSentenceTokens:
			flush(k + 1)
		case isTerminal(t.Text):
			// Swallow closing quotes and brackets, up to the sentence cap.
			j := k + 1
			for j < len(toks) && j-begin < maxSentenceTokens && isCloser(toks[j].Text) && toks[j-1].End == toks[j].Start {
				j++
			}
			if j == len(toks) {
				k = j - 1
				flush(j)
				break
			}
			after := toks[j]
			if startsSentence(after.Text) || paragraphBreak(text[toks[j-1].End:after.Start]) {
				k = j - 1
				flush(j)
			}
		case strings.HasSuffix(t.Text, ".") && len(t.Text) > 1 && !titleAbbreviations[t.Text]:
			// "U.S." or "Inc." at the end of a sentence: only when a paragraph
			// ends, or a sentence-like word follows.
			if paragraphBreak(gap) || startsSentence(next.Text) && commonSentenceStart(next.Text) {
				flush(k + 1)
			}
		case paragraphBreak(gap):
			if !continuesAcrossBreak(t.Text, next.Text) {
				flush(k + 1)
			}
		}
	}
	return sents
}

func isTerminal(s string) bool {
	switch s {
	case ".", "!", "?", "...", "…":
		return true
	}
	return false
}

func isCloser(s string) bool {
	switch s {
	case "\"", "”", "’", "'", ")", "]", "»":
		return true
	}
	return false
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '“', '‘', '\'', '(', '[', '-', '—', '«', '•', '*':
		return true
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// commonSentenceStart lists words that begin sentences far more often than
// they follow an abbreviation inside one.
func commonSentenceStart(s string) bool {
	switch s {
	case "The", "He", "She", "It", "They", "We", "I", "But", "In", "A", "An", "This", "That",
		"There", "His", "Her", "Their", "Its", "On", "At", "As", "After", "Before", "If", "When",
		"While", "Meanwhile", "However", "Also", "And":
		return true
	}
	return false
}

// paragraphBreak reports whether the white space between two tokens holds a
// blank line, or a newline followed by indentation or a bullet.
func paragraphBreak(gap string) bool {
	nl := strings.IndexByte(gap, '\n')
	if nl < 0 {
		return false
	}
	rest := gap[nl+1:]
	if strings.IndexByte(rest, '\n') >= 0 {
		return true
	}
	return strings.HasPrefix(rest, "  ") || strings.HasPrefix(rest, "\t")
}

// continuesAcrossBreak reports whether a paragraph break between prev and next
// is a layout accident inside one sentence ("accuse\n\nRussia of ...").
func continuesAcrossBreak(prev, next string) bool {
	switch prev {
	case ",", "(", "“", "-", "–", "—", ";", "&":
		return true
	}
	r, _ := utf8.DecodeRuneInString(prev)
	if !unicode.IsLower(r) {
		return false
	}
	// A lower-case word with no closing punctuation: the sentence goes on,
	// unless the next paragraph is plainly a new one (a quote or a bullet).
	switch next {
	case "•", "*", "-", "—":
		return false
	}
	return true
}
