package webpage

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Decoded is a page turned into UTF-8.
type Decoded struct {
	Page []byte
	// Charset is the encoding the page was decoded from, as the WHATWG
	// Encoding Standard names it ("windows-1252", "shift_jis"); "utf-8"
	// when the bytes were used as they are.
	Charset string
	// Note says why the declared charset was not used, or that invalid
	// bytes were replaced; "" when the page is what it says.
	Note string
	// Changed is true when Page is not the bytes as read (offsets into Page
	// are then offsets into the transcoded page).
	Changed bool
}

// metaScanBytes is how much of a page is searched for <meta charset>.
// Browsers look at the first 1,024 bytes; pages with long heads put it later.
const metaScanBytes = 16 << 10

// Decode returns page in UTF-8. contentType is the Content-Type header it
// came with (HTTP, or a WARC record's HTTP response), or "". The charset is
// taken from, in order: a byte order mark, contentType, the page's <meta
// charset> or <meta http-equiv="Content-Type">; else UTF-8 when the bytes
// are valid UTF-8, windows-1252 when not. A declaration that the bytes
// contradict is overruled: a page that says windows-1252, Shift_JIS ... but
// is valid UTF-8 with non-ASCII characters is read as UTF-8 (text in a
// legacy encoding is almost never valid UTF-8 by chance); a page that
// says UTF-8 but is not is read as windows-1252 (or, when only a few bytes
// are invalid, as UTF-8 with those bytes replaced by U+FFFD); an unknown
// charset name is ignored.
func Decode(page []byte, contentType string) (*Decoded, error) {
	if enc, name := bomEncoding(page); enc != nil {
		out, err := enc.NewDecoder().Bytes(page)
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", name, err)
		}
		out = bytes.TrimPrefix(out, []byte("\ufeff"))
		if name == "utf-8" && utf8.Valid(page) {
			return &Decoded{Page: page, Charset: name}, nil // the BOM stays: offsets are into the bytes as read
		}
		return &Decoded{Page: out, Charset: name, Changed: true}, nil
	}
	label, from := declaredCharset(page, contentType)
	valid := utf8.Valid(page)
	var enc encoding.Encoding
	name, unknown := "", ""
	if label != "" {
		if enc, name = charset.Lookup(label); enc == nil {
			unknown = fmt.Sprintf("%s names charset %q, which is unknown; ", from, label)
		}
	}
	switch {
	case name == "" && valid:
		return &Decoded{Page: page, Charset: "utf-8", Note: strings.TrimSuffix(unknown, "; ")}, nil
	case name == "":
		return decodeWith(page, charmap.Windows1252, "windows-1252", unknown+"no charset declared and not UTF-8: read as windows-1252")
	case name == "utf-8" && valid:
		return &Decoded{Page: page, Charset: "utf-8"}, nil
	case name == "utf-8":
		bad, high := invalidUTF8(page)
		if bad*4 < high { // mostly valid: a few stray bytes in a UTF-8 page
			return &Decoded{Page: []byte(strings.ToValidUTF8(string(page), "\ufffd")), Charset: "utf-8",
				Note: fmt.Sprintf("%d invalid UTF-8 sequences replaced by U+FFFD", bad), Changed: true}, nil
		}
		return decodeWith(page, charmap.Windows1252, "windows-1252", fmt.Sprintf("%s says utf-8 but the bytes are not: read as windows-1252", from))
	case valid && hasMultibyte(page) && !strings.HasPrefix(name, "utf-16"):
		return &Decoded{Page: page, Charset: "utf-8", Note: fmt.Sprintf("%s says %s but the bytes are UTF-8: read as UTF-8", from, name)}, nil
	}
	return decodeWith(page, enc, name, "")
}

func decodeWith(page []byte, enc encoding.Encoding, name, note string) (*Decoded, error) {
	out, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return &Decoded{Page: out, Charset: name, Note: note, Changed: true}, nil
}

func bomEncoding(page []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(page, []byte{0xef, 0xbb, 0xbf}):
		return unicode.UTF8BOM, "utf-8"
	case bytes.HasPrefix(page, []byte{0xfe, 0xff}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(page, []byte{0xff, 0xfe}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	}
	return nil, ""
}

// declaredCharset returns the charset label the header or the page
// declares, and where it was found.
func declaredCharset(page []byte, contentType string) (label, from string) {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		return params["charset"], "the Content-Type header"
	}
	z := html.NewTokenizer(bytes.NewReader(page[:min(len(page), metaScanBytes)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return "", ""
			case "meta":
			default:
				continue
			}
			var cs, httpEquiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					httpEquiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
			}
			if cs = strings.TrimSpace(cs); cs != "" {
				return cs, "<meta charset>"
			}
			if httpEquiv == "content-type" {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"], "<meta http-equiv=Content-Type>"
				}
			}
		}
	}
}

// invalidUTF8 counts the invalid UTF-8 sequences of b and its bytes >= 0x80.
func invalidUTF8(b []byte) (bad, high int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
			high++
			i++
			continue
		}
		high += n
		i += n
	}
	return bad, high
}

func hasMultibyte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}
