package loader

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/resolve"
)

// prepDoc is one graph.Doc normalised for loading: entities merged by id and
// sorted, mention sentences deduplicated, attributions turned into statements
// whose speaker and targets are entities of the same article.
type prepDoc struct {
	id     string
	source string
	hash   string // fingerprint of the whole normalised Doc (metadata and extraction)
	meta   meta
	ents   []entity    // sorted by id: the article's entities under the corpus mapping
	stmts  []statement // sorted by id, speaker and targets as corpus ids
	local  local       // the article's own entities and statements, by key
	warns  []string    // what normalisation dropped
}

// meta is the Article metadata one source gives.
type meta struct {
	URL, Title, Published, Publisher, Credit, Story string
}

type entity struct {
	id, typ, name  string
	aliases, roles []string // sorted, distinct
	count          int      // number of mentions in the article
	sentences      []int    // sorted, distinct sentence indexes
	keys           []string // the article's keys that make this entity, sorted
}

type statement struct {
	id                    string
	text, cue, sourceText string
	direct                bool
	start, end            int
	cueStart, cueEnd      int
	by                    string   // "" when the speaker is not a named entity
	about                 []string // sorted, distinct, without the speaker
	conf                  int      // confidence in thousandths (1000 when the document gives none)
	kind                  string   // speech, stance, other; "" when the document gives none
}

// entityTypes maps the contract's entity types to the fixed Neo4j labels.
var entityTypes = map[string]string{
	graph.Person:       "Person",
	graph.Organization: "Organization",
	graph.Location:     "Location",
}

// prepare validates and normalises d. It fails only when d cannot be loaded
// at all (no id or no source); smaller problems are dropped and reported in
// article.warns.
func prepare(d graph.Doc, m *resolve.Mapping) (*prepDoc, error) {
	if strings.TrimSpace(d.ID) == "" {
		return nil, fmt.Errorf("doc from %q has no id", d.Source)
	}
	if strings.TrimSpace(d.Source) == "" {
		return nil, fmt.Errorf("doc %s has no source", d.ID)
	}
	a := &prepDoc{
		id:     d.ID,
		source: d.Source,
		meta: meta{URL: d.URL, Title: d.Title, Published: d.Published,
			Publisher: d.Publisher, Credit: d.Credit, Story: d.Story},
	}
	// The article's own entities, by key (Entity.Key, or the id when the
	// document has no keys); a document whose ids join several keys
	// (extract output after corpus resolution) refers to the smallest key
	// of an id in its statements.
	byID := map[string]*entity{}
	keyOf := map[string]string{}
	for _, e := range d.Entities {
		if e.ID == "" {
			a.warns = append(a.warns, fmt.Sprintf("entity %q without id dropped", e.Name))
			continue
		}
		if _, ok := entityTypes[e.Type]; !ok {
			a.warns = append(a.warns, fmt.Sprintf("entity %q of unknown type %q dropped", e.ID, e.Type))
			continue
		}
		key := e.Key
		if key == "" {
			key = e.ID
		}
		if k, ok := keyOf[e.ID]; !ok || key < k {
			keyOf[e.ID] = key
		}
		x := byID[key]
		if x == nil {
			x = &entity{id: key, typ: e.Type}
			byID[key] = x
		} else if e.Type < x.typ {
			// One id with two types in one article: keep one, deterministically.
			x.typ = e.Type
		}
		x.name = betterName(x.name, e.Name)
		x.aliases = append(x.aliases, e.Aliases...)
		x.aliases = append(x.aliases, e.Name) // the name is dropped below; a losing one stays
		x.roles = append(x.roles, e.Roles...)
		x.count += len(e.Mentions)
		for _, m := range e.Mentions {
			x.sentences = append(x.sentences, m.Sentence)
		}
	}
	for _, x := range byID {
		if x.name == "" {
			x.name = x.id
		}
		x.aliases = aliasesWithout(x.aliases, x.name)
		x.roles = distinctStrings(x.roles)
		slices.Sort(x.sentences)
		x.sentences = slices.Compact(x.sentences)
		if x.sentences == nil {
			x.sentences = []int{}
		}
		a.ents = append(a.ents, *x)
	}
	slices.SortFunc(a.ents, func(p, q entity) int { return strings.Compare(p.id, q.id) })

	seen := map[string]bool{}
	for _, at := range d.Attributions {
		s := statement{
			text: foldSpace(at.Content.Text), cue: foldSpace(at.Cue.Text), sourceText: foldSpace(at.Source.Text),
			direct: at.Direct, start: at.Content.Start, end: at.Content.End,
			cueStart: at.Cue.Start, cueEnd: at.Cue.End, conf: 1000, kind: strings.TrimSpace(at.Kind),
		}
		if at.Confidence != nil {
			s.conf = min(max(thousandths(*at.Confidence), 0), 1000)
		}
		s.id = statementID(d.ID, at.Source.Start, at.Source.End, s)
		if seen[s.id] {
			continue
		}
		seen[s.id] = true
		if at.Speaker != nil && *at.Speaker != "" {
			if k := at.SpeakerKey; k != "" && byID[k] != nil {
				s.by = k
			} else if k, ok := keyOf[*at.Speaker]; ok {
				s.by = k
			} else {
				a.warns = append(a.warns, fmt.Sprintf("statement %s: speaker %q is not an entity of the article; kept without speaker", s.id, *at.Speaker))
			}
		}
		targets, byKey := at.Targets, false
		if len(at.TargetKeys) > 0 {
			targets, byKey = at.TargetKeys, true
		}
		for _, t := range targets {
			k, ok := keyOf[t]
			if byKey {
				k, ok = t, byID[t] != nil
			}
			switch {
			case !ok:
				a.warns = append(a.warns, fmt.Sprintf("statement %s: target %q is not an entity of the article; dropped", s.id, t))
			case k == s.by:
			default:
				s.about = append(s.about, k)
			}
		}
		s.about = distinctStrings(s.about)
		a.stmts = append(a.stmts, s)
	}
	slices.SortFunc(a.stmts, func(p, q statement) int { return strings.Compare(p.id, q.id) })
	// The fingerprint is of the article's own entities (by key): a new
	// corpus mapping does not make a source count as changed.
	a.local = local{ents: a.ents, stmts: a.stmts, not: d.NotEntities}
	a.hash = a.fingerprint()
	a.ents, a.stmts = a.local.resolved(m)
	return a, nil
}

// statementID is deterministic: the article id and the source, cue and
// content offsets. The source is part of it because a coordinated subject
// ("Kyiv and Bucharest blame ...") gives one statement per speaker with the
// same cue and content.
func statementID(articleID string, srcStart, srcEnd int, s statement) string {
	return fmt.Sprintf("%s:%d-%d:%d-%d:%d-%d", articleID, srcStart, srcEnd, s.cueStart, s.cueEnd, s.start, s.end)
}

// betterName picks one of two names for the same entity so that the result
// does not depend on the order in which they are seen: the longer one (in
// characters), and of two equally long the smaller. Cypher applies the same
// rule (see entityNameExpr), counting UTF-16 units as Neo4j does; the two
// agree except for names outside the Basic Multilingual Plane.
func betterName(cur, n string) string {
	switch {
	case n == "":
		return cur
	case cur == "":
		return n
	}
	lc, ln := utf16Len(cur), utf16Len(n)
	if ln > lc || (ln == lc && n < cur) {
		return n
	}
	return cur
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// aliasesWithout returns the distinct sorted aliases without name: every
// alias and every other name an entity was given.
func aliasesWithout(aliases []string, name string) []string {
	out := distinctStrings(aliases)
	if i, ok := slices.BinarySearch(out, strings.TrimSpace(name)); ok {
		out = slices.Delete(out, i, i+1)
	}
	return out
}

func distinctStrings(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fingerprint hashes everything the article contributes to the graph, so that
// re-ingesting the same source with the same fingerprint is a no-op and any
// change (text, metadata, or a better extractor) replaces the old contribution.
func (a *prepDoc) fingerprint() string {
	type ent struct {
		ID, Type, Name string
		Aliases, Roles []string
		Count          int
		Sentences      []int
	}
	type stmt struct {
		ID, Text, Cue, Source string
		Direct                bool
		By                    string
		About                 []string
		Confidence            int    `json:",omitempty"` // absent: 1000, as before confidences
		Kind                  string `json:",omitempty"`
	}
	v := struct {
		ID    string
		Meta  meta
		Ents  []ent
		Stmts []stmt
		Not   []graph.NotEntity `json:",omitempty"`
	}{ID: a.id, Meta: a.meta, Not: a.local.not}
	// The story is derived from other articles, not from this document: a
	// story moved by a later article (Loader.SetStories) must not make the
	// source count as changed.
	v.Meta.Story = ""
	for _, e := range a.ents {
		v.Ents = append(v.Ents, ent{e.id, e.typ, e.name, e.aliases, e.roles, e.count, e.sentences})
	}
	for _, s := range a.stmts {
		c := s.conf
		if c == 1000 {
			c = 0 // the fingerprint of a document without confidences stays what it was
		}
		v.Stmts = append(v.Stmts, stmt{s.id, s.text, s.cue, s.sourceText, s.direct, s.by, s.about, c, s.kind})
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("loader: fingerprint: %v", err)) // plain strings and ints cannot fail
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// contrib is what one article adds to the aggregate edges: its date, its
// entities with their mention counts and the sentences they occur in, and its
// statements' speakers and targets. It is computed from a Doc when an article
// is added and read back from the article's MENTIONS and Statements when it
// is removed, and both go through the same pair arithmetic, so a removal
// subtracts exactly what the addition added.
type contrib struct {
	published string
	ents      []entSentences // sorted by id
	said      []said         // every statement; by is "" when it has no speaker
}

type entSentences struct {
	id        string
	count     int   // mentions in the article (MENTIONS.count)
	sentences []int // sorted, distinct
}

type said struct {
	by    string
	about []string
	conf  int // thousandths
}

func (a *prepDoc) contrib() contrib {
	c := contrib{published: a.meta.Published}
	for _, e := range a.ents {
		c.ents = append(c.ents, entSentences{e.id, e.count, e.sentences})
	}
	for _, s := range a.stmts {
		c.said = append(c.said, said{s.by, s.about, s.conf})
	}
	return c
}

// pairLimit is graph.MaxCoMentionEntities; integration tests lower it to
// load list-like articles in seconds rather than minutes.
var pairLimit = graph.MaxCoMentionEntities

// pairEntities returns the entities of c that form CO_MENTIONED_WITH pairs:
// all of them, or, for an article with more than
// graph.MaxCoMentionEntities, that many of the most central: the speakers
// and targets of its statements first, then the most mentioned, then the
// earliest (by first sentence), then by id. Everything it looks at is stored
// with the article (MENTIONS count and sentences, Statement BY and ABOUT), so
// removing an article chooses the same entities its addition chose. The
// result stays sorted by id.
func pairEntities(c contrib) []entSentences {
	limit := pairLimit
	if len(c.ents) <= limit {
		return c.ents
	}
	quoted := map[string]bool{}
	for _, s := range c.said {
		if s.by != "" {
			quoted[s.by] = true
		}
		for _, t := range s.about {
			quoted[t] = true
		}
	}
	first := func(e *entSentences) int {
		if len(e.sentences) == 0 {
			return int(^uint(0) >> 1)
		}
		return e.sentences[0]
	}
	order := make([]int, len(c.ents))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &c.ents[i], &c.ents[j]
		if qa, qb := quoted[a.id], quoted[b.id]; qa != qb {
			if qa {
				return -1
			}
			return 1
		}
		if d := cmp.Compare(b.count, a.count); d != 0 {
			return d
		}
		if d := cmp.Compare(first(a), first(b)); d != 0 {
			return d
		}
		return strings.Compare(a.id, b.id)
	})
	order = order[:limit]
	slices.Sort(order)
	out := make([]entSentences, len(order))
	for k, i := range order {
		out[k] = c.ents[i]
	}
	return out
}

// pair is an unordered entity pair for CO_MENTIONED_WITH (a < b) or an
// ordered one for SAID_ABOUT (a said about b).
type pair struct{ a, b string }

// delta is the net change of one aggregate edge within a batch.
type delta struct {
	n         int // articles (co-mention) or statements (said-about)
	sentences int // co-mention only
	conf      int // said-about only: the statements' confidences summed, in thousandths
	// Dates of added and removed contributions; "" when none.
	addMin, addMax string
	rmMin, rmMax   string
}

func (d *delta) date(pub string, sign int) {
	if pub == "" {
		return
	}
	if sign > 0 {
		d.addMin, d.addMax = minDate(d.addMin, pub), maxDate(d.addMax, pub)
	} else {
		d.rmMin, d.rmMax = minDate(d.rmMin, pub), maxDate(d.rmMax, pub)
	}
}

func minDate(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

func maxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
}

// deltas accumulates the net changes of a batch to the aggregate edges.
// Statements below min (the database's MinConfidence, in thousandths) make
// no said-about edge.
type deltas struct {
	co   map[pair]*delta
	said map[pair]*delta
	min  int
}

func newDeltas(min int) *deltas {
	return &deltas{co: map[pair]*delta{}, said: map[pair]*delta{}, min: min}
}

func get(m map[pair]*delta, p pair) *delta {
	d := m[p]
	if d == nil {
		d = &delta{}
		m[p] = d
	}
	return d
}

// apply adds (sign +1) or subtracts (sign -1) one article's contribution.
// Co-mention pairs are formed among pairEntities(c).
func (ds *deltas) apply(c contrib, sign int) {
	ents := pairEntities(c)
	for i := range ents {
		for j := i + 1; j < len(ents); j++ {
			p := pair{ents[i].id, ents[j].id}
			if p.b < p.a {
				p.a, p.b = p.b, p.a
			}
			d := get(ds.co, p)
			d.n += sign
			d.sentences += sign * intersectCount(ents[i].sentences, ents[j].sentences)
			d.date(c.published, sign)
		}
	}
	counts := map[pair]*delta{}
	for _, s := range c.said {
		if s.by == "" || s.conf < ds.min {
			continue
		}
		for _, t := range s.about {
			if t != s.by {
				n := get(counts, pair{s.by, t})
				n.n++
				n.conf += s.conf
			}
		}
	}
	for p, n := range counts {
		d := get(ds.said, p)
		d.n += sign * n.n
		d.conf += sign * n.conf
		d.date(c.published, sign)
	}
}

// intersectCount counts the common elements of two sorted, distinct lists.
func intersectCount(x, y []int) int {
	n, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// pairDelta is one edge's net change.
type pairDelta struct {
	pair
	*delta
}

// rows returns the deltas of one edge type sorted by pair, dropping those
// with no net effect. When the removed and the added dates have the same
// minimum and maximum, the edge's first_seen/last_seen cannot change and the
// dates are dropped too.
func rows(m map[pair]*delta) []pairDelta {
	out := make([]pairDelta, 0, len(m))
	for p, d := range m {
		if d.rmMin != "" && d.rmMin == d.addMin && d.rmMax == d.addMax {
			d.rmMin, d.rmMax, d.addMin, d.addMax = "", "", "", ""
		}
		if d.n == 0 && d.sentences == 0 && d.conf == 0 && d.addMin == "" && d.rmMin == "" {
			continue
		}
		out = append(out, pairDelta{p, d})
	}
	slices.SortFunc(out, func(p, q pairDelta) int {
		if c := strings.Compare(p.a, q.a); c != 0 {
			return c
		}
		return strings.Compare(p.b, q.b)
	})
	return out
}

// edgeKey identifies an aggregate edge: a hash of its end node ids, stored as
// the edge's key property (unique per relationship type) so that the edge is
// found through an index rather than by scanning a hub's relationships.
func edgeKey(p pair) string {
	h := sha256.Sum256([]byte(p.a + "\x00" + p.b))
	return hex.EncodeToString(h[:16])
}

// edgeState is an aggregate edge as stored.
type edgeState struct {
	n, sentences int
	first, last  string
	conf         int // said-about: the summed confidence in thousandths
}

// applyDelta returns the edge after the delta, and whether its dates must be
// recomputed from the articles that remain (a removed date was on the
// boundary).
func applyDelta(cur edgeState, exists bool, d *delta) (next edgeState, stale bool) {
	next = edgeState{n: cur.n + d.n, sentences: cur.sentences + d.sentences, conf: cur.conf + d.conf,
		first: minDate(cur.first, d.addMin), last: maxDate(cur.last, d.addMax)}
	if d.rmMin != "" && (!exists || cur.first == "" || d.rmMin <= cur.first || d.rmMax >= cur.last) {
		stale = true
	}
	return next, stale
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
