package loader

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func mustPrepare(t *testing.T, d graph.Doc) *prepDoc {
	t.Helper()
	a, err := prepare(d, nil)
	if err != nil {
		t.Fatalf("prepare %s: %v", d.Source, err)
	}
	return a
}

func TestPrepareNormalises(t *testing.T) {
	d := handDocs()[0]
	// A duplicate entity entry with extra aliases and a repeated sentence.
	d.Entities = append(d.Entities, ent(alice, graph.Person, "Alice", []string{"Ms. Example", "Alice"}, nil, 2, 5))
	// A speaker and a target that are not entities of the article.
	d.Attributions = append(d.Attributions, attr(sp("person:nobody"), 700, 710, false, "org:unknown", bob))
	d.Entities = append(d.Entities, graph.Entity{ID: "misc:thing", Type: "MISC", Name: "Thing"})
	a := mustPrepare(t, d)

	if len(a.ents) != 4 {
		t.Fatalf("entities = %d, want 4 (duplicates merged, MISC dropped)", len(a.ents))
	}
	var al entity
	for _, e := range a.ents {
		if e.id == alice {
			al = e
		}
	}
	if al.name != "Alice Example" {
		t.Errorf("name = %q, want the longer name", al.name)
	}
	if want := []string{"Alice", "Example", "Ms. Example"}; !reflect.DeepEqual(al.aliases, want) {
		t.Errorf("aliases = %q, want %q", al.aliases, want)
	}
	if want := []int{0, 2, 3, 5}; !reflect.DeepEqual(al.sentences, want) {
		t.Errorf("sentences = %v, want %v", al.sentences, want)
	}
	if al.count != 5 {
		t.Errorf("count = %d, want 5 mentions", al.count)
	}
	if len(a.warns) != 3 {
		t.Errorf("warnings = %q, want 3 (MISC entity, unknown speaker, unknown target)", a.warns)
	}
	var last statement
	for _, s := range a.stmts {
		if s.start == 710 {
			last = s
		}
	}
	if last.by != "" || !reflect.DeepEqual(last.about, []string{bob}) {
		t.Errorf("statement with unknown speaker: by=%q about=%q, want no speaker, about [bob]", last.by, last.about)
	}
	// Targets are distinct and never the speaker.
	for _, s := range a.stmts {
		for i, x := range s.about {
			if x == s.by || (i > 0 && s.about[i-1] >= x) {
				t.Errorf("statement %s about = %q (speaker %q)", s.id, s.about, s.by)
			}
		}
	}
}

func TestPrepareRejects(t *testing.T) {
	for _, d := range []graph.Doc{{Source: "x.txt"}, {ID: "abc"}} {
		if _, err := prepare(d, nil); err == nil {
			t.Errorf("prepare(%+v) = nil error, want one", d)
		}
	}
}

func TestFingerprint(t *testing.T) {
	d := handDocs()[0]
	h1 := mustPrepare(t, d).hash
	if h2 := mustPrepare(t, handDocs()[0]).hash; h1 != h2 {
		t.Fatalf("same doc, different hashes")
	}
	// Entity order in the input does not matter.
	d.Entities[0], d.Entities[1] = d.Entities[1], d.Entities[0]
	if h := mustPrepare(t, d).hash; h != h1 {
		t.Errorf("entity order changed the hash")
	}
	d.Published = "2021-03-05"
	if h := mustPrepare(t, d).hash; h == h1 {
		t.Errorf("a new date did not change the hash")
	}
	d = handDocs()[0]
	d.Attributions[0].Direct = false
	if h := mustPrepare(t, d).hash; h == h1 {
		t.Errorf("a changed statement did not change the hash")
	}
	// The source is the ledger key, not part of the fingerprint.
	d = handDocs()[0]
	d.Source = "elsewhere.txt"
	if h := mustPrepare(t, d).hash; h != h1 {
		t.Errorf("the source changed the hash")
	}
}

func TestDeltasOneArticle(t *testing.T) {
	a := mustPrepare(t, handDocs()[0])
	ds := newDeltas(0)
	ds.apply(a.contrib(), +1)
	// 4 entities: 6 pairs.
	if len(ds.co) != 6 {
		t.Fatalf("co pairs = %d, want 6", len(ds.co))
	}
	for p := range ds.co {
		if p.a >= p.b {
			t.Errorf("co pair %v not ordered lower -> higher", p)
		}
	}
	// alice {0,2,3}, bob {0,1}: one common sentence; alice/acme {1,3}: one; acme/bob: one.
	for _, c := range []struct {
		p    pair
		s    int
		name string
	}{
		{pair{bob, alice}, 0, "wrong order must not exist"},
		{pair{alice, bob}, 1, "alice-bob"},
		{pair{acme, alice}, 1, "acme-alice"},
		{pair{acme, bob}, 1, "acme-bob"},
		{pair{rome, alice}, 1, "rome-alice"},
		{pair{rome, acme}, 0, "rome-acme"},
	} {
		d := ds.co[c.p]
		if c.name == "wrong order must not exist" {
			if d != nil {
				t.Errorf("pair %v stored in the wrong direction", c.p)
			}
			continue
		}
		if d == nil {
			t.Errorf("%s: missing", c.name)
			continue
		}
		if d.n != 1 || d.sentences != c.s || d.addMin != "2021-03-04" || d.addMax != "2021-03-04" {
			t.Errorf("%s: %+v, want n=1 sentences=%d dates 2021-03-04", c.name, *d, c.s)
		}
	}
	// Said-about: alice->bob, alice->acme, bob->alice (targets deduplicated,
	// the speaker itself dropped); the speakerless statement adds nothing.
	want := map[pair]int{{alice, bob}: 1, {alice, acme}: 1, {bob, alice}: 1}
	got := map[pair]int{}
	for p, d := range ds.said {
		got[p] = d.n
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("said = %v, want %v", got, want)
	}
}

func TestDeltasAddRemoveCancel(t *testing.T) {
	docs := syntheticDocs(50, 1)
	ds := newDeltas(0)
	for _, d := range docs {
		ds.apply(mustPrepare(t, d).contrib(), +1)
	}
	for _, i := range rand.New(rand.NewPCG(3, 4)).Perm(len(docs)) {
		ds.apply(mustPrepare(t, docs[i]).contrib(), -1)
	}
	for p, d := range ds.co {
		if d.n != 0 || d.sentences != 0 {
			t.Fatalf("co %v: %+v after adding and removing everything", p, *d)
		}
	}
	for p, d := range ds.said {
		if d.n != 0 {
			t.Fatalf("said %v: %+v after adding and removing everything", p, *d)
		}
	}
}

func TestDeltasOrderIndependent(t *testing.T) {
	docs := syntheticDocs(80, 2)
	var base []pairDelta
	for trial := range 4 {
		ds := newDeltas(0)
		for _, i := range rand.New(rand.NewPCG(uint64(trial), 9)).Perm(len(docs)) {
			ds.apply(mustPrepare(t, docs[i]).contrib(), +1)
		}
		r := append(rows(ds.co), rows(ds.said)...)
		if trial == 0 {
			base = r
			if len(base) == 0 {
				t.Fatal("no rows")
			}
		} else if !reflect.DeepEqual(r, base) {
			t.Fatalf("trial %d: rows differ with load order", trial)
		}
	}
}

func TestRowsDropCancelledDates(t *testing.T) {
	m := map[pair]*delta{
		{"a", "b"}: {n: 0, sentences: 0, addMin: "2020-01-01", addMax: "2020-01-01", rmMin: "2020-01-01", rmMax: "2020-01-01"},
		{"a", "c"}: {n: 0, sentences: 2, addMin: "2020-01-01", addMax: "2020-01-01", rmMin: "2020-01-01", rmMax: "2020-01-01"},
		{"a", "d"}: {n: -1, rmMin: "2019-01-01", rmMax: "2019-01-01"},
	}
	r := rows(m)
	if len(r) != 2 {
		t.Fatalf("rows = %v, want a-c and a-d", r)
	}
	if r[0].b != "c" || r[0].rmMin != "" || r[0].addMin != "" || r[0].sentences != 2 {
		t.Errorf("a-c row = %+v, want sentences only", *r[0].delta)
	}
	if r[1].b != "d" || r[1].rmMin != "2019-01-01" {
		t.Errorf("a-d row = %+v, want the removed date kept", *r[1].delta)
	}
}

func TestApplyDelta(t *testing.T) {
	cur := edgeState{n: 3, sentences: 4, first: "2020-01-01", last: "2020-12-31"}
	for _, c := range []struct {
		d     delta
		want  edgeState
		stale bool
	}{
		{delta{n: 1, sentences: 2, addMin: "2019-05-05", addMax: "2019-05-05"}, edgeState{4, 6, "2019-05-05", "2020-12-31", 0}, false},
		{delta{n: -1, rmMin: "2020-06-01", rmMax: "2020-06-01"}, edgeState{2, 4, "2020-01-01", "2020-12-31", 0}, false},
		{delta{n: -1, rmMin: "2020-01-01", rmMax: "2020-01-01"}, edgeState{2, 4, "2020-01-01", "2020-12-31", 0}, true},
		{delta{n: -1, rmMin: "2020-12-31", rmMax: "2020-12-31"}, edgeState{2, 4, "2020-01-01", "2020-12-31", 0}, true},
		{delta{n: 1}, edgeState{4, 4, "2020-01-01", "2020-12-31", 0}, false},
	} {
		got, stale := applyDelta(cur, true, &c.d)
		if got != c.want || stale != c.stale {
			t.Errorf("applyDelta(%+v) = %+v %v, want %+v %v", c.d, got, stale, c.want, c.stale)
		}
	}
	if got, _ := applyDelta(edgeState{}, false, &delta{n: 1, addMin: "2021-01-01", addMax: "2021-01-01"}); got != (edgeState{1, 0, "2021-01-01", "2021-01-01", 0}) {
		t.Errorf("new edge = %+v", got)
	}
}

func TestBetterNameIsOrderIndependent(t *testing.T) {
	names := []string{"Putin", "Vladimir Putin", "Vladimir V. Putin", "Vladimir W. Putin", ""}
	want := ""
	for _, n := range names {
		want = betterName(want, n)
	}
	for i := range 20 {
		got := ""
		for _, j := range rand.New(rand.NewPCG(uint64(i), 1)).Perm(len(names)) {
			got = betterName(got, names[j])
		}
		if got != want {
			t.Fatalf("order %d gave %q, want %q", i, got, want)
		}
	}
	if want != "Vladimir V. Putin" {
		t.Errorf("best = %q, want the longest, then smallest", want)
	}
}

func TestRedactAndScrub(t *testing.T) {
	if got := redactURI("neo4j+s://user:secret@db.example.com:7687"); got != "neo4j+s://db.example.com:7687" {
		t.Errorf("redactURI = %q", got)
	}
	c := Config{URI: "bolt://localhost:7687", Username: "neo4j", Password: "hunter2"}
	if s := c.String(); strings.Contains(s, "hunter2") {
		t.Errorf("Config.String() shows the password: %s", s)
	}
}

// TestPairEntitiesLimitsPairs: an article over graph.MaxCoMentionEntities
// keeps every entity, but its co-mention pairs are formed among the most
// central ones: speakers and targets (also of a statement without a
// speaker), then the most mentioned, then the earliest, then by id.
func TestPairEntitiesLimitsPairs(t *testing.T) {
	const n = 230
	a := mustPrepare(t, listDoc("l1", "list.txt", n, 1))
	if len(a.ents) != n+6 {
		t.Fatalf("%d entities, want all %d", len(a.ents), n+6)
	}
	c := a.contrib()
	got := pairEntities(c)
	if len(got) != graph.MaxCoMentionEntities {
		t.Fatalf("%d pair-forming entities, want %d", len(got), graph.MaxCoMentionEntities)
	}
	in := map[string]bool{}
	for i, e := range got {
		in[e.id] = true
		if i > 0 && got[i-1].id >= e.id {
			t.Fatalf("not sorted by id at %d", i)
		}
	}
	// 6 central ones, then the 194 earliest listed: 0..193 (sentences 0..96,
	// two a sentence).
	for _, id := range []string{"person:speaker-1", "org:target-1", "loc:other-1", "person:often-1-0", "person:often-1-2",
		"person:listed-1-0000", "person:listed-1-0193"} {
		if !in[id] {
			t.Errorf("%s does not form pairs", id)
		}
	}
	for _, id := range []string{"person:listed-1-0194", "person:listed-1-0229"} {
		if in[id] {
			t.Errorf("%s forms pairs; the earlier listed ones should", id)
		}
	}

	ds := newDeltas(0)
	ds.apply(c, +1)
	if want := graph.MaxCoMentionEntities * (graph.MaxCoMentionEntities - 1) / 2; len(ds.co) != want {
		t.Errorf("%d co-mention pairs, want %d", len(ds.co), want)
	}
	if len(ds.said) != 1 || ds.said[pair{"person:speaker-1", "org:target-1"}] == nil {
		t.Errorf("said-about pairs %v, want speaker -> target", ds.said)
	}
	// The same contribution in another order (as read back from Neo4j)
	// chooses the same entities, so removing it cancels.
	rev := contrib{published: c.published, ents: c.ents, said: slices.Clone(c.said)}
	slices.Reverse(rev.said)
	ds.apply(rev, -1)
	for p, d := range ds.co {
		if d.n != 0 || d.sentences != 0 {
			t.Fatalf("co %v: %+v after adding and removing", p, *d)
		}
	}

	// At the limit every entity forms pairs.
	small := mustPrepare(t, listDoc("l2", "small.txt", graph.MaxCoMentionEntities-6, 2)).contrib()
	if len(pairEntities(small)) != graph.MaxCoMentionEntities {
		t.Errorf("an article at the limit lost pair-forming entities")
	}
}

// TestDeltasConfidence: statements below the threshold make no said-about
// delta; the others add their count and their confidence in thousandths,
// and taking the article away cancels both exactly.
func TestDeltasConfidence(t *testing.T) {
	c := contrib{published: "2021-01-01", said: []said{
		{by: alice, about: []string{bob, acme}, conf: 730},
		{by: alice, about: []string{bob}, conf: 499},
		{by: alice, about: []string{bob}, conf: 500},
		{by: "", about: []string{bob}, conf: 900},
	}}
	ds := newDeltas(500)
	ds.apply(c, +1)
	if d := ds.said[pair{alice, bob}]; d == nil || d.n != 2 || d.conf != 1230 {
		t.Errorf("alice -> bob = %+v, want 2 statements, 1230 thousandths", d)
	}
	if d := ds.said[pair{alice, acme}]; d == nil || d.n != 1 || d.conf != 730 {
		t.Errorf("alice -> acme = %+v, want 1 statement, 730 thousandths", d)
	}
	ds.apply(c, -1)
	if r := rows(ds.said); len(r) != 0 {
		t.Errorf("after adding and removing: %d rows left", len(r))
	}
	next, _ := applyDelta(edgeState{n: 1, conf: 800}, true, &delta{n: 2, conf: 1230})
	if next.n != 3 || next.conf != 2030 {
		t.Errorf("applyDelta = %+v, want 3 statements, 2030 thousandths", next)
	}
}

// TestLocalKeepsConfidence: the stored form of an article's own statements
// keeps their confidences (absent, as in articles stored before, is 1000).
func TestLocalKeepsConfidence(t *testing.T) {
	l := local{stmts: []statement{{id: "s1", by: alice, about: []string{bob}, conf: 612}, {id: "s2", by: bob, conf: 1000}}}
	back, err := decodeLocal(l.encode())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.stmts) != 2 || back.stmts[0].conf != 612 || back.stmts[1].conf != 1000 {
		t.Errorf("decoded %+v", back.stmts)
	}
	old, err := decodeLocal(`{"e":[],"s":[{"id":"s1","b":"x"}]}`)
	if err != nil || old.stmts[0].conf != 1000 {
		t.Errorf("local without confidences: %+v %v", old.stmts, err)
	}
}
