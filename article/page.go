package article

import (
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/webpage"
)

// Page is a web page and what came with it: a file, a WARC record, an HTTP
// response.
type Page struct {
	Source      string // names the page in Article.Source and in errors
	URL         string // where it was fetched from: Article.URL when the page names no canonical URL
	ContentType string // the Content-Type header, for its charset; "" if none
	Date        string // YYYY-MM-DD: Article.Published when the page gives no date (a WARC record's date)
	Body        []byte
}

// ParsePage makes one article from an HTML page. The page is decoded to
// UTF-8 first (webpage.Decode: Content-Type header, <meta charset>, or what
// the bytes are); Article.Text is then the decoded page and Article.Charset
// names the encoding it was decoded from. Errors are *InputError values.
func ParsePage(p Page) (*Article, error) {
	d, err := webpage.Decode(p.Body, p.ContentType)
	if err != nil {
		return nil, &InputError{Source: p.Source, Err: err}
	}
	if err := checkBytes(d.Page, FormatHTML); err != nil {
		return nil, &InputError{Source: p.Source, Err: err}
	}
	a := parseHTML(p.Source, d.Page, p.URL)
	a.charsetNote = d.Note
	if d.Changed {
		a.Charset = d.Charset
	}
	if a.URL == "" && strings.Contains(p.URL, "://") {
		a.URL = p.URL
		if a.Publisher == "" {
			a.Publisher = publisherFromHost(hostOf(a.URL))
		}
	}
	if a.Published == "" {
		a.Published = normDate(p.Date)
	}
	a, err = finish(a)
	if err != nil {
		return nil, err
	}
	if n := countWords(a.Clean); n < minPageWords {
		return nil, &InputError{Source: p.Source, Err: fmt.Errorf("%w: the page has %d words of text outside markup and boilerplate, fewer than an article's %d", ErrNoText, n, minPageWords)}
	}
	return a, nil
}

// parseHTML builds an Article from an HTML page (UTF-8). The article text is
// what package webpage finds (go-trafilatura, aligned back onto the page);
// when it finds no text, the package's own rules (parseHTMLRules) are tried.
// Metadata come from the page's meta tags, OpenGraph and JSON-LD, then from
// the text.
func parseHTML(source string, data []byte, pageURL string) *Article {
	res, err := webpage.Extract(data, webpage.Options{URL: pageURL})
	if err == nil && len(res.Kept) > 0 {
		if a := articleOf(source, data, res); countWords(a.Clean) >= minPageWords {
			return a
		}
	}
	a := parseHTMLRules(source, data)
	if res != nil {
		applyPageMeta(a, res.Meta)
	}
	return a
}

// minPageWords is the fewest words of text a web page's article has; a page
// with fewer (a page of navigation, an error page) holds no article.
const minPageWords = 10

func countWords(s string) int {
	n := 0
	for f := range strings.FieldsSeq(s) {
		if hasWord(f) {
			n++
		}
	}
	return n
}

// articleOf builds the Article of page data from what webpage.Extract found.
func articleOf(source string, data []byte, res *webpage.Result) *Article {
	a, base, c := blankPage(source, data)
	for _, k := range res.Kept {
		copy(c[k[0]:k[1]], base[k[0]:k[1]])
	}
	for _, at := range res.Breaks {
		for i := at; i < at+2 && i < len(c) && c[i] == ' '; i++ {
			c[i] = '\n'
		}
	}
	h, _ := scanHTML(data)
	if t := cleanTitle(res.Meta.Title, res.Meta.Publisher); t != "" {
		h.title = t
	}
	m := classifyBlank(c, pageLines(c, res), h)
	a.Clean = string(c)
	m.apply(a, h)
	applyPageMeta(a, res.Meta)
	return a
}

// pageLines groups the kept ranges into paragraphs (split at the breaks)
// for the line classifier, which blanks titles, bylines, date lines,
// captions and the like that the extractor kept.
func pageLines(c []byte, res *webpage.Result) []textLine {
	var lines []textLine
	bi := 0
	start, end := -1, -1
	flush := func() {
		if start < 0 {
			return
		}
		lines = append(lines, blockLine(c, start, end))
		start = -1
	}
	for _, k := range res.Kept {
		brk := false
		for bi < len(res.Breaks) && res.Breaks[bi] < k[0] {
			brk = true
			bi++
		}
		if brk {
			flush()
		}
		if start < 0 {
			start = k[0]
		}
		end = k[1]
	}
	flush()
	return lines
}

// applyPageMeta sets what the page says about itself over what was guessed.
func applyPageMeta(a *Article, m webpage.Meta) {
	set := func(dst *string, v string) {
		if v = collapse(v); v != "" {
			*dst = v
		}
	}
	set(&a.Title, cleanTitle(m.Title, m.Publisher))
	if m.Author != "" && !strings.Contains(m.Author, "://") {
		set(&a.Byline, m.Author)
	}
	set(&a.Published, m.Published)
	set(&a.Publisher, m.Publisher)
	if strings.Contains(m.URL, "://") {
		set(&a.URL, m.URL)
	}
	if a.Credit == "" {
		a.Credit = agencyIn(a.Byline)
	}
}
