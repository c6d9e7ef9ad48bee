package queries

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/pipeline"
	"github.com/newsgraph/newsgraph/quote"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// examples holds the result of loading examples/ into the package's test
// server: once per run, shared by every test that reads it.
var examples struct {
	once sync.Once
	err  error
}

// loadExamples returns a driver for the test server with examples/ loaded
// through the real pipeline (pipeline.Ingest into loader). Tests using it only
// read.
func loadExamples(t testing.TB) neo4j.DriverWithContext {
	t.Helper()
	d := neo4jtest.Driver(t) // fails (CI) or skips when there is no server
	examples.once.Do(func() {
		d = neo4jtest.Fresh(t)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		ep := neo4jtest.Target(t)
		// As the commands load: statements below the default confidence
		// make no SAID_ABOUT edge.
		l := loader.New(d, loader.Config{Database: ep.Database, MinConfidence: quote.MinConfidence()})
		if err := l.Schema(ctx); err != nil {
			examples.err = err
			return
		}
		x, err := pipeline.NewExtractor()
		if err != nil {
			examples.err = err
			return
		}
		res, err := pipeline.Ingest(ctx, []string{filepath.Join(repoRoot(t), "examples")},
			pipeline.IngestOptions{Loader: l, Extractor: x})
		if err != nil {
			examples.err = err
			return
		}
		if len(res.Skipped) > 0 {
			t.Logf("examples: %d inputs skipped: %v", len(res.Skipped), res.Skipped)
		}
		t.Logf("examples loaded: %+v", res.Stats)
	})
	if examples.err != nil {
		t.Fatalf("load examples/: %v", examples.err)
	}
	return d
}

// run executes a read query and returns its columns and rows.
func run(t testing.TB, d neo4j.DriverWithContext, cypher string) ([]string, []map[string]any, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, d, cypher, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(neo4jtest.Target(t).Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, nil, err
	}
	rows := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		rows[i] = r.AsMap()
	}
	return res.Keys, rows, nil
}

// Every query of docs/queries.cypher runs on the examples and gives the
// answer its expect: lines state.
func TestQueriesOnExamples(t *testing.T) {
	qs := loadQueries(t)
	d := loadExamples(t)
	for _, q := range qs {
		t.Run(q.Name, func(t *testing.T) {
			cols, rows, err := run(t, d, q.Cypher)
			if err != nil {
				t.Fatalf("docs/queries.cypher:%d %s: %v", q.Line, q.Name, err)
			}
			var failed []error
			for _, e := range q.Expect {
				if err := e.Check(cols, rows); err != nil {
					failed = append(failed, err)
				}
			}
			switch {
			case len(failed) == 0 && q.Pending != "":
				t.Logf("docs/queries.cypher:%d %s: pending (%s) but every expectation holds now: remove the pending: line", q.Line, q.Name, q.Pending)
			case len(failed) == 0:
			case q.Pending != "":
				t.Skipf("docs/queries.cypher:%d %s: pending: %s; unmet: %v", q.Line, q.Name, q.Pending, failed)
			default:
				for _, err := range failed {
					t.Errorf("docs/queries.cypher:%d %s: %v", q.Line, q.Name, err)
				}
				t.Logf("rows:\n%s", FormatRows(cols, rows, 20))
			}
		})
	}
}
