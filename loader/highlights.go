package loader

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Named is one stored entity and how much the graph says about it.
type Named struct {
	ID, Name string
	Label    string // Person, Organization or Location
	Count    int64  // articles that mention it (Highlights.Mentioned, Person) or statements about it (Discussed)
}

// Highlights names a few entities of the stored graph, for the example
// queries printed after an ingest: queries that name what was actually
// loaded return something.
type Highlights struct {
	Mentioned []Named // the entities mentioned in the most articles, most first
	Person    *Named  // the person mentioned in the most articles; nil when there is none
	Discussed *Named  // the entity the most statements are about; nil when no statement has a target
}

// qHighlight ranks the entities of one label by the number of relationships
// of one type that end at them (the node's degree, which Neo4j keeps: no
// relationship is read), ties by id.
const qHighlight = `
MATCH (e:%s) WITH e, COUNT { (e)<-[:%s]-() } AS n WHERE n > 0
RETURN e.id AS id, e.name AS name, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, n
ORDER BY n DESC, e.id LIMIT $n`

// Highlights reads the n entities mentioned in the most articles, the most
// mentioned person and the entity the most statements are about. It reads
// every entity node once per ranking (not their relationships).
func (l *Loader) Highlights(ctx context.Context, n int) (Highlights, error) {
	var h Highlights
	sess := l.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (bool, error) {
		h = Highlights{}
		rank := func(label, rel string, n int) ([]Named, error) {
			res, err := tx.Run(ctx, fmt.Sprintf(qHighlight, label, rel), map[string]any{"n": n})
			if err != nil {
				return nil, err
			}
			var out []Named
			for res.Next(ctx) {
				rec := res.Record()
				c, _ := get1(rec, "n").(int64)
				out = append(out, Named{ID: str(rec, "id"), Name: str(rec, "name"), Label: str(rec, "label"), Count: c})
			}
			return out, res.Err()
		}
		var err error
		if h.Mentioned, err = rank("Entity", "MENTIONS", n); err != nil {
			return false, err
		}
		for _, q := range []struct {
			label, rel string
			dst        **Named
		}{{"Person", "MENTIONS", &h.Person}, {"Entity", "ABOUT", &h.Discussed}} {
			top, err := rank(q.label, q.rel, 1)
			if err != nil {
				return false, err
			}
			if len(top) > 0 {
				*q.dst = &top[0]
			}
		}
		return true, nil
	})
	if err != nil {
		return h, fmt.Errorf("highlights: %w", err)
	}
	return h, nil
}

// Example is a query to try, with what it answers.
type Example struct {
	What, Cypher string
}

// Examples returns queries to try on the stored graph, naming the entities
// of h, so that each returns something: the most mentioned entities, who
// said what about whom (when saidAbout, the number of SAID_ABOUT edges, is
// not zero), what was said about h.Discussed, and the neighbourhood of
// h.Person (or else the most mentioned entity). None when h is empty.
func (h Highlights) Examples(saidAbout int64) []Example {
	if len(h.Mentioned) == 0 {
		return nil
	}
	var out []Example
	names := ""
	for i, e := range h.Mentioned {
		if i == 3 {
			break
		}
		if i > 0 {
			names += ", "
		}
		names += e.Name
	}
	out = append(out, Example{"the entities mentioned in the most articles (here " + names + ")",
		"MATCH (e:Entity)<-[:MENTIONS]-(a:Article) RETURN e.name, labels(e), count(a) AS articles ORDER BY articles DESC LIMIT 10;"})
	if saidAbout > 0 {
		out = append(out, Example{"who said what about whom, most often first",
			"MATCH (a:Entity)-[r:SAID_ABOUT]->(b:Entity) RETURN a.name, r.count, b.name ORDER BY r.count DESC LIMIT 10;"})
	}
	if d := h.Discussed; d != nil {
		out = append(out, Example{fmt.Sprintf("what was said about %s (%d statements), by whom, in which article", d.Name, d.Count),
			"MATCH (s:Statement)-[:ABOUT]->(:Entity {id: " + CypherString(d.ID) + "}), (s)-[:IN]->(a:Article) " +
				"OPTIONAL MATCH (s)-[:BY]->(who) RETURN who.name, s.text, a.title LIMIT 10;"})
	}
	centre := h.Person
	if centre == nil {
		centre = &h.Mentioned[0]
	}
	out = append(out, Example{fmt.Sprintf("the neighbourhood of %s (mentioned in %d articles), as a graph", centre.Name, centre.Count),
		"MATCH (e:Entity {id: " + CypherString(centre.ID) + "}) OPTIONAL MATCH (e)-[r:CO_MENTIONED_WITH|SAID_ABOUT]-(o) RETURN e, r, o LIMIT 50;"})
	return out
}

// CypherString quotes s as a Cypher string literal.
func CypherString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
