package article

import (
	"bytes"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// These are the package's own rules for HTML, used when package webpage
// finds no article in a page or the page is too large for it (see page.go).
// HTML is read with the golang.org/x/net/html tokenizer, which gives the raw
// bytes of every token (z.Raw), so each token's position in the input is
// known. We keep the text of the main container (an element with
// itemprop="articleBody", else the <article> with the most paragraph text,
// else <main>, else <body>), drop elements that are never article text
// (script, style, nav, header, footer, aside, figure, forms, ...) and
// elements whose class or id names boilerplate (share, related, promo,
// caption, ...), and then run the same block classifier as for text.
//
// In Clean every tag, comment and doctype is blanked, and the first bytes of
// block-level tags (<p>, <div>, <h1>, <li>, <br>, ...) become "\n\n" so that
// later stages see paragraph breaks; newlines of the input stay newlines.
// Character references stay as they are in Text ("AT&amp;T"), except
// no-break and zero-width spaces (&nbsp;, &#160;, ...), which are blanked.

var (
	skipElements = map[string]bool{
		"script": true, "style": true, "noscript": true, "template": true, "svg": true, "math": true,
		"head": true, "nav": true, "header": true, "footer": true, "aside": true, "form": true,
		"iframe": true, "button": true, "select": true, "textarea": true, "figure": true,
		"figcaption": true, "picture": true, "video": true, "audio": true, "canvas": true,
		"object": true, "embed": true, "dialog": true, "menu": true, "title": true,
	}
	blockElements = map[string]bool{
		"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"li": true, "ul": true, "ol": true, "br": true, "hr": true, "section": true, "article": true,
		"main": true, "blockquote": true, "tr": true, "td": true, "th": true, "table": true, "pre": true,
		"dd": true, "dt": true, "dl": true, "header": true, "footer": true, "figure": true, "body": true,
		"address": true, "center": true, "summary": true, "details": true,
	}
	containerElements = map[string]bool{"html": true, "body": true, "main": true, "article": true}
	voidElements      = map[string]bool{
		"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
		"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
	}
	// reBoilerClass names boilerplate in class and id values; reLayoutClass
	// names page furniture that is only dropped inside the main container (a
	// wrapper div called "layout-with-sidebar" may hold the whole article).
	reBoilerClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:share|sharing|social|related|promo|advert|ads|advertisement|newsletter|breadcrumbs?|caption|comments?|cookie|subscribe|subscription|outbrain|taboola|recommended|most-read|sponsored|sr-only|visually-hidden)(?:$|[\s_-])`)
	reLayoutClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:ad|sidebar|menu|navbar|nav|footer|toolbar|popup|modal|banner|trending|tags|byline|author|dateline|timestamp|meta|hidden)(?:$|[\s_-])`)
	reSpaceEntity = regexp.MustCompile(`&(?:nbsp|ensp|emsp|thinsp|zwsp|ZeroWidthSpace|NonBreakingSpace|#160|#xa0|#xA0|#8203|#x200b|#x200B|#8239|#x202f);?`)
)

type container struct {
	kind       int // 3 articleBody, 2 article, 1 main
	start, end int
	textLen    int
}

// parseHTMLRules builds an Article from an HTML page with the package's own
// rules: the fallback of parseHTML when the extractor finds nothing.
func parseHTMLRules(source string, data []byte) *Article {
	a, base, c := blankPage(source, data)

	h, box := scanHTML(data)

	// Second pass: copy the kept text into c and note block boundaries.
	type open struct {
		name string
		skip bool
	}
	var stack []open
	skipDepth := 0
	var blocks [][2]int
	blockStart := -1
	endBlock := func(at int) {
		if blockStart >= 0 && at > blockStart {
			blocks = append(blocks, [2]int{blockStart, at})
		}
		blockStart = -1
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	pos := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		start, end := pos, pos+len(raw)
		pos = end
		if end > len(data) {
			break
		}
		inBox := start >= box[0] && end <= box[1]
		switch tt {
		case html.TextToken:
			if skipDepth > 0 || !inBox || len(stack) > 0 && stack[len(stack)-1].skip {
				continue
			}
			copy(c[start:end], base[start:end])
			for _, loc := range reSpaceEntity.FindAllIndex(raw, -1) {
				blank(c, start+loc[0], start+loc[1])
			}
			if blockStart < 0 {
				blockStart = start
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			n := string(name)
			if blockElements[n] {
				endBlock(start)
				markBreak(c, start, end)
			}
			if tt == html.SelfClosingTagToken || voidElements[n] {
				continue
			}
			skip := skipElements[n]
			if !skip && hasAttr && !containerElements[n] {
				skip = boilerAttrs(z, inBox && box != [2]int{0, len(data)})
			}
			stack = append(stack, open{n, skip})
			if skip {
				skipDepth++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if blockElements[n] {
				endBlock(start)
				markBreak(c, start, end)
			}
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name == n {
					for _, o := range stack[i:] {
						if o.skip {
							skipDepth--
						}
					}
					stack = stack[:i]
					break
				}
			}
		}
	}
	endBlock(len(data))

	// Classify the blocks as the text reader classifies lines.
	lines := make([]textLine, 0, len(blocks))
	for _, b := range blocks {
		lines = append(lines, blockLine(c, b[0], b[1]))
	}
	m := classifyBlank(c, lines, h)
	a.Clean = string(c)
	m.apply(a, h)
	return a
}

// blockLine is the classifier's line for the block c[start:end] of a page's
// cleaned view (character references decoded in its plain text).
func blockLine(c []byte, start, end int) textLine {
	l := textLine{start: start, end: end, raw: string(c[start:end])}
	l.trim = strings.TrimFunc(l.raw, isSpaceOrNBSP)
	l.plain = collapse(html.UnescapeString(l.trim))
	l.words = len(strings.Fields(l.plain))
	if !hasWord(l.plain) {
		l.kind = kBlank
	}
	return l
}

// classifyBlank classifies the lines of a page and blanks in c every line
// that is not body text (titles, bylines, dates, captions, ...).
func classifyBlank(c []byte, lines []textLine, h hints) *meta {
	m := classify(lines, h)
	for _, l := range lines {
		if l.kind != kBody && l.kind != kBlank {
			blank(c, l.start, l.end)
		}
	}
	return m
}

// blankPage starts the Article of an HTML page: base is its text with
// control characters and odd spaces blanked (newClean), c the same all
// blanked but for newlines, for the kept text to be copied into.
func blankPage(source string, data []byte) (a *Article, base, c []byte) {
	a = &Article{Source: source, Text: string(data), html: true}
	base = newClean(a.Text)
	c = make([]byte, len(base))
	copy(c, base)
	blank(c, 0, len(c))
	return a, base, c
}

// markBreak turns the first bytes of a block-level tag into newlines in c.
func markBreak(c []byte, start, end int) {
	for i := start; i < end && i < start+2; i++ {
		c[i] = '\n'
	}
}

// boilerAttrs reports whether the current tag's class, id or role names
// boilerplate, or the element is hidden.
func boilerAttrs(z *html.Tokenizer, layout bool) bool {
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "class", "id":
			if reBoilerClass.Match(v) || layout && reLayoutClass.Match(v) {
				return true
			}
		case "role":
			switch string(v) {
			case "navigation", "banner", "contentinfo", "complementary", "search", "dialog":
				return true
			}
		case "hidden", "aria-hidden":
			if string(k) == "hidden" || string(v) == "true" {
				return true
			}
		}
		if !more {
			return false
		}
	}
}

// scanHTML reads the page's metadata (title, meta tags, canonical link) and
// finds the byte range of the main content container.
func scanHTML(data []byte) (hints, [2]int) {
	var h hints
	var ogTitle, titleTag, h1, metaDate, timeDate string
	var cands []container
	type openC struct {
		name  string
		kind  int
		start int
		text  int
	}
	var open []openC
	inTitle, inH1, inP := false, false, 0
	z := html.NewTokenizer(bytes.NewReader(data))
	pos := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		start, end := pos, pos+len(raw)
		pos = end
		switch tt {
		case html.TextToken:
			if inTitle {
				titleTag += string(raw)
			}
			if inH1 {
				h1 += string(raw)
			}
			if inP > 0 {
				for i := range open {
					open[i].text += len(bytes.TrimSpace(raw))
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			n := string(name)
			attrs := map[string]string{}
			for hasAttr {
				k, v, more := z.TagAttr()
				attrs[string(k)] = string(v)
				hasAttr = more
			}
			switch n {
			case "title":
				inTitle = tt == html.StartTagToken
			case "h1":
				inH1 = tt == html.StartTagToken && h1 == ""
			case "p":
				inP++
			case "meta":
				key := strings.ToLower(first(attrs["property"], attrs["name"], attrs["itemprop"]))
				val := strings.TrimSpace(html.UnescapeString(attrs["content"]))
				switch key {
				case "og:title", "twitter:title":
					ogTitle = first(ogTitle, val)
				case "og:site_name", "application-name", "publisher":
					h.publisher = first(h.publisher, val)
				case "article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date":
					metaDate = first(metaDate, val)
				case "author", "article:author", "byl", "dc.creator", "parsely-author":
					if !strings.Contains(val, "://") {
						h.byline = first(h.byline, strings.TrimPrefix(strings.TrimPrefix(val, "By "), "by "))
					}
				case "og:url":
					h.url = first(h.url, val)
				}
			case "link":
				if strings.EqualFold(attrs["rel"], "canonical") && attrs["href"] != "" {
					h.url = first(attrs["href"], h.url)
				}
			case "time":
				timeDate = first(timeDate, attrs["datetime"])
			}
			kind := 0
			switch {
			case strings.EqualFold(attrs["itemprop"], "articleBody"):
				kind = 3
			case n == "article":
				kind = 2
			case n == "main" || strings.EqualFold(attrs["role"], "main"):
				kind = 1
			}
			if tt == html.StartTagToken && !voidElements[n] {
				open = append(open, openC{name: n, kind: kind, start: start})
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			switch n {
			case "title":
				inTitle = false
			case "h1":
				inH1 = false
			case "p":
				if inP > 0 {
					inP--
				}
			}
			for i := len(open) - 1; i >= 0; i-- {
				if open[i].name == n {
					for _, o := range open[i:] {
						if o.kind > 0 {
							cands = append(cands, container{kind: o.kind, start: o.start, end: end, textLen: o.text})
						}
					}
					open = open[:i]
					break
				}
			}
		}
	}
	for _, o := range open { // unclosed containers run to the end
		if o.kind > 0 {
			cands = append(cands, container{kind: o.kind, start: o.start, end: len(data), textLen: o.text})
		}
	}
	box := [2]int{0, len(data)}
	best := container{}
	for _, cd := range cands {
		if cd.textLen == 0 && cd.kind < 3 {
			continue
		}
		if cd.kind > best.kind || cd.kind == best.kind && cd.textLen > best.textLen {
			best = cd
		}
	}
	if best.kind > 0 {
		box = [2]int{best.start, best.end}
	}
	h.title = cleanTitle(first(ogTitle, collapse(html.UnescapeString(h1)), collapse(html.UnescapeString(titleTag))), h.publisher)
	h.published = normDate(first(metaDate, timeDate))
	if h.publisher == "" {
		h.publisher = publisherFromHost(hostOf(h.url))
	}
	if !strings.Contains(h.url, "://") {
		h.url = ""
	}
	h.noTitleFromText = true
	return h, box
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// cleanTitle removes a " | Site" or " - Site" suffix naming the publisher.
func cleanTitle(t, site string) string {
	t = collapse(t)
	if site == "" {
		return t
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: "} {
		if i := strings.LastIndex(t, sep); i > 0 && strings.EqualFold(strings.TrimSpace(t[i+len(sep):]), site) {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}
