package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/pipeline"
	"github.com/newsgraph/newsgraph/quote"
)

// countByFlag registers --count-by (default story) on cmd, setting v.
func countByFlag(cmd *cobra.Command, v *loader.CountBy) {
	*v = loader.CountByStory
	cmd.Flags().Var((*countByValue)(v), "count-by", `what CO_MENTIONED_WITH and SAID_ABOUT count: "story" (the copies of one near-duplicate story count once: syndicated wire texts do not inflate the graph) or "copy" (every article counts); a database keeps the rule of its first load`)
}

// minConfidenceFlag registers --min-confidence (default: the embedded
// calibrator's threshold) on cmd, setting v.
func minConfidenceFlag(cmd *cobra.Command, v *float64) {
	cmd.Flags().Float64Var(v, "min-confidence", quote.MinConfidence(), `the confidence a statement needs to count in SAID_ABOUT (count and summed confidence); weaker statements are kept as Statement nodes with the label Weak. The default gives a said-about pair precision of about 0.90 on PolNeAR dev (docs/quotes.md); 0 counts every statement. A database keeps the threshold of its first load`)
}

// countByValue is --count-by, checked when it is set.
type countByValue loader.CountBy

func (v *countByValue) String() string { return loader.CountBy(*v).String() }

func (v *countByValue) Set(s string) error {
	cb, err := loader.ParseCountBy(s)
	if err != nil {
		return err
	}
	*v = countByValue(cb)
	return nil
}

func (v *countByValue) Type() string { return "rule" }

func exportCommand() *cobra.Command {
	var in inputFlags
	var format, database string
	var countBy loader.CountBy
	var minConf float64
	var extracted bool
	cmd := &cobra.Command{
		Use:   "export --format neo4j-admin [flags] DIR PATH...",
		Short: "Extract articles and write CSV files for neo4j-admin database import",
		Long: `export extracts articles as ingest does and writes the graph ingest would build as
node and relationship CSV files (with headers) into DIR, for the bulk importer:
much faster than ingest for the first load of a big archive. It prints the exact
neo4j-admin command. Run it with the Neo4j server stopped, start the server, then run
"newsgraph schema" (the importer creates no constraints or indexes). The export holds
the ingest ledger, so later ingests update the imported graph incrementally.
The graph is built in memory: memory grows with the extracted documents.

With --extracted, PATH... are what "newsgraph extract" wrote (JSON Lines, .gz,
folders, -; for example the shards of an extraction split over many machines,
docs/scaling.md): they are read, not extracted again, and grouped into stories by
their story_sig, as load does.`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "neo4j-admin" {
				return fmt.Errorf("--format %q: only neo4j-admin is supported", format)
			}
			return runExport(cmd.Context(), cmd.OutOrStdout(), args[0], args[1:], in, loader.ExportOptions{CountBy: countBy, MinConfidence: minConf}, database, extracted)
		},
	}
	cmd.Flags().StringVar(&format, "format", "neo4j-admin", "output format (neo4j-admin)")
	cmd.Flags().StringVar(&database, "database", "neo4j", "database name in the printed import command")
	countByFlag(cmd, &countBy)
	minConfidenceFlag(cmd, &minConf)
	cmd.Flags().BoolVar(&extracted, "extracted", false, "PATH... are JSON Lines written by extract: read them instead of extracting articles")
	in.register(cmd)
	return cmd
}

// errStopped ends a push iterator's callback when its consumer stops.
var errStopped = errors.New("stopped")

func runExport(ctx context.Context, out io.Writer, dir string, paths []string, in inputFlags, opts loader.ExportOptions, database string, extracted bool) error {
	var skips pipeline.Skips
	var signed iter.Seq2[graph.Doc, string]
	var spoolErr error
	namer, err := in.resolver() // corpus entities by the alias file's rules, as extraction names them
	if err != nil {
		return err
	}
	if extracted {
		signed = pipeline.SignedRecords(ctx, paths, in.options(), skips.Add)
	} else {
		x, err := in.newExtractor()
		if err != nil {
			return err
		}
		signed = pipeline.Signed(ctx, x, paths, in.options(), skips.Add)
		if in.options().TwoPass(paths) {
			// Final stories from one read of the inputs.
			signed = func(yield func(graph.Doc, string) bool) {
				err := pipeline.Spooled(ctx, x, paths, in.options(), skips.Add, func(d graph.Doc, sig string) error {
					if !yield(d, sig) {
						return errStopped
					}
					return nil
				})
				if err != nil && !errors.Is(err, errStopped) {
					spoolErr = err
				}
			}
		}
	}
	sigs := map[string]string{}
	docs := func(yield func(graph.Doc) bool) {
		for d, sig := range signed {
			sigs[d.ID] = sig
			if !yield(d) {
				return
			}
		}
	}
	opts.StorySig, opts.Namer = func(id string) string { return sigs[id] }, namer
	ex, err := loader.ExportCSV(dir, docs, opts)
	if err != nil {
		return err
	}
	if spoolErr != nil {
		return spoolErr
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%w: the export in %s is incomplete", errInterrupted, dir)
	}
	fmt.Fprintf(out, "wrote %d articles (%d node and %d relationship files, counted per %s, said-about at confidence >= %g) to %s\n",
		ex.Articles, len(ex.Nodes), len(ex.Relationships), opts.CountBy, opts.MinConfidence, dir)
	fmt.Fprintf(out, "import them with the server stopped (then start it and run newsgraph schema):\n\n%s\n", ex.Command(database))
	if skips.Len() > 0 {
		skips.Write(out)
		return errInputsFailed
	}
	return nil
}
