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
)

// Stats is what one Load did, counted by source.
type Stats struct {
	Added     int       // sources loaded for the first time
	Replaced  int       // sources whose document changed: old contribution replaced
	Unchanged int       // sources already loaded with the same document: nothing written
	Invalid   []Invalid // documents that could not be loaded at all
	Warnings  int       // parts of documents dropped (each logged)
}

// Invalid is a document Load skipped, and why.
type Invalid struct {
	Source string
	ID     string
	Reason string
}

// Add adds o's counts to s.
func (s *Stats) Add(o Stats) {
	s.Added += o.Added
	s.Replaced += o.Replaced
	s.Unchanged += o.Unchanged
	s.Invalid = append(s.Invalid, o.Invalid...)
	s.Warnings += o.Warnings
}

// Load writes one batch of documents in one transaction: either all of the
// batch (its articles, entities, edges and ledger entries) is committed or
// none of it. Transient errors (deadlocks, leader changes, lost connections)
// are retried by the driver; a retry re-reads the ledger, so a retried or
// re-run batch ends as if it had run once.
//
// A source already in the ledger with the same document is skipped. A source
// whose document changed (new text, metadata or extraction) has its old
// article's contribution removed before the new one is added. When two
// documents in docs have the same source, the later one wins.
func (l *Loader) Load(ctx context.Context, docs []graph.Doc) (Stats, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var st Stats
	if !l.schemaDone.Load() {
		if err := l.Schema(ctx); err != nil {
			return st, err
		}
	}
	mapping := l.provisional(docs)
	if err := l.run.batch(ctx, l, mapping); err != nil {
		return st, err
	}
	bySource := map[string]*prepDoc{}
	for _, d := range docs {
		a, err := prepare(d, mapping)
		if err != nil {
			l.run.mixed = true // its evidence is in the run's, not in the graph
			st.Invalid = append(st.Invalid, Invalid{Source: d.Source, ID: d.ID, Reason: err.Error()})
			l.logger().Warn("document skipped", "source", d.Source, "reason", err.Error())
			continue
		}
		for _, w := range a.warns {
			l.logger().Warn("document part dropped", "source", a.source, "reason", w)
			l.run.mixed = true // the graph keeps less than the run's evidence
		}
		st.Warnings += len(a.warns)
		bySource[a.source] = a
	}
	if len(bySource) == 0 {
		return st, nil
	}
	batch := make([]*prepDoc, 0, len(bySource))
	for _, a := range bySource {
		batch = append(batch, a)
	}
	slices.SortFunc(batch, func(p, q *prepDoc) int { return strings.Compare(p.source, q.source) })

	sess := l.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	start := time.Now()
	var tm *timing
	var written time.Time // when the last attempt's statements were done
	attempts := 0
	w, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (Stats, error) {
		attempts++
		tm = newTiming()
		st, err := write(ctx, txRunner{ctx: ctx, tx: tx, timing: tm, created: map[string]bool{}}, batch, l.cfg.CountBy, l.minConf())
		written = time.Now()
		return st, err
	})
	if err != nil {
		return st, fmt.Errorf("load batch of %d documents (%s .. %s): %w",
			len(batch), batch[0].source, batch[len(batch)-1].source, err)
	}
	st.Add(w)
	if log := l.logger(); log.Enabled(ctx, slog.LevelDebug) {
		tm.add("commit", time.Since(written), 0)
		log.Debug("batch written", append([]any{"docs", len(batch), "added", w.Added,
			"replaced", w.Replaced, "unchanged", w.Unchanged, "attempts", attempts,
			"ms", time.Since(start).Milliseconds()}, tm.attrs()...)...)
	}
	return st, nil
}

type txRunner struct {
	ctx    context.Context
	tx     neo4j.ManagedTransaction
	timing *timing // per-statement wall time of the batch, for the debug log
	// created holds the entities this transaction created (mergeEntities):
	// no relationship of theirs existed before it, so writeEdges does not
	// look for the aggregate edges they end. Nil: none recorded.
	created map[string]bool
}

// timing sums the wall time and rows of each statement of a batch.
type timing struct {
	names []string
	dur   map[string]time.Duration
	rows  map[string]int
}

func newTiming() *timing {
	return &timing{dur: map[string]time.Duration{}, rows: map[string]int{}}
}

func (t *timing) add(name string, d time.Duration, rows int) {
	if _, ok := t.dur[name]; !ok {
		t.names = append(t.names, name)
	}
	t.dur[name] += d
	t.rows[name] += rows
}

// attrs are the timings as log attributes, in the order the statements ran:
// "merge entities=120ms/5321" (wall time/rows).
func (t *timing) attrs() []any {
	out := make([]any, 0, 2*len(t.names))
	for _, n := range t.names {
		out = append(out, slog.String(n, fmt.Sprintf("%dms/%d", t.dur[n].Milliseconds(), t.rows[n])))
	}
	return out
}

// testHookBeforeRun, when set (by tests), is called before each statement of
// a batch and may fail it.
var testHookBeforeRun func(name string) error

func (r txRunner) run(name, q string, params map[string]any) ([]*neo4j.Record, error) {
	if testHookBeforeRun != nil {
		if err := testHookBeforeRun(name); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	res, err := r.tx.Run(r.ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	recs, err := res.Collect(r.ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if r.timing != nil {
		n := 0
		for _, v := range params {
			if xs, ok := v.([]any); ok {
				n += len(xs)
			}
		}
		r.timing.add(name, time.Since(start), n)
	}
	return recs, nil
}

// rowsRun runs q once per chunk of rows, so that no single statement carries
// an unbounded parameter list.
func (r txRunner) rowsRun(name, q string, key string, rows []any) ([]*neo4j.Record, error) {
	return r.rowsRunWith(name, q, key, rows, nil)
}

// rowsRunWith is rowsRun with more parameters.
func (r txRunner) rowsRunWith(name, q string, key string, rows []any, more map[string]any) ([]*neo4j.Record, error) {
	const chunk = 10000
	var all []*neo4j.Record
	for i := 0; i < len(rows); i += chunk {
		params := map[string]any{key: rows[i:min(i+chunk, len(rows))]}
		for k, v := range more {
			params[k] = v
		}
		recs, err := r.run(name, q, params)
		if err != nil {
			return nil, err
		}
		all = append(all, recs...)
	}
	return all, nil
}

// ledgerEntry is an :Ingest node: one source and the document it gave.
type ledgerEntry struct {
	source, article, hash string
	meta                  meta
	doc                   *prepDoc // set when the document is in the current batch
}

// rebase is an article whose text stays but whose representative source
// changed to one that is not in the batch: metadata comes from that source's
// ledger entry, entities and statements stay.
type rebase struct {
	id  string
	rep ledgerEntry
}

func write(ctx context.Context, r txRunner, batch []*prepDoc, countBy CountBy, minConf int) (Stats, error) {
	var st Stats
	if err := lock(r, countBy, minConf); err != nil {
		return st, err
	}

	// 1. The ledger: which sources are new, changed or unchanged.
	sources := make([]any, len(batch))
	for i, a := range batch {
		sources[i] = a.source
	}
	recs, err := r.rowsRun("read ledger", qReadIngest, "sources", sources)
	if err != nil {
		return st, err
	}
	old := map[string]ledgerEntry{}
	for _, rec := range recs {
		e := ledgerEntry{source: str(rec, "source"), article: str(rec, "article"), hash: str(rec, "hash")}
		old[e.source] = e
	}
	moving := map[string]*prepDoc{}
	affected := map[string]bool{}
	for _, a := range batch {
		e, ok := old[a.source]
		switch {
		case ok && e.hash == a.hash:
			st.Unchanged++
			continue
		case ok:
			st.Replaced++
			affected[e.article] = true
		default:
			st.Added++
		}
		moving[a.source] = a
		affected[a.id] = true
	}
	if len(moving) == 0 {
		return st, nil
	}

	// 2. For each affected article (content hash), its sources after this
	// batch; the smallest source is its representative, whose document gives
	// the Article's metadata and contribution. This makes exact duplicates
	// (one text under several sources) count once, independent of order.
	ids := sortedKeys(affected)
	recs, err = r.rowsRun("read articles", qReadArticles, "ids", anys(ids))
	if err != nil {
		return st, err
	}
	newByArticle := map[string][]*prepDoc{}
	for _, a := range moving {
		newByArticle[a.id] = append(newByArticle[a.id], a)
	}
	var (
		removeIDs   []string
		adds        []*prepDoc
		rebases     []*rebase
		storedStory = map[string]string{}
	)
	for _, rec := range recs {
		id := str(rec, "id")
		exists, _ := get1(rec, "exists").(bool)
		curSource, curHash := str(rec, "source"), str(rec, "hash")
		storedStory[id] = str(rec, "story")
		var rep *ledgerEntry
		consider := func(e ledgerEntry) {
			if rep == nil || e.source < rep.source {
				rep = &e
			}
		}
		ingests, _ := get1(rec, "ingests").([]any)
		for _, x := range ingests {
			m, _ := x.(map[string]any)
			e := ledgerFromMap(m)
			if moving[e.source] != nil {
				continue // overwritten by this batch
			}
			e.article = id
			consider(e)
		}
		for _, a := range newByArticle[id] {
			consider(ledgerEntry{source: a.source, article: a.id, hash: a.hash, meta: a.meta, doc: a})
		}
		switch {
		case rep == nil:
			if exists {
				removeIDs = append(removeIDs, id)
			}
		case exists && rep.source == curSource && rep.hash == curHash:
			// Representative unchanged: the article stays as it is.
		case rep.doc != nil:
			if exists {
				removeIDs = append(removeIDs, id)
			}
			adds = append(adds, rep.doc)
		case exists:
			rebases = append(rebases, &rebase{id: id, rep: *rep})
		default:
			return st, fmt.Errorf("ledger inconsistent: article %s has sources but no node and no document in this batch", id)
		}
	}
	slices.Sort(removeIDs)
	slices.SortFunc(adds, func(p, q *prepDoc) int { return strings.Compare(p.id, q.id) })
	slices.SortFunc(rebases, func(p, q *rebase) int { return strings.Compare(p.id, q.id) })

	// 3. The counting units these articles leave and join, with their
	// members' contributions as stored (read back from their MENTIONS and
	// Statements); then what each unit holds after the batch.
	rc := newRecount(countBy, minConf)
	var units []string
	for _, id := range removeIDs {
		units = append(units, countBy.unit(id, storedStory[id]))
	}
	for _, rb := range rebases {
		units = append(units, countBy.unit(rb.id, storedStory[rb.id]), countBy.unit(rb.id, rb.rep.meta.Story))
	}
	for _, a := range adds {
		units = append(units, countBy.unit(a.id, a.meta.Story))
	}
	if err := rc.read(r, units); err != nil {
		return st, err
	}
	touchedSet := map[string]bool{}
	for _, id := range removeIDs {
		c, _ := rc.stored(id)
		for _, e := range c.ents {
			touchedSet[e.id] = true
		}
		rc.drop(id)
	}
	for _, rb := range rebases {
		c, _ := rc.stored(rb.id)
		c.published = rb.rep.meta.Published
		rc.drop(rb.id)
		if err := rc.put(countBy.unit(rb.id, rb.rep.meta.Story), rb.id, c); err != nil {
			return st, err
		}
	}
	for _, a := range adds {
		if err := rc.put(countBy.unit(a.id, a.meta.Story), a.id, a.contrib()); err != nil {
			return st, err
		}
	}
	ds := rc.deltas()
	touched := sortedKeys(touchedSet)

	// 4. Writes: removals, ledger, nodes, then relationships, each sorted.
	if len(removeIDs) > 0 {
		if _, err := r.rowsRun("delete statements", qDeleteStatements, "ids", anys(removeIDs)); err != nil {
			return st, err
		}
		if _, err := r.rowsRun("delete articles", qDeleteArticles, "ids", anys(removeIDs)); err != nil {
			return st, err
		}
	}
	var ingestRows []any
	for _, s := range sortedKeys(moving) {
		a := moving[s]
		ingestRows = append(ingestRows, ingestProps(a))
	}
	if _, err := r.rowsRun("write ledger", qUpsertIngest, "rows", ingestRows); err != nil {
		return st, err
	}
	// Nodes return their element ids, by which the relationships below
	// find them without an index seek.
	eids, err := mergeEntities(r, entityRows(adds))
	if err != nil {
		return st, err
	}
	var artRows, rebaseRows []any
	for _, a := range adds {
		props := articleProps(a.id, ledgerEntry{source: a.source, hash: a.hash, meta: a.meta})
		props["local"] = a.local.encode()
		artRows = append(artRows, map[string]any{"props": props})
	}
	for _, rb := range rebases {
		rebaseRows = append(rebaseRows, map[string]any{"id": rb.id, "props": articleProps(rb.id, rb.rep)})
	}
	// Added articles do not exist (new, or deleted above): CREATE.
	recs, err = r.rowsRun("create articles", qCreateArticles, "rows", artRows)
	if err != nil {
		return st, err
	}
	aids := make(map[string]string, len(recs))
	for _, rec := range recs {
		aids[str(rec, "id")] = str(rec, "eid")
	}
	if _, err := r.rowsRun("update articles", qUpdateArticles, "rows", rebaseRows); err != nil {
		return st, err
	}
	var mentionRows, stmtRows []any
	for _, a := range adds {
		for _, e := range a.ents {
			mentionRows = append(mentionRows, map[string]any{"a": aids[a.id], "e": eids[e.id], "props": mentionProps(e)})
		}
		for _, s := range a.stmts {
			links := make([]any, 0, 1+len(s.about))
			if s.by != "" {
				links = append(links, map[string]any{"e": eids[s.by], "by": true})
			}
			for _, t := range s.about {
				links = append(links, map[string]any{"e": eids[t], "by": false})
			}
			stmtRows = append(stmtRows, map[string]any{"a": aids[a.id], "props": statementProps(s), "links": links, "weak": s.conf < minConf})
		}
	}
	// Statements of added articles are new too (their ids contain the
	// article id): created with their IN, BY and ABOUT in one statement.
	for _, q := range []struct {
		name, q string
		rows    []any
	}{
		{"create mentions", qCreateMentions, mentionRows},
		{"create statements", qCreateStatements, stmtRows},
	} {
		if _, err := r.rowsRun(q.name, q.q, "rows", q.rows); err != nil {
			return st, err
		}
	}

	// 5. Aggregate edges, then dates that a removal may have moved.
	if err := writeCounts(r, ds, eids); err != nil {
		return st, err
	}

	// 6. Entities that lost a mention: delete those no article mentions,
	// recompute the others' names, aliases, roles and labels.
	if len(touched) > 0 {
		t := anys(touched)
		if _, err := r.rowsRun("delete orphan entities", qDeleteOrphans, "ids", t); err != nil {
			return st, err
		}
		if _, err := r.rowsRun("recompute entities", qRecomputeEntities, "ids", t); err != nil {
			return st, err
		}
	}
	return st, nil
}

// lock takes the ingest lock and checks (or, on a database without
// articles, sets) the database's counting rule and said-about threshold
// (minConf, in thousandths).
func lock(r txRunner, countBy CountBy, minConf int) error {
	recs, err := r.run("lock", qLock, nil)
	if err != nil {
		return err
	}
	stored := ""
	storedMin, hasMin := 0.0, false
	if len(recs) > 0 {
		stored = str(recs[0], "count_by")
		storedMin, hasMin = get1(recs[0], "min_confidence").(float64)
	}
	sameMin := hasMin && thousandths(storedMin) == minConf
	if stored == countBy.String() && sameMin {
		return nil
	}
	arts, err := r.run("any article", qAnyArticle, nil)
	if err != nil {
		return err
	}
	if len(arts) > 0 && stored != countBy.String() && (stored != "" || countBy != CountByCopy) {
		if stored == "" {
			stored = CountByCopy.String() // databases loaded before the setting existed
		}
		return fmt.Errorf("%w: the database counts co-mentions and statements per %s, not per %s; load into an empty database to switch",
			ErrCountBy, stored, countBy)
	}
	if len(arts) > 0 && !sameMin {
		if !hasMin {
			return fmt.Errorf("%w: the database was loaded before statements had confidences (its SAID_ABOUT edges count every statement); load into an empty database",
				ErrMinConfidence)
		}
		return fmt.Errorf("%w: the database's SAID_ABOUT edges count statements of confidence %.3g or more, not %.3g; load with --min-confidence %.3g, or into an empty database to switch",
			ErrMinConfidence, storedMin, float64(minConf)/1000, storedMin)
	}
	_, err = r.run("set count-by", qSetCountBy, map[string]any{"mode": countBy.String(), "min": float64(minConf) / 1000})
	return err
}

// writeEdges applies the net deltas of one aggregate edge type: it reads the
// edges by key, computes their new values, updates, creates and deletes them,
// and recomputes the dates of those whose boundary date was removed.
//
// eids maps entity ids to element ids; the ends of created edges missing
// from it are looked up.
//
// minConf is the database's MinConfidence: recomputed SAID_ABOUT dates come
// from the statements at or above it.
func writeEdges(r txRunner, q edgeQueries, deltas []pairDelta, eids map[string]string, minConf int) error {
	if len(deltas) == 0 {
		return nil
	}
	keys := make([]any, len(deltas))
	var read []any // the keys of edges that may exist
	for i, d := range deltas {
		keys[i] = edgeKey(d.pair)
		if !r.created[d.a] && !r.created[d.b] {
			read = append(read, keys[i])
		}
	}
	recs, err := r.rowsRun("read "+q.typ, q.read, "keys", read)
	if err != nil {
		return err
	}
	cur := make(map[string]edgeState, len(recs))
	ids := make(map[string]string, len(recs))
	for _, rec := range recs {
		n, _ := get1(rec, "n").(int64)
		s, _ := get1(rec, "s").(int64)
		ids[str(rec, "k")] = str(rec, "id")
		cf, _ := get1(rec, "cf").(float64)
		cur[str(rec, "k")] = edgeState{n: int(n), sentences: int(s), conf: thousandths(cf), first: str(rec, "f"), last: str(rec, "l")}
	}
	var updates, creates, deletes, stale []any
	for i, d := range deltas {
		k := keys[i].(string)
		old, exists := cur[k]
		next, again := applyDelta(old, exists, d.delta)
		row := map[string]any{"k": k, "n": next.n, "s": next.sentences, "cf": float64(next.conf) / 1000,
			"f": nullIfEmpty(next.first), "l": nullIfEmpty(next.last)}
		switch {
		case next.n <= 0:
			if exists {
				deletes = append(deletes, ids[k])
			}
			continue
		case exists:
			row["id"] = ids[k]
			updates = append(updates, row)
		default:
			row["a"], row["b"] = d.a, d.b
			creates = append(creates, row)
		}
		if again {
			stale = append(stale, k)
		}
	}
	if err := endElementIDs(r, creates, eids); err != nil {
		return err
	}
	var more map[string]any
	if len(stale) > 0 {
		more = map[string]any{"minConfidence": float64(minConf) / 1000}
	}
	for _, w := range []struct {
		name, q, key string
		rows         []any
	}{
		{"delete " + q.typ, q.del, "ids", deletes},
		{"update " + q.typ, q.update, "rows", updates},
		{"create " + q.typ, q.create, "rows", creates},
		{"dates " + q.typ, q.dates, "keys", stale},
	} {
		if _, err := r.rowsRunWith(w.name, w.q, w.key, w.rows, more); err != nil {
			return err
		}
	}
	return nil
}

// endElementIDs sets "ea" and "eb", the element ids of the ends "a" and "b",
// on each row, looking up those not in eids.
func endElementIDs(r txRunner, rows []any, eids map[string]string) error {
	missing := map[string]bool{}
	for _, x := range rows {
		row := x.(map[string]any)
		for _, k := range []string{"a", "b"} {
			if _, ok := eids[row[k].(string)]; !ok {
				missing[row[k].(string)] = true
			}
		}
	}
	if len(missing) > 0 {
		recs, err := r.rowsRun("entity element ids", qEntityElementIDs, "ids", anys(sortedKeys(missing)))
		if err != nil {
			return err
		}
		for _, rec := range recs {
			eids[str(rec, "id")] = str(rec, "eid")
		}
	}
	for _, x := range rows {
		row := x.(map[string]any)
		ea, oka := eids[row["a"].(string)]
		eb, okb := eids[row["b"].(string)]
		if !oka || !okb {
			return fmt.Errorf("edge %s -> %s: an end entity is not in the graph", row["a"], row["b"])
		}
		row["ea"], row["eb"] = ea, eb
	}
	return nil
}

// readContribs reads what stored articles contribute, from their MENTIONS
// and Statements; published gives their dates.
func readContribs(r txRunner, ids []string, published map[string]string) (map[string]contrib, error) {
	out := map[string]contrib{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := r.rowsRun("read mentions", qReadMentions, "ids", anys(ids))
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		id, ent := str(rec, "id"), str(rec, "entity")
		c := out[id]
		c.published = published[id]
		n, _ := get1(rec, "count").(int64)
		c.ents = append(c.ents, entSentences{id: ent, count: int(n), sentences: ints(get1(rec, "sentences"))})
		out[id] = c
	}
	recs, err = r.rowsRun("read statements", qReadSaid, "ids", anys(ids))
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		id := str(rec, "id")
		c := out[id]
		c.published = published[id]
		about := strs(get1(rec, "about"))
		slices.Sort(about)
		cf, _ := get1(rec, "confidence").(float64)
		c.said = append(c.said, said{id: str(rec, "statement"), text: str(rec, "text"),
			by: str(rec, "by"), about: slices.Compact(about), conf: thousandths(cf)})
		out[id] = c
	}
	for id, c := range out {
		slices.SortFunc(c.ents, func(p, q entSentences) int { return strings.Compare(p.id, q.id) })
		out[id] = c
	}
	return out, nil
}

func articleProps(id string, e ledgerEntry) map[string]any {
	p := map[string]any{"id": id, "source": e.source, "hash": e.hash}
	setNonEmpty(p, "url", e.meta.URL)
	setNonEmpty(p, "title", e.meta.Title)
	setNonEmpty(p, "published", e.meta.Published)
	setNonEmpty(p, "publisher", e.meta.Publisher)
	setNonEmpty(p, "credit", e.meta.Credit)
	setNonEmpty(p, "story", e.meta.Story)
	return p
}

func ingestProps(a *prepDoc) map[string]any {
	p := articleProps(a.id, ledgerEntry{source: a.source, hash: a.hash, meta: a.meta})
	delete(p, "id")
	p["article"] = a.id
	return p
}

func ledgerFromMap(m map[string]any) ledgerEntry {
	s := func(k string) string { v, _ := m[k].(string); return v }
	return ledgerEntry{source: s("source"), hash: s("hash"), meta: meta{
		URL: s("url"), Title: s("title"), Published: s("published"),
		Publisher: s("publisher"), Credit: s("credit"), Story: s("story"),
	}}
}

func statementProps(s statement) map[string]any {
	p := map[string]any{
		"id": s.id, "direct": s.direct,
		"start": s.start, "end": s.end, "cue_start": s.cueStart, "cue_end": s.cueEnd,
	}
	setNonEmpty(p, "text", s.text)
	setNonEmpty(p, "cue", s.cue)
	setNonEmpty(p, "source_text", s.sourceText)
	setNonEmpty(p, "kind", s.kind)
	p["confidence"] = float64(s.conf) / 1000
	return p
}

// mentionProps are the properties of a MENTIONS relationship. Like every
// list property the loader writes, an empty list is left out (absent, not
// []), as neo4j-admin import does with an empty CSV field.
func mentionProps(e entity) map[string]any {
	p := map[string]any{"count": e.count, "name": e.name, "type": e.typ}
	setNonEmptyList(p, "keys", e.keys)
	setNonEmptyList(p, "sentences", e.sentences)
	setNonEmptyList(p, "aliases", e.aliases)
	setNonEmptyList(p, "roles", e.roles)
	return p
}

func setNonEmptyList[T any](p map[string]any, k string, v []T) {
	if len(v) > 0 {
		p[k] = v
	}
}

func setNonEmpty(p map[string]any, k, v string) {
	if v != "" {
		p[k] = v
	}
}

func str(rec *neo4j.Record, key string) string {
	v, _ := rec.Get(key)
	s, _ := v.(string)
	return s
}

func get1(rec *neo4j.Record, key string) any {
	v, _ := rec.Get(key)
	return v
}

func ints(v any) []int {
	xs, _ := v.([]any)
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		if n, ok := x.(int64); ok {
			out = append(out, int(n))
		}
	}
	return out
}

func strs(v any) []string {
	xs, _ := v.([]any)
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func anys(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
