package loader

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Summary counts what is in the database, for the closing summary of an
// ingest.
type Summary struct {
	Articles      int64
	Sources       int64 // ledger entries (one per source; exact duplicates share an article)
	Entities      int64
	Persons       int64
	Organizations int64
	Locations     int64
	Statements    int64
	Mentions      int64 // MENTIONS relationships
	CoMentions    int64 // CO_MENTIONED_WITH relationships
	SaidAbout     int64 // SAID_ABOUT relationships
	StatementRels int64 // BY, ABOUT and IN relationships
}

// String renders s on a few lines, for people.
func (s Summary) String() string {
	return fmt.Sprintf("articles: %d (sources: %d)\nentities: %d (persons %d, organizations %d, locations %d)\n"+
		"statements: %d\nedges: MENTIONS %d, CO_MENTIONED_WITH %d, SAID_ABOUT %d, BY/ABOUT/IN %d",
		s.Articles, s.Sources, s.Entities, s.Persons, s.Organizations, s.Locations,
		s.Statements, s.Mentions, s.CoMentions, s.SaidAbout, s.StatementRels)
}

// Summary counts articles, entities by type, statements and edges by type.
func (l *Loader) Summary(ctx context.Context) (Summary, error) {
	var s Summary
	counts := []struct {
		dst *int64
		q   string
	}{
		{&s.Articles, "MATCH (n:Article) RETURN count(n) AS n"},
		{&s.Sources, "MATCH (n:Ingest) RETURN count(n) AS n"},
		{&s.Entities, "MATCH (n:Entity) RETURN count(n) AS n"},
		{&s.Persons, "MATCH (n:Person) RETURN count(n) AS n"},
		{&s.Organizations, "MATCH (n:Organization) RETURN count(n) AS n"},
		{&s.Locations, "MATCH (n:Location) RETURN count(n) AS n"},
		{&s.Statements, "MATCH (n:Statement) RETURN count(n) AS n"},
		{&s.Mentions, "MATCH ()-[r:MENTIONS]->() RETURN count(r) AS n"},
		{&s.CoMentions, "MATCH ()-[r:CO_MENTIONED_WITH]->() RETURN count(r) AS n"},
		{&s.SaidAbout, "MATCH ()-[r:SAID_ABOUT]->() RETURN count(r) AS n"},
		{&s.StatementRels, "MATCH (:Statement)-[r:BY|ABOUT|IN]->() RETURN count(r) AS n"},
	}
	sess := l.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (bool, error) {
		for _, c := range counts {
			res, err := tx.Run(ctx, c.q, nil)
			if err != nil {
				return false, err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return false, err
			}
			n, _ := get1(rec, "n").(int64)
			*c.dst = n
		}
		return true, nil
	})
	if err != nil {
		return s, fmt.Errorf("summary: %w", err)
	}
	return s, nil
}

// Dump returns the whole graph of the loader's database in a canonical text
// form (see Dump).
func (l *Loader) Dump(ctx context.Context) (string, error) {
	return Dump(ctx, l.driver, l.cfg.Database)
}

const (
	qDumpNodes = `MATCH (n) WHERE NOT n:IngestLock RETURN labels(n) AS labels, properties(n) AS props`
	qDumpRels  = `MATCH (a)-[r]->(b) WHERE NOT a:IngestLock AND NOT b:IngestLock
RETURN type(r) AS type, labels(a) AS al, coalesce(a.id, a.source) AS a, labels(b) AS bl, coalesce(b.id, b.source) AS b, properties(r) AS props`
)

// Dump returns every node and relationship of database with all their
// properties, one per line, sorted: two graphs are equal exactly when their
// dumps are. Nodes are written as "(Label:Label {json})" with labels sorted
// and properties as JSON with sorted keys; relationships as
// "[TYPE (Label:..)key -> (Label:..)key {json}]", nodes named by their id
// (Ingest nodes by their source). Parallel duplicate relationships give
// duplicate lines. The loader's lock node is left out. Meant for tests; it
// holds the whole graph in memory.
func Dump(ctx context.Context, drv neo4j.DriverWithContext, database string) (string, error) {
	var lines []string
	for _, q := range []struct {
		q    string
		line func(*neo4j.Record) (string, error)
	}{
		{qDumpNodes, func(rec *neo4j.Record) (string, error) {
			props, err := canonicalJSON(get1(rec, "props"))
			return fmt.Sprintf("(%s %s)", labelString(get1(rec, "labels")), props), err
		}},
		{qDumpRels, func(rec *neo4j.Record) (string, error) {
			props, err := canonicalJSON(get1(rec, "props"))
			return fmt.Sprintf("[%s (%s)%v -> (%s)%v %s]", str(rec, "type"),
				labelString(get1(rec, "al")), jsonString(get1(rec, "a")),
				labelString(get1(rec, "bl")), jsonString(get1(rec, "b")), props), err
		}},
	} {
		res, err := neo4j.ExecuteQuery(ctx, drv, q.q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return "", fmt.Errorf("dump: %w", err)
		}
		for _, rec := range res.Records {
			s, err := q.line(rec)
			if err != nil {
				return "", fmt.Errorf("dump: %w", err)
			}
			lines = append(lines, s)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n"), nil
}

func labelString(v any) string {
	ls := strs(v)
	slices.Sort(ls)
	return strings.Join(ls, ":")
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// canonicalJSON renders property maps with sorted keys (encoding/json sorts
// map keys) and lists in stored order.
func canonicalJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}
