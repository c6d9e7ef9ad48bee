// Package loader writes newsgraph documents (graph.Doc) into Neo4j.
//
// It creates the schema (uniqueness constraints, the full-text index over
// entity names and aliases, range indexes), writes batches of documents with
// UNWIND queries inside one managed write transaction per batch, and keeps an
// ingest ledger (one :Ingest node per source) so that loading is idempotent:
// the same documents loaded again change nothing, any split into batches in
// any order gives the same graph, and a source whose text changed replaces
// its old contribution. It also reads the graph back (Summary, Dump) and
// writes CSV files for neo4j-admin database import (ExportCSV).
//
// See docs/loading.md for the graph, the ledger and the rules that make the
// result independent of loading order.
package loader

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/newsgraph/newsgraph/resolve"
)

// DefaultURI is used when NEO4J_URI is not set.
const DefaultURI = "bolt://localhost:7687"

// DefaultBatchSize is the number of documents per transaction when
// Config.BatchSize is zero (see docs/loading.md for the measurements).
const DefaultBatchSize = 1000

// Config says where Neo4j is. The zero Username and Password mean no
// authentication; the zero Database means the server's default database.
type Config struct {
	URI      string
	Username string
	Password string
	Database string
	// TLSCAFile is a PEM file of the certificate authorities to trust for a
	// neo4j+s:// or bolt+s:// URI instead of the system's (a private CA, a
	// self-signed server). "" means the system's.
	TLSCAFile string
	// BatchSize is the number of documents a caller should put into one
	// Load call; Loader does not split batches itself. 0 means DefaultBatchSize.
	BatchSize int
	// CountBy says what the aggregate edges count: every copy of a story
	// (CountByCopy, the zero value) or each story once (CountByStory).
	// A database keeps the rule of its first load.
	CountBy CountBy
	// MinConfidence is the confidence a statement needs to count in
	// SAID_ABOUT (its count and summed confidence); weaker statements are
	// stored, with the label Weak, and make no edge. 0 counts every
	// statement; newsgraph's commands default to quote.MinConfidence().
	// Thousandths count (confidences have three decimals). A database
	// keeps the threshold of its first load.
	MinConfidence float64
	// Namer turns on corpus-level entity resolution (package resolve):
	// the keys articles give their entities are joined into corpus
	// entities by the evidence of all articles in the database. Loads map
	// keys provisionally; Resolve brings the whole graph in line. nil:
	// no resolution, every key is an entity of its own.
	Namer resolve.Namer
}

// CountBy is what CO_MENTIONED_WITH (articles, sentences) and SAID_ABOUT
// (count) count.
type CountBy int

const (
	// CountByCopy: every article adds to the aggregate edges, so a wire
	// story printed by five outlets counts five times.
	CountByCopy CountBy = iota
	// CountByStory: each story (the copies of one near-duplicate text)
	// adds once: the union of its copies' co-mention pairs and
	// statements, each counted once (units.go). Every copy keeps its own
	// MENTIONS and Statements (the evidence). newsgraph's default.
	CountByStory
)

// ErrCountBy is returned (wrapped) when a load's CountBy differs from the
// database's.
var ErrCountBy = errors.New("count-by differs from the database's")

// ErrMinConfidence is returned (wrapped) when a load's MinConfidence
// differs from the database's.
var ErrMinConfidence = errors.New("min-confidence differs from the database's")

// thousandths is a confidence in thousandths, the unit in which the loader
// compares and sums confidences (exact, so that the edges do not depend on
// the order of additions and subtractions).
func thousandths(c float64) int { return int(math.Round(c * 1000)) }

// minConf is the configured threshold in thousandths.
func (l *Loader) minConf() int { return thousandths(l.cfg.MinConfidence) }

func (c CountBy) String() string {
	if c == CountByStory {
		return "story"
	}
	return "copy"
}

// ParseCountBy reads "story" or "copy".
func ParseCountBy(s string) (CountBy, error) {
	switch s {
	case "story":
		return CountByStory, nil
	case "copy":
		return CountByCopy, nil
	}
	return 0, fmt.Errorf("count-by %q: want story or copy", s)
}

// ConfigFromEnv reads NEO4J_URI (default bolt://localhost:7687),
// NEO4J_USERNAME (default neo4j when a password is set), NEO4J_PASSWORD,
// NEO4J_DATABASE and NEO4J_TLS_CA (Config.TLSCAFile).
func ConfigFromEnv() Config {
	c := Config{
		URI:       os.Getenv("NEO4J_URI"),
		Username:  os.Getenv("NEO4J_USERNAME"),
		Password:  os.Getenv("NEO4J_PASSWORD"),
		Database:  os.Getenv("NEO4J_DATABASE"),
		TLSCAFile: os.Getenv("NEO4J_TLS_CA"),
	}
	if c.URI == "" {
		c.URI = DefaultURI
	}
	if c.Username == "" && c.Password != "" {
		c.Username = "neo4j" // Neo4j's own tools assume this user too
	}
	return c
}

// String describes c without the password.
func (c Config) String() string {
	db := c.Database
	if db == "" {
		db = "(default)"
	}
	user := c.Username
	if user == "" {
		user = "(none)"
	}
	return fmt.Sprintf("uri=%s user=%s database=%s", redactURI(c.URI), user, db)
}

// Loader writes documents to one Neo4j database. Its methods may be called
// from several goroutines, but Load calls are serialised: one batch is
// written at a time, and concurrent loaders in other processes are
// serialised by a lock node in the database.
type Loader struct {
	driver neo4j.DriverWithContext
	cfg    Config

	mu         sync.Mutex // serialises Load
	schemaDone atomic.Bool
	table      *resolve.Table   // this run's evidence, for provisional mappings (under mu)
	tabled     map[string]bool  // the articles in table (each counts once)
	mapping    *resolve.Mapping // the last provisional mapping
	mappedKeys int              // table.Len() when it was made
	run        runMapping       // whether every batch of the run had one mapping (under mu)
}

// ErrAuth is returned (wrapped) by Connect when Neo4j rejects the credentials.
var ErrAuth = errors.New("neo4j rejected the username or password")

// ErrUnreachable is returned (wrapped) by Connect when no Neo4j answers at the URI.
var ErrUnreachable = errors.New("cannot reach neo4j")

// Connect opens a driver for cfg and verifies that the server answers and
// accepts the credentials. Its errors name the URI and user, never the password.
func Connect(ctx context.Context, cfg Config) (*Loader, error) {
	if cfg.URI == "" {
		cfg.URI = DefaultURI
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	auth := neo4j.NoAuth()
	if cfg.Username != "" || cfg.Password != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	var opts []func(*config.Config)
	if cfg.TLSCAFile != "" {
		tc, err := tlsConfig(cfg)
		if err != nil {
			return nil, err
		}
		opts = append(opts, func(c *config.Config) { c.TlsConfig = tc })
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth, opts...)
	if err != nil {
		return nil, fmt.Errorf("neo4j %s: %w", redactURI(cfg.URI), scrub(err, cfg.Password))
	}
	if err := drv.VerifyConnectivity(ctx); err != nil {
		_ = drv.Close(context.WithoutCancel(ctx))
		return nil, connectError(cfg, err)
	}
	if cfg.Database != "" {
		// VerifyConnectivity does not check the database; a cheap query does.
		_, err := neo4j.ExecuteQuery(ctx, drv, "RETURN 1", nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			_ = drv.Close(context.WithoutCancel(ctx))
			return nil, connectError(cfg, err)
		}
	}
	return &Loader{driver: drv, cfg: cfg}, nil
}

// tlsConfig trusts the certificate authorities of cfg.TLSCAFile. The driver
// sets ServerName from the URI's host.
func tlsConfig(cfg Config) (*tls.Config, error) {
	u, err := url.Parse(cfg.URI)
	if err != nil {
		return nil, fmt.Errorf("neo4j uri %s: %w", redactURI(cfg.URI), err)
	}
	if !strings.HasSuffix(u.Scheme, "+s") {
		return nil, fmt.Errorf("a TLS CA file (%s) needs a neo4j+s:// or bolt+s:// URI, not %s://", cfg.TLSCAFile, u.Scheme)
	}
	pem, err := os.ReadFile(cfg.TLSCAFile)
	if err != nil {
		return nil, fmt.Errorf("TLS CA file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("TLS CA file %s: no PEM certificate in it", cfg.TLSCAFile)
	}
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, nil
}

// New wraps an open driver (for tests and callers that manage their own
// driver). Close closes that driver.
func New(drv neo4j.DriverWithContext, cfg Config) *Loader {
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	return &Loader{driver: drv, cfg: cfg}
}

// Driver returns the underlying driver, for callers that run their own queries.
func (l *Loader) Driver() neo4j.DriverWithContext { return l.driver }

// Config returns the configuration the loader was opened with.
func (l *Loader) Config() Config { return l.cfg }

// Close closes the driver.
func (l *Loader) Close(ctx context.Context) error {
	if err := l.driver.Close(ctx); err != nil {
		return fmt.Errorf("close neo4j driver: %w", err)
	}
	return nil
}

func connectError(cfg Config, err error) error {
	var nerr *neo4j.Neo4jError
	user := cfg.Username
	if user == "" {
		user = "(none)"
	}
	switch {
	case errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.Security."):
		return fmt.Errorf("neo4j at %s, user %s: %w (%s)", redactURI(cfg.URI), user, ErrAuth, nerr.Code)
	case errors.As(err, &nerr) && strings.Contains(nerr.Code, "Database"):
		return fmt.Errorf("neo4j at %s: database %q: %s", redactURI(cfg.URI), cfg.Database, nerr.Msg)
	case neo4j.IsConnectivityError(err) || isDialError(err):
		hint := ""
		if u, perr := url.Parse(cfg.URI); perr == nil && !strings.Contains(u.Scheme, "+s") && strings.HasSuffix(err.Error(), "EOF") {
			hint = " (the server closed the connection: does it require TLS? try neo4j+s:// or bolt+s://)"
		}
		if strings.Contains(err.Error(), "x509: certificate signed by unknown authority") && cfg.TLSCAFile == "" {
			hint = " (a private CA? name its PEM file in NEO4J_TLS_CA or with --tls-ca)"
		}
		return fmt.Errorf("%w at %s: %v%s", ErrUnreachable, redactURI(cfg.URI), scrub(err, cfg.Password), hint)
	default:
		return fmt.Errorf("neo4j at %s: %w", redactURI(cfg.URI), scrub(err, cfg.Password))
	}
}

func isDialError(err error) bool {
	s := err.Error()
	return strings.Contains(s, "connection refused") || strings.Contains(s, "no such host") ||
		strings.Contains(s, "i/o timeout") || strings.Contains(s, "ConnectivityError")
}

// scrub removes the password from an error's text, in case a driver error
// ever quotes a URI or token.
func scrub(err error, password string) error {
	if err == nil || password == "" || !strings.Contains(err.Error(), password) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), password, "*****"))
}

// redactURI drops any user information from a URI.
func redactURI(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	u.User = nil
	return u.String()
}

func (l *Loader) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return l.driver.NewSession(ctx, neo4j.SessionConfig{
		AccessMode:      mode,
		DatabaseName:    l.cfg.Database,
		BookmarkManager: l.driver.ExecuteQueryBookmarkManager(),
	})
}

func (l *Loader) logger() *slog.Logger { return slog.Default().With("component", "loader") }
