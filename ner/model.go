package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"sync"

	"github.com/newsgraph/newsgraph/internal/hugemem"
)

// The model can tag internally with BILOU labels (Begin, Inside, Last, Unit,
// Outside), which separate single-word names and name ends from the rest, or
// with IOB2 labels (bilou = false); output is IOB2 either way. Label index 0
// is O; 1+perType*t+p is position p (B, I[, L, U]) of entity type t (PER, ORG,
// LOC, MISC).
const bilou = perType == 4

const (
	numTypes  = 4
	perType   = 4 // 2 for IOB2
	numLabels = 1 + perType*numTypes
	posB      = 0
	posI      = 1
	posL      = 2
	posU      = 3
)

var typeNames = [numTypes]string{"PER", "ORG", "LOC", "MISC"}

// Labels maps a label index to its IOB2 tag.
var Labels = func() (l [numLabels]string) {
	l[0] = "O"
	for t, name := range typeNames {
		for p := 0; p < perType; p++ {
			if p == posB || p == posU {
				l[1+perType*t+p] = "B-" + name
			} else {
				l[1+perType*t+p] = "I-" + name
			}
		}
	}
	return l
}()

// entity type of a label index: 0 for O, 1 PER, 2 ORG, 3 LOC, 4 MISC
func labelType(l int) int {
	if l == 0 {
		return 0
	}
	return (l-1)/perType + 1
}

func labelPos(l int) int { return (l - 1) % perType }

// allowed reports whether label cur may follow label prev. prev == -1 is the
// sentence start.
func allowed(prev, cur int) bool {
	if !bilou {
		// IOB2: I-X only after B-X or I-X
		if cur == 0 || labelPos(cur) == posB {
			return true
		}
		return prev > 0 && labelType(prev) == labelType(cur)
	}
	open := prev > 0 && (labelPos(prev) == posB || labelPos(prev) == posI)
	if open {
		return cur > 0 && labelType(cur) == labelType(prev) && (labelPos(cur) == posI || labelPos(cur) == posL)
	}
	return cur == 0 || labelPos(cur) == posB || labelPos(cur) == posU
}

// allowedEnd reports whether a sentence may end with label l.
func allowedEnd(l int) bool {
	return !bilou || l == 0 || labelPos(l) == posL || labelPos(l) == posU
}

// goldLabels converts IOB1/IOB2 tags to label indexes.
func goldLabels(tags []string) []int {
	out := make([]int, len(tags))
	for _, sp := range Spans(tags) {
		t := -1
		for i, name := range typeNames {
			if name == sp.Type {
				t = i
			}
		}
		if t < 0 {
			continue
		}
		base := 1 + perType*t
		if bilou && sp.End-sp.Start == 1 {
			out[sp.Start] = base + posU
			continue
		}
		out[sp.Start] = base + posB
		for i := sp.Start + 1; i < sp.End; i++ {
			out[i] = base + posI
		}
		if bilou {
			out[sp.End-1] = base + posL
		}
	}
	return out
}

//go:embed model
var modelFS embed.FS

// Model is a trained tagger: a linear model over hashed features with
// first-order label transitions, decoded with Viterbi under BILOU constraints.
// A Model is safe for concurrent use.
type Model struct {
	res   *resources
	opts  modelOptions
	table weightTable
	trans [numLabels][numLabels]float32
	start [numLabels]float32
	pool  sync.Pool
}

type modelOptions struct {
	History bool // document history features
	TwoPass bool // second pass with whole-document history
	Agg     bool // context aggregation features
	DocNum  bool // share of numbers in the document, with capitalisation and gazetteer matches
}

// resources are the gazetteer and word classes the features use.
type resources struct {
	gaz      *gazetteer
	clusters *clusterSet
	sum      string // checksum of the data files, recorded in the model
}

func loadResources(fsys fs.FS, dir string) (*resources, error) {
	res := &resources{}
	h := sha256.New()
	if b, err := fs.ReadFile(fsys, dir+"/gazetteer.tsv.gz"); err == nil {
		h.Write(b)
		if res.gaz, err = readGazetteer(bytes.NewReader(b)); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read gazetteer: %w", err)
	}
	if b, err := fs.ReadFile(fsys, dir+"/clusters.tsv.gz"); err == nil {
		h.Write(b)
		if res.clusters, err = readClusters(bytes.NewReader(b)); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read clusters: %w", err)
	}
	res.sum = hex.EncodeToString(h.Sum(nil))[:16]
	return res, nil
}

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
	resOnce      sync.Once
	defaultRes   *resources
	resErr       error
)

// embeddedResources returns the embedded gazetteer and word classes, loaded once.
func embeddedResources() (*resources, error) {
	resOnce.Do(func() {
		defaultRes, resErr = loadResources(modelFS, "model")
	})
	return defaultRes, resErr
}

// DefaultModel returns the model embedded in the binary, loaded once. It is
// safe for concurrent use.
func DefaultModel() (*Model, error) {
	defaultOnce.Do(func() {
		res, err := embeddedResources()
		if err != nil {
			defaultErr = err
			return
		}
		b, err := fs.ReadFile(modelFS, "model/ner.model")
		if err != nil {
			defaultErr = fmt.Errorf("embedded model: %w", err)
			return
		}
		defaultModel, defaultErr = ReadModel(bytes.NewReader(b), res)
		if defaultErr == nil {
			defaultModel.table.lasting()
		}
	})
	return defaultModel, defaultErr
}

// LoadModel reads a model file written by (*Model).Write; it uses the
// embedded gazetteer and word classes, which must be the ones it was trained with.
func LoadModel(r io.Reader) (*Model, error) {
	res, err := embeddedResources()
	if err != nil {
		return nil, err
	}
	return ReadModel(r, res)
}

// weightTable is an open-addressing hash table from feature key to a row of
// numLabels weights. The rows live in the slots: a lookup is a cache miss
// more often than not (a fifth of extraction's CPU is these lookups), and a
// slot with its row is one miss where a slot and a row elsewhere are two.
// Key 0 marks an empty slot.
type weightTable struct {
	slots []slot
	mask  uint64
	n     int // rows
}

type slot struct {
	key uint64
	w   [numLabels]float32
}

func newWeightTable(n int) weightTable {
	size := 1
	for size < 2*n+16 {
		size <<= 1
	}
	return weightTable{slots: make([]slot, size), mask: uint64(size - 1)}
}

// lasting moves the table to memory for the life of the process, on huge
// pages where the system has them (see package hugemem): for the embedded
// model, loaded once, not for models read or trained again and again.
func (t *weightTable) lasting() {
	slots := hugemem.Slice[slot](len(t.slots))
	copy(slots, t.slots)
	t.slots = slots
}

func (t *weightTable) insert(key uint64, w []float32) {
	i := key & t.mask
	for t.slots[i].key != 0 {
		i = (i + 1) & t.mask
	}
	t.slots[i].key = key
	copy(t.slots[i].w[:], w)
	t.n++
}

// touch loads the home slots of keys into the cache ahead of row: most
// lookups miss the cache, and a loop that only loads keeps many misses in
// flight at once, where row, which adds each row before the next lookup,
// has few. The sum it returns means nothing: with it, and out of line, the
// loads cannot be optimised away.
//
//go:noinline
func (t *weightTable) touch(keys []uint64) uint64 {
	var sum uint64
	for _, k := range keys {
		s := &t.slots[k&t.mask]
		sum += s.key + uint64(math.Float32bits(s.w[numLabels-1]))
	}
	return sum
}

// row returns the weights of key, or nil.
func (t *weightTable) row(key uint64) *[numLabels]float32 {
	i := key & t.mask
	for {
		s := &t.slots[i]
		if s.key == key {
			return &s.w
		}
		if s.key == 0 {
			return nil
		}
		i = (i + 1) & t.mask
	}
}

const modelMagic = "NGNER\x02"

// Write serialises the model: gzip of a header, transitions, and the
// non-zero weight rows sorted by key (delta-coded keys, int16-quantised weights).
func (m *Model) Write(w io.Writer) error {
	type rowT struct {
		key uint64
		w   []float32
	}
	var rows []rowT
	maxAbs := float32(0)
	for i := range m.table.slots {
		s := &m.table.slots[i]
		if s.key == 0 {
			continue
		}
		r := s.w[:]
		rows = append(rows, rowT{s.key, r})
		for _, v := range r {
			maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].key < rows[j].key })
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	gz, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(gz)
	var buf [binary.MaxVarintLen64]byte
	putU := func(v uint64) { n := binary.PutUvarint(buf[:], v); bw.Write(buf[:n]) }
	putF := func(v float32) { binary.Write(bw, binary.LittleEndian, v) }
	bw.WriteString(modelMagic)
	var flags uint64
	if m.opts.History {
		flags |= 1
	}
	if m.opts.TwoPass {
		flags |= 2
	}
	if m.opts.Agg {
		flags |= 4
	}
	if m.opts.DocNum {
		flags |= 8
	}
	putU(flags)
	putU(numLabels)
	putU(uint64(len(m.res.sum)))
	bw.WriteString(m.res.sum)
	for i := range m.trans {
		for j := range m.trans[i] {
			putF(m.trans[i][j])
		}
	}
	for _, v := range m.start {
		putF(v)
	}
	putF(scale)
	putU(uint64(len(rows)))
	prev := uint64(0)
	for _, r := range rows {
		putU(r.key - prev)
		prev = r.key
		var nz uint64
		var q [numLabels]int16
		for j, v := range r.w {
			q[j] = int16(math.Round(float64(v / scale)))
			if q[j] != 0 {
				nz |= 1 << j
			}
		}
		putU(nz)
		for j := range q {
			if q[j] != 0 {
				binary.Write(bw, binary.LittleEndian, q[j])
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := gz.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

// ReadModel reads a model written by Write, for the given resources.
func ReadModel(r io.Reader, res *resources) (*Model, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	defer gz.Close()
	br := bufio.NewReader(gz)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("read model: not a newsgraph NER model")
	}
	var rerr error
	getU := func() uint64 {
		v, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return v
	}
	getF := func() float32 {
		var v float32
		if err := binary.Read(br, binary.LittleEndian, &v); err != nil && rerr == nil {
			rerr = err
		}
		return v
	}
	m := &Model{res: res}
	flags := getU()
	m.opts.History = flags&1 != 0
	m.opts.TwoPass = flags&2 != 0
	m.opts.Agg = flags&4 != 0
	m.opts.DocNum = flags&8 != 0
	if nl := getU(); nl != numLabels {
		return nil, fmt.Errorf("read model: %d labels, want %d", nl, numLabels)
	}
	sum := make([]byte, getU())
	if _, err := io.ReadFull(br, sum); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	if string(sum) != res.sum {
		return nil, fmt.Errorf("read model: trained with data files %s, have %s", sum, res.sum)
	}
	for i := range m.trans {
		for j := range m.trans[i] {
			m.trans[i][j] = getF()
		}
	}
	for i := range m.start {
		m.start[i] = getF()
	}
	scale := getF()
	n := int(getU())
	if rerr != nil {
		return nil, fmt.Errorf("read model: %w", rerr)
	}
	m.table = newWeightTable(n)
	key := uint64(0)
	var row [numLabels]float32
	for i := 0; i < n; i++ {
		key += getU()
		nz := getU()
		for j := range row {
			row[j] = 0
			if nz&(1<<j) != 0 {
				lo, err1 := br.ReadByte()
				hi, err2 := br.ReadByte()
				if err := errors.Join(err1, err2); err != nil && rerr == nil {
					rerr = err
				}
				row[j] = float32(int16(uint16(lo)|uint16(hi)<<8)) * scale
			}
		}
		if rerr != nil {
			return nil, fmt.Errorf("read model: row %d: %w", i, rerr)
		}
		m.table.insert(key, row[:])
	}
	return m, nil
}
