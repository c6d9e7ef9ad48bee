package article

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Parse makes one article from the bytes of one input. format is FormatText
// (.txt, .md), FormatHTML, FormatJSONL (one JSON object) or "" to sniff it.
// source names the input in Article.Source and in errors. Errors are
// *InputError values wrapping one of the Err* sentinels.
func Parse(source string, data []byte, format string) (*Article, error) {
	if format == "" {
		format = sniff(data[:min(len(data), 512)])
	}
	switch format {
	case FormatHTML:
		return ParsePage(Page{Source: source, Body: data})
	case FormatWARC:
		return nil, &InputError{Source: source, Err: fmt.Errorf("%w: a WARC archive holds many pages: read it with Read", ErrUnsupported)}
	}
	if err := checkBytes(data, format); err != nil {
		return nil, &InputError{Source: source, Err: err}
	}
	var a *Article
	var err error
	switch format {
	case FormatJSONL:
		a, err = parseJSON(source, data)
	case FormatHTML:
		a = parseHTML(source, data, "")
	case FormatText:
		a = parseText(source, string(data), hints{})
	case formatXML:
		err = fmt.Errorf("%w: XML such as an RSS or Atom feed (newsgraph reads articles as .txt, .md, .html or .jsonl: take the article texts out of the feed first)", ErrUnsupported)
	default:
		err = fmt.Errorf("%w: format %q", ErrUnsupported, format)
	}
	if err != nil {
		return nil, &InputError{Source: source, Err: err}
	}
	return finish(a)
}

// finish sets the article's ID and rejects an article without text.
func finish(a *Article) (*Article, error) {
	a.ID = contentID(a.Clean)
	if !hasWord(a.Clean) {
		return nil, &InputError{Source: a.Source, Err: fmt.Errorf("%w: nothing left after removing markup, boilerplate and metadata", ErrNoText)}
	}
	return a, nil
}

// checkBytes rejects empty, binary and non-UTF-8 input. A JSON Lines record is
// decoded by encoding/json, which replaces invalid UTF-8, so only emptiness
// and NUL bytes are checked there.
func checkBytes(data []byte, format string) error {
	if len(bytes.TrimSpace(data)) == 0 {
		if len(data) == 0 {
			return ErrEmpty
		}
		return fmt.Errorf("%w (only whitespace)", ErrEmpty)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%w (NUL byte at offset %d)", ErrBinary, i)
	}
	if format == FormatJSONL {
		return nil
	}
	ctrl := 0
	for _, c := range data {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl > 8 && ctrl*10 > len(data) {
		return fmt.Errorf("%w (%d of %d bytes are control characters)", ErrBinary, ctrl, len(data))
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		line := 1 + bytes.Count(data[:off], []byte{'\n'})
		return fmt.Errorf("%w at byte %d (line %d); convert the file to UTF-8 first, e.g. iconv -f windows-1252 -t utf-8", ErrInvalidUTF8, off, line)
	}
	return nil
}

// hints are metadata known before the text is read (JSON fields, HTML meta).
type hints struct {
	title, url, published, byline, credit, publisher string
	noTitleFromText                                  bool // do not take the first line as a title
}

// parseJSON decodes one JSON Lines record.
func parseJSON(source string, data []byte) (*Article, error) {
	var rec map[string]json.RawMessage
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	field := func(names ...string) string {
		for _, n := range names {
			raw, ok := rec[n]
			if !ok {
				continue
			}
			var s string
			if json.Unmarshal(raw, &s) == nil {
				if s = strings.TrimSpace(s); s != "" {
					return s
				}
				continue
			}
			var num json.Number
			if json.Unmarshal(raw, &num) == nil {
				return num.String()
			}
		}
		return ""
	}
	var text string
	for _, n := range []string{"text", "body", "content"} {
		if raw, ok := rec[n]; ok {
			var s string
			if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) != "" {
				text = s
				break
			}
		}
	}
	if text == "" {
		return nil, fmt.Errorf("%w: no \"text\" (or \"body\") field with text", ErrNoText)
	}
	h := hints{
		title:           field("title", "headline"),
		url:             field("url", "link"),
		published:       normDate(field("published", "date", "published_at", "datePublished")),
		byline:          field("byline", "author"),
		credit:          field("credit", "agency"),
		publisher:       field("publisher", "site_name"),
		noTitleFromText: true,
	}
	a := parseText(source, text, h)
	a.ExternalID = field("id", "_id", "doc_id")
	return a, nil
}

// normDate turns a date field into YYYY-MM-DD when it can; otherwise it keeps
// the value as given.
func normDate(s string) string {
	if s == "" {
		return ""
	}
	if d, ok := findDate(s); ok {
		return d.iso
	}
	if _, err := strconv.Atoi(s); err == nil {
		return s
	}
	return s
}

// contentID is the sha256 (hex) of the cleaned text with whitespace folded.
func contentID(clean string) string {
	h := sha256.New()
	first := true
	for f := range strings.FieldsSeq(clean) {
		if !first {
			h.Write([]byte{' '})
		}
		first = false
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Body returns the cleaned text with runs of whitespace folded to one space:
// the text the ID is computed from.
func (a *Article) Body() string {
	return strings.Join(strings.Fields(a.Clean), " ")
}

// Plain is Body with the character references of a web page decoded
// ("AT&amp;T" is "AT&T"): the article's text as a reader sees it.
func (a *Article) Plain() string {
	if !a.html {
		return a.Body()
	}
	return html.UnescapeString(a.Body())
}

// blank replaces bytes [start, end) of c with spaces, keeping newlines.
func blank(c []byte, start, end int) {
	for i := start; i < end && i < len(c); i++ {
		if c[i] != '\n' {
			c[i] = ' '
		}
	}
}

// newClean copies text and blanks control characters (except tab, CR, LF),
// the byte order mark and no-break/zero-width spaces, so that later stages see
// only ASCII whitespace.
func newClean(text string) []byte {
	c := []byte(text)
	for i := 0; i < len(c); {
		b := c[i]
		if b < 0x80 {
			if b < 0x20 && b != '\n' && b != '\t' && b != '\r' || b == 0x7f {
				c[i] = ' '
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(c[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			c[i] = ' '
		case r == '\u00a0' || r == '\ufeff' || r == '\u200b' || r == '\u2060' || r == '\u202f' || r == '\u2007' || (r >= 0x80 && r < 0xa0):
			blank(c, i, i+n)
		}
		i += n
	}
	return c
}
