package quote

import "unicode/utf8"

// region is one stretch of quoted text. open and close are token indices of
// its marks (close is -1 when the quote is left open: an unbalanced mark, or
// a quote that goes on in the next paragraph); first..last are the tokens
// inside (last < first when empty).
type region struct {
	open, close int
	openEnd     int // last token of the opening mark ('' is two tokens)
	first, last int
}

// maxRegionTokens bounds a quote whose closing mark is missing.
const maxRegionTokens = 400

type markKind int8

const (
	mkOpen markKind = iota + 1
	mkClose
	mkEither
)

// classify says whether token i (and the token after it, for a ” pair) is a
// double quote mark, of which kind, and how many tokens it takes.
func classify(text string, toks []tok, i int) (markKind, int) {
	t := toks[i]
	switch t.text {
	case "“", "«":
		return mkOpen, 1
	case "”", "»":
		return mkClose, 1
	case "\"":
		return straightKind(text, t.s, t.e), 1
	case "'", "`":
		// '' and `` as used for double quotes.
		if i+1 < len(toks) && toks[i+1].s == t.e && (toks[i+1].text == "'" || toks[i+1].text == "`") {
			if t.text == "`" {
				return mkOpen, 2
			}
			return straightKind(text, t.s, toks[i+1].e), 2
		}
	}
	return 0, 0
}

// straightKind guesses the direction of a straight quote from the spaces
// around it.
func straightKind(text string, s, e int) markKind {
	leftSpace := s == 0
	if !leftSpace {
		r, _ := utf8.DecodeLastRuneInString(text[:s])
		leftSpace = isSpaceOrOpen(r)
	}
	rightSpace := e >= len(text)
	if !rightSpace {
		r, _ := utf8.DecodeRuneInString(text[e:])
		rightSpace = isSpaceOrClosePunct(r)
	}
	switch {
	case leftSpace && !rightSpace:
		return mkOpen
	case !leftSpace && rightSpace:
		return mkClose
	}
	return mkEither
}

func isSpaceOrOpen(r rune) bool {
	switch r {
	case ' ', '\n', '\t', '\r', 0xA0, '(', '[', '—', '–', '-':
		return true
	}
	return false
}

func isSpaceOrClosePunct(r rune) bool {
	switch r {
	case ' ', '\n', '\t', '\r', 0xA0, ',', '.', ';', ':', '?', '!', ')', ']', '—', '–', '-':
		return true
	}
	return false
}

// findRegions pairs the quote marks of the article into regions, keeps
// unbalanced marks from swallowing the rest of the article (an open quote
// ends with its paragraph unless the next paragraph opens a quote again, the
// newspaper convention for quotes that run over paragraphs), and marks the
// tokens of each region.
func findRegions(text string, toks []tok) []region {
	var regs []region
	cur := -1
	closeAt := func(last int) {
		r := &regs[cur]
		r.last = last
		for k := r.open; k <= last; k++ {
			toks[k].region = cur
		}
		cur = -1
	}
	for i := 0; i < len(toks); i++ {
		kind, n := classify(text, toks, i)
		if cur >= 0 {
			r := regs[cur]
			newPara := i > 0 && toks[i].para != toks[i-1].para
			if newPara {
				// The quote did not close in its paragraph.
				closeAt(i - 1)
			} else if i-r.first > maxRegionTokens {
				closeAt(i - 1)
			}
		}
		if kind == 0 {
			continue
		}
		if cur >= 0 {
			if kind == mkOpen && toks[i].text != "\"" && toks[i].text != "'" {
				// A new opening mark while one is open: the first never closed.
				closeAt(i - 1)
			} else {
				r := &regs[cur]
				r.close = i
				for k := r.open; k < i+n; k++ {
					toks[k].region = cur
				}
				r.last = i - 1
				toks[i].mark = markClose
				if n == 2 {
					toks[i+1].mark = markClose
				}
				cur = -1
				i += n - 1
				continue
			}
		}
		if kind == mkClose {
			continue // a stray closing mark
		}
		regs = append(regs, region{open: i, openEnd: i + n - 1, close: -1, first: i + n, last: i + n - 1})
		cur = len(regs) - 1
		toks[i].mark = markOpen
		if n == 2 {
			toks[i+1].mark = markOpen
		}
		i += n - 1
	}
	if cur >= 0 {
		closeAt(len(toks) - 1)
	}
	return regs
}
