package resolve

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ner"
)

// femaleHonorifics are the honorifics a woman's lone surname keeps in its key.
var femaleHonorifics = []string{"Mrs", "Ms", "Miss"}

// joinForms joins keys that are one name written in several forms: typed
// ORG in some articles and LOC in others, singular and plural ("Lib Dem",
// "Lib Dems"), with and without a trailing "Party", British and American
// spelling ("Organisation", "Organization"); and a name typed PERSON in a
// few articles and ORG or LOC in most ("Apple"). Names the gazetteer lists
// (a city and its club, "Washington" the government) stay apart.
func (t *Table) joinForms(keys []string, uf *unionFind, joined map[string]Identity, implicit map[string]map[string]string) {
	byForm := map[string][]string{}
	bySlug := map[string][]string{}
	for _, k := range keys {
		p, rest, ok := strings.Cut(k, ":")
		if !ok {
			continue
		}
		bySlug[rest] = append(bySlug[rest], k)
		if p == "org" || p == "loc" {
			f := formOf(rest)
			byForm[f] = append(byForm[f], k)
		}
	}
	listed := func(ks []string) bool {
		for _, k := range ks {
			s := t.keys[k]
			if t.listed(Location, s.n) || t.listed(Organization, s.n) {
				return true
			}
		}
		return false
	}
	join := func(ks []string) {
		for _, k := range ks[1:] {
			if _, ok := joined[k]; !ok {
				rule := "form"
				if _, a, _ := strings.Cut(k, ":"); strings.HasSuffix(ks[0], ":"+a) {
					rule = "type"
				}
				joined[k] = Identity{Rule: rule, Via: ks[0]}
			}
			uf.union(k, ks[0])
		}
	}
	for _, f := range sortedKeys(byForm) {
		ks := byForm[f]
		if len(ks) < 2 || listed(ks) {
			continue
		}
		if !slices.ContainsFunc(ks, func(k string) bool { return strings.Contains(k, "-") }) {
			// One-word names join only when they are one text typed two
			// ways: "Times" is not "Time", nor "Barclays" "Barclay". The
			// plural of a one-word name joins it beside a longer form of
			// the same name ("Conservatives", "Conservative",
			// "Conservative Party").
			bySlugHere := map[string][]string{}
			for _, k := range ks {
				_, sl, _ := strings.Cut(k, ":")
				bySlugHere[sl] = append(bySlugHere[sl], k)
			}
			for _, sl := range sortedKeys(bySlugHere) {
				if g := bySlugHere[sl]; len(g) > 1 {
					join(g)
				}
			}
			continue
		}
		join(ks)
	}
	// PERSON against ORG/LOC: only a clear majority of mentions decides.
	for _, slug := range sortedKeys(bySlug) {
		ks := bySlug[slug]
		if len(ks) < 2 || listed(ks) {
			continue
		}
		var person string
		var pm, om int
		var other string
		for _, k := range ks {
			m := 0
			for _, n := range t.keys[k].types {
				m += n
			}
			if strings.HasPrefix(k, "person:") {
				person, pm = k, m
			} else {
				if other == "" {
					other = k
				}
				om += m
			}
		}
		if person == "" || other == "" {
			continue
		}
		from, to := person, other
		if pm > om {
			from, to = other, person
		}
		if max(pm, om) < 3*min(pm, om) {
			continue
		}
		if from == person && hasRule(implicit[person], "surname") {
			// The surname of a full name the corpus knows: the articles
			// that type it PERSON mean that person, not the band or the
			// company most articles mean by the name ("Keane").
			continue
		}
		if _, ok := joined[from]; !ok {
			joined[from] = Identity{Rule: "type", Via: to}
		}
		uf.union(from, to)
	}
}

// formOf folds a key's slug to the form shared by its variants.
func formOf(slug string) string {
	w := strings.Split(slug, "-")
	for i, x := range w {
		for _, r := range [][2]string{{"isation", "ization"}, {"ise", "ize"}, {"centre", "center"}, {"defence", "defense"}, {"programme", "program"}} {
			if strings.HasSuffix(x, r[0]) {
				x = strings.TrimSuffix(x, r[0]) + r[1]
			}
		}
		w[i] = x
	}
	if len(w) > 1 && w[len(w)-1] == "party" {
		w = w[:len(w)-1]
	}
	// "Department of Agriculture" is the "Agriculture Department",
	// "Ministry of Finance" the "Finance Ministry".
	for i := 0; i+2 < len(w); i++ {
		if (w[i] == "department" || w[i] == "ministry") && w[i+1] == "of" {
			w = append(append(slices.Clone(w[:i]), w[i+2:]...), w[i])
			break
		}
	}
	last := w[len(w)-1]
	switch {
	case len(last) > 4 && strings.HasSuffix(last, "ies"):
		last = strings.TrimSuffix(last, "ies") + "y"
	case len(last) > 3 && strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") && !strings.HasSuffix(last, "us"):
		last = strings.TrimSuffix(last, "s")
	}
	w[len(w)-1] = last
	return strings.Join(w, "-")
}

// implicitClaims are the claims names make by themselves: a person's full
// name claims its surname alone (as a person, or mistyped as ORG or LOC)
// and its spelling variants ("Rafa Benitez", "Costas Kenteris" for the
// more frequent "Rafael Benitez", "Kostas Kenteris"); an organization claims
// the acronym of its significant words, its short forms (a head or tail of
// its words: "Blackburn" of "Blackburn Rovers", "Lords" of "House of
// Lords") and abbreviations of its words ("Lib Dem" of "Liberal Democrat").
func (t *Table) implicitClaims(keys []string) map[string]map[string]string {
	implicit := map[string]map[string]string{} // claimed → claimant → rule
	add := func(c, by, rule string) {
		if c == "" || c == by {
			return
		}
		if implicit[c] == nil {
			implicit[c] = map[string]string{}
		}
		if _, ok := implicit[c][by]; !ok {
			implicit[c][by] = rule
		}
	}
	people := map[string][]string{} // surname key → full-name person keys
	orgs := map[string][]string{}   // initials → organization keys
	names := make(map[string]string, len(keys))
	for _, k := range keys {
		s := t.keys[k]
		typ, name := s.t, s.n
		names[k] = name
		switch typ {
		case Person:
			first, _, _ := strings.Cut(name, " ")
			if ner.HonorificGender(first) != ner.GenderUnknown {
				// "Mrs Howard", "Prince Charles": a title and one name
				// claims nothing, and is no full name.
				continue
			}
			if sn := surname(name); sn != "" {
				for _, part := range surnameForms(sn) {
					for _, ty := range []string{Person, Organization, Location} {
						add(t.key(ty, part), k, "surname")
					}
				}
				// A woman's honorific with the surname is her lone key
				// (graph keeps "Mrs Howard" apart from "Howard"): claimed by
				// every full name that is not a man's (nor only an initial).
				if len(strings.Trim(first, ".")) > 1 && ner.FirstNameGender(first) != ner.Male {
					for _, h := range femaleHonorifics {
						add(t.key(Person, h+" "+sn), k, "surname")
					}
				}
				sk := t.key(Person, sn)
				people[sk] = append(people[sk], k)
			}
		case Organization:
			add(t.key(Organization, acronym(name)), k, "acronym")
			for _, f := range shortForms(name) {
				add(t.key(Organization, f), k, "short form")
			}
			if f := ofTail(name); f != "" {
				add(t.key(Organization, f), k, "short form")
			}
			if f := lastWord(name); f != "" {
				// Not a claim but a rival: "United" ends "Leeds United"
				// and "Newcastle United" as much as it begins "United
				// Nations" (Resolve never joins a key to a "tail").
				add(t.key(Organization, f), k, "tail")
			}
			if in := initials(name); len(in) >= 2 {
				orgs[in] = append(orgs[in], k)
			}
		}
	}
	// Spelling variants of one person: the more frequent claims the other.
	for _, sk := range sortedKeys(people) {
		ks := people[sk]
		for _, a := range ks {
			for _, b := range ks {
				if a != b && variant(names[a], names[b]) && claimsVariant(names[b], names[a], t.keys[b], t.keys[a], b, a) {
					add(a, b, "variant")
				}
			}
		}
	}
	// Abbreviated words: the full form claims the abbreviation.
	for _, in := range sortedKeys(orgs) {
		ks := orgs[in]
		if len(ks) > 200 {
			continue // a bucket of hundreds ("Bank of ...") holds no abbreviation worth the pairs
		}
		for _, a := range ks {
			for _, b := range ks {
				if a != b && len(names[a]) < len(names[b]) && abbreviates(names[a], names[b]) {
					add(a, b, "short form")
				}
			}
		}
	}
	return implicit
}

// claimsVariant reports whether full name a claims its variant b: a first
// name written out claims its initial ("Gavin Henson", "G Henson") and never
// the other way ("S Jones" is Stephen or Simon Jones, and joins neither when
// the corpus has both); else the more frequent claims the other.
func claimsVariant(a, b string, sa, sb *stat, ka, kb string) bool {
	if ia, ib := initialFirst(a), initialFirst(b); ia != ib {
		return ib
	}
	return moreFrequent(sa, sb, ka, kb)
}

// initialFirst reports whether a full name's first name is an initial.
func initialFirst(name string) bool {
	w := nameWords(name)
	return len(w) > 1 && utf8.RuneCountInString(w[0]) == 1
}

func moreFrequent(a, b *stat, ka, kb string) bool {
	return a.articles > b.articles || (a.articles == b.articles && ka < kb)
}

// shortForms are the heads and tails of an organization's words that could
// stand for it alone: "Blackburn" of "Blackburn Rovers"; "World Service" of
// "BBC World Service" (a tail of one word is not: "House", "Bank"). Forms that
// start or end with a function word, or are one letter, are not.
func shortForms(name string) []string {
	w := strings.Fields(name)
	if len(w) < 2 || len(w) > 6 {
		return nil
	}
	var out []string
	ok := func(xs []string) bool {
		if len(xs) == 0 {
			return false
		}
		for _, x := range []string{xs[0], xs[len(xs)-1]} {
			lx := strings.ToLower(strings.Trim(x, ".,'’"))
			r, _ := utf8.DecodeRuneInString(x)
			if orgStop[lx] || !unicode.IsUpper(r) || utf8.RuneCountInString(lx) < 2 {
				return false
			}
		}
		return true
	}
	for i := 1; i < len(w); i++ {
		if ok(w[:i]) {
			out = append(out, strings.Join(w[:i], " "))
		}
		// A one-word tail is mostly a common head noun ("House" of "White
		// House", "Bank" of "World Bank"), not a name: tails of two words
		// or more only.
		if len(w)-i >= 2 && ok(w[i:]) {
			out = append(out, strings.Join(w[i:], " "))
		}
	}
	return out
}

// lastWord is the last word of an organization's name of two or more words
// when it could be read alone as a name (capitalised, two letters or more,
// no function word or legal form), or "".
func lastWord(name string) string {
	w := strings.Fields(name)
	if len(w) < 2 {
		return ""
	}
	x := w[len(w)-1]
	lx := strings.ToLower(strings.Trim(x, ".,'’"))
	r, _ := utf8.DecodeRuneInString(x)
	if orgStop[lx] || legalForms[lx] || !unicode.IsUpper(r) || utf8.RuneCountInString(lx) < 2 {
		return ""
	}
	return x
}

// ofTail is the plural that ends "X of Ys" when it can stand for the whole
// alone ("Lords" of "House of Lords", "Commons" of "House of Commons"), or
// "". A singular tail is a topic more often than a name ("Industry" of
// "Ministry of Industry"), and a tail the gazetteer lists is a place of its
// own ("England" of "Bank of England": Resolve does not join it).
func ofTail(name string) string {
	w := strings.Fields(name)
	if len(w) != 3 || w[1] != "of" {
		return ""
	}
	x := w[2]
	r, _ := utf8.DecodeRuneInString(x)
	if !unicode.IsUpper(r) || len(x) < 4 || !strings.HasSuffix(x, "s") || strings.HasSuffix(x, "ss") {
		return ""
	}
	return x
}

// initials are the first letters of every word, upper-cased.
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// abbreviates reports whether short is long with words abbreviated: as many
// words, each one's letters in order within the other's, same first letter,
// and at least one shorter ("Lib Dem", "Liberal Democrat"; "Man Utd",
// "Manchester United").
func abbreviates(short, long string) bool {
	sw, lw := significant(short), significant(long)
	if len(sw) != len(lw) || len(sw) < 2 {
		return false
	}
	shorter := false
	for i := range sw {
		a, b := strings.Trim(sw[i], ".'’"), lw[i]
		if len(a) < 2 || a[0] != b[0] || !subsequence(a, b) {
			return false
		}
		if len(a) < len(b) {
			shorter = true
		}
	}
	return shorter
}

// significant are the lower-cased words of an organization's name without
// its legal form ("Lane Co" is "lane", not an abbreviation of "Lanesborough
// Corp").
func significant(name string) []string {
	w := strings.Fields(strings.ToLower(name))
	for len(w) > 1 && legalForms[strings.Trim(w[len(w)-1], ".,")] {
		w = w[:len(w)-1]
	}
	return w
}

func subsequence(a, b string) bool {
	i := 0
	for j := 0; i < len(a) && j < len(b); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

// variant reports whether two full names of people with one surname are one
// name: first names equal, one a prefix of the other ("Rafa", "Rafael"; an
// initial, "G", "Gavin"), or
// equal but for the first letter ("Costas", "Kostas"); and the middle names
// of one among the other's ("George Bush", "George W Bush").
func variant(a, b string) bool {
	aw, bw := nameWords(a), nameWords(b)
	if len(aw) < 2 || len(bw) < 2 {
		return false
	}
	if aw[len(aw)-1] != bw[len(bw)-1] {
		return false // one surname, spelled the same
	}
	fa, fb := aw[0], bw[0]
	first := fa == fb ||
		// an initial ("G Henson", "Gavin Henson")
		(len(fa) == 1 && len(fb) > 1 && fb[0] == fa[0]) || (len(fb) == 1 && len(fa) > 1 && fa[0] == fb[0]) ||
		(len(fa) >= 4 && strings.HasPrefix(fb, fa)) || (len(fb) >= 4 && strings.HasPrefix(fa, fb)) ||
		// transliteration: C and K ("Costas", "Kostas"); not other
		// letters ("Donald", "Ronald" are two people)
		(len(fa) >= 4 && len(fa) == len(fb) && fa[1:] == fb[1:] && strings.ContainsRune("ck", rune(fa[0])) && strings.ContainsRune("ck", rune(fb[0])))
	if !first {
		return false
	}
	am, bm := aw[1:len(aw)-1], bw[1:len(bw)-1]
	if len(am) > len(bm) {
		am, bm = bm, am
	}
	for _, m := range am {
		if !slices.Contains(bm, m) {
			return false
		}
	}
	return true
}

func nameWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if w = strings.Trim(w, ".,"); w != "" && !nameSuffixes[w] {
			out = append(out, w)
		}
	}
	return out
}

// surnameForms are a surname and, when it is double-barrelled, each part
// ("Kilroy-Silk": "Kilroy", "Silk"), which articles also use alone.
func surnameForms(sn string) []string {
	out := []string{sn}
	if parts := strings.Split(sn, "-"); len(parts) == 2 && len(parts[0]) > 2 && len(parts[1]) > 2 {
		out = append(out, parts...)
	}
	return out
}

func hasRule(claims map[string]string, rule string) bool {
	for _, r := range claims {
		if r == rule {
			return true
		}
	}
	return false
}
