// Package webpage finds the article in a web page. It sits at the start of
// the flow, inside the article stage (article -> ner -> quote -> graph ->
// loader): package article calls Extract for every HTML page it reads (a
// file, a WARC record, a fetched URL) and builds its cleaned view from the
// result.
//
// The article text is chosen by go-trafilatura
// (github.com/markusmobius/go-trafilatura, a Go port of trafilatura, the
// best open-source extractor on the Scrapinghub article-extraction
// benchmark), with its readability and dom-distiller fallbacks. The
// extractor returns a new tree, not positions in the page, so Extract aligns
// the extracted text back onto the page's text nodes (see align.go) and
// returns the byte ranges of the page that hold it: every later offset still
// points into the page as read.
//
// Metadata (title, author, publication date, publisher, canonical URL) come
// from the page's <meta> tags, OpenGraph and JSON-LD, as go-trafilatura
// reads them.
package webpage

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"sort"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// Options configure Extract.
type Options struct {
	// URL is where the page came from, if known; it resolves a relative
	// canonical link.
	URL string
	// NoFallback turns off go-trafilatura's second opinions (readability and
	// dom-distiller): a third faster, slightly worse on hard pages.
	NoFallback bool
	// MaxElements bounds the elements (start tags) of a page given to the
	// extractor; a larger page gets ErrTooComplex. Zero means
	// DefaultMaxElements.
	MaxElements int
}

// Meta is what the page says about itself.
type Meta struct {
	Title       string
	Author      string
	Published   string // YYYY-MM-DD, "" when unknown
	Publisher   string // site name
	URL         string // canonical URL
	Description string
	Language    string
}

// Result is the article found in a page.
type Result struct {
	// Kept are the byte ranges [start, end) of the page that hold the
	// article's text, in page order, not overlapping. Only text bytes are
	// kept (never markup); a character reference is kept whole ("&amp;").
	Kept [][2]int
	// Breaks are page offsets where a paragraph of the article ends: each is
	// the first byte of markup or whitespace between two kept ranges.
	Breaks []int
	Meta   Meta
	// Extracted and Matched count the non-space bytes of the extractor's
	// text and how many of them were found in the page.
	Extracted, Matched int
}

// ErrNoArticle says the extractor found no text in the page.
var ErrNoArticle = errors.New("no article text found")

// ErrTooComplex says the page has more elements than Options.MaxElements.
var ErrTooComplex = errors.New("too many elements for the extractor")

// DefaultMaxElements is Options.MaxElements when it is zero: 12 times the
// largest page of the article-extraction benchmark (1,587). go-trafilatura
// takes time that grows faster than the page (about 3 s of CPU for 16,000
// elements, and minutes for a 10 MB page of paragraphs).
const DefaultMaxElements = 20_000

// Extract finds the article in page, which must be UTF-8 (see Decode).
func Extract(page []byte, opts Options) (*Result, error) {
	topts := trafilatura.Options{
		EnableFallback:  !opts.NoFallback,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if opts.URL != "" {
		if u, err := url.Parse(opts.URL); err == nil && u.IsAbs() {
			topts.OriginalURL = u
		}
	}
	ps := buildPageStream(page, false)
	maxEl := opts.MaxElements
	if maxEl <= 0 {
		maxEl = DefaultMaxElements
	}
	if ps.elements > maxEl {
		return nil, fmt.Errorf("%w: %d elements, more than %d", ErrTooComplex, ps.elements, maxEl)
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	tr, err := extractDocument(doc, topts)
	if err != nil {
		return nil, err
	}
	res := &Result{Meta: metaOf(tr.Metadata)}
	if tr.ContentNode == nil {
		return res, ErrNoArticle
	}
	ex := buildExtracted(tr.ContentNode)
	res.Extracted = len(ex.s)
	if len(ex.s) == 0 {
		return res, ErrNoArticle
	}
	ms := align(ex, ps)
	res.Matched = matchedBytes(ms)
	if res.Matched*2 < res.Extracted {
		// Most of the text is not in the page's text nodes: the extractor
		// may have taken a JSON-LD articleBody. Look there too.
		ps2 := buildPageStream(page, true)
		if ms2 := align(ex, ps2); matchedBytes(ms2) > res.Matched {
			ps, ms, res.Matched = ps2, ms2, matchedBytes(ms2)
		}
	}
	res.Kept, res.Breaks = keptRanges(ex, ps, ms, page)
	return res, nil
}

// extractDocument runs go-trafilatura, turning its panics (it indexes
// freely into the trees of odd pages) into errors.
func extractDocument(doc *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("trafilatura: %v", p)
		}
	}()
	res, err = trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return nil, fmt.Errorf("trafilatura: %w", err)
	}
	return res, nil
}

func metaOf(m trafilatura.Metadata) Meta {
	out := Meta{
		Title:       foldSpace(m.Title),
		Author:      foldSpace(m.Author),
		Publisher:   foldSpace(m.Sitename),
		URL:         m.URL,
		Description: foldSpace(m.Description),
		Language:    m.Language,
	}
	if !m.Date.IsZero() {
		out.Published = m.Date.Format("2006-01-02")
	}
	return out
}

// breakAt returns where in gap (the bytes between two paragraphs) a break
// goes: on its first tag, else on its first whitespace; -1 when it has
// neither (two strings of a JSON-LD script joined by an escape).
func breakAt(gap []byte) int {
	if k := bytes.IndexByte(gap, '<'); k >= 0 {
		return k
	}
	return bytes.IndexAny(gap, " \t\r\n")
}

// keptRanges turns the matches into raw page ranges and paragraph breaks.
func keptRanges(ex *extracted, ps *pageStream, ms []match, page []byte) ([][2]int, []int) {
	var kept [][2]int
	for _, m := range ms {
		ps.each(m.sp, m.sp+m.n, func(s, e int) {
			kept = append(kept, [2]int{s, e})
		})
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i][0] < kept[j][0] })
	merged := kept[:0]
	for _, k := range kept {
		if n := len(merged); n > 0 && k[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], k[1])
			continue
		}
		merged = append(merged, k)
	}
	kept = merged

	// A block of the extracted text starting at stream offset b breaks the
	// paragraph between the page bytes of ex.s[b-1] and ex.s[b], when both
	// were matched and the page has markup or whitespace between them.
	var breaks []int
	mi := 0
	for _, b := range ex.blocks {
		if b == 0 || b >= len(ex.s) {
			continue
		}
		for mi < len(ms) && ms[mi].se+ms[mi].n < b {
			mi++
		}
		if mi >= len(ms) {
			break
		}
		m := ms[mi]
		// ex.s[b-1] must be the last byte of m and ex.s[b] the first byte of the next run, or both inside m.
		var prevSP, nextSP int
		switch {
		case b > m.se && b < m.se+m.n:
			prevSP, nextSP = m.sp+b-1-m.se, m.sp+b-m.se
		case b == m.se+m.n && mi+1 < len(ms) && ms[mi+1].se == b:
			prevSP, nextSP = m.sp+m.n-1, ms[mi+1].sp
		default:
			continue
		}
		_, prevEnd := ps.rawAt(prevSP)
		nextStart, _ := ps.rawAt(nextSP)
		if prevEnd < 0 || nextStart <= prevEnd {
			continue
		}
		if at := breakAt(page[prevEnd:nextStart]); at >= 0 {
			breaks = append(breaks, prevEnd+at)
		}
	}
	sort.Ints(breaks)
	return kept, breaks
}
