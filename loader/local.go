package loader

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/resolve"
)

// local is what one article says by itself, before corpus resolution: its
// entities by key (entity.id is the key) and its statements' speakers and
// targets as keys. It is stored with the Article (property local, JSON), so
// that when the corpus mapping changes the article can be mapped again
// (Loader.Resolve) without its text.
type local struct {
	ents  []entity    // sorted by key
	stmts []statement // sorted by id; by and about are keys
	not   []graph.NotEntity
}

// resolved maps the article's entities and statements through m (nil: every
// key is its own entity). Keys that m joins become one entity: mention
// counts add up, sentences, aliases and roles are unions, the name is the
// longest (betterName), so the result does not depend on the keys' order.
func (l local) resolved(m *resolve.Mapping) ([]entity, []statement) {
	byID := map[string]*entity{}
	idOf := make(map[string]string, len(l.ents))
	for _, e := range l.ents {
		x := m.Of(e.id, e.typ)
		idOf[e.id] = x.ID
		if x.ID == "" {
			continue // the corpus condemns its name
		}
		y := byID[x.ID]
		if y == nil {
			y = &entity{id: x.ID, typ: e.typ}
			byID[x.ID] = y
		} else if e.typ < y.typ {
			y.typ = e.typ
		}
		y.keys = append(y.keys, e.id)
		y.name = betterName(y.name, e.name)
		y.aliases = append(append(y.aliases, e.aliases...), e.name)
		y.roles = append(y.roles, e.roles...)
		y.count += e.count
		y.sentences = append(y.sentences, e.sentences...)
	}
	ents := make([]entity, 0, len(byID))
	for _, y := range byID {
		y.aliases = aliasesWithout(y.aliases, y.name)
		y.roles = distinctStrings(y.roles)
		slices.Sort(y.sentences)
		y.sentences = slices.Compact(y.sentences)
		slices.Sort(y.keys)
		ents = append(ents, *y)
	}
	slices.SortFunc(ents, func(p, q entity) int { return strings.Compare(p.id, q.id) })
	stmts := make([]statement, len(l.stmts))
	for i, s := range l.stmts {
		s.by = idOf[s.by]
		about := make([]string, 0, len(s.about))
		for _, t := range s.about {
			if id := idOf[t]; id != s.by && id != "" {
				about = append(about, id)
			}
		}
		s.about = distinctStrings(about)
		stmts[i] = s
	}
	return ents, stmts
}

// resolveLocals are the article's entities as corpus resolution reads them.
func (l local) resolveLocals() []resolve.Local {
	out := make([]resolve.Local, len(l.ents), len(l.ents)+len(l.not))
	for i, e := range l.ents {
		out[i] = resolve.Local{Key: e.id, Type: e.typ, Name: e.name, Aliases: e.aliases, Roles: e.roles, Sentences: e.sentences, Mentions: e.count}
	}
	for _, n := range l.not {
		out = append(out, resolve.Local{Type: n.Type, Name: n.Name, NotEntity: n.Class})
	}
	return out
}

// The stored form of local: short field names, as it is kept on every
// Article.
type localJSON struct {
	E []localEnt  `json:"e"`
	S []localStmt `json:"s,omitempty"`
	N []localNot  `json:"n,omitempty"`
}

// localNot is a name the article condemns (graph.NotEntity).
type localNot struct {
	T string `json:"t"`
	N string `json:"n"`
	C string `json:"c"`
}

type localEnt struct {
	K string   `json:"k"`
	T string   `json:"t"`
	N string   `json:"n"`
	A []string `json:"a,omitempty"`
	R []string `json:"r,omitempty"`
	C int      `json:"c"`
	S []int    `json:"s"`
}

type localStmt struct {
	ID string   `json:"id"`
	B  string   `json:"b,omitempty"`
	A  []string `json:"a,omitempty"`
	C  *int     `json:"c,omitempty"` // confidence in thousandths; absent: 1000
}

func (l local) encode() string {
	v := localJSON{E: make([]localEnt, len(l.ents))}
	for i, e := range l.ents {
		v.E[i] = localEnt{K: e.id, T: e.typ, N: e.name, A: e.aliases, R: e.roles, C: e.count, S: e.sentences}
	}
	for _, s := range l.stmts {
		if s.by != "" || len(s.about) > 0 {
			x := localStmt{ID: s.id, B: s.by, A: s.about}
			if s.conf != 1000 {
				x.C = &s.conf
			}
			v.S = append(v.S, x)
		}
	}
	for _, n := range l.not {
		v.N = append(v.N, localNot{T: n.Type, N: n.Name, C: n.Class})
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("loader: encode local: %v", err)) // strings and ints cannot fail
	}
	return string(b)
}

// decodeLocal reads the stored form. Statements without a speaker or target
// are not stored in it (they have nothing to map).
func decodeLocal(s string) (local, error) {
	var v localJSON
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return local{}, fmt.Errorf("article local entities: %w", err)
	}
	l := local{ents: make([]entity, len(v.E))}
	for i, e := range v.E {
		l.ents[i] = entity{id: e.K, typ: e.T, name: e.N, aliases: e.A, roles: e.R, count: e.C, sentences: e.S}
		if l.ents[i].sentences == nil {
			l.ents[i].sentences = []int{}
		}
	}
	for _, x := range v.S {
		s := statement{id: x.ID, by: x.B, about: x.A, conf: 1000}
		if x.C != nil {
			s.conf = *x.C
		}
		l.stmts = append(l.stmts, s)
	}
	for _, x := range v.N {
		l.not = append(l.not, graph.NotEntity{Type: x.T, Name: x.N, Class: x.C})
	}
	return l, nil
}
