package webpage

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
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

// buildPageStream reads the text tokens of page; with jsonLD, also the
// strings of its JSON-LD scripts (where some pages keep their only copy of
// the article, as "articleBody").
func buildPageStream(page []byte, jsonLD bool) *pageStream {
	ps := &pageStream{s: make([]byte, 0, len(page)/4)}
	z := html.NewTokenizer(bytes.NewReader(page))
	z.SetMaxBuf(0)
	pos := 0
	skipNext, inJSON := false, false
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
			if inJSON {
				ps.addJSON(raw, start)
			}
			if skipNext || nested > 0 {
				skipNext = false
				continue
			}
			ps.addText(raw, start)
		case html.SelfClosingTagToken:
			ps.elements++
			skipNext, inJSON = false, false
		case html.StartTagToken:
			ps.elements++
			name, hasAttr := z.TagName()
			n := string(name)
			skipNext = rawTextSkip[n]
			inJSON = jsonLD && n == "script" && hasAttr && isJSONLD(z)
			if nestedSkip[n] {
				depth[n]++
				nested++
			}
		case html.EndTagToken:
			skipNext, inJSON = false, false
			name, _ := z.TagName()
			n := string(name)
			if nestedSkip[n] && depth[n] > 0 {
				depth[n]--
				nested--
			}
		default:
			skipNext, inJSON = false, false
		}
	}
}

// tokenText appends the text of one token (raw, at page offset off) to a
// pageStream: runs of plain characters as one piece, decoded references
// and escapes as a piece each, whitespace as nothing.
type tokenText struct {
	ps       *pageStream
	raw      []byte
	off      int
	runStart int // start in raw of the current plain run, or -1
}

func (w *tokenText) flush(end int) {
	if w.runStart >= 0 && end > w.runStart {
		w.ps.pieces = append(w.ps.pieces, piece{sp: int32(len(w.ps.s)), raw: int32(w.off + w.runStart), spLen: int32(end - w.runStart), rawLen: int32(end - w.runStart)})
		w.ps.s = append(w.ps.s, w.raw[w.runStart:end]...)
	}
	w.runStart = -1
}

// ref adds raw[i:i+n], which stands for dec.
func (w *tokenText) ref(i, n int, dec string) {
	w.flush(i)
	if !isSpaceString(dec) {
		w.ps.pieces = append(w.ps.pieces, piece{sp: int32(len(w.ps.s)), raw: int32(w.off + i), spLen: int32(len(dec)), rawLen: int32(n), ref: true})
		w.ps.s = append(w.ps.s, dec...)
	}
}

// char adds the plain character at raw[i] and returns its length.
func (w *tokenText) char(i int) int {
	r, n := rune(w.raw[i]), 1
	if r >= utf8.RuneSelf {
		r, n = utf8.DecodeRune(w.raw[i:])
	}
	if unicode.IsSpace(r) || r < 0x20 || r == utf8.RuneError && n <= 1 {
		w.flush(i)
	} else if w.runStart < 0 {
		w.runStart = i
	}
	return n
}

// charRef adds the character reference at raw[i], if there is one, and
// returns its length (0: none).
func (w *tokenText) charRef(i int) int {
	n := refLen(w.raw[i:])
	if n == 0 {
		return 0
	}
	dec := html.UnescapeString(string(w.raw[i : i+n]))
	if dec == string(w.raw[i:i+n]) {
		return 0
	}
	w.ref(i, n, dec)
	return n
}

// addText appends the non-space characters of one text token at page offset off.
func (ps *pageStream) addText(raw []byte, off int) {
	w := tokenText{ps: ps, raw: raw, off: off, runStart: -1}
	for i := 0; i < len(raw); {
		if raw[i] == '&' {
			if n := w.charRef(i); n > 0 {
				i += n
				continue
			}
		}
		i += w.char(i)
	}
	w.flush(len(raw))
}

func isJSONLD(z *html.Tokenizer) bool {
	for {
		k, v, more := z.TagAttr()
		if string(k) == "type" {
			return strings.EqualFold(strings.TrimSpace(string(v)), "application/ld+json")
		}
		if !more {
			return false
		}
	}
}

// addJSON appends the non-space characters of the strings of a JSON text
// (a JSON-LD script) at page offset off: escapes decode like character
// references (a piece each), `\n` and other space escapes separate words.
func (ps *pageStream) addJSON(raw []byte, off int) {
	w := tokenText{ps: ps, raw: raw, off: off, runStart: -1}
	inStr := false
	for i := 0; i < len(raw); {
		switch b := raw[i]; {
		case !inStr:
			inStr = b == '"'
			i++
		case b == '"':
			w.flush(i)
			inStr = false
			i++
		case b == '\\':
			n, dec := jsonEscape(raw[i:])
			w.ref(i, n, dec)
			i += n
		case b == '&' && w.charRef(i) > 0:
			i += refLen(raw[i:])
		default:
			i += w.char(i)
		}
	}
	w.flush(len(raw))
}

// jsonEscape decodes the JSON escape at the start of b (`\n`, `\u00e9`, a
// surrogate pair `\ud83d\ude00`), returning its length and what it stands for.
func jsonEscape(b []byte) (int, string) {
	if len(b) < 2 {
		return len(b), " "
	}
	switch b[1] {
	case 'n', 't', 'r', 'b', 'f':
		return 2, " "
	case 'u':
		r, ok := hex4(b[2:])
		if !ok {
			return 2, " "
		}
		if utf16.IsSurrogate(r) && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
			if r2, ok := hex4(b[8:]); ok {
				return 12, string(utf16.DecodeRune(r, r2))
			}
		}
		return 6, string(r)
	}
	return 2, string(b[1:2])
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[:4]), 16, 32)
	return rune(v), err == nil
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
