package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/loader"
)

// printedQueries returns the queries an ingest summary prints: the line
// after each "  // what" line.
func printedQueries(stdout string) (what, cypher []string) {
	lines := strings.Split(stdout, "\n")
	for i, l := range lines {
		if w, ok := strings.CutPrefix(l, "  // "); ok && i+1 < len(lines) {
			what = append(what, w)
			cypher = append(cypher, strings.TrimSpace(lines[i+1]))
		}
	}
	return what, cypher
}

// TestSummaryNamesWhatWasLoaded: the queries an ingest suggests name the
// entities of the graph it built (the person of every article of the
// corpus, not an example name), and each of them returns rows there; the
// Browser line is derived from the URI connected to.
func TestSummaryNamesWhatWasLoaded(t *testing.T) {
	ep := neo4jtest.Target(t)
	drv := neo4jtest.Fresh(t)
	in := corpus(t, 12) // Anna Berg and Brindle are in every article
	r := run(t, nil, append(append([]string{"ingest"}, dbArgs(ep)...), in)...)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	what, cypher := printedQueries(r.stdout)
	if len(cypher) < 3 {
		t.Fatalf("%d queries printed, want at least 3\n%s", len(cypher), r)
	}
	if strings.Contains(r.stdout, "Ukraine") {
		t.Errorf("the summary names Ukraine, which is not in the graph\n%s", r.stdout)
	}
	if !strings.Contains(strings.Join(what, "\n"), "Anna Berg") {
		t.Errorf("no query names Anna Berg, the person mentioned in every article\n%s", r.stdout)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for i, q := range cypher {
		res, err := neo4j.ExecuteQuery(ctx, drv, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(ep.Database))
		if err != nil {
			t.Errorf("printed query %q fails: %v", q, err)
			continue
		}
		if len(res.Records) == 0 {
			t.Errorf("printed query (%s) returns nothing: %s", what[i], q)
		}
	}
	browser, _ := loader.BrowserURL(ep.URI)
	if browser == "" || len(linesWith(r.stdout, browser)) == 0 {
		t.Errorf("the summary does not point at %s (from %s)\n%s", browser, ep.URI, r.stdout)
	}
}
