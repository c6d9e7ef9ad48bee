package quote

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	"github.com/newsgraph/newsgraph/internal/hugemem"
)

// seqModel is a linear sequence labeller: per-position emission weights for
// hashed features and first-order label transitions, decoded with Viterbi.
// It is trained with the averaged structured perceptron (see train.go).
type seqModel struct {
	nl    int
	rows  map[uint64]int32
	w     []float32 // rows*nl
	trans []float32 // (nl+1)*nl: [prev*nl+cur], prev == nl is the start
	// allowed forbids transitions (I-X after anything but B-X or I-X).
	allowed func(prev, cur int) bool
	// bias is added to every position's label scores (tuned on dev, not
	// learned): it trades precision for recall.
	bias []float32
	// tab is a read-only copy of rows for fast lookups (built on load).
	tab *ftable
}

// ftable is an open-addressing hash table from feature keys to weight
// rows. Each slot holds its row's weights: the lookups of the cue and role
// models miss the cache more often than not (a third of attribution's
// CPU), and a slot that is one half of a cache line costs one miss where a
// key, a row number and a row in three arrays cost three.
type ftable struct {
	slots []fslot
	shift uint
}

// maxTabLabels is the most labels a model may have to be put in an ftable.
const maxTabLabels = 5

type fslot struct {
	key  uint64
	used bool
	w    [maxTabLabels]float32
}

// newFtable builds the table of m's rows, or returns nil when m has too
// many labels for it.
func newFtable(m *seqModel) *ftable {
	if m.nl > maxTabLabels {
		return nil
	}
	n := 1
	shift := uint(64)
	for n < 2*len(m.rows)+1 {
		n <<= 1
		shift--
	}
	t := &ftable{slots: make([]fslot, n), shift: shift}
	for k, r := range m.rows {
		i := (k * 0x9E3779B97F4A7C15) >> shift
		for t.slots[i].used {
			i = (i + 1) & uint64(n-1)
		}
		s := &t.slots[i]
		s.key, s.used = k, true
		copy(s.w[:], m.w[int(r)*m.nl:int(r+1)*m.nl])
	}
	return t
}

// lasting moves the table to memory for the life of the process, on huge
// pages where the system has them (see package hugemem): for the embedded
// models, loaded once, not for models read or trained again and again
// (calibration reads one set a fold).
func (t *ftable) lasting() {
	slots := hugemem.Slice[fslot](len(t.slots))
	copy(slots, t.slots)
	t.slots = slots
}

// touch loads the home slots of the features into the cache ahead of get:
// most lookups miss the cache, and a loop that only loads keeps many misses
// in flight at once, where emissions, which adds each row before the next
// lookup, has few. The sum it returns means nothing: with it, and out of
// line, the loads cannot be optimised away.
//
//go:noinline
func (t *ftable) touch(feats [][]uint64) uint64 {
	var sum uint64
	for _, fs := range feats {
		for _, k := range fs {
			sum += t.slots[(k*0x9E3779B97F4A7C15)>>t.shift].key
		}
	}
	return sum
}

// get returns the weights of key (the first nl of them count), or nil.
func (t *ftable) get(k uint64) *[maxTabLabels]float32 {
	mask := uint64(len(t.slots) - 1)
	i := (k * 0x9E3779B97F4A7C15) >> t.shift
	for {
		s := &t.slots[i]
		if !s.used {
			return nil
		}
		if s.key == k {
			return &s.w
		}
		i = (i + 1) & mask
	}
}

func newSeqModel(nl int, allowed func(prev, cur int) bool) *seqModel {
	return &seqModel{nl: nl, rows: map[uint64]int32{}, trans: make([]float32, (nl+1)*nl), allowed: allowed}
}

// FNV-1a over feature parts; each feature starts with a template id.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hT(t byte) uint64 { return (fnvOffset ^ uint64(t)) * fnvPrime }

func hS(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff
	return h * fnvPrime
}

func hI(h uint64, v int) uint64 {
	h ^= uint64(v) + 0x9e3779b9
	return h * fnvPrime
}

// emissions fills em (len(feats)*nl) with the feature scores.
func (m *seqModel) emissions(feats [][]uint64, em []float32) {
	nl := m.nl
	if m.tab != nil {
		m.tab.touch(feats)
	}
	for i, fs := range feats {
		row := em[i*nl : (i+1)*nl]
		clear(row)
		if m.bias != nil {
			copy(row, m.bias)
		}
		for _, f := range fs {
			if m.tab != nil {
				if w := m.tab.get(f); w != nil {
					for l := range row {
						row[l] += w[l]
					}
				}
				continue
			}
			r, ok := m.rows[f]
			if !ok {
				continue
			}
			w := m.w[int(r)*nl : int(r)*nl+nl]
			for l := range row {
				row[l] += w[l]
			}
		}
	}
}

// decode returns the best label sequence.
func (m *seqModel) decode(feats [][]uint64) []int {
	if len(feats) == 0 {
		return nil
	}
	em := make([]float32, len(feats)*m.nl)
	m.emissions(feats, em)
	out, _ := m.viterbi(em, nil)
	return out
}

// viterbi returns the best label sequence for the emission scores em
// (len*nl) with bias added to every position's label scores (nil: none),
// and its score.
func (m *seqModel) viterbi(em []float32, bias []float32) ([]int, float32) {
	nl := m.nl
	n := len(em) / nl
	if n == 0 {
		return nil, 0
	}
	score := make([]float32, n*nl)
	back := make([]int8, n*nl)
	ninf := float32(math.Inf(-1))
	e := func(i, c int) float32 {
		if bias != nil {
			return em[i*nl+c] + bias[c]
		}
		return em[i*nl+c]
	}
	for c := 0; c < nl; c++ {
		if m.allowed != nil && !m.allowed(nl, c) {
			score[c] = ninf
			continue
		}
		score[c] = m.trans[nl*nl+c] + e(0, c)
	}
	for i := 1; i < n; i++ {
		for c := 0; c < nl; c++ {
			best, arg := ninf, 0
			for p := 0; p < nl; p++ {
				if m.allowed != nil && !m.allowed(p, c) {
					continue
				}
				if s := score[(i-1)*nl+p] + m.trans[p*nl+c]; s > best {
					best, arg = s, p
				}
			}
			score[i*nl+c] = best + e(i, c)
			back[i*nl+c] = int8(arg)
		}
	}
	out := make([]int, n)
	best, arg := ninf, 0
	for c := 0; c < nl; c++ {
		if s := score[(n-1)*nl+c]; s > best {
			best, arg = s, c
		}
	}
	total := best
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		arg = int(back[i*nl+arg])
	}
	return out, total
}

// allOScore is the score of labelling every position O (label 0).
func (m *seqModel) allOScore(em []float32) float32 {
	nl := m.nl
	n := len(em) / nl
	if n == 0 {
		return 0
	}
	s := m.trans[nl*nl]
	for i := 0; i < n; i++ {
		s += em[i*nl]
		if i > 0 {
			s += m.trans[0]
		}
	}
	return s
}

// bioAllowed: label 0 is O, then pairs (B-X, I-X) for each role.
func bioAllowed(prev, cur int) bool {
	if cur == 0 || cur%2 == 1 {
		return true
	}
	return prev == cur || prev == cur-1
}

// Labels of the two models.
const (
	cueO, cueB, cueI = 0, 1, 2
	roleO            = 0
	roleBS, roleIS   = 1, 2
	roleBC, roleIC   = 3, 4
)

// The serialized model: "NGQM1", then the cue and the role model, each as
// nl, number of features, transitions, then sorted keys with their weights
// quantized to int16 with one float32 scale; gzip around it all.
const (
	modelMagic  = "NGQM1"
	modelMagic2 = "NGQM2" // with the cue filter, its candidate bias and threshold
)

// Models holds the cue and role models and the cue filter.
type Models struct {
	cue, role *seqModel
	// filter, when present, decides which of the cue candidates (the cue
	// model's cues with candBias added to the cue labels) are cues: those
	// it scores above threshold (see filter.go).
	filter              *seqModel
	candBias, threshold float32
}

// WriteTo serializes the models (deterministic bytes).
func (ms *Models) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if ms.filter == nil {
		buf.WriteString(modelMagic)
	} else {
		buf.WriteString(modelMagic2)
	}
	for _, m := range []*seqModel{ms.cue, ms.role} {
		writeSeq(&buf, m)
	}
	if ms.filter != nil {
		writeSeq(&buf, ms.filter)
		le := binary.LittleEndian
		buf.Write(le.AppendUint32(nil, math.Float32bits(ms.candBias)))
		buf.Write(le.AppendUint32(nil, math.Float32bits(ms.threshold)))
	}
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	n, err := gz.Write(buf.Bytes())
	if err != nil {
		return int64(n), err
	}
	return int64(n), gz.Close()
}

func writeSeq(buf *bytes.Buffer, m *seqModel) {
	keys := make([]uint64, 0, len(m.rows))
	for k := range m.rows {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var maxAbs float32
	for _, v := range m.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	le := binary.LittleEndian
	buf.Write(le.AppendUint32(nil, uint32(m.nl)))
	buf.Write(le.AppendUint32(nil, uint32(len(keys))))
	for _, t := range m.trans {
		buf.Write(le.AppendUint32(nil, math.Float32bits(t)))
	}
	buf.Write(le.AppendUint32(nil, math.Float32bits(scale)))
	prev := uint64(0)
	for _, k := range keys {
		buf.Write(binary.AppendUvarint(nil, k-prev)) // delta-coded keys
		prev = k
	}
	for _, k := range keys {
		r := m.rows[k]
		for l := 0; l < m.nl; l++ {
			q := int16(math.Round(float64(m.w[int(r)*m.nl+l] / scale)))
			buf.Write(le.AppendUint16(nil, uint16(q)))
		}
	}
}

// ReadModels reads models written by WriteTo.
func ReadModels(r io.Reader) (*Models, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read quote model: %w", err)
	}
	data, err := io.ReadAll(gz)
	if err != nil {
		return nil, fmt.Errorf("read quote model: %w", err)
	}
	withFilter := bytes.HasPrefix(data, []byte(modelMagic2))
	if !withFilter && !bytes.HasPrefix(data, []byte(modelMagic)) {
		return nil, errors.New("read quote model: bad magic")
	}
	br := bytes.NewReader(data[len(modelMagic):])
	ms := &Models{}
	for i := range 2 {
		m, err := readSeq(br)
		if err != nil {
			return nil, fmt.Errorf("read quote model %d: %w", i, err)
		}
		if i == 0 {
			ms.cue = m
		} else {
			ms.role = m
		}
	}
	if withFilter {
		m, err := readSeq(br)
		if err != nil {
			return nil, fmt.Errorf("read quote cue filter: %w", err)
		}
		var v [2]float32
		if err := binary.Read(br, binary.LittleEndian, &v); err != nil {
			return nil, fmt.Errorf("read quote cue filter: %w", err)
		}
		ms.filter, ms.candBias, ms.threshold = m, v[0], v[1]
	}
	return ms, nil
}

func readSeq(br *bytes.Reader) (*seqModel, error) {
	le := binary.LittleEndian
	var hdr [2]uint32
	if err := binary.Read(br, le, &hdr); err != nil {
		return nil, err
	}
	nl, nk := int(hdr[0]), int(hdr[1])
	if nl <= 0 || nl > 16 || nk > 1<<26 {
		return nil, errors.New("bad header")
	}
	m := newSeqModel(nl, bioAllowed)
	if err := binary.Read(br, le, m.trans); err != nil {
		return nil, err
	}
	var scale float32
	if err := binary.Read(br, le, &scale); err != nil {
		return nil, err
	}
	keys := make([]uint64, nk)
	prev := uint64(0)
	for i := range keys {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		prev += d
		keys[i] = prev
	}
	q := make([]int16, nk*nl)
	if err := binary.Read(br, le, q); err != nil {
		return nil, err
	}
	m.rows = make(map[uint64]int32, nk)
	m.w = make([]float32, nk*nl)
	for i, k := range keys {
		m.rows[k] = int32(i)
	}
	for i, v := range q {
		m.w[i] = float32(v) * scale
	}
	m.tab = newFtable(m)
	return m, nil
}

//go:embed model/attribution.bin.gz
var embeddedModel []byte

// DefaultModels returns the embedded models (trained on PolNeAR train by
// "newsgraph quote train"; see docs/quotes.md).
var DefaultModels = sync.OnceValues(func() (*Models, error) {
	ms, err := ReadModels(bytes.NewReader(embeddedModel))
	if err != nil {
		return nil, err
	}
	for _, m := range []*seqModel{ms.cue, ms.role, ms.filter} {
		if m != nil && m.tab != nil {
			m.tab.lasting()
		}
	}
	return ms, nil
})
