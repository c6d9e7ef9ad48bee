package main

import (
	"context"
	"fmt"
	"io"

	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/pipeline"
)

// printSummary prints what a load did, what the graph now holds, where to
// look at it and queries to try that name entities it holds; the inputs
// skipped are summarised by reason (each one is in the debug log).
func printSummary(ctx context.Context, w io.Writer, what string, l *loader.Loader, cfg loader.Config, res pipeline.IngestResult, skips *pipeline.Skips) error {
	sum, err := l.Summary(ctx)
	if err != nil {
		return err
	}
	hl, err := l.Highlights(ctx, 3)
	if err != nil {
		return err
	}
	st := res.Stats
	fmt.Fprintf(w, "\nnewsgraph %s into %s\n", what, cfg)
	fmt.Fprintf(w, "  articles: %d added, %d replaced, %d unchanged, %d invalid\n", st.Added, st.Replaced, st.Unchanged, len(st.Invalid))
	fmt.Fprintf(w, "graph now holds:\n%s\n", sum)
	skips.Write(w)
	browser, note := loader.BrowserURL(cfg.URI)
	switch {
	case browser == "":
		fmt.Fprintf(w, "\nLook at it in Neo4j Browser (%s).\n", note)
	case note != "":
		fmt.Fprintf(w, "\nLook at it in Neo4j Browser, probably at %s (%s).\n", browser, note)
	default:
		fmt.Fprintf(w, "\nLook at it in Neo4j Browser: %s\n", browser)
	}
	ex := hl.Examples(sum.SaidAbout)
	if len(ex) == 0 {
		fmt.Fprintln(w, "The graph holds no entities yet.")
		return nil
	}
	fmt.Fprint(w, "Queries to try there (more in docs/queries.cypher")
	if browser != "" {
		fmt.Fprintf(w, "; a server started by deploy/neo4j also has the guide: :play %snewsgraph/guide.html", browser)
	}
	fmt.Fprintln(w, "):")
	for _, q := range ex {
		fmt.Fprintf(w, "  // %s\n  %s\n", q.What, q.Cypher)
	}
	return nil
}
