package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/loader"
)

// killCorpus writes n invented articles (distinct texts, shared people,
// organizations and places, statements) as JSON Lines and returns the path.
func killCorpus(t *testing.T, n int) string {
	t.Helper()
	people := []string{"Maria Kowalczyk", "Tomas Brandt", "Aisha Rahman", "Pieter de Vries", "Elena Costa", "Jonas Lindqvist"}
	orgs := []string{"the Northern Rail Company", "Harbour Energy Group", "the Riverside Council", "Atlas Shipping"}
	places := []string{"Gdansk", "Rotterdam", "Lisbon", "Hamburg", "Malmo"}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for i := 0; i < n; i++ {
		p, q := people[i%len(people)], people[(i/len(people)+i+1)%len(people)]
		o, pl, pl2 := orgs[i%len(orgs)], places[i%len(places)], places[(i+2)%len(places)]
		text := fmt.Sprintf("%s met %s in %s on day %d to discuss the plans of %s.\n\n"+
			"\"We expect %d new jobs in %s,\" %s said after the meeting.\n\n"+
			"%s said %s had not yet answered questions about the port of %s.\n\n"+
			"The talks will continue next week in %s, officials said.\n",
			p, q, pl, i, o, 10+i, pl2, p, q, o, pl, pl2)
		if err := enc.Encode(map[string]any{
			"id": i, "title": fmt.Sprintf("Talks in %s, part %d", pl, i),
			"date": fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28), "text": text,
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// buildNewsgraph builds the command into a temporary folder.
func buildNewsgraph(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "newsgraph")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/newsgraph").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func ingestCmd(t *testing.T, bin string, args ...string) *exec.Cmd {
	ep := neo4jtest.Target(t)
	cmd := exec.Command(bin, append([]string{"ingest", "--batch-size", "5"}, args...)...)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+ep.URI, "NEO4J_USERNAME="+ep.Username,
		"NEO4J_PASSWORD="+ep.Password, "NEO4J_DATABASE="+ep.Database)
	return cmd
}

func ledgerSize(ctx context.Context, t *testing.T, d neo4j.DriverWithContext) int64 {
	res, err := neo4j.ExecuteQuery(ctx, d, "MATCH (i:Ingest) RETURN count(i) AS n", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(neo4jtest.Target(t).Database))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.Records[0].Get("n")
	return n.(int64)
}

// stopAfterFirstBatch starts cmd and sends sig once the first batch is
// committed (the ledger is not empty), then waits for it to end.
func stopAfterFirstBatch(t *testing.T, cmd *exec.Cmd, sig os.Signal, total int64) (committed int64, err error) {
	t.Helper()
	ctx := context.Background()
	d := neo4jtest.Driver(t)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.After(3 * time.Minute)
	for {
		select {
		case err := <-done:
			t.Fatalf("ingest ended before it could be stopped: %v\n%s", err, stderr.String())
		case <-deadline:
			_ = cmd.Process.Kill()
			t.Fatalf("no batch committed within 3 minutes\n%s", stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if n := ledgerSize(ctx, t, d); n > 0 {
			if n >= total {
				t.Fatalf("all %d articles were written before the signal; make the corpus bigger", n)
			}
			break
		}
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	err = <-done
	return ledgerSize(ctx, t, d), err
}

// TestIngestKilledAndRerun: the newsgraph process SIGKILLed after its first
// batch is committed, then run again to the end, leaves the graph of one
// clean run. With SIGINT it finishes the batch in flight (the ledger holds
// whole batches), exits with status 130 and the message "interrupted", and a
// re-run completes it the same way.
func TestIngestKilledAndRerun(t *testing.T) {
	const total = 300
	corpus := killCorpus(t, total)
	bin := buildNewsgraph(t)
	ctx := context.Background()
	ep := neo4jtest.Target(t)

	neo4jtest.Fresh(t)
	if out, err := ingestCmd(t, bin, corpus).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	clean, err := loader.Dump(ctx, neo4jtest.Driver(t), ep.Database)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(clean, "CO_MENTIONED_WITH") || !strings.Contains(clean, "Statement") {
		t.Fatalf("the generated corpus gave no co-mentions or statements:\n%.500s", clean)
	}
	if n := ledgerSize(ctx, t, neo4jtest.Driver(t)); n != total {
		t.Fatalf("clean run: %d sources in the ledger, want %d", n, total)
	}

	for _, sig := range []os.Signal{syscall.SIGKILL, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) {
			neo4jtest.Fresh(t)
			n, err := stopAfterFirstBatch(t, ingestCmd(t, bin, corpus), sig, total)
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("stopped ingest: %v, want an exit error", err)
			}
			if sig == os.Interrupt {
				if exit.ExitCode() != 130 {
					t.Errorf("after SIGINT: exit status %d, want 130", exit.ExitCode())
				}
				if n%5 != 0 {
					t.Errorf("after SIGINT: %d sources in the ledger, want whole batches of 5", n)
				}
			}
			if out, err := ingestCmd(t, bin, corpus).CombinedOutput(); err != nil {
				t.Fatalf("re-run: %v\n%s", err, out)
			}
			got, err := loader.Dump(ctx, neo4jtest.Driver(t), ep.Database)
			if err != nil {
				t.Fatal(err)
			}
			sameGraph(t, "stopped by "+sig.String()+" and re-run vs one clean run", clean, got)
		})
	}
}
