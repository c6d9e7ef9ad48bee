package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// loadCorpus copies examples/ (syndicated copies of one story among them)
// and a generated JSON Lines corpus of n articles into a new folder, and
// returns the folder and its inputs (absolute paths, as ingest and extract
// record them as sources).
func loadCorpus(t *testing.T, n int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	ents, err := os.ReadDir(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, e := range ents {
		inputs = append(inputs, copyFile(t, filepath.Join("..", "..", "examples", e.Name()), dir))
	}
	inputs = append(inputs, copyFile(t, corpus(t, n), dir))
	slices.Sort(inputs)
	return dir, inputs
}

// mustRun runs the binary and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := run(t, nil, args...)
	if r.code != 0 {
		t.Fatalf("newsgraph %s: exit %d\n%s", strings.Join(args, " "), r.code, r)
	}
	return r
}

// TestLoadGivesIngestGraph: extract then load gives exactly the graph
// ingest gives for the same articles (loader.Dump), whether the extract is
// one file, gzipped on standard input, or one file per input loaded in
// separate runs (stories across runs come from the stored signatures);
// loading again changes nothing, and loading a changed extraction replaces
// the changed article as ingest would.
func TestLoadGivesIngestGraph(t *testing.T) {
	ep := neo4jtest.Target(t)
	db := append(dbArgs(ep), "--batch-size", "4")
	dir, inputs := loadCorpus(t, 20)
	work := t.TempDir()

	drv := neo4jtest.Fresh(t)
	mustRun(t, append(append([]string{"ingest"}, db...), dir)...)
	want := dumpGraph(t, drv, ep)
	if n := count(t, drv, ep, "MATCH (a:Article) WHERE a.story <> a.id RETURN count(a)"); n == 0 {
		t.Fatal("no article shares a story: the corpus does not exercise stories")
	}
	articles := count(t, drv, ep, "MATCH (i:Ingest) RETURN count(i)")

	all := filepath.Join(work, "all.jsonl")
	mustRun(t, "extract", dir, "-o", all)

	t.Run("one file", func(t *testing.T) {
		drv := neo4jtest.Fresh(t)
		r := mustRun(t, append(append([]string{"load"}, db...), all)...)
		if !strings.Contains(r.stdout, "newsgraph load into") {
			t.Errorf("no load summary\n%s", r)
		}
		neo4jtest.SameGraph(t, "extract + load vs ingest", want, dumpGraph(t, drv, ep))
		r = mustRun(t, append(append([]string{"load"}, db...), all)...)
		if s := fmt.Sprintf("0 added, 0 replaced, %d unchanged", articles); !strings.Contains(r.stdout, s) {
			t.Errorf("loading again: want %q\n%s", s, r)
		}
		neo4jtest.SameGraph(t, "loaded twice vs ingest", want, dumpGraph(t, drv, ep))
	})

	t.Run("gzipped on stdin", func(t *testing.T) {
		drv := neo4jtest.Fresh(t)
		data, err := os.ReadFile(all)
		if err != nil {
			t.Fatal(err)
		}
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		if _, err := zw.Write(data); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		r := runStdin(t, &gz, nil, append(append([]string{"load"}, db...), "-")...)
		if r.code != 0 {
			t.Fatalf("load -: exit %d\n%s", r.code, r)
		}
		neo4jtest.SameGraph(t, "extract | gzip | load - vs ingest", want, dumpGraph(t, drv, ep))
	})

	t.Run("one file per input, loaded in separate runs", func(t *testing.T) {
		drv := neo4jtest.Fresh(t)
		var shards []string
		for i, in := range inputs {
			shard := filepath.Join(work, fmt.Sprintf("shard-%d.jsonl", i))
			mustRun(t, "extract", in, "-o", shard)
			shards = append(shards, shard)
		}
		slices.Reverse(shards) // the syndicated copy before the story it copies
		for _, s := range shards {
			mustRun(t, append(append([]string{"load"}, db...), s)...)
		}
		neo4jtest.SameGraph(t, "shards loaded one by one vs ingest", want, dumpGraph(t, drv, ep))
	})

	t.Run("a changed article is replaced", func(t *testing.T) {
		drv := neo4jtest.Fresh(t)
		mustRun(t, append(append([]string{"load"}, db...), all)...)
		var changed string
		for _, in := range inputs {
			if strings.HasSuffix(in, ".txt") {
				changed = in
				break
			}
		}
		f, err := os.OpenFile(changed, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("\nLater on Tuesday, Councillor Wendell Ashgrove of Pellmouth said the port would stay closed.\n"); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		all2 := filepath.Join(work, "all2.jsonl")
		mustRun(t, "extract", dir, "-o", all2)
		r := mustRun(t, append(append([]string{"load"}, db...), all2)...)
		if s := fmt.Sprintf("0 added, 1 replaced, %d unchanged", articles-1); !strings.Contains(r.stdout, s) {
			t.Errorf("loading the changed extraction: want %q\n%s", s, r)
		}
		loaded := dumpGraph(t, drv, ep)
		if !strings.Contains(loaded, "Wendell Ashgrove") {
			t.Errorf("the changed article's new person is not in the graph")
		}
		drv = neo4jtest.Fresh(t)
		mustRun(t, append(append([]string{"ingest"}, db...), dir)...)
		neo4jtest.SameGraph(t, "extract + load of a changed article over the old graph vs ingest of the new", dumpGraph(t, drv, ep), loaded)
	})
}

// TestLoadBadLines: lines that are not extract records are skipped and
// summarised by reason (exit status 1); the good lines are loaded.
func TestLoadBadLines(t *testing.T) {
	ep := neo4jtest.Target(t)
	drv := neo4jtest.Fresh(t)
	good := filepath.Join(faultsDir, "good.txt")
	r := mustRun(t, "extract", good)
	in := writeFile(t, t.TempDir(), "mixed.jsonl", []byte(strings.TrimSpace(r.stdout)+"\n"+
		`{"id": "x", "source": "y", "entities": [`+"\n"+
		`{"title": "An article, not a record", "text": "Mayor Ana Torres spoke."}`+"\n"))
	r = run(t, nil, append(append([]string{"load"}, dbArgs(ep)...), in)...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	for _, want := range []string{"skipped 2 input(s)", in + ":2: malformed JSON", in + ":3: not a newsgraph extract record"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the summary lacks %q\n%s", want, r)
		}
	}
	if n := count(t, drv, ep, "MATCH (a:Article) RETURN count(a)"); n != 1 {
		t.Errorf("%d articles, want the good one", n)
	}
}

// TestLoadInterruptedAndRerun: SIGINT (or SIGTERM) during a load finishes
// the batch in flight and exits 130 (143) saying it was interrupted; the
// same command again gives the graph of one clean load.
func TestLoadInterruptedAndRerun(t *testing.T) {
	const total = 200
	ep := neo4jtest.Target(t)
	ext := filepath.Join(t.TempDir(), "corpus.jsonl")
	mustRun(t, "extract", corpus(t, total), "-o", ext)
	load := append(append([]string{"load", "--batch-size", "5"}, dbArgs(ep)...), ext)

	drv := neo4jtest.Fresh(t)
	mustRun(t, load...)
	want := dumpGraph(t, drv, ep)

	for _, c := range []struct {
		sig  os.Signal
		code int
	}{{os.Interrupt, 130}, {syscall.SIGTERM, 143}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			drv := neo4jtest.Fresh(t)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, load...)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			for n := int64(0); n == 0; n = count(t, drv, ep, "MATCH (i:Ingest) RETURN count(i)") {
				select {
				case err := <-done:
					t.Fatalf("load ended before it could be stopped (%v): make the corpus larger\n%s", err, errb.String())
				case <-time.After(20 * time.Millisecond):
				}
			}
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			err := <-done
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != c.code {
				t.Fatalf("after %v: %v, want exit status %d\n%s", c.sig, err, c.code, errb.String())
			}
			if !strings.Contains(errb.String(), "interrupted") {
				t.Errorf("after %v the message does not say interrupted:\n%s", c.sig, errb.String())
			}
			n := count(t, drv, ep, "MATCH (i:Ingest) RETURN count(i)")
			if n%5 != 0 || n >= total {
				t.Errorf("after %v: %d sources in the ledger, want whole batches of 5 and fewer than %d", c.sig, n, total)
			}
			mustRun(t, load...)
			neo4jtest.SameGraph(t, "interrupted and re-run vs one clean load", want, dumpGraph(t, drv, ep))
		})
	}
}
