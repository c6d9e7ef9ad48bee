package article

import (
	"os"
	"strings"
	"testing"
)

func parseFile(t *testing.T, path string) *Article {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse(path, data, FormatOf(path))
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a, FormatOf(path) != FormatHTML)
	return a
}

// checkInvariants: Clean is as long as Text, every newline of Text is one in
// Clean, and every other byte of Clean is the byte of Text or a space (in
// HTML, also a newline on markup or whitespace between paragraphs).
func checkInvariants(t testing.TB, a *Article, strictNewlines bool) {
	t.Helper()
	if len(a.Clean) != len(a.Text) {
		t.Fatalf("%s: len(Clean)=%d, len(Text)=%d", a.Source, len(a.Clean), len(a.Text))
	}
	for i := 0; i < len(a.Text); i++ {
		tc, cc := a.Text[i], a.Clean[i]
		switch {
		case tc == '\n' && cc != '\n':
			t.Fatalf("%s: newline at %d lost", a.Source, i)
		case cc == tc, cc == ' ':
		case cc == '\n' && !strictNewlines && (tc == '<' || tc == ' ' || tc == '\t' || tc == '\r' || i > 0 && a.Text[i-1] == '<'):
		default:
			t.Fatalf("%s: Clean[%d]=%q, Text[%d]=%q", a.Source, i, cc, i, tc)
		}
	}
}

// kept reports whether s occurs in Text with all its non-space bytes kept in Clean.
func kept(a *Article, s string) bool { return presentUnblanked(a, s) }

// gone reports whether no non-space byte of any occurrence of s survives in Clean.
func gone(a *Article, s string) bool {
	for off := 0; ; {
		i := strings.Index(a.Text[off:], s)
		if i < 0 {
			return true
		}
		start := off + i
		if strings.TrimSpace(a.Clean[start:start+len(s)]) != "" {
			return false
		}
		off = start + 1
	}
}

func TestMarkdownWire(t *testing.T) {
	a := parseFile(t, "testdata/wire.md")
	want := Article{Title: "Harbour Board Approves New Ferry Terminal After Long Dispute", Published: "2023-03-14",
		Credit: "Reuters", Byline: "Lena Ortiz for Reuters", Publisher: "examplecoastnews.com",
		URL: "https://www.examplecoastnews.com/2023/03/14/harbour-board-approves-terminal"}
	if a.Title != want.Title || a.Published != want.Published || a.Credit != want.Credit || a.Byline != want.Byline || a.Publisher != want.Publisher || a.URL != want.URL {
		t.Errorf("metadata\n got %+v\nwant %+v", a, want)
	}
	for _, s := range []string{
		"# Harbour Board Approves New Ferry Terminal After Long Dispute", "By [Lena Ortiz for Reuters](#)", "March 14, 2023",
		"Commuters wait on the old pier at dawn. **Tomas Berg/POOL/Reuters**",
		"**Related article:** [Ferry Fares to Rise in Spring](#)", "Advertisement", "Original url:",
		"<https://www.examplecoastnews.com/2023/03/14/harbour-board-approves-terminal>",
		"## ",
	} {
		if !gone(a, s) {
			t.Errorf("not blanked: %q", s)
		}
	}
	for _, s := range []string{
		"The Harbour Board of Port Elling voted on Tuesday",
		`Board chair Miriam Okafor said the vote was "a win for every commuter who has waited in the rain."`,
		"nesting ground for\nseabirds", "'Next steps'", "Construction is expected",
	} {
		if !kept(a, s) {
			t.Errorf("body lost: %q", s)
		}
	}
}

func TestPortalPage(t *testing.T) {
	a := parseFile(t, "testdata/portal.txt")
	if a.Title != "Glacier survey finds faster melt in northern valleys" || a.Published != "2023-06-03" || a.PageDate != "2023-06-05" ||
		a.Credit != "AP" || a.Byline != "AP Oslo" || a.Publisher != "Nordic Daily" || a.URL != "" {
		t.Errorf("metadata: %+v", a)
	}
	for _, s := range []string{"Monday, June 5, 2023", "You Are At:", "  2. News", "GLACIER, SURVEY", "Image Source : AP (FILE)",
		"A research team on the Vatna ice field", "Highlights", "• Researchers call for more monitoring stations",
		"Stay tuned with", "Get it on Google Play", "Read all the Breaking News", "Edited by: AP Oslo"} {
		if !gone(a, s) {
			t.Errorf("not blanked: %q", s)
		}
	}
	// The teaser copy of the Holm paragraph goes, the body copy stays.
	holm := "Lead researcher Anja Holm told the Nordic Science Council"
	first := strings.Index(a.Text, holm)
	last := strings.LastIndex(a.Text, holm)
	if first == last || strings.TrimSpace(a.Clean[first:first+len(holm)]) != "" || a.Clean[last:last+len(holm)] != holm {
		t.Errorf("teaser: first copy must be blanked and the last kept")
	}
	if !kept(a, "A two-year survey of glaciers") || !kept(a, "six new monitoring stations") {
		t.Error("body lost")
	}
}

func TestHTMLPage(t *testing.T) {
	a := parseFile(t, "testdata/page.html")
	if a.Title != "Library Opens Night Reading Room" || a.Published != "2022-10-07" || a.Byline != "Priya Nandakumar" ||
		a.Publisher != "The Valley Courier" || a.URL != "https://www.valleycourier.example/news/library-night-room" {
		t.Errorf("metadata: %+v", a)
	}
	for _, s := range []string{"window.dataLayer", "font-family", "Home", "Share on Facebook", "Photo: Jan Duval",
		"ad slot", "Related: Budget talks stall", "All rights reserved", "<p>", "</p>", "By Priya Nandakumar",
		"<h1>Library Opens Night Reading Room</h1>"} {
		if !gone(a, s) {
			t.Errorf("not blanked: %q", s)
		}
	}
	for _, s := range []string{"The city library opened a reading room on Friday", "after the cafés close.\n\"We listened",
		"Orchard Foundation &amp; the city council."} {
		if !kept(a, s) {
			t.Errorf("body lost: %q", s)
		}
	}
	// paragraphs are separated in Clean
	i, j := strings.Index(a.Clean, "valley."), strings.Index(a.Clean, "Head librarian")
	if i < 0 || j < i || !strings.Contains(a.Clean[i:j], "\n\n") {
		t.Error("no paragraph break in Clean between the first two paragraphs")
	}
}

func TestDates(t *testing.T) {
	for in, want := range map[string]string{
		"December 04, 2021": "2021-12-04", "11:34 AM, 5 Dec, 2021": "2021-12-05",
		"Updated on: December 04, 2021 23:45 IST": "2021-12-04", "2021-12-04T10:00:00Z": "2021-12-04",
		"Sept. 9, 2020": "2020-09-09", "the 3rd of March 2019": "2019-03-03", "February 30, 2021": "",
	} {
		got := ""
		if d, ok := findDate(in); ok {
			got = d.iso
		}
		if got != want {
			t.Errorf("findDate(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]bool{
		"Published: 11:34 AM, 5 Dec, 2021": true, "Friday, November 22, 2024": true,
		"The deal was signed on December 4, 2021 in Geneva.": false,
	} {
		if _, _, ok := dateLine(in); ok != want {
			t.Errorf("dateLine(%q) = %v", in, ok)
		}
	}
}

func TestIDIgnoresBoilerplateAndWhitespace(t *testing.T) {
	body := "The ferry left at noon, the captain said.\n\nIt will return on Sunday."
	a, err := Parse("a.txt", []byte(body), FormatText)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b.md", []byte("Advertisement\n\nThe ferry left   at noon, the captain said.\nIt will return on Sunday.\n\nOriginal url:\n<https://example.com/x>\n"), FormatText)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse("c.txt", []byte("The ferry left at noon, the captain said. It will return on Monday."), FormatText)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID || a.ID == c.ID || len(a.ID) != 64 {
		t.Errorf("ids: %s %s %s", a.ID, b.ID, c.ID)
	}
}

func TestBodyLinesNotMistaken(t *testing.T) {
	// Lines that look a little like boilerplate but are body text.
	text := "Ministers Meet Again\n\nBy Friday, the two sides had agreed on a text.\n" +
		"The AP news agency and others reported the meeting at length, citing three officials who were present in the room.\n" +
		"- 'Deadline' -\n" +
		"Washington and Kiev say the talks will go on and accuse\n\nMoscow of stalling.\n" +
		"She downloaded the app to follow the results, she said.\n"
	a, err := Parse("t.txt", []byte(text), FormatText)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"By Friday, the two sides had agreed on a text.", "The AP news agency and others reported",
		"'Deadline'", "Washington and Kiev say the talks will go on and accuse", "Moscow of stalling.", "She downloaded the app"} {
		if !kept(a, s) {
			t.Errorf("body lost: %q", s)
		}
	}
	if a.Title != "Ministers Meet Again" || !gone(a, "Ministers Meet Again") {
		t.Errorf("title %q", a.Title)
	}
}

func TestFrontMatter(t *testing.T) {
	text := "---\ntitle: \"Canal Reopens After Repairs\"\ndate: 2024-04-18\nauthor: Sam Keller\nurl: https://news.example.net/canal\n---\n\nBarges returned to the old canal on Thursday after a year of repairs, the port authority said.\n"
	a, err := Parse("c.md", []byte(text), FormatText)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a, true)
	if a.Title != "Canal Reopens After Repairs" || a.Published != "2024-04-18" || a.Byline != "Sam Keller" || a.URL != "https://news.example.net/canal" || a.Publisher != "news.example.net" {
		t.Errorf("metadata: %+v", a)
	}
	if !gone(a, "title:") || !gone(a, "Sam Keller") || !gone(a, "---") || !kept(a, "Barges returned to the old canal") {
		t.Errorf("clean: %q", a.Clean)
	}
}
