package loader

import (
	"fmt"
	"math/rand/v2"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/graph"
)

// Hand-made documents for the tests. The texts are invented; only ids,
// offsets and sentence indexes matter to the loader.

func sp(s string) *string { return &s }

func ent(id, typ, name string, aliases, roles []string, sentences ...int) graph.Entity {
	e := graph.Entity{ID: id, Type: typ, Name: name, Aliases: aliases, Roles: roles}
	for i, s := range sentences {
		e.Mentions = append(e.Mentions, graph.Mention{Start: 100*s + i, End: 100*s + i + 5, Text: name, Sentence: s})
	}
	return e
}

func attr(speaker *string, cue, content int, direct bool, targets ...string) graph.Attribution {
	return graph.Attribution{
		Speaker: speaker,
		Source:  article.Span{Start: cue - 20, End: cue - 1, Text: "the speaker"},
		Cue:     article.Span{Start: cue, End: cue + 4, Text: "said"},
		Content: article.Span{Start: content, End: content + 30, Text: fmt.Sprintf("statement at %d", content)},
		Direct:  direct,
		Targets: targets,
	}
}

const (
	alice  = "person:alice-example"
	bob    = "person:bob-sample"
	carol  = "person:carol-test"
	acme   = "org:acme-corp"
	globex = "org:globex"
	rome   = "loc:rome"
	paris  = "loc:paris"
)

// handDocs is a small corpus with shared entities, statements with and
// without speakers, an exact duplicate text under two sources, differing
// names and aliases for one entity, and articles without dates.
func handDocs() []graph.Doc {
	return []graph.Doc{
		{
			ID: "a1", Source: "news/one.txt", URL: "https://example.org/1", Title: "Alice meets Bob",
			Published: "2021-03-04", Credit: "AFP", Publisher: "Example Times", Story: "a1",
			Entities: []graph.Entity{
				ent(alice, graph.Person, "Alice Example", []string{"Example", "Ms. Example"}, []string{"mayor"}, 0, 2, 3),
				ent(bob, graph.Person, "Bob Sample", []string{"Sample"}, nil, 0, 1),
				ent(acme, graph.Organization, "Acme Corp", []string{"Acme"}, nil, 1, 3),
				ent(rome, graph.Location, "Rome", nil, nil, 2),
			},
			Attributions: []graph.Attribution{
				attr(sp(alice), 300, 310, true, bob, acme),
				attr(sp(bob), 150, 160, false, alice, alice, bob),
				attr(nil, 250, 260, false, acme),
			},
		},
		{
			ID: "a2", Source: "news/two.txt", Title: "Acme in Paris", Published: "2021-05-01",
			Entities: []graph.Entity{
				ent(acme, graph.Organization, "Acme Corporation", []string{"Acme", "ACME"}, []string{"toolmaker"}, 0, 1, 4),
				ent(paris, graph.Location, "Paris", nil, nil, 1),
				ent(alice, graph.Person, "Alice Example", []string{"Alice"}, []string{"mayor of Rome"}, 4),
			},
			Attributions: []graph.Attribution{
				attr(sp(acme), 120, 130, false, alice, paris),
				attr(sp(acme), 420, 430, true, alice),
			},
		},
		{
			ID: "a3", Source: "news/three.txt", Title: "Undated", // no date
			Entities: []graph.Entity{
				ent(carol, graph.Person, "Carol Test", nil, nil, 0),
				ent(globex, graph.Organization, "Globex", nil, nil, 0, 1),
				ent(bob, graph.Person, "Bob Sample", nil, []string{"chairman"}, 1),
			},
			Attributions: []graph.Attribution{
				attr(sp(carol), 50, 60, true, globex, bob),
			},
		},
		{
			// Same text as a1 (same id) under another source.
			ID: "a1", Source: "mirror/one-copy.txt", URL: "https://mirror.example.net/1", Title: "Alice meets Bob (copy)",
			Published: "2021-03-05", Credit: "AFP", Publisher: "Mirror", Story: "a1",
			Entities: []graph.Entity{
				ent(alice, graph.Person, "Alice Example", []string{"Example", "Ms. Example"}, []string{"mayor"}, 0, 2, 3),
				ent(bob, graph.Person, "Bob Sample", []string{"Sample"}, nil, 0, 1),
				ent(acme, graph.Organization, "Acme Corp", []string{"Acme"}, nil, 1, 3),
				ent(rome, graph.Location, "Rome", nil, nil, 2),
			},
			Attributions: []graph.Attribution{
				attr(sp(alice), 300, 310, true, bob, acme),
				attr(sp(bob), 150, 160, false, alice, alice, bob),
				attr(nil, 250, 260, false, acme),
			},
		},
		{
			ID: "a5", Source: "news/five.txt", Title: "Rome and Paris", Published: "2020-12-31",
			Entities: []graph.Entity{
				ent(rome, graph.Location, "Rome", []string{"Roma"}, nil, 0, 1),
				ent(paris, graph.Location, "Paris", nil, nil, 1),
				ent(alice, graph.Person, "Alice B. Example", nil, nil, 2),
				ent(bob, graph.Person, "Bob Sample", nil, nil, 2),
			},
			Attributions: []graph.Attribution{
				attr(sp(alice), 220, 230, false, bob, rome, paris),
			},
		},
	}
}

// hostileDoc has ids, names and texts made of quotes, backticks and Cypher.
func hostileDoc() graph.Doc {
	evil := "person:x'}) DETACH DELETE n //"
	evil2 := "org:`Entity`:Person {id: \"x\"}) MATCH (n) DETACH DELETE n; //"
	return graph.Doc{
		ID: "h1\"; MATCH (n) DETACH DELETE n //", Source: "evil/`source`.txt'", Title: "'); DROP DATABASE neo4j; --",
		Published: "2022-01-01", URL: "javascript:alert(1)",
		Entities: []graph.Entity{
			ent(evil, graph.Person, "Robert'); MATCH (n) DETACH DELETE n;--", []string{"`backtick`", "\\u0027"}, []string{"${role}"}, 0),
			ent(evil2, graph.Organization, "CALL dbms.shutdown()", nil, nil, 0, 1),
		},
		Attributions: []graph.Attribution{attr(sp(evil), 40, 50, true, evil2)},
	}
}

// syntheticDocs makes n documents over a vocabulary of entities, with a
// skewed (few hubs, many rare) entity distribution, for property tests and
// benchmarks.
func syntheticDocs(n, seed int) []graph.Doc {
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	types := []string{graph.Person, graph.Organization, graph.Location}
	prefix := map[string]string{graph.Person: "person", graph.Organization: "org", graph.Location: "loc"}
	docs := make([]graph.Doc, n)
	for i := range docs {
		d := graph.Doc{
			ID:        fmt.Sprintf("%064x", uint64(seed)*1_000_000+uint64(i)),
			Source:    fmt.Sprintf("synthetic/%d/%06d.txt", seed, i),
			Title:     fmt.Sprintf("Synthetic %d", i),
			Published: fmt.Sprintf("20%02d-%02d-%02d", 10+r.IntN(10), 1+r.IntN(12), 1+r.IntN(28)),
		}
		ne := 3 + r.IntN(12)
		seen := map[string]bool{}
		var ids []string
		for len(ids) < ne {
			k := int(r.ExpFloat64() * 300)
			t := types[k%3]
			id := fmt.Sprintf("%s:e%d", prefix[t], k)
			if seen[id] {
				continue
			}
			seen[id] = true
			ids = append(ids, id)
			var sents []int
			for m := 0; m < 1+r.IntN(4); m++ {
				sents = append(sents, r.IntN(25))
			}
			d.Entities = append(d.Entities, ent(id, t, fmt.Sprintf("Entity %d", k), []string{fmt.Sprintf("E%d", k)}, nil, sents...))
		}
		for s := 0; s < r.IntN(4); s++ {
			by := ids[r.IntN(len(ids))]
			d.Attributions = append(d.Attributions, attr(&by, 1000+100*s, 1010+100*s, r.IntN(2) == 0, ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]))
		}
		d.Attributions = append(d.Attributions, attr(nil, 5000, 5010, false, ids[0]))
		docs[i] = d
	}
	return docs
}

// listDoc is a list-like article over graph.MaxCoMentionEntities: n listed
// people, named once each, two to a sentence (ties broken by id), then
// three named three times (the most mentioned), then a speaker, the target
// of its statement and the target of a statement without a speaker, each
// named once, last. Other sources and seeds give other names.
func listDoc(id, source string, n, seed int) graph.Doc {
	d := graph.Doc{ID: id, Source: source, Published: fmt.Sprintf("2022-01-%02d", 1+seed%28), Story: id}
	for i := 0; i < n; i++ {
		d.Entities = append(d.Entities, ent(fmt.Sprintf("person:listed-%d-%04d", seed, i), graph.Person, fmt.Sprintf("Listed %d %04d", seed, i), nil, nil, i/2))
	}
	s := n
	for i := 0; i < 3; i++ {
		d.Entities = append(d.Entities, ent(fmt.Sprintf("person:often-%d-%d", seed, i), graph.Person, fmt.Sprintf("Often %d %d", seed, i), nil, nil, s, s+1, s+2))
	}
	speaker, target, other := fmt.Sprintf("person:speaker-%d", seed), fmt.Sprintf("org:target-%d", seed), fmt.Sprintf("loc:other-%d", seed)
	d.Entities = append(d.Entities,
		ent(speaker, graph.Person, "Speaker", nil, nil, s+3),
		ent(target, graph.Organization, "Target", nil, nil, s+4),
		ent(other, graph.Location, "Other", nil, nil, s+5))
	d.Attributions = []graph.Attribution{
		attr(sp(speaker), 100*(s+3)+40, 100*(s+4), false, target),
		attr(nil, 100*(s+5)+40, 100*(s+5)+50, true, other),
	}
	return d
}
