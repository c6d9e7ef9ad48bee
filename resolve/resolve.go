// Package resolve decides which per-article entities are one real entity
// across a whole corpus.
//
// It sits between graph and loader in the flow
// article → ner → quote → graph → resolve → loader. Package graph gives every
// entity of one article a key from that article alone (its canonical name,
// the gazetteer, the user's alias file: "org:texaco", "person:paul-volcker",
// "org:fed"). That key is a pure function of the article. Evidence that
// lives in other articles — one article says "Federal Reserve Board (Fed)",
// another only "the Fed"; one article gives "Paul Volcker", another only
// "Volcker"; one article types "Microsoft" ORG, another LOC — is collected
// here in a Table, one article at a time, and Resolve turns the whole table
// into a Mapping from keys to corpus entities.
//
// A Mapping is a function of the set of articles added to the Table, never
// of their order: every count is a sum or a minimum, and every decision
// reads only those totals, in sorted key order. The loader stores each
// article's keys and recomputes the mapping from the whole graph after a
// load, moving edges and counts when entities join or come apart, so the
// graph too depends only on the set of articles loaded.
//
// The rules, applied to the table's totals:
//
//   - Alias evidence: an article that groups a short form, acronym or
//     surname with a fuller name ("GM" with "General Motors Corp") claims
//     the key that short form gets alone ("org:gm") for the fuller name's
//     key. Implicit claims come from the names themselves: a person's full
//     name claims its surname alone, an organization's name claims the
//     acronym of its significant words.
//   - A claimed key joins its claimant when the claim is clear: for people,
//     exactly one claimant with at least a tenth of the strongest claim (two
//     Bakers in the corpus: "Baker" stays apart); for organizations and
//     places, one claimant holding two thirds of the claims. A key the
//     gazetteer or the alias file lists under its own name is never joined
//     to another, a claim that a split rule forbids is ignored, and a key
//     far more frequent than the evidence for it (twenty times) stays.
//   - Type: the same name typed ORG in some articles and LOC in others is
//     one entity, unless the gazetteer lists it as a place (a city and its
//     football club, "Washington" the government). Its type is the one most
//     of its mentions have.
//   - Guards against lone names that chain unlike things: a surname the
//     corpus knows as some full name's is not retyped into the band or
//     company most articles mean by the word ("Keane"); a lone name typed
//     ORG or LOC joins a person as a mistyped surname only when it is no
//     more frequent than the person and the surname typed PERSON, and
//     never when an article writes it with a legal form ("Hilton Corp");
//     a name written with a legal form counts as an organization's full
//     name for the chain guard; a first initial never claims a written-out
//     first name ("S Jones" is Stephen's or Simon's); one-word plurals join
//     only beside a longer form ("Times" is not "Time"); a company written
//     with a legal form is not the acronym of a body that never is ("CBS
//     Inc"); units of the strongest claimant ("Ford Motor Credit") are not
//     its rivals for a short form ("Ford"); a common word ("United") that
//     begins one name and ends others ("Leeds United") is no short form.
//   - Clippings: an article that names "Federal Reserve" and "Fed" says the
//     clipped word stands for the name (not a word of its own before a
//     suffix, "Western", nor a second word, "AppleWorld", "Inter-national").
//   - Place parts: an article that names "Glasgow Rangers" and "Rangers"
//     says the name without its place stands for it.
//   - Role-holder evidence (roles.go): organization names that articles
//     write before the same class of role held by the same person ("Tory
//     leader" and "Conservative leader" Michael Howard), each in two
//     articles and with that person as the role's dominant holder, join,
//     unless a sentence names both.
//   - Display name: the most frequent well-formed name of the entity (not a
//     headline's capitals, not a broken case), a full name for a person, a
//     name of its own rather than one it was joined by.
package resolve

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
)

// Entity types: package graph's.
const (
	Person       = graph.Person
	Organization = graph.Organization
	Location     = graph.Location
)

// Namer is what resolution needs to know about names: *graph.Resolver
// implements it with the embedded gazetteer and the user's alias file.
type Namer interface {
	// Key is the key an article gives an entity of type typ that it calls
	// only name.
	Key(typ, name string) string
	// Listed reports whether the gazetteer or the alias file names the
	// entity itself: it is never joined into another.
	Listed(typ, name string) bool
	// Forbids reports whether the user keeps names a and b apart.
	Forbids(a, b string) bool
}

// Local is one entity as one article gives it, or, with NotEntity set, a
// name the article shows is no entity (Key is then unused).
type Local struct {
	Key     string
	Type    string
	Name    string
	Aliases []string
	// Roles are a person's titles as the article writes them before the
	// name ("Tory leader"): role-holder evidence (roles.go).
	Roles []string
	// Sentences are the indices of the sentences that name it (roles.go
	// reads them: two organizations one sentence names are two).
	Sentences []int
	Mentions  int
	// NotEntity is why the article condemns the name ("title of a work"):
	// the keys it would have in other articles are dropped when enough
	// articles say so (see Resolve).
	NotEntity string
}

// Table holds the corpus evidence: per key its mentions by type, the names
// articles give it, and the claims of other keys on it. Add every article
// once; a Table is not safe for concurrent use.
type Table struct {
	namer  Namer
	keys   map[string]*stat
	claims map[string]map[string]*claim // claimed key → claimant key
	not    map[string]*claim            // key → articles that condemn its name (claim.class why)
	roles  map[holding]*claim           // role-holder evidence (roles.go)
	apart  map[[2]string]int            // organization keys named apart in one sentence → articles
	parts  map[string]map[string]*claim // place parts (placeParts): claimed key → claimant key
	clips  map[string]map[string]*claim // clipped names (clippings): claimed key → claimant key
	// What the namer said, kept across Resolve calls (a loader resolves
	// after every batch): Key and Listed are pure functions of their
	// arguments.
	keyMemo, listedMemo map[string]string
}

type stat struct {
	types    [3]int         // mentions as PERSON, ORG, LOC
	names    map[string]int // name → articles giving it
	articles int
	first    string // smallest article id
	t, n     string // type and best name, set at the start of Resolve
}

type claim struct {
	articles int
	first    string // smallest article id that gave the evidence
	class    string // for a condemned name: the smallest class given
}

// NewTable returns an empty Table that asks n about names.
func NewTable(n Namer) *Table {
	return &Table{namer: n, keys: map[string]*stat{}, claims: map[string]map[string]*claim{}, not: map[string]*claim{},
		roles: map[holding]*claim{}, apart: map[[2]string]int{}, parts: map[string]map[string]*claim{}, clips: map[string]map[string]*claim{},
		keyMemo: map[string]string{}, listedMemo: map[string]string{}}
}

// Len is the number of distinct keys.
func (t *Table) Len() int { return len(t.keys) }

func typeIndex(typ string) int {
	switch typ {
	case Person:
		return 0
	case Organization:
		return 1
	}
	return 2
}

var typeNames = [3]string{Person, Organization, Location}

func minID(cur, id string) string {
	if cur == "" || id < cur {
		return id
	}
	return cur
}

// Add records the entities of one article (article is its id).
func (t *Table) Add(article string, locals []Local) {
	seenClaim := map[[2]string]bool{}
	seenHolding := map[holding]bool{}
	t.addApartLocals(locals)
	for _, l := range locals {
		if l.NotEntity != "" {
			// The tagger's type of a condemned name is a guess: every
			// key the name could have is condemned.
			for _, typ := range typeNames {
				k := t.key(typ, l.Name)
				if k == "" || seenClaim[[2]string{k, ""}] {
					continue
				}
				seenClaim[[2]string{k, ""}] = true
				c := t.not[k]
				if c == nil {
					c = &claim{class: l.NotEntity}
					t.not[k] = c
				}
				c.articles++
				c.first = minID(c.first, article)
				c.class = min(c.class, l.NotEntity)
			}
			continue
		}
		if l.Key == "" {
			continue
		}
		s := t.keys[l.Key]
		if s == nil {
			s = &stat{names: map[string]int{}}
			t.keys[l.Key] = s
		}
		s.articles++
		s.types[typeIndex(l.Type)] += max(l.Mentions, 1)
		s.names[l.Name]++
		s.first = minID(s.first, article)
		if l.Type == Person {
			t.addRoles(article, l.Key, l.Roles, seenHolding)
		}
		for _, a := range l.Aliases {
			k := t.key(l.Type, a)
			if k == l.Key || k == "" || seenClaim[[2]string{k, l.Key}] {
				continue
			}
			seenClaim[[2]string{k, l.Key}] = true
			t.addClaim(k, l.Key, 1, article)
		}
	}
	for _, c := range clippings(locals) {
		if !seenClaim[c] {
			seenClaim[c] = true
			addClaimTo(t.clips, c[0], c[1], 1, article)
		}
	}
	for _, c := range t.placeParts(locals) {
		addClaimTo(t.parts, c[0], c[1], 1, article)
	}
}

func (t *Table) addClaim(claimed, by string, articles int, first string) {
	addClaimTo(t.claims, claimed, by, articles, first)
}

func addClaimTo(claims map[string]map[string]*claim, claimed, by string, articles int, first string) {
	m := claims[claimed]
	if m == nil {
		m = map[string]*claim{}
		claims[claimed] = m
	}
	c := m[by]
	if c == nil {
		c = &claim{}
		m[by] = c
	}
	c.articles += articles
	c.first = minID(c.first, first)
}

// Identity is the corpus entity of one key.
type Identity struct {
	// ID is the corpus entity's id; "" when the key is no entity: articles
	// condemn its name (Rule says why, Article is one of them).
	ID   string
	Type string // its type, decided from all its mentions
	Name string // its display name
	// How the key joined the entity, when it is not the entity's own key:
	// Rule is "alias", "clipping", "place part", "surname", "acronym",
	// "type", "short form", "variant", "form" or "role (class: person)";
	// Via the key it joined;
	// Article an article that gave the evidence (for "alias", "clipping",
	// "place part" and "role").
	Rule, Via, Article string
}

// Mapping maps keys to corpus entities. The zero value and nil map every key
// to itself.
type Mapping struct {
	ids      map[string]Identity
	disputed map[string]bool     // keys some article condemns that stay entities
	members  map[string][]string // entity id → its keys, sorted
	entities map[string]Identity // entity id → its identity (no Rule)
}

// Of returns the identity of key (of type typ in the article at hand). Keys
// the mapping does not know are entities of their own.
func (m *Mapping) Of(key, typ string) Identity {
	if m != nil {
		if id, ok := m.ids[key]; ok {
			return id
		}
	}
	return Identity{ID: key, Type: typ}
}

// Entity returns the identity of the entity id (its name and type), and
// whether the mapping knows it.
func (m *Mapping) Entity(id string) (Identity, bool) {
	if m == nil {
		return Identity{}, false
	}
	x, ok := m.entities[id]
	return x, ok
}

// Members returns the keys that make entity id, sorted (nil for an entity of
// one key).
func (m *Mapping) Members(id string) []string {
	if m == nil || len(m.members[id]) < 2 {
		return nil
	}
	return m.members[id]
}

// Evidence describes how the keys of entity id were joined, one line a key
// ("org:fed: alias of org:federal-reserve-board (article 3f2a…)"), sorted.
func (m *Mapping) Evidence(id string) []string {
	var out []string
	for _, k := range m.Members(id) {
		x := m.ids[k]
		if x.Rule == "" {
			continue
		}
		line := k + ": " + x.Rule + " of " + x.Via
		if strings.HasPrefix(x.Rule, "role ") {
			line = k + ": " + x.Rule + ", as " + x.Via
		}
		if x.Article != "" {
			line += " (article " + x.Article + ")"
		}
		out = append(out, line)
	}
	return out
}

// Len is the number of keys the mapping knows.
func (m *Mapping) Len() int {
	if m == nil {
		return 0
	}
	return len(m.ids)
}

// Keys calls fn for every key in sorted order.
func (m *Mapping) Keys(fn func(key string, id Identity)) {
	if m == nil {
		return
	}
	keys := make([]string, 0, len(m.ids))
	for k := range m.ids {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fn(k, m.ids[k])
	}
}

// Resolve computes the mapping of every key in the table.
func (t *Table) Resolve() *Mapping {
	keys := make([]string, 0, len(t.keys))
	for k := range t.keys {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s := t.keys[k]
		s.t = s.typ()
		s.n = s.bestName(s.t)
	}
	dropped := t.condemned(keys)
	keys = slices.DeleteFunc(keys, func(k string) bool { _, ok := dropped[k]; return ok })
	uf := newUnionFind(keys)
	joined := map[string]Identity{} // key → how it joined (Rule, Via, Article)

	implicit := t.implicitClaims(keys)
	t.joinForms(keys, uf, joined, implicit)

	// The claims on each key, from keys whose type and name allow them.
	type cand struct {
		key, rule, first string
		label            string // the rule as Identity.Rule gives it ("clipping" for an alias by a clipped name)
		weight           int
		alias            bool // some article names the key beside the claimant
	}
	raw := map[string][]cand{}
	for _, k := range keys {
		s := t.keys[k]
		typ, name := s.t, s.n
		if t.listed(typ, name) {
			continue
		}
		seen := map[string]int{} // claimant → index in raw[k]
		consider := func(by, rule, first string, weight int) {
			label := rule
			if r, l, ok := strings.Cut(rule, "/"); ok {
				rule, label = r, l // "alias/clipping": an alias, shown as a clipping
			}
			b := t.keys[by]
			if _, gone := dropped[by]; b == nil || by == k || gone {
				return
			}
			if i, ok := seen[by]; ok {
				// The same claimant by two rules: the stronger weight,
				// and alias evidence as the rule when it has it.
				c := &raw[k][i]
				c.weight = max(c.weight, weight)
				return
			}
			btyp, bname := b.t, b.n
			crossSurname := rule == "surname" && btyp == Person && typ != Person && !strings.Contains(name, " ")
			if (!compatible(typ, btyp) && !crossSurname) || t.namer.Forbids(name, bname) {
				return
			}
			// A short form or a surname tagged as a place or organization
			// that the gazetteer knows as either is that, not a part of a
			// longer name ("Manchester", not "Manchester United").
			if (rule == "short form" || crossSurname) &&
				(t.listed(Location, name) || t.listed(Organization, name)) {
				return
			}
			// A company some article names with its legal form is a
			// company of its own, not the short form of a longer name
			// ("Merrill Lynch and Co" is not "Merrill Lynch Capital
			// Markets", nor "Bank of New York Co" the "Federal Reserve Bank
			// of New York").
			if s.aCompany() && ((rule == "short form" || rule == "alias") && extends(by, k) || rule == "short form" && qualifies(by, k)) {
				return
			}
			// A surname is never written with a legal form ("Hilton Corp",
			// "Disney Co") nor always with a possessive ("Moody's"), and a
			// lone name typed ORG or LOC in more
			// articles than the person and the surname typed PERSON
			// together is a name of its own (a band, a rating agency, a
			// direction), not the person mistyped.
			if crossSurname {
				lone := 0
				if pk := t.key(Person, name); pk != k && t.keys[pk] != nil {
					lone = t.keys[pk].articles
				}
				if s.hasLegalForm() || s.articles > b.articles+lone || s.possessiveOnly() {
					return
				}
			}
			// A name some article writes with a legal form ("CBS Inc") is
			// that company, not the acronym of a body that never has one
			// ("Central Bureau of Statistics").
			if rule == "acronym" && s.aCompany() && !b.hasLegalForm() {
				return
			}
			// A one-word person joins a full name only as its surname: a
			// first name alone ("Tony") or a piece of a compound surname
			// is not evidence enough.
			if typ == Person && !strings.Contains(name, " ") && btyp == Person && !slices.ContainsFunc(surnameForms(surname(bname)),
				func(f string) bool { return t.key(Person, f) == k }) {
				return
			}
			seen[by] = len(raw[k])
			raw[k] = append(raw[k], cand{key: by, rule: rule, label: label, first: first, weight: weight, alias: rule == "alias"})
		}
		for _, by := range sortedKeys(t.claims[k]) {
			c := t.claims[k][by]
			consider(by, "alias", c.first, c.articles)
		}
		for _, by := range sortedKeys(t.clips[k]) {
			c := t.clips[k][by]
			consider(by, "alias/clipping", c.first, c.articles)
		}
		// A place part is evidence for a common word ("Treasury" of "UK
		// Treasury") and for a name that begins no other organization's
		// ("Rangers" of "Glasgow Rangers"); a firm's name that begins
		// others' ("Sumitomo Bank", "Sumitomo Corp") after a place is the
		// firm's unit there ("Duesseldorf Sumitomo").
		if len(t.parts[k]) > 0 && (commonWord(name) || !beginsOthers(k, implicit[k])) {
			for _, by := range sortedKeys(t.parts[k]) {
				c := t.parts[k][by]
				consider(by, "alias/place part", c.first, c.articles)
			}
		}
		for _, by := range sortedKeys(implicit[k]) {
			// A full name claims its short form only when it is not rare
			// beside it: "HK" in 40 articles is not the acronym of a
			// company named twice.
			if w := t.keys[by].articles; w*4 >= s.articles {
				consider(by, implicit[k][by], "", w)
			} else if i, ok := seen[by]; ok {
				// Rare, but what an article said beside it: the name
				// corroborates the alias evidence ("British Telecom",
				// "BT").
				raw[k][i].weight++
			}
		}
	}

	slugTypes := map[string][3]int{} // mentions by type of every key with the same text
	for _, k := range keys {
		_, slug, _ := strings.Cut(k, ":")
		x := slugTypes[slug]
		for i, n := range t.keys[k].types {
			x[i] += n
		}
		slugTypes[slug] = x
	}

	// Rounds: claims from keys that are already one entity ("General
	// Motors" and "General Motors Corp" both saying "GM") count together.
	// Each round decides on the partition the previous one left, so the
	// result does not depend on the order of keys.
	for round := 0; round < 4; round++ {
		snap := make(map[string]string, len(keys))
		groups := map[string][]string{} // root → its keys
		for _, k := range keys {
			snap[k] = uf.find(k)
			groups[snap[k]] = append(groups[snap[k]], k)
		}
		var unions [][2]string
		for _, k := range keys {
			if j, done := joined[k]; (done && j.Rule != "type" && j.Rule != "form") || len(raw[k]) == 0 {
				continue
			}
			s := t.keys[k]
			// Sum per group and keep its strongest member.
			best := map[string]cand{}
			sum := map[string]int{}
			alias := map[string]bool{}
			for _, c := range raw[k] {
				r := snap[c.key]
				if r == snap[k] {
					continue
				}
				sum[r] += c.weight
				alias[r] = alias[r] || c.alias
				if b, ok := best[r]; !ok || c.weight > b.weight || (c.weight == b.weight && c.key < b.key) {
					best[r] = c
				}
			}
			if len(sum) == 0 {
				continue
			}
			var cands []cand
			explicit := false // an alias or acronym claim, not only short forms
			var aliased []cand
			for r, w := range sum {
				c := best[r]
				c.weight = w
				cands = append(cands, c)
				explicit = explicit || c.rule == "alias" || c.rule == "acronym"
				if alias[r] {
					aliased = append(aliased, c)
				}
			}
			if len(aliased) == 1 {
				// One claimant that articles name the key with outweighs
				// names that only look like it ("BT" said beside "British
				// Telecom" against the initials of "Brains Trust").
				cands = slices.DeleteFunc(cands, func(c cand) bool { return c.key != aliased[0].key && c.weight <= aliased[0].weight })
			}
			if explicit && s.t != Person {
				// Longer names that k begins ("BT Retail", "BT Wholesale")
				// are its units, not rivals of what k stands for.
				cands = slices.DeleteFunc(cands, func(c cand) bool { return c.rule == "short form" && extends(c.key, k) })
			}
			slices.SortFunc(cands, func(a, b cand) int {
				return cmp.Or(cmp.Compare(b.weight, a.weight), strings.Compare(a.key, b.key))
			})
			// When the key is a common word ("United"), names that end
			// with it ("Leeds United") are rivals of a name it begins
			// ("United Nations"), and of nothing else; a rare word
			// ("Honda") is the name, and "American Honda" its unit.
			if i := slices.IndexFunc(cands, func(c cand) bool { return c.rule != "tail" }); i < 0 ||
				cands[i].rule != "short form" || !extends(cands[i].key, k) || !commonWord(s.n) {
				cands = slices.DeleteFunc(cands, func(c cand) bool { return c.rule == "tail" })
			}
			if len(cands) == 0 {
				continue
			}
			if s.t != Person {
				// Units of the strongest claimant ("Ford Motor Credit",
				// "Ford Motor Co of Canada" beside "Ford Motor Co") are
				// not its rivals for the short form ("Ford").
				top := cands[0].key
				cands = slices.DeleteFunc(cands, func(c cand) bool { return c.key != top && extends(c.key, top) })
			}
			top, total, strong := cands[0], 0, 0
			for _, c := range cands {
				total += c.weight
				if c.weight*10 >= top.weight {
					strong++
				}
			}
			clear := false
			if s.t == Person {
				clear = strong == 1
			} else {
				clear = top.weight*3 >= total*2 && (top.rule == "alias" || strong == 1) && top.rule != "tail"
			}
			// Weak evidence does not move a frequent key.
			if !clear || s.articles > 50*top.weight || (top.weight < 2 && s.articles > 10) {
				continue
			}
			if top.rule == "surname" && s.t != Person && !t.surnameFits(groups[snap[k]], top.key) {
				continue
			}
			unions = append(unions, [2]string{k, top.key})
			joined[k] = Identity{Rule: top.label, Via: top.key, Article: top.first}
		}
		// A person's full name and an organization's or place's full name
		// are never one entity, however lone names chain them ("Quorn"
		// typed PERSON and ORG, joined to "Al Quorn" in one round, must
		// not then take "Quorn Holdings").
		kinds := map[string]int{}         // group → 1 has a person's full name, 2 an organization's or place's
		orgNames := map[string][]string{} // group → its organizations' full names of two words or more (keys)
		for _, k := range keys {
			st := t.keys[k]
			if j, ok := joined[k]; ok && j.Rule != "type" && j.Rule != "form" {
				continue
			}
			if st.t == Organization && strings.Contains(st.n, " ") {
				orgNames[snap[k]] = append(orgNames[snap[k]], k)
			}
			if st.aCompany() {
				// A name written with a legal form is an organization's
				// full name ("Barclays Plc", "Hilton Corp").
				kinds[snap[k]] |= 2
				continue
			}
			if !strings.Contains(st.n, " ") {
				continue
			}
			// The name's type over all its keys ("Shearson Lehman" typed
			// PERSON in a few articles is a company).
			_, slug, _ := strings.Cut(k, ":")
			ty := slugTypes[slug]
			switch {
			case ty[0] >= 3*(ty[1]+ty[2]):
				kinds[snap[k]] |= 1
			case 3*ty[0] <= ty[1]+ty[2]:
				kinds[snap[k]] |= 2
			}
		}
		n := 0
		for _, u := range unions {
			if a, b := kinds[snap[u[0]]], kinds[snap[u[1]]]; (a|b) == 3 && a != 0 && b != 0 {
				delete(joined, u[0])
				continue
			}
			// A one-word short form does not join two organizations'
			// full names that neither extends: "Liberal", one with
			// "Liberal Party", is not thereby the "Liberal Democratic
			// Party"; "Citibank" with "Citibank AG" may join "Citibank
			// NA".
			if joined[u[0]].Rule == "short form" && !strings.Contains(t.keys[u[0]].n, " ") &&
				apartNames(orgNames[snap[u[0]]], orgNames[snap[u[1]]]) {
				delete(joined, u[0])
				continue
			}
			unions[n] = u
			n++
		}
		unions = unions[:n]
		// One group joins one other group a round: when two of its keys
		// would join two different groups (a lone "Warner" typed PERSON
		// and ORG, each claimed by another Warner), neither joins.
		target := map[string]string{}
		conflict := map[string]bool{}
		for _, u := range unions {
			g, to := snap[u[0]], snap[u[1]]
			if x, ok := target[g]; ok && x != to {
				conflict[g] = true
			}
			target[g] = to
		}
		n = 0
		for _, u := range unions {
			if conflict[snap[u[0]]] {
				delete(joined, u[0])
				continue
			}
			unions[n] = u
			n++
		}
		unions = unions[:n]
		if len(unions) == 0 {
			break
		}
		for _, u := range unions {
			uf.union(u[0], u[1])
		}
	}

	t.joinRoles(keys, uf, joined)

	m := t.finish(keys, uf, joined)
	for k, x := range dropped {
		m.ids[k] = x
	}
	m.disputed = map[string]bool{}
	for k := range t.not {
		if _, ok := dropped[k]; !ok && t.keys[k] != nil {
			m.disputed[k] = true
		}
	}
	return m
}

// Disputed reports whether some article condemns the name of key but too
// few for it to go: it is an entity now, and may have been none under an
// earlier mapping (a loader then maps the articles that have it again).
func (m *Mapping) Disputed(key string) bool { return m != nil && m.disputed[key] }

// AnyDisputed reports whether Disputed holds for some key.
func (m *Mapping) AnyDisputed() bool { return m != nil && len(m.disputed) > 0 }

// condemned are the keys that are no entity: articles condemn their name
// (the junk stage's "the film The Aviator" in one article is evidence for
// "The Aviator" alone in another). A key is dropped when the articles that
// condemn it are at least an eighth of those that keep it: a cue such as
// "the film" is not in every article that names a film, and the junk
// stage's name classes are cue-based and precise (on BBC News every key
// dropped so is a title). A name that is a film in one article and a real
// entity in others is mostly one the gazetteer or the alias file lists: it
// stays.
func (t *Table) condemned(keys []string) map[string]Identity {
	out := map[string]Identity{}
	for _, k := range keys {
		c := t.not[k]
		if c == nil {
			continue
		}
		s := t.keys[k]
		if c.articles*8 < s.articles || t.listed(s.t, s.n) {
			continue
		}
		out[k] = Identity{Type: s.t, Name: s.n, Rule: c.class, Article: c.first}
	}
	return out
}

// finish decides each entity's type, display name and id.
func (t *Table) finish(keys []string, uf *unionFind, joined map[string]Identity) *Mapping {
	clusters := map[string][]string{}
	var roots []string
	for _, k := range keys {
		r := uf.find(k)
		if clusters[r] == nil {
			roots = append(roots, r)
		}
		clusters[r] = append(clusters[r], k)
	}
	// Clusters in the order of their smallest key (keys are sorted).
	slices.SortFunc(roots, func(a, b string) int { return strings.Compare(clusters[a][0], clusters[b][0]) })
	m := &Mapping{ids: make(map[string]Identity, len(keys)), members: map[string][]string{}, entities: map[string]Identity{}}
	taken := map[string]bool{}
	for _, r := range roots {
		members := clusters[r]
		var types [3]int
		for _, k := range members {
			for i, n := range t.keys[k].types {
				types[i] += n
			}
		}
		ti := 0
		for i := 1; i < 3; i++ {
			if types[i] > types[ti] {
				ti = i
			}
		}
		typ := typeNames[ti]
		// The display name comes from the keys that did not join by a
		// claim (their own names), else from all.
		own := make([]string, 0, len(members))
		for _, k := range members {
			if j, ok := joined[k]; !ok || j.Rule == "type" {
				own = append(own, k)
			}
		}
		if len(own) == 0 {
			own = members
		}
		// A long name that claimed a far more frequent head of its own
		// words is the head's unit ("U.S. Army Joint Readiness Training
		// Center" and "U.S. Army"): the head names the entity.
		for _, k := range members {
			if j, ok := joined[k]; ok && j.Rule == "short form" && slices.ContainsFunc(own, func(o string) bool {
				return extends(o, k) && t.keys[k].articles >= 3*t.keys[o].articles
			}) {
				own = append(own, k)
			}
		}
		names := map[string]int{}
		for _, k := range own {
			for n, c := range t.keys[k].names {
				names[n] += c
			}
		}
		name := bestName(names, typ)
		// The id: the key that gives the display name most often, retyped.
		idKey := own[0]
		best := -1
		for _, k := range own {
			if c := t.keys[k].names[name]; c > best {
				idKey, best = k, c
			}
		}
		id := idKey
		if _, rest, ok := strings.Cut(idKey, ":"); ok {
			if retyped := graph.Prefix(typ) + ":" + rest; retyped != idKey {
				if _, isKey := t.keys[retyped]; (!isKey || uf.find(retyped) == r) && !taken[retyped] {
					id = retyped
				}
			}
		}
		taken[id] = true
		m.entities[id] = Identity{ID: id, Type: typ, Name: name}
		for _, k := range members {
			x := Identity{ID: id, Type: typ, Name: name}
			if j, ok := joined[k]; ok {
				x.Rule, x.Via, x.Article = j.Rule, j.Via, j.Article
			}
			m.ids[k] = x
		}
		if len(members) > 1 {
			m.members[id] = members
		}
	}
	return m
}

// compatible: people join people; organizations and places join each other
// (the tagger confuses them, a name does not).
func compatible(a, b string) bool {
	return a == b || (a != Person && b != Person)
}

func (s *stat) typ() string {
	ti := 0
	for i := 1; i < 3; i++ {
		if s.types[i] > s.types[ti] {
			ti = i
		}
	}
	return typeNames[ti]
}

func (s *stat) bestName(typ string) string { return bestName(s.names, typ) }

// bestName picks the display name among names (name → articles): well
// formed first, for a person a full name first, then the most frequent, the
// longest, the smallest.
func bestName(names map[string]int, typ string) string {
	best, bestScore := "", [4]int{-1}
	for n, c := range names {
		sc := [4]int{b2i(wellFormed(n)), 0, c, utf8.RuneCountInString(n)}
		if typ == Person {
			sc[1] = b2i(strings.Contains(n, " "))
		}
		if better(sc, bestScore) || (sc == bestScore && n < best) {
			best, bestScore = n, sc
		}
	}
	return best
}

func better(a, b [4]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// wellFormed: not a headline's capitals ("TREASURY": a word of five or more
// capital letters and nothing else) and no broken case ("AGriculture": two
// capitals then lower case).
func wellFormed(name string) bool {
	for _, w := range strings.Fields(name) {
		upper, lower, run := 0, 0, 0
		for _, r := range w {
			switch {
			case unicode.IsUpper(r):
				upper++
				run++
			case unicode.IsLower(r):
				if run >= 2 {
					return false
				}
				lower++
				run = 0
			default:
				run = 0
			}
		}
		if lower == 0 && upper >= 5 {
			return false
		}
	}
	return true
}

// nameSuffixes are words after a surname that are not the surname.
var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// surname is the last word of a person's full name ("" for one word).
func surname(name string) string {
	w := strings.Fields(name)
	for len(w) > 1 && nameSuffixes[strings.ToLower(strings.Trim(w[len(w)-1], ".,"))] {
		w = w[:len(w)-1]
	}
	if len(w) < 2 {
		return ""
	}
	s := strings.Trim(w[len(w)-1], ".,")
	if utf8.RuneCountInString(s) < 2 {
		return ""
	}
	return s
}

// orgStop are words an acronym leaves out.
var orgStop = map[string]bool{
	"of": true, "and": true, "the": true, "for": true, "&": true, "de": true, "du": true, "des": true, "la": true, "le": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "llc": true, "ag": true, "sa": true, "nv": true,
	"corporation": true, "company": true, "incorporated": true, "limited": true, "group": true,
}

// acronym is the initials of an organization's significant words, two to
// six of them, each starting with a capital ("" otherwise).
func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '/' }) {
		lw := strings.ToLower(strings.Trim(w, ".,'’"))
		if lw == "" || orgStop[lw] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return ""
		}
		if len(lw) >= 2 && len(lw) <= 3 && strings.ToUpper(w) == w {
			b.WriteString(w) // a short acronym inside the name stays whole: "UK Independence Party", UKIP
			continue
		}
		b.WriteRune(r)
	}
	if n := b.Len(); n < 2 || n > 6 {
		return ""
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// unionFind over string keys; the root of a set is its smallest key, so the
// structure does not depend on the order of unions.
type unionFind struct{ parent map[string]string }

func newUnionFind(keys []string) *unionFind {
	u := &unionFind{parent: make(map[string]string, len(keys))}
	for _, k := range keys {
		u.parent[k] = k
	}
	return u
}

func (u *unionFind) find(k string) string {
	for u.parent[k] != k {
		u.parent[k] = u.parent[u.parent[k]]
		k = u.parent[k]
	}
	return k
}

func (u *unionFind) union(a, b string) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
}

// key is t.namer.Key, remembered.
func (t *Table) key(typ, name string) string {
	mk := typ + "\x00" + name
	k, ok := t.keyMemo[mk]
	if !ok {
		k = t.namer.Key(typ, name)
		t.keyMemo[mk] = k
	}
	return k
}

// listed is t.namer.Listed, remembered.
func (t *Table) listed(typ, name string) bool {
	mk := typ + "\x00" + name
	v, ok := t.listedMemo[mk]
	if !ok {
		v = "n"
		if t.namer.Listed(typ, name) {
			v = "y"
		}
		t.listedMemo[mk] = v
	}
	return v == "y"
}

// legalForms end a company's full name.
var legalForms = map[string]bool{"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "llc": true, "ag": true,
	"sa": true, "nv": true, "corporation": true, "company": true, "incorporated": true, "limited": true}
