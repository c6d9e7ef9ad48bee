package ner

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs   int    // passes over the training data (default 15)
	Seed     uint64 // shuffling seed; training is deterministic for a fixed seed
	MinCount int    // drop features seen fewer times in the gold training data (default 1: keep all)
	History  bool   // document history features
	TwoPass  bool   // tag documents twice, the second time with whole-document history
	// TwoPassTrain also trains on the second pass (else only tagging uses it).
	TwoPassTrain bool
	Agg          bool // context aggregation features
	DocNum       bool // document share-of-numbers features
	Runs         int  // train this many times (seeds Seed, Seed+1, ...) and average the weights
	// WordDropout is the share of training tokens whose word-identity
	// features are hidden in an update, so that the model learns to rely on
	// shape, class and gazetteer features for words it has not seen.
	WordDropout float64
	Prune       float32
	// Dev, when set, is tagged after every epoch and its score logged.
	Dev    []ConllDoc
	Logger *slog.Logger
}

type trainSent struct {
	off  int // document offset of the first token
	toks []string
	gold []int
	info []tokInfo
}

type trainer struct {
	rows   map[uint64]int32
	keys   []uint64 // row -> key
	w      []float32
	acc    []float64
	trans  [numLabels][numLabels]float32
	tacc   [numLabels][numLabels]float64
	start  [numLabels]float32
	sacc   [numLabels]float64
	c      float64
	frozen bool // no new rows (after the counting pass)

	emit     [][numLabels]float32
	back     [][numLabels]int8
	pred     []int
	rowIDs   []int32
	rowStart []int32
	history  bool
	dropout  float64
	rng      *rand.Rand
}

func (t *trainer) rowOf(k uint64) int32 {
	if r, ok := t.rows[k]; ok {
		return r
	}
	if t.frozen {
		return -1
	}
	r := int32(len(t.keys))
	t.rows[k] = r
	t.keys = append(t.keys, k)
	t.w = append(t.w, make([]float32, numLabels)...)
	t.acc = append(t.acc, make([]float64, numLabels)...)
	return r
}

// Train learns a model from CoNLL documents (last column gold NER tags) with
// the averaged structured perceptron.
func Train(ctx context.Context, docs []ConllDoc, opt TrainOptions) (*Model, error) {
	if opt.Runs <= 1 {
		return train(ctx, docs, opt)
	}
	// several runs with seeds Seed, Seed+1, ...; their weights are averaged
	var ms []*Model
	for r := 0; r < opt.Runs; r++ {
		o := opt
		o.Seed = opt.Seed + uint64(r)
		o.Dev = nil
		m, err := train(ctx, docs, o)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	m := averageModels(ms)
	if len(opt.Dev) > 0 && opt.Logger != nil {
		sc := EvalConll(m, opt.Dev, false)
		mi := sc.Micro()
		opt.Logger.Info("ner train: dev (averaged runs)", "runs", opt.Runs, "P", round4(mi.P()), "R", round4(mi.R()), "F1", round4(mi.F1()),
			"PER", round4(sc.ByType["PER"].F1()), "ORG", round4(sc.ByType["ORG"].F1()), "LOC", round4(sc.ByType["LOC"].F1()))
	}
	return m, nil
}

// averageModels returns the model whose weights are the mean of ms's.
func averageModels(ms []*Model) *Model {
	out := &Model{res: ms[0].res, opts: ms[0].opts}
	sum := map[uint64]*[numLabels]float32{}
	var keys []uint64
	inv := 1 / float32(len(ms))
	for _, m := range ms {
		for p := range m.trans {
			for l := range m.trans[p] {
				out.trans[p][l] += m.trans[p][l] * inv
			}
		}
		for l := range m.start {
			out.start[l] += m.start[l] * inv
		}
		for _, sl := range m.table.slots {
			if sl.key == 0 {
				continue
			}
			row := sum[sl.key]
			if row == nil {
				row = &[numLabels]float32{}
				sum[sl.key] = row
				keys = append(keys, sl.key)
			}
			for j, v := range sl.w {
				row[j] += v * inv
			}
		}
	}
	slices.Sort(keys)
	out.table = newWeightTable(len(keys))
	for _, k := range keys {
		out.table.insert(k, sum[k][:])
	}
	return out
}

func train(ctx context.Context, docs []ConllDoc, opt TrainOptions) (*Model, error) {
	if opt.Epochs == 0 {
		opt.Epochs = 15
	}
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	res, err := embeddedResources()
	if err != nil {
		return nil, err
	}
	fx := &featurizer{res: res}
	// analyse every sentence once
	data := make([][]trainSent, len(docs))
	aggs := make([]*aggregator, len(docs))
	docNums := make([]uint64, len(docs))
	var docInfo []tokInfo
	for d := range docs {
		toks, gold := docs[d].Tokens(), docs[d].Column(-1)
		docInfo = docInfo[:0]
		bounds := []int32{0}
		for s := range toks {
			if len(toks[s]) == 0 {
				continue
			}
			fx.sentence(toks[s])
			ts := trainSent{off: len(docInfo), toks: toks[s], info: slices.Clone(fx.info), gold: goldLabels(gold[s])}
			data[d] = append(data[d], ts)
			docInfo = append(docInfo, fx.info...)
			bounds = append(bounds, int32(len(docInfo)))
		}
		if opt.DocNum {
			docNums[d] = docNumBucket(docInfo)
		}
		if opt.Agg {
			aggs[d] = &aggregator{}
			aggs[d].build(docInfo, bounds)
			aggs[d].pos, aggs[d].grp = nil, nil
		}
	}
	fx.info = nil
	t := &trainer{rows: map[uint64]int32{}, history: opt.History, dropout: opt.WordDropout,
		rng: rand.New(rand.NewPCG(opt.Seed, 0x5eed))}
	// counting pass: features of the gold data, history from gold labels
	counts := map[uint64]int32{}
	hist := docHistory{}
	for d := range data {
		clear(hist)
		fx.agg, fx.docNum = aggs[d], docNums[d]
		for _, ts := range data[d] {
			fx.info, fx.aggOff = ts.info, ts.off
			if opt.History {
				hist.apply(fx.info)
			}
			fx.features(ts.toks)
			for _, k := range fx.keys {
				counts[k]++
			}
			if opt.History {
				fx.histFeatures()
				for _, k := range fx.hkeys {
					counts[k]++
				}
			}
			if opt.History {
				hist.record(fx.info, ts.gold)
			}
		}
	}
	minCount := int32(max(opt.MinCount, 1))
	for d := range data {
		clear(hist)
		fx.agg, fx.docNum = aggs[d], docNums[d]
		for _, ts := range data[d] {
			fx.info, fx.aggOff = ts.info, ts.off
			if opt.History {
				hist.apply(fx.info)
			}
			fx.features(ts.toks)
			for _, k := range fx.keys {
				if counts[k] >= minCount {
					t.rowOf(k)
				}
			}
			if opt.History {
				fx.histFeatures()
				for _, k := range fx.hkeys {
					if counts[k] >= minCount {
						t.rowOf(k)
					}
				}
			}
			if opt.History {
				hist.record(fx.info, ts.gold)
			}
		}
	}
	t.frozen = true
	log.Info("ner train: features", "rows", len(t.keys), "distinct", len(counts), "min_count", minCount)
	counts = nil

	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var preds [][]int
	for ep := 1; ep <= opt.Epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng := rand.New(rand.NewPCG(opt.Seed, uint64(ep)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		mistakes, total := 0, 0
		for _, d := range order {
			clear(hist)
			fx.agg, fx.docNum = aggs[d], docNums[d]
			if opt.TwoPassTrain {
				if cap(preds) < len(data[d]) {
					preds = make([][]int, len(data[d]))
				}
				preds = preds[:len(data[d])]
			}
			for si, ts := range data[d] {
				fx.info, fx.aggOff = ts.info, ts.off
				if opt.History {
					hist.apply(fx.info)
				}
				pred := t.step(fx, ts)
				mistakes += countErr(ts.gold, pred)
				total += len(ts.toks)
				if opt.History {
					hist.record(fx.info, pred)
				}
				if opt.TwoPassTrain {
					preds[si] = append(preds[si][:0], pred...)
				}
			}
			if opt.TwoPassTrain {
				for _, ts := range data[d] {
					fx.info, fx.aggOff = ts.info, ts.off
					hist.apply(fx.info)
					t.step(fx, ts)
				}
			}
		}
		log.Info("ner train: epoch", "epoch", ep, "token_errors", mistakes, "tokens", total)
		if len(opt.Dev) > 0 && (ep == opt.Epochs || ep%3 == 0) {
			m := t.model(res, opt)
			sc := EvalConll(m, opt.Dev, false)
			mi := sc.Micro()
			log.Info("ner train: dev", "epoch", ep, "P", round4(mi.P()), "R", round4(mi.R()), "F1", round4(mi.F1()),
				"PER", round4(sc.ByType["PER"].F1()), "ORG", round4(sc.ByType["ORG"].F1()), "LOC", round4(sc.ByType["LOC"].F1()))
		}
	}
	m := t.model(res, opt)
	log.Info("ner train: model", "rows", m.table.n)
	return m, nil
}

// step decodes one analysed sentence with the current weights and makes the
// perceptron update; it returns the prediction (valid until the next call).
func (t *trainer) step(fx *featurizer, ts trainSent) []int {
	n := len(ts.toks)
	fx.features(ts.toks)
	if cap(t.emit) < n {
		t.emit = make([][numLabels]float32, n)
		t.back = make([][numLabels]int8, n)
		t.pred = make([]int, n)
		t.rowStart = make([]int32, n+1)
	}
	emit, back, pred := t.emit[:n], t.back[:n], t.pred[:n]
	rowIDs := t.rowIDs[:0]
	if t.history {
		fx.histFeatures()
	}
	for i := 0; i < n; i++ {
		e := &emit[i]
		*e = [numLabels]float32{}
		t.rowStart[i] = int32(len(rowIDs))
		drop := t.dropout > 0 && t.rng.Float64() < t.dropout
		for j, k := range fx.keys[fx.start[i]:fx.start[i+1]] {
			if drop && (j == 1 || j == 2) {
				rowIDs = append(rowIDs, -1) // word identity dropped for this token
				continue
			}
			rowIDs = append(rowIDs, t.rowOf(k))
		}
		if t.history {
			for _, k := range fx.hkeys[fx.hstart[i]:fx.hstart[i+1]] {
				rowIDs = append(rowIDs, t.rowOf(k))
			}
		}
		for _, r := range rowIDs[t.rowStart[i]:] {
			if r < 0 {
				continue
			}
			w := t.w[int(r)*numLabels : int(r+1)*numLabels]
			for j := range e {
				e[j] += w[j]
			}
		}
	}
	t.rowStart[n] = int32(len(rowIDs))
	t.rowIDs = rowIDs
	viterbi(emit, &t.trans, &t.start, back, pred)
	t.c++
	for i := 0; i < n; i++ {
		g, p := ts.gold[i], pred[i]
		if g != p {
			for _, r := range rowIDs[t.rowStart[i]:t.rowStart[i+1]] {
				if r >= 0 {
					t.update(r, g, 1)
					t.update(r, p, -1)
				}
			}
		}
		gp, pp := -1, -1
		if i > 0 {
			gp, pp = ts.gold[i-1], pred[i-1]
		}
		if gp != pp || g != p {
			t.updateTrans(gp, g, 1)
			t.updateTrans(pp, p, -1)
		}
	}
	return pred
}

func countErr(gold, pred []int) int {
	n := 0
	for i := range gold {
		if gold[i] != pred[i] {
			n++
		}
	}
	return n
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

func (t *trainer) update(r int32, l int, d float32) {
	i := int(r)*numLabels + l
	t.w[i] += d
	t.acc[i] += t.c * float64(d)
}

func (t *trainer) updateTrans(p, l int, d float32) {
	if p < 0 {
		t.start[l] += d
		t.sacc[l] += t.c * float64(d)
		return
	}
	t.trans[p][l] += d
	t.tacc[p][l] += t.c * float64(d)
}

// model returns the averaged weights as a Model (rows whose weights are all
// below opt.Prune in magnitude are dropped).
func (t *trainer) model(res *resources, opt TrainOptions) *Model {
	avg := func(w float32, acc float64) float32 { return float32(float64(w) - acc/t.c) }
	m := &Model{res: res, opts: modelOptions{History: opt.History, TwoPass: opt.TwoPass, Agg: opt.Agg, DocNum: opt.DocNum}}
	for p := range t.trans {
		for l := range t.trans[p] {
			m.trans[p][l] = avg(t.trans[p][l], t.tacc[p][l])
		}
	}
	for l := range t.start {
		m.start[l] = avg(t.start[l], t.sacc[l])
	}
	keep := 0
	var row [numLabels]float32
	type kr struct {
		k uint64
		r int32
	}
	sorted := make([]kr, 0, len(t.keys))
	for r, k := range t.keys {
		sorted = append(sorted, kr{k, int32(r)})
	}
	slices.SortFunc(sorted, func(a, b kr) int {
		switch {
		case a.k < b.k:
			return -1
		case a.k > b.k:
			return 1
		}
		return 0
	})
	m.table = newWeightTable(len(t.keys))
	for _, e := range sorted {
		big := false
		for j := range row {
			i := int(e.r)*numLabels + j
			row[j] = avg(t.w[i], t.acc[i])
			if row[j] > opt.Prune || row[j] < -opt.Prune {
				big = true
			}
		}
		if big && row != ([numLabels]float32{}) {
			m.table.insert(e.k, row[:])
			keep++
		}
	}
	return m
}

// String describes the model briefly.
func (m *Model) String() string {
	return fmt.Sprintf("ner model: %d weight rows, history=%v two-pass=%v, data %s",
		m.table.n, m.opts.History, m.opts.TwoPass, m.res.sum)
}
