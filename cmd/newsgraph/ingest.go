package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/pipeline"
)

// dbFlags are the Neo4j connection flags; empty flags fall back to the
// NEO4J_* environment.
type dbFlags struct {
	uri, username, password, database, tlsCA string
	batch                                    int
	countBy                                  loader.CountBy // set by ingest's --count-by
	minConf                                  float64        // set by ingest's --min-confidence
}

func (f *dbFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.uri, "uri", "", "Neo4j URI (default $NEO4J_URI or bolt://localhost:7687); neo4j+s:// and bolt+s:// for TLS")
	cmd.Flags().StringVar(&f.username, "username", "", "Neo4j user (default $NEO4J_USERNAME or neo4j)")
	cmd.Flags().StringVar(&f.password, "password", "", "Neo4j password (default $NEO4J_PASSWORD; never printed)")
	cmd.Flags().StringVar(&f.database, "database", "", "Neo4j database (default $NEO4J_DATABASE or neo4j)")
	cmd.Flags().StringVar(&f.tlsCA, "tls-ca", "", "PEM file of the certificate authorities to trust for a neo4j+s:// or bolt+s:// URI (default $NEO4J_TLS_CA, else the system's)")
	cmd.Flags().IntVar(&f.batch, "batch-size", 0, "articles per write transaction (0: the loader's default)")
}

func (f *dbFlags) config() loader.Config {
	c := loader.ConfigFromEnv()
	if f.uri != "" {
		c.URI = f.uri
	}
	if f.username != "" {
		c.Username = f.username
	}
	if f.password != "" {
		c.Password = f.password
	}
	if f.database != "" {
		c.Database = f.database
	}
	if f.tlsCA != "" {
		c.TLSCAFile = f.tlsCA
	}
	if f.batch > 0 {
		c.BatchSize = f.batch
	}
	c.CountBy = f.countBy
	c.MinConfidence = f.minConf
	if c.Username == "" && c.Password != "" {
		c.Username = "neo4j"
	}
	return c
}

func schemaCommand() *cobra.Command {
	var db dbFlags
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Create newsgraph's constraints and indexes in Neo4j (idempotent)",
		Long: `schema creates the uniqueness constraints on every id (Article, Entity, Statement)
and the full-text index over entity names and aliases. ingest does this too; running
it again changes nothing.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := loader.Connect(cmd.Context(), db.config())
			if err != nil {
				return err
			}
			defer l.Close(context.WithoutCancel(cmd.Context()))
			if err := l.Schema(cmd.Context()); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "schema is in place")
			return nil
		},
	}
	db.register(cmd)
	return cmd
}

func ingestCommand() *cobra.Command {
	var in inputFlags
	var db dbFlags
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH...",
		Short: "Extract articles and load them into Neo4j",
		Long: `ingest reads articles, extracts entities and statements, and writes them to Neo4j in
batched transactions. It is idempotent: ingesting the same articles again changes
nothing, and an article whose text changed (same source) replaces its old
contributions. Ctrl-C stops after the current batch (exit status 130, "interrupted");
running again continues. With files (--stories two-pass, the default) the names of every article
are recognized first (they wait in a temporary file), then statements are attributed
while the batches are written, each article with its final story and the corpus-level
entities of the whole run; from standard input
or URLs (--stories stream) extraction of the next batch overlaps the writing of the
current one.

--count-by story (the default) counts each near-duplicate story once in
CO_MENTIONED_WITH and SAID_ABOUT, as the union of its copies' pairs and statements,
so a wire text printed by five outlets does not count five times and what only a
longer copy says still counts; every copy keeps its own MENTIONS and statements.
--count-by copy counts every article. A database keeps the rule of its first load.

--min-confidence: SAID_ABOUT edges count only statements at or above this confidence
(the default aims at a said-about pair precision of 0.90); every statement is kept as a
Statement node with its confidence and kind, the weaker ones with the label Weak. A
database keeps the threshold of its first load (docs/quotes.md, docs/queries.cypher).

PATH may be a file, a folder, a WARC archive (.warc, .warc.gz), an http:// or
https:// URL (fetched politely: see the --fetch flags), or - for standard input.`,
		Args: in.needInputs,
		RunE: func(cmd *cobra.Command, args []string) error {
			args, err := in.inputs(args)
			if err != nil {
				return err
			}
			x, err := in.newExtractor()
			if err != nil {
				return err
			}
			extractGC()
			return runIngest(cmd.Context(), cmd.OutOrStdout(), args, in.options(), db, x.Namer(), pipeline.IngestOptions{Extractor: x})
		},
	}
	in.register(cmd)
	in.registerWeb(cmd)
	db.register(cmd)
	countByFlag(cmd, &db.countBy)
	minConfidenceFlag(cmd, &db.minConf)
	return cmd
}

// runIngest loads the documents of paths into Neo4j with pipeline.Ingest:
// extracted by how.Extractor (ingest), or read by how.Read (load: what
// extract wrote). Both take the same path into the loader, with the same
// ledger, stories across runs, corpus-level entities (namer, the resolver
// the articles were extracted with), summary and exit statuses.
func runIngest(ctx context.Context, out io.Writer, paths []string, opts pipeline.Options, db dbFlags, namer *graph.Resolver, how pipeline.IngestOptions) error {
	cfg := db.config()
	cfg.Namer = namer // corpus-level entities (docs/resolution.md)
	l, err := loader.Connect(ctx, cfg)
	if err != nil {
		return err
	}
	defer l.Close(context.WithoutCancel(ctx))
	if err := l.Schema(ctx); err != nil {
		return err
	}
	what := "ingest"
	if how.Read != nil {
		what = "load"
	}
	prog := newProgress(what)
	opts.Total = prog.setTotal // known after the first (story) pass: ETA
	var skips pipeline.Skips
	how.Options = opts
	how.BatchSize = cfg.BatchSize
	how.Loader = l
	how.Progress = prog.add
	how.StoryStore = l // stories right across runs (docs/stories.md)
	how.OnSkip = skips.Add
	res, err := pipeline.Ingest(ctx, paths, how)
	prog.finish()
	if err != nil {
		return err
	}
	if err := printSummary(context.WithoutCancel(ctx), out, what, l, cfg, res, &skips); err != nil {
		return err
	}
	if res.Interrupted {
		return fmt.Errorf("%w: the batches written so far are complete; run the same command again to continue", errInterrupted)
	}
	if len(res.Skipped) > 0 {
		return errInputsFailed
	}
	return nil
}

// progress shows articles/s on a terminal and logs plain lines otherwise.
type progress struct {
	what  string // the command: ingest, load
	bar   *progressbar.ProgressBar
	n     int
	start time.Time
	last  time.Time
}

func newProgress(what string) *progress {
	p := &progress{what: what, start: time.Now(), last: time.Now()}
	if term.IsTerminal(int(os.Stderr.Fd())) {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// setTotal gives the bar the number of articles to expect, for its ETA.
func (p *progress) setTotal(n int) {
	if p.bar != nil {
		p.bar.ChangeMax(n)
	}
}

func (p *progress) add(n int) {
	p.n += n
	if p.bar != nil {
		_ = p.bar.Add(n)
		return
	}
	if time.Since(p.last) >= 5*time.Second {
		p.last = time.Now()
		slog.Info(p.what+" progress", "articles", p.n, "articles_per_s", fmt.Sprintf("%.0f", float64(p.n)/time.Since(p.start).Seconds()))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
	el := time.Since(p.start)
	slog.Info(p.what+" done", "articles", p.n, "seconds", fmt.Sprintf("%.1f", el.Seconds()), "articles_per_s", fmt.Sprintf("%.0f", float64(p.n)/el.Seconds()))
}
