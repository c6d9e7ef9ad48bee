package loader

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Counting units.
//
// The aggregate edges (CO_MENTIONED_WITH, SAID_ABOUT) are sums over counting
// units: under CountByCopy every article is a unit, under CountByStory every
// story is (the articles whose Article.story is the same; an article without
// a story is a unit of its own). A unit adds the union of its members'
// contributions (applyUnit):
//
//   - every co-mention pair some member forms counts once (articles +1),
//     with the most sentences any one member has for it (sentences), and
//     the earliest and latest date of the members that form it;
//   - every statement counts once: statements of two members are one
//     statement when they have the same speaker and target and their
//     content words (statementKey) are the same or nearly so
//     (sameStatement: an edited or cut quote). A member holding a statement
//     k times counts k, and the unit counts the most any member holds
//     (countStatements). Only statements at or above the database's
//     MinConfidence take part; SAID_ABOUT.confidence sums, per statement,
//     the highest confidence one member gives it. The dates are those of
//     the members holding a statement of the pair.
//
// A unit of one article adds exactly that article's contribution, so both
// rules are one code path. Every change to a unit's membership or to one of
// its members (an article added, replaced or removed, moved to another story
// by SetStories, mapped again by Resolve) subtracts the unit's old union and
// adds its new one (recount), in the transaction that makes the change. The
// edges are therefore always the sum over the units of the articles stored,
// whatever the order, batches and runs of the loads; buildModel computes the
// same sum in memory.

// unit returns the counting unit of an article with this id and story.
func (c CountBy) unit(id, story string) string {
	if c == CountByStory && story != "" {
		return story
	}
	return id
}

// statementKey is a statement's content as compared across the copies of a
// story (with the same speaker and target): its words, lower-cased, one
// space apart. Punctuation, quote marks, hyphens and spacing do not count.
func statementKey(text string) string {
	var b strings.Builder
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(w))
	}
	return b.String()
}

// span is the earliest and latest date of the members that hold something;
// "" when none has a date.
type span struct{ first, last string }

func (s *span) widen(published string) {
	if published != "" {
		s.first, s.last = minDate(s.first, published), maxDate(s.last, published)
	}
}

// applyUnit adds (sign +1) or subtracts (sign -1) the contribution of one
// counting unit: the union of its members' contributions (see the comment
// at the top of this file). Co-mention pairs are formed among
// pairEntities(member), member by member. The result does not depend on the
// order of members. A unit of one article is that article (apply).
func (ds *deltas) applyUnit(members []contrib, sign int) {
	switch len(members) {
	case 0:
		return
	case 1:
		ds.apply(members[0], sign)
		return
	}
	type coUnion struct {
		sentences int // the most any member has
		span
	}
	type saidUnion struct {
		held []heldStatement // by member, then key
		span
	}
	co := map[pair]*coUnion{}
	said := map[pair]*saidUnion{}
	for m, c := range members {
		ents := pairEntities(c)
		for i := range ents {
			for j := i + 1; j < len(ents); j++ {
				p := pair{ents[i].id, ents[j].id}
				if p.b < p.a {
					p.a, p.b = p.b, p.a
				}
				u := co[p]
				if u == nil {
					u = &coUnion{}
					co[p] = u
				}
				u.sentences = max(u.sentences, intersectCount(ents[i].sentences, ents[j].sentences))
				u.widen(c.published)
			}
		}
		held := map[pair]map[string]*heldStatement{}
		for _, s := range c.said {
			if s.by == "" || s.conf < ds.min {
				continue
			}
			for _, t := range s.about {
				if t == s.by {
					continue
				}
				p := pair{s.by, t}
				if held[p] == nil {
					held[p] = map[string]*heldStatement{}
				}
				k := statementKey(s.text)
				h := held[p][k]
				if h == nil {
					h = &heldStatement{member: m, key: k}
					held[p][k] = h
				}
				h.n++
				h.conf += s.conf
			}
		}
		for p, keys := range held {
			u := said[p]
			if u == nil {
				u = &saidUnion{}
				said[p] = u
			}
			for _, h := range keys {
				u.held = append(u.held, *h)
			}
			u.widen(c.published)
		}
	}
	for p, u := range co {
		d := get(ds.co, p)
		d.n += sign
		d.sentences += sign * u.sentences
		d.dates(u.span, sign)
	}
	for p, u := range said {
		n, conf := countStatements(u.held)
		d := get(ds.said, p)
		d.n += sign * n
		d.conf += sign * conf
		d.dates(u.span, sign)
	}
}

// heldStatement is a statement content (statementKey) that one member of a
// unit holds n times (at or above the database's MinConfidence), by one
// speaker about one target, with conf their confidences summed.
type heldStatement struct {
	member  int
	key     string
	n, conf int
}

// countStatements counts the statements of one speaker about one target in
// a unit, and sums their confidences: statements of different members that
// are the same statement (sameStatement, or linked through others that are)
// count once, as the most times one member holds them, with the highest
// summed confidence one member gives them. Statements of one member are
// never joined, so a unit of one article counts each of its statements.
func countStatements(held []heldStatement) (n, conf int) {
	one := true
	for _, h := range held {
		one = one && h.member == held[0].member
	}
	if one {
		for _, h := range held {
			n += h.n
			conf += h.conf
		}
		return n, conf
	}
	// Union-find over the held statements; only pairs of different members
	// are compared. The components, and so the count, depend only on the
	// set of statements.
	parent := make([]int, len(held))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	words := make([][]string, len(held))
	for i, h := range held {
		words[i] = strings.Fields(h.key) // sorted below: a set
		slices.Sort(words[i])
		words[i] = slices.Compact(words[i])
	}
	for i := range held {
		for j := i + 1; j < len(held); j++ {
			if held[i].member != held[j].member && find(i) != find(j) &&
				(held[i].key == held[j].key || sameStatement(words[i], words[j])) {
				parent[find(i)] = find(j)
			}
		}
	}
	type sums struct{ n, conf int }
	byMember := map[[2]int]sums{} // (component, member) → its statements there
	for i, h := range held {
		k := [2]int{find(i), h.member}
		byMember[k] = sums{byMember[k].n + h.n, byMember[k].conf + h.conf}
	}
	best := map[int]sums{} // component → the most statements, the highest confidence
	for k, x := range byMember {
		b := best[k[0]]
		best[k[0]] = sums{max(b.n, x.n), max(b.conf, x.conf)}
	}
	for _, b := range best {
		n += b.n
		conf += b.conf
	}
	return n, conf
}

// Two statements of one speaker about one target in two copies of a story
// are the same statement when their content words (sorted sets) share at
// least sameJaccard of their union (an edited quote: "it signed" / "it has
// signed", "tons" / "tonnes"), or when at least sameContained of the
// shorter's words, and at least minContained words, are in the longer (a
// quote cut shorter in one copy). Measured on Reuters and BBC News
// (docs/stories.md).
const (
	sameJaccard   = 0.5
	sameContained = 0.8
	minContained  = 3
)

func sameStatement(a, b []string) bool {
	common := intersectCount(a, b)
	union := len(a) + len(b) - common
	shorter := min(len(a), len(b))
	return (union > 0 && float64(common) >= sameJaccard*float64(union)) ||
		(shorter >= minContained && float64(common) >= sameContained*float64(shorter))
}

// Reading the members of counting units: under CountByStory the articles of
// each story (an article without a story is the unit of its own id), under
// CountByCopy the article itself.
const (
	qReadStoryUnits = `
UNWIND $units AS u
CALL {
  WITH u MATCH (a:Article {story: u}) RETURN a
  UNION
  WITH u MATCH (a:Article {id: u}) WHERE a.story IS NULL RETURN a
}
RETURN u, a.id AS id, a.published AS published`

	qReadArticleUnits = `
UNWIND $units AS u
MATCH (a:Article {id: u})
RETURN u, a.id AS id, a.published AS published`
)

// recount keeps the aggregate edges the sum over the counting units while
// articles change within one transaction: read loads the members of the
// units about to change, as stored, with their contributions; the caller
// then says what each unit holds afterwards (drop, put); deltas is, for
// every unit read, its new union minus its old one.
type recount struct {
	countBy  CountBy
	minConf  int                           // the database's MinConfidence, in thousandths
	before   map[string][]string           // unit → the ids of its stored members
	unitOf   map[string]string             // stored member → its unit
	contribs map[string]contrib            // stored member → its contribution as stored
	after    map[string]map[string]contrib // unit → member → contribution after the change
}

func newRecount(countBy CountBy, minConf int) *recount {
	return &recount{countBy: countBy, minConf: minConf, before: map[string][]string{}, unitOf: map[string]string{},
		contribs: map[string]contrib{}, after: map[string]map[string]contrib{}}
}

// read reads the stored members of units (duplicates and units already
// read are skipped) and their contributions.
func (rc *recount) read(r txRunner, units []string) error {
	var todo []any
	seen := map[string]bool{}
	for _, u := range units {
		if _, ok := rc.after[u]; ok || seen[u] {
			continue
		}
		seen[u] = true
		todo = append(todo, u)
	}
	if len(todo) == 0 {
		return nil
	}
	q := qReadArticleUnits
	if rc.countBy == CountByStory {
		q = qReadStoryUnits
	}
	recs, err := r.rowsRun("read units", q, "units", todo)
	if err != nil {
		return err
	}
	for _, u := range todo {
		rc.after[u.(string)] = map[string]contrib{}
	}
	published := map[string]string{}
	var ids []string
	for _, rec := range recs {
		u, id := str(rec, "u"), str(rec, "id")
		rc.before[u] = append(rc.before[u], id)
		rc.unitOf[id] = u
		published[id] = str(rec, "published")
		ids = append(ids, id)
	}
	contribs, err := readContribs(r, ids, published)
	if err != nil {
		return err
	}
	for _, id := range ids {
		c := contribs[id]
		c.published = published[id]
		rc.contribs[id] = c
		rc.after[rc.unitOf[id]][id] = c
	}
	return nil
}

// stored returns a stored member's contribution as read.
func (rc *recount) stored(id string) (contrib, bool) {
	c, ok := rc.contribs[id]
	return c, ok
}

// drop takes a stored member out of its unit (removed, or moving).
func (rc *recount) drop(id string) {
	if u, ok := rc.unitOf[id]; ok {
		delete(rc.after[u], id)
	}
}

// put makes article id, with contribution c, a member of unit after the
// change. The unit must have been read.
func (rc *recount) put(unit, id string, c contrib) error {
	m, ok := rc.after[unit]
	if !ok {
		return fmt.Errorf("counting unit %s of article %s changes but was not read", unit, id)
	}
	m[id] = c
	return nil
}

// deltas returns the net change of the aggregate edges: for every unit
// read, its union after the change minus its union before.
func (rc *recount) deltas() *deltas {
	ds := newDeltas(rc.minConf)
	for _, u := range sortedKeys(rc.after) {
		old := make([]contrib, 0, len(rc.before[u]))
		for _, id := range rc.before[u] {
			old = append(old, rc.contribs[id])
		}
		next := make([]contrib, 0, len(rc.after[u]))
		for _, id := range sortedKeys(rc.after[u]) {
			next = append(next, rc.after[u][id])
		}
		ds.applyUnit(old, -1)
		ds.applyUnit(next, +1)
	}
	return ds
}
