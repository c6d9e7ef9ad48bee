package loader

import "strings"

// All Cypher the loader runs. Labels and relationship types are literals
// here; every value comes in as a parameter. Nothing is built from input.

const (
	// qLock takes an exclusive lock for the rest of the transaction, so that
	// two loaders writing to one database (say, two processes) take turns.
	// It also holds the database's counting rule (CountBy) and said-about
	// threshold (MinConfidence), set by the first load.
	qLock = `MERGE (l:IngestLock {id: 'ingest'}) SET l.held = true RETURN l.count_by AS count_by, l.min_confidence AS min_confidence`

	qSetCountBy = `MATCH (l:IngestLock {id: 'ingest'}) SET l.count_by = $mode, l.min_confidence = $min`

	qAnyArticle = `MATCH (a:Article) RETURN a.id AS id LIMIT 1`

	// qReadStories reads the stored story and date of articles.
	qReadStories = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN id, a.story AS story, a.published AS published`

	qReadIngest = `
UNWIND $sources AS s
MATCH (i:Ingest {source: s})
RETURN i.source AS source, i.article AS article, i.hash AS hash`

	qReadArticles = `
UNWIND $ids AS id
OPTIONAL MATCH (a:Article {id: id})
OPTIONAL MATCH (i:Ingest {article: id}) USING INDEX i:Ingest(article)
RETURN id, a IS NOT NULL AS exists, a.source AS source, a.hash AS hash, a.published AS published, a.story AS story,
       collect(i {.source, .hash, .url, .title, .published, .publisher, .credit, .story}) AS ingests`

	qReadMentions = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->(e:Entity)
RETURN id, e.id AS entity, m.count AS count, m.sentences AS sentences`

	qReadSaid = `
UNWIND $ids AS id
MATCH (:Article {id: id})<-[:IN]-(s:Statement)
OPTIONAL MATCH (s)-[:BY]->(sp:Entity)
OPTIONAL MATCH (s)-[:ABOUT]->(t:Entity)
RETURN id, s.id AS statement, coalesce(s.confidence, 1.0) AS confidence, sp.id AS by, collect(t.id) AS about`

	qDeleteStatements = `
UNWIND $ids AS id
MATCH (s:Statement)-[:IN]->(:Article {id: id})
DETACH DELETE s`

	qDeleteArticles = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a`

	qUpsertIngest = `
UNWIND $rows AS r
MERGE (i:Ingest {source: r.source})
SET i = r`

	// qRecomputeEntities recomputes the properties and labels of entities
	// that lost a mention, from the mentions that remain (the rules of
	// mergeEntities).
	qRecomputeEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL { WITH e MATCH (e)<-[m:MENTIONS]-(:Article) UNWIND m.roles AS x WITH DISTINCT x ORDER BY x RETURN collect(x) AS roles }
CALL { WITH e MATCH (e)<-[m:MENTIONS]-(:Article) RETURN collect(m.name) AS names, collect(DISTINCT m.type) AS types }
WITH e, roles, types, names, reduce(best = null, n IN names |
  CASE WHEN best IS NULL OR size(n) > size(best) OR (size(n) = size(best) AND n < best) THEN n ELSE best END) AS name
CALL { WITH e, names, name MATCH (e)<-[m:MENTIONS]-(:Article) UNWIND coalesce(m.aliases, []) + names AS x
  WITH DISTINCT x, name WHERE x <> name ORDER BY x RETURN collect(x) AS aliases }
SET e.name = name,
    e.aliases = CASE WHEN size(aliases) = 0 THEN null ELSE aliases END,
    e.roles = CASE WHEN size(roles) = 0 THEN null ELSE roles END
REMOVE e:Person:Organization:Location
FOREACH (_ IN CASE WHEN 'PERSON' IN types THEN [1] ELSE [] END | SET e:Person)
FOREACH (_ IN CASE WHEN 'ORG' IN types THEN [1] ELSE [] END | SET e:Organization)
FOREACH (_ IN CASE WHEN 'LOC' IN types THEN [1] ELSE [] END | SET e:Location)`

	// qDeleteOrphans deletes entities that no article mentions any more.
	qDeleteOrphans = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (e)<-[:MENTIONS]-(:Article) }
DETACH DELETE e`

	// qCreateArticles creates added articles; they do not exist (new ones,
	// or deleted earlier in the same transaction).
	qCreateArticles = `
UNWIND $rows AS r
CREATE (a:Article)
SET a = r.props
RETURN a.id AS id, elementId(a) AS eid`

	// qUpdateArticles replaces a rebased article's metadata; its own
	// entities (local) stay, as its entities and statements do.
	qUpdateArticles = `
UNWIND $rows AS r
MATCH (a:Article {id: r.id})
WITH a, r, a.local AS local
SET a = r.props
SET a.local = local`

	// Relationships of added articles find their ends by element id
	// (returned by the statements that wrote the nodes, in the same
	// transaction): no index seek per row.
	qCreateMentions = `
UNWIND $rows AS r
MATCH (a) WHERE elementId(a) = r.a
MATCH (e) WHERE elementId(e) = r.e
CREATE (a)-[m:MENTIONS]->(e)
SET m = r.props`

	// qCreateStatements creates the statements of added articles (new, as
	// their ids contain the article id) with IN, BY and ABOUT.
	qCreateStatements = `
UNWIND $rows AS r
MATCH (a) WHERE elementId(a) = r.a
CREATE (s:Statement)
SET s = r.props
FOREACH (_ IN CASE WHEN r.weak THEN [1] ELSE [] END | SET s:Weak)
CREATE (s)-[:IN]->(a)
WITH s, r
UNWIND r.links AS x
MATCH (e) WHERE elementId(e) = x.e
FOREACH (_ IN CASE WHEN x.by THEN [1] ELSE [] END | CREATE (s)-[:BY]->(e))
FOREACH (_ IN CASE WHEN x.by THEN [] ELSE [1] END | CREATE (s)-[:ABOUT]->(e))`

	qEntityElementIDs = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, elementId(e) AS eid`

	// Aggregate edges are found by their key (edgeKey), through the
	// relationship uniqueness constraint's index, not by expanding from
	// their end nodes: hub entities have many thousands of relationships.
	//
	// One seek with a list of values (key IN $keys), not one seek per
	// UNWIND row: on Neo4j 5.26 the per-row relationship index seek took
	// 6-10 ms a key until the index was first sampled (a fresh database's
	// second batch: 140 s for 15k keys), the list seek 0.1 ms
	// (docs/loading.md, "The cold-start stall").
	qReadEdges = `
MATCH ()-[c:$TYPE]->() USING INDEX c:$TYPE(key)
WHERE c.key IN $keys
RETURN c.key AS k, elementId(c) AS id, c.$COUNT AS n, coalesce(c.sentences, 0) AS s, coalesce(c.confidence, 0.0) AS cf,
       c.first_seen AS f, c.last_seen AS l`

	qUpdateEdges = `
UNWIND $rows AS r
MATCH ()-[c:$TYPE]->()
WHERE elementId(c) = r.id
SET c.$COUNT = r.n, c.first_seen = r.f, c.last_seen = r.l $SETSENTENCES $SETCONFIDENCE`

	qCreateEdges = `
UNWIND $rows AS r
MATCH (a) WHERE elementId(a) = r.ea
MATCH (b) WHERE elementId(b) = r.eb
CREATE (a)-[c:$TYPE {key: r.k, $COUNT: r.n}]->(b)
SET c.first_seen = r.f, c.last_seen = r.l $SETSENTENCES $SETCONFIDENCE`

	qDeleteEdges = `
UNWIND $ids AS id
MATCH ()-[c:$TYPE]->()
WHERE elementId(c) = id
DELETE c`

	qCoDates = `
MATCH (a:Entity)-[c:CO_MENTIONED_WITH]->(b:Entity) USING INDEX c:CO_MENTIONED_WITH(key)
WHERE c.key IN $keys
OPTIONAL MATCH (a)<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(b)
WHERE NOT $perStory OR art.story IS NULL OR art.story = art.id
WITH c, min(art.published) AS f, max(art.published) AS l
SET c.first_seen = f, c.last_seen = l`

	qSaidDates = `
MATCH (a:Entity)-[c:SAID_ABOUT]->(b:Entity) USING INDEX c:SAID_ABOUT(key)
WHERE c.key IN $keys
OPTIONAL MATCH (a)<-[:BY]-(s:Statement)-[:ABOUT]->(b), (s)-[:IN]->(art:Article)
WHERE coalesce(s.confidence, 1.0) >= $minConfidence AND (NOT $perStory OR art.story IS NULL OR art.story = art.id)
WITH c, min(art.published) AS f, max(art.published) AS l
SET c.first_seen = f, c.last_seen = l`
)

// edgeQueries are the aggregate-edge statements for one relationship type,
// made from the templates above with literal type and property names.
type edgeQueries struct {
	typ                       string
	read, update, create, del string
	dates                     string
}

func makeEdgeQueries(typ, count string, sentences, confidence bool, dates string) edgeQueries {
	setS, setC := "", ""
	if sentences {
		setS = ", c.sentences = r.s"
	}
	if confidence {
		setC = ", c.confidence = r.cf"
	}
	r := strings.NewReplacer("$TYPE", typ, "$COUNT", count, "$SETSENTENCES", setS, "$SETCONFIDENCE", setC)
	return edgeQueries{typ: typ, read: r.Replace(qReadEdges), update: r.Replace(qUpdateEdges),
		create: r.Replace(qCreateEdges), del: r.Replace(qDeleteEdges), dates: dates}
}

var (
	coQueries   = makeEdgeQueries("CO_MENTIONED_WITH", "articles", true, false, qCoDates)
	saidQueries = makeEdgeQueries("SAID_ABOUT", "count", false, true, qSaidDates)
)
