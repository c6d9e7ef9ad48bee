// Package neo4jtest gives integration tests a real Neo4j server: one per
// package test run, started on first use and removed when the run ends.
//
// Use it from a package's tests:
//
//	func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }
//
//	func TestWrite(t *testing.T) {
//		driver := neo4jtest.Fresh(t) // an empty database
//		...
//	}
//
// Where the server comes from:
//
//   - NEO4J_TEST_URI set (e.g. bolt://localhost:7687): that server, with
//     NEO4J_TEST_USERNAME / NEO4J_TEST_PASSWORD (no authentication when the
//     password is empty). Nothing is started.
//   - otherwise a container started with testcontainers-go's neo4j module from
//     NEO4J_TEST_IMAGE (default DefaultImage, the official image). Where no
//     registry is reachable, `make test` builds a local image and sets
//     NEO4J_TEST_IMAGE, TESTCONTAINERS_RYUK_DISABLED and
//     TESTCONTAINERS_HOST_OVERRIDE (see deploy/neo4j/ensure-test-env.sh).
//
// When no server can be had, tests fail under CI=true and are skipped
// elsewhere (with the reason). With -short they are skipped outside CI.
package neo4jtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/testcontainers/testcontainers-go"
	tcneo4j "github.com/testcontainers/testcontainers-go/modules/neo4j"
	"github.com/testcontainers/testcontainers-go/wait"
)

const (
	// DefaultImage is the image used when NEO4J_TEST_IMAGE is not set.
	DefaultImage = "neo4j:5.26-community"
	// Password is the password of user neo4j in the test container.
	Password = "newsgraph-test"
	// startTimeout bounds a container start (pull excluded); a loaded
	// 2-core machine takes well under a minute.
	startTimeout = 5 * time.Minute
)

// Endpoint is where a test server listens and how to log in.
type Endpoint struct {
	URI      string // bolt://host:port
	Username string // "" when authentication is off
	Password string
	Database string // "" means the server's default database
}

// Auth returns the driver's token for e.
func (e Endpoint) Auth() neo4j.AuthToken {
	if e.Password == "" {
		return neo4j.NoAuth()
	}
	return neo4j.BasicAuth(e.Username, e.Password, "")
}

// server is the package's one Neo4j, shared by every test of the run.
type server struct {
	mu        sync.Mutex
	started   bool
	err       error // why there is no server, once started is true
	endpoint  Endpoint
	driver    neo4j.DriverWithContext
	container *tcneo4j.Neo4jContainer // nil when NEO4J_TEST_URI is used
	source    string                  // the image, or NEO4J_TEST_URI
	version   string                  // e.g. "Neo4j Kernel 5.26.30 community"
	tests     map[string]bool         // the tests that got the server
}

var shared server

// Main runs the package's tests and then stops the server they used, if one
// was started. Use it as os.Exit(neo4jtest.Main(m)) in TestMain.
//
// When NEO4JTEST_REPORT names a file, Main appends a line to it saying how many
// tests of the package ran against which server (`make test` prints it, so
// that CI logs show the integration tests really ran).
func Main(m *testing.M) int {
	code := m.Run()
	shared.report()
	if err := shared.close(context.Background()); err != nil {
		fmt.Fprintf(os.Stderr, "neo4jtest: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// Driver returns the shared driver of the package's test server, starting the
// server on first use. The test fails (CI=true) or is skipped when there is
// none. Do not close the driver.
func Driver(t testing.TB) neo4j.DriverWithContext {
	t.Helper()
	require(t)
	shared.mu.Lock()
	defer shared.mu.Unlock()
	return shared.driver
}

// Target returns the endpoint of the package's test server (starting it on
// first use), for code that makes its own driver.
func Target(t testing.TB) Endpoint {
	t.Helper()
	require(t)
	shared.mu.Lock()
	defer shared.mu.Unlock()
	return shared.endpoint
}

// Fresh returns the shared driver after emptying the database: every node and
// relationship, and every constraint and index except the built-in token
// lookup indexes.
func Fresh(t testing.TB) neo4j.DriverWithContext {
	t.Helper()
	d := Driver(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := Empty(ctx, d, Target(t).Database); err != nil {
		t.Fatalf("neo4jtest: empty database: %v", err)
	}
	return d
}

// Container returns the test container, for tests that stop and start the
// server (its host ports stay the same across a restart, so drivers and
// endpoints stay valid). The test is skipped when the server is not a
// container (NEO4J_TEST_URI). A test that stops it must start it again.
func Container(t testing.TB) *tcneo4j.Neo4jContainer {
	t.Helper()
	require(t)
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.container == nil {
		delete(shared.tests, t.Name())
		t.Skip("neo4jtest: the server is NEO4J_TEST_URI, not a container; cannot stop or start it")
	}
	return shared.container
}

// Stop stops the test container (SIGTERM, then SIGKILL after timeout).
func Stop(t testing.TB, timeout time.Duration) {
	t.Helper()
	c := Container(t)
	ctx, cancel := context.WithTimeout(context.Background(), timeout+time.Minute)
	defer cancel()
	if err := c.Stop(ctx, &timeout); err != nil {
		t.Fatalf("neo4jtest: stop container: %v", err)
	}
}

// Start starts the stopped test container again and waits until Bolt answers.
func Start(t testing.TB) {
	t.Helper()
	c := Container(t)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatalf("neo4jtest: start container: %v", err)
	}
	if err := waitBolt(ctx, Driver(t)); err != nil {
		t.Fatalf("neo4jtest: after restart: %v", err)
	}
}

// require starts the server once and fails or skips t when there is none.
func require(t testing.TB) {
	t.Helper()
	inCI := os.Getenv("CI") == "true"
	if testing.Short() && !inCI {
		t.Skip("neo4jtest: integration test skipped with -short")
	}
	shared.mu.Lock()
	if !shared.started {
		shared.started = true
		shared.err = shared.start(context.Background(), t)
	}
	err := shared.err
	if err == nil {
		if shared.tests == nil {
			shared.tests = map[string]bool{}
		}
		shared.tests[t.Name()] = true
	}
	shared.mu.Unlock()
	if err == nil {
		return
	}
	if inCI {
		t.Fatalf("neo4jtest: no Neo4j for this integration test (CI=true): %v", err)
	}
	t.Skipf("neo4jtest: no Neo4j (set NEO4J_TEST_URI, or run `make test`): %v", err)
}

func (s *server) start(ctx context.Context, t testing.TB) error {
	if uri := os.Getenv("NEO4J_TEST_URI"); uri != "" {
		s.endpoint = Endpoint{
			URI:      uri,
			Username: envOr("NEO4J_TEST_USERNAME", "neo4j"),
			Password: os.Getenv("NEO4J_TEST_PASSWORD"),
			Database: os.Getenv("NEO4J_TEST_DATABASE"),
		}
		s.source = "NEO4J_TEST_URI"
		return s.connect(ctx)
	}
	image := envOr("NEO4J_TEST_IMAGE", DefaultImage)
	t.Logf("neo4jtest: starting a Neo4j container from %s", image)
	begin := time.Now()
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	c, ep, err := runContainer(ctx, image, nil)
	if err != nil {
		if c != nil {
			_ = testcontainers.TerminateContainer(c)
		}
		return err
	}
	s.container, s.endpoint, s.source = c, ep, "container from "+image
	if err := s.connect(ctx); err != nil {
		return err
	}
	t.Logf("neo4jtest: Neo4j from %s at %s after %s", image, ep.URI, time.Since(begin).Round(100*time.Millisecond))
	return nil
}

// Options are what a container of its own (Own) adds to the shared one's
// configuration.
type Options struct {
	// Settings are neo4j.conf settings ("server.bolt.tls_level": "REQUIRED").
	Settings map[string]string
	// Files are copied into the container before it starts.
	Files []testcontainers.ContainerFile
}

// Own starts a Neo4j container for t alone, configured by custom, and
// removes it when t ends. custom is given the host port that Bolt will be
// published on, so that settings such as server.bolt.advertised_address
// can name it. The test is skipped when the tests use NEO4J_TEST_URI, and
// fails (CI=true) or is skipped when no container can be started.
func Own(t testing.TB, custom func(boltPort int) Options) Endpoint {
	t.Helper()
	inCI := os.Getenv("CI") == "true"
	if testing.Short() && !inCI {
		t.Skip("neo4jtest: integration test skipped with -short")
	}
	if os.Getenv("NEO4J_TEST_URI") != "" {
		t.Skip("neo4jtest: the tests use NEO4J_TEST_URI; this test needs a container of its own")
	}
	image := envOr("NEO4J_TEST_IMAGE", DefaultImage)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	begin := time.Now()
	c, ep, err := runContainer(ctx, image, custom)
	if c != nil {
		t.Cleanup(func() {
			_ = testcontainers.TerminateContainer(c, testcontainers.StopTimeout(3*time.Second))
		})
	}
	if err != nil {
		if inCI {
			t.Fatalf("neo4jtest: container of its own (CI=true): %v", err)
		}
		t.Skipf("neo4jtest: no container of its own: %v", err)
	}
	t.Logf("neo4jtest: own Neo4j from %s at %s after %s", image, ep.URI, time.Since(begin).Round(100*time.Millisecond))
	return ep
}

// runContainer starts image with user neo4j's password set and small memory
// settings, Bolt and HTTP bound to free host ports chosen here so that a
// restarted container keeps them. custom, when not nil, adds settings and
// files.
func runContainer(ctx context.Context, image string, custom func(boltPort int) Options) (*tcneo4j.Neo4jContainer, Endpoint, error) {
	boltPort, err := freePort()
	if err != nil {
		return nil, Endpoint{}, err
	}
	httpPort, err := freePort()
	if err != nil {
		return nil, Endpoint{}, err
	}
	var extra []testcontainers.ContainerCustomizer
	if custom != nil {
		o := custom(boltPort)
		extra = append(extra, tcneo4j.WithNeo4jSettings(o.Settings), testcontainers.WithFiles(o.Files...))
	}
	c, err := tcneo4j.Run(ctx, image, append([]testcontainers.ContainerCustomizer{
		tcneo4j.WithAdminPassword(Password),
		tcneo4j.WithNeo4jSettings(map[string]string{
			"server.memory.heap.initial_size": "512m",
			"server.memory.heap.max_size":     "512m",
			"server.memory.pagecache.size":    "128m",
		}),
		// The module's own wait (the log line, then HTTP 200 on 7474) with a
		// deadline of minutes, not its 60 s: a busy 2-core machine needs it.
		testcontainers.WithWaitStrategyAndDeadline(startTimeout,
			wait.ForLog("Bolt enabled on").WithStartupTimeout(startTimeout),
			wait.ForHTTP("/").WithPort("7474/tcp").WithStartupTimeout(startTimeout).
				WithStatusCodeMatcher(func(status int) bool { return status == http.StatusOK }),
		),
		// make test removes whatever a crashed or timed-out run leaves behind
		// by this label (there is no reaper where no registry is reachable).
		testcontainers.WithLabels(map[string]string{"newsgraph.neo4jtest.run": os.Getenv("NEO4JTEST_RUN")}),
		testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) {
			if hc.PortBindings == nil {
				hc.PortBindings = network.PortMap{}
			}
			all := netip.IPv4Unspecified()
			hc.PortBindings[network.MustParsePort("7687/tcp")] = []network.PortBinding{{HostIP: all, HostPort: strconv.Itoa(boltPort)}}
			hc.PortBindings[network.MustParsePort("7474/tcp")] = []network.PortBinding{{HostIP: all, HostPort: strconv.Itoa(httpPort)}}
		}),
	}, extra...)...)
	if err != nil {
		return c, Endpoint{}, fmt.Errorf("start container from %s: %w", image, err)
	}
	host, err := c.Host(ctx)
	if err != nil {
		return c, Endpoint{}, fmt.Errorf("container host: %w", err)
	}
	return c, Endpoint{
		URI:      "bolt://" + net.JoinHostPort(host, strconv.Itoa(boltPort)),
		Username: "neo4j",
		Password: Password,
	}, nil
}

func (s *server) connect(ctx context.Context) error {
	d, err := neo4j.NewDriverWithContext(s.endpoint.URI, s.endpoint.Auth())
	if err != nil {
		return fmt.Errorf("driver for %s: %w", s.endpoint.URI, err)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := waitBolt(ctx, d); err != nil {
		_ = d.Close(context.Background())
		return fmt.Errorf("connect to %s: %w", s.endpoint.URI, err)
	}
	s.driver = d
	s.version = serverVersion(ctx, d, s.endpoint.Database)
	return nil
}

// serverVersion names the server's product, version and edition.
func serverVersion(ctx context.Context, d neo4j.DriverWithContext, database string) string {
	res, err := neo4j.ExecuteQuery(ctx, d,
		"CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
	if err != nil || len(res.Records) == 0 {
		return "unknown version"
	}
	v, _ := res.Records[0].Values[0].(string)
	return v
}

// report appends the package's line to $NEO4JTEST_REPORT and stderr.
func (s *server) report() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.tests) == 0 {
		return
	}
	pkg, _ := os.Getwd()
	if root := moduleRoot(pkg); root != "" {
		if rel, err := filepath.Rel(root, pkg); err == nil {
			pkg = "./" + filepath.ToSlash(rel)
		}
	}
	line := fmt.Sprintf("neo4jtest: %s: %d test(s) ran against %s (%s, %s)\n",
		pkg, len(s.tests), s.version, s.source, s.endpoint.URI)
	fmt.Fprint(os.Stderr, line)
	if path := os.Getenv("NEO4JTEST_REPORT"); path != "" {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintf(os.Stderr, "neo4jtest: report: %v\n", err)
			return
		}
		defer func() { _ = f.Close() }()
		_, _ = f.WriteString(line)
	}
}

// moduleRoot returns the nearest directory at or above dir holding go.mod.
func moduleRoot(dir string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// waitBolt retries until the server answers a query or ctx ends.
func waitBolt(ctx context.Context, d neo4j.DriverWithContext) error {
	for {
		err := d.VerifyConnectivity(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func (s *server) close(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	if s.driver != nil {
		if err := s.driver.Close(ctx); err != nil {
			errs = append(errs, fmt.Errorf("close driver: %w", err))
		}
		s.driver = nil
	}
	if s.container != nil {
		// The data is thrown away: no need to wait for a clean shutdown.
		if err := testcontainers.TerminateContainer(s.container, testcontainers.StopTimeout(3*time.Second)); err != nil {
			errs = append(errs, fmt.Errorf("remove container: %w", err))
		}
		s.container = nil
	}
	return errors.Join(errs...)
}

// Empty deletes every node and relationship of database (the server's default
// when ""), then drops every constraint and every index other than the token
// lookup indexes.
func Empty(ctx context.Context, d neo4j.DriverWithContext, database string) error {
	sess := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database, AccessMode: neo4j.AccessModeWrite})
	defer func() { _ = sess.Close(ctx) }()
	// Schema first: deleting is faster without indexes to maintain.
	for _, kind := range []struct{ list, drop string }{
		{"SHOW CONSTRAINTS YIELD name RETURN name", "DROP CONSTRAINT %s IF EXISTS"},
		{"SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name", "DROP INDEX %s IF EXISTS"},
	} {
		found, err := names(ctx, sess, kind.list)
		if err != nil {
			return err
		}
		for _, n := range found {
			if err := run(ctx, sess, fmt.Sprintf(kind.drop, quoteName(n))); err != nil {
				return err
			}
		}
	}
	// An auto-commit query: CALL ... IN TRANSACTIONS needs one.
	return run(ctx, sess, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
}

func run(ctx context.Context, sess neo4j.SessionWithContext, query string) error {
	res, err := sess.Run(ctx, query, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", query, err)
	}
	return nil
}

func names(ctx context.Context, sess neo4j.SessionWithContext, query string) ([]string, error) {
	res, err := sess.Run(ctx, query, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	out := make([]string, 0, len(recs))
	for _, r := range recs {
		if s, ok := r.Values[0].(string); ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// quoteName quotes a schema name for Cypher.
func quoteName(n string) string {
	out := []byte{'`'}
	for i := 0; i < len(n); i++ {
		if n[i] == '`' {
			out = append(out, '`')
		}
		out = append(out, n[i])
	}
	return string(append(out, '`'))
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", ":0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer func() { _ = l.Close() }()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
