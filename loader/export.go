package loader

import (
	"encoding/csv"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/resolve"
)

// arrayDelimiter separates array elements and labels inside one CSV field
// (U+001F, the ASCII unit separator: it does not occur in text). It is
// removed from values.
const arrayDelimiter = "\x1f"

// Export describes the files ExportCSV wrote.
type Export struct {
	Dir           string
	Nodes         []string // node files, relative to Dir
	Relationships []string // relationship files, relative to Dir
	Articles      int
	Invalid       []Invalid
}

// ExportOptions tune ExportCSV.
type ExportOptions struct {
	// CountBy is the counting rule of the aggregate edges (as Config.CountBy).
	CountBy CountBy
	// MinConfidence is the said-about threshold (as Config.MinConfidence).
	MinConfidence float64
	// StorySig, when not nil, gives an article's story signature
	// (story.Signature.String), written as Article.story_sig as ingest's
	// StoryStore stores it, so that later ingests group new articles with
	// the imported ones. Nil: no signatures (later ingests then group new
	// articles only among themselves).
	StorySig func(articleID string) string
	// Namer turns on corpus-level entity resolution (as Config.Namer): the
	// export is the graph after Loader.Resolve.
	Namer resolve.Namer
}

// Command returns the neo4j-admin command that imports the export into
// database (which must not exist or is overwritten; the server must be
// stopped, or the database dropped, first). Run the schema afterwards
// ("newsgraph schema"): neo4j-admin import creates no constraints or indexes.
func (e Export) Command(database string) string {
	if database == "" {
		database = "neo4j"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "neo4j-admin database import full %s --overwrite-destination --multiline-fields=true --array-delimiter=U+001F", shellQuote(database))
	for _, f := range e.Nodes {
		fmt.Fprintf(&b, " --nodes=%s", shellQuote(filepath.Join(e.Dir, f)))
	}
	for _, f := range e.Relationships {
		fmt.Fprintf(&b, " --relationships=%s", shellQuote(filepath.Join(e.Dir, f)))
	}
	return b.String()
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '+' || r == ':' || r == '=' ||
			(r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ExportCSV writes the graph that Load would build from docs as CSV files
// for "neo4j-admin database import full" into dir (created if missing),
// including the ingest ledger, so that a database created by the import can
// afterwards be updated with Load. The graph is built in memory: memory
// grows with the extracted documents (not their texts).
//
// The export also holds the :IngestLock node with the counting rule
// (opts.CountBy) and the said-about threshold (opts.MinConfidence), as the
// first Load would write them.
func ExportCSV(dir string, docs iter.Seq[graph.Doc], opts ExportOptions) (Export, error) {
	minConf := thousandths(opts.MinConfidence)
	m := buildModel(docs, opts.CountBy, minConf, opts.Namer)
	ex := Export{Dir: dir, Articles: len(m.reps), Invalid: m.invalid}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ex, fmt.Errorf("export: %w", err)
	}
	type file struct {
		name   string
		header []string
		rows   [][]string
		node   bool
	}
	files := []*file{
		{name: "articles.csv", node: true, header: []string{"id:ID(Article)", "url", "title", "published", "publisher", "credit", "story", "hash", "source", "story_sig", "local", ":LABEL"}},
		{name: "entities.csv", node: true, header: []string{"id:ID(Entity)", "name", "aliases:string[]", "roles:string[]", "keys:string[]", "merged:string[]", ":LABEL"}},
		{name: "statements.csv", node: true, header: []string{"id:ID(Statement)", "text", "cue", "direct:boolean", "start:long", "end:long", "cue_start:long", "cue_end:long", "source_text", "confidence:double", "kind", ":LABEL"}},
		{name: "ingest.csv", node: true, header: []string{"source:ID(Ingest)", "article", "hash", "url", "title", "published", "publisher", "credit", "story", ":LABEL"}},
		{name: "ingest_lock.csv", node: true, header: []string{"id:ID(IngestLock)", "count_by", "min_confidence:double", ":LABEL"},
			rows: [][]string{{"ingest", opts.CountBy.String(), formatConf(minConf), "IngestLock"}}},
		{name: "mentions.csv", header: []string{":START_ID(Article)", ":END_ID(Entity)", ":TYPE", "count:long", "sentences:long[]", "name", "aliases:string[]", "roles:string[]", "type", "keys:string[]"}},
		{name: "statement_in.csv", header: []string{":START_ID(Statement)", ":END_ID(Article)", ":TYPE"}},
		{name: "statement_by.csv", header: []string{":START_ID(Statement)", ":END_ID(Entity)", ":TYPE"}},
		{name: "statement_about.csv", header: []string{":START_ID(Statement)", ":END_ID(Entity)", ":TYPE"}},
		{name: "co_mentioned_with.csv", header: []string{":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "key", "articles:long", "sentences:long", "first_seen", "last_seen"}},
		{name: "said_about.csv", header: []string{":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "key", "count:long", "confidence:double", "first_seen", "last_seen"}},
	}
	articles, entities, statements, ingest, mentions, in, by, about, co, sa :=
		files[0], files[1], files[2], files[3], files[5], files[6], files[7], files[8], files[9], files[10]

	sig := func(id string) string {
		if opts.StorySig == nil {
			return ""
		}
		return clean(opts.StorySig(id))
	}
	for _, id := range sortedKeys(m.reps) {
		a := m.reps[id]
		rep := m.ledger[a.source]
		articles.rows = append(articles.rows, []string{clean(id), clean(rep.meta.URL), clean(rep.meta.Title),
			clean(rep.meta.Published), clean(rep.meta.Publisher), clean(rep.meta.Credit), clean(rep.meta.Story),
			clean(rep.hash), clean(rep.source), sig(id), clean(a.local.encode()), "Article"})
		for _, e := range a.ents {
			mentions.rows = append(mentions.rows, []string{clean(id), clean(e.id), "MENTIONS", strconv.Itoa(e.count),
				joinInts(e.sentences), clean(e.name), joinStrings(e.aliases), joinStrings(e.roles), e.typ, joinStrings(e.keys)})
		}
		for _, s := range a.stmts {
			statements.rows = append(statements.rows, []string{clean(s.id), clean(s.text), clean(s.cue),
				strconv.FormatBool(s.direct), strconv.Itoa(s.start), strconv.Itoa(s.end),
				strconv.Itoa(s.cueStart), strconv.Itoa(s.cueEnd), clean(s.sourceText), formatConf(s.conf), clean(s.kind),
				strings.Join(statementLabels(s, minConf), arrayDelimiter)})
			in.rows = append(in.rows, []string{clean(s.id), clean(id), "IN"})
			if s.by != "" {
				by.rows = append(by.rows, []string{clean(s.id), clean(s.by), "BY"})
			}
			for _, t := range s.about {
				about.rows = append(about.rows, []string{clean(s.id), clean(t), "ABOUT"})
			}
		}
	}
	for _, id := range sortedKeys(m.entities) {
		x := m.entities[id]
		entities.rows = append(entities.rows, []string{clean(id), clean(x.name), joinStrings(x.aliases),
			joinStrings(x.roles), joinStrings(x.keys), joinStrings(x.merged), strings.Join(x.labels(), arrayDelimiter)})
	}
	for _, s := range sortedKeys(m.ledger) {
		e := m.ledger[s]
		ingest.rows = append(ingest.rows, []string{clean(s), clean(e.article), clean(e.hash), clean(e.meta.URL),
			clean(e.meta.Title), clean(e.meta.Published), clean(e.meta.Publisher), clean(e.meta.Credit),
			clean(e.meta.Story), "Ingest"})
	}
	for _, p := range sortedPairs(m.co) {
		d := m.co[p]
		co.rows = append(co.rows, []string{clean(p.a), clean(p.b), "CO_MENTIONED_WITH", edgeKey(p), strconv.Itoa(d.n),
			strconv.Itoa(d.sentences), d.addMin, d.addMax})
	}
	for _, p := range sortedPairs(m.said) {
		d := m.said[p]
		sa.rows = append(sa.rows, []string{clean(p.a), clean(p.b), "SAID_ABOUT", edgeKey(p), strconv.Itoa(d.n), formatConf(d.conf), d.addMin, d.addMax})
	}
	for _, f := range files {
		if err := writeCSV(filepath.Join(dir, f.name), f.header, f.rows); err != nil {
			return ex, err
		}
		if f.node {
			ex.Nodes = append(ex.Nodes, f.name)
		} else {
			ex.Relationships = append(ex.Relationships, f.name)
		}
	}
	return ex, nil
}

func writeCSV(path string, header []string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	w := csv.NewWriter(f)
	_ = w.Write(header)
	_ = w.WriteAll(rows) // WriteAll flushes
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return nil
}

func sortedPairs(m map[pair]*delta) []pair {
	ps := make([]pair, 0, len(m))
	for p, d := range m {
		if d.n > 0 {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(p, q pair) int {
		if c := strings.Compare(p.a, q.a); c != 0 {
			return c
		}
		return strings.Compare(p.b, q.b)
	})
	return ps
}

// formatConf writes a confidence given in thousandths as the float the
// loader stores (float64(c) / 1000, shortest form that reads back the same).
func formatConf(c int) string { return strconv.FormatFloat(float64(c)/1000, 'g', -1, 64) }

// clean removes the array delimiter from a value.
func clean(s string) string { return strings.ReplaceAll(s, arrayDelimiter, "") }

func joinStrings(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = clean(x)
	}
	return strings.Join(out, arrayDelimiter)
}

func joinInts(xs []int) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.Itoa(x)
	}
	return strings.Join(out, arrayDelimiter)
}
