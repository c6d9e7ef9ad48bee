package quote

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/newsgraph/newsgraph/ner"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs int    // passes over the training data (default 10)
	Seed   uint64 // shuffling seed; training is deterministic for a fixed seed
	// MinWeight drops features whose largest absolute averaged weight is
	// below this share of the model's largest weight (keeps the file small).
	MinWeight float64
	// Runs trains each model this many times (shuffling seeds Seed, Seed+1,
	// ...) and averages the weights (default 1).
	Runs int
	// Folds > 1 trains the cue filter on candidates found in each fold
	// of the articles by cue and role models trained on the other folds.
	Folds int
	// CandBias is added to the cue labels to find the filter's candidates;
	// Threshold is the filter score a candidate needs.
	CandBias, Threshold float32
	// FilterEpochs are the filter's training passes.
	FilterEpochs int
	Logger       *slog.Logger
}

type seqInst struct {
	feats [][]uint64
	gold  []int
}

// Train learns the cue and role models from attribution-annotated articles
// (PolNeAR train) with the averaged structured perceptron. recognize gives
// the recognizer's result for an article text, as at extraction time; nil
// means sentences only.
func Train(ctx context.Context, docs []GoldArticle, recognize func(string) ner.Result, opt TrainOptions) (*Models, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	type docData struct {
		res       ner.Result
		cue, role []seqInst
	}
	data := make([]docData, len(docs))
	nCue, nRole := 0, 0
	for di, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var res ner.Result
		if recognize != nil {
			res = recognize(d.Text)
		}
		data[di].res = res
		data[di].cue, data[di].role = trainingInstances(d, res)
		nCue += len(data[di].cue)
		nRole += len(data[di].role)
	}
	log.Info("quote training data", "articles", len(docs), "cue sentences", nCue, "role instances", nRole)
	// trainPair trains the cue and role models on the articles keep says.
	trainPair := func(keep func(int) bool, quiet bool) (*seqModel, *seqModel) {
		var cueSet, roleSet []seqInst
		for di := range data {
			if keep(di) {
				cueSet = append(cueSet, data[di].cue...)
				roleSet = append(roleSet, data[di].role...)
			}
		}
		l := log
		if quiet {
			l = slog.New(slog.DiscardHandler)
		}
		runs := max(opt.Runs, 1)
		var cues, roles []*seqModel
		for r := range runs {
			rng := rand.New(rand.NewPCG(opt.Seed+uint64(r), 0x5eed))
			cues = append(cues, trainSeq(ctx, cueSet, 3, opt, rng, l, "cue"))
			roles = append(roles, trainSeq(ctx, roleSet, 5, opt, rng, l, "role"))
		}
		cue, role := averageModels(cues), averageModels(roles)
		if opt.MinWeight > 0 {
			prune(cue, opt.MinWeight)
			prune(role, opt.MinWeight)
		}
		cue.tab, role.tab = newFtable(cue), newFtable(role)
		return cue, role
	}
	cue, role := trainPair(func(int) bool { return true }, false)
	log.Info("quote models", "cue features", len(cue.rows), "role features", len(role.rows))
	ms := &Models{cue: cue, role: role}
	if opt.Folds > 1 {
		// The cue filter learns from candidates that models trained
		// without their article found.
		var set []binInst
		for k := range opt.Folds {
			c, r := trainPair(func(di int) bool { return di%opt.Folds != k }, true)
			fm := &Models{cue: c, role: r}
			for di, d := range docs {
				if di%opt.Folds == k {
					set = append(set, filterInstances(fm, d, data[di].res, opt.CandBias)...)
				}
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		pos := 0
		for _, in := range set {
			pos += in.gold
		}
		log.Info("quote cue filter data", "candidates", len(set), "cues", pos)
		rng := rand.New(rand.NewPCG(opt.Seed, 0xf1))
		ms.filter = trainBinary(ctx, set, max(opt.FilterEpochs, 1), rng)
		ms.filter.tab = newFtable(ms.filter)
		ms.candBias, ms.threshold = opt.CandBias, opt.Threshold
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return ms, nil
}

// trainingInstances are the cue model's sentences and the role model's
// windows of one annotated article.
func trainingInstances(d GoldArticle, res ner.Result) (cueSet, roleSet []seqInst) {
	sents := res.Sentences
	if len(sents) == 0 {
		sents = ner.Segment(d.Text)
	}
	x := newDoc(d.Text, sents, res.Entities)
	if len(x.toks) == 0 {
		return nil, nil
	}
	x.prepare()
	// Gold cues as token ranges.
	var cues []tspan
	for _, g := range d.Attributions {
		cues = append(cues, x.tokRange(g.Cue))
	}
	for _, c := range cues {
		if c.ok() {
			for i := c.a; i <= c.b; i++ {
				x.isCue[i] = true
			}
		}
	}
	for s := range x.bounds {
		sa, sb := x.bounds[s][0], x.bounds[s][1]
		if sb <= sa {
			continue
		}
		in := seqInst{feats: make([][]uint64, sb-sa), gold: make([]int, sb-sa)}
		for i := sa; i < sb; i++ {
			in.feats[i-sa] = x.cueFeats(i, sa, sb, nil)
		}
		for _, c := range cues {
			if !c.ok() || x.toks[c.a].sent != s {
				continue
			}
			for i := c.a; i <= c.b && i < sb; i++ {
				if i == c.a {
					in.gold[i-sa] = cueB
				} else {
					in.gold[i-sa] = cueI
				}
			}
		}
		cueSet = append(cueSet, in)
	}
	for gi, g := range d.Attributions {
		c := cues[gi]
		if !c.ok() || x.toks[c.a].sent != x.toks[c.b].sent {
			continue
		}
		a, b := x.roleWindow(c)
		in := seqInst{feats: x.roleFeats(c, a, b), gold: make([]int, b-a)}
		x.labelRole(in.gold, a, b, g.Content, roleBC, roleIC, c)
		x.labelRole(in.gold, a, b, g.Source, roleBS, roleIS, c)
		roleSet = append(roleSet, in)
	}
	return cueSet, roleSet
}

// binInst is one candidate cue for the filter: its features and whether it
// overlaps a gold cue.
type binInst struct {
	feats []uint64
	gold  int
}

// filterInstances are the candidates of one article as extraction sees
// them: found by the cue model with the bias, not overlapping a rule cue.
func filterInstances(ms *Models, d GoldArticle, res ner.Result, bias float32) []binInst {
	sents := res.Sentences
	if len(sents) == 0 {
		sents = ner.Segment(d.Text)
	}
	x := newDoc(d.Text, sents, res.Entities)
	if len(x.toks) == 0 {
		return nil
	}
	rules := x.run()
	var gold []tspan
	for _, g := range d.Attributions {
		if c := x.tokRange(g.Cue); c.ok() {
			gold = append(gold, c)
		}
	}
	var out []binInst
	for _, c := range x.cueCandidates(ms, bias) {
		overlap := false
		for _, g := range rules {
			if c.span.a <= g.cue.b && g.cue.a <= c.span.b {
				overlap = true
			}
		}
		if overlap {
			continue
		}
		in := binInst{}
		for _, g := range gold {
			if c.span.a <= g.b && g.a <= c.span.b {
				in.gold = 1
			}
		}
		r := x.roleDecode(ms, c.span)
		in.feats = x.candFeats(c, r, x.inRuleContent(rules, c.span), nil)
		out = append(out, in)
	}
	return out
}

// trainBinary trains a binary averaged perceptron (labels 0 and 1).
func trainBinary(ctx context.Context, set []binInst, epochs int, rng *rand.Rand) *seqModel {
	t := &seqTrainer{m: newSeqModel(2, nil), c: 1}
	order := make([]int, len(set))
	for i := range order {
		order[i] = i
	}
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, oi := range order {
			if ctx.Err() != nil {
				return t.m
			}
			in := set[oi]
			var s float32
			for _, f := range in.feats {
				if r, ok := t.m.rows[f]; ok {
					s += t.m.w[int(r)*2+1] - t.m.w[int(r)*2]
				}
			}
			p := 0
			if s > 0 {
				p = 1
			}
			if p != in.gold {
				for _, f := range in.feats {
					t.add(f, in.gold, 1)
					t.add(f, p, -1)
				}
			}
			t.c++
		}
	}
	for k := range t.m.w {
		t.m.w[k] -= float32(t.acc[k] / t.c)
	}
	return t.m
}

// prepare fills the per-token data the models need.
// isCue is cleared; the rest is computed once.
func (x *doc) prepare() {
	if len(x.isCue) == len(x.toks) {
		clear(x.isCue)
	} else {
		x.isCue = make([]bool, len(x.toks))
	}
	if x.stems != nil {
		return
	}
	x.stems = make([]string, len(x.toks))
	for i := range x.toks {
		x.stems[i] = wordStem(x.toks[i].low)
	}
}

// tokRange is the token range covering the intervals (noSpan when none).
func (x *doc) tokRange(iv []Interval) tspan {
	r := noSpan
	for _, v := range iv {
		for i := x.firstTokAfter(v.Start); i < len(x.toks) && x.toks[i].s < v.End; i++ {
			if r.a < 0 || i < r.a {
				r.a = i
			}
			if i > r.b {
				r.b = i
			}
		}
	}
	return r
}

func (x *doc) firstTokAfter(pos int) int {
	lo, hi := 0, len(x.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if x.toks[m].e > pos {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// labelRole writes B/I labels for the tokens of [a, b) inside the
// intervals, cue tokens excluded.
func (x *doc) labelRole(lab []int, a, b int, iv []Interval, bl, il int, c tspan) {
	for _, v := range iv {
		prev := false
		for i := x.firstTokAfter(v.Start); i < b && x.toks[i].s < v.End; i++ {
			if i < a || c.contains(i) {
				prev = false
				continue
			}
			if lab[i-a] != roleO && lab[i-a] != bl && lab[i-a] != il {
				prev = false
				continue
			}
			if prev {
				lab[i-a] = il
			} else {
				lab[i-a] = bl
			}
			prev = true
		}
	}
}

type seqTrainer struct {
	m    *seqModel
	acc  []float64
	tacc []float64
	c    float64
}

func (t *seqTrainer) row(f uint64) int32 {
	if r, ok := t.m.rows[f]; ok {
		return r
	}
	r := int32(len(t.m.rows))
	t.m.rows[f] = r
	t.m.w = append(t.m.w, make([]float32, t.m.nl)...)
	t.acc = append(t.acc, make([]float64, t.m.nl)...)
	return r
}

func (t *seqTrainer) add(f uint64, l int, d float32) {
	r := t.row(f)
	k := int(r)*t.m.nl + l
	t.m.w[k] += d
	t.acc[k] += t.c * float64(d)
}

func (t *seqTrainer) addTrans(p, c int, d float32) {
	k := p*t.m.nl + c
	t.m.trans[k] += d
	t.tacc[k] += t.c * float64(d)
}

func trainSeq(ctx context.Context, set []seqInst, nl int, opt TrainOptions, rng *rand.Rand, log *slog.Logger, name string) *seqModel {
	t := &seqTrainer{m: newSeqModel(nl, bioAllowed), c: 1}
	t.tacc = make([]float64, len(t.m.trans))
	order := make([]int, len(set))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, toks := 0, 0
		for _, oi := range order {
			if ctx.Err() != nil {
				return t.m
			}
			in := set[oi]
			pred := t.m.decode(in.feats)
			prevG, prevP := nl, nl
			for i := range pred {
				g, p := in.gold[i], pred[i]
				toks++
				if g != p {
					errs++
					for _, f := range in.feats[i] {
						t.add(f, g, 1)
						t.add(f, p, -1)
					}
				}
				if g != p || prevG != prevP {
					t.addTrans(prevG, g, 1)
					t.addTrans(prevP, p, -1)
				}
				prevG, prevP = g, p
			}
			t.c++
		}
		log.Info("quote training epoch", "model", name, "epoch", ep+1, "token errors", errs, "tokens", toks)
	}
	// Average.
	for k := range t.m.w {
		t.m.w[k] -= float32(t.acc[k] / t.c)
	}
	for k := range t.m.trans {
		t.m.trans[k] -= float32(t.tacc[k] / t.c)
	}
	return t.m
}

// prune drops the features whose weights are all small.
func prune(m *seqModel, share float64) {
	var maxAbs float64
	for _, v := range m.w {
		maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
	}
	lim := share * maxAbs
	rows := make(map[uint64]int32, len(m.rows))
	var w []float32
	for k, r := range m.rows {
		row := m.w[int(r)*m.nl : int(r)*m.nl+m.nl]
		keep := false
		for _, v := range row {
			if math.Abs(float64(v)) >= lim {
				keep = true
			}
		}
		if keep {
			rows[k] = int32(len(rows))
			w = append(w, row...)
		}
	}
	m.rows, m.w = rows, w
}

// String describes a model's size.
func (ms *Models) String() string {
	return fmt.Sprintf("cue model %d features, role model %d features", len(ms.cue.rows), len(ms.role.rows))
}

// averageModels averages the weights of models of one kind.
func averageModels(ms []*seqModel) *seqModel {
	if len(ms) == 1 {
		return ms[0]
	}
	nl := ms[0].nl
	out := newSeqModel(nl, bioAllowed)
	n := float32(len(ms))
	keys := map[uint64]bool{}
	for _, m := range ms {
		for k := range m.rows {
			keys[k] = true
		}
	}
	sorted := make([]uint64, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	out.w = make([]float32, len(sorted)*nl)
	for i, k := range sorted {
		out.rows[k] = int32(i)
		for _, m := range ms {
			if r, ok := m.rows[k]; ok {
				for l := 0; l < nl; l++ {
					out.w[i*nl+l] += m.w[int(r)*nl+l] / n
				}
			}
		}
	}
	for _, m := range ms {
		for i, v := range m.trans {
			out.trans[i] += v / n
		}
	}
	return out
}
