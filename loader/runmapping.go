package loader

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/resolve"
)

// runMapping lets Resolve skip reading the whole graph after a run that
// already knew the answer. A two-pass ingest or load foresees every
// document before its first batch (Loader.Foresee), so every batch is
// mapped with one Mapping made from the evidence of all of them. When, in
// addition, the database held no article before the run and holds exactly
// the run's articles at its end, that Mapping is the one Resolve would make
// from the graph's Article.local properties (the same evidence, and a
// Table's result does not depend on the order it was given it), and no
// article can have been mapped with another: Resolve then takes it, and
// reads neither every article's local nor every MENTIONS (on Reuters, a
// few seconds of a first load). Anything else (a database with articles, a
// batch mapped before all the evidence was in, a document foreseen but not
// loaded, a document loaded without some of its parts, another loader
// writing meanwhile) leaves Resolve to read the graph, as it always may.
type runMapping struct {
	fresh int8             // 1: no article before the run's first batch; -1: some
	used  *resolve.Mapping // the mapping of the run's first batch
	mixed bool             // a later batch was mapped with another one
}

const qCountArticles = `MATCH (a:Article) RETURN count(a) AS n`

// batch records the mapping one batch is loaded with (nil without a Namer)
// and, before the run's first batch, whether the database holds articles.
func (r *runMapping) batch(ctx context.Context, l *Loader, m *resolve.Mapping) error {
	if m == nil {
		return nil
	}
	if r.fresh == 0 {
		n, err := l.countArticles(ctx)
		if err != nil {
			return err
		}
		r.fresh = -1
		if n == 0 {
			r.fresh = 1
		}
	}
	switch {
	case r.used == nil:
		r.used = m
	case r.used != m:
		r.mixed = true
	}
	return nil
}

// whole returns the run's mapping when it is the whole graph's (see
// runMapping), else nil.
func (r *runMapping) whole(ctx context.Context, l *Loader) (*resolve.Mapping, error) {
	if r.fresh != 1 || r.mixed || r.used == nil || r.used != l.mapping ||
		l.table == nil || l.table.Len() != l.mappedKeys || l.tabled[""] {
		return nil, nil
	}
	n, err := l.countArticles(ctx)
	if err != nil {
		return nil, err
	}
	if n != int64(len(l.tabled)) {
		return nil, nil
	}
	return r.used, nil
}

// countArticles counts the database's articles.
func (l *Loader) countArticles(ctx context.Context) (int64, error) {
	res, err := neo4j.ExecuteQuery(ctx, l.driver, qCountArticles, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(l.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	n, _ := res.Records[0].Get("n")
	c, _ := n.(int64)
	return c, nil
}
