package loader

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// Integration tests: they run against a real Neo4j (see testdb_test.go).
// Nothing here is mocked.

func load(t testing.TB, l *Loader, docs []graph.Doc) Stats {
	t.Helper()
	st, err := l.Load(context.Background(), docs)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return st
}

func dump(t testing.TB, l *Loader) string {
	t.Helper()
	s, err := l.Dump(context.Background())
	if err != nil {
		t.Fatalf("Dump: %v", err)
	}
	return s
}

// cleanDump empties the database, loads docs in one batch and dumps.
func cleanDump(t testing.TB, docs []graph.Doc) string {
	t.Helper()
	l := freshLoader(t)
	load(t, l, docs)
	return dump(t, l)
}

// sameGraph fails with the first differing lines when two dumps differ.
func sameGraph(t *testing.T, what, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var only []string
	for _, x := range g {
		if !slices.Contains(w, x) {
			only = append(only, "+ "+x)
		}
	}
	for _, x := range w {
		if !slices.Contains(g, x) {
			only = append(only, "- "+x)
		}
	}
	if len(only) > 20 && os.Getenv("ZZ_ALL") == "" {
		only = append(only[:20], "...")
	}
	t.Fatalf("%s: graphs differ (%d vs %d lines; + only in got, - only in want):\n%s",
		what, len(g), len(w), strings.Join(only, "\n"))
}

func query(t *testing.T, l *Loader, q string, params map[string]any) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), l.Driver(), q, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(l.Config().Database))
	if err != nil {
		t.Fatalf("query %s: %v", q, err)
	}
	return res.Records
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	l := freshLoader(t)
	docs := append(handDocs(), syntheticDocs(60, 11)...)
	st := load(t, l, docs)
	if st.Added != len(docs) || st.Replaced != 0 || st.Unchanged != 0 {
		t.Errorf("first load stats = %+v, want %d added", st, len(docs))
	}
	first := dump(t, l)
	st = load(t, l, docs)
	if st.Unchanged != len(docs) || st.Added != 0 || st.Replaced != 0 {
		t.Errorf("second load stats = %+v, want %d unchanged", st, len(docs))
	}
	sameGraph(t, "after loading twice", dump(t, l), first)
}

// TestHandGraph checks the graph of the hand-made documents against values
// worked out by hand.
func TestHandGraph(t *testing.T) {
	l := freshLoader(t)
	load(t, l, handDocs())
	s, err := l.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := Summary{Articles: 4, Sources: 5, Entities: 7, Persons: 3, Organizations: 2, Locations: 2,
		Statements: 7, Mentions: 14, CoMentions: 13, SaidAbout: 9, StatementRels: 7 + 6 + 12}
	if s != want {
		t.Errorf("summary =\n%v\nwant\n%v", s, want)
	}
	rel := func(typ, a, b string) map[string]any {
		t.Helper()
		recs := query(t, l, "MATCH (:Entity {id: $a})-[r]->(:Entity {id: $b}) WHERE type(r) = $t RETURN properties(r) AS p",
			map[string]any{"a": a, "b": b, "t": typ})
		if len(recs) != 1 {
			t.Fatalf("%s %s -> %s: %d relationships, want 1", typ, a, b, len(recs))
		}
		p, _ := recs[0].Get("p")
		return p.(map[string]any)
	}
	// alice-bob: a1 (sentence 0 shared) and a5 (sentence 2 shared). a1's
	// representative is mirror/one-copy.txt (smallest source), dated 2021-03-05.
	cm := rel("CO_MENTIONED_WITH", alice, bob)
	if cm["articles"] != int64(2) || cm["sentences"] != int64(2) || cm["first_seen"] != "2020-12-31" || cm["last_seen"] != "2021-03-05" {
		t.Errorf("alice-bob = %v", cm)
	}
	// Stored from the lower id to the higher one only.
	if recs := query(t, l, "MATCH (:Entity {id: $b})-[r:CO_MENTIONED_WITH]->(:Entity {id: $a}) RETURN r",
		map[string]any{"a": alice, "b": bob}); len(recs) != 0 {
		t.Errorf("CO_MENTIONED_WITH stored in both directions")
	}
	// acme said about alice twice in a2.
	if sa := rel("SAID_ABOUT", acme, alice); sa["count"] != int64(2) || sa["first_seen"] != "2021-05-01" || sa["last_seen"] != "2021-05-01" {
		t.Errorf("acme SAID_ABOUT alice = %v", sa)
	}
	// carol-globex only in the undated a3: no dates.
	if cg := rel("SAID_ABOUT", carol, globex); cg["count"] != int64(1) || cg["first_seen"] != nil {
		t.Errorf("carol SAID_ABOUT globex = %v", cg)
	}
	recs := query(t, l, "MATCH (e:Entity {id: $id}) RETURN e.name AS name, e.aliases AS aliases, e.roles AS roles, labels(e) AS labels",
		map[string]any{"id": alice})
	name, _ := recs[0].Get("name")
	aliases, _ := recs[0].Get("aliases")
	roles, _ := recs[0].Get("roles")
	// "Alice Example" lost the name to the longer "Alice B. Example": it
	// stays as an alias (both full spellings are found).
	if name != "Alice B. Example" || !reflect.DeepEqual(aliases, []any{"Alice", "Alice Example", "Example", "Ms. Example"}) || fmt.Sprint(roles) != "[mayor mayor of Rome]" {
		t.Errorf("alice = %v %v %v", name, aliases, roles)
	}
	art := query(t, l, "MATCH (a:Article {id: 'a1'}) RETURN a.source AS s, a.url AS u", nil)
	if s, _ := art[0].Get("s"); s != "mirror/one-copy.txt" {
		t.Errorf("a1 source = %v, want the smallest source", s)
	}
	// The full-text index finds entities by alias.
	ft := query(t, l, "CALL db.index.fulltext.queryNodes('entity_names', 'Roma') YIELD node RETURN node.id AS id", nil)
	if len(ft) != 1 {
		t.Fatalf("full-text search for Roma: %d hits", len(ft))
	}
	if id, _ := ft[0].Get("id"); id != rome {
		t.Errorf("full-text search for Roma found %v", id)
	}
}

func TestBatchesInAnyOrderGiveOneGraph(t *testing.T) {
	docs := append(handDocs(), syntheticDocs(120, 12)...)
	want := cleanDump(t, docs)

	// Two halves, both orders.
	h := len(docs) / 2
	for _, halves := range [][2][]graph.Doc{{docs[:h], docs[h:]}, {docs[h:], docs[:h]}} {
		l := freshLoader(t)
		load(t, l, halves[0])
		load(t, l, halves[1])
		sameGraph(t, "two halves", dump(t, l), want)
	}
	// Random order in random batch sizes, with some documents loaded twice.
	r := rand.New(rand.NewPCG(5, 6))
	l := freshLoader(t)
	perm := r.Perm(len(docs))
	for i := 0; i < len(perm); {
		n := 1 + r.IntN(30)
		var b []graph.Doc
		for _, j := range perm[i:min(i+n, len(perm))] {
			b = append(b, docs[j])
		}
		if i > 0 {
			b = append(b, docs[perm[r.IntN(i)]])
		}
		load(t, l, b)
		i += n
	}
	sameGraph(t, "random batches", dump(t, l), want)
}

// changedDocs returns handDocs with some sources' documents changed.
func changedDocs() (changes []graph.Doc, all []graph.Doc) {
	docs := handDocs()
	// news/two.txt: new text (new id), Paris gone, Bob and Rome in, new date.
	two := graph.Doc{
		ID: "a2-v2", Source: "news/two.txt", Title: "Acme in Rome", Published: "2022-02-02",
		Entities: []graph.Entity{
			ent(acme, graph.Organization, "Acme Corp", []string{"Acme"}, nil, 0, 2),
			ent(rome, graph.Location, "Rome", nil, nil, 0),
			ent(bob, graph.Person, "Bob Sample", []string{"Mr. Sample"}, nil, 2),
		},
		Attributions: []graph.Attribution{attr(sp(bob), 220, 230, true, acme)},
	}
	// mirror/one-copy.txt, representative of a1, gets its own new text:
	// a1 is left with news/one.txt (another date and url).
	mirror := graph.Doc{
		ID: "a4", Source: "mirror/one-copy.txt", Title: "Mirror's own", Published: "2019-06-06",
		Entities: []graph.Entity{
			ent(carol, graph.Person, "Carol Test", nil, nil, 0),
			ent(paris, graph.Location, "Paris", nil, nil, 0),
		},
	}
	// news/five.txt: same text and id, better extraction (Bob gone).
	five := docs[4]
	five.Entities = slices.Clone(five.Entities[:3])
	five.Attributions = []graph.Attribution{attr(sp(alice), 220, 230, false, rome, paris)}

	changes = []graph.Doc{two, mirror, five}
	all = []graph.Doc{docs[0], two, docs[2], mirror, five}
	return changes, all
}

func TestChangedTextReplacesOldContribution(t *testing.T) {
	changes, all := changedDocs()
	want := cleanDump(t, all)

	l := freshLoader(t)
	load(t, l, handDocs())
	st := load(t, l, changes)
	if st.Replaced != 3 || st.Added != 0 {
		t.Errorf("stats = %+v, want 3 replaced", st)
	}
	sameGraph(t, "after replacing", dump(t, l), want)

	// The same, one change per batch, in the other order.
	l = freshLoader(t)
	load(t, l, handDocs())
	for i := len(changes) - 1; i >= 0; i-- {
		load(t, l, changes[i:i+1])
	}
	sameGraph(t, "after replacing one by one", dump(t, l), want)

	// And changing back gives the original graph.
	load(t, l, handDocs())
	sameGraph(t, "after changing back", dump(t, l), cleanDump(t, handDocs()))
}

func TestChangedSyntheticCorpus(t *testing.T) {
	v1 := syntheticDocs(150, 21)
	v2 := syntheticDocs(150, 22)
	// Same sources as v1, other texts, for every third document.
	var changes []graph.Doc
	final := slices.Clone(v1)
	for i := 0; i < len(v1); i += 3 {
		d := v2[i]
		d.Source = v1[i].Source
		changes = append(changes, d)
		final[i] = d
	}
	want := cleanDump(t, final)
	l := freshLoader(t)
	load(t, l, v1[:70])
	load(t, l, changes[:20])
	load(t, l, v1[70:])
	load(t, l, changes[20:])
	sameGraph(t, "synthetic replacements", dump(t, l), want)
}

// TestFailedBatchRerun fails a batch at each of its steps and re-runs it:
// the graph must be as if the batch had run once.
func TestFailedBatchRerun(t *testing.T) {
	synth := syntheticDocs(40, 31)
	docs := append(handDocs(), synth...)
	want := cleanDump(t, docs)
	changes, all := changedDocs()
	wantChanged := cleanDump(t, append(all, synth...))

	fail := errors.New("injected failure")
	failAt := func(step string) {
		testHookBeforeRun = func(name string) error {
			if name == step {
				return fail
			}
			return nil
		}
	}
	t.Cleanup(func() { testHookBeforeRun = nil })
	for _, step := range []string{"write ledger", "delete articles", "merge entities", "create mentions",
		"create statements", "CO_MENTIONED_WITH deltas", "SAID_ABOUT dates", "recompute entities"} {
		l := freshLoader(t)
		load(t, l, docs[:20])
		failAt(step)
		_, err := l.Load(context.Background(), docs)
		testHookBeforeRun = nil
		if err != nil && !errors.Is(err, fail) {
			t.Fatalf("step %s: %v", step, err)
		}
		load(t, l, docs)
		sameGraph(t, "re-run after failure at "+step, dump(t, l), want)

		// A batch that replaces articles, failed and re-run.
		failAt(step)
		_, err = l.Load(context.Background(), changes)
		testHookBeforeRun = nil
		if err != nil && !errors.Is(err, fail) {
			t.Fatalf("step %s: %v", step, err)
		}
		load(t, l, changes)
		sameGraph(t, "re-run of replacements after failure at "+step, dump(t, l), wantChanged)
	}
}

func TestHostileDocumentIsPlainData(t *testing.T) {
	l := freshLoader(t)
	load(t, l, handDocs())
	before, err := l.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	h := hostileDoc()
	load(t, l, []graph.Doc{h})
	after, err := l.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if after.Articles != before.Articles+1 || after.Entities != before.Entities+2 || after.Persons != before.Persons+1 {
		t.Errorf("summary after hostile doc:\n%v\nbefore:\n%v", after, before)
	}
	for _, e := range h.Entities {
		recs := query(t, l, "MATCH (e:Entity {id: $id}) RETURN e.name AS name, labels(e) AS labels", map[string]any{"id": e.ID})
		if len(recs) != 1 {
			t.Fatalf("entity %q: %d nodes", e.ID, len(recs))
		}
		if n, _ := recs[0].Get("name"); n != e.Name {
			t.Errorf("entity %q name = %q, want %q", e.ID, n, e.Name)
		}
		labels, _ := recs[0].Get("labels")
		if len(strs(labels)) != 2 {
			t.Errorf("entity %q labels = %v, want Entity and one type", e.ID, labels)
		}
	}
	recs := query(t, l, "MATCH (a:Article {id: $id}) RETURN a.title AS title, a.source AS source", map[string]any{"id": h.ID})
	if len(recs) != 1 {
		t.Fatalf("hostile article: %d nodes", len(recs))
	}
	if s, _ := recs[0].Get("source"); s != h.Source {
		t.Errorf("source = %q", s)
	}
	// Loading it again changes nothing; the rest of the graph is intact.
	d := dump(t, l)
	load(t, l, []graph.Doc{h})
	sameGraph(t, "hostile twice", dump(t, l), d)
}

func TestSchemaIdempotent(t *testing.T) {
	l := freshLoader(t)
	for range 2 {
		if err := l.Schema(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	recs := query(t, l, "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes[0] + '.' + properties[0] AS c, type", nil)
	var got []string
	for _, r := range recs {
		c, _ := r.Get("c")
		typ, _ := r.Get("type")
		got = append(got, fmt.Sprint(c, " ", typ))
	}
	slices.Sort(got)
	for _, w := range []string{"Article.id UNIQUENESS", "Entity.id UNIQUENESS", "Ingest.source UNIQUENESS", "Statement.id UNIQUENESS"} {
		if !slices.Contains(got, w) {
			t.Errorf("constraints %q lack %q", got, w)
		}
	}
	recs = query(t, l, "SHOW INDEXES YIELD name, type, state WHERE name = 'entity_names' RETURN type, state", nil)
	if len(recs) != 1 {
		t.Fatalf("entity_names index: %d", len(recs))
	}
	if typ, _ := recs[0].Get("type"); typ != "FULLTEXT" {
		t.Errorf("entity_names type = %v", typ)
	}
	if state, _ := recs[0].Get("state"); state != "ONLINE" {
		t.Errorf("entity_names state = %v", state)
	}
}

func TestConnectErrors(t *testing.T) {
	ctx := context.Background()
	_, err := Connect(ctx, Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "s3cret-pw"})
	if !errors.Is(err, ErrUnreachable) {
		t.Errorf("unreachable server: %v, want ErrUnreachable", err)
	}
	if err != nil && strings.Contains(err.Error(), "s3cret-pw") {
		t.Errorf("error shows the password: %v", err)
	}
	// Encrypted and routing schemes are accepted (the driver handles them):
	// with nothing listening, the error is "unreachable", not a bad URI.
	for _, uri := range []string{"neo4j+s://127.0.0.1:1", "bolt+s://127.0.0.1:1", "neo4j+ssc://127.0.0.1:1", "neo4j://127.0.0.1:1"} {
		ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		_, err := Connect(ctx, Config{URI: uri, Username: "neo4j", Password: "s3cret-pw"})
		cancel()
		if !errors.Is(err, ErrUnreachable) {
			t.Errorf("%s: %v, want ErrUnreachable", uri, err)
		}
	}
	if _, err := Connect(ctx, Config{URI: "http://localhost:7474"}); err == nil || errors.Is(err, ErrUnreachable) {
		t.Errorf("http URI: %v, want a clear usage error", err)
	}
}

// TestLoadMatchesModel compares what Load builds in Neo4j, incrementally and
// in Cypher, with the graph computed in memory in Go (buildModel, which
// ExportCSV writes): two implementations of the same rules.
func TestLoadMatchesModel(t *testing.T) {
	changes, all := changedDocs()
	synth := syntheticDocs(100, 41)
	for name, c := range map[string]struct{ load, final []graph.Doc }{
		"hand":          {handDocs(), handDocs()},
		"hostile":       {[]graph.Doc{hostileDoc()}, []graph.Doc{hostileDoc()}},
		"replaced":      {append(handDocs(), changes...), all},
		"synthetic":     {synth, synth},
		"synth+changes": {append(append(slices.Clone(synth), handDocs()...), changes...), append(slices.Clone(synth), all...)},
	} {
		l := freshLoader(t)
		for i := 0; i < len(c.load); i += 7 {
			load(t, l, c.load[i:min(i+7, len(c.load))])
		}
		want, err := buildModel(slices.Values(c.final), CountByCopy, 0, nil).dump()
		if err != nil {
			t.Fatal(err)
		}
		sameGraph(t, name, dump(t, l), want)
	}
}

func TestConnectWrongPassword(t *testing.T) {
	ep := neo4jtest.Target(t)
	if ep.Password == "" {
		t.Skip("the test server has authentication off")
	}
	ctx := context.Background()
	wrong := ep.Password + "-wrong-Zq9"
	_, err := Connect(ctx, Config{URI: ep.URI, Username: ep.Username, Password: wrong, Database: ep.Database})
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("wrong password: %v, want ErrAuth", err)
	}
	if strings.Contains(err.Error(), wrong) {
		t.Errorf("error shows the password: %v", err)
	}
	l, err := Connect(ctx, Config{URI: ep.URI, Username: ep.Username, Password: ep.Password, Database: ep.Database})
	if err != nil {
		t.Fatalf("right password: %v", err)
	}
	defer l.Close(ctx)
	if _, err := l.Summary(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestConnectUnknownDatabase(t *testing.T) {
	ep := neo4jtest.Target(t)
	_, err := Connect(context.Background(), Config{URI: ep.URI, Username: ep.Username, Password: ep.Password, Database: "no-such-db"})
	if err == nil || !strings.Contains(err.Error(), "no-such-db") {
		t.Fatalf("unknown database: %v, want an error naming it", err)
	}
}

// TestListArticleKeepsMentionsLimitsPairs: an article over the pair limit
// (graph.MaxCoMentionEntities) has every entity and MENTIONS in Neo4j and at
// most MaxCoMentionEntities·(MaxCoMentionEntities-1)/2 co-mention pairs;
// replacing it by another version of the list (the pairs are read back and
// subtracted) and back gives the graph of a clean load and the model.
//
// The limit is lowered to 20 here (the unit test TestPairEntitiesLimitsPairs
// uses the real one): at 200 each load writes 19,900 edges and the test
// takes a minute.
func TestListArticleKeepsMentionsLimitsPairs(t *testing.T) {
	defer func(n int) { pairLimit = n }(pairLimit)
	pairLimit = 20
	v1 := []graph.Doc{listDoc("list-a", "list.txt", 40, 1), handDocs()[0]}
	// The same list, shorter, on another day, with listed 20..34 named
	// twice: they form pairs now instead of listed 0..11. The entities stay,
	// so pairs subtracted other than as added would be left over.
	v2 := []graph.Doc{listDoc("list-b", "list.txt", 35, 1), handDocs()[0]}
	v2[0].Published = "2022-02-01"
	for i := 20; i < 35; i++ {
		e := &v2[0].Entities[i]
		e.Mentions = append(e.Mentions, graph.Mention{Start: 9000 + 10*i, End: 9005 + 10*i, Text: e.Name, Sentence: 90})
	}
	// Both lists name Alice and Bob too, as the most mentioned, so the
	// pairs they form with the hand article's entities add up.
	for i, d := range []*graph.Doc{&v1[0], &v2[0]} {
		d.Entities = append(d.Entities, ent(alice, graph.Person, "Alice Example", nil, nil, 1, 2, 3, 4), ent(bob, graph.Person, "Bob Sample", nil, nil, 5+i, 6, 7, 8))
	}
	model := func(docs []graph.Doc) string {
		s, err := buildModel(slices.Values(docs), CountByCopy, 0, nil).dump()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	l := freshLoader(t)
	load(t, l, v1)
	sameGraph(t, "list v1", dump(t, l), model(v1))
	maxPairs := int64(pairLimit * (pairLimit - 1) / 2)
	for q, want := range map[string]int64{
		"MATCH (:Article {id: 'list-a'})-[m:MENTIONS]->() RETURN count(m)":                                                                                                   48,
		"MATCH (a:Entity)-[r:CO_MENTIONED_WITH]->(b:Entity) WHERE (:Article {id: 'list-a'})-[:MENTIONS]->(a) AND (:Article {id: 'list-a'})-[:MENTIONS]->(b) RETURN count(r)": maxPairs,
		"MATCH ()-[r:CO_MENTIONED_WITH {articles: 2}]->() RETURN count(r)":                                                                                                   1,
	} {
		if got, _ := query(t, l, q, nil)[0].Values[0].(int64); got != want {
			t.Errorf("%s: %d, want %d", q, got, want)
		}
	}
	load(t, l, v2[:1])
	sameGraph(t, "list replaced", dump(t, l), model(v2))
	sameGraph(t, "list replaced vs clean", dump(t, l), cleanDump(t, v2))
	l = freshLoader(t)
	load(t, l, v2)
	load(t, l, v1[:1])
	sameGraph(t, "list replaced back", dump(t, l), model(v1))
}
