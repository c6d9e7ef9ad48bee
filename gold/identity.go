package gold

// Identity audit: does one real entity end as one entity id across a whole
// corpus, do different entities stay apart, and are non-entities kept out?
// An audit file lists, for the most frequent entities of a corpus, the groups
// of name strings that denote one entity, the pairs of names that must stay
// apart and the strings that are not entities at all (docs/identity.md has
// the annotation guideline and the definitions below with the numbers).
//
// The scorer sees an extraction (or a graph) only through its names: which
// entity ids hold which name strings, and with how many mentions. A name's
// entity is the id that holds the most mentions whose text is that name
// (folded: case, whitespace, curly apostrophe, a leading "the"); an id whose
// canonical name or an alias is the name holds it with no mentions and wins
// only where no id has a mention with that text. Ties go to the id with more
// mentions in all, then to the smaller id.

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// Audit is an identity audit file.
type Audit struct {
	// Corpus says what the audit was made from.
	Corpus string `json:"corpus"`
	// Groups are the real entities: the names (with the entity's type) that
	// denote each one in the corpus.
	Groups []AuditGroup `json:"groups"`
	// Apart are pairs of names that denote different entities. A name may
	// carry its type ("ORG:Liverpool", "LOC:Liverpool") to tell apart two
	// entities that share a string.
	Apart [][2]string `json:"apart"`
	// Junk are strings that are not people, organizations or places.
	Junk []string `json:"junk"`
	// Ambiguous are names the annotator left out of every group because
	// they denote several entities in the corpus; they are not scored.
	Ambiguous []string `json:"ambiguous"`
}

// AuditGroup is one real entity: its type and the names that denote it.
type AuditGroup struct {
	Type  string   `json:"type"`
	Names []string `json:"names"`
}

var auditTypes = map[string]bool{graph.Person: true, graph.Organization: true, graph.Location: true}

// LoadAudit reads and checks an audit file.
func LoadAudit(path string) (*Audit, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read audit %s: %w", path, err)
	}
	var a Audit
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("parse audit %s: %w", path, err)
	}
	if err := a.check(); err != nil {
		return nil, fmt.Errorf("audit %s: %w", path, err)
	}
	return &a, nil
}

// check rejects what the scorer could not score consistently: unknown types,
// empty names, and one string in two groups of the same type.
func (a *Audit) check() error {
	seen := map[string]int{} // type/folded name -> group index
	for i, g := range a.Groups {
		if !auditTypes[g.Type] {
			return fmt.Errorf("group %d (%v): type %q: want PERSON, ORG or LOC", i+1, g.Names, g.Type)
		}
		if len(g.Names) == 0 {
			return fmt.Errorf("group %d: no names", i+1)
		}
		for _, n := range g.Names {
			if fold(n) == "" {
				return fmt.Errorf("group %d: empty name", i+1)
			}
			k := g.Type + "/" + fold(n)
			if j, ok := seen[k]; ok && j != i {
				return fmt.Errorf("%s %q is in groups %d and %d", g.Type, n, j+1, i+1)
			}
			seen[k] = i
		}
	}
	for _, p := range a.Apart {
		for _, n := range p {
			if _, name := splitTyped(n); fold(name) == "" {
				return fmt.Errorf("apart pair %q: empty name", p)
			}
		}
	}
	return nil
}

// splitTyped splits "ORG:Liverpool" into its type and name; a name without
// a known type prefix has type "".
func splitTyped(s string) (typ, name string) {
	if i := strings.IndexByte(s, ':'); i > 0 && auditTypes[s[:i]] {
		return s[:i], strings.TrimSpace(s[i+1:])
	}
	return "", s
}

// Names is what an extraction or a graph says about names: which entity ids
// hold which name strings, and with how many mentions.
type Names struct {
	ids  map[string]*heldID
	held map[string]map[string]int // folded name -> id -> mentions with that text
}

type heldID struct {
	typ      string
	types    map[string]int // extraction: mentions by the type an article gives
	names    map[string]int // display names as given (per article or node) -> count
	mentions int
}

// NewNames returns an empty table.
func NewNames() *Names {
	return &Names{ids: map[string]*heldID{}, held: map[string]map[string]int{}}
}

func (t *Names) entity(id, typ string) *heldID {
	e := t.ids[id]
	if e == nil {
		e = &heldID{typ: typ, types: map[string]int{}, names: map[string]int{}}
		t.ids[id] = e
	}
	return e
}

// idTypes are the type prefixes of entity ids (graph.ID).
var idTypes = map[string]string{"person": graph.Person, "org": graph.Organization, "loc": graph.Location}

// settleTypes gives every extracted id one type: the one its id's prefix
// names (an extraction with corpus ids keeps each article's own type on the
// entity but the corpus type in the id), else the type most of its mentions
// carry.
func (t *Names) settleTypes() {
	for id, h := range t.ids {
		if len(h.types) == 0 {
			continue
		}
		if p, _, ok := strings.Cut(id, ":"); ok && idTypes[p] != "" {
			h.typ = idTypes[p]
			continue
		}
		best := -1
		for _, typ := range slices.Sorted(maps.Keys(h.types)) {
			if h.types[typ] > best {
				h.typ, best = typ, h.types[typ]
			}
		}
	}
}

func (t *Names) hold(name, id string, mentions int) {
	k := fold(name)
	if k == "" {
		return
	}
	m := t.held[k]
	if m == nil {
		m = map[string]int{}
		t.held[k] = m
	}
	m[id] += mentions
}

// AddDoc adds the entities of one extracted article: every mention holds its
// text for its entity id; the entity's name and aliases are held with no
// mentions.
func (t *Names) AddDoc(d graph.Doc) {
	for _, e := range d.Entities {
		h := t.entity(e.ID, e.Type)
		h.types[e.Type] += len(e.Mentions)
		h.names[e.Name]++
		h.mentions += len(e.Mentions)
		for _, m := range e.Mentions {
			t.hold(m.Text, e.ID, 1)
		}
		t.hold(e.Name, e.ID, 0)
		for _, a := range e.Aliases {
			t.hold(a, e.ID, 0)
		}
	}
}

// AddNode adds one graph node: the graph keeps no mention texts, so its name
// and every alias are held with all the node's mentions.
func (t *Names) AddNode(id, typ, name string, aliases []string, mentions int) {
	h := t.entity(id, typ)
	h.names[name]++
	h.mentions += mentions
	t.hold(name, id, mentions)
	for _, a := range aliases {
		if fold(a) != fold(name) {
			t.hold(a, id, mentions)
		}
	}
}

// ReadExtract adds every article of an extract JSON Lines stream.
func (t *Names) ReadExtract(ctx context.Context, r io.Reader) (int, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		var d graph.Doc
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("article %d: %w", n+1, err)
		}
		t.AddDoc(d)
		n++
	}
}

// ReadExtractFile adds every article of an extract file (JSON Lines, gzipped
// if its name ends in .gz); "-" is standard input.
func (t *Names) ReadExtractFile(ctx context.Context, path string) (int, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return 0, fmt.Errorf("open extract: %w", err)
		}
		defer f.Close()
		r = f
		if strings.HasSuffix(path, ".gz") {
			z, err := gzip.NewReader(f)
			if err != nil {
				return 0, fmt.Errorf("read extract %s: %w", path, err)
			}
			defer z.Close()
			r = z
		}
	}
	n, err := t.ReadExtract(ctx, r)
	if err != nil {
		return n, fmt.Errorf("read extract %s: %w", path, err)
	}
	return n, nil
}

// canonical is the id's most frequent display name (ties: the smaller).
func (h *heldID) canonical() string {
	best, bc := "", -1
	for n, c := range h.names {
		if c > bc || c == bc && n < best {
			best, bc = n, c
		}
	}
	return best
}

// resolve is the entity of a name: the id (of type typ, if not "") holding
// the most mentions with that text; "" if no id holds it.
func (t *Names) resolve(name, typ string) string {
	best, bm := "", -1
	for id, m := range t.held[fold(name)] {
		h := t.ids[id]
		if typ != "" && h.typ != typ {
			continue
		}
		if best == "" || m > bm || m == bm && (h.mentions > t.ids[best].mentions ||
			h.mentions == t.ids[best].mentions && id < best) {
			best, bm = id, m
		}
	}
	return best
}

// holds reports whether id holds name (of type typ, if not "").
func (t *Names) holds(id, name, typ string) bool {
	if typ != "" && t.ids[id].typ != typ {
		return false
	}
	_, ok := t.held[fold(name)][id]
	return ok
}

// IdentityReport is the score of an extraction or graph against an audit.
type IdentityReport struct {
	Groups      int // groups in the audit
	Names       int // names in the groups
	NamesFound  int // of them, held by some entity
	MultiGroups int // groups with two or more names found
	Whole       int // of them, all found names on one id
	PairsTP     int // name pairs within a group on one id
	PairsFN     int // name pairs within a group on two ids
	// Mentions of a group's names on its main id (the id holding most of
	// them) and on other ids whose own name is one of the group's names
	// (fragments: the same entity under a second id).
	MainMentions, FragmentMentions int
	TypeRight                      int // groups whose main id has the group's type
	TypeScored                     int // groups with a main id
	Apart                          int // apart pairs in the audit
	ApartPairs                     int // of them, with both names found
	ApartMerged                    int // of them, on one id
	GroupMerges                    int // pairs of groups with names on one id
	JunkStrings                    int // junk strings in the audit
	JunkHeld                       int // of them, held by some entity
	JunkEntities                   int // entity ids whose name is a junk string
	JunkMentions                   int // their mentions
	Entities                       int // entity ids in the extraction or graph
	Splits                         []string
	Merges                         []string
	Fragments                      []string
	TypeErrors                     []string
	JunkFound                      []string
	NotFound                       []string
}

// GroupsWhole is the share of groups (with two or more names found) whose
// names all end on one entity.
func (r IdentityReport) GroupsWhole() float64 { return ratio(r.Whole, r.MultiGroups) }

// PairRecall is the share of name pairs within groups that end on one entity.
func (r IdentityReport) PairRecall() float64 { return ratio(r.PairsTP, r.PairsTP+r.PairsFN) }

// MentionShare is the share of the groups' mentions on their main entity.
func (r IdentityReport) MentionShare() float64 {
	return ratio(r.MainMentions, r.MainMentions+r.FragmentMentions)
}

// WrongMerges counts apart pairs and pairs of groups that share an entity.
func (r IdentityReport) WrongMerges() int { return r.ApartMerged + r.GroupMerges }

// ScoreIdentity scores the names table against the audit.
func ScoreIdentity(a *Audit, t *Names) IdentityReport {
	t.settleTypes()
	rep := IdentityReport{Groups: len(a.Groups), Apart: len(a.Apart), JunkStrings: len(a.Junk), Entities: len(t.ids)}
	typed := typedStrings(a)
	typeOf := func(name, typ string) string {
		if typed[fold(name)] {
			return typ
		}
		return ""
	}
	groupsOf := map[string][]int{} // id -> groups with a name resolved to it
	for gi, g := range a.Groups {
		ids := map[string][]string{} // id -> the group's names resolved to it
		var found []string
		for _, n := range g.Names {
			rep.Names++
			id := t.resolve(n, typeOf(n, g.Type))
			if id == "" {
				rep.NotFound = append(rep.NotFound, g.Type+" "+n)
				continue
			}
			rep.NamesFound++
			found = append(found, id)
			ids[id] = append(ids[id], n)
		}
		for i := range found {
			for j := i + 1; j < len(found); j++ {
				if found[i] == found[j] {
					rep.PairsTP++
				} else {
					rep.PairsFN++
				}
			}
		}
		if len(found) >= 2 {
			rep.MultiGroups++
			if len(ids) == 1 {
				rep.Whole++
			} else {
				rep.Splits = append(rep.Splits, describeIDs(g, ids))
			}
		}
		for _, id := range slices.Sorted(maps.Keys(ids)) {
			if l := groupsOf[id]; len(l) == 0 || l[len(l)-1] != gi {
				groupsOf[id] = append(groupsOf[id], gi)
			}
		}
		t.scoreMentions(&rep, g, typeOf)
	}
	// Groups sharing an entity.
	merged := map[[2]int]string{}
	for _, id := range slices.Sorted(maps.Keys(groupsOf)) {
		gs := groupsOf[id]
		for i := range gs {
			for j := i + 1; j < len(gs); j++ {
				k := [2]int{gs[i], gs[j]}
				if _, ok := merged[k]; !ok {
					merged[k] = id
					rep.Merges = append(rep.Merges, fmt.Sprintf("groups %s and %s on %s",
						groupLabel(a.Groups[gs[i]]), groupLabel(a.Groups[gs[j]]), id))
				}
			}
		}
	}
	rep.GroupMerges = len(merged)
	t.scoreApart(&rep, a)
	t.scoreJunk(&rep, a)
	return rep
}

// typedStrings are the folded strings the audit gives more than one type (in
// groups or typed apart names): those resolve among ids of the group's type.
func typedStrings(a *Audit) map[string]bool {
	types := map[string]map[string]bool{}
	add := func(name, typ string) {
		k := fold(name)
		if types[k] == nil {
			types[k] = map[string]bool{}
		}
		types[k][typ] = true
	}
	for _, g := range a.Groups {
		for _, n := range g.Names {
			add(n, g.Type)
		}
	}
	for _, p := range a.Apart {
		for _, s := range p {
			if typ, n := splitTyped(s); typ != "" {
				add(n, typ)
			}
		}
	}
	out := map[string]bool{}
	for k, ts := range types {
		out[k] = len(ts) > 1
	}
	return out
}

// scoreMentions finds a group's main id (the one holding most mentions of its
// names), checks its type, and counts the mentions of the group's names on
// fragments: other ids whose own canonical name is one of the group's names.
func (t *Names) scoreMentions(rep *IdentityReport, g AuditGroup, typeOf func(string, string) string) {
	byID := map[string]int{}
	own := map[string]bool{}
	for _, n := range g.Names {
		own[fold(n)] = true
		typ := typeOf(n, g.Type)
		for id, m := range t.held[fold(n)] {
			if typ == "" || t.ids[id].typ == typ {
				byID[id] += m
			}
		}
	}
	main, best := "", -1
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		if m := byID[id]; m > best || m == best && t.ids[id].mentions > t.ids[main].mentions {
			main, best = id, m
		}
	}
	if main == "" {
		return
	}
	rep.TypeScored++
	if t.ids[main].typ == g.Type {
		rep.TypeRight++
	} else {
		rep.TypeErrors = append(rep.TypeErrors, fmt.Sprintf("%s is %s, not %s", main, t.ids[main].typ, g.Type))
	}
	rep.MainMentions += byID[main]
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		if id == main || byID[id] == 0 || !own[fold(t.ids[id].canonical())] {
			continue
		}
		rep.FragmentMentions += byID[id]
		rep.Fragments = append(rep.Fragments, fmt.Sprintf("%s: %d mentions on %s, not %s", groupLabel(g), byID[id], id, main))
	}
}

// scoreApart counts apart pairs that one id holds both of. Two names with
// one string and two types (a club and its city) are merged when the string
// is held by ids of only one of the two types.
func (t *Names) scoreApart(rep *IdentityReport, a *Audit) {
	for _, p := range a.Apart {
		ta, na := splitTyped(p[0])
		tb, nb := splitTyped(p[1])
		if fold(na) == fold(nb) {
			ha, hb := t.heldBy(na, ta), t.heldBy(nb, tb)
			switch {
			case len(ha) == 0 && len(hb) == 0:
			case len(ha) == 0 || len(hb) == 0:
				rep.ApartPairs++
				rep.ApartMerged++
				rep.Merges = append(rep.Merges, fmt.Sprintf("apart %s / %s: only %s", p[0], p[1], strings.Join(append(ha, hb...), ", ")))
			default:
				rep.ApartPairs++
			}
			continue
		}
		ha := t.heldBy(na, ta)
		if len(ha) == 0 || len(t.heldBy(nb, tb)) == 0 {
			continue
		}
		rep.ApartPairs++
		for _, id := range ha {
			if t.holds(id, nb, tb) {
				rep.ApartMerged++
				rep.Merges = append(rep.Merges, fmt.Sprintf("apart %s / %s: both on %s", p[0], p[1], id))
				break
			}
		}
	}
}

// heldBy lists the ids (of type typ, if not "") holding name, sorted.
func (t *Names) heldBy(name, typ string) []string {
	var out []string
	for id := range t.held[fold(name)] {
		if typ == "" || t.ids[id].typ == typ {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// scoreJunk counts the junk strings any id holds, and the ids whose canonical
// name is junk with their mentions.
func (t *Names) scoreJunk(rep *IdentityReport, a *Audit) {
	junk := map[string]bool{}
	for _, j := range a.Junk {
		junk[fold(j)] = true
		if len(t.held[fold(j)]) > 0 {
			rep.JunkHeld++
		}
	}
	for _, id := range slices.Sorted(maps.Keys(t.ids)) {
		h := t.ids[id]
		if junk[fold(h.canonical())] {
			rep.JunkEntities++
			rep.JunkMentions += h.mentions
			rep.JunkFound = append(rep.JunkFound, fmt.Sprintf("%s (%d mentions)", id, h.mentions))
		}
	}
}

func describeIDs(g AuditGroup, ids map[string][]string) string {
	var parts []string
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		parts = append(parts, fmt.Sprintf("%s %q", id, ids[id]))
	}
	return groupLabel(g) + ": " + strings.Join(parts, ", ")
}

func groupLabel(g AuditGroup) string { return g.Type + " " + g.Names[0] }
