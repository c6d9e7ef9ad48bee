package webpage

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The extractor returns a new tree whose text was copied, decoded and
// whitespace-folded from the page's text nodes. To say which bytes of the
// page hold that text, both sides are reduced to their non-space characters:
// the page's text (character references decoded, each character remembering
// its raw bytes) and the extracted text. The extracted characters are then
// matched, in order, onto the page's: long common runs, found again after a
// mismatch by searching for the next few words of the extracted text
// (forward from the last match first, then anywhere). Whitespace differences
// (a word split by an inline tag, folded spaces) cannot break the match,
// because whitespace is on neither side.

// piece maps a run of the page stream back to raw bytes of the page: a run
// of plain text copies raw bytes one for one (ref false); a character
// reference (ref true) decodes rawLen raw bytes to spLen stream bytes.
type piece struct {
	sp, raw       int32
	spLen, rawLen int32
	ref           bool
}

// pageStream is the page's visible text without whitespace.
type pageStream struct {
	s        []byte
	pieces   []piece
	elements int // start tags read
}

// rawTextSkip are elements whose text is never article text (the tokenizer
// returns the content of the raw-text ones as one text token).
var rawTextSkip = map[string]bool{
	"script": true, "style": true, "title": true, "textarea": true, "noscript": true,
	"iframe": true, "xmp": true, "noembed": true, "noframes": true, "plaintext": true,
}

// nestedSkip are elements whose whole subtree is skipped.
var nestedSkip = map[string]bool{"svg": true, "math": true, "template": true, "head": true}

// buildPageStream reads the text tokens of page.
func buildPageStream(page []byte) *pageStream {
	ps := &pageStream{s: make([]byte, 0, len(page)/4)}
	z := html.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(0)
	pos := 0
	skipNext := false
	depth := map[string]int{}
	nested := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return ps
		}
		raw := z.Raw()
		start := pos
		pos += len(raw)
		switch tt {
		case html.TextToken:
			if skipNext || nested > 0 {
				skipNext = false
				continue
			}
			ps.addText(raw, start)
		case html.SelfClosingTagToken:
			ps.elements++
			skipNext = false
		case html.StartTagToken:
			ps.elements++
			name, _ := z.TagName()
			n := string(name)
			skipNext = rawTextSkip[n]
			if nestedSkip[n] {
				depth[n]++
				nested++
			}
		case html.EndTagToken:
			skipNext = false
			name, _ := z.TagName()
			n := string(name)
			if nestedSkip[n] && depth[n] > 0 {
				depth[n]--
				nested--
			}
		default:
			skipNext = false
		}
	}
}

// addText appends the non-space characters of one text token at page offset off.
func (ps *pageStream) addText(raw []byte, off int) {
	runStart := -1 // start in raw of the current plain run
	flush := func(end int) {
		if runStart >= 0 && end > runStart {
			ps.pieces = append(ps.pieces, piece{sp: int32(len(ps.s)), raw: int32(off + runStart), spLen: int32(end - runStart), rawLen: int32(end - runStart)})
			ps.s = append(ps.s, raw[runStart:end]...)
		}
		runStart = -1
	}
	for i := 0; i < len(raw); {
		b := raw[i]
		if b == '&' {
			if n := refLen(raw[i:]); n > 0 {
				dec := html.UnescapeString(string(raw[i : i+n]))
				if dec != string(raw[i:i+n]) {
					flush(i)
					if !isSpaceString(dec) {
						ps.pieces = append(ps.pieces, piece{sp: int32(len(ps.s)), raw: int32(off + i), spLen: int32(len(dec)), rawLen: int32(n), ref: true})
						ps.s = append(ps.s, dec...)
					}
					i += n
					continue
				}
			}
		}
		if b < utf8.RuneSelf {
			if isASCIISpace(b) || b == 0 {
				flush(i)
			} else if runStart < 0 {
				runStart = i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if unicode.IsSpace(r) || r == utf8.RuneError && n <= 1 {
			flush(i)
		} else if runStart < 0 {
			runStart = i
		}
		i += n
	}
	flush(len(raw))
}

func isASCIISpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

func isSpaceString(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// refLen returns the length of the character reference at the start of b
// ("&amp;", "&#8217;", "&#x2019;", "&copy" without its semicolon), or 0.
func refLen(b []byte) int {
	i, maxLen := 1, 32
	var ok func(c byte, first bool) bool
	switch {
	case len(b) > 2 && b[1] == '#' && b[2]|0x20 == 'x':
		i, maxLen = 3, 8
		ok = func(c byte, _ bool) bool { return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f' }
	case len(b) > 1 && b[1] == '#':
		i, maxLen = 2, 8
		ok = func(c byte, _ bool) bool { return c >= '0' && c <= '9' }
	default:
		ok = func(c byte, first bool) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' || !first && c >= '0' && c <= '9' }
	}
	j := i
	for j < len(b) && j-i < maxLen && ok(b[j], j == i) {
		j++
	}
	if j == i {
		return 0
	}
	if j < len(b) && b[j] == ';' {
		j++
	}
	return j
}

// each calls keep with every raw page range [start, end) that the stream
// bytes [a, b) come from, in stream order.
func (ps *pageStream) each(a, b int, keep func(start, end int)) {
	i := sort.Search(len(ps.pieces), func(i int) bool { return int(ps.pieces[i].sp+ps.pieces[i].spLen) > a })
	for ; i < len(ps.pieces) && int(ps.pieces[i].sp) < b; i++ {
		p := ps.pieces[i]
		if p.ref {
			keep(int(p.raw), int(p.raw+p.rawLen))
			continue
		}
		s, e := max(a, int(p.sp)), min(b, int(p.sp+p.spLen))
		keep(int(p.raw)+s-int(p.sp), int(p.raw)+e-int(p.sp))
	}
}

// rawAt returns the raw page range of the one stream byte at i.
func (ps *pageStream) rawAt(i int) (int, int) {
	s, e := -1, -1
	ps.each(i, i+1, func(a, b int) {
		if s < 0 {
			s = a
		}
		e = b
	})
	return s, e
}

// extracted is the extractor's text without whitespace, with the positions
// where words and blocks (paragraphs, headings, list items) start.
type extracted struct {
	s      []byte
	words  []int // stream offsets where a word starts
	blocks []int // stream offsets where a block starts (a paragraph break before it)
}

// blockTags are the elements of the extractor's output that end a paragraph.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"pre": true, "table": true, "tr": true, "td": true, "th": true, "br": true, "hr": true,
	"section": true, "article": true, "header": true, "footer": true, "figure": true,
	"figcaption": true, "main": true, "body": true, "head": true, "q": false,
}

// buildExtracted walks the extractor's output tree.
func buildExtracted(root *html.Node) *extracted {
	ex := &extracted{}
	block := func() {
		n := len(ex.s)
		if len(ex.blocks) == 0 || ex.blocks[len(ex.blocks)-1] != n {
			ex.blocks = append(ex.blocks, n)
		}
	}
	inWord := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if unicode.IsSpace(r) {
					inWord = false
					continue
				}
				if !inWord {
					ex.words = append(ex.words, len(ex.s))
					inWord = true
				}
				ex.s = utf8.AppendRune(ex.s, r)
			}
			return
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
			if blockTags[n.Data] {
				block()
				inWord = false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockTags[n.Data] {
			block()
			inWord = false
		}
	}
	walk(root)
	return ex
}

// match is a run of n bytes, ex.s[se:se+n] == ps.s[sp:sp+n].
type match struct{ se, sp, n int }

// alignWindow is how many bytes of the extracted text must be found in the
// page to take up the match again after a mismatch.
const alignWindow = 24

// shortReach bounds how far past the last match a short block (under
// alignWindow bytes: a subheading, a one-line paragraph) is looked for.
const shortReach = 4096

// align matches ex onto ps and returns the runs in extracted order.
func align(ex *extracted, ps *pageStream) []match {
	var out []match
	page := ps.s
	text := ex.s
	cursor := 0
	wi, bi := 0, 0 // next word, next block start after i
	for i := 0; i < len(text); {
		for wi < len(ex.words) && ex.words[wi] <= i {
			wi++
		}
		for bi < len(ex.blocks) && ex.blocks[bi] <= i {
			bi++
		}
		// Continue the current run.
		if cursor < len(page) && len(out) > 0 {
			last := &out[len(out)-1]
			if last.se+last.n == i && last.sp+last.n == cursor {
				n := commonPrefix(text[i:], page[cursor:])
				if n > 0 {
					last.n += n
					i += n
					cursor += n
					continue
				}
			}
		}
		// Take it up again: find the window starting at i in the page.
		blockEnd := len(text)
		if bi < len(ex.blocks) {
			blockEnd = ex.blocks[bi]
		}
		wEnd := min(i+alignWindow, blockEnd)
		w := text[i:wEnd]
		q := -1
		if len(w) >= alignWindow || wEnd == len(text) && len(w) >= alignWindow/2 {
			if k := bytes.Index(page[cursor:], w); k >= 0 {
				q = cursor + k
			} else if k := bytes.Index(page[:min(cursor+len(w), len(page))], w); k >= 0 {
				q = k
			}
		} else if len(w) > 0 {
			reach := page[cursor:min(len(page), cursor+shortReach)]
			if k := bytes.Index(reach, w); k >= 0 {
				q = cursor + k
			}
		}
		if q < 0 {
			// Not found: skip to the next word of the extracted text.
			next := len(text)
			if wi < len(ex.words) {
				next = ex.words[wi]
			}
			if bi < len(ex.blocks) && ex.blocks[bi] < next && ex.blocks[bi] > i {
				next = ex.blocks[bi]
			}
			i = next
			continue
		}
		n := commonPrefix(text[i:], page[q:])
		if n == 0 {
			i += max(1, len(w))
			continue
		}
		out = append(out, match{se: i, sp: q, n: n})
		i += n
		cursor = q + n
	}
	return out
}

func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			// do not split a UTF-8 sequence
			for i > 0 && !utf8.RuneStart(a[i]) {
				i--
			}
			return i
		}
	}
	return n
}

// matchedBytes is the number of extracted bytes matched.
func matchedBytes(ms []match) int {
	n := 0
	for _, m := range ms {
		n += m.n
	}
	return n
}

// foldSpace joins the fields of s with single spaces.
func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
