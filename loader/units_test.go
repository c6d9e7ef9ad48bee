package loader

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func TestStatementKey(t *testing.T) {
	same := []string{
		`"We will not raise rates," he said`,
		`“We will NOT raise rates” he said.`,
		"we  will not\nraise rates -- he said",
	}
	for _, s := range same[1:] {
		if statementKey(s) != statementKey(same[0]) {
			t.Errorf("statementKey(%q) = %q, want %q", s, statementKey(s), statementKey(same[0]))
		}
	}
	if got := statementKey(same[0]); got != "we will not raise rates he said" {
		t.Errorf("statementKey = %q", got)
	}
	for _, s := range []string{`"We will raise rates," he said`, `"We will not raise rates by 1.5 pct"`} {
		if statementKey(s) == statementKey(same[0]) {
			t.Errorf("statementKey(%q) equals another statement's", s)
		}
	}
}

// storyCopies are two copies of one invented wire story: a short cut and a
// longer one that names Carol too, repeats Alice's statement (other quote
// marks, same words) and adds one of Bob's; the longer copy was printed a
// day later.
func storyCopies() (short, long graph.Doc) {
	short = graph.Doc{
		ID: "c1", Source: "wire/short.txt", Published: "2023-04-01", Story: "c1",
		Entities: []graph.Entity{
			ent(alice, graph.Person, "Alice Example", nil, nil, 0, 1),
			ent(bob, graph.Person, "Bob Sample", nil, nil, 1),
			ent(acme, graph.Organization, "Acme Corp", nil, nil, 2),
		},
		Attributions: []graph.Attribution{attr(sp(alice), 120, 130, true, bob)},
	}
	short.Attributions[0].Content.Text = `"Bob will sign the deal," she said`
	long = graph.Doc{
		ID: "c2", Source: "wire/long.txt", Published: "2023-04-02", Story: "c1",
		Entities: []graph.Entity{
			ent(alice, graph.Person, "Alice Example", nil, nil, 0, 1, 3),
			ent(bob, graph.Person, "Bob Sample", nil, nil, 1, 3),
			ent(acme, graph.Organization, "Acme Corp", nil, nil, 2),
			ent(carol, graph.Person, "Carol Test", nil, nil, 4),
		},
		Attributions: []graph.Attribution{
			attr(sp(alice), 120, 130, true, bob),
			attr(sp(bob), 420, 430, false, alice, carol),
		},
	}
	long.Attributions[0].Content.Text = `“Bob will sign the deal” she said`
	return short, long
}

func TestApplyUnitUnion(t *testing.T) {
	s, l := storyCopies()
	cs, cl := mustPrepare(t, s).contrib(), mustPrepare(t, l).contrib()
	ds := newDeltas(0)
	ds.applyUnit([]contrib{cs, cl}, +1)
	co := func(a, b string) delta {
		t.Helper()
		if b < a {
			a, b = b, a
		}
		d := ds.co[pair{a, b}]
		if d == nil {
			t.Fatalf("no co-mention %s - %s", a, b)
		}
		return *d
	}
	// Both copies hold alice-bob (1 and 2 common sentences): once, 2 sentences,
	// the dates of both.
	if d := co(alice, bob); d.n != 1 || d.sentences != 2 || d.addMin != "2023-04-01" || d.addMax != "2023-04-02" {
		t.Errorf("alice-bob = %+v, want 1 story, 2 sentences, 2023-04-01..02", d)
	}
	// Only the longer copy names Carol: counted, with its date only.
	if d := co(alice, carol); d.n != 1 || d.sentences != 0 || d.addMin != "2023-04-02" || d.addMax != "2023-04-02" {
		t.Errorf("alice-carol = %+v, want 1 story dated 2023-04-02", d)
	}
	if len(ds.co) != 6 {
		t.Errorf("%d co-mention pairs, want the 6 of the longer copy", len(ds.co))
	}
	// Alice's statement is in both copies: once. Bob's only in the longer.
	said := map[pair]int{}
	for p, d := range ds.said {
		said[p] = d.n
	}
	if want := map[pair]int{{alice, bob}: 1, {bob, alice}: 1, {bob, carol}: 1}; !reflect.DeepEqual(said, want) {
		t.Errorf("said = %v, want %v", said, want)
	}
	if d := ds.said[pair{alice, bob}]; d.addMin != "2023-04-01" || d.addMax != "2023-04-02" {
		t.Errorf("alice->bob dates %s..%s, want those of both copies", d.addMin, d.addMax)
	}

	// Order of members, and copies repeated, change nothing; a unit of one
	// is the article (apply).
	for i := range 5 {
		m := []contrib{cs, cl, cl}
		rand.New(rand.NewPCG(uint64(i), 2)).Shuffle(len(m), func(a, b int) { m[a], m[b] = m[b], m[a] })
		again := newDeltas(0)
		again.applyUnit(m, +1)
		if !reflect.DeepEqual(append(rows(again.co), rows(again.said)...), append(rows(ds.co), rows(ds.said)...)) {
			t.Fatalf("order %d: the union differs", i)
		}
	}
	// A story of identical copies counts as one of them alone (apply).
	for _, c := range []contrib{cs, cl, mustPrepare(t, handDocs()[0]).contrib()} {
		twice, alone := newDeltas(0), newDeltas(0)
		twice.applyUnit([]contrib{c, c}, +1)
		alone.apply(c, +1)
		if !reflect.DeepEqual(rows(twice.co), rows(alone.co)) || !reflect.DeepEqual(rows(twice.said), rows(alone.said)) {
			t.Errorf("two identical copies differ from one article (%s)", c.published)
		}
	}
	// Removing the unit cancels it.
	ds.applyUnit([]contrib{cl, cs}, -1)
	if r := append(rows(ds.co), rows(ds.said)...); len(r) != 0 {
		t.Errorf("adding and removing the unit leaves %v", r)
	}
}

// TestApplyUnitRepeatedStatement: a copy that holds one statement twice
// counts 2 (as counted per copy); a copy that holds it once adds nothing
// more, another statement of the same pair adds one.
func TestApplyUnitRepeatedStatement(t *testing.T) {
	c1 := contrib{said: []said{{text: "x", by: alice, about: []string{bob}}, {text: "x", by: alice, about: []string{bob}}}}
	c2 := contrib{said: []said{{text: "x", by: alice, about: []string{bob}}, {text: "y", by: alice, about: []string{bob}}}}
	ds := newDeltas(0)
	ds.applyUnit([]contrib{c1, c2}, +1)
	if n := ds.said[pair{alice, bob}].n; n != 3 {
		t.Errorf("alice->bob = %d, want 3 (x twice, y once)", n)
	}
}

// TestModelCountsStoryUnion: the model counts a story's copies once, as
// their union, and per copy each.
func TestModelCountsStoryUnion(t *testing.T) {
	s, l := storyCopies()
	docs := []graph.Doc{s, l, handDocs()[2]}
	edge := func(m *model, a, b string) int {
		if b < a {
			a, b = b, a
		}
		if d := m.co[pair{a, b}]; d != nil {
			return d.n
		}
		return 0
	}
	story := buildModel(slices.Values(docs), CountByStory, 0, nil)
	copies := buildModel(slices.Values(docs), CountByCopy, 0, nil)
	for _, c := range []struct {
		a, b              string
		perStory, perCopy int
	}{
		{alice, bob, 1, 2},
		{alice, carol, 1, 1},
		{bob, carol, 2, 2}, // and in a3, a story of its own
	} {
		if got := edge(story, c.a, c.b); got != c.perStory {
			t.Errorf("per story %s-%s = %d, want %d", c.a, c.b, got, c.perStory)
		}
		if got := edge(copies, c.a, c.b); got != c.perCopy {
			t.Errorf("per copy %s-%s = %d, want %d", c.a, c.b, got, c.perCopy)
		}
	}
	if n := story.said[pair{alice, bob}].n; n != 1 {
		t.Errorf("per story alice->bob = %d, want 1", n)
	}
	if n := copies.said[pair{alice, bob}].n; n != 2 {
		t.Errorf("per copy alice->bob = %d, want 2", n)
	}
}

// TestCountStatements: statements of different copies join when their
// words are the same or nearly so (an edit, a cut); different statements of
// one speaker about one target stay apart, and one copy's statements never
// join each other.
func TestCountStatements(t *testing.T) {
	k := statementKey
	edited := []heldStatement{
		{member: 0, key: k("It agreed to sell its paper mill to Northfield Pulp for shares"), n: 1},
		{member: 1, key: k("It has agreed to sell its paper mill to Northfield Pulp for shares"), n: 1},
	}
	cut := []heldStatement{
		{member: 0, key: k("The council not only turned down the port's plea for lower dock fees on grain but raised the charge on fuel barges"), n: 1},
		{member: 1, key: k("The council not only turned down the port's plea for lower dock fees on grain"), n: 1},
	}
	other := []heldStatement{
		{member: 0, key: k("A rescue plan need not come before the summer"), n: 1},
		{member: 1, key: k("She will give the new board a few months to settle in"), n: 1},
	}
	oneCopy := []heldStatement{
		{member: 0, key: k("Rates will stay where they are"), n: 1},
		{member: 0, key: k("Rates will stay where they are for now"), n: 2},
	}
	// A chain: the second copy's statement is like both of the first's,
	// which stay two.
	chain := append(slices.Clone(oneCopy), heldStatement{member: 1, key: k("Rates will stay where they are, for now"), n: 1})
	for _, c := range []struct {
		name string
		held []heldStatement
		want int
	}{
		{"edited", edited, 1},
		{"cut", cut, 1},
		{"other statements", other, 2},
		{"one copy", oneCopy, 3},
		{"chain", chain, 3},
		{"short words are not a cut", []heldStatement{{member: 0, key: "no", n: 1}, {member: 1, key: "no way at all", n: 1}}, 2},
	} {
		if got, _ := countStatements(c.held); got != c.want {
			t.Errorf("%s: %d statements, want %d", c.name, got, c.want)
		}
		for i := range 4 {
			h := slices.Clone(c.held)
			rand.New(rand.NewPCG(uint64(i), 5)).Shuffle(len(h), func(a, b int) { h[a], h[b] = h[b], h[a] })
			if got, _ := countStatements(h); got != c.want {
				t.Errorf("%s, order %d: %d statements, want %d", c.name, i, got, c.want)
			}
		}
	}
}

// TestApplyUnitConfidence: a statement weak in one copy and confident in
// another counts once, from the confident copy, with the highest
// confidence one copy gives it; below the threshold in every copy it makes
// no edge.
func TestApplyUnitConfidence(t *testing.T) {
	st := func(conf int) contrib {
		return contrib{published: "2023-01-01", said: []said{{text: "Rates will stay", by: alice, about: []string{bob}, conf: conf}}}
	}
	for _, c := range []struct {
		min, a, b      int
		wantN, wantCnf int
	}{
		{700, 600, 900, 1, 900},
		{500, 600, 900, 1, 900},
		{950, 600, 900, 0, 0},
	} {
		ds := newDeltas(c.min)
		ds.applyUnit([]contrib{st(c.a), st(c.b)}, +1)
		d := ds.said[pair{alice, bob}]
		if c.wantN == 0 {
			if d != nil {
				t.Errorf("threshold %d: %+v, want no edge", c.min, *d)
			}
			continue
		}
		if d == nil || d.n != c.wantN || d.conf != c.wantCnf {
			t.Errorf("threshold %d, copies at %d and %d: %+v, want %d statement, confidence %d", c.min, c.a, c.b, d, c.wantN, c.wantCnf)
		}
	}
}
