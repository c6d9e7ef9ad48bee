package loader

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/resolve"
)

// Corpus-level entity resolution in the graph.
//
// Every Article keeps its own entities by key (property local). Load maps
// keys to entities with a provisional mapping (the evidence of the run so
// far); Resolve recomputes the mapping from every article in the database
// and maps again every article whose keys now belong to other entities:
// its old contribution to MENTIONS, CO_MENTIONED_WITH, SAID_ABOUT and
// statements' BY/ABOUT is taken away and the new one added, with the same
// arithmetic as a replaced article. Then each entity gets its corpus name,
// type, keys and the evidence that joined them. After Resolve the graph is
// a function of the set of articles loaded, whatever the order and batches
// of the loads (and the same as ExportCSV of those articles).

// ResolveStats is what one Resolve did.
type ResolveStats struct {
	Keys     int // distinct keys (article-level entities) in the corpus
	Entities int // corpus entities they make
	Joined   int // keys that joined another key's entity
	Dropped  int // keys that are no entity: articles condemn their names
	Moved    int // articles mapped again
	Updated  int // entities whose name, type, keys or evidence changed
	// FromRun: the mapping was the run's own, every article already
	// loaded with it (runMapping), so the graph was not read for it.
	FromRun bool
}

// ResolveBatch is the number of articles mapped again in one transaction.
var ResolveBatch = 100

// provisional adds docs to the run's evidence and returns the mapping to
// load them with (nil without a Namer). Resolve corrects whatever later
// evidence changes.
func (l *Loader) provisional(docs []graph.Doc) *resolve.Mapping {
	if l.cfg.Namer == nil {
		return nil
	}
	l.addEvidence(docs)
	// Resolving costs about a second per 20,000 articles: do it again only
	// when the evidence grew by half (a few times a run, not every batch).
	if l.mapping == nil || l.table.Len() >= l.mappedKeys*3/2 {
		l.mapping, l.mappedKeys = l.table.Resolve(), l.table.Len()
	}
	return l.mapping
}

// addEvidence adds the articles of docs that the run's evidence does not
// hold yet (copies of one text count once, as in the graph).
func (l *Loader) addEvidence(docs []graph.Doc) {
	if l.table == nil {
		l.table, l.tabled = resolve.NewTable(l.cfg.Namer), map[string]bool{}
	}
	for _, d := range docs {
		if !l.tabled[d.ID] {
			l.tabled[d.ID] = true
			l.table.Add(d.ID, resolve.DocLocals(d))
		}
	}
}

// Foresee adds docs to the evidence the next loads map keys with, before
// they are loaded. A run that foresees all its documents before the first
// Load loads every article with the mapping of the whole run: on a
// database that held none of these entities before, Resolve then finds no
// article to map again (mapping articles again costs about as much as
// loading them). It does nothing without a Namer.
func (l *Loader) Foresee(docs ...graph.Doc) {
	if l.cfg.Namer == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.addEvidence(docs)
	l.mapping = nil // made again, with all of it, by the next Load
}

const (
	qScanLocal = `MATCH (a:Article) WHERE a.local IS NOT NULL RETURN a.id AS id, a.local AS local`

	qScanMentions = `
MATCH (a:Article) WHERE a.local IS NOT NULL
RETURN a.id AS id, [(a)-[m:MENTIONS]->(e:Entity) | [e.id] + coalesce(m.keys, [])] AS cur`

	// qScanMentionsLocal also reads each article's keys: a key that was
	// no entity under the stored mapping has no MENTIONS to compare.
	qScanMentionsLocal = `
MATCH (a:Article) WHERE a.local IS NOT NULL
RETURN a.id AS id, [(a)-[m:MENTIONS]->(e:Entity) | [e.id] + coalesce(m.keys, [])] AS cur, a.local AS local`

	qReadRekey = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN id, elementId(a) AS eid, a.local AS local, a.story AS story, a.published AS published`

	qDeleteMentionsOf = `
UNWIND $rows AS r
MATCH (:Article {id: r.a})-[m:MENTIONS]->(:Entity {id: r.e})
DELETE m`

	qDeleteStatementLinks = `
UNWIND $ids AS id
MATCH (:Article {id: id})<-[:IN]-(:Statement)-[x:BY|ABOUT]->()
DELETE x`

	qLinkStatements = `
UNWIND $rows AS r
MATCH (s:Statement {id: r.s})
MATCH (e) WHERE elementId(e) = r.e
FOREACH (_ IN CASE WHEN r.by THEN [1] ELSE [] END | CREATE (s)-[:BY]->(e))
FOREACH (_ IN CASE WHEN r.by THEN [] ELSE [1] END | CREATE (s)-[:ABOUT]->(e))`

	qScanEntities = `
MATCH (e:Entity)
RETURN e.id AS id, e.name AS name, [l IN labels(e) WHERE l <> 'Entity'] AS labels,
       coalesce(e.keys, []) AS keys, coalesce(e.merged, []) AS merged`

	// qSetEntities gives entities their corpus name, type, keys and
	// evidence. The names every article gave stay: aliases are all of them
	// but the name.
	qSetEntities = `
UNWIND $rows AS r
MATCH (e:Entity {id: r.id})
CALL { WITH e, r UNWIND coalesce(e.aliases, []) + [e.name] AS x
  WITH DISTINCT x, r WHERE x <> r.name ORDER BY x RETURN collect(x) AS aliases }
SET e.name = r.name,
    e.aliases = CASE WHEN size(aliases) = 0 THEN null ELSE aliases END,
    e.keys = r.keys, e.merged = r.merged
REMOVE e:Person:Organization:Location
FOREACH (_ IN CASE WHEN r.type = 'PERSON' THEN [1] ELSE [] END | SET e:Person)
FOREACH (_ IN CASE WHEN r.type = 'ORG' THEN [1] ELSE [] END | SET e:Organization)
FOREACH (_ IN CASE WHEN r.type = 'LOC' THEN [1] ELSE [] END | SET e:Location)`
)

// Resolve recomputes corpus entities from every article in the database and
// brings the graph in line (see the comment at the top of this file). It
// does nothing without a Namer. Run it after loading; running it again
// changes nothing. Articles loaded before articles kept their own entities
// (no local property) are left as they are.
func (l *Loader) Resolve(ctx context.Context) (ResolveStats, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var st ResolveStats
	if l.cfg.Namer == nil {
		return st, nil
	}
	log := l.logger()
	start := time.Now()

	// 1. The evidence of every article: this run's, when the graph holds
	// exactly the articles of the run and every one was loaded with the
	// mapping of all of them (runMapping); else read from the graph.
	m, err := l.run.whole(ctx, l)
	if err != nil {
		return st, fmt.Errorf("resolve: %w", err)
	}
	from := "run"
	st.FromRun = m != nil
	if m == nil {
		from = "graph"
		table := resolve.NewTable(l.cfg.Namer)
		err := l.stream(ctx, qScanLocal, func(rec *neo4j.Record) error {
			loc, err := decodeLocal(str(rec, "local"))
			if err != nil {
				return fmt.Errorf("article %s: %w", str(rec, "id"), err)
			}
			table.Add(str(rec, "id"), loc.resolveLocals())
			return nil
		})
		if err != nil {
			return st, fmt.Errorf("resolve: read articles: %w", err)
		}
		m = table.Resolve()
	}
	l.table, l.tabled, l.mapping = nil, nil, nil // the next run starts from the graph's evidence again
	l.run = runMapping{}
	st.Keys = m.Len()
	m.Keys(func(_ string, id resolve.Identity) {
		switch {
		case id.ID == "":
			st.Dropped++
		case id.Rule != "":
			st.Joined++
		}
	})

	// 2. Articles whose keys now map elsewhere (none when every article
	// was loaded with m).
	var move []string
	cur := map[string]map[string]string{} // article → entity → its keys, as stored
	q := qScanMentions
	if m.AnyDisputed() {
		q = qScanMentionsLocal
	}
	check := func(rec *neo4j.Record) error {
		rows := get1(rec, "cur").([]any)
		moved := func() error {
			id := str(rec, "id")
			move = append(move, id)
			ents := make(map[string]string, len(rows))
			for _, y := range rows {
				row := strs(y)
				ents[row[0]] = strings.Join(row[1:], "\x00")
			}
			cur[id] = ents
			return nil
		}
		stored := map[string]bool{}
		for _, x := range rows {
			row := strs(x)
			for _, k := range row[1:] {
				if m.Of(k, "").ID != row[0] {
					return moved()
				}
				stored[k] = true
			}
		}
		if q == qScanMentionsLocal {
			loc, err := decodeLocal(str(rec, "local"))
			if err != nil {
				return fmt.Errorf("article %s: %w", str(rec, "id"), err)
			}
			for _, e := range loc.ents {
				if !stored[e.id] && m.Disputed(e.id) {
					return moved() // its entity is back
				}
			}
		}
		return nil
	}
	if !st.FromRun {
		if err := l.stream(ctx, q, check); err != nil {
			return st, fmt.Errorf("resolve: read mentions: %w", err)
		}
	}
	slices.Sort(move)
	for i := 0; i < len(move); i += ResolveBatch {
		ids := move[i:min(i+ResolveBatch, len(move))]
		sess := l.session(ctx, neo4j.AccessModeWrite)
		_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			return struct{}{}, rekey(txRunner{ctx: ctx, tx: tx, timing: newTiming(), created: map[string]bool{}}, ids, cur, m, l.cfg.CountBy, l.minConf())
		})
		sess.Close(context.WithoutCancel(ctx))
		if err != nil {
			return st, fmt.Errorf("resolve: map %d articles again (%s .. %s): %w", len(ids), ids[0], ids[len(ids)-1], err)
		}
		st.Moved += len(ids)
	}

	// 3. Entity names, types, keys and evidence.
	var rows []any
	err = l.stream(ctx, qScanEntities, func(rec *neo4j.Record) error {
		st.Entities++
		id := str(rec, "id")
		x, ok := m.Entity(id)
		if !ok {
			return nil
		}
		keys, merged := m.Members(id), m.Evidence(id)
		labels := strs(get1(rec, "labels"))
		if str(rec, "name") == x.Name && len(labels) == 1 && labels[0] == entityTypes[x.Type] &&
			slices.Equal(strs(get1(rec, "keys")), keys) && slices.Equal(strs(get1(rec, "merged")), merged) {
			return nil
		}
		row := map[string]any{"id": id, "name": x.Name, "type": x.Type, "keys": nil, "merged": nil}
		if len(keys) > 0 {
			row["keys"] = anys(keys)
		}
		if len(merged) > 0 {
			row["merged"] = anys(merged)
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("resolve: read entities: %w", err)
	}
	st.Updated = len(rows)
	for i := 0; i < len(rows); i += 5000 {
		part := rows[i:min(i+5000, len(rows))]
		sess := l.session(ctx, neo4j.AccessModeWrite)
		_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			r := txRunner{ctx: ctx, tx: tx, timing: newTiming()}
			if err := lock(r, l.cfg.CountBy, l.minConf()); err != nil {
				return struct{}{}, err
			}
			_, err := r.rowsRun("set entities", qSetEntities, "rows", part)
			return struct{}{}, err
		})
		sess.Close(context.WithoutCancel(ctx))
		if err != nil {
			return st, fmt.Errorf("resolve: update %d entities: %w", len(part), err)
		}
	}
	log.Info("entities resolved", "from", from, "keys", st.Keys, "joined", st.Joined, "dropped", st.Dropped, "entities", st.Entities,
		"articles_moved", st.Moved, "entities_updated", st.Updated, "ms", time.Since(start).Milliseconds())
	return st, nil
}

// stream runs a read query and calls fn for every record as it arrives.
func (l *Loader) stream(ctx context.Context, q string, fn func(*neo4j.Record) error) error {
	sess := l.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, q, nil)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			if err := fn(res.Record()); err != nil {
				return nil, err
			}
		}
		return nil, res.Err()
	})
	return err
}

// rekey maps articles ids again through m, in one transaction. cur holds
// each article's stored entities and their keys: MENTIONS of entities whose
// keys stay are left alone, so that hubs (a country in every other article)
// are not rewritten and recomputed for nothing.
func rekey(r txRunner, ids []string, cur map[string]map[string]string, m *resolve.Mapping, countBy CountBy, minConf int) error {
	if err := lock(r, countBy, minConf); err != nil {
		return err
	}
	recs, err := r.rowsRun("read articles", qReadRekey, "ids", anys(ids))
	if err != nil {
		return err
	}
	// The counting units of these articles, as stored: each is recomputed
	// with the articles' new contributions.
	rc := newRecount(countBy, minConf)
	units := make([]string, len(recs))
	for i, rec := range recs {
		units[i] = countBy.unit(str(rec, "id"), str(rec, "story"))
	}
	if err := rc.read(r, units); err != nil {
		return err
	}
	var (
		changed        []*prepDoc // each article with only its changed entities
		touched        []string
		deleteMentions []any
		linkIDs        []any
	)
	aids := map[string]string{}
	for _, rec := range recs {
		id := str(rec, "id")
		aids[id] = str(rec, "eid")
		loc, err := decodeLocal(str(rec, "local"))
		if err != nil {
			return fmt.Errorf("article %s: %w", id, err)
		}
		a := &prepDoc{id: id, meta: meta{Published: str(rec, "published")}}
		a.ents, a.stmts = loc.resolved(m)
		if err := rc.put(countBy.unit(id, str(rec, "story")), id, remapped(rc, id, a.contrib())); err != nil {
			return err
		}
		stored := cur[id]
		keep := map[string]bool{}
		c := &prepDoc{id: id, stmts: a.stmts}
		for _, e := range a.ents {
			if k, ok := stored[e.id]; ok && k == strings.Join(e.keys, "\x00") {
				keep[e.id] = true
				continue
			}
			c.ents = append(c.ents, e)
			touched = append(touched, e.id)
		}
		for _, e := range sortedKeys(stored) {
			if !keep[e] {
				deleteMentions = append(deleteMentions, map[string]any{"a": id, "e": e})
				touched = append(touched, e)
			}
		}
		changed = append(changed, c)
		linkIDs = append(linkIDs, id)
	}
	if _, err := r.rowsRun("delete mentions", qDeleteMentionsOf, "rows", deleteMentions); err != nil {
		return err
	}
	if _, err := r.rowsRun("delete statement links", qDeleteStatementLinks, "ids", linkIDs); err != nil {
		return err
	}
	eids, err := mergeEntities(r, entityRows(changed))
	if err != nil {
		return err
	}
	var mentionRows, linkRows []any
	var linkEnds []any
	for _, a := range changed {
		for _, e := range a.ents {
			mentionRows = append(mentionRows, map[string]any{"a": aids[a.id], "e": eids[e.id], "props": mentionProps(e)})
		}
		for _, s := range a.stmts {
			if s.by != "" {
				linkRows = append(linkRows, map[string]any{"s": s.id, "e": s.by, "by": true})
			}
			for _, t := range s.about {
				linkRows = append(linkRows, map[string]any{"s": s.id, "e": t, "by": false})
			}
		}
	}
	// Statement ends may be unchanged entities (no element id yet).
	for _, x := range linkRows {
		row := x.(map[string]any)
		linkEnds = append(linkEnds, map[string]any{"a": row["e"], "b": row["e"]})
	}
	if err := endElementIDs(r, linkEnds, eids); err != nil {
		return err
	}
	for _, x := range linkRows {
		row := x.(map[string]any)
		row["e"] = eids[row["e"].(string)]
	}
	if _, err := r.rowsRun("create mentions", qCreateMentions, "rows", mentionRows); err != nil {
		return err
	}
	if _, err := r.rowsRun("link statements", qLinkStatements, "rows", linkRows); err != nil {
		return err
	}
	ds := rc.deltas()
	slog.Debug("mapping articles again", "component", "loader", "articles", len(ids), "co_pairs", len(ds.co), "said_pairs", len(ds.said), "mentions", len(mentionRows))
	if err := writeCounts(r, ds, eids); err != nil {
		return err
	}
	slices.Sort(touched)
	t := anys(slices.Compact(touched))
	if _, err := r.rowsRun("delete orphan entities", qDeleteOrphans, "ids", t); err != nil {
		return err
	}
	_, err = r.rowsRun("recompute entities", qRecomputeEntities, "ids", t)
	return err
}

// remapped is the contribution of a stored article mapped again (c, from
// its local entities): its statements keep the texts read from the
// database (local holds none).
func remapped(rc *recount, id string, c contrib) contrib {
	old, _ := rc.stored(id)
	texts := make(map[string]string, len(old.said))
	for _, s := range old.said {
		texts[s.id] = s.text
	}
	for i := range c.said {
		c.said[i].text = texts[c.said[i].id]
	}
	return c
}
