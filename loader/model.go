package loader

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/resolve"
)

// model is the graph that loading a set of documents builds, computed in
// memory by the same rules as Load: the last document of each source wins,
// each article (content hash) takes its metadata and contribution from its
// smallest source, entity names, aliases, roles and labels are
// order-independent merges, aggregate edges are sums, minima and maxima.
// ExportCSV writes it for neo4j-admin; tests compare it with what Load
// builds in Neo4j.
type model struct {
	ledger   map[string]ledgerEntry // by source
	reps     map[string]*prepDoc    // by article id: the representative document
	entities map[string]*modelEntity
	co, said map[pair]*delta
	minConf  int // thousandths: statements below it are Weak and make no SAID_ABOUT
	warnings int
	invalid  []Invalid
	sig      func(id string) string // story signatures, for dump; nil: none
}

type modelEntity struct {
	name           string
	aliases, roles []string
	types          []string
	keys, merged   []string // corpus resolution: the keys joined, and why
}

// buildModel computes in memory the graph that loading docs builds; with a
// namer, after Loader.Resolve: the mapping is resolved from the articles'
// own entities, as Resolve reads them from the database. minConf is the
// said-about threshold in thousandths (Config.MinConfidence).
func buildModel(docs iter.Seq[graph.Doc], countBy CountBy, minConf int, namer resolve.Namer) *model {
	m := &model{ledger: map[string]ledgerEntry{}, reps: map[string]*prepDoc{}, minConf: minConf}
	bySource := map[string]*prepDoc{}
	for d := range docs {
		a, err := prepare(d, nil)
		if err != nil {
			m.invalid = append(m.invalid, Invalid{Source: d.Source, ID: d.ID, Reason: err.Error()})
			continue
		}
		m.warnings += len(a.warns)
		bySource[a.source] = a
	}
	for _, s := range sortedKeys(bySource) {
		a := bySource[s]
		m.ledger[s] = ledgerEntry{source: s, article: a.id, hash: a.hash, meta: a.meta, doc: a}
		if r := m.reps[a.id]; r == nil || a.source < r.source {
			m.reps[a.id] = a
		}
	}
	var mapping *resolve.Mapping
	if namer != nil {
		table := resolve.NewTable(namer)
		for _, id := range sortedKeys(m.reps) {
			table.Add(id, m.reps[id].local.resolveLocals())
		}
		mapping = table.Resolve()
		for _, a := range m.reps {
			a.ents, a.stmts = a.local.resolved(mapping)
		}
	}
	m.entities = map[string]*modelEntity{}
	ds := newDeltas(minConf)
	for _, id := range sortedKeys(m.reps) {
		a := m.reps[id]
		if countBy.counts(a.id, m.ledger[a.source].meta.Story) {
			ds.apply(a.contrib(), +1)
		}
		for _, e := range a.ents {
			x := m.entities[e.id]
			if x == nil {
				x = &modelEntity{}
				m.entities[e.id] = x
			}
			x.name = betterName(x.name, e.name)
			x.aliases = append(x.aliases, e.aliases...)
			x.aliases = append(x.aliases, e.name)
			x.roles = append(x.roles, e.roles...)
			x.types = append(x.types, e.typ)
		}
	}
	for id, x := range m.entities {
		if c, ok := mapping.Entity(id); ok {
			x.name, x.types = c.Name, []string{c.Type}
			x.keys, x.merged = mapping.Members(id), mapping.Evidence(id)
		}
		x.aliases, x.roles, x.types = aliasesWithout(x.aliases, x.name), distinctStrings(x.roles), distinctStrings(x.types)
	}
	m.co, m.said = ds.co, ds.said
	return m
}

// statementLabels are the labels of a statement, sorted: Statement, and
// Weak when its confidence is below the threshold (thousandths).
func statementLabels(s statement, minConf int) []string {
	if s.conf < minConf {
		return []string{"Statement", "Weak"}
	}
	return []string{"Statement"}
}

// entityLabels returns the labels of an entity, sorted.
func (x *modelEntity) labels() []string {
	ls := []string{"Entity"}
	for _, t := range x.types {
		ls = append(ls, entityTypes[t])
	}
	slices.Sort(ls)
	return ls
}

func (x *modelEntity) props(id string) map[string]any {
	p := map[string]any{"id": id, "name": x.name}
	setNonEmptyList(p, "keys", x.keys)
	setNonEmptyList(p, "merged", x.merged)
	setNonEmptyList(p, "aliases", x.aliases)
	setNonEmptyList(p, "roles", x.roles)
	return p
}

func coProps(pr pair, d *delta) map[string]any {
	p := map[string]any{"key": edgeKey(pr), "articles": d.n, "sentences": d.sentences}
	setNonEmpty(p, "first_seen", d.addMin)
	setNonEmpty(p, "last_seen", d.addMax)
	return p
}

func saidProps(pr pair, d *delta) map[string]any {
	p := map[string]any{"key": edgeKey(pr), "count": d.n, "confidence": float64(d.conf) / 1000}
	setNonEmpty(p, "first_seen", d.addMin)
	setNonEmpty(p, "last_seen", d.addMax)
	return p
}

// dump renders the model in Dump's canonical form.
func (m *model) dump() (string, error) {
	var lines []string
	node := func(labels []string, props map[string]any) error {
		b, err := json.Marshal(props)
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("(%s %s)", strings.Join(labels, ":"), b))
		return nil
	}
	rel := func(typ, al, a, bl, b string, props map[string]any) error {
		p, err := json.Marshal(props)
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("[%s (%s)%s -> (%s)%s %s]", typ, al, jsonString(a), bl, jsonString(b), p))
		return nil
	}
	entLabels := func(id string) string { return strings.Join(m.entities[id].labels(), ":") }
	var err error
	add := func(e error) {
		if err == nil {
			err = e
		}
	}
	for _, e := range m.ledger {
		add(node([]string{"Ingest"}, ingestProps(e.doc)))
	}
	for id, x := range m.entities {
		add(node(x.labels(), x.props(id)))
	}
	for id, a := range m.reps {
		ap := articleProps(id, m.ledger[a.source])
		ap["local"] = a.local.encode()
		if m.sig != nil {
			setNonEmpty(ap, "story_sig", m.sig(id))
		}
		add(node([]string{"Article"}, ap))
		for _, e := range a.ents {
			add(rel("MENTIONS", "Article", id, entLabels(e.id), e.id, mentionProps(e)))
		}
		for _, s := range a.stmts {
			sl := statementLabels(s, m.minConf)
			add(node(sl, statementProps(s)))
			sls := strings.Join(sl, ":")
			add(rel("IN", sls, s.id, "Article", id, map[string]any{}))
			if s.by != "" {
				add(rel("BY", sls, s.id, entLabels(s.by), s.by, map[string]any{}))
			}
			for _, t := range s.about {
				add(rel("ABOUT", sls, s.id, entLabels(t), t, map[string]any{}))
			}
		}
	}
	for p, d := range m.co {
		if d.n > 0 {
			add(rel("CO_MENTIONED_WITH", entLabels(p.a), p.a, entLabels(p.b), p.b, coProps(p, d)))
		}
	}
	for p, d := range m.said {
		if d.n > 0 {
			add(rel("SAID_ABOUT", entLabels(p.a), p.a, entLabels(p.b), p.b, saidProps(p, d)))
		}
	}
	if err != nil {
		return "", fmt.Errorf("dump model: %w", err)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n"), nil
}

// ExpectedDump returns, in Dump's form, the graph that loading docs builds
// (Load in batches of any order, with a StoryStore that stored the
// signatures opts.StorySig gives, counting by opts.CountBy), which is also
// what importing ExportCSV(dir, docs, opts) gives. Tests compare it with a
// real database's Dump.
func ExpectedDump(docs iter.Seq[graph.Doc], opts ExportOptions) (string, error) {
	m := buildModel(docs, opts.CountBy, thousandths(opts.MinConfidence), opts.Namer)
	m.sig = opts.StorySig
	return m.dump()
}
