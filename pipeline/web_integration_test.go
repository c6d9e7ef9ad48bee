package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/fetch"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/warc/warctest"
)

// Invented web pages for the WARC and URL tests.
const (
	pageCafe = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Porto Vell to close café district to cars | The Vell Courier</title>
<meta property="og:site_name" content="The Vell Courier">
<meta property="article:published_time" content="2024-04-22T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/city">City</a></nav>
<article><h1>Porto Vell to close café district to cars</h1>
<p>Mayor Inés Calderón said on Monday that the café district of Porto Vell would close to cars every Sunday from June, after a year of complaints from residents about traffic and noise.</p>
<p>“We owe it to the people who live here,” Calderón told reporters at the town hall. The Porto Vell Chamber of Commerce said it would ask shop owners what they thought of the plan.</p>
</article><footer>© The Vell Courier</footer></body></html>`
	pagePumps = `<html><head><title>Water board to rebuild pumping station</title></head><body>
<div class="content"><h1>Water board to rebuild pumping station</h1>
<p>The Marlow Water Board approved a plan on Tuesday to rebuild the old pumping station at Marlow Bend, which has flooded twice since the spring.</p>
<p>“The station was built for a river that no longer exists,” said Ewan Trask, the board’s chief engineer. He said work would begin in August and take a year.</p>
</div></body></html>`
)

// TestIngestWARC: a WARC archive made here (pages among requests, an image,
// a 404 and archive metadata) goes into Neo4j: one Article per page, with
// the record's URI and date as fallbacks, entities and statements.
func TestIngestWARC(t *testing.T) {
	strike, err := os.ReadFile(filepath.Join("..", "examples", "2024-05-10-port-strike.html"))
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2024, 5, 12, 7, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "crawl.warc.gz")
	offs, err := warctest.WriteFile(path, true,
		warctest.Record{Type: "warcinfo", Date: date, Block: "software: newsgraph test\r\n"},
		warctest.Record{Type: "request", URI: "https://courier.example/cafe", Date: date, Block: "GET /cafe HTTP/1.1\r\nHost: courier.example\r\n\r\n"},
		warctest.Response("https://courier.example/cafe", "utf-8", pageCafe),
		warctest.Record{Type: "response", URI: "https://courier.example/logo.png", Date: date, Block: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n\x89PNG"},
		warctest.Response("https://herald.example/pumps", "", pagePumps),
		warctest.Record{Type: "response", URI: "https://herald.example/gone", Date: date, Block: "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nnot found"},
		warctest.Response("https://mirror.example/strike", "utf-8", string(strike)),
	)
	if err != nil {
		t.Fatal(err)
	}
	dump := ingestInto(t, true, []string{path})
	for _, want := range []string{"Calderón", "Ewan Trask", "Constanta"} {
		if !strings.Contains(dump, want) {
			t.Errorf("the graph lacks %q", want)
		}
	}
	rows := query(t, `MATCH (a:Article) RETURN a.source AS source, a.url AS url, a.published AS published ORDER BY size(a.source), a.source`)
	want := [][3]string{
		{path + "@" + itoa(int(offs[2])), "https://courier.example/cafe", "2024-04-22"},
		{path + "@" + itoa(int(offs[4])), "https://herald.example/pumps", "2024-05-10"}, // no date in the page: the record's
		{path + "@" + itoa(int(offs[6])), "https://www.blackseatradejournal.com/ports/2024/05/10/constanta-dock-workers-strike-over-pay", "2024-05-10"},
	}
	if len(rows) != len(want) {
		t.Fatalf("articles %v, want %v", rows, want)
	}
	for i, w := range want {
		if rows[i]["source"] != w[0] || rows[i]["url"] != w[1] || rows[i]["published"] != w[2] {
			t.Errorf("article %d = %v, want %v", i, rows[i], w)
		}
	}
	said := query(t, `MATCH (s:Statement)-[:BY]->(p:Person) WHERE p.name CONTAINS 'Calderón' OR p.name CONTAINS 'Trask' RETURN p.name AS who, s.text AS text`)
	if len(said) < 2 {
		t.Errorf("statements by Calderón and Trask: %v", said)
	}
}

// query runs a read query on the test database and returns its rows.
func query(t *testing.T, cypher string) []map[string]any {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), neo4jtest.Driver(t), cypher, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(neo4jtest.Target(t).Database))
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, r := range res.Records {
		out = append(out, r.AsMap())
	}
	return out
}

// TestIngestURLs: pages fetched from a local server go into Neo4j; a 404
// and a page robots.txt forbids are skipped with their URL, the rest load.
func TestIngestURLs(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: newsgraph\nDisallow: /members/\n")
	})
	serve := func(page string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		}
	}
	mux.HandleFunc("/city/cafe", serve(pageCafe))
	mux.HandleFunc("/members/pumps", serve(pagePumps))
	mux.HandleFunc("/old/pumps", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/pumps", http.StatusFound) })
	mux.HandleFunc("/pumps", serve(pagePumps))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	d := neo4jtest.Fresh(t)
	ep := neo4jtest.Target(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	l := loader.New(d, loader.Config{Database: ep.Database})
	if err := l.Schema(ctx); err != nil {
		t.Fatal(err)
	}
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	urls := []string{srv.URL + "/city/cafe", srv.URL + "/missing", srv.URL + "/members/pumps", srv.URL + "/old/pumps"}
	opts := Options{}
	opts.Read.Fetcher = fetch.New(fetch.Options{HostDelay: time.Millisecond})
	res, err := Ingest(ctx, urls, IngestOptions{Options: opts, Loader: l, Extractor: x, StoryStore: l})
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, s := range res.Skipped {
		skipped = append(skipped, s.Err.Error())
	}
	if len(skipped) != 2 || !strings.Contains(skipped[0], "/missing") || !strings.Contains(skipped[0], "404") ||
		!strings.Contains(skipped[1], "/members/pumps") || !strings.Contains(skipped[1], "robots.txt") {
		t.Errorf("skipped %q, want the 404 and the disallowed page", skipped)
	}
	rows := query(t, `MATCH (a:Article) RETURN a.source AS source, a.url AS url ORDER BY a.source`)
	if len(rows) != 2 || rows[0]["source"] != srv.URL+"/city/cafe" || rows[1]["source"] != srv.URL+"/old/pumps" || rows[1]["url"] != srv.URL+"/pumps" {
		t.Errorf("articles %v", rows)
	}
	if said := query(t, `MATCH (s:Statement)-[:BY]->(p:Person) RETURN p.name AS who`); len(said) < 2 {
		t.Errorf("statements %v", said)
	}
}
