package loader

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestServerStopsMidLoad stops the Neo4j container while batches are being
// written, starts it again, and re-runs the whole load: the graph must equal
// one clean load. Batches in flight when the server stopped either failed
// (rolled back) or were retried by the driver once it was back; neither may
// leave a half-written or double-counted batch. Needs the test container
// (skipped with NEO4J_TEST_URI).
func TestServerStopsMidLoad(t *testing.T) {
	neo4jtest.Container(t)
	docs := syntheticDocs(400, 71)
	want := cleanDump(t, docs)

	l := freshLoader(t)
	load(t, l, docs[:50])
	ctx := context.Background()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		failures []error
	)
	started := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 50; i < len(docs); i += 25 {
			if i == 75 {
				close(started)
			}
			if _, err := l.Load(ctx, docs[i:min(i+25, len(docs))]); err != nil {
				mu.Lock()
				failures = append(failures, err)
				mu.Unlock()
			}
		}
	}()
	<-started
	neo4jtest.Stop(t, 10*time.Second)
	time.Sleep(2 * time.Second)
	neo4jtest.Start(t)
	wg.Wait()
	for _, err := range failures {
		t.Logf("while the server was down: %v", err)
	}

	// Re-run everything, as a user would after the failure.
	for i := 0; i < len(docs); i += 100 {
		load(t, l, docs[i:min(i+100, len(docs))])
	}
	sameGraph(t, "after a server restart mid-load and a re-run", dump(t, l), want)
}
