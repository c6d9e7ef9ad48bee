package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/pipeline"
)

// countByFlag registers --count-by (default story) on cmd.
func countByFlag(cmd *cobra.Command, v *string) {
	cmd.Flags().StringVar(v, "count-by", "story", `what CO_MENTIONED_WITH and SAID_ABOUT count: "story" (the copies of one near-duplicate story count once: syndicated wire texts do not inflate the graph) or "copy" (every article counts); a database keeps the rule of its first load`)
}

func exportCommand() *cobra.Command {
	var in inputFlags
	var format, countBy, database string
	cmd := &cobra.Command{
		Use:   "export --format neo4j-admin [flags] DIR PATH...",
		Short: "Extract articles and write CSV files for neo4j-admin database import",
		Long: `export extracts articles as ingest does and writes the graph ingest would build as
node and relationship CSV files (with headers) into DIR, for the bulk importer:
much faster than ingest for the first load of a big archive. It prints the exact
neo4j-admin command. Run it with the Neo4j server stopped, start the server, then run
"newsgraph schema" (the importer creates no constraints or indexes). The export holds
the ingest ledger, so later ingests update the imported graph incrementally.
The graph is built in memory: memory grows with the extracted documents.`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "neo4j-admin" {
				return fmt.Errorf("--format %q: only neo4j-admin is supported", format)
			}
			cb, err := loader.ParseCountBy(countBy)
			if err != nil {
				return fmt.Errorf("--count-by: %w", err)
			}
			return runExport(cmd.Context(), cmd.OutOrStdout(), args[0], args[1:], in, cb, database)
		},
	}
	cmd.Flags().StringVar(&format, "format", "neo4j-admin", "output format (neo4j-admin)")
	cmd.Flags().StringVar(&database, "database", "neo4j", "database name in the printed import command")
	countByFlag(cmd, &countBy)
	in.register(cmd)
	return cmd
}

func runExport(ctx context.Context, out io.Writer, dir string, paths []string, in inputFlags, cb loader.CountBy, database string) error {
	x, err := pipeline.NewExtractor()
	if err != nil {
		return err
	}
	sigs := map[string]string{}
	var skipped []pipeline.Item
	docs := func(yield func(graph.Doc) bool) {
		onSkip := func(it pipeline.Item) {
			skipped = append(skipped, it)
			slog.Warn("skipped input", "reason", it.Err.Error())
		}
		for d, sig := range pipeline.Signed(ctx, x, paths, in.options(), onSkip) {
			sigs[d.ID] = sig
			if !yield(d) {
				return
			}
		}
	}
	ex, err := loader.ExportCSV(dir, docs, loader.ExportOptions{
		CountBy: cb, StorySig: func(id string) string { return sigs[id] }, Namer: x.Namer(),
	})
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%w: the export in %s is incomplete", errInterrupted, dir)
	}
	fmt.Fprintf(out, "wrote %d articles (%d node and %d relationship files, counted per %s) to %s\n",
		ex.Articles, len(ex.Nodes), len(ex.Relationships), cb, dir)
	fmt.Fprintf(out, "import them with the server stopped (then start it and run newsgraph schema):\n\n%s\n", ex.Command(database))
	if len(skipped) > 0 {
		fmt.Fprintf(out, "skipped %d input(s) (each is in the log above)\n", len(skipped))
		return errInputsFailed
	}
	return nil
}
