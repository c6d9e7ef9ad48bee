package article

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// story is an invented article body for the page tests.
const story = `<p>The regional water board approved a plan on Tuesday to rebuild the old pumping station at Marlow Bend, which has flooded twice since the spring.</p>
<p>Engineers said the new station would stand two metres higher and could run for a week on its own generators if the power failed.</p>`

func TestParsePageCharset(t *testing.T) {
	src := `<html><head><meta charset="windows-1252"><title>Pumping station to be rebuilt</title></head><body><article>` +
		`<h1>Pumping station to be rebuilt</h1>` + strings.Replace(story, "old pumping", "old café-side pumping", 1) + `</article></body></html>`
	enc, err := charmap.Windows1252.NewEncoder().String(src)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse("page.html", []byte(enc), FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a, false)
	if a.Charset != "windows-1252" {
		t.Errorf("charset = %q", a.Charset)
	}
	if !kept(a, "rebuild the old café-side pumping station") {
		t.Errorf("decoded text not kept: %q", a.Body())
	}
	if a.Title != "Pumping station to be rebuilt" || strings.Contains(a.Body(), "Pumping station to be rebuilt") {
		t.Errorf("title %q, body %q", a.Title, a.Body())
	}
}

func TestParsePageFallbacks(t *testing.T) {
	a, err := ParsePage(Page{Source: "rec", URL: "https://www.marlowherald.example/news/pumps", Date: "2021-06-01T10:00:00Z",
		ContentType: "text/html; charset=utf-8", Body: []byte(`<html><body>` + story + `</body></html>`)})
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != "https://www.marlowherald.example/news/pumps" || a.Published != "2021-06-01" || a.Charset != "" {
		t.Errorf("url %q published %q charset %q", a.URL, a.Published, a.Charset)
	}
}

// TestHostilePages: pages that are not articles, or built to hurt, give an
// error or an article, never a panic or a hang.
func TestHostilePages(t *testing.T) {
	deep := strings.Repeat("<div>", 20000) + story + strings.Repeat("</div>", 20000)
	huge := "<html><body><article>" + story + strings.Repeat("<p>Another paragraph of the same long report on <a href=/x>the water board</a>.</p>\n", 60000) + "</article></body></html>"
	for _, c := range []struct {
		name, page string
		err        error // nil: an article with the story
	}{
		{"deeply nested", deep, nil},
		{"huge (5 MB, 120,000 elements)", huge, nil},
		{"unclosed nesting", strings.Repeat("<span><b><i>", 5000) + story, nil},
		{"no article", `<html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav><p>Log in</p></body></html>`, ErrNoText},
		{"only scripts", `<html><body><script>` + strings.Repeat("var x = 'words words words';", 1000) + `</script></body></html>`, ErrNoText},
		{"wrong charset declared", `<meta charset="iso-8859-1">` + strings.Replace(story, "old", "oldé", 1), nil},
	} {
		a, err := Parse(c.name, []byte(c.page), FormatHTML)
		switch {
		case c.err != nil && !errors.Is(err, c.err):
			t.Errorf("%s: err = %v, want %v", c.name, err, c.err)
		case c.err != nil:
			if !strings.HasPrefix(err.Error(), c.name+": ") {
				t.Errorf("%s: error %q does not name the input", c.name, err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.name, err)
		default:
			checkInvariants(t, a, false)
			if !strings.Contains(a.Body(), "rebuild the old") || !strings.Contains(a.Body(), "its own generators") {
				t.Errorf("%s: body %q", c.name, a.Body())
			}
		}
	}
}

// TestParsePageJSONLD: a page that is empty without JavaScript but keeps the
// article in its JSON-LD has it read from there, offsets into the script.
func TestParsePageJSONLD(t *testing.T) {
	p := `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Pumps",` +
		`"articleBody":"The regional water board approved a plan on Tuesday to rebuild the old pumping station at Marlow Bend.\n\n` +
		`\"It floods every spring,\" the board\u2019s chair said, after a vote of seven to two."}</script></head>` +
		`<body><div id="app"></div></body></html>`
	a, err := Parse("app.html", []byte(p), FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a, false)
	if !kept(a, "rebuild the old pumping station at Marlow Bend.") || !kept(a, `the board\u2019s chair said`) {
		t.Errorf("body %q", a.Body())
	}
}
