package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/newsgraph/newsgraph/warc/warctest"
)

// Invented pages for the URL and WARC inputs.
const (
	bridgePage = `<html><head><title>Bridge reopens</title><meta property="og:site_name" content="Riverside Daily"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Bridge reopens</h1>
<p>The Kessel Bridge reopened on Thursday after eight months of repairs, the Riverside Transport Authority said.</p>
<p>“Traffic will be back to normal by the weekend,” said Mara Oyelaran, the authority’s director, at a news conference.</p>
</article></body></html>`
	festivalPage = `<html><head><title>Festival moves</title></head><body><div class="story">
<p>The Lindqvist Film Festival will move to the old café market hall next year, its director Jonas Brandt announced on Friday.</p>
<p>Brandt said the hall would seat twice as many people as the theatre the festival has used since 1998.</p>
</div></body></html>`
)

// line is an extract output line with the fields these tests read.
type line struct {
	doc
	URL     string `json:"url"`
	Charset string `json:"charset"`
	Text    string `json:"text"`
}

func lines(t *testing.T, stdout string) []line {
	t.Helper()
	var out []line
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var x line
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("%v: %.200s", err, l)
		}
		out = append(out, x)
	}
	return out
}

// checkSpans: every span of d slices text.
func checkSpans(t *testing.T, d doc, text string) {
	t.Helper()
	n := 0
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			n++
			if m.End > len(text) || text[m.Start:m.End] != m.Text {
				t.Errorf("%s: mention %q [%d,%d) does not slice the page", d.Source, m.Text, m.Start, m.End)
			}
		}
	}
	if n == 0 {
		t.Errorf("%s: no mentions", d.Source)
	}
}

// TestExtractURLs: URLs on the command line and in --urls are fetched from
// a local server; each failure is reported with its URL and the rest come
// through in order.
func TestExtractURLs(t *testing.T) {
	latin, err := charmap.Windows1252.NewEncoder().String(festivalPage)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n") })
	mux.HandleFunc("/bridge", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "newsgraph") {
			http.Error(w, "who are you", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, bridgePage)
	})
	mux.HandleFunc("/festival", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		fmt.Fprint(w, latin)
	})
	mux.HandleFunc("/private/memo", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, bridgePage) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir := t.TempDir()
	list := writeFile(t, dir, "urls.txt", []byte("# to read\n"+srv.URL+"/festival\n\n"+srv.URL+"/gone\n"+srv.URL+"/private/memo\n"))
	res := run(t, nil, "extract", "--fetch-delay", "1ms", "--with-text", srv.URL+"/bridge", "--urls", list)
	if res.code != 1 {
		t.Fatalf("want exit 1 (some inputs failed):\n%s", res)
	}
	got := lines(t, res.stdout)
	if len(got) != 2 || got[0].Source != srv.URL+"/bridge" || got[1].Source != srv.URL+"/festival" {
		t.Fatalf("articles %v, want bridge then festival:\n%s", got, res)
	}
	checkSpans(t, got[0].doc, bridgePage)
	checkSpans(t, got[1].doc, festivalPage) // decoded: offsets are into the UTF-8 page
	if got[1].Charset != "windows-1252" || got[0].Charset != "" {
		t.Errorf("charsets %q %q", got[0].Charset, got[1].Charset)
	}
	if !strings.Contains(got[0].Text, "said Mara Oyelaran, the authority’s director") || strings.Contains(got[0].Text, "Home") ||
		!strings.Contains(got[1].Text, "the old café market hall") {
		t.Errorf("text: %q / %q", got[0].Text, got[1].Text)
	}
	for _, want := range []string{srv.URL + "/gone: HTTP status 404", srv.URL + "/private/memo: disallowed by robots.txt"} {
		if len(linesWith(res.stderr, want)) != 1 {
			t.Errorf("stderr does not report %q:\n%s", want, res.stderr)
		}
	}
}

func TestURLUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"extract"}, "at least one PATH or URL"},
		{[]string{"extract", "--stories", "two-pass", "https://news.example/a"}, "two-pass"},
		{[]string{"extract", "--urls", "/nonexistent/urls.txt"}, "--urls"},
	} {
		res := run(t, nil, c.args...)
		if res.code != 2 || !strings.Contains(res.stderr, c.want) {
			t.Errorf("%v: want exit 2 and %q:\n%s", c.args, c.want, res)
		}
	}
}

// TestExtractWARC: a WARC archive's pages are articles; the record offset
// names each.
func TestExtractWARC(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/crawl.warc.gz"
	offs, err := warctest.WriteFile(path, true,
		warctest.Record{Type: "warcinfo", Block: "software: test\r\n"},
		warctest.Response("https://riverside.example/bridge", "utf-8", bridgePage),
		warctest.Record{Type: "request", URI: "https://riverside.example/bridge", Block: "GET /bridge HTTP/1.1\r\n\r\n"},
		warctest.Response("https://films.example/festival", "", festivalPage),
	)
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, nil, "extract", "--with-text", path) // two-pass: the corpus spool keeps the text
	if res.code != 0 {
		t.Fatalf("%s", res)
	}
	got := lines(t, res.stdout)
	if len(got) != 2 || got[0].Source != fmt.Sprintf("%s@%d", path, offs[1]) || got[1].URL != "https://films.example/festival" {
		t.Fatalf("articles %+v\n%s", got, res)
	}
	checkSpans(t, got[0].doc, bridgePage)
	checkSpans(t, got[1].doc, festivalPage)
	if !strings.Contains(got[1].Text, "its director Jonas Brandt announced on Friday") {
		t.Errorf("text %q", got[1].Text)
	}
	if len(linesWith(res.stderr, "warc archive read")) != 1 || !strings.Contains(res.stderr, "request 1") {
		t.Errorf("stderr does not count the archive's records once:\n%s", res.stderr)
	}
}
