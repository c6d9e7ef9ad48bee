package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/pipeline"
)

// dbFlags are the Neo4j connection flags; empty flags fall back to the
// NEO4J_* environment.
type dbFlags struct {
	uri, username, password, database, tlsCA string
	batch                                    int
	countBy                                  loader.CountBy // set by ingest's --count-by
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
	var countBy string
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH...",
		Short: "Extract articles and load them into Neo4j",
		Long: `ingest reads articles, extracts entities and statements, and writes them to Neo4j in
batched transactions. It is idempotent: ingesting the same articles again changes
nothing, and an article whose text changed (same source) replaces its old
contributions. Ctrl-C stops after the current batch (exit status 130, "interrupted");
running again continues. Extraction of the next batch overlaps the writing of the
current one.

--count-by story (the default) counts each near-duplicate story once in
CO_MENTIONED_WITH and SAID_ABOUT, so a wire text printed by five outlets does not
count five times; every copy keeps its own MENTIONS and statements. --count-by copy
counts every article. A database keeps the rule of its first load.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cb, err := loader.ParseCountBy(countBy)
			if err != nil {
				return fmt.Errorf("--count-by: %w", err)
			}
			db.countBy = cb
			return runIngest(cmd.Context(), cmd.OutOrStdout(), args, in, db)
		},
	}
	in.register(cmd)
	db.register(cmd)
	countByFlag(cmd, &countBy)
	return cmd
}

func runIngest(ctx context.Context, out io.Writer, paths []string, in inputFlags, db dbFlags) error {
	x, err := in.newExtractor() // with the alias file's rules, as extract
	if err != nil {
		return err
	}
	cfg := db.config()
	cfg.Namer = x.Namer() // corpus-level entities (docs/resolution.md)
	l, err := loader.Connect(ctx, cfg)
	if err != nil {
		return err
	}
	defer l.Close(context.WithoutCancel(ctx))
	if err := l.Schema(ctx); err != nil {
		return err
	}
	prog := newProgress()
	opts := in.options()
	opts.Total = prog.setTotal // known after the first (story) pass: ETA
	res, err := pipeline.Ingest(ctx, paths, pipeline.IngestOptions{
		Options: opts, BatchSize: cfg.BatchSize, Loader: l, Extractor: x, Progress: prog.add,
		StoryStore: l, // stories right across runs (docs/stories.md)
	})
	prog.finish()
	if err != nil {
		return err
	}
	sum, err := l.Summary(context.WithoutCancel(ctx))
	if err != nil {
		return err
	}
	printSummary(out, cfg, res, sum)
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
	bar   *progressbar.ProgressBar
	n     int
	start time.Time
	last  time.Time
}

func newProgress() *progress {
	p := &progress{start: time.Now(), last: time.Now()}
	if term.IsTerminal(int(os.Stderr.Fd())) {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(os.Stderr),
			progressbar.OptionSetDescription("ingest"),
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
		slog.Info("ingest progress", "articles", p.n, "articles_per_s", fmt.Sprintf("%.0f", float64(p.n)/time.Since(p.start).Seconds()))
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
	el := time.Since(p.start)
	slog.Info("ingest done", "articles", p.n, "seconds", fmt.Sprintf("%.1f", el.Seconds()), "articles_per_s", fmt.Sprintf("%.0f", float64(p.n)/el.Seconds()))
}

func printSummary(w io.Writer, cfg loader.Config, res pipeline.IngestResult, sum loader.Summary) {
	st := res.Stats
	fmt.Fprintf(w, "\nnewsgraph ingest into %s\n", cfg)
	fmt.Fprintf(w, "  articles: %d added, %d replaced, %d unchanged, %d invalid\n", st.Added, st.Replaced, st.Unchanged, len(st.Invalid))
	fmt.Fprintf(w, "graph now holds:\n%s\n", sum)
	if len(res.Skipped) > 0 {
		fmt.Fprintf(w, "skipped %d input(s):\n", len(res.Skipped))
		for i, it := range res.Skipped {
			if i == 10 {
				fmt.Fprintf(w, "  ... and %d more (each is in the log above)\n", len(res.Skipped)-10)
				break
			}
			fmt.Fprintf(w, "  %s\n", it.Err)
		}
	}
	fmt.Fprintf(w, "\nLook at it in Neo4j Browser: %s\n", browserURL(cfg.URI))
	fmt.Fprintln(w, "Queries to try there (more in docs/queries.cypher; the guide: :play http://localhost:7474/browser/newsgraph/guide.html):")
	for _, q := range firstQueries {
		fmt.Fprintf(w, "  // %s\n  %s\n", q[0], q[1])
	}
}

// firstQueries are printed after an ingest: what each answers, and the query.
var firstQueries = [][2]string{
	{"who said what about whom, most often first",
		"MATCH (a:Entity)-[r:SAID_ABOUT]->(b:Entity) RETURN a.name, r.count, b.name ORDER BY r.count DESC LIMIT 10;"},
	{"what was said about one entity, with the quotes and the article",
		"MATCH (s:Statement)-[:ABOUT]->(e:Entity {name: 'Ukraine'}), (s)-[:BY]->(who), (s)-[:IN]->(a:Article) RETURN who.name, s.text, a.title LIMIT 10;"},
	{"the neighbourhood of the most mentioned person, as a graph",
		"MATCH (p:Person)<-[m:MENTIONS]-() WITH p, sum(m.count) AS n ORDER BY n DESC LIMIT 1 MATCH (p)-[r:CO_MENTIONED_WITH|SAID_ABOUT]-(o) RETURN p, r, o;"},
}

// browserURL guesses where Neo4j Browser is served for a Bolt URI: the same
// host on port 7474.
func browserURL(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Hostname() == "" {
		return "http://localhost:7474/browser/"
	}
	scheme := "http"
	if strings.HasSuffix(u.Scheme, "+s") || strings.HasSuffix(u.Scheme, "+ssc") {
		scheme = "https"
	}
	return scheme + "://" + u.Hostname() + ":7474/browser/"
}
