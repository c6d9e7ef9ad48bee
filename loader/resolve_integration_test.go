package loader

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// Invented articles whose entities only other articles identify: an acronym
// defined in one article and used alone in another, a surname alone, a name
// typed ORG here and LOC there, and two people who share a surname.
func corpusDocs() []graph.Doc {
	return []graph.Doc{
		{
			ID: "r1", Source: "c/r1.txt", Published: "2024-01-02", Story: "r1",
			Entities: []graph.Entity{
				ent("org:federal-widget-board", graph.Organization, "Federal Widget Board", []string{"FWB"}, nil, 0, 1),
				ent("person:dana-quill", graph.Person, "Dana Quill", []string{"Quill"}, []string{"chair"}, 0, 2),
				ent("loc:nowhere-city", graph.Location, "Nowhere City", nil, nil, 1),
			},
			Attributions: []graph.Attribution{attr(sp("person:dana-quill"), 200, 210, true, "org:federal-widget-board")},
		},
		{
			ID: "r2", Source: "c/r2.txt", Published: "2024-01-03", Story: "r2",
			Entities: []graph.Entity{
				ent("org:fwb", graph.Organization, "FWB", nil, nil, 0, 1),
				ent("person:quill", graph.Person, "Quill", nil, nil, 1),
				ent("org:zentrix", graph.Organization, "Zentrix", nil, nil, 1, 2),
			},
			Attributions: []graph.Attribution{attr(sp("person:quill"), 100, 110, false, "org:fwb", "org:zentrix")},
		},
		{
			ID: "r3", Source: "c/r3.txt", Published: "2024-01-04", Story: "r3",
			Entities: []graph.Entity{
				ent("loc:zentrix", graph.Location, "Zentrix", nil, nil, 0),
				ent("person:ed-marlow", graph.Person, "Ed Marlow", nil, nil, 0),
				ent("person:jo-marlow", graph.Person, "Jo Marlow", nil, nil, 1),
				ent("org:fwb", graph.Organization, "FWB", nil, nil, 1),
			},
		},
		{
			ID: "r4", Source: "c/r4.txt", Published: "2024-01-05", Story: "r4",
			Entities: []graph.Entity{
				ent("person:marlow", graph.Person, "Marlow", nil, nil, 0),
				ent("org:zentrix", graph.Organization, "ZENTRIX", nil, nil, 0),
				ent("loc:nowhere-city", graph.Location, "Nowhere City", nil, nil, 0),
			},
			Attributions: []graph.Attribution{attr(sp("person:marlow"), 50, 60, true, "org:zentrix")},
		},
	}
}

func resolvingLoader(t testing.TB) *Loader {
	t.Helper()
	return New(neo4jtest.Fresh(t), Config{Namer: graph.DefaultResolver()})
}

func resolveAll(t testing.TB, l *Loader) ResolveStats {
	t.Helper()
	st, err := l.Resolve(context.Background())
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	return st
}

// The graph after Resolve depends only on the set of articles: one batch,
// one article a batch in reverse order with Resolve after each, two
// batches; and it equals the model ExportCSV writes.
func TestResolveOrderIndependent(t *testing.T) {
	docs := corpusDocs()
	want, err := ExpectedDump(slices.Values(docs), ExportOptions{Namer: graph.DefaultResolver()})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{`"id":"org:fwb"`, `"id":"person:quill"`, `"id":"loc:zentrix"`} {
		if strings.Contains(want, bad) {
			t.Errorf("model still has a node %s", bad)
		}
	}
	for _, good := range []string{`person:marlow`, `person:ed-marlow`, `person:jo-marlow`, `"name":"Zentrix"`} {
		if !strings.Contains(want, good) {
			t.Errorf("model lacks %s", good)
		}
	}

	l := resolvingLoader(t)
	load(t, l, docs)
	st := resolveAll(t, l)
	if st.Joined < 3 {
		t.Errorf("Resolve joined %d keys, want at least 3 (FWB, Quill, Zentrix)", st.Joined)
	}
	sameGraph(t, "one batch", dump(t, l), want)
	if st := resolveAll(t, l); st.Moved != 0 || st.Updated != 0 {
		t.Errorf("second Resolve changed the graph: %+v", st)
	}

	l = resolvingLoader(t)
	for i := len(docs) - 1; i >= 0; i-- {
		load(t, l, docs[i:i+1])
		resolveAll(t, l)
	}
	sameGraph(t, "reverse, one a batch", dump(t, l), want)

	l = resolvingLoader(t)
	load(t, l, []graph.Doc{docs[1], docs[3]})
	load(t, l, []graph.Doc{docs[2], docs[0]})
	resolveAll(t, l)
	sameGraph(t, "two batches", dump(t, l), want)
}

// When the evidence goes (the article that defined the acronym changes),
// the entities come apart again, exactly as if loaded that way at once.
func TestResolveSplitsWhenEvidenceGoes(t *testing.T) {
	docs := corpusDocs()
	changed := slices.Clone(docs)
	r1 := changed[0]
	r1.ID = "r1b"
	r1.Entities = slices.Clone(r1.Entities)
	// No alias, and a name whose initials are not FWB either.
	r1.Entities[0] = ent("org:federal-widget-board", graph.Organization, "Widget Council", nil, nil, 0, 1)
	changed[0] = r1
	want, err := ExpectedDump(slices.Values(changed), ExportOptions{Namer: graph.DefaultResolver()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(want, `"id":"org:fwb"`) {
		t.Fatalf("without the definition, FWB should be an entity of its own")
	}
	l := resolvingLoader(t)
	load(t, l, docs)
	resolveAll(t, l)
	load(t, l, changed[:1])
	resolveAll(t, l)
	sameGraph(t, "after the change", dump(t, l), want)
}

// A name that articles show is no entity ("the film Zephyr Dawn") is
// dropped from every article once enough of them say so, and comes back
// when the articles naming it grow: each time the graph equals the model
// of the same set of articles, whatever the order.
func TestResolveCondemnedNames(t *testing.T) {
	named := func(id string) graph.Doc {
		return graph.Doc{
			ID: id, Source: "z/" + id + ".txt", Published: "2024-02-01", Story: id,
			Entities: []graph.Entity{
				ent("org:zephyr-dawn", graph.Organization, "Zephyr Dawn", nil, nil, 0, 2),
				ent("person:ada-stone", graph.Person, "Ada Stone", nil, nil, 1),
			},
			Attributions: []graph.Attribution{attr(sp("person:ada-stone"), 80, 90, true, "org:zephyr-dawn")},
		}
	}
	condemning := func(id string) graph.Doc {
		return graph.Doc{
			ID: id, Source: "z/" + id + ".txt", Published: "2024-02-02", Story: id,
			Entities:    []graph.Entity{ent("person:ada-stone", graph.Person, "Ada Stone", nil, nil, 0)},
			NotEntities: []graph.NotEntity{{Type: graph.Organization, Name: "Zephyr Dawn", Class: "title of a work"}},
		}
	}
	few := []graph.Doc{named("z1"), named("z2"), condemning("z3"), condemning("z4")}
	var many []graph.Doc
	for i := 5; i < 25; i++ {
		many = append(many, named(fmt.Sprintf("z%d", i)))
	}
	model := func(docs []graph.Doc) string {
		t.Helper()
		want, err := ExpectedDump(slices.Values(docs), ExportOptions{Namer: graph.DefaultResolver()})
		if err != nil {
			t.Fatal(err)
		}
		return want
	}
	wantFew, wantMany := model(few), model(append(slices.Clone(few), many...))
	if strings.Contains(wantFew, `"id":"org:zephyr-dawn"`) {
		t.Fatalf("two articles of four condemn Zephyr Dawn: the model still has it")
	}
	if !strings.Contains(wantMany, `"id":"org:zephyr-dawn"`) {
		t.Fatalf("two articles of twenty-four condemn Zephyr Dawn: the model lost it")
	}

	l := resolvingLoader(t)
	load(t, l, few[:2])
	resolveAll(t, l)
	load(t, l, few[2:])
	if st := resolveAll(t, l); st.Dropped == 0 {
		t.Errorf("Resolve dropped no key: %+v", st)
	}
	sameGraph(t, "named, then condemned", dump(t, l), wantFew)
	load(t, l, many)
	resolveAll(t, l)
	sameGraph(t, "then named in many more", dump(t, l), wantMany)

	l = resolvingLoader(t)
	load(t, l, []graph.Doc{few[3], few[2]})
	load(t, l, []graph.Doc{few[1], few[0]})
	resolveAll(t, l)
	sameGraph(t, "condemned, then named", dump(t, l), wantFew)
}
