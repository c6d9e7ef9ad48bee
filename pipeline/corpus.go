package pipeline

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"os"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/resolve"
)

// CorpusIDs gives extracted documents corpus-level entity ids (package
// resolve): it keeps the documents in a spool file while they are
// extracted, then resolves the keys of all of them and hands each document
// back with its ids rewritten. The result is the ids the graph has after
// loading the same articles.
type CorpusIDs struct {
	table *resolve.Table
	spool *os.File
	w     *bufio.Writer
	enc   *gob.Encoder
	n     int
}

// NewCorpusIDs starts an empty spool in the system's temporary folder.
func NewCorpusIDs(n resolve.Namer) (*CorpusIDs, error) {
	f, err := os.CreateTemp("", "newsgraph-spool-*.gob")
	if err != nil {
		return nil, fmt.Errorf("corpus ids: spool: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	return &CorpusIDs{table: resolve.NewTable(n), spool: f, w: w, enc: gob.NewEncoder(w)}, nil
}

// Add keeps d for later.
func (c *CorpusIDs) Add(d graph.Doc) error {
	c.table.Add(d.ID, resolve.DocLocals(d))
	c.n++
	if err := c.enc.Encode(&d); err != nil {
		return fmt.Errorf("corpus ids: spool %s: %w", c.spool.Name(), err)
	}
	return nil
}

// Each resolves the corpus and calls fn with every document added, in the
// order added, its entity ids rewritten (resolve.Apply).
func (c *CorpusIDs) Each(fn func(graph.Doc) error) error {
	m := c.table.Resolve()
	if err := c.w.Flush(); err != nil {
		return fmt.Errorf("corpus ids: spool %s: %w", c.spool.Name(), err)
	}
	if _, err := c.spool.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("corpus ids: spool %s: %w", c.spool.Name(), err)
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(c.spool, 1<<16))
	for i := 0; i < c.n; i++ {
		var d graph.Doc
		if err := dec.Decode(&d); err != nil {
			return fmt.Errorf("corpus ids: read spool %s: %w", c.spool.Name(), err)
		}
		nonNil(&d)
		resolve.Apply(&d, m)
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// Close removes the spool.
func (c *CorpusIDs) Close() error {
	c.spool.Close()
	return os.Remove(c.spool.Name())
}

// TwoPass reports whether Run reads paths twice under opts (the story mode
// two-pass, the default unless an input is standard input): extract then
// also gives corpus-level entity ids.
func (o Options) TwoPass(paths []string) bool { return o.mode(paths) == StoriesTwoPass }

// nonNil restores the empty lists the gob spool turns into nil, so that the
// JSON output says [] as it does without the spool.
func nonNil(d *graph.Doc) {
	if d.Entities == nil {
		d.Entities = []graph.Entity{}
	}
	if d.Attributions == nil {
		d.Attributions = []graph.Attribution{}
	}
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Aliases == nil {
			e.Aliases = []string{}
		}
		if e.Roles == nil {
			e.Roles = []string{}
		}
		if e.Mentions == nil {
			e.Mentions = []graph.Mention{}
		}
	}
	for i := range d.Attributions {
		if d.Attributions[i].Targets == nil {
			d.Attributions[i].Targets = []string{}
		}
	}
}
