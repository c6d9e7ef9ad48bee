package loader

import (
	"os"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// The integration tests use one real Neo4j per test run (internal/neo4jtest:
// a test container, or NEO4J_TEST_URI).

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// freshLoader empties the test database (data, constraints, indexes) and
// returns a Loader on it; its first Load creates the schema.
func freshLoader(t testing.TB) *Loader {
	t.Helper()
	return New(neo4jtest.Fresh(t), Config{})
}
