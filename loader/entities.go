package loader

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// EntityRow is one entity with its mention and article counts, as
// "newsgraph entities" lists it.
type EntityRow struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Roles    []string `json:"roles"`
	Mentions int64    `json:"mentions"`
	Articles int64    `json:"articles"`
	// Keys are the article-level keys corpus resolution joined into this
	// entity, and Merged why each joined (rule, key, an article with the
	// evidence); both empty for an entity of one key.
	Keys   []string `json:"keys"`
	Merged []string `json:"merged"`
}

// entitiesQuery lists entities whose id, name or an alias contains $q (case
// folded), with their mention and article counts, most mentioned first.
const entitiesQuery = `
MATCH (e:Entity)
WHERE ($label = '' OR $label IN labels(e))
  AND ($q = '' OR e.id = $q OR toLower(e.name) CONTAINS $q
       OR any(x IN coalesce(e.aliases, []) WHERE toLower(x) CONTAINS $q))
OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(e)
WITH e, count(a) AS articles, coalesce(sum(m.count), 0) AS mentions
RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases,
       coalesce(e.roles, []) AS roles, labels(e) AS labels, mentions, articles,
       coalesce(e.keys, []) AS keys, coalesce(e.merged, []) AS merged
ORDER BY mentions DESC, id
LIMIT $limit`

var typeLabels = map[string]string{"PERSON": "Person", "ORG": "Organization", "LOC": "Location"}

// Entities lists up to limit entities whose id, name or an alias contains q
// (case folded), of type typ (PERSON, ORG, LOC, or "" for all), most
// mentioned first.
func (l *Loader) Entities(ctx context.Context, q, typ string, limit int) ([]EntityRow, error) {
	label := ""
	if typ != "" {
		var ok bool
		if label, ok = typeLabels[strings.ToUpper(typ)]; !ok {
			return nil, fmt.Errorf("--type %q: want PERSON, ORG or LOC", typ)
		}
	}
	res, err := neo4j.ExecuteQuery(ctx, l.driver, entitiesQuery,
		map[string]any{"q": strings.ToLower(strings.TrimSpace(q)), "label": label, "limit": int64(limit)},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(l.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("list entities: %w", err)
	}
	rows := make([]EntityRow, 0, len(res.Records))
	for _, rec := range res.Records {
		m := rec.AsMap()
		id, _ := m["id"].(string)
		name, _ := m["name"].(string)
		r := EntityRow{ID: id, Name: name, Aliases: strs(m["aliases"]), Roles: strs(m["roles"]),
			Keys: strs(m["keys"]), Merged: strs(m["merged"])}
		r.Mentions, _ = m["mentions"].(int64)
		r.Articles, _ = m["articles"].(int64)
		for _, l := range strs(m["labels"]) {
			for t, tl := range typeLabels {
				if l == tl {
					r.Type = t
				}
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}
