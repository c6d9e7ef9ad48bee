package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/loader"
)

// secret is a password that must never be printed.
const secret = "s3cr3t-XYZ"

// dbArgs are the connection flags for ep.
func dbArgs(ep neo4jtest.Endpoint) []string {
	args := []string{"--uri", ep.URI}
	if ep.Password != "" {
		args = append(args, "--username", ep.Username, "--password", ep.Password)
	}
	if ep.Database != "" {
		args = append(args, "--database", ep.Database)
	}
	return args
}

// checkConnectionFailure: exit 2, one "newsgraph: ..." line holding want,
// no stack trace, and the password nowhere.
func checkConnectionFailure(t *testing.T, r result, want string) {
	t.Helper()
	if r.code != 2 {
		t.Errorf("exit %d, want 2", r.code)
	}
	lines := linesWith(r.stderr, "newsgraph: ")
	if len(lines) != 1 || !strings.Contains(lines[0], want) {
		t.Errorf("want one line \"newsgraph: ...%s...\", got %q", want, lines)
	} else {
		t.Logf("the user sees: %s", lines[0])
	}
	for _, bad := range []string{"goroutine ", "panic", ".go:"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("stderr has %q: a stack trace?", bad)
		}
	}
	if strings.Contains(r.stdout+r.stderr, secret) {
		t.Errorf("the password %q was printed", secret)
	}
	if t.Failed() {
		t.Log(r)
	}
}

// closedPort is a local TCP port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}

// TestUnreachableServer: ingest and schema against a closed port give one
// clear message and exit 2, and never print the password (flag or
// variable), even at debug level.
func TestUnreachableServer(t *testing.T) {
	good := filepath.Join(faultsDir, "good.txt")
	uri := fmt.Sprintf("bolt://localhost:%d", closedPort(t))
	for _, c := range []struct {
		name string
		env  []string
		args []string
	}{
		{"ingest, password flag", nil, []string{"ingest", "--log-level", "debug", "--uri", uri, "--password", secret, good}},
		{"schema, password variable", []string{"NEO4J_PASSWORD=" + secret, "NEO4J_URI=" + uri}, []string{"schema", "--log-level", "debug"}},
		{"password in the URI", nil, []string{"ingest", "--log-level", "debug", "--uri", fmt.Sprintf("bolt://neo4j:%s@localhost:%d", secret, closedPort(t)), good}},
		{"load, password flag", nil, []string{"load", "--log-level", "debug", "--uri", uri, "--password", secret, good}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkConnectionFailure(t, run(t, c.env, c.args...), "cannot reach neo4j at bolt://localhost:")
		})
	}
}

// TestHelpHasNoPassword: --help of every command that connects shows no
// password, whether it is given as a flag or in the environment.
func TestHelpHasNoPassword(t *testing.T) {
	env := []string{"NEO4J_PASSWORD=" + secret}
	for _, args := range [][]string{
		{"--help"},
		{"ingest", "--help"},
		{"schema", "--help"},
		{"entities", "--help"},
		{"ingest", "--password", secret, "--help"},
		{"ingest"}, // usage error: missing PATH
	} {
		r := run(t, env, args...)
		if strings.Contains(r.stdout+r.stderr, secret) {
			t.Errorf("newsgraph %v printed the password\n%s", args, r)
		}
		if len(args) == 1 && args[0] == "ingest" && r.code != 2 {
			t.Errorf("newsgraph ingest without a path: exit %d, want 2 (usage)", r.code)
		}
	}
}

// TestWrongPassword: the server rejects the password: one message, exit 2,
// the password nowhere, nothing written.
func TestWrongPassword(t *testing.T) {
	ep := neo4jtest.Target(t)
	if ep.Password == "" {
		t.Skip("the test server has authentication off")
	}
	drv := neo4jtest.Fresh(t)
	good := filepath.Join(faultsDir, "good.txt")
	for _, args := range [][]string{
		{"ingest", "--log-level", "debug", "--uri", ep.URI, "--username", ep.Username, "--password", secret, good},
		{"schema", "--log-level", "debug", "--uri", ep.URI, "--password", secret},
	} {
		checkConnectionFailure(t, run(t, nil, args...), "neo4j rejected the username or password")
	}
	if n := count(t, drv, ep, "MATCH (n) RETURN count(n)"); n != 0 {
		t.Errorf("%d nodes written with a wrong password", n)
	}
}

// count runs a query returning one integer.
func count(t *testing.T, drv neo4j.DriverWithContext, ep neo4jtest.Endpoint, q string) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, drv, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(ep.Database))
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	return n
}

// dumpGraph is loader.Dump of the test database.
func dumpGraph(t *testing.T, drv neo4j.DriverWithContext, ep neo4jtest.Endpoint) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := loader.Dump(ctx, drv, ep.Database)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestIngestFaultyDirectory: ingest of a folder mixing every input fault
// loads the good articles, reports each bad one and exits 1.
func TestIngestFaultyDirectory(t *testing.T) {
	ep := neo4jtest.Target(t)
	drv := neo4jtest.Fresh(t)
	dir := writeFaultyDir(t)
	// The 3,000 names (TestManyEntitiesPairsLimited) would cost 3,000
	// entities and 19,900 edges of load time here; export, which that test
	// checks, builds the graph ingest builds.
	if err := os.Remove(filepath.Join(dir, "honours.txt")); err != nil {
		t.Fatal(err)
	}
	r := run(t, nil, append(append([]string{"ingest", "--log-level", "debug", "--max-bytes", "115000"}, dbArgs(ep)...), dir)...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	if ep.Password != "" && strings.Contains(r.stdout+r.stderr, ep.Password) {
		t.Errorf("a successful ingest at debug level printed the password")
	}
	if !strings.Contains(r.stdout, fmt.Sprintf("skipped %d input(s)", len(faultyDirFailures))) {
		t.Errorf("the summary does not count %d skipped inputs\n%s", len(faultyDirFailures), r)
	}
	for name := range faultyDirFailures {
		p := filepath.Join(dir, name) + ":"
		if len(linesWith(r.stderr, p)) != 1 {
			t.Errorf("stderr does not name %s once", p)
		}
	}
	if n := count(t, drv, ep, "MATCH (a:Article) RETURN count(a)"); n != 5 {
		t.Errorf("%d articles in the graph, want the 5 good ones\n%s", n, r)
	}
}

// corpus writes a JSON Lines file of n small articles, each naming its own
// people, and returns its path.
func corpus(t *testing.T, n int) string {
	t.Helper()
	syl := []string{"ka", "lo", "mer", "tan", "vi", "sor", "del", "bru", "nek", "pal", "rin", "gos", "ham", "tel", "wun", "fax"}
	name := func(i int) string {
		w := syl[i%16] + syl[(i/16)%16] + syl[(i/256)%16]
		return strings.ToUpper(w[:1]) + w[1:]
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Mayor %s %s met Anna Berg in Brindle on Monday. \"The harbour stays open,\" %s said. "+
			"Officials said Paul Kline of the Brindle Port Authority would answer on Tuesday.",
			name(i), name(i*7+3), name(i*7+3))
		if err := enc.Encode(map[string]string{"id": fmt.Sprint(i), "title": fmt.Sprintf("Report %d", i),
			"published": fmt.Sprintf("2024-05-%02d", 1+i%28), "text": text}); err != nil {
			t.Fatal(err)
		}
	}
	return writeFile(t, t.TempDir(), "corpus.jsonl", b.Bytes())
}

// TestServerStopsMidIngest kills the Neo4j container (no clean shutdown)
// while ingest writes one article per transaction: ingest must stop with one
// clear message and exit 2; after the server is back, running the same
// command again gives the graph of one clean run.
func TestServerStopsMidIngest(t *testing.T) {
	neo4jtest.Container(t)
	ep := neo4jtest.Target(t)
	drv := neo4jtest.Fresh(t)
	in := corpus(t, 200)
	ingest := append(append([]string{"ingest"}, dbArgs(ep)...), in)

	// The graph of one clean run.
	if r := run(t, nil, ingest...); r.code != 0 {
		t.Fatalf("clean run: exit %d\n%s", r.code, r)
	}
	want := dumpGraph(t, drv, ep)

	drv = neo4jtest.Fresh(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"ingest", "--batch-size", "1"}, ingest[1:]...)...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Stop the server once some batches are in.
	for n := int64(0); n < 20; {
		select {
		case err := <-done:
			t.Fatalf("ingest ended before the server was stopped (%v): make the corpus larger\n%s", err, errb.String())
		case <-time.After(100 * time.Millisecond):
		}
		n = count(t, drv, ep, "MATCH (a:Article) RETURN count(a)")
	}
	neo4jtest.Stop(t, 0) // SIGKILL: the server dies; it recovers on start
	var err error
	select {
	case err = <-done:
	case <-time.After(3 * time.Minute):
		t.Fatal("ingest did not stop within 3 minutes of the server stopping")
	}
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.code = ee.ExitCode()
	}
	neo4jtest.Start(t) // before any check can fail: the other tests need the server
	checkConnectionFailure(t, r, "lost the connection to Neo4j")

	// The server is back: the same command again.
	if r := run(t, nil, ingest...); r.code != 0 {
		t.Fatalf("re-run: exit %d\n%s", r.code, r)
	}
	if got := dumpGraph(t, drv, ep); got != want {
		t.Errorf("after a stop mid-ingest and a re-run the graph differs from one clean run (%d vs %d lines)",
			strings.Count(got, "\n"), strings.Count(want, "\n"))
	}
}

// TestHostileInputIsData ingests articles whose file name, metadata and
// text are made of Cypher, quotes, backticks, parameters and non-ASCII
// letters: every value comes back from Neo4j exactly as it went in, and
// nothing else in the database is touched. (loader's own tests load hostile
// entity ids and names directly; this goes through the whole program.)
func TestHostileInputIsData(t *testing.T) {
	ep := neo4jtest.Target(t)
	drv := neo4jtest.Fresh(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := neo4j.ExecuteQuery(ctx, drv, "CREATE (:Sentinel {id: 'keep me'})", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(ep.Database)); err != nil {
		t.Fatal(err)
	}
	meta := map[string]string{
		"title":     "'); MATCH (n) DETACH DELETE n; //",
		"url":       "https://example.org/`x`}) DETACH DELETE n //?q=\"$param\"",
		"credit":    "AFP`) SET n:Hacked //",
		"publisher": "Ünïcødé \"Press\" {name: $name} \\u0000",
		"text": "Sean O'Brien met Anna Berg in Zürich on Monday. \"}) DETACH DELETE n //,\" said Maria López-Núñez. " +
			"The `Backtick` Group and Ömer Çelik said $param and {name: 'x'} mean nothing. \"MATCH (n) RETURN n\", O'Brien said.",
	}
	line, err := json.Marshal(meta)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := writeFile(t, dir, "evil `name' \"}) DETACH DELETE n.jsonl", append(line, '\n'))

	x := run(t, nil, "extract", file)
	if x.code != 0 {
		t.Fatalf("extract: exit %d\n%s", x.code, x)
	}
	ds := docs(t, x.stdout)
	if len(ds) != 1 || len(ds[0].Entities) < 3 {
		t.Fatalf("want one doc with entities\n%s", x)
	}
	r := run(t, nil, append(append([]string{"ingest"}, dbArgs(ep)...), file)...)
	if r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r)
	}

	res, err := neo4j.ExecuteQuery(ctx, drv, `MATCH (a:Article) RETURN a.source AS source, a.title AS title, a.url AS url,
		a.credit AS credit, a.publisher AS publisher, a.id AS id`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(ep.Database))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("%d articles, want 1", len(res.Records))
	}
	got := res.Records[0].AsMap()
	want := map[string]any{"source": file + ":1", "title": meta["title"], "url": meta["url"],
		"credit": meta["credit"], "publisher": meta["publisher"], "id": ds[0].ID}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("article %s = %q, want %q", k, got[k], v)
		}
	}
	// Every entity of the extract output, by id and name.
	res, err = neo4j.ExecuteQuery(ctx, drv, "MATCH (e:Entity) RETURN e.id AS id, e.name AS name", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(ep.Database))
	if err != nil {
		t.Fatal(err)
	}
	inDB := map[string]string{}
	for _, rec := range res.Records {
		id, _ := rec.Values[0].(string)
		name, _ := rec.Values[1].(string)
		inDB[id] = name
	}
	for _, e := range ds[0].Entities {
		if inDB[e.ID] != e.Name {
			t.Errorf("entity %q: name %q in Neo4j, %q extracted", e.ID, inDB[e.ID], e.Name)
		}
	}
	if len(inDB) != len(ds[0].Entities) {
		t.Errorf("%d entities in Neo4j, %d extracted", len(inDB), len(ds[0].Entities))
	}
	// A hostile search is a parameter too.
	q := run(t, nil, append(append([]string{"entities"}, dbArgs(ep)...), "o'brien\"}) DETACH DELETE n //`")...)
	if q.code != 0 {
		t.Errorf("entities with a hostile query: exit %d\n%s", q.code, q)
	}
	if n := count(t, drv, ep, "MATCH (s:Sentinel {id: 'keep me'}) RETURN count(s)"); n != 1 {
		t.Errorf("the sentinel node is gone (%d)", n)
	}
	if n := count(t, drv, ep, "MATCH (n:Hacked) RETURN count(n)"); n != 0 {
		t.Errorf("%d nodes labelled from input", n)
	}
	if t.Failed() {
		t.Logf("extracted: %s", x.stdout)
	}
}
