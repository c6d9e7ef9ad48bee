package article

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The text cleaner works line by line. Each line is classified by small,
// general rules (no seed-specific strings): date lines, bylines, captions and
// photo credits, promotions, advertisement markers, related-article links,
// navigation crumbs, highlight boxes, agency taglines, URL footers, and
// paragraphs repeated later in the text (teasers). Lines that are not body are
// blanked whole; in body lines, Markdown markup is blanked.

type lineKind uint8

const (
	kBody lineKind = iota
	kBlank
	kTitle
	kByline
	kDate
	kBoiler
)

type textLine struct {
	start, end int    // byte range of the line in Text, without the newline
	raw        string // Text[start:end]
	trim       string // raw without surrounding whitespace (incl. U+00A0)
	plain      string // trim with Markdown markup removed, for matching
	words      int
	list       bool // starts with a list marker (-, *, •, 1.)
	heading    bool // starts with a Markdown '#' marker
	kind       lineKind
	why        string
}

var (
	reListMarker = regexp.MustCompile(`^(?:[-*+•·▪►]|\d{1,2}[.)])\s+`)
	reHeadMarker = regexp.MustCompile(`^#{1,6}\s+`)
	reMdLink     = regexp.MustCompile(`!?\[([^\[\]]*)\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)\)`)
	reAutoLink   = regexp.MustCompile(`<(https?://[^<>\s]+)>`)
	reBold       = regexp.MustCompile(`\*\*|__`)
	reURLOnly    = regexp.MustCompile(`^<?(?:https?://|www\.)[^\s<>]+>?$`)
	reURLLabel   = regexp.MustCompile(`(?i)^(?:original|source|canonical|article|story)?\s*(?:url|link|source)\s*:\s*(\S*)$`)

	reAdvert        = regexp.MustCompile(`(?i)^(?:advertisement|advertisment|advert|ads?|sponsored(?: content| links?)?|paid (?:content|post)|story continues below(?: advertisement)?|continue reading(?: below| the main story)?|scroll (?:down )?to continue(?: with content)?|article continues below|skip advert(?:isement)?)$`)
	rePromo         = regexp.MustCompile(`(?i)\b(?:(?:android|ios|iphone|mobile) app\b|get it on google play|download on the app store|available on the app store|(?:download|install|get) (?:the|our) .{0,40}\bapp\b|subscribe (?:to|for) (?:our|the) (?:newsletter|channel|podcast|daily)|subscribe (?:now|today|here)\b|sign up (?:for|to) (?:our|the) (?:daily )?(?:newsletter|alerts)|follow us on\b|join (?:us|our) on\b|(?:whatsapp|telegram|youtube) channel\b|read all the (?:latest|breaking)\b|breaking news live\b|get (?:the )?latest\b.{0,40}\bnews\b|click here\b|share (?:this|on) (?:article|story|facebook|twitter|whatsapp)\b|all rights reserved\b|stay tuned with\b)`)
	reRelated       = regexp.MustCompile(`(?i)^(?:related(?: articles?| stories| story| news| content| coverage| reading| links?)?|also read|read also|read more|see also|more on this|more from|recommended(?: for you)?|trending(?: now)?|must read|don't miss|you may (?:also )?like|watch|listen)\s*[:|–—-]`)
	reCaptionLabel  = regexp.MustCompile(`(?i)^(?:caption|image source|image credits?|images?|photo(?:graph)?s?|pictures?|pic|photo credits?|credits?|file photo|representational image|source image)\s*(?:\([^)]*\))?\s*[:：|]`)
	reCaptionBold   = regexp.MustCompile(`\S.*\s\*\*[^*]{2,100}\*\*\s*$`)
	rePhotoCredit   = regexp.MustCompile(`(?i)(?:getty images|shutterstock|\b(?:afp|ap|reuters|epa|pool|tass|sputnik|anadolu|xinhua)\s*/|/\s*(?:afp|ap|reuters|epa|pool|tass|sputnik|getty|file)\b|\(photo\b|\bphoto:|\bfile photo\b)`)
	reCrumbAnchor   = regexp.MustCompile(`(?i)^(?:you are (?:at|here)|breadcrumbs?|home)\s*:?$`)
	reCrumbSep      = regexp.MustCompile(`^[^.!?]{1,40}(?:\s(?:>|»|›|/|\|)\s[^.!?]{1,40}){2,}$`)
	reHighlights    = regexp.MustCompile(`(?i)^(?:highlights|key highlights|story highlights|key points|key takeaways|at a glance|in brief|in short|tl;?dr|top points|what we know)\s*:?$`)
	reTagline       = regexp.MustCompile(`(?i)(?:news agency\W*$|contributed (?:to )?(?:this )?report|©|\(c\)|copyright|all rights reserved|inputs? from|wire service\W*$)`)
	reTaglineStrong = regexp.MustCompile(`(?i)(?:contributed (?:to )?(?:this )?report|©|\(c\)|copyright|all rights reserved|inputs? from)`)
	reAgencyFiller  = regexp.MustCompile(`(?i)\b(?:with|inputs?|from|additional|and|agencies)\b`)
	reByline        = regexp.MustCompile(`^(?:By|BY)\s+(?:\[|[\p{Lu}])`)
	reBylineLabel   = regexp.MustCompile(`(?i)\b(?:edited|written|reported|compiled|posted|produced|curated)\s+by\s*:?\s*|\b(?:author|authors|reporter|correspondent)\s*:\s*`)
	reBylineStop    = regexp.MustCompile(`(?i)\s*(?:\||\b(?:updated|published|posted|last updated|first published)\b(?:\s+on)?\s*:?).*$`)
	reReutersFoot   = regexp.MustCompile(`(?i)^\(?(?:reporting|writing|editing|additional reporting) by\b.*\)?$`)
	rePromoName     = regexp.MustCompile(`(?i)\bstay tuned with\s+(.{2,40}?)\s+(?:android |ios |iphone |mobile )?app\b|\b(?:download|install|get) the\s+(.{2,40}?)\s+app\b`)
	rePromoHost     = regexp.MustCompile(`(?i)\b(?:on|at|visit|from)\s+((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|tv|news|co\.uk|co\.in|in|uk|ru|ua|pk|au|ca|io))\b`)
)

// parseText builds an Article from plain text or Markdown.
func parseText(source, text string, h hints) *Article {
	a := &Article{Source: source, Text: text}
	c := newClean(text)
	lines := splitLines(text)
	h = frontMatter(lines, h)
	m := classify(lines, h)
	for i := range lines {
		l := &lines[i]
		switch l.kind {
		case kBody:
			blankMarkup(c, l)
		default:
			blank(c, l.start, l.end)
		}
	}
	a.Clean = string(c)
	m.apply(a, h)
	return a
}

func splitLines(text string) []textLine {
	var out []textLine
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		l := textLine{start: start, end: end, raw: text[start:end]}
		l.trim = strings.TrimFunc(l.raw, isSpaceOrNBSP)
		l.plain = plainOf(l.trim)
		l.words = len(strings.Fields(l.plain))
		l.list = reListMarker.MatchString(l.trim)
		l.heading = reHeadMarker.MatchString(l.trim)
		if l.plain == "" || !hasWord(l.plain) && len(l.plain) < 4 {
			l.kind = kBlank
		}
		out = append(out, l)
		if end == len(text) {
			break
		}
		start = end + 1
	}
	return out
}

func isSpaceOrNBSP(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff' || r == '\u200b'
}

// plainOf removes Markdown markup from one trimmed line.
func plainOf(s string) string {
	if !strings.ContainsAny(s, "#-*+•·▪►0123456789[<_") {
		return s
	}
	s = reHeadMarker.ReplaceAllString(s, "")
	s = reListMarker.ReplaceAllString(s, "")
	s = reMdLink.ReplaceAllString(s, "$1")
	s = reAutoLink.ReplaceAllString(s, "$1")
	s = reBold.ReplaceAllString(s, "")
	return strings.TrimFunc(s, isSpaceOrNBSP)
}

var reFrontKey = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*)$`)

// frontMatter reads a YAML front matter block ("---" lines around "key:
// value" lines at the top of a Markdown file), marks its lines as metadata
// and takes title, date, url, author and publisher from it.
func frontMatter(lines []textLine, h hints) hints {
	if len(lines) < 3 || strings.TrimSpace(lines[0].raw) != "---" {
		return h
	}
	end := -1
	for i := 1; i < len(lines) && i < 60; i++ {
		if t := strings.TrimSpace(lines[i].raw); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 || !reFrontKey.MatchString(strings.TrimSpace(lines[1].raw)) {
		return h
	}
	for i := 0; i <= end; i++ {
		lines[i].kind, lines[i].why = kDate, "front matter"
		mm := reFrontKey.FindStringSubmatch(strings.TrimSpace(lines[i].raw))
		if mm == nil {
			continue
		}
		v := strings.Trim(strings.TrimSpace(mm[2]), `"'`)
		switch strings.ToLower(mm[1]) {
		case "title", "headline":
			h.title = first(h.title, v)
		case "date", "published", "pubdate", "published_at":
			h.published = first(h.published, normDate(v))
		case "url", "link", "canonical", "canonical_url", "source_url":
			h.url = first(h.url, v)
		case "author", "byline", "authors":
			h.byline = first(h.byline, strings.Trim(v, "[]"))
		case "publisher", "site", "site_name":
			h.publisher = first(h.publisher, v)
		case "credit", "agency":
			h.credit = first(h.credit, v)
		}
	}
	return h
}

// meta collects what the classifier learned.
type meta struct {
	title     string
	byline    string
	credit    string // from a byline
	tagCredit string // from an agency tagline or dateline
	url       string
	publisher string // from a promo naming the site or app
	pubHost   string // a site host named in a promo
	date      [3]string
	pageDate  string
}

func (m *meta) apply(a *Article, h hints) {
	a.Title = first(h.title, m.title)
	a.URL = first(h.url, m.url)
	a.Byline = first(h.byline, m.byline)
	a.Credit = first(h.credit, m.credit, agencyIn(h.byline), m.tagCredit)
	pub := m.date[datePublished]
	if pub == "" {
		pub = m.date[dateUpdated]
	}
	if pub == "" {
		pub = m.date[dateBare]
	}
	a.Published = first(h.published, pub)
	a.PageDate = m.pageDate
	a.Publisher = first(h.publisher, publisherFromHost(hostOf(a.URL)), m.publisher, publisherFromHost(m.pubHost))
	for _, f := range []*string{&a.Title, &a.URL, &a.Byline, &a.Credit, &a.Published, &a.Publisher} {
		*f = collapse(*f) // metadata from JSON fields and meta tags may hold newlines
	}
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// classify sets the kind of every line and returns the metadata found.
func classify(lines []textLine, h hints) *meta {
	m := &meta{}
	next := func(i int) int { // next non-blank line after i, or -1
		for j := i + 1; j < len(lines); j++ {
			if lines[j].kind != kBlank {
				return j
			}
		}
		return -1
	}
	prev := func(i int) int {
		for j := i - 1; j >= 0; j-- {
			if lines[j].kind != kBlank {
				return j
			}
		}
		return -1
	}
	set := func(i int, k lineKind, why string) {
		lines[i].kind, lines[i].why = k, why
	}

	// Pass 1: rules that look at one line.
	wantURL := false
	for i := range lines {
		l := &lines[i]
		if l.kind != kBody {
			continue
		}
		p := l.plain
		switch {
		case wantURL && reURLOnly.MatchString(p):
			set(i, kBoiler, "url")
			if m.url == "" {
				m.url = strings.Trim(p, "<>")
			}
			wantURL = false
			continue
		case reURLLabel.MatchString(p):
			set(i, kBoiler, "url label")
			if u := reURLLabel.FindStringSubmatch(p)[1]; u != "" {
				if m.url == "" && reURLOnly.MatchString(u) {
					m.url = strings.Trim(u, "<>")
				}
			} else {
				wantURL = true
			}
			continue
		}
		wantURL = false
		lower := strings.ToLower(p)
		short := l.words <= 12 && !endsSentence(p)
		switch {
		case strings.Contains(p, "://") && reURLOnly.MatchString(p) || strings.HasPrefix(lower, "www.") && reURLOnly.MatchString(p):
			set(i, kBoiler, "url")
		case l.words <= 8 && reAdvert.MatchString(strings.Trim(p, " .:-–—*[]()")):
			set(i, kBoiler, "advertisement")
		case l.words <= 40 && reRelated.MatchString(p):
			set(i, kBoiler, "related")
		case l.words <= 60 && reCaptionLabel.MatchString(p):
			set(i, kBoiler, "caption")
		case strings.HasSuffix(l.trim, "**") && reCaptionBold.MatchString(l.trim) && !strings.HasSuffix(strings.TrimSpace(strings.TrimSuffix(l.trim, "**")), ":"):
			set(i, kBoiler, "caption credit")
		case short && strings.ContainsAny(lower, "/:(") && rePhotoCredit.MatchString(p):
			set(i, kBoiler, "photo credit")
		case l.words <= 30 && hasAny(lower, promoWords) && rePromo.MatchString(p):
			set(i, kBoiler, "promo")
			if mm := rePromoName.FindStringSubmatch(p); mm != nil && m.publisher == "" {
				m.publisher = strings.TrimSpace(first(mm[1], mm[2]))
			}
			if mm := rePromoHost.FindStringSubmatch(p); mm != nil && m.pubHost == "" {
				m.pubHost = strings.ToLower(strings.TrimPrefix(mm[1], "www."))
			}
		case l.words <= 20 && isTagline(p, l.words):
			set(i, kBoiler, "agency tagline")
			if m.tagCredit == "" {
				m.tagCredit = agencyIn(p)
			}
		case l.words <= 30 && strings.Contains(lower, " by") && reReutersFoot.MatchString(p):
			set(i, kBoiler, "credits footer")
		case short && strings.ContainsAny(p, ">»›/|") && reCrumbSep.MatchString(p) && !strings.Contains(p, "://"):
			set(i, kBoiler, "breadcrumb")
		default:
			if l.words <= 12 && hasYear(p) && !strings.HasSuffix(p, ".") {
				if iso, kind, ok := dateLine(p); ok {
					set(i, kDate, "date")
					if m.date[kind] == "" {
						m.date[kind] = iso
					}
					continue
				}
			}
			if l.words > 20 || !strings.Contains(lower, "by") && !strings.Contains(lower, ":") {
				continue
			}
			if by, ok := bylineOf(p, l.words); ok {
				set(i, kByline, "byline")
				if m.byline == "" {
					m.byline = by
					m.credit = agencyIn(by)
				}
				if md, found := findDate(p); found && m.date[dateKind(p[:md.start])] == "" {
					m.date[dateKind(p[:md.start])] = md.iso
				}
			}
		}
	}

	// Pass 2: blocks anchored on a line.
	for i := range lines {
		l := &lines[i]
		if l.kind != kBody && l.kind != kBoiler {
			continue
		}
		switch {
		case reCrumbAnchor.MatchString(l.plain) && (l.list || next(i) >= 0 && lines[next(i)].list):
			set(i, kBoiler, "breadcrumb")
			for j := i + 1; j < len(lines) && lines[j].list && lines[j].words <= 15; j++ {
				set(j, kBoiler, "breadcrumb")
			}
		case reHighlights.MatchString(l.plain) && next(i) >= 0 && lines[next(i)].list:
			set(i, kBoiler, "highlights")
			for j := next(i); j >= 0 && lines[j].list; j = next(j) {
				set(j, kBoiler, "highlights")
			}
		}
	}

	// Title: the first line that is not boilerplate, if it looks like one.
	ti := -1
	if h.title != "" {
		m.title = h.title
	} else if !h.noTitleFromText {
		for i := range lines {
			l := &lines[i]
			if l.kind == kBlank || l.kind == kBoiler || l.kind == kDate || l.kind == kByline {
				continue
			}
			if l.kind == kBody && titleLike(l, lines, i) {
				ti = i
				m.title = l.plain
			}
			break
		}
	}
	if m.title != "" {
		key := fold(m.title)
		for i := range lines {
			if lines[i].kind == kBody && foldIs(lines[i].plain, key) {
				set(i, kTitle, "title")
				if ti < 0 {
					ti = i
				}
			}
		}
	}

	// Dates before the title are page dates, not the article's; a date line
	// with a label always counts.
	if ti >= 0 {
		for i := 0; i < ti; i++ {
			if lines[i].kind != kDate {
				continue
			}
			iso, kind, _ := dateLine(lines[i].plain)
			if kind == dateBare {
				set(i, kBoiler, "page date")
				if m.date[dateBare] == iso {
					m.date[dateBare] = ""
					if m.pageDate == "" {
						m.pageDate = iso
					}
				}
			}
		}
		if m.date[dateBare] == "" {
			for i := ti + 1; i < len(lines); i++ {
				if lines[i].kind == kDate {
					if iso, kind, _ := dateLine(lines[i].plain); kind == dateBare {
						m.date[dateBare] = iso
						break
					}
				}
			}
		}
	}

	// Captions: the short fragments right next to a photo credit line.
	for i := range lines {
		if lines[i].kind != kBoiler || !strings.Contains(lines[i].why, "caption") && lines[i].why != "photo credit" {
			continue
		}
		for _, j := range []int{prev(i), next(i)} {
			if j >= 0 && lines[j].kind == kBody && isFragment(&lines[j]) {
				set(j, kBoiler, "caption")
			}
		}
	}

	// A paragraph that appears again later is a teaser: keep the later copy.
	seen := map[string]int{}
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].kind != kBody || lines[i].words < 8 || !standalone(lines, i) {
			continue
		}
		key := fold(lines[i].plain)
		if _, ok := seen[key]; ok {
			set(i, kBoiler, "repeated paragraph")
			continue
		}
		seen[key] = i
	}

	// A dateline such as "MOSCOW (AFP) -" credits the agency.
	if m.tagCredit == "" {
		for i := range lines {
			if lines[i].kind == kBody {
				if mm := reDateline.FindStringSubmatch(lines[i].plain); mm != nil {
					m.tagCredit = agencyIn(mm[1])
				}
				break
			}
		}
	}
	return m
}

var reDateline = regexp.MustCompile(`^[\p{Lu}][\p{Lu} .,'-]{1,40}\(([A-Za-z. -]{2,30})\)\s*[-–—:]`)

// promoWords are cheap pre-checks for rePromo (lower case).
var taglineWords = []string{"agency", "contribut", "©", "(c)", "copyright", "rights reserved", "input", "wire service"}

var promoWords = []string{"app", "google play", "subscribe", "sign up", "follow us", "join", "channel", "read all", "breaking news", "latest", "click here", "share", "rights reserved", "stay tuned"}

func hasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// hasYear reports whether s has a run of four digits.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// standalone: line i is a paragraph of its own (blank lines around it).
func standalone(lines []textLine, i int) bool {
	return (i == 0 || lines[i-1].kind == kBlank) && (i+1 == len(lines) || lines[i+1].kind == kBlank)
}

// titleLike: a heading, or a short line without sentence punctuation at the
// end that stands alone (blank or metadata next to it).
func titleLike(l *textLine, lines []textLine, i int) bool {
	if l.heading {
		return true
	}
	if l.words == 0 || l.words > 30 || len(l.plain) > 250 || l.list {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l.plain)
	if strings.ContainsRune(".,;:", last) {
		return false
	}
	return i+1 >= len(lines) || lines[i+1].kind != kBody
}

// isFragment: a short line that does not end a sentence, as caption lines are.
func isFragment(l *textLine) bool {
	return !l.heading && l.words <= 15 && !endsSentence(l.plain) && !isSubheading(l.trim)
}

// isSubheading matches AFP-style "- 'Title' -" section headings.
func isSubheading(s string) bool {
	return strings.HasPrefix(s, "- ") && strings.HasSuffix(s, " -")
}

func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return r == '"' || r == '\'' || r == '\u201d' || r == '\u2019' || r == ')' || isSpaceOrNBSP(r)
	})
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…", last)
}

func isTagline(p string, words int) bool {
	if words > 20 {
		return false
	}
	lower := strings.ToLower(p)
	if hasAny(lower, taglineWords) && reTagline.MatchString(p) {
		if strings.Contains(lower, "news agency") && !reTaglineStrong.MatchString(p) {
			// "X is an international news agency": the line starts with the agency
			loc := reAgency.FindStringIndex(p)
			return loc != nil && loc[0] <= 3
		}
		return agencyIn(p) != ""
	}
	// a line that is only an agency name: "AFP", "(AP)", "REUTER", "With inputs from PTI"
	return words <= 6 && len(p) <= 60 && mayNameAgency(lower, p) && agencyOnly(p) && agencyIn(p) != ""
}

// mayNameAgency is a cheap pre-check for agencyIn: an agency word or two
// capitals in a row.
func mayNameAgency(lower, p string) bool {
	if hasAny(lower, []string{"reuter", "press", "agenc", "dpa", "xinhua", "interfax", "kyodo", "yonhap", "bloomberg", "anadolu", "bernama"}) {
		return true
	}
	for i := 1; i < len(p); i++ {
		if p[i] >= 'A' && p[i] <= 'Z' && p[i-1] >= 'A' && p[i-1] <= 'Z' {
			return true
		}
	}
	return false
}

func agencyOnly(p string) bool {
	q := reAgencyFiller.ReplaceAllString(dropAgencies(p), "")
	return strings.Trim(q, " ()[]—–-.,/&") == ""
}

// bylineOf recognises "By NAME" and "Edited by: NAME" lines and returns NAME.
func bylineOf(p string, words int) (string, bool) {
	if words > 20 {
		return "", false
	}
	if reByline.MatchString(p) && !endsSentence(p) && words <= 15 {
		by := strings.TrimSpace(p[strings.IndexFunc(p, unicode.IsSpace):])
		by = reBylineStop.ReplaceAllString(by, "")
		by = strings.Trim(by, " ,|")
		return by, by != "" && nameLike(by)
	}
	if loc := reBylineLabel.FindStringIndex(p); loc != nil && loc[0] == 0 && unicode.IsUpper(rune(p[0])) {
		by := reBylineStop.ReplaceAllString(p[loc[1]:], "")
		by = strings.Trim(by, " ,|")
		return by, by != "" && (strings.Contains(p[:loc[1]], ":") || nameLike(by))
	}
	return "", false
}

// nameLike: every word is capitalised or a small joining word, as in
// "Marc Preel and Francesco Fontemaggi for AFP" (not "Friday, the troops").
func nameLike(s string) bool {
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ",;()[]")
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || unicode.IsUpper(r) || unicode.IsDigit(r) {
			continue
		}
		switch strings.ToLower(w) {
		case "and", "for", "in", "of", "de", "da", "van", "von", "der", "den", "la", "le", "el", "al", "bin", "the", "with", "&":
			continue
		}
		return false
	}
	return true
}

// fold lower-cases s and folds whitespace, for comparing lines.
func fold(s string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, isSpaceOrNBSP), " "))
}

// foldIs reports whether fold(s) == key, for a key that fold returned,
// without building fold(s): classify compares every line with the title,
// and folding each was a sixth of its time. It walks s as fold does: runs
// of spaces are one space between words, none at the ends; each rune is
// lower-cased (an invalid byte is U+FFFD, as strings.ToLower makes it).
func foldIs(s, key string) bool {
	pos := 0
	inWord, words := false, false
	for _, r := range s {
		if isSpaceOrNBSP(r) {
			inWord = false
			continue
		}
		if !inWord && words {
			if pos >= len(key) || key[pos] != ' ' {
				return false
			}
			pos++
		}
		inWord, words = true, true
		kr, n := utf8.DecodeRuneInString(key[pos:])
		if n == 0 || kr != unicode.ToLower(r) {
			return false
		}
		pos += n
	}
	return pos == len(key)
}

// blankMarkup blanks Markdown markup inside a body line: heading and list
// markers, the trailing " -" of "- Heading -", bold markers, link syntax
// around link text, images and autolinks.
func blankMarkup(c []byte, l *textLine) {
	off := l.start
	raw := l.raw
	lead := len(raw) - len(strings.TrimLeftFunc(raw, isSpaceOrNBSP))
	body := raw[lead:]
	if loc := reHeadMarker.FindStringIndex(body); loc != nil {
		blank(c, off+lead, off+lead+loc[1])
	} else if loc := reListMarker.FindStringIndex(body); loc != nil {
		blank(c, off+lead, off+lead+loc[1])
		if isSubheading(l.trim) {
			t := strings.TrimRightFunc(raw, isSpaceOrNBSP)
			blank(c, off+len(t)-1, off+len(t))
		}
	} else if strings.HasPrefix(body, "> ") {
		blank(c, off+lead, off+lead+2)
	}
	if !strings.ContainsAny(raw, "[<*_") {
		return
	}
	for _, loc := range reMdLink.FindAllStringSubmatchIndex(raw, -1) {
		if raw[loc[0]] == '!' { // image: drop alt text too
			blank(c, off+loc[0], off+loc[1])
			continue
		}
		blank(c, off+loc[0], off+loc[2]) // "["
		blank(c, off+loc[3], off+loc[1]) // "](url)"
	}
	for _, loc := range reAutoLink.FindAllStringIndex(raw, -1) {
		blank(c, off+loc[0], off+loc[1])
	}
	for _, loc := range reBold.FindAllStringIndex(raw, -1) {
		if isBoldMarker(raw, loc[0], loc[1]) {
			blank(c, off+loc[0], off+loc[1])
		}
	}
}

// isBoldMarker: "**" or "__" next to a word character on one side only, as
// Markdown emphasis is ("__init__" inside a word is left alone).
func isBoldMarker(s string, i, j int) bool {
	before, after := rune(' '), rune(' ')
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if j < len(s) {
		after, _ = utf8.DecodeRuneInString(s[j:])
	}
	wb, wa := isWordRune(before), isWordRune(after)
	if s[i] == '_' {
		return wb != wa
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
