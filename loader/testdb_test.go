package loader

import (
	"context"
	"os"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Temporary until internal/neo4jtest lands: a server from NEO4J_TEST_URI.

var testDriver neo4j.DriverWithContext

func TestMain(m *testing.M) {
	if uri := os.Getenv("NEO4J_TEST_URI"); uri != "" {
		d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
		if err != nil {
			panic(err)
		}
		testDriver = d
	}
	os.Exit(m.Run())
}

func freshLoader(t *testing.T) *Loader {
	t.Helper()
	if testDriver == nil {
		t.Skip("no Neo4j: set NEO4J_TEST_URI")
	}
	ctx := context.Background()
	if _, err := neo4j.ExecuteQuery(ctx, testDriver, "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil, neo4j.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
	return New(testDriver, Config{})
}
