package loader

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// StoryUpdate sets one stored article's story and, when Signature is not
// empty, its story signature (story.Signature.String). pipeline.StoryUpdate
// is this type.
type StoryUpdate struct {
	ID, Story, Signature string
}

// storyChunk is the number of StoryUpdates written per transaction.
const storyChunk = 5000

const (
	qStorySignatures = `
MATCH (a:Article) WHERE a.story_sig IS NOT NULL
RETURN a.id AS id, a.story_sig AS sig`

	// qSetStories sets the story (and signature) of stored articles and
	// the story of their ledger entries. Ids not stored match nothing.
	qSetStories = `
UNWIND $rows AS r
MATCH (a:Article {id: r.id})
SET a.story = r.story, a.story_sig = coalesce(r.sig, a.story_sig)
WITH a, r
OPTIONAL MATCH (i:Ingest {article: r.id}) USING INDEX i:Ingest(article)
FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | SET i.story = r.story)`
)

// StorySignatures calls fn with the id and story signature of every stored
// article that has one (pipeline.StoryStore), streaming them.
func (l *Loader) StorySignatures(ctx context.Context, fn func(id, signature string) error) error {
	sess := l.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(ctx))
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, qStorySignatures, nil)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			rec := res.Record()
			if err := fn(str(rec, "id"), str(rec, "sig")); err != nil {
				return nil, err
			}
		}
		return nil, res.Err()
	})
	if err != nil {
		return fmt.Errorf("read story signatures: %w", err)
	}
	return nil
}

// SetStories sets the story and, when Signature is not empty, the story
// signature of stored articles, and the story of their ledger entries
// (pipeline.StoryStore). Ids that are not stored are ignored. It writes in
// the ingest lock, rows sorted by id, storyChunk rows per transaction; the
// story is not part of a document's hash, so a moved story does not make
// its source count as changed on the next ingest.
func (l *Loader) SetStories(ctx context.Context, updates []StoryUpdate) error {
	if len(updates) == 0 {
		return nil
	}
	byID := make(map[string]StoryUpdate, len(updates))
	for _, u := range updates {
		if old, ok := byID[u.ID]; ok && u.Signature == "" {
			u.Signature = old.Signature // a later story change keeps the signature
		}
		byID[u.ID] = u
	}
	ids := sortedKeys(byID)
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.schemaDone.Load() {
		if err := l.Schema(ctx); err != nil {
			return err
		}
	}
	sess := l.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	for i := 0; i < len(ids); i += storyChunk {
		chunk := ids[i:min(i+storyChunk, len(ids))]
		rows := make([]any, len(chunk))
		for j, id := range chunk {
			u := byID[id]
			row := map[string]any{"id": id, "story": u.Story, "sig": nil}
			if u.Signature != "" {
				row["sig"] = u.Signature
			}
			rows[j] = row
		}
		_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			r := txRunner{ctx: ctx, tx: tx}
			if err := lock(r, l.cfg.CountBy, l.minConf()); err != nil {
				return struct{}{}, err
			}
			if l.cfg.CountBy != CountByStory {
				_, err := r.run("set stories", qSetStories, map[string]any{"rows": rows})
				return struct{}{}, err
			}
			// The stories before, then the new ones, then the counts (whose
			// recomputed dates come from the articles that count now).
			before, err := r.rowsRun("read stories", qReadStories, "ids", anys(chunk))
			if err != nil {
				return struct{}{}, err
			}
			if _, err := r.run("set stories", qSetStories, map[string]any{"rows": rows}); err != nil {
				return struct{}{}, err
			}
			return struct{}{}, moveStoryCounts(r, before, byID, l.minConf())
		})
		if err != nil {
			return fmt.Errorf("set stories of %d articles (%s .. %s): %w",
				len(chunk), chunk[0], chunk[len(chunk)-1], err)
		}
	}
	return nil
}

// moveStoryCounts keeps the aggregate edges right under CountByStory when
// stories move: an article that stops being its story's representative
// takes its contribution back (read from its MENTIONS and Statements, as a
// replacement does), one that becomes it adds its own.
func moveStoryCounts(r txRunner, recs []*neo4j.Record, byID map[string]StoryUpdate, minConf int) error {
	var flips []string
	sign := map[string]int{}
	for _, rec := range recs {
		id := str(rec, "id")
		was, is := CountByStory.counts(id, str(rec, "story")), CountByStory.counts(id, byID[id].Story)
		switch {
		case was && !is:
			sign[id] = -1
		case is && !was:
			sign[id] = +1
		default:
			continue
		}
		flips = append(flips, id)
	}
	if len(flips) == 0 {
		return nil
	}
	contribs, _, err := readContribs(r, nil, flips, recs)
	if err != nil {
		return err
	}
	ds := newDeltas(minConf)
	for _, id := range flips {
		ds.apply(contribs[id], sign[id])
	}
	eids := map[string]string{}
	for _, agg := range []struct {
		q edgeQueries
		m map[pair]*delta
	}{{coQueries, ds.co}, {saidQueries, ds.said}} {
		if err := writeEdges(r, agg.q, rows(agg.m), eids, CountByStory, minConf); err != nil {
			return err
		}
	}
	return nil
}
