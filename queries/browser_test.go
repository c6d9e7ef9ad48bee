package queries

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// The query whose graph the browser test draws: who spoke about Ukraine, a
// small graph with people, organizations and places.
const browserQuery = "MATCH (sp:Entity)-[r:SAID_ABOUT]->(t:Entity) WHERE 'Ukraine' IN [t.name] + coalesce(t.aliases, []) RETURN sp, r, t"

// findChromium returns the Chromium (or Chrome) binary. Without one the test
// fails under CI=true (make test installs Debian's chromium) and is skipped
// elsewhere.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("NEWSGRAPH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium found (CI=true): apt-get install -y chromium, or set NEWSGRAPH_CHROMIUM")
	}
	t.Skip("no chromium found: apt-get install -y chromium, or set NEWSGRAPH_CHROMIUM")
	return ""
}

// browserHTTP is the base URL (http://host:port) of the test server's HTTP
// connector, which serves Neo4j Browser at /browser/.
func browserHTTP(t *testing.T, ep neo4jtest.Endpoint) string {
	t.Helper()
	if u := os.Getenv("NEO4J_TEST_HTTP_URL"); u != "" {
		return strings.TrimSuffix(u, "/")
	}
	if os.Getenv("NEO4J_TEST_URI") != "" {
		u, err := url.Parse(ep.URI)
		if err != nil {
			t.Fatalf("NEO4J_TEST_URI %q: %v", ep.URI, err)
		}
		return "http://" + u.Hostname() + ":7474"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	u, err := neo4jtest.Container(t).PortEndpoint(ctx, "7474/tcp", "http")
	if err != nil {
		t.Fatalf("HTTP port of the test container: %v", err)
	}
	return u
}

// artifactsDir is where screenshots go: $NEWSGRAPH_ARTIFACTS, else a folder
// under the system's temporary directory that outlives the test.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("NEWSGRAPH_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "newsgraph-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts folder: %v", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// drawnNode is what the test reads of one node Browser drew.
type drawnNode struct {
	Fill    string `json:"fill"`
	Caption string `json:"caption"`
}

// A real browser opens Neo4j Browser served by the test server, connects,
// runs a query, and draws the graph with newsgraph's style: coloured nodes
// named by their entities. The screenshot is saved where the log says.
func TestBrowserDrawsGraph(t *testing.T) {
	chrome := findChromium(t)
	d := loadExamples(t)
	ep := neo4jtest.Target(t)
	base := browserHTTP(t, ep)
	style := loadStyle(t)
	shots := artifactsDir(t)

	// Does the server apply the style on connect (browser.post_connect_cmd)?
	fromServer := serverAppliesStyle(t, d, ep, style)

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	defer cancelAlloc()
	bctx, cancelTab := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancelTab()

	bolt, err := url.Parse(ep.URI)
	if err != nil {
		t.Fatal(err)
	}
	if ep.Password != "" {
		bolt.User = url.User(ep.Username)
	}
	auth := "NO_AUTH"
	if ep.Password != "" {
		auth = "NATIVE"
	}
	open := func(extra url.Values) string {
		v := url.Values{"dbms": {bolt.String()}, "preselectAuthMethod": {auth}}
		for k, x := range extra {
			v[k] = x
		}
		return base + "/browser/?" + v.Encode()
	}

	// Open Browser and connect.
	if err := chromedp.Do(bctx, chromedp.Navigate(open(nil))); err != nil {
		t.Fatalf("open %s/browser/: %v", base, err)
	}
	connect(t, bctx, ep, shots)

	if !fromServer {
		// The server does not carry the style: apply it the way a user would.
		t.Log("the server's browser.post_connect_cmd does not apply newsgraph.grass; applying it with :style")
		runCommand(t, bctx, shots, ":style "+style.JSON())
	}

	runCommand(t, bctx, shots, browserQuery)
	nodes := waitGraph(t, bctx, shots)

	// A screenshot of the result frame (the page also holds the frames of the
	// post-connect commands).
	shot := filepath.Join(shots, "browser-graph.png")
	if _, err := js[bool](bctx, `(() => { const f = document.querySelector('svg g.node').closest('article'); f.id = 'ng-graph-frame'; f.scrollIntoView(); return true })()`); err != nil {
		t.Fatalf("find the graph frame: %v", err)
	}
	png, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.ID("ng-graph-frame")))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the graph: %s", shot)

	// The nodes are drawn in newsgraph's colours, with the entities' names.
	ours := map[string]string{}
	for _, label := range []string{"Person", "Organization", "Location", "Article", "Statement"} {
		r, _ := style.Rule("node." + label)
		ours[strings.ToUpper(r.Get("color"))] = label
	}
	kinds := map[string]bool{}
	var captions []string
	for _, n := range nodes {
		label, ok := ours[strings.ToUpper(n.Fill)]
		if !ok {
			t.Errorf("node %q drawn in %s, not a colour of newsgraph.grass", n.Caption, n.Fill)
		}
		kinds[label] = true
		if strings.TrimSpace(n.Caption) == "" {
			t.Errorf("a node (%s) has no caption", n.Fill)
		}
		captions = append(captions, n.Caption)
	}
	if len(kinds) < 2 {
		t.Errorf("nodes of %d kinds drawn (%v), want people, places (and organizations) in distinct colours", len(kinds), kinds)
	}
	if !kinds["Location"] || !kinds["Person"] {
		t.Errorf("want Person and Location nodes in the graph, got %v", kinds)
	}
	joined := strings.Join(captions, " | ")
	for _, want := range []string{"Ukraine", "Vladescu"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no node captioned %q; captions: %s", want, joined)
		}
	}
	t.Logf("%d nodes drawn, kinds %v, captions: %s", len(nodes), kinds, joined)

	checkGuide(t, bctx, base, shots)
}

// serverAppliesStyle reports whether the server's browser.post_connect_cmd
// applies exactly this style.
func serverAppliesStyle(t *testing.T, d neo4j.DriverWithContext, ep neo4jtest.Endpoint, style Style) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, d,
		"CALL dbms.clientConfig() YIELD name, value WHERE name = 'browser.post_connect_cmd' RETURN value",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(ep.Database))
	if err != nil {
		t.Logf("dbms.clientConfig: %v", err)
		return false
	}
	for _, r := range res.Records {
		if v, ok := r.Values[0].(string); ok && strings.Contains(v, "style "+style.JSON()) {
			return true
		}
	}
	return false
}

// js evaluates expr in the page.
func js[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr))
}

// waitJS polls expr until it is true or d passes.
func waitJS(ctx context.Context, expr string, d time.Duration) bool {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if ok, err := js[bool](ctx, expr); err == nil && ok {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(300 * time.Millisecond):
		}
	}
	return false
}

const (
	jsConnectForm = `!!document.querySelector('[data-testid="connect"]')`
	jsConnected   = `!document.querySelector('[data-testid="connect"]') && !document.querySelector('[data-testid="disconnectedBanner"]') && !!document.querySelector('[data-testid="editor-Run"]')`
)

// connect fills Browser's connect form when it shows one (with no
// authentication Browser connects by itself) and waits for the connection.
func connect(t *testing.T, ctx context.Context, ep neo4jtest.Endpoint, shots string) {
	t.Helper()
	if !waitJS(ctx, jsConnectForm+` || (`+jsConnected+`)`, 60*time.Second) {
		fail(t, ctx, shots, "Browser showed neither its connect form nor a connection")
	}
	if ok, _ := js[bool](ctx, jsConnectForm); ok && ep.Password != "" {
		user, _ := js[string](ctx, `document.querySelector('[data-testid="username"]').value`)
		steps := []chromedp.Action[chromedp.Void]{}
		if user == "" {
			steps = append(steps, chromedp.SendKeys(chromedp.CSS(`[data-testid="username"]`), ep.Username))
		}
		steps = append(steps, chromedp.SendKeys(chromedp.CSS(`[data-testid="password"]`), ep.Password))
		if err := chromedp.Do(ctx, steps...); err != nil {
			fail(t, ctx, shots, fmt.Sprintf("fill the connect form: %v", err))
		}
	}
	if ok, _ := js[bool](ctx, jsConnectForm); ok {
		if _, err := js[bool](ctx, `(document.querySelector('[data-testid="connect"]').click(), true)`); err != nil {
			fail(t, ctx, shots, fmt.Sprintf("click connect: %v", err))
		}
	}
	if !waitJS(ctx, jsConnected, 60*time.Second) {
		fail(t, ctx, shots, "Browser did not connect to "+ep.URI)
	}
}

// runCommand types text into Browser's editor (as one insertion, so the
// editor's auto-closing of brackets and quotes does not apply) and runs it,
// retrying while Browser is still settling its connection.
func runCommand(t *testing.T, ctx context.Context, shots, text string) {
	t.Helper()
	probe := text
	if len(probe) > 30 {
		probe = probe[:30]
	}
	frame := fmt.Sprintf(`Array.from(document.querySelectorAll('article[data-testid="frame"]')).find(f => { const c = f.querySelector('[data-testid="frameCommand"]'); return c && c.innerText.replace(/\u00a0/g, ' ').includes(%q) })`, probe)
	for try := 1; ; try++ {
		err := chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`[data-testid="activeEditor"] textarea`)),
			chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.KeyEvent(kb.Backspace),
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: text})
				return err
			}),
		)
		if err != nil {
			fail(t, ctx, shots, fmt.Sprintf("type %.60q into the editor: %v", text, err))
		}
		// Monaco renders only the lines in view, and the cursor is at the end.
		tail := text
		if len(tail) > 20 {
			tail = tail[len(tail)-20:]
		}
		if !waitJS(ctx, fmt.Sprintf(`document.querySelector('[data-testid="activeEditor"]').innerText.replace(/\u00a0/g, ' ').replace(/\n/g, '').includes(%q)`, tail), 10*time.Second) {
			fail(t, ctx, shots, fmt.Sprintf("the editor does not hold %.60q", text))
		}
		// Frames of earlier runs of the same command do not count.
		if _, err := js[bool](ctx, `(Array.from(document.querySelectorAll('article[data-testid="frame"]')).forEach(f => f.setAttribute('data-ng-old', '1')), true)`); err != nil {
			fail(t, ctx, shots, err.Error())
		}
		if _, err := js[bool](ctx, `(document.querySelector('[data-testid="editor-Run"]').click(), true)`); err != nil {
			fail(t, ctx, shots, fmt.Sprintf("run %.60q: %v", text, err))
		}
		fresh := `(() => { const f = ` + frame + `; return f && !f.hasAttribute('data-ng-old') ? f : null })()`
		if waitJS(ctx, `!!`+fresh, 15*time.Second) {
			// Give a failed connection time to show as an error frame.
			time.Sleep(2 * time.Second)
			bad, _ := js[bool](ctx, `(() => { const f = `+fresh+`; return !!f && /No connection found|BoltConnectionError|ServiceUnavailable/.test(f.innerText) })()`)
			if !bad {
				return
			}
		}
		if try == 5 {
			fail(t, ctx, shots, fmt.Sprintf("running %.60q: no result frame, or no connection, after %d tries", text, try))
		}
		time.Sleep(3 * time.Second)
	}
}

// waitGraph waits until the graph view has drawn its nodes and returns their
// fill colours and captions.
func waitGraph(t *testing.T, ctx context.Context, shots string) []drawnNode {
	t.Helper()
	const read = `JSON.stringify(Array.from(document.querySelectorAll('svg g.node')).map(g => ({
		fill: (g.querySelector('circle.b-outline') || g.querySelector('circle') || {getAttribute: () => ''}).getAttribute('fill') || '',
		caption: Array.from(g.querySelectorAll('text')).map(x => x.textContent).join(' ')
	})))`
	var nodes []drawnNode
	var last int
	end := time.Now().Add(90 * time.Second)
	for time.Now().Before(end) {
		s, err := js[string](ctx, read)
		if err == nil && json.Unmarshal([]byte(s), &nodes) == nil && len(nodes) >= 3 && len(nodes) == last {
			// Two equal counts in a row: the drawing has settled.
			time.Sleep(2 * time.Second) // let the force layout calm down for the screenshot
			s, err = js[string](ctx, read)
			if err == nil && json.Unmarshal([]byte(s), &nodes) == nil {
				return nodes
			}
		}
		last = len(nodes)
		time.Sleep(time.Second)
	}
	fail(t, ctx, shots, fmt.Sprintf("the graph view drew %d nodes (svg g.node), want at least 3", len(nodes)))
	return nil
}

// checkGuide plays the guide when the server serves it (deploy/browser/embed.sh
// put it into the Browser jar) and checks that its slides and runnable
// queries show.
func checkGuide(t *testing.T, ctx context.Context, base, shots string) {
	t.Helper()
	guide := base + "/browser/newsgraph/guide.html"
	resp, err := http.Get(guide)
	if err != nil {
		t.Errorf("GET %s: %v", guide, err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Logf("the server does not serve the guide (GET %s: %s); deploy/browser/embed.sh adds it to the Browser jar", guide, resp.Status)
		return
	}
	runCommand(t, ctx, shots, ":play "+guide)
	if !waitJS(ctx, `document.querySelectorAll('.runnable').length > 0 && document.body.innerText.includes('The graph of the news')`, 60*time.Second) {
		fail(t, ctx, shots, "the guide's slides did not show")
	}
	shot := filepath.Join(shots, "browser-guide.png")
	if _, err := js[bool](ctx, `(() => { const f = document.querySelector('.runnable').closest('article'); f.id = 'ng-guide-frame'; f.scrollIntoView(); return true })()`); err != nil {
		t.Errorf("find the guide frame: %v", err)
		return
	}
	if png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("ng-guide-frame"))); err == nil {
		if err := os.WriteFile(shot, png, 0o644); err == nil {
			t.Logf("screenshot of the guide: %s", shot)
		}
	}
}

// fail saves a screenshot of the page as it is and fails the test.
func fail(t *testing.T, ctx context.Context, shots, msg string) {
	t.Helper()
	shot := filepath.Join(shots, "browser-failure.png")
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		if os.WriteFile(shot, png, 0o644) == nil {
			msg += "\nscreenshot of the page: " + shot
		}
	}
	if txt, err := js[string](ctx, `document.body ? document.body.innerText.slice(0, 2000) : ''`); err == nil {
		msg += "\npage text:\n" + txt
	}
	t.Fatal(msg)
}
