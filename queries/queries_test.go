package queries

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// repoRoot is the module root (this file is in queries/).
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Dir(filepath.Dir(file))
}

func readRepoFile(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), rel))
	if err != nil {
		t.Fatalf("read %s: %v", rel, err)
	}
	return string(b)
}

func loadQueries(t testing.TB) []Query {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot(t), "docs", "queries.cypher"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := Parse(f)
	if err != nil {
		t.Fatalf("docs/queries.cypher: %v", err)
	}
	return qs
}

func loadStyle(t testing.TB) Style {
	t.Helper()
	st, err := ParseGrass(readRepoFile(t, "deploy/browser/newsgraph.grass"))
	if err != nil {
		t.Fatalf("deploy/browser/newsgraph.grass: %v", err)
	}
	return st
}

func TestQueriesFile(t *testing.T) {
	qs := loadQueries(t)
	if len(qs) < 10 {
		t.Fatalf("docs/queries.cypher has %d queries, want at least 10", len(qs))
	}
	for _, q := range qs {
		if strings.HasSuffix(q.Cypher, ";") || strings.Contains(q.Cypher, "\n//") {
			t.Errorf("%s: Cypher not cut cleanly: %q", q.Name, q.Cypher)
		}
		if len(q.Description) < 20 {
			t.Errorf("%s: description %q says too little", q.Name, q.Description)
		}
	}
	// The questions the Browser guide teaches are all here.
	for _, name := range []string{"said-about", "who-talks-about", "co-mentions", "neighbourhood",
		"stories", "shared-quotes", "articles-behind-edge", "edge-evidence"} {
		if !slices.ContainsFunc(qs, func(q Query) bool { return q.Name == name }) {
			t.Errorf("no query %q", name)
		}
	}
}

func TestParse(t *testing.T) {
	src := `// header, ignored
//   // name: not-a-query (indented in the header)

// name: one
// Counts things.
// expect: rows = 1
// expect: first n >= 2, label ~ "^Art"
MATCH (n)
RETURN count(n) AS n;

// name: two
// Another question,
// on two lines.
// pending: not yet
// expect: none name = "x"
RETURN 'y' AS name;
`
	qs, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 {
		t.Fatalf("got %d queries, want 2: %+v", len(qs), qs)
	}
	if qs[0].Name != "one" || qs[0].Cypher != "MATCH (n)\nRETURN count(n) AS n" || len(qs[0].Expect) != 2 {
		t.Errorf("first query: %+v", qs[0])
	}
	if got := qs[0].Expect[1]; got.Quant != First || len(got.Conds) != 2 || got.Conds[1].Op != "~" {
		t.Errorf("first query's second expectation: %+v", got)
	}
	if qs[1].Description != "Another question, on two lines." || qs[1].Pending != "not yet" {
		t.Errorf("second query: %+v", qs[1])
	}

	for _, bad := range []string{
		"// name: a\n// expect: rows = 1\nRETURN 1;\n",                                                           // no description
		"// name: a\n// Says.\nRETURN 1;\n",                                                                      // no expectation
		"// name: a\n// Says.\n// expect: rows = 1\nRETURN 1\n",                                                  // no semicolon
		"// name: a\n// Says.\n// expect: most n = 1\nRETURN 1;\n",                                               // unknown quantifier
		"// name: a\n// Says.\n// expect: first n ~ 3\nRETURN 1;\n",                                              // regex needs a string
		"// name: a\n// Says.\n// expect: first n = \"x\nRETURN 1;\n",                                            // bad JSON
		"// name: a\n// Says.\n// expect: rows ~ \"1\"\nRETURN 1;\n",                                             // rows needs a number
		"// name: a\n// S.\n// expect: rows = 1\nRETURN 1;\n// name: a\n// S.\n// expect: rows = 1\nRETURN 1;\n", // name twice
	} {
		if _, err := Parse(strings.NewReader(bad)); err == nil {
			t.Errorf("Parse accepted %q", bad)
		}
	}
}

func TestCheck(t *testing.T) {
	cols := []string{"name", "n", "tags", "who"}
	node := dbtype.Node{Labels: []string{"Entity", "Person"}, Props: map[string]any{"name": "Oleksiy Marchenko", "id": "person:x"}}
	rows := []map[string]any{
		{"name": "Ukraine", "n": int64(7), "tags": []any{"a", "b"}, "who": node},
		{"name": "Romania", "n": int64(5), "tags": []any{}, "who": nil},
	}
	cases := []struct {
		expect string
		ok     bool
	}{
		{`rows = 2`, true},
		{`rows >= 3`, false},
		{`first name = "Ukraine", n = 7`, true},
		{`first name = "Romania"`, false},
		{`any name = "Romania", n >= 5`, true},
		{`any name = "Romania", n > 5`, false},
		{`all n >= 5`, true},
		{`all n >= 6`, false},
		{`none name ~ "^R.*a$"`, false},
		{`none name ~ "^X"`, true},
		{`first tags contains "b"`, true},
		{`first tags contains "c"`, false},
		{`first tags ~ "^a$"`, true},
		{`first who ~ "Marchenko$"`, true},
		{`any who = null`, true},
		{`first name contains "krai"`, true},
		{`first n != 7`, false},
		{`first missing = 1`, false}, // unknown column is an error
		{`first name = 7`, false},    // a string is not a number
		{`first n = "7"`, false},     // a number is not a string
	}
	for _, c := range cases {
		e, err := ParseExpectation(c.expect)
		if err != nil {
			t.Errorf("%s: %v", c.expect, err)
			continue
		}
		err = e.Check(cols, rows)
		if (err == nil) != c.ok {
			t.Errorf("%s: Check = %v, want ok=%v", c.expect, err, c.ok)
		}
	}
	e, _ := ParseExpectation(`all n = 1`)
	if e.Check(cols, nil) == nil {
		t.Error("all holds on no rows")
	}
}

func TestGrass(t *testing.T) {
	st := loadStyle(t)
	colors := map[string]string{}
	for _, label := range []string{"Person", "Organization", "Location", "Article", "Statement"} {
		r, ok := st.Rule("node." + label)
		if !ok {
			t.Errorf("no rule node.%s", label)
			continue
		}
		c := r.Get("color")
		if !regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`).MatchString(c) {
			t.Errorf("node.%s color %q", label, c)
		}
		if prev, dup := colors[strings.ToUpper(c)]; dup {
			t.Errorf("node.%s and node.%s share color %s", label, prev, c)
		}
		colors[strings.ToUpper(c)] = label
		if r.Get("diameter") == "" || r.Get("caption") == "" {
			t.Errorf("node.%s needs a diameter and a caption: %+v", label, r)
		}
	}
	for sel, caption := range map[string]string{
		"node.Person": "{name}", "node.Organization": "{name}", "node.Location": "{name}",
		"node.Article": "{title}", "node.Statement": "{text}",
	} {
		if r, _ := st.Rule(sel); r.Get("caption") != caption {
			t.Errorf("%s caption = %q, want %q", sel, r.Get("caption"), caption)
		}
	}
	for sel, prop := range map[string]string{
		"relationship.MENTIONS": "{count}", "relationship.SAID_ABOUT": "{count}",
		"relationship.CO_MENTIONED_WITH": "{articles}",
	} {
		if r, _ := st.Rule(sel); !strings.Contains(r.Get("caption"), prop) {
			t.Errorf("%s caption %q does not show %s", sel, r.Get("caption"), prop)
		}
	}
	// Browser merges matching rules in order: Entity must come before the
	// type labels, or its properties would override theirs.
	idx := func(sel string) int {
		return slices.IndexFunc(st.Rules, func(r Rule) bool { return r.Selector == sel })
	}
	if e := idx("node.Entity"); e >= 0 && (e > idx("node.Person") || e > idx("node.Organization") || e > idx("node.Location")) {
		t.Error("node.Entity must come before node.Person, node.Organization and node.Location")
	}

	cmd := st.PostConnectCmd("http://localhost:7474/browser/newsgraph/guide.html")
	if strings.Count(outsideJSONStrings(cmd), ";") != 1 {
		t.Errorf("post-connect command must split into exactly two commands: %s", cmd)
	}
	if strings.ContainsAny(cmd, "\n\r") {
		t.Error("post-connect command has a line break")
	}

	for _, bad := range []string{
		"/* comment */ node { color: #fff; }",
		"node { caption: {name}; }",
		"node { caption: 'a:b'; }",
		"node { color: #fff; ",
		"edge { color: #fff; }",
		"node { color: #fff; } node { color: #000; }",
	} {
		if _, err := ParseGrass(bad); err == nil {
			t.Errorf("ParseGrass accepted %q", bad)
		}
	}
}

// outsideJSONStrings blanks double-quoted strings, as Browser does before it
// splits browser.post_connect_cmd at semicolons.
func outsideJSONStrings(s string) string {
	return regexp.MustCompile(`"[^"]*?"`).ReplaceAllString(s, `""`)
}

var (
	preRE   = regexp.MustCompile(`(?s)<pre class="[^"]*\brunnable\b[^"]*"( data-query="([^"]*)")?>(.*?)</pre>`)
	slideRE = regexp.MustCompile(`<slide class="row-fluid">`)
)

// guideQueries returns the runnable blocks of the guide: the name in
// data-query and the unescaped text.
func guideQueries(t testing.TB) [][2]string {
	t.Helper()
	src := readRepoFile(t, "deploy/browser/guide.html")
	var out [][2]string
	for _, m := range preRE.FindAllStringSubmatch(src, -1) {
		out = append(out, [2]string{m[2], html.UnescapeString(m[3])})
	}
	return out
}

// The guide is a Browser guide, and each of its runnable blocks is a query of
// docs/queries.cypher, word for word (so the integration test checks it).
func TestGuide(t *testing.T) {
	src := readRepoFile(t, "deploy/browser/guide.html")
	for _, want := range []string{`<article class="guide"`, `<carousel class="deck container-fluid">`} {
		if !strings.Contains(src, want) {
			t.Errorf("guide.html lacks %s", want)
		}
	}
	if n := len(slideRE.FindAllString(src, -1)); n < 6 {
		t.Errorf("guide.html has %d slides, want at least 6", n)
	}
	if strings.Contains(src, "<script") {
		t.Error("guide.html has a script (Browser strips them)")
	}
	byName := map[string]Query{}
	for _, q := range loadQueries(t) {
		byName[q.Name] = q
	}
	blocks := guideQueries(t)
	if len(blocks) < 6 {
		t.Fatalf("guide.html has %d runnable queries, want at least 6", len(blocks))
	}
	seen := map[string]bool{}
	for _, b := range blocks {
		q, ok := byName[b[0]]
		if !ok {
			t.Errorf("guide block %q names no query of docs/queries.cypher", b[0])
			continue
		}
		seen[b[0]] = true
		if got := strings.TrimSuffix(strings.TrimSpace(b[1]), ";"); got != q.Cypher {
			t.Errorf("guide block %q differs from docs/queries.cypher:\nguide:\n%s\nqueries.cypher:\n%s", b[0], got, q.Cypher)
		}
	}
	for _, name := range []string{"said-about", "who-talks-about", "co-mentions", "neighbourhood", "stories", "articles-behind-edge"} {
		if !seen[name] {
			t.Errorf("the guide does not teach %q", name)
		}
	}
}

// guideURL is where Neo4j serves the guide once deploy/browser/embed.sh put it
// into the Browser jar (the demo's port).
const guideURL = "http://localhost:7474/browser/newsgraph/guide.html"

// The post-connect setting in the deployment files applies this style. It
// prints the line to use, and checks the files that exist. Only the server
// whose Browser jar holds the guide (deploy/neo4j's conf, used by local.sh
// and the local image) plays it; docker-compose.yml also runs the official
// image, which does not have it, so its command applies the style only.
func TestPostConnectSetting(t *testing.T) {
	st := loadStyle(t)
	t.Logf("neo4j.conf line:\nbrowser.post_connect_cmd=%s", st.PostConnectCmd(guideURL))
	files := []struct{ path, prefix, guide string }{
		{"deploy/neo4j/neo4j.conf.template", "browser.post_connect_cmd=", guideURL},
		{"docker-compose.yml", "NEO4J_browser_post__connect__cmd: ", ""},
	}
	for _, f := range files {
		want := st.PostConnectCmd(f.guide)
		b, err := os.ReadFile(filepath.Join(repoRoot(t), f.path))
		if os.IsNotExist(err) {
			t.Logf("%s does not exist yet", f.path)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if v, ok := strings.CutPrefix(line, f.prefix); ok {
				got = append(got, strings.Trim(v, "'"))
			}
		}
		switch {
		case len(got) == 0:
			t.Errorf("%s has no %s line", f.path, f.prefix)
		case len(got) > 1:
			t.Errorf("%s has %d %s lines", f.path, len(got), f.prefix)
		case got[0] != want:
			t.Errorf("%s: %s does not match deploy/browser/newsgraph.grass; want\n%s%s", f.path, f.prefix, f.prefix, want)
		}
	}
}
