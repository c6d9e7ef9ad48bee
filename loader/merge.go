package loader

import (
	"slices"
)

// Entities of added articles are merged here rather than in Cypher: one
// statement reads those that exist, the merged properties are computed
// with the rules of prepare (betterName, aliasesWithout, distinctStrings:
// the rules ExportCSV's model uses too), and only the entities that are new
// or changed are written. A hub entity (a country in every other article)
// is read once a batch and rarely written, so neither its properties nor
// the full-text index over names and aliases are rewritten for nothing;
// a per-row Cypher merge (MERGE, then subqueries that sort the union of
// aliases and roles) cost a sixth of a batch's time.

const (
	// qReadEntities reads the entities of a batch that exist.
	qReadEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, elementId(e) AS eid, e.name AS name, coalesce(e.aliases, []) AS aliases, coalesce(e.roles, []) AS roles,
       [l IN labels(e) WHERE l <> 'Entity'] AS labels`

	// qUpdateEntities writes the merged properties of existing entities;
	// labels are only ever added.
	qUpdateEntities = `
UNWIND $rows AS r
MATCH (e) WHERE elementId(e) = r.eid
SET e.name = r.name, e.aliases = r.aliases, e.roles = r.roles
FOREACH (_ IN CASE WHEN 'Person' IN r.labels THEN [1] ELSE [] END | SET e:Person)
FOREACH (_ IN CASE WHEN 'Organization' IN r.labels THEN [1] ELSE [] END | SET e:Organization)
FOREACH (_ IN CASE WHEN 'Location' IN r.labels THEN [1] ELSE [] END | SET e:Location)`

	// qCreateEntities creates the entities that do not exist (the ingest
	// lock is held: no other loader creates them meanwhile) and returns
	// their element ids.
	qCreateEntities = `
UNWIND $rows AS r
CREATE (e:Entity)
SET e = r.props
FOREACH (_ IN CASE WHEN 'Person' IN r.labels THEN [1] ELSE [] END | SET e:Person)
FOREACH (_ IN CASE WHEN 'Organization' IN r.labels THEN [1] ELSE [] END | SET e:Organization)
FOREACH (_ IN CASE WHEN 'Location' IN r.labels THEN [1] ELSE [] END | SET e:Location)
RETURN r.props.id AS id, elementId(e) AS eid`
)

// entityRow is the entities of one id in a batch, merged: every name,
// alias, role and type they were given.
type entityRow struct {
	id                           string
	names, aliases, roles, types []string // sorted, distinct
}

// entityRows merges the entities of docs by id, sorted by id.
func entityRows(docs []*prepDoc) []entityRow {
	m := map[string]*entityRow{}
	for _, a := range docs {
		for _, e := range a.ents {
			x := m[e.id]
			if x == nil {
				x = &entityRow{id: e.id}
				m[e.id] = x
			}
			x.names = append(x.names, e.name)
			x.aliases = append(x.aliases, e.aliases...)
			x.roles = append(x.roles, e.roles...)
			x.types = append(x.types, e.typ)
		}
	}
	out := make([]entityRow, 0, len(m))
	for _, id := range sortedKeys(m) {
		x := m[id]
		x.names, x.aliases, x.roles, x.types = distinctStrings(x.names), distinctStrings(x.aliases), distinctStrings(x.roles), distinctStrings(x.types)
		out = append(out, *x)
	}
	return out
}

// storedEntity is an Entity node as qReadEntities reads it.
type storedEntity struct {
	eid, name              string
	aliases, roles, labels []string
}

// mergeEntities merges rows into the graph's entities and returns the
// element ids of all of them: an entity's name is the better of its name
// and the names given (betterName: the longest, then the smallest), its
// aliases every other name and alias (sorted), its roles the sorted union,
// and it gains a label for every type given.
func mergeEntities(r txRunner, rows []entityRow) (map[string]string, error) {
	ids := make([]any, len(rows))
	for i, x := range rows {
		ids[i] = x.id
	}
	recs, err := r.rowsRun("read entities", qReadEntities, "ids", ids)
	if err != nil {
		return nil, err
	}
	stored := make(map[string]storedEntity, len(recs))
	for _, rec := range recs {
		stored[str(rec, "id")] = storedEntity{eid: str(rec, "eid"), name: str(rec, "name"),
			aliases: strs(get1(rec, "aliases")), roles: strs(get1(rec, "roles")), labels: strs(get1(rec, "labels"))}
	}
	eids := make(map[string]string, len(rows))
	var creates, updates []any
	for _, x := range rows {
		old, exists := stored[x.id]
		name := old.name
		for _, n := range x.names {
			name = betterName(name, n)
		}
		all := append(append(slices.Clone(old.aliases), x.aliases...), x.names...)
		if old.name != "" {
			all = append(all, old.name)
		}
		aliases := aliasesWithout(all, name)
		roles := distinctStrings(append(slices.Clone(old.roles), x.roles...))
		labels := slices.Clone(old.labels)
		for _, t := range x.types {
			if l := entityTypes[t]; !slices.Contains(labels, l) {
				labels = append(labels, l)
			}
		}
		if !exists {
			props := map[string]any{"id": x.id, "name": name}
			setNonEmptyList(props, "aliases", aliases)
			setNonEmptyList(props, "roles", roles)
			creates = append(creates, map[string]any{"props": props, "labels": anys(labels)})
			continue
		}
		eids[x.id] = old.eid
		if name == old.name && slices.Equal(aliases, old.aliases) && slices.Equal(roles, old.roles) && len(labels) == len(old.labels) {
			continue // as it is
		}
		updates = append(updates, map[string]any{"eid": old.eid, "name": name,
			"aliases": nilIfEmpty(aliases), "roles": nilIfEmpty(roles), "labels": anys(labels)})
	}
	if _, err := r.rowsRun("update entities", qUpdateEntities, "rows", updates); err != nil {
		return nil, err
	}
	recs, err = r.rowsRun("create entities", qCreateEntities, "rows", creates)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		id := str(rec, "id")
		eids[id] = str(rec, "eid")
		if r.created != nil {
			r.created[id] = true
		}
	}
	return eids, nil
}

// nilIfEmpty is xs as a property value: null (no property) when empty.
func nilIfEmpty(xs []string) any {
	if len(xs) == 0 {
		return nil
	}
	return anys(xs)
}
