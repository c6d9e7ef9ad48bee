package webpage

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// page is an invented news page: navigation, a share bar, an article with
// inline markup and character references, a related box and a footer.
const page = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour Ferry Returns After Winter Repairs | The Coastline Gazette</title>
<meta property="og:title" content="Harbour Ferry Returns After Winter Repairs">
<meta property="og:site_name" content="The Coastline Gazette">
<link rel="canonical" href="https://gazette.example/2023/04/ferry-returns">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Harbour Ferry Returns After Winter Repairs","datePublished":"2023-04-02T08:00:00Z",
"author":{"@type":"Person","name":"Marta Quill"},"publisher":{"@type":"Organization","name":"The Coastline Gazette"}}</script>
<script>var tracking = "pageview";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="share">Share this story on Facebook</div>
<article>
<h1>Harbour Ferry Returns After Winter Repairs</h1>
<p>The <b>Harbour Queen</b> ferry sailed again on Saturday after four months in dry dock, carrying
commuters between Northpoint and the island village of Selby&nbsp;Cove for the first time since November.</p>
<p>&ldquo;We replaced both engines and the whole deck,&rdquo; said harbour master Ewan Trask, who
watched the first crossing from the pier. The repairs cost the council &pound;2.4&nbsp;million.</p>
<p>Passengers said the crossing was quieter than before. Some had waited months to travel without
taking the long road around the bay, which adds an hour to the trip each way in heavy traffic.</p>
<p>Timetables are posted at both piers &amp; online, and the first boat leaves Northpoint at 6:15.</p>
</article>
<aside class="related"><h2>Related</h2><a href="/x">Council approves new car park near the marina</a></aside>
<footer>&copy; 2023 The Coastline Gazette. All rights reserved.</footer>
</body></html>`

func keptText(p string, res *Result) string {
	var b strings.Builder
	for _, k := range res.Kept {
		b.WriteString(p[k[0]:k[1]])
		b.WriteByte(' ')
	}
	return html.UnescapeString(b.String())
}

func TestExtract(t *testing.T) {
	res, err := Extract([]byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Matched != res.Extracted || res.Extracted == 0 {
		t.Errorf("matched %d of %d extracted bytes", res.Matched, res.Extracted)
	}
	for i, k := range res.Kept {
		s := page[k[0]:k[1]]
		if strings.ContainsAny(s, "<> \n\t") {
			t.Errorf("kept range %d %q holds markup or space", i, s)
		}
		if i > 0 && k[0] <= res.Kept[i-1][1] {
			t.Errorf("kept ranges %d and %d overlap or touch", i-1, i)
		}
	}
	got := strings.Join(strings.Fields(keptText(page, res)), " ")
	for _, want := range []string{
		"The Harbour Queen ferry sailed again on Saturday",
		"village of Selby Cove for the first time",
		"“We replaced both engines and the whole deck,” said harbour master Ewan Trask",
		"cost the council £2.4 million.",
		"Timetables are posted at both piers & online",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("article text lacks %q:\n%s", want, got)
		}
	}
	for _, bad := range []string{"Home", "Share this story", "Council approves", "All rights reserved", "pageview"} {
		if strings.Contains(got, bad) {
			t.Errorf("article text holds %q", bad)
		}
	}
	// Four paragraphs (and perhaps the heading): a break between each.
	if len(res.Breaks) < 3 {
		t.Errorf("breaks = %v, want one between each paragraph", res.Breaks)
	}
	for _, b := range res.Breaks {
		if c := page[b]; c != '<' && c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			t.Errorf("break at %d is on %q, not markup or space", b, c)
		}
	}
	m := res.Meta
	if m.Title != "Harbour Ferry Returns After Winter Repairs" || m.Author != "Marta Quill" || m.Published != "2023-04-02" ||
		m.Publisher != "The Coastline Gazette" || m.URL != "https://gazette.example/2023/04/ferry-returns" {
		t.Errorf("meta = %+v", m)
	}
}

// TestAlign matches extracted text that differs from the page in
// whitespace, in words split by inline tags, in order, and in text the page
// does not have.
func TestAlign(t *testing.T) {
	p := `<div><p>Alpha bravo <i>char</i>lie delta echo foxtrot golf hotel india juliet.</p>` +
		`<p>Kilo&nbsp;lima mike november oscar papa quebec romeo sierra.</p>` +
		`<p>Tango uniform victor whiskey xray yankee zulu.</p></div>`
	root, err := html.Parse(strings.NewReader(`<body><p>Kilo lima mike november oscar papa quebec romeo sierra.</p>` +
		`<p>Alpha bravo charlie delta echo foxtrot golf hotel india juliet.</p>` +
		`<p>An invented line the page does not hold at all, none of it.</p>` +
		`<p>Tango uniform victor whiskey xray yankee zulu.</p></body>`))
	if err != nil {
		t.Fatal(err)
	}
	ex := buildExtracted(root)
	ps := buildPageStream([]byte(p), false)
	ms := align(ex, ps)
	missing := len(ex.s) - matchedBytes(ms)
	if want := len("Aninventedlinethepagedoesnotholdatall,noneofit."); missing != want {
		t.Errorf("unmatched bytes = %d, want %d (the invented line)", missing, want)
	}
	kept, _ := keptRanges(ex, ps, ms, []byte(p))
	var got []string
	for _, k := range kept {
		got = append(got, p[k[0]:k[1]])
	}
	s := strings.Join(got, " ")
	for _, want := range []string{"Alpha bravo char lie delta", "Kilo lima mike", "yankee zulu."} {
		if !strings.Contains(s, want) {
			t.Errorf("kept %q lacks %q", s, want)
		}
	}
}

func TestNoArticle(t *testing.T) {
	for name, p := range map[string]string{
		"empty body":  `<html><head><title>x</title></head><body></body></html>`,
		"only script": `<html><body><script>var a = "some words in a script that is not text";</script></body></html>`,
	} {
		res, err := Extract([]byte(p), Options{})
		if err == nil && len(res.Kept) > 0 {
			t.Errorf("%s: kept %v", name, res.Kept)
		}
	}
}
