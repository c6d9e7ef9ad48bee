package resolve

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Role-holder evidence.
//
// This stage sits in resolve, after the claim rounds, in the flow
// article → ner → quote → graph → resolve → loader. Package ner writes the
// title it finds before a person's name as the article gives it ("Tory
// leader" before "Michael Howard": ner.Entity.Roles); graph keeps it on the
// entity (graph.Entity.Roles) and the loader in Article.local, so that it
// reaches a Table like every other piece of evidence (Local.Roles).
//
// News names an organization by the office its head holds: "Tory leader
// Michael Howard" in some articles, "Conservative leader Michael Howard" in
// others; "Spurs boss Martin Jol" and "Tottenham manager Martin Jol". When
// two organization names are each, in at least two articles, the name before
// the same class of role (leader, chief, head; manager, boss, coach;
// chairman, chair; chief executive, CEO) and the same person is the one who
// holds that role under each name in most articles, the two names are one
// organization. The guards:
//
//   - a title with a word such as "former", "ex", "shadow", "deputy",
//     "acting" or any word in lower case before the role is no evidence
//     (the role was held before, or is another one);
//   - the person must hold the role under each name in two thirds of the
//     articles that name a holder (a manager who moved is the holder of his
//     new club, not the dominant one of his old club in the corpus);
//   - only organizations: a name mostly typed PERSON or LOC, or one the
//     gazetteer lists as a place ("England coach"), gives no evidence; a
//     one-word name that ends the names of three other organizations, each
//     given by two articles ("United", "City"), is no name of its own;
//   - two names an article gives in one sentence as different entities
//     are never joined (a list, a contrast: "Labour and the Tories"); of
//     three names one person holds the role under, those that no sentence
//     names beside a name already in join the name with most evidence;
//   - the existing guards stay: at most one of the groups may hold a key
//     the gazetteer or the alias file names itself, a split rule wins, and
//     a group joins one other group.

// holding is one piece of role-holder evidence: an article calls person the
// holder of a role of class class in the organization whose key is org.
type holding struct{ org, class, person string }

// roleClasses are the role words that make a class, in lower case.
var roleClasses = map[string]string{
	"leader": "leader", "chief": "leader", "head": "leader",
	"manager": "manager", "boss": "manager", "coach": "manager",
	"chairman": "chairman", "chairwoman": "chairman", "chair": "chairman",
	"ceo": "chief executive",
}

// roleBlockers are words that make a title no evidence of the present
// holder of the role, or evidence of another role.
var roleBlockers = map[string]bool{
	"former": true, "ex": true, "then": true, "shadow": true, "deputy": true, "acting": true,
	"interim": true, "caretaker": true, "outgoing": true, "incoming": true, "new": true,
	"assistant": true, "vice": true, "joint": true, "co": true, "future": true, "late": true,
	"honorary": true, "temporary": true, "one-time": true, "onetime": true, "founding": true,
	"life": true,
}

// parseRole splits a title into the organization's name before the role
// and the role's class ("Tory leader": "Tory", "leader"); ok is false when
// the title is no evidence.
func parseRole(role string) (org, class string, ok bool) {
	w := strings.Fields(role)
	for i, x := range w {
		for _, p := range []string{"'s", "’s", "'", "’"} {
			x = strings.TrimSuffix(x, p)
		}
		w[i] = x
	}
	n := len(w)
	switch {
	case n >= 3 && strings.EqualFold(w[n-3], "chief") && strings.EqualFold(w[n-2], "executive") && strings.EqualFold(w[n-1], "officer"):
		w, class = w[:n-3], "chief executive"
	case n >= 2 && strings.EqualFold(w[n-2], "chief") && strings.EqualFold(w[n-1], "executive"):
		w, class = w[:n-2], "chief executive"
	case n >= 1:
		w, class = w[:n-1], roleClasses[strings.ToLower(w[n-1])]
	}
	if class == "" {
		return "", "", false
	}
	if len(w) > 0 && strings.EqualFold(w[0], "the") {
		w = w[1:]
	}
	if len(w) == 0 {
		return "", "", false
	}
	for _, x := range w {
		r, _ := utf8.DecodeRuneInString(x)
		lx := strings.ToLower(x)
		if !unicode.IsUpper(r) || roleBlockers[lx] || strings.HasPrefix(lx, "ex-") || roleClasses[lx] != "" {
			return "", "", false
		}
	}
	return strings.Join(w, " "), class, true
}

// addRoles records the role-holder evidence of one person (key person) of
// one article; seen keeps each holding once an article.
func (t *Table) addRoles(article, person string, roles []string, seen map[holding]bool) {
	for _, r := range roles {
		name, class, ok := parseRole(r)
		if !ok {
			continue
		}
		org := t.key(Organization, name)
		if org == "" {
			continue
		}
		h := holding{org, class, person}
		if seen[h] {
			continue
		}
		seen[h] = true
		c := t.roles[h]
		if c == nil {
			c = &claim{}
			t.roles[h] = c
		}
		c.articles++
		c.first = minID(c.first, article)
	}
}

// addApartLocals records the pairs of organization keys one article names
// in one sentence (each pair once an article).
func (t *Table) addApartLocals(locals []Local) {
	bySentence := map[int][]string{}
	for _, l := range locals {
		if l.Key == "" || l.Type != Organization {
			continue
		}
		for _, s := range l.Sentences {
			if ks := bySentence[s]; len(ks) == 0 || ks[len(ks)-1] != l.Key {
				bySentence[s] = append(ks, l.Key)
			}
		}
	}
	seen := map[[2]string]bool{}
	for _, ks := range bySentence {
		for i, a := range ks {
			for _, b := range ks[i+1:] {
				p := [2]string{min(a, b), max(a, b)}
				if a != b && !seen[p] {
					seen[p] = true
					t.apart[p]++
				}
			}
		}
	}
}

// joinRoles joins organizations by role-holder evidence on the partition
// the claim rounds left (see the comment at the top of this file).
func (t *Table) joinRoles(keys []string, uf *unionFind, joined map[string]Identity) {
	if len(t.roles) == 0 {
		return
	}
	known := map[string]bool{}
	for _, k := range keys {
		known[k] = true
	}
	group := func(k string) string { return uf.find(k) }
	// Per group: mentions by type, whether it holds a listed key, its
	// names.
	types := map[string][3]int{}
	listed := map[string]bool{}
	place := map[string]bool{}
	tails := map[string]map[string]bool{} // last word of a longer ORG name → groups
	for _, k := range keys {
		s, g := t.keys[k], group(k)
		x := types[g]
		for i, n := range s.types {
			x[i] += n
		}
		types[g] = x
		if t.listed(s.t, s.n) {
			listed[g] = true
		}
		if t.listed(Location, s.n) {
			place[g] = true
		}
		if w := strings.Fields(s.n); len(w) > 1 && s.t == Organization && s.articles >= 2 {
			last := strings.ToLower(w[len(w)-1])
			if tails[last] == nil {
				tails[last] = map[string]bool{}
			}
			tails[last][g] = true
		}
	}
	isOrg := func(g string) bool {
		x := types[g]
		return x[1] > x[0]+x[2] && !place[g]
	}

	// Holders of each role class of each organization group.
	type office struct{ org, class string }
	type tally struct {
		articles  int
		first     string
		key       string // the organization key with most of the evidence
		keyWeight int
		person    string // the person key with most of the evidence
		personW   int
	}
	holders := map[office]map[string]*tally{}
	hs := make([]holding, 0, len(t.roles))
	for h := range t.roles {
		hs = append(hs, h)
	}
	slices.SortFunc(hs, func(a, b holding) int {
		return cmp.Or(strings.Compare(a.org, b.org), strings.Compare(a.class, b.class), strings.Compare(a.person, b.person))
	})
	for _, h := range hs {
		if !known[h.org] || !known[h.person] {
			continue
		}
		og, pg := group(h.org), group(h.person)
		if !isOrg(og) || t.keys[h.person].t != Person {
			continue
		}
		if name := t.keys[h.org].n; !strings.Contains(name, " ") {
			// "United" ends "Manchester United" and "Newcastle United".
			if n := len(tails[strings.ToLower(name)]); n-b2i(tails[strings.ToLower(name)][og]) >= 3 {
				continue
			}
		}
		c := t.roles[h]
		o := office{og, h.class}
		if holders[o] == nil {
			holders[o] = map[string]*tally{}
		}
		x := holders[o][pg]
		if x == nil {
			x = &tally{}
			holders[o][pg] = x
		}
		x.articles += c.articles
		x.first = minID(x.first, c.first)
		if c.articles > x.keyWeight || (c.articles == x.keyWeight && h.org < x.key) {
			x.key, x.keyWeight = h.org, c.articles
		}
		if c.articles > x.personW || (c.articles == x.personW && h.person < x.person) {
			x.person, x.personW = h.person, c.articles
		}
	}

	// The dominant holder of each office, and the offices each person
	// dominates.
	type seat struct {
		org string
		t   *tally
	}
	byHolder := map[office][]seat{} // (person group, class) → organization groups
	for o, hm := range holders {
		total, top, topW, tie := 0, "", 0, false
		for p, x := range hm {
			total += x.articles
			switch {
			case x.articles > topW:
				top, topW, tie = p, x.articles, false
			case x.articles == topW:
				tie = true
			}
		}
		if tie || topW < 2 || topW*3 < total*2 {
			continue
		}
		k := office{top, o.class}
		byHolder[k] = append(byHolder[k], seat{o.org, hm[top]})
	}

	// Each set of two or more groups one person dominates joins the group
	// with most evidence.
	type join struct {
		from, to   seat
		class, who string
	}
	var joins []join
	target := map[string]string{}
	conflict := map[string]bool{}
	offices := make([]office, 0, len(byHolder))
	for o := range byHolder {
		offices = append(offices, o)
	}
	slices.SortFunc(offices, func(a, b office) int { return cmp.Or(strings.Compare(a.org, b.org), strings.Compare(a.class, b.class)) })
	for _, o := range offices {
		seats := byHolder[o]
		if len(seats) < 2 {
			continue
		}
		slices.SortFunc(seats, func(a, b seat) int {
			return cmp.Or(cmp.Compare(b.t.articles, a.t.articles), strings.Compare(a.org, b.org))
		})
		// A key the gazetteer or the alias file names itself is never
		// joined into another: its group, if any, is the one the others
		// join; two such groups stay apart.
		nListed := 0
		for i, s := range seats {
			if listed[s.org] {
				nListed++
				seats[0], seats[i] = seats[i], seats[0]
			}
		}
		if nListed > 1 {
			continue
		}
		// The groups join the first in turn, each only when a split rule
		// allows it and no article names it in one sentence with a group
		// already in.
		in := seats[:1]
		for _, s := range seats[1:] {
			if slices.ContainsFunc(in, func(a seat) bool {
				return t.namer.Forbids(t.keys[a.t.key].n, t.keys[s.t.key].n) || t.apartGroups(uf, a.org, s.org)
			}) {
				continue
			}
			in = append(in, s)
			if x, seen := target[s.org]; seen && x != seats[0].org {
				conflict[s.org] = true
			}
			target[s.org] = seats[0].org
			joins = append(joins, join{from: s, to: seats[0], class: o.class, who: s.t.person})
		}
	}
	for _, j := range joins {
		if conflict[j.from.org] || target[j.to.org] != "" {
			continue
		}
		// The evidence goes on a key of the joining group that did not
		// join by another rule: the key that gave it, or the group's first.
		at := j.from.t.key
		if _, done := joined[at]; done {
			at = ""
			for _, k := range keys {
				if _, done := joined[k]; !done && uf.find(k) == j.from.org {
					at = k
					break
				}
			}
		}
		uf.union(j.from.org, j.to.org)
		if at != "" {
			joined[at] = Identity{Rule: "role (" + j.class + ": " + t.keys[j.who].n + ")", Via: j.to.t.key, Article: j.from.t.first}
		}
	}
}

// apartGroups reports whether some article names a key of group a and a key
// of group b in one sentence as different entities.
func (t *Table) apartGroups(uf *unionFind, a, b string) bool {
	return t.apartCount(uf, a, b) > 0
}

func (t *Table) apartCount(uf *unionFind, a, b string) int {
	n := 0
	for p, c := range t.apart {
		if _, ok := uf.parent[p[0]]; !ok {
			continue
		}
		if _, ok := uf.parent[p[1]]; !ok {
			continue
		}
		ga, gb := uf.find(p[0]), uf.find(p[1])
		if (ga == a && gb == b) || (ga == b && gb == a) {
			n += c
		}
	}
	return n
}
