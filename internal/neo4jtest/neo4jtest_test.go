package neo4jtest_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// The server needs a password, answers with it, and keeps what is written.
func TestWriteAndReadBack(t *testing.T) {
	ctx := context.Background()
	d := neo4jtest.Fresh(t)
	ep := neo4jtest.Target(t)

	_, err := neo4j.ExecuteQuery(ctx, d,
		"CREATE (:Probe {id: $id, name: $name})-[:SEES {n: 3}]->(:Probe {id: 'b'})",
		map[string]any{"id": "a", "name": "Zoë ☃"}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(ep.Database))
	if err != nil {
		t.Fatalf("write: %v", err)
	}

	// Read back on a new driver, to be sure it was committed.
	d2, err := neo4j.NewDriverWithContext(ep.URI, ep.Auth())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = d2.Close(ctx) }()
	res, err := neo4j.ExecuteQuery(ctx, d2,
		"MATCH (a:Probe {id: 'a'})-[r:SEES]->(b:Probe) RETURN a.name AS name, r.n AS n, b.id AS b",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(ep.Database),
		neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("got %d records, want 1", len(res.Records))
	}
	r := res.Records[0].AsMap()
	if r["name"] != "Zoë ☃" || r["n"] != int64(3) || r["b"] != "b" {
		t.Fatalf("read back %v", r)
	}
}

// A wrong password is refused: the server really checks credentials.
func TestWrongPasswordRefused(t *testing.T) {
	ep := neo4jtest.Target(t)
	if ep.Password == "" {
		t.Skip("the server runs without authentication")
	}
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(ep.URI, neo4j.BasicAuth(ep.Username, ep.Password+"-wrong", ""))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = d.Close(ctx) }()
	if err := d.VerifyConnectivity(ctx); err == nil {
		t.Fatal("connected with a wrong password")
	}
}

// Fresh leaves no nodes, relationships, constraints or indexes behind.
func TestFreshEmptiesDatabase(t *testing.T) {
	ctx := context.Background()
	d := neo4jtest.Fresh(t)
	db := neo4j.ExecuteQueryWithDatabase(neo4jtest.Target(t).Database)
	for _, q := range []string{
		"CREATE CONSTRAINT probe_id IF NOT EXISTS FOR (p:Probe) REQUIRE p.id IS UNIQUE",
		"CREATE FULLTEXT INDEX probe_names IF NOT EXISTS FOR (p:Probe) ON EACH [p.name]",
		"UNWIND range(1, 50) AS i CREATE (:Probe {id: toString(i)})-[:NEXT]->(:Other)",
	} {
		if _, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer, db); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}

	d = neo4jtest.Fresh(t)
	for q, want := range map[string]int64{
		"MATCH (n) RETURN count(n)":                                      0,
		"MATCH ()-[r]->() RETURN count(r)":                               0,
		"SHOW CONSTRAINTS YIELD name RETURN count(*)":                    0,
		"SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN count(*)": 0,
	} {
		res, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer, db)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if got := res.Records[0].Values[0].(int64); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
}

// A stopped server refuses work; started again on the same endpoint, it has
// kept what was committed. (Later tests of failures mid-ingest rely on this.)
func TestStopStartKeepsEndpointAndData(t *testing.T) {
	ctx := context.Background()
	d := neo4jtest.Fresh(t)
	neo4jtest.Container(t) // skips when the server is not a container
	db := neo4j.ExecuteQueryWithDatabase(neo4jtest.Target(t).Database)
	if _, err := neo4j.ExecuteQuery(ctx, d, "CREATE (:Probe {id: 'kept'})", nil, neo4j.EagerResultTransformer, db); err != nil {
		t.Fatal(err)
	}

	neo4jtest.Stop(t, 30*time.Second)
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	_, err := neo4j.ExecuteQuery(short, d, "RETURN 1", nil, neo4j.EagerResultTransformer, db)
	cancel()
	if err == nil {
		t.Fatal("a query succeeded while the server was stopped")
	}

	neo4jtest.Start(t)
	res, err := neo4j.ExecuteQuery(ctx, d, "MATCH (p:Probe {id: 'kept'}) RETURN count(p)", nil, neo4j.EagerResultTransformer, db)
	if err != nil {
		t.Fatalf("after restart: %v", err)
	}
	if n := res.Records[0].Values[0].(int64); n != 1 {
		t.Fatalf("after restart found %d probe nodes, want 1", n)
	}
}
