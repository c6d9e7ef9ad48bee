// Package article holds one news article as read from a file: its original
// bytes, its metadata (title, date, credit, url, publisher), and a cleaned view
// in which boilerplate is blanked out without moving any byte, so that every
// offset computed on the cleaned view points into the original input.
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

	Text  string `json:"-"`
	Clean string `json:"-"`
}

// Slice returns the Span [start, end) of a's original text.
func (a *Article) Slice(start, end int) Span {
	return Span{Start: start, End: end, Text: a.Text[start:end]}
}
