package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// shardRecipe is docs/scaling.md's recipe for one machine's cores: the
// inputs in lists of 12, four extract processes at a time, each writing its
// own shard (named by its shell's pid).
const shardRecipe = `mkdir -p out
find corpus -type f | sort | xargs -d '\n' -n 12 -P 4 sh -c 'newsgraph extract --workers 1 "$@" > out/shard-$$.jsonl' sh`

// scalingCorpus writes corpus/ under dir: examples/ and n generated
// articles, the second half syndicated copies of the first (another
// outlet's first line), so that copies land in other shards than their
// originals.
func scalingCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	c := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(c, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		copyFile(t, filepath.Join("..", "..", "examples", e.Name()), c)
	}
	people := []string{"Maria Kowalczyk", "Tomas Brandt", "Aisha Rahman", "Pieter de Vries", "Elena Costa", "Jonas Lindqvist", "Ines Moreau"}
	places := []string{"Gdansk", "Rotterdam", "Lisbon", "Hamburg", "Malmo", "Antwerp"}
	half := n / 2
	for i := 0; i < n; i++ {
		k := i % half
		p, q := people[k%len(people)], people[(k*3+1)%len(people)]
		pl, pl2 := places[k%len(places)], places[(k+2)%len(places)]
		outlet := "By a staff reporter"
		if i >= half {
			outlet = "Distributed by the Baltic Wire Service"
		}
		text := fmt.Sprintf("%s\n\n%s met %s in %s on day %d to discuss a new ferry line to %s and the jobs it would bring.\n\n"+
			"\"We expect %d new jobs in %s within two years,\" %s said after the meeting, adding that the harbour board had agreed.\n\n"+
			"%s said the ministry had not yet answered questions about the cost of the terminal in %s.\n\n"+
			"The talks will continue next week in %s, officials said on Friday.\n",
			outlet, p, q, pl, k, pl2, 10+k, pl2, p, q, pl, pl2)
		writeFile(t, c, fmt.Sprintf("gen-%03d.txt", i), []byte(text))
	}
}

// inDir runs the binary (or, with sh, a shell command that finds it on
// PATH as newsgraph) in dir.
func inDir(t *testing.T, dir string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	name := bin
	if args[0] == "sh" {
		name, args = "sh", args[1:]
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") && !strings.HasPrefix(kv, "PATH=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	if r.code != 0 {
		t.Fatalf("%v in %s: exit %d\n%s", args, dir, r.code, r)
	}
	return r
}

// TestFourShards extracts a corpus in 4 shards by parallel processes (the
// recipe of docs/scaling.md: find | xargs -P 4), loads the shards in one
// load, and gets the graph of one ingest of the corpus; the bulk-import
// export of the shards (--extracted) is the export of the corpus, file for
// file.
func TestFourShards(t *testing.T) {
	ep := neo4jtest.Target(t)
	dir := t.TempDir()
	scalingCorpus(t, dir, 40)
	db := append(dbArgs(ep), "--batch-size", "8")

	inDir(t, dir, "sh", "-c", shardRecipe)
	shards, err := filepath.Glob(filepath.Join(dir, "out", "shard-*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(shards) != 4 {
		t.Fatalf("%d shards, want 4 (47 inputs in lists of 12)", len(shards))
	}

	drv := neo4jtest.Fresh(t)
	inDir(t, dir, append(append([]string{"ingest"}, db...), "corpus")...)
	want := dumpGraph(t, drv, ep)
	if n := count(t, drv, ep, "MATCH (a:Article) WHERE a.story <> a.id RETURN count(a)"); n < 20 {
		t.Fatalf("%d articles share a story, want the 20 syndicated copies at least", n)
	}

	drv = neo4jtest.Fresh(t)
	inDir(t, dir, append(append([]string{"load"}, db...), "out")...)
	neo4jtest.SameGraph(t, "4 shards extracted in parallel and loaded vs one ingest", want, dumpGraph(t, drv, ep))

	inDir(t, dir, "export", "whole", "corpus")
	inDir(t, dir, "export", "--extracted", "sharded", "out")
	files, err := filepath.Glob(filepath.Join(dir, "whole", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no CSV files in the export (%v)", err)
	}
	for _, f := range files {
		a, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "sharded", filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the export of the shards differs from the export of the corpus", filepath.Base(f))
		}
	}
}

// TestPipedPartitions does what Spark's RDD.pipe does with a JSON Lines
// corpus: four partitions of its lines, each piped through "newsgraph
// extract --source-id -" by its own process at the same time; one load of
// the four outputs gives the graph of one "ingest --source-id" of the
// corpus (the records' ids name the articles, not "-:LINE", which every
// partition would repeat).
func TestPipedPartitions(t *testing.T) {
	ep := neo4jtest.Target(t)
	dir := t.TempDir()
	in := copyFile(t, corpus(t, 40), dir)
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSpace(string(data)), "\n")
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var cmds []*exec.Cmd
	for p := 0; p < 4; p++ {
		var part strings.Builder
		for i := p; i < len(lines); i += 4 { // Spark's partitions need not be contiguous
			part.WriteString(strings.TrimSuffix(lines[i], "\n") + "\n")
		}
		f, err := os.Create(filepath.Join(out, fmt.Sprintf("part-%05d.jsonl", p)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cmd := exec.CommandContext(ctx, bin, "extract", "--source-id", "--workers", "1", "-")
		cmd.Stdin, cmd.Stdout = strings.NewReader(part.String()), f
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("a partition's extract: %v\n%s", err, cmd.Stderr)
		}
	}

	drv := neo4jtest.Fresh(t)
	mustRun(t, append(append([]string{"ingest", "--source-id"}, dbArgs(ep)...), in)...)
	want := dumpGraph(t, drv, ep)
	if n := count(t, drv, ep, "MATCH (i:Ingest) WHERE i.source STARTS WITH 'id:' RETURN count(i)"); n != int64(len(lines)) {
		t.Fatalf("%d sources named by id, want %d", n, len(lines))
	}

	drv = neo4jtest.Fresh(t)
	neo4jURI := "neo4j://" + strings.TrimPrefix(ep.URI, "bolt://") // a routing URI, as for a cluster
	mustRun(t, append(append([]string{"load"}, append(dbArgs(ep), "--uri", neo4jURI)...), out)...)
	neo4jtest.SameGraph(t, "4 piped partitions loaded vs one ingest", want, dumpGraph(t, drv, ep))
}
