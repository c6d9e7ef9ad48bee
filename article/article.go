// Package article holds one news article as read from a file: its original
// bytes, its metadata (title, date, credit, url, publisher), and a cleaned view
// in which boilerplate is blanked out without moving any byte, so that every
// offset computed on the cleaned view points into the original input.
//
// # Reading
//
// Read streams articles from files, directories and stdin ("-"): .txt and
// .md (plain text or Markdown), .html/.htm, .jsonl (one JSON object per
// line with a "text" or "body" field and optional "title", "url",
// "published" or "date", "id", "byline"/"author", "credit", "publisher"),
// each optionally gzipped, and .warc/.warc.gz web archives (package warc:
// one article per HTML page, Source "ARCHIVE@OFFSET", the record's URI and
// date the fallback URL and date; a broken record is an error naming the
// archive and its offset, and a truncated archive ends with one). Directories are walked recursively in lexical
// order; hidden files and directories are skipped, other file types are
// reported (ErrUnsupported). One article, or one JSON line, is in memory at a
// time. Parse makes one article from bytes.
//
// Inputs that cannot be used come back as *InputError values naming the file
// (and JSON Lines line) and the reason, one per input, and reading goes on:
// ErrEmpty, ErrBinary (NUL bytes, or mostly control characters),
// ErrInvalidUTF8, ErrTooLarge (Options.MaxBytes, default 10 MiB, per file or
// per JSON line), ErrMalformed (bad JSON), ErrNoText (no text field, or
// nothing left after removing markup, boilerplate and metadata: an HTML page
// of scripts, a page with fewer than 10 words of text, a file with only a
// title and a byline).
//
// # Web pages
//
// The article in an HTML page is found by package webpage (go-trafilatura,
// whose text is aligned back onto the page's text nodes); when it finds
// none, or the page has more elements than it can take in reasonable time
// (webpage.DefaultMaxElements), the package's own rules are used (html.go).
// Title, author, date, publisher and canonical URL come from the page's
// <meta> tags, OpenGraph and JSON-LD before the text. ParsePage takes a page
// with what came with it (URL, Content-Type, a fallback date): WARC records
// and fetched URLs.
//
// # Offsets
//
// Text is the input exactly as read, and all offsets (Span, and every later
// stage's start/end) index it. For a JSON Lines record, Text is the decoded
// "text" (or "body") field, so offsets are into that string, not into the raw
// line. An HTML page that is not UTF-8 (windows-1252, ISO-8859-x,
// Shift_JIS, UTF-16... as its Content-Type header, byte order mark or <meta
// charset> says, or as its bytes show) is decoded to UTF-8 first: Text is
// then the decoded page, offsets index that, and Charset names the encoding
// it came in (a page with a few invalid UTF-8 bytes has them replaced by
// U+FFFD, and Charset "utf-8"). Other files that are not valid UTF-8 are
// rejected rather than decoded leniently (convert them with iconv first).
// encoding/json already replaces invalid UTF-8 inside JSON strings with
// U+FFFD.
//
// # Clean
//
// Clean has the length of Text. Every newline of Text is a newline in Clean;
// every other byte is either the byte of Text or an ASCII space (and, in
// HTML only, a newline on the markup or whitespace between two paragraphs,
// so paragraphs stay apart). Blanked are: control characters, the byte order mark, no-break and
// zero-width spaces; metadata lines (title, byline, date lines); boilerplate
// lines (photo captions and credits, app and site promotions,
// "Advertisement", navigation crumbs, related-article links, "Highlights"
// boxes, agency taglines such as "REUTER", "Original url:" footers and bare
// URL lines, a paragraph repeated later in the text (a teaser: the later copy
// is kept)); and Markdown markup inside body lines ("#" and list markers,
// "**", the brackets and target of "[text](url)", autolinks). Section
// headings stay as body text. In HTML, tags, comments, scripts, styles, and
// elements that are never article text (nav, header, footer, aside, figure,
// forms, and elements whose class or id says share, related, promo, caption,
// ...) are blanked; character references stay as they are in Text
// ("&amp;"), except space entities (&nbsp;), which are blanked.
//
// The rules are general line classifiers, not site-specific strings; see
// text.go. Measured on Reuters-21578 and BBC News, which hold no boilerplate
// besides Reuters' sign-off, they blank fewer than 0.01% of body lines.
//
// # Identity
//
// ID is the sha256 (hex) of Clean with whitespace folded, so copies of one
// article that differ only in boilerplate or whitespace share it.
// Fingerprint (SimHash) and MinHash find near-duplicates: the same wire story
// in several outlets.
package article

// Span is a half-open byte range [Start, End) into an article's Text, with the
// bytes it covers. For every Span s of article a, a.Text[s.Start:s.End] == s.Text.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Article is one news article.
//
// Text is the input exactly as read (for a .jsonl line, the decoded "text"
// field). Clean has the same length as Text: boilerplate, metadata lines and
// markup are replaced byte for byte by spaces (newlines are kept), so the
// later stages run on Clean and report offsets that slice Text.
type Article struct {
	ID        string `json:"id"`     // sha256 hex of the cleaned body text (whitespace folded)
	Source    string `json:"source"` // path or url as given; "file.jsonl:LINE" for JSON Lines
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD where known
	Credit    string `json:"credit,omitempty"`    // wire agency: AFP, AP, Reuters ...
	Byline    string `json:"byline,omitempty"`
	Publisher string `json:"publisher,omitempty"`

	// Added by the article package (extensions, not in the first contract):
	PageDate   string `json:"page_date,omitempty"`   // a page/print date that is not the article's own date
	ExternalID string `json:"external_id,omitempty"` // the "id" field of a JSON Lines record, as given
	// Charset is set when a web page was not UTF-8 as read: the encoding it
	// was decoded from ("windows-1252"); Text is then the page in UTF-8.
	Charset string `json:"charset,omitempty"`

	Text  string `json:"-"`
	Clean string `json:"-"`

	html        bool   // read from a web page: Text holds markup and character references
	charsetNote string // why a web page's declared charset was not used (Read logs it)
}

// Slice returns the Span [start, end) of a's original text.
func (a *Article) Slice(start, end int) Span {
	return Span{Start: start, End: end, Text: a.Text[start:end]}
}
