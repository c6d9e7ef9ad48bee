package ner

import "math"

// scratch holds the per-call buffers of one tagging goroutine.
type scratch struct {
	fx     featurizer
	emit   [][numLabels]float32
	back   [][numLabels]int8
	labels []int
	hist   docHistory
	// whole-document buffers for the second pass
	docInfo []tokInfo
	docEmit [][numLabels]float32
	bounds  []int32 // sentence boundaries in docInfo
	tmpInfo []tokInfo
	agg     aggregator
}

func (m *Model) getScratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{fx: featurizer{res: m.res}, hist: docHistory{}}
}

// Tag labels the tokens of one sentence with IOB2 tags.
func (m *Model) Tag(tokens []string) []string {
	out := make([]string, len(tokens))
	if len(tokens) == 0 {
		return out
	}
	s := m.getScratch()
	defer m.pool.Put(s)
	s.fx.sentence(tokens)
	s.grow(len(tokens))
	m.staticEmissions(s, tokens, s.emit)
	for i, l := range m.decodeHist(s, s.emit) {
		out[i] = Labels[l]
	}
	return out
}

// TagDocument labels all sentences of one article. With a model trained with
// document history, a capitalised word's labels earlier in the article are
// features for its later occurrences, so one name is tagged alike throughout;
// a two-pass model then tags again the sentences whose words got labels
// later in the article, with the whole article's history.
func (m *Model) TagDocument(sents [][]string) [][]string {
	out := make([][]string, len(sents))
	s := m.getScratch()
	defer m.pool.Put(s)
	clear(s.hist)
	total := 0
	for _, toks := range sents {
		total += len(toks)
	}
	flat := make([]string, total) // one allocation for all output tags
	// analyse the whole document first
	s.fx.info = s.tmpInfo
	s.docInfo, s.docEmit, s.bounds = s.docInfo[:0], s.docEmit[:0], append(s.bounds[:0], 0)
	for _, toks := range sents {
		if len(toks) > 0 {
			s.fx.sentence(toks)
			s.docInfo = append(s.docInfo, s.fx.info...)
		}
		s.bounds = append(s.bounds, int32(len(s.docInfo)))
	}
	s.tmpInfo = s.fx.info
	if m.opts.DocNum {
		s.fx.docNum = docNumBucket(s.docInfo)
	}
	if m.opts.Agg {
		s.agg.build(s.docInfo, s.bounds)
		s.fx.agg = &s.agg
	}
	twoPass := m.opts.History && m.opts.TwoPass
	for k, toks := range sents {
		n := len(toks)
		off := int(s.bounds[k])
		out[k] = flat[off : off+n : off+n]
		if n == 0 {
			continue
		}
		s.fx.info, s.fx.aggOff = s.docInfo[off:off+n], off
		s.grow(n)
		m.staticEmissions(s, toks, s.emit)
		if twoPass {
			s.docEmit = append(s.docEmit, s.emit...)
		}
		if m.opts.History {
			s.hist.apply(s.fx.info)
		}
		labels := m.decodeHist(s, s.emit)
		if m.opts.History {
			s.hist.record(s.fx.info, labels)
		}
		for i, l := range labels {
			out[k][i] = Labels[l]
		}
	}
	if twoPass {
		for k, toks := range sents {
			n := len(toks)
			if n == 0 {
				continue
			}
			off := int(s.bounds[k])
			info := s.docInfo[off : off+n]
			changed := false
			for i := range info {
				t := &info[i]
				if histEligible(t) {
					if h := uint64(s.hist[t.lower]); h != t.histType {
						t.histType = h
						changed = true
					}
				}
			}
			if !changed {
				continue // same features as in the first pass: same labels
			}
			s.fx.info = info
			s.grow(n)
			copy(s.emit, s.docEmit[off:off+n])
			for i, l := range m.decodeHist(s, s.emit) {
				out[k][i] = Labels[l]
			}
		}
	}
	s.fx.info, s.fx.agg, s.fx.docNum = s.tmpInfo, nil, 0
	return out
}

// staticEmissions fills emit with the scores of the static features of the
// sentence analysed in s.fx.
func (m *Model) staticEmissions(s *scratch, toks []string, emit [][numLabels]float32) {
	s.fx.features(toks)
	keys, start := s.fx.keys, s.fx.start
	m.table.touch(keys[start[0]:start[len(emit)]])
	for i := range emit {
		e := &emit[i]
		*e = [numLabels]float32{}
		for _, k := range keys[start[i]:start[i+1]] {
			if r := m.table.row(k); r != nil {
				addRow(e, r)
			}
		}
	}
}

// addRow adds a weight row to an emission vector. It is written out label
// by label: the loop it replaces was a tenth of extraction's CPU, and
// BenchmarkTag tags 6-13% more tokens per CPU-second this way (5 runs each,
// alternating, on the loaded 2-core machine). The additions are the same,
// in the same order, so the scores are too.
func addRow(e, r *[numLabels]float32) {
	_ = [1]int{}[numLabels-17] // one line per label below
	e[0] += r[0]
	e[1] += r[1]
	e[2] += r[2]
	e[3] += r[3]
	e[4] += r[4]
	e[5] += r[5]
	e[6] += r[6]
	e[7] += r[7]
	e[8] += r[8]
	e[9] += r[9]
	e[10] += r[10]
	e[11] += r[11]
	e[12] += r[12]
	e[13] += r[13]
	e[14] += r[14]
	e[15] += r[15]
	e[16] += r[16]
}

// decodeHist adds the history features' scores to emit (the static scores of
// the sentence in s.fx) and returns the best label sequence.
func (m *Model) decodeHist(s *scratch, emit [][numLabels]float32) []int {
	n := len(emit)
	if m.opts.History {
		s.fx.histFeatures()
		keys, start := s.fx.hkeys, s.fx.hstart
		for i := range emit {
			e := &emit[i]
			for _, k := range keys[start[i]:start[i+1]] {
				if r := m.table.row(k); r != nil {
					addRow(e, r)
				}
			}
		}
	}
	viterbi(emit, &m.trans, &m.start, s.back[:n], s.labels[:n])
	return s.labels[:n]
}

func (s *scratch) grow(n int) {
	if cap(s.emit) < n {
		s.emit = make([][numLabels]float32, n, 2*n)
		s.back = make([][numLabels]int8, n, 2*n)
		s.labels = make([]int, n, 2*n)
	}
	s.emit, s.back, s.labels = s.emit[:n], s.back[:n], s.labels[:n]
}

var negInf = float32(math.Inf(-1))

// viterbi finds the highest-scoring BILOU-consistent label sequence.
func viterbi(emit [][numLabels]float32, trans *[numLabels][numLabels]float32, start *[numLabels]float32, back [][numLabels]int8, out []int) {
	n := len(emit)
	var cur, next [numLabels]float32
	for j := 0; j < numLabels; j++ {
		if allowed(-1, j) {
			cur[j] = start[j] + emit[0][j]
		} else {
			cur[j] = negInf
		}
	}
	for i := 1; i < n; i++ {
		for j := 0; j < numLabels; j++ {
			best, arg := negInf, 0
			for _, p := range prevTab[j] {
				if v := cur[p] + trans[p][j]; v > best {
					best, arg = v, int(p)
				}
			}
			next[j] = best + emit[i][j]
			back[i][j] = int8(arg)
		}
		cur = next
	}
	best, arg := negInf, 0
	for j := 0; j < numLabels; j++ {
		if allowedEnd(j) && cur[j] > best {
			best, arg = cur[j], j
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		arg = int(back[i][arg])
	}
}

// prevTab[j] lists the labels that may precede label j.
var prevTab = func() (t [numLabels][]int8) {
	for j := 0; j < numLabels; j++ {
		for p := 0; p < numLabels; p++ {
			if allowed(p, j) {
				t[j] = append(t[j], int8(p))
			}
		}
	}
	return t
}()

// docHistory maps a lower-cased word to the entity types (bits 0-3) or O
// (bit 4) it was given when capitalised earlier in the document, and bit 5
// when it was seen written in lower case.
type docHistory map[uint64]uint8

func histEligible(t *tokInfo) bool {
	return t.flags&(fInitCap|fAllCaps) != 0 && t.flags&fPunct == 0 && t.flags&fAllDigit == 0
}

func (h docHistory) apply(info []tokInfo) {
	for i := range info {
		t := &info[i]
		t.histType = 0
		if histEligible(t) {
			t.histType = uint64(h[t.lower])
		}
	}
}

func (h docHistory) record(info []tokInfo, labels []int) {
	for i := range info {
		t := &info[i]
		if t.flags&fHasLower != 0 && t.flags&(fInitCap|fAllCaps) == 0 {
			h[t.lower] |= 1 << 5 // seen in lower case
		} else if histEligible(t) {
			ty := labelType(labels[i])
			if ty == 0 {
				h[t.lower] |= 1 << 4
			} else {
				h[t.lower] |= 1 << (ty - 1)
			}
		}
	}
}
