package graph

import (
	"bufio"
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ner"
)

// The embedded gazetteer: a hand-kept list of names (curated.tsv: people,
// organizations and the place names whose display form the project fixes) and
// a list of places derived from GeoNames by data/mkplaces.py (places.tsv). See
// data/README.md for the formats, sources and licences.
var (
	//go:embed data/curated.tsv
	curatedTSV string
	//go:embed data/places.tsv
	placesTSV string
)

// bigCity is the population from which a city's name is taken as evidence
// that an entity tagged ORG is a place.
const bigCity = 1_000_000

// gazEntry is one known entity and the names it goes by.
type gazEntry struct {
	typ      string
	name     string   // canonical display name
	variants []string // other names, as written in the data
	lone     bool     // PERSON: the surname alone may stand for this person
	strong   bool     // ORG/LOC: the gazetteer's type wins over the tagger's
	curated  bool
}

// Gazetteer maps names to known entities. The zero value knows nothing.
type Gazetteer struct {
	byName  map[string][]*gazEntry // fold(name or variant) -> entries, curated first
	bySig   map[string]*gazEntry   // significantKey of a curated organization's names of two or more significant words
	people  []*gazEntry
	surname map[string][]*gazEntry // fold(last word) of lone people -> entries

	// Indexes for Gazetteer.person, built by index.
	spellings     map[string][]spelling // firstKey(first word) -> listed full names of people
	surnameBySkel map[string][]string   // skeleton(k) -> the keys k of surname
}

// spelling is one listed full name of a person, folded for SpellingScore.
type spelling struct {
	e       *gazEntry
	surname string // fold(last word)
	skel    string // skeleton(surname)
}

var (
	defaultGaz     *Gazetteer
	defaultGazErr  error
	defaultGazOnce sync.Once
)

// DefaultGazetteer returns the embedded gazetteer, parsed once.
func DefaultGazetteer() (*Gazetteer, error) {
	defaultGazOnce.Do(func() {
		defaultGaz, defaultGazErr = ParseGazetteer(curatedTSV, placesTSV)
	})
	return defaultGaz, defaultGazErr
}

// ParseGazetteer reads a curated list and a places list (the formats of
// data/curated.tsv and data/places.tsv). Either may be empty.
func ParseGazetteer(curated, places string) (*Gazetteer, error) {
	g := &Gazetteer{byName: map[string][]*gazEntry{}, bySig: map[string]*gazEntry{}, surname: map[string][]*gazEntry{}}
	if err := g.parseCurated(curated); err != nil {
		return nil, err
	}
	if err := g.parsePlaces(places); err != nil {
		return nil, err
	}
	for _, p := range g.people {
		if !p.lone {
			continue
		}
		seen := map[string]bool{}
		for _, n := range append([]string{p.name}, p.variants...) {
			w := strings.Fields(n)
			k := fold(w[len(w)-1])
			if !seen[k] {
				seen[k] = true
				g.surname[k] = append(g.surname[k], p)
			}
		}
	}
	g.index()
	return g, nil
}

// index builds the lookups of person: every listed full name of a person by
// the key of its first name, and the lone surnames by skeleton. Both hold
// exactly the names the linear scans would have compared (SpellingScore is 0
// unless the first-name keys and the surname skeletons are equal).
func (g *Gazetteer) index() {
	g.spellings = map[string][]spelling{}
	for _, p := range g.people {
		for _, n := range append([]string{p.name}, p.variants...) {
			w := strings.Fields(fold(n))
			if len(w) < 2 {
				continue
			}
			last := w[len(w)-1]
			k := firstKey(w[0])
			g.spellings[k] = append(g.spellings[k], spelling{e: p, surname: last, skel: skeleton(last)})
		}
	}
	g.surnameBySkel = map[string][]string{}
	keys := make([]string, 0, len(g.surname))
	for k := range g.surname {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		sk := skeleton(k)
		g.surnameBySkel[sk] = append(g.surnameBySkel[sk], k)
	}
}

func (g *Gazetteer) parseCurated(data string) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return fmt.Errorf("curated gazetteer line %d: want TYPE, NAME, VARIANTS, FLAGS separated by tabs", n)
		}
		e := &gazEntry{typ: f[0], name: strings.TrimSpace(f[1]), curated: true}
		switch e.typ {
		case Person, Organization, Location:
		default:
			return fmt.Errorf("curated gazetteer line %d: unknown type %q", n, e.typ)
		}
		if len(f) > 2 {
			e.variants = splitList(f[2])
		}
		if len(f) > 3 {
			for _, fl := range strings.Split(f[3], ",") {
				switch strings.TrimSpace(fl) {
				case "lone":
					e.lone = true
				case "type":
					e.strong = true
				case "":
				default:
					return fmt.Errorf("curated gazetteer line %d: unknown flag %q", n, fl)
				}
			}
		}
		g.add(e)
		if e.typ == Person {
			g.people = append(g.people, e)
		}
		if e.typ == Organization {
			for _, n := range append([]string{e.name}, e.variants...) {
				if k := significantKey(n); strings.Contains(k, " ") && g.bySig[k] == nil {
					g.bySig[k] = e
				}
			}
		}
	}
	return sc.Err()
}

func (g *Gazetteer) parsePlaces(data string) error {
	var places []*gazEntry
	pops := map[*gazEntry]int{}
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return fmt.Errorf("places gazetteer line %d: want KIND, POPULATION, NAME, VARIANTS", n)
		}
		pop, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("places gazetteer line %d: population %q: %w", n, f[1], err)
		}
		e := &gazEntry{typ: Location, name: strings.TrimSpace(f[2])}
		if len(f) > 3 {
			e.variants = splitList(f[3])
		}
		e.strong = f[0] != "city" || pop >= bigCity
		places = append(places, e)
		pops[e] = pop
	}
	if err := sc.Err(); err != nil {
		return err
	}
	// Strong places first, then by population: a name two places have goes
	// to the country, state or bigger city.
	sort.SliceStable(places, func(i, j int) bool {
		if places[i].strong != places[j].strong {
			return places[i].strong
		}
		return pops[places[i]] > pops[places[j]]
	})
	// Every place's own name before any alternate name: an alternate name
	// that is another place's own name is that place ("Venice" is not an
	// alternate name of Dayton).
	mains := map[string]bool{}
	owner := make([]*gazEntry, len(places)) // the curated place that takes a place's names, or the place
	for i, e := range places {
		owner[i] = e
		// A place the curated list already knows by its name lends it its
		// variants; the curated display name stays.
		if c := g.curatedPlace(e); c != nil {
			owner[i] = c
		}
		mains[nameKey(e.name)] = true
		g.addName(e.name, owner[i])
	}
	for i, e := range places {
		for _, v := range e.variants {
			k := nameKey(v)
			if mains[k] && k != nameKey(e.name) || letters(k) < 2 {
				continue
			}
			g.addName(v, owner[i])
		}
	}
	return nil
}

// shortens reports whether name is place's name or an abbreviation of it:
// its letters, folded, in order among the place name's, the first the same
// ("Fla", "Calif." and "Hongkong" of "Florida", "California", "Hong Kong";
// not "Roma" of "Rome").
func shortens(name, place string) bool {
	a, b := lettersOf(name), lettersOf(place)
	if len(a) == 0 || len(b) == 0 || a[0] != b[0] {
		return false
	}
	i := 0
	for j := 0; i < len(a) && j < len(b); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

// lettersOf is the letters of s, folded (nameKey), in order.
func lettersOf(s string) []rune {
	var out []rune
	for _, r := range nameKey(s) {
		if unicode.IsLetter(r) {
			out = append(out, r)
		}
	}
	return out
}

// letters counts the letters of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// curatedPlace returns the curated place that has e's name (not one of its
// variants: a city's alternate names are too loose to join on).
func (g *Gazetteer) curatedPlace(e *gazEntry) *gazEntry {
	for _, c := range g.byName[nameKey(e.name)] {
		if c.curated && c.typ == Location {
			return c
		}
	}
	return nil
}

func (g *Gazetteer) add(e *gazEntry) {
	g.addName(e.name, e)
	for _, v := range e.variants {
		g.addName(v, e)
	}
}

// addName indexes name for e. A name already held by an entry of the same
// type keeps its first owner (curated entries are read first).
func (g *Gazetteer) addName(name string, e *gazEntry) {
	k := nameKey(name)
	if k == "" {
		return
	}
	for _, x := range g.byName[k] {
		if x == e || x.typ == e.typ {
			return
		}
	}
	g.byName[k] = append(g.byName[k], e)
}

// lookup returns the entry for name: a curated entry of type typ, else a
// strong curated entry of another type (ORG or LOC; a name tagged PERSON is
// retyped only by the curated list: "Crimea" yes, GeoNames' "Georgia" or
// "Jordan" no), else the same two steps over the derived places (whose
// alternate names retype only as abbreviations). The second result is the type to use. Curated
// entries come first so that a city's loose alternate names cannot take a
// name the curated list gives ("White House" is an alternate name of
// Casablanca).
func (g *Gazetteer) lookup(typ, name string) (*gazEntry, string) {
	if g == nil {
		return nil, typ
	}
	es := g.byName[nameKey(name)]
	for _, curated := range []bool{true, false} {
		for _, e := range es {
			if e.curated == curated && e.typ == typ {
				return e, typ
			}
		}
		if typ == Person && !curated {
			continue
		}
		for _, e := range es {
			// A place's alternate names retype only when they are its name
			// shortened or run together ("Fla", "Hongkong"): "Roma" tagged
			// ORG is the football club, not Rome.
			if e.curated == curated && e.typ != Person && e.strong && (curated || shortens(name, e.name)) {
				return e, e.typ
			}
		}
	}
	return nil, typ
}

// lookupType is lookup for an entity whose type is not to change: the
// curated, else the derived entry of type typ, or nil.
func (g *Gazetteer) lookupType(typ, name string) *gazEntry {
	if g == nil {
		return nil
	}
	es := g.byName[nameKey(name)]
	for _, curated := range []bool{true, false} {
		for _, e := range es {
			if e.curated == curated && e.typ == typ {
				return e
			}
		}
	}
	return nil
}

// organization returns the curated organization whose name or variant has
// the same significant words as name, up to spelling (two or more:
// "Organization of Petroleum Exporting Countries" is the listed "Organization
// of the Petroleum Exporting Countries", "North Atlantic Treaty Organisation"
// the listed "North Atlantic Treaty Organization"), or nil.
func (g *Gazetteer) organization(name string) *gazEntry {
	if g == nil || !strings.Contains(name, " ") {
		return nil
	}
	k := significantKey(name)
	if !strings.Contains(k, " ") {
		return nil
	}
	return g.bySig[k]
}

// significantKey is ner.SignificantKey, folded (case, diacritics), each word
// cut to its first five letters, so that spellings agree ("Organisation" and
// "Organization", "Countries" and "Country").
func significantKey(name string) string {
	w := strings.Fields(fold(ner.SignificantKey(name)))
	for i, x := range w {
		if r := []rune(x); len(r) > 5 {
			w[i] = string(r[:5])
		}
	}
	return strings.Join(w, " ")
}

// nameKey folds a name for lookup: case, diacritics, white space, points
// ("U.S", "U.S." and "US"; "Calif." and "Calif"), a leading "the". A name of
// one or two letters keeps its case: "LA" (Los Angeles) is not "La."
// (Louisiana), "PA" not "Pa.".
func nameKey(s string) string {
	k := dropPoints(fold(s))
	k = strings.TrimPrefix(k, "the ")
	if len(k) <= 2 {
		if c := shortName(s); c != "" {
			return c
		}
	}
	return k
}

// shortName is the ASCII letters of s with their case, when s is ASCII and
// has one or two letters besides points, spaces and a leading "the"; else "".
func shortName(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		s = s[4:]
	}
	var b [2]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			if n == len(b) {
				return ""
			}
			b[n] = c
			n++
		case c == '.' || asciiSpace(c):
		default:
			return ""
		}
	}
	return string(b[:n])
}

// dropPoints reads points in a folded name as word breaks and joins the
// single letters they separated: "u.s." is "us", "n.y." is "ny", "st. louis"
// is "st louis", "george w. bush" stays "george w bush".
func dropPoints(k string) string {
	if strings.IndexByte(k, '.') < 0 {
		return k
	}
	w := strings.Fields(strings.ReplaceAll(k, ".", " "))
	out := w[:0]
	prevSingle := false
	for _, x := range w {
		single := utf8.RuneCountInString(x) == 1
		if single && prevSingle {
			out[len(out)-1] += x
			continue
		}
		out = append(out, x)
		prevSingle = single
	}
	return strings.Join(out, " ")
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}
