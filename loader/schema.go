package loader

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// SchemaStatements are the constraints and indexes Schema creates, in order.
// Each is idempotent (IF NOT EXISTS).
var SchemaStatements = []string{
	"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
	"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
	"CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE",
	"CREATE CONSTRAINT ingest_source IF NOT EXISTS FOR (i:Ingest) REQUIRE i.source IS UNIQUE",
	"CREATE CONSTRAINT ingest_lock_id IF NOT EXISTS FOR (l:IngestLock) REQUIRE l.id IS UNIQUE",
	"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases]",
	"CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
	"CREATE INDEX person_id IF NOT EXISTS FOR (e:Person) ON (e.id)",
	"CREATE INDEX organization_id IF NOT EXISTS FOR (e:Organization) ON (e.id)",
	"CREATE INDEX location_id IF NOT EXISTS FOR (e:Location) ON (e.id)",
	"CREATE INDEX article_source IF NOT EXISTS FOR (a:Article) ON (a.source)",
	"CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)",
	"CREATE INDEX article_story IF NOT EXISTS FOR (a:Article) ON (a.story)",
	"CREATE INDEX ingest_article IF NOT EXISTS FOR (i:Ingest) ON (i.article)",
	"CREATE CONSTRAINT co_mentioned_key IF NOT EXISTS FOR ()-[r:CO_MENTIONED_WITH]-() REQUIRE r.key IS UNIQUE",
	"CREATE CONSTRAINT said_about_key IF NOT EXISTS FOR ()-[r:SAID_ABOUT]-() REQUIRE r.key IS UNIQUE",
}

// Schema creates the constraints and indexes (idempotently) and waits until
// they are online.
func (l *Loader) Schema(ctx context.Context) error {
	for _, q := range SchemaStatements {
		if _, err := neo4j.ExecuteQuery(ctx, l.driver, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(l.cfg.Database)); err != nil {
			return fmt.Errorf("schema: %s: %w", q, err)
		}
	}
	if _, err := neo4j.ExecuteQuery(ctx, l.driver, "CALL db.awaitIndexes(300)", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(l.cfg.Database)); err != nil {
		return fmt.Errorf("schema: wait for indexes: %w", err)
	}
	l.schemaDone.Store(true)
	return nil
}
