package neo4jtest

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// CountCheck is what CheckCounts found.
type CountCheck struct {
	Pairs int      // entity pairs that some article mentions together, or that an edge joins
	Said  int      // speaker → target pairs of some statement, or of a SAID_ABOUT edge
	Wrong []string // one line per edge whose stored values differ from the recount
	// Fewer counts the CO_MENTIONED_WITH edges that count fewer units than
	// the recount (the story-count loss of issue 14), Missing the pairs
	// some unit holds that have no edge at all.
	Fewer, Missing int
}

// CheckCounts recomputes every CO_MENTIONED_WITH and SAID_ABOUT edge of a
// loaded graph from the evidence each article keeps (MENTIONS with their
// sentences, Statements with BY and ABOUT), under the counting rule of
// docs/stories.md, independently of the loader's code, and compares:
//
//   - a unit is an article (perStory false) or a story (Article.story, the
//     article's id when it has none);
//   - CO_MENTIONED_WITH.articles = the units in which some article mentions
//     both entities; sentences = the sum over those units of the most
//     sentences naming both that one article of the unit has; first_seen,
//     last_seen = min and max published of the articles mentioning both;
//   - SAID_ABOUT.count = the sum over units of, for each statement, the
//     most times one article of the unit holds it, where statements by the
//     speaker about the target in two articles of a unit are one statement
//     when their content words (lower-cased) are the same, share half of
//     their union, or make 80% of the shorter's (at least 3 words), or are
//     linked through other such statements; only statements whose
//     confidence reaches the database's threshold (IngestLock.min_confidence)
//     count. SAID_ABOUT.confidence = the same sum of the highest summed
//     confidence one article gives each statement (in thousandths).
//
// Articles over the loader's pair limit (graph.MaxCoMentionEntities) form
// pairs among some of their entities only: their other pairs show as wrong.
func CheckCounts(ctx context.Context, drv neo4j.DriverWithContext, database string, perStory bool) (CountCheck, error) {
	var c CountCheck
	params := map[string]any{"perStory": perStory}
	co, err := neo4j.ExecuteQuery(ctx, drv, qRecountCo, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return c, fmt.Errorf("recount co-mentions: %w", err)
	}
	for _, rec := range co.Records {
		c.Pairs++
		m := rec.AsMap()
		if m["units"] == m["articles"] && m["sentences"] == m["stored_sentences"] &&
			m["first"] == m["stored_first"] && m["last"] == m["stored_last"] {
			continue
		}
		units, _ := m["units"].(int64)
		stored, ok := m["articles"].(int64)
		switch {
		case !ok:
			c.Missing++
		case stored < units:
			c.Fewer++
		}
		c.Wrong = append(c.Wrong, fmt.Sprintf("CO_MENTIONED_WITH %v - %v: stored %v articles, %v sentences, %v..%v; recount %v, %v, %v..%v",
			m["a"], m["b"], m["articles"], m["stored_sentences"], m["stored_first"], m["stored_last"],
			m["units"], m["sentences"], m["first"], m["last"]))
	}

	lock, err := neo4j.ExecuteQuery(ctx, drv, `MATCH (l:IngestLock) RETURN coalesce(l.min_confidence, 0.0) AS m`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return c, fmt.Errorf("read the threshold: %w", err)
	}
	minConf := 0
	if len(lock.Records) > 0 {
		m, _ := lock.Records[0].AsMap()["m"].(float64)
		minConf = milli(m)
	}
	said, err := neo4j.ExecuteQuery(ctx, drv, qStatementEvidence, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return c, fmt.Errorf("read statements: %w", err)
	}
	// (speaker, target) → unit → content → article → statements.
	type key struct{ a, b string }
	held := map[key]map[string]map[string]map[string]tally{}
	for _, rec := range said.Records {
		m := rec.AsMap()
		conf, _ := m["confidence"].(float64)
		if milli(conf) < minConf {
			continue
		}
		k := key{m["a"].(string), m["b"].(string)}
		unit, art := m["unit"].(string), m["article"].(string)
		text, _ := m["text"].(string)
		content := strings.ToLower(strings.Join(words.FindAllString(text, -1), " "))
		if held[k] == nil {
			held[k] = map[string]map[string]map[string]tally{}
		}
		if held[k][unit] == nil {
			held[k][unit] = map[string]map[string]tally{}
		}
		if held[k][unit][content] == nil {
			held[k][unit][content] = map[string]tally{}
		}
		t := held[k][unit][content][art]
		held[k][unit][content][art] = tally{t.n + 1, t.conf + milli(conf)}
	}
	edges, err := neo4j.ExecuteQuery(ctx, drv, `MATCH (a:Entity)-[c:SAID_ABOUT]->(b:Entity) RETURN a.id AS a, b.id AS b, c.count AS n, coalesce(c.confidence, 0.0) AS cf`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return c, fmt.Errorf("read SAID_ABOUT: %w", err)
	}
	stored := map[key]tally{}
	for _, rec := range edges.Records {
		m := rec.AsMap()
		n, _ := m["n"].(int64)
		cf, _ := m["cf"].(float64)
		stored[key{m["a"].(string), m["b"].(string)}] = tally{int(n), milli(cf)}
		if _, ok := held[key{m["a"].(string), m["b"].(string)}]; !ok {
			held[key{m["a"].(string), m["b"].(string)}] = nil
		}
	}
	var keys []key
	for k := range held {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(p, q key) int { return strings.Compare(p.a+"\x00"+p.b, q.a+"\x00"+q.b) })
	for _, k := range keys {
		c.Said++
		var n tally
		for _, contents := range held[k] {
			u := unitStatements(contents)
			n = tally{n.n + u.n, n.conf + u.conf}
		}
		if stored[k].n != n.n || stored[k].conf != n.conf {
			c.Wrong = append(c.Wrong, fmt.Sprintf("SAID_ABOUT %s -> %s: stored %d (confidence %d/1000), recount %d (%d/1000)",
				k.a, k.b, stored[k].n, stored[k].conf, n.n, n.conf))
		}
	}
	return c, nil
}

var words = regexp.MustCompile(`[\p{L}\p{N}]+`)

const (
	// qRecountCo: per unit, the most common sentences of one article;
	// then per pair. Pairs with an edge but no article mentioning both
	// come out with 0 units.
	qRecountCo = `
MATCH (x:Article)-[m1:MENTIONS]->(a:Entity), (x)-[m2:MENTIONS]->(b:Entity)
WHERE a.id < b.id
WITH a, b, x.published AS p, CASE WHEN $perStory THEN coalesce(x.story, x.id) ELSE x.id END AS unit,
     size([i IN coalesce(m1.sentences, []) WHERE i IN coalesce(m2.sentences, [])]) AS n
WITH a, b, unit, max(n) AS n, min(p) AS first, max(p) AS last
WITH a, b, count(unit) AS units, sum(n) AS sentences, min(first) AS first, max(last) AS last
OPTIONAL MATCH (a)-[c:CO_MENTIONED_WITH]->(b)
RETURN a.id AS a, b.id AS b, units, sentences, first, last,
       c.articles AS articles, c.sentences AS stored_sentences, c.first_seen AS stored_first, c.last_seen AS stored_last
UNION ALL
MATCH (a:Entity)-[c:CO_MENTIONED_WITH]->(b:Entity)
WHERE NOT EXISTS { MATCH (a)<-[:MENTIONS]-(:Article)-[:MENTIONS]->(b) }
RETURN a.id AS a, b.id AS b, 0 AS units, 0 AS sentences, null AS first, null AS last,
       c.articles AS articles, c.sentences AS stored_sentences, c.first_seen AS stored_first, c.last_seen AS stored_last`

	qStatementEvidence = `
MATCH (s:Statement)-[:IN]->(x:Article), (s)-[:BY]->(a:Entity), (s)-[:ABOUT]->(b:Entity)
WHERE a <> b
RETURN a.id AS a, b.id AS b, x.id AS article, s.text AS text, coalesce(s.confidence, 1.0) AS confidence,
       CASE WHEN $perStory THEN coalesce(x.story, x.id) ELSE x.id END AS unit`
)

// tally is a number of statements and their confidences summed, in
// thousandths.
type tally struct{ n, conf int }

func milli(c float64) int { return int(math.Round(c * 1000)) }

// unitStatements counts one unit's statements of one speaker about one
// target, and sums their confidences: contents → article → tally.
func unitStatements(contents map[string]map[string]tally) tally {
	type node struct {
		content, article string
		t                tally
		words            map[string]bool
	}
	var nodes []node
	for content, arts := range contents {
		ws := map[string]bool{}
		for _, w := range strings.Fields(content) {
			ws[w] = true
		}
		for art, t := range arts {
			nodes = append(nodes, node{content, art, t, ws})
		}
	}
	same := func(a, b node) bool {
		if a.content == b.content {
			return true
		}
		common := 0
		for w := range a.words {
			if b.words[w] {
				common++
			}
		}
		shorter := min(len(a.words), len(b.words))
		return 2*common >= len(a.words)+len(b.words)-common && len(a.words)+len(b.words) > 0 ||
			shorter >= 3 && 5*common >= 4*shorter
	}
	// Components by repeated labelling: each node takes the smallest label
	// of the nodes of other articles it is the same statement as.
	label := make([]int, len(nodes))
	for i := range label {
		label[i] = i
	}
	for changed := true; changed; {
		changed = false
		for i := range nodes {
			for j := range nodes {
				if nodes[i].article != nodes[j].article && label[j] < label[i] && same(nodes[i], nodes[j]) {
					label[i], changed = label[j], true
				}
			}
		}
	}
	most := map[int]map[string]tally{}
	for i, nd := range nodes {
		if most[label[i]] == nil {
			most[label[i]] = map[string]tally{}
		}
		t := most[label[i]][nd.article]
		most[label[i]][nd.article] = tally{t.n + nd.t.n, t.conf + nd.t.conf}
	}
	var total tally
	for _, arts := range most {
		var m tally
		for _, t := range arts {
			m = tally{max(m.n, t.n), max(m.conf, t.conf)}
		}
		total = tally{total.n + m.n, total.conf + m.conf}
	}
	return total
}
