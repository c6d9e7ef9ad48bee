package graph

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/ner"
)

// Entity identity across articles.
//
// An entity's id is a pure function of the names one article gives it, the
// embedded gazetteer and the user's alias file: never of other articles, so
// the graph is the same whatever order or batches the articles come in. The
// names come from the recognizer's grouping inside the article (ner: "Texaco
// Inc" and "Texaco", "General Motors Corp" and "GM", "Federal Reserve Board"
// and its "(Fed)" are one entity there; the ticker of "Exxon Corp <XON>" is
// no entity). The rules, in order (the
// first that applies wins):
//
//  1. Alias file: "merge: A = B" maps A to B (and may force a type); "split"
//     rules veto any of the rules below for the pair they name.
//  2. Gazetteer, exact: a name or alias that the curated list or the GeoNames
//     places list knows (case, diacritics, points and "the" ignored, except
//     that a name of one or two letters keeps its case: "U.S", "U.S." and
//     "US" are one key, "LA" and "La." are two) takes its canonical name:
//     "US", "U.S." and "America" are "United States", "Kyiv" is "Kiev",
//     "Calif." and "Fla" are California and Florida, "Zelenskiy" is
//     "Volodymyr Zelenskyy". A place or organization that the gazetteer knows
//     with the other of the two types (the tagger's "Kremlin" as a place,
//     "Crimea" as an organization) takes the gazetteer's type when the entry
//     is a strong one (curated, a country, a US state, a continent, a city of
//     a million). A name tagged PERSON is retyped only by a strong curated
//     entry ("Crimea", "Kremlin"), never by the GeoNames list (Georgia, Jordan
//     and Chad are also first names). An organization is looked up by its
//     name and the names that are the same name written otherwise (the same
//     ner.OrgKey), never by its short forms: in the article an acronym or
//     bracketed short form stands for that name ("United Newspapers" and its
//     "UN" are not the United Nations). A person whose article gives an honorific of the other
//     gender than a listed person's first name is not that person ("Mrs
//     Reagan" is not Ronald Reagan; here and in rule 4).
//  3. Gazetteer, significant words: an organization whose name has the same
//     significant words (ner.SignificantKey: no stop words, legal forms; each
//     word's first five letters) as a curated organization's name is that
//     organization ("Organization of Petroleum Exporting Countries" is OPEC,
//     "North Atlantic Treaty Organisation" is NATO).
//  4. Person spellings: a full name whose first name matches a listed
//     person's (after folding transliteration endings: Sergei/Sergey,
//     Dmitry/Dmitri) and whose surname has Jaro-Winkler similarity of at
//     least SpellingThreshold with that person's is that person, when exactly
//     one listed person fits.
//  5. Lone surname: a one-word person name (an article that never gives the
//     full name) is the listed person with that surname when exactly one
//     listed person marked "lone" has it (exactly, or by SpellingThreshold).
//     Other lone surnames stay nodes of their own ("person:austin"): merging
//     them with whatever full name other articles hold would depend on
//     which articles were loaded.
//  6. Otherwise the article's fullest name is the canonical name.
//
// Ids (ID) are normalised so that articles agree without knowing each other:
// initials written with points are one word ("U.S" and "US" give "us"); an
// organization's id leaves out legal forms, possessive endings and a leading
// "the" and reads "&" as "and" (ner.OrgKey: "Texaco Inc", "Texaco" and "The
// Texaco Co." are all "org:texaco"; "Moody's" is "org:moody"); a place's id
// leaves out a leading "the"; person ids fold the common transliteration
// endings (-iy, -yy, -ii, -yi, -ij to -y) so "Zelenskiy" and "Zelenskyy"
// share an id even when not listed.
//
// Display names follow the gazetteer where it knows the entity; otherwise the
// loader keeps the longest name seen (then the smallest), which is also
// independent of order: an organization shows its full form ("Texaco Inc")
// under the id of its core.

// Identity is what the resolver decides for one entity.
type Identity struct {
	ID   string
	Type string
	Name string // canonical display name
}

// Resolver gives entities their canonical names, types and ids. It is safe
// for concurrent use.
type Resolver struct {
	gaz *Gazetteer
	al  *Aliases
}

// NewResolver returns a Resolver that uses gazetteer g (nil: none) and the
// user's alias rules al (nil: none).
func NewResolver(g *Gazetteer, al *Aliases) *Resolver {
	return &Resolver{gaz: g, al: al}
}

// NewDefaultResolver returns a Resolver with the embedded gazetteer and the
// alias rules al (nil: none).
func NewDefaultResolver(al *Aliases) (*Resolver, error) {
	g, err := DefaultGazetteer()
	if err != nil {
		return nil, err
	}
	return NewResolver(g, al), nil
}

var (
	defaultResolver     *Resolver
	defaultResolverOnce sync.Once
)

// DefaultResolver returns the Resolver with the embedded gazetteer and no
// alias rules. The embedded data is checked by the package's tests; should it
// fail to parse, the resolver works without a gazetteer.
func DefaultResolver() *Resolver {
	defaultResolverOnce.Do(func() {
		g, err := DefaultGazetteer()
		if err != nil {
			g = nil
		}
		defaultResolver = NewResolver(g, nil)
	})
	return defaultResolver
}

// Canonical returns the canonical name of an entity of type typ known in one
// article as name (with aliases), by the default resolver.
func Canonical(typ, name string, aliases []string) string {
	return DefaultResolver().Resolve(typ, name, aliases).Name
}

// Resolve decides the identity of an entity of type typ that one article
// calls name (its fullest form) and aliases (its other forms).
func (r *Resolver) Resolve(typ, name string, aliases []string) Identity {
	return r.resolve(typ, name, aliases, false)
}

// resolve is Resolve; with keepType, the gazetteer does not retype the
// entity (its article's sentence gave the type: ner.Entity.ContextTyped).
func (r *Resolver) resolve(typ, name string, aliases []string, keepType bool) Identity {
	name = strings.Join(strings.Fields(name), " ")
	names := append([]string{name}, aliases...)

	// 1. The user's merges.
	for _, n := range names {
		if to, forced, ok := r.al.mergeTo(typ, n); ok {
			t := typ
			if forced != "" {
				t = forced
			} else if e, gt := r.gaz.lookup(typ, to); e != nil {
				t = gt
			}
			return r.identity(t, to)
		}
	}
	// 2. The gazetteer.
	lookups := names
	switch {
	case typ == Person && strings.Contains(name, " "):
		lookups = names[:1] // a person's short forms are not looked up alone
	case typ == Organization:
		lookups = sameOrgKey(names)
	}
	g := honorGender(typ, aliases)
	for _, n := range lookups {
		e, t := r.gaz.lookup(typ, n)
		if keepType && t != typ {
			e, t = r.gaz.lookupType(typ, n), typ
		}
		if e != nil && !r.al.forbids(n, e.name) {
			if t == Person && (!strings.Contains(n, " ") && !e.lone || !sameGender(g, e)) {
				continue
			}
			return r.identity(t, e.name)
		}
	}
	if typ == Organization {
		// 3. Significant words of a listed organization's name.
		if e := r.gaz.organization(name); e != nil && !r.al.forbids(name, e.name) {
			return r.identity(typ, e.name)
		}
	}
	if typ == Person && r.gaz != nil {
		// 4. and 5. Spellings of listed people; lone surnames.
		if e := r.gaz.person(name); e != nil && !r.al.forbids(name, e.name) && sameGender(g, e) {
			return r.identity(typ, e.name)
		}
	}
	if typ == Person && !strings.Contains(name, " ") {
		// 6. A lone name with a royal title or a woman's honorific keeps
		// it: "Prince Charles" is not a Mr Charles, and "Mrs Howard" is
		// not the Michael Howard that a bare "Howard" may be.
		if t := titledName(name, aliases, g); t != "" {
			return r.identity(typ, t)
		}
	}
	return r.identity(typ, name)
}

// titledName is the form of a lone name that keeps its title: the smallest
// alias that is a royal title and the name, else, for a woman (g, from
// honorifics), the smallest alias that is a woman's honorific and the name;
// "" when there is none.
func titledName(name string, aliases []string, g ner.Gender) string {
	var royal, female string
	for _, a := range aliases {
		w, rest, ok := strings.Cut(a, " ")
		if !ok || rest != name {
			continue
		}
		switch {
		case ner.IsRoyalTitle(w) && (royal == "" || a < royal):
			royal = a
		case g == ner.Female && ner.HonorificGender(w) == ner.Female && (female == "" || a < female):
			female = a
		}
	}
	if royal != "" {
		return royal
	}
	return female
}

// sameOrgKey returns names[0] and the names after it that are the same name
// written otherwise (ner.OrgKey: "Texaco" for "Texaco Inc", "Opec" for
// "OPEC"). An organization's other short forms (an acronym, a bracketed
// short form, its first words) stand in the article for its name: they must
// not carry it to what the gazetteer knows by those letters ("United
// Newspapers" with "UN", or "Unilever (UN)", is not the United Nations;
// "Absolute Return for Kids (Ark)" is not Arkansas).
func sameOrgKey(names []string) []string {
	out := names[:1:1]
	k := ner.OrgKey(names[0])
	for _, n := range names[1:] {
		if ner.OrgKey(n) == k {
			out = append(out, n)
		}
	}
	return out
}

// honorGender is the gender that the honorifics among a person's names tell
// ("Mrs Reagan"), or ner.GenderUnknown.
func honorGender(typ string, aliases []string) ner.Gender {
	if typ != Person {
		return ner.GenderUnknown
	}
	for _, a := range aliases {
		w, _, ok := strings.Cut(a, " ")
		if !ok {
			continue
		}
		if g := ner.HonorificGender(w); g != ner.GenderUnknown {
			return g
		}
	}
	return ner.GenderUnknown
}

// sameGender reports whether a person of gender g (from honorifics) may be
// the listed person e: not when e's first name tells the other gender ("Mrs
// Reagan" is not Ronald Reagan).
func sameGender(g ner.Gender, e *gazEntry) bool {
	if g == ner.GenderUnknown || e.typ != Person {
		return true
	}
	first, _, _ := strings.Cut(e.name, " ")
	eg := ner.FirstNameGender(first)
	return eg == ner.GenderUnknown || eg == g
}

func (r *Resolver) identity(typ, name string) Identity {
	return Identity{ID: r.id(typ, name), Type: typ, Name: name}
}

func (r *Resolver) id(typ, name string) string {
	if r.al.exactID(name) {
		return typePrefix(typ) + ":" + slug(name)
	}
	return ID(typ, name)
}

// person finds the one listed person that a full name spells differently, or
// that a lone surname stands for. It looks only at the listed names that can
// match (the same first-name key; a surname with the same skeleton), which the
// gazetteer indexes once (see index), so its cost does not grow with the list.
func (g *Gazetteer) person(name string) *gazEntry {
	w := strings.Fields(fold(name))
	if len(w) == 0 {
		return nil
	}
	if len(w) == 1 {
		k := w[0]
		if es := g.surname[k]; len(es) > 0 {
			return only(es)
		}
		var cands []*gazEntry
		for _, s := range g.surnameBySkel[skeleton(k)] {
			if surnameScore(k, s) >= SpellingThreshold {
				cands = append(cands, g.surname[s]...)
			}
		}
		return only(cands)
	}
	last := w[len(w)-1]
	var cands []*gazEntry
	for _, sp := range g.spellings[firstKey(w[0])] {
		if sp.skel == skeleton(last) && surnameScore(last, sp.surname) >= SpellingThreshold {
			cands = append(cands, sp.e)
		}
	}
	return only(cands)
}

// SameSpelling reports whether two person names of two or more words are
// spellings of one name: the same first name after folding transliteration
// endings, and surnames with Jaro-Winkler similarity of at least
// SpellingThreshold.
func SameSpelling(a, b string) bool {
	return SpellingScore(a, b) >= SpellingThreshold
}

// SpellingScore is the surname similarity (Jaro-Winkler) of two person names
// that may be spellings of one name, or 0 when they cannot be: when their
// first names differ (after firstKey), when their surnames differ in more
// than the letters transliteration varies (see skeleton: vowels, doubled
// letters, g/k/q, kh/h, zh/z, w/v, ph/f ...), or when they are two forms of
// a surname family that name different people (Ivanov and Ivanova, Brown and
// Browne, Petersen and Peterson).
func SpellingScore(a, b string) float64 {
	wa, wb := strings.Fields(fold(a)), strings.Fields(fold(b))
	if len(wa) < 2 || len(wb) < 2 || firstKey(wa[0]) != firstKey(wb[0]) {
		return 0
	}
	return surnameScore(wa[len(wa)-1], wb[len(wb)-1])
}

// surnameScore is the Jaro-Winkler similarity of two folded surnames that
// may be spellings of one name, else 0.
func surnameScore(sa, sb string) float64 {
	if sa == sb {
		return 1
	}
	if skeleton(sa) != skeleton(sb) || familyForms(sa, sb) {
		return 0
	}
	return jaroWinkler(sa, sb)
}

// skeleton reduces a folded surname to the consonants that transliterations
// agree on: "zelenskyy" and "zelenskiy" give "zlnsk", "gaddafi", "qaddafi"
// and "kadhafi" give "kdf", "khrushchev" and "khrushchov" give "hrshv".
func skeleton(s string) string {
	for _, r := range []struct{ from, to string }{
		{"kh", "h"}, {"tsch", "C"}, {"sch", "S"}, {"tch", "C"}, {"ch", "C"}, {"sh", "S"}, {"zh", "z"}, {"ph", "f"}, {"th", "t"}, {"dh", "d"}, {"ck", "k"},
		{"ij", "i"}, {"ou", "u"},
	} {
		s = strings.ReplaceAll(s, r.from, r.to)
	}
	var b strings.Builder
	var last rune
	for _, c := range s {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', '-', '\'', ' ':
			continue
		case 'g', 'q', 'c':
			c = 'k'
		case 'w':
			c = 'v'
		case 'j':
			c = 'z'
		}
		if c != last {
			b.WriteRune(c)
		}
		last = c
	}
	return b.String()
}

// familyForms reports whether two folded surnames are forms of one family
// name that belong to different people: a feminine -a (Ivanov, Ivanova;
// Popov, Popova), -aya for -y (Kovalsky, Kovalskaya), an English final -e
// (Brown, Browne) or -sen for -son (Peterson, Petersen).
func familyForms(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch {
	case b == a+"a", b == a+"e":
		return true
	case strings.HasSuffix(a, "y") && b == a[:len(a)-1]+"aya":
		return true
	case strings.HasSuffix(a, "sen") && strings.HasSuffix(b, "son") && a[:len(a)-3] == b[:len(b)-3],
		strings.HasSuffix(a, "son") && strings.HasSuffix(b, "sen") && a[:len(a)-3] == b[:len(b)-3]:
		return true
	}
	return false
}

// firstKey folds the spellings of a first name: "x" as "ks", and any final
// -i, -y, -iy, -yy, -ii, -ij, -ei, -ey to "i" (Dmitry, Dmitri, Dmitriy;
// Sergei, Sergey; Alexei, Aleksey; Oleksii, Oleksiy).
func firstKey(w string) string {
	w = strings.TrimRight(w, ".")
	w = strings.ReplaceAll(w, "x", "ks")
	for _, suf := range []string{"iy", "yy", "ii", "ij", "yi", "ei", "ey", "y", "i"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)] + "i"
		}
	}
	return w
}

func only(es []*gazEntry) *gazEntry {
	if len(es) == 0 {
		return nil
	}
	for _, e := range es[1:] {
		if e != es[0] {
			return nil
		}
	}
	return es[0]
}

// Entities resolves the entities the recognizer found in one article (text
// is the article's text, for the mentions' text). Entities that resolve to
// one id become one Entity; a mention that an alias-file split rule keeps
// apart from its entity's name becomes an entity of its own. idOf[i] is the
// id of ents[i].
func (r *Resolver) Entities(text string, ents []ner.Entity) (out []Entity, idOf []string) {
	out = []Entity{}
	idOf = make([]string, len(ents))
	pos := map[string]int{}
	put := func(id Identity, surface []string, roles []string, ms []ner.Mention) {
		k, ok := pos[id.ID]
		if !ok {
			k = len(out)
			pos[id.ID] = k
			out = append(out, Entity{ID: id.ID, Type: id.Type, Name: id.Name, Aliases: []string{}, Roles: []string{}})
		}
		de := &out[k]
		de.Name = betterDisplayName(de.Name, id.Name)
		for _, s := range surface {
			de.Aliases = addUnique(de.Aliases, s)
		}
		for _, role := range roles {
			de.Roles = addUnique(de.Roles, role)
		}
		for _, m := range ms {
			mt := m.Text
			if m.Start >= 0 && m.End <= len(text) && m.Start <= m.End {
				mt = text[m.Start:m.End]
			}
			de.Mentions = append(de.Mentions, Mention{Start: m.Start, End: m.End, Text: mt, Sentence: m.Sentence})
		}
	}
	for i, e := range ents {
		// Mentions that a split rule keeps apart from the entity's name.
		var keep []ner.Mention
		apart := map[string][]ner.Mention{}
		var apartOrder []string
		for _, m := range e.Mentions {
			s := strings.Join(strings.Fields(m.Text), " ")
			if r.al.forbids(s, e.Name) {
				if _, ok := apart[s]; !ok {
					apartOrder = append(apartOrder, s)
				}
				apart[s] = append(apart[s], m)
				continue
			}
			keep = append(keep, m)
		}
		var aliases []string
		for _, a := range e.Aliases {
			if !r.forbidsAlias(a, e.Name) {
				aliases = append(aliases, a)
			}
		}
		id := r.resolve(e.Type, e.Name, aliases, e.ContextTyped)
		idOf[i] = id.ID
		put(id, append([]string{e.Name}, aliases...), e.Roles, keep)
		for _, s := range apartOrder {
			var forms []string
			for _, a := range e.Aliases {
				if r.forbidsAlias(a, e.Name) && strings.HasSuffix(a, s) {
					forms = append(forms, a)
				}
			}
			put(r.Resolve(e.Type, s, nil), append([]string{s}, forms...), nil, apart[s])
		}
	}
	for i := range out {
		e := &out[i]
		aliases := e.Aliases[:0]
		for _, a := range e.Aliases {
			if a != e.Name {
				aliases = append(aliases, a)
			}
		}
		e.Aliases = aliases
		sort.SliceStable(e.Mentions, func(x, y int) bool { return e.Mentions[x].Start < e.Mentions[y].Start })
	}
	return out, idOf
}

// forbidsAlias reports whether alias a (perhaps "Mr Austin") is kept apart
// from name by a split rule, by itself or without its first word.
func (r *Resolver) forbidsAlias(a, name string) bool {
	if r.al.forbids(a, name) {
		return true
	}
	if _, rest, ok := strings.Cut(a, " "); ok {
		return r.al.forbids(rest, name)
	}
	return false
}

// betterDisplayName picks one of two names of one entity independently of
// order: the longer, then the smaller.
func betterDisplayName(cur, n string) string {
	switch {
	case cur == "":
		return n
	case n == "":
		return cur
	case len([]rune(n)) > len([]rune(cur)) || (len([]rune(n)) == len([]rune(cur)) && n < cur):
		return n
	}
	return cur
}

func addUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func typePrefix(typ string) string {
	switch typ {
	case Person:
		return "person"
	case Organization:
		return "org"
	case Location:
		return "loc"
	}
	return "entity"
}

// ID returns the deterministic id of an entity: its type prefix and the key of
// its canonical name, for example "person:vladimir-putin". Initials written
// with points are one word ("U.S" and "US" give "us"). Transliteration
// variants of a person's name share a key ("Zelenskyy", "Zelenskiy" and
// "Zelensky" all give "zelensky"). An organization's key is its name's core
// (ner.OrgKey: no legal form, possessive or leading "the"), so "Texaco Inc",
// "Texaco" and "The Texaco Co." all give "org:texaco"; a place's key has no
// leading "the" ("The Hague" gives "loc:hague").
func ID(typ, canonical string) string {
	var key string
	switch typ {
	case Person:
		key = personKey(slug(canonical))
	case Organization:
		key = slug(ner.OrgKey(canonical))
	default:
		key = slug(canonical)
		if k := strings.TrimPrefix(key, "the-"); k != key && k != "" {
			key = k
		}
	}
	if key == "" {
		key = slug(canonical)
	}
	return typePrefix(typ) + ":" + key
}

// foldChains holds reusable diacritic-stripping transformers: building one
// per call was most of the resolver's time and allocations.
var foldChains = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// fold lower-cases s, strips diacritics and folds apostrophes and white space.
func fold(s string) string {
	if out, ok := foldASCII(s); ok {
		return out
	}
	t := foldChains.Get().(transform.Transformer)
	out, _, err := transform.String(t, s)
	foldChains.Put(t)
	if err != nil {
		out = s
	}
	out = strings.ReplaceAll(out, "’", "'")
	return strings.ToLower(strings.Join(strings.Fields(out), " "))
}

// foldASCII is fold for ASCII s (no diacritics to strip, no curly
// apostrophes): lower case, runs of white space as one space, trimmed. It
// returns s itself when nothing changes. ok is false when s is not ASCII.
func foldASCII(s string) (string, bool) {
	clean := true // s is already lower case with single inner spaces
	space := true // at the start, or after a space
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case c >= 'A' && c <= 'Z':
			clean = false
			space = false
		case asciiSpace(c):
			if space || c != ' ' {
				clean = false
			}
			space = true
		default:
			space = false
		}
	}
	if clean && !space || s == "" {
		return s, true
	}
	b := make([]byte, 0, len(s))
	pending := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiSpace(c) {
			pending = len(b) > 0
			continue
		}
		if pending {
			b = append(b, ' ')
			pending = false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b), true
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// slug turns a name into lower-case words joined by hyphens, initials
// written with points as one word: "U.S. Secretary of State" ->
// "us-secretary-of-state".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range dropPoints(fold(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// personKey folds the common transliteration variants of Slavic and Arabic
// names: word-final -iy/-yy/-ii/-yi/-ij become -y.
func personKey(key string) string {
	words := strings.Split(key, "-")
	for i, w := range words {
		for _, suf := range []string{"iy", "yy", "ii", "yi", "ij"} {
			if len(w) > 4 && strings.HasSuffix(w, suf) {
				w = w[:len(w)-2] + "y"
				break
			}
		}
		words[i] = w
	}
	return strings.Join(words, "-")
}
