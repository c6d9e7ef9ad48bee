package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/loader"
)

// TestMessage: a connection lost while loading says what it means and what
// to do, and so does a database with other counting rules; a failure to
// connect at all, or any other error, is left as it is.
func TestMessage(t *testing.T) {
	lost := fmt.Errorf("load batch of 2 documents (a.jsonl:1 .. a.jsonl:2): %w",
		&neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{
			&neo4j.ConnectivityError{Inner: errors.New("dial tcp 127.0.0.1:7687: connect: connection refused")}}})
	if m := message(lost); !strings.HasPrefix(m, "lost the connection to Neo4j: load batch") || !strings.Contains(m, "run the same command again") {
		t.Errorf("lost connection: %q", m)
	}
	direct := fmt.Errorf("schema: %w", &neo4j.ConnectivityError{Inner: errors.New("EOF")})
	if m := message(direct); !strings.HasPrefix(m, "lost the connection to Neo4j") {
		t.Errorf("lost connection: %q", m)
	}
	for _, err := range []error{
		fmt.Errorf("%w at bolt://localhost:1: ConnectivityError: refused", loader.ErrUnreachable),
		fmt.Errorf("neo4j at bolt://x, user neo4j: %w", loader.ErrAuth),
		&neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{errors.New("deadlock")}},
		errors.New("two\nlines"),
	} {
		m := message(err)
		if strings.Contains(m, "lost the connection") || strings.Contains(m, "\n") {
			t.Errorf("message(%q) = %q", err, m)
		}
	}
	// A database whose counting rules differ says how to start over.
	for _, e := range []error{loader.ErrCountBy, loader.ErrMinConfidence} {
		err := fmt.Errorf("load batch of 7 documents (a .. b): %w: the database was loaded before; load into an empty database", e)
		if m := message(err); !strings.Contains(m, "make neo4j-reset") || !strings.HasPrefix(m, "load batch") {
			t.Errorf("message(%q) = %q, want the way to start over", err, m)
		}
	}
	if m := message(errors.New("other")); strings.Contains(m, "neo4j-reset") {
		t.Errorf("message(other) = %q", m)
	}
}

// TestExitStatus: an interruption exits 128 plus the signal (130 for
// Ctrl-C), not 2, which stands for usage and connection errors.
func TestExitStatus(t *testing.T) {
	interrupted := fmt.Errorf("%w: the batches written so far are complete", errInterrupted)
	for _, c := range []struct {
		err  error
		sig  os.Signal
		want int
	}{
		{nil, nil, 0},
		{fmt.Errorf("ingest: %w", errInputsFailed), nil, 1},
		{errors.New("--count-by: unknown"), nil, 2},
		{fmt.Errorf("%w at bolt://x", loader.ErrUnreachable), os.Interrupt, 2},
		{interrupted, os.Interrupt, 130},
		{interrupted, syscall.SIGTERM, 143},
		{interrupted, nil, 130},
	} {
		if got := exitStatus(c.err, c.sig); got != c.want {
			t.Errorf("exitStatus(%v, %v) = %d, want %d", c.err, c.sig, got, c.want)
		}
	}
}
