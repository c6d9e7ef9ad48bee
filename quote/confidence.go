package quote

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
)

// The confidence of an attribution is a calibrated probability that its
// said-about pairs (speaker, target) are right. A logistic regression over
// named features of the attribution — which stage found it (rules, "according
// to", a transcript turn, the models), the cue filter's score, how the source
// was found (a name, a pronoun and how far back its antecedent is, a relative
// pronoun, the subject of an earlier tag), whether the role model agrees with
// the source and content, the cue's lemma and kind, direct or indirect, the
// content's length, the targets — fitted on attributions of PolNeAR train
// found by models that did not see their article (cross-validation folds),
// each weighted by its pairs (see FitCalibrator and docs/quotes.md).

// Calibrator turns an attribution's features into its confidence.
type Calibrator struct {
	Bias    float64            `json:"bias"`
	Weights map[string]float64 `json:"weights"`
	// MinConfidence is the default threshold: attributions at or above it
	// make said-about edges (chosen on PolNeAR train and dev for a pair
	// precision of 0.90; see docs/quotes.md).
	MinConfidence float64 `json:"min_confidence"`
}

// Confidence is the calibrated probability for the features, rounded to
// three decimals (so that sums of confidences are exact in thousandths).
func (c *Calibrator) Confidence(feats []string) float64 {
	z := c.Bias
	for _, f := range feats {
		z += c.Weights[f]
	}
	return math.Round(1000/(1+math.Exp(-z))) / 1000
}

//go:embed model/confidence.json
var embeddedCalibrator []byte

// DefaultCalibrator is the embedded calibrator (quote/model/confidence.json,
// written by "newsgraph quote calibrate").
var DefaultCalibrator = sync.OnceValues(func() (*Calibrator, error) {
	return ReadCalibrator(embeddedCalibrator)
})

// ReadCalibrator reads a calibrator written by Calibrator.JSON.
func ReadCalibrator(data []byte) (*Calibrator, error) {
	var c Calibrator
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("read the attribution calibrator: %w", err)
	}
	if c.MinConfidence < 0 || c.MinConfidence > 1 {
		return nil, fmt.Errorf("read the attribution calibrator: min_confidence %v outside [0, 1]", c.MinConfidence)
	}
	return &c, nil
}

// JSON is the calibrator as indented JSON with sorted keys (deterministic
// bytes).
func (c *Calibrator) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MinConfidence is the embedded calibrator's default threshold (0 when the
// calibrator cannot be read).
func MinConfidence() float64 {
	c, err := DefaultCalibrator()
	if err != nil {
		return 0
	}
	return c.MinConfidence
}

// confFeatures are the confidence features of frame f. ms may be nil (the
// rules alone: no role-model features).
func (x *doc) confFeatures(ms *Models, f frame, speakers int) []string {
	origin := string(f.origin)
	if f.cont {
		origin += "+cont"
	}
	how := "none"
	if f.srcHow != 0 {
		how = string(f.srcHow)
	}
	kind := x.kindOf(f)
	out := []string{
		"origin=" + origin,
		"how=" + how,
		"origin&how=" + origin + "&" + how,
		"kind=" + kind,
		"origin&kind=" + origin + "&" + kind,
		"lemma=" + f.lemma,
	}
	add := func(k string, v any) { out = append(out, fmt.Sprint(k, "=", v)) }
	// Content: direct, partly quoted or indirect; length; side.
	form := "indirect"
	switch {
	case f.direct:
		form = "direct"
	case x.hasQuote(f.content):
		form = "partial"
	}
	add("form", form)
	add("origin&form", origin+"&"+form)
	n := 0
	if f.content.ok() {
		n = f.content.b - f.content.a + 1
	}
	add("conlen", lenBucket(n))
	add("form&conlen", form+"&"+lenBucket(n))
	add("left", f.leftMode)
	if f.content.ok() && x.toks[f.content.a].sent != x.toks[f.content.b].sent {
		add("multisent", true)
	}
	if x.toks[f.cue.a].region >= 0 {
		add("cueinquote", true)
	}
	if ct := x.toks[f.cue.b]; isCapitalized(ct.text) && f.cue.b > 0 && x.toks[f.cue.b-1].sent == ct.sent && !isPunctTok(x.toks[f.cue.b-1].text) {
		add("cuecapital", true) // a headline in title case: "Cruz Just Called …"
	}
	if f.content.ok() {
		if _, names, words := x.spanWords(f.content); words > 0 && names == words {
			add("contentname", true) // "said on Hannity", "told Morning Joe"
		}
	}
	if f.sent == 0 {
		add("firstsent", true)
	}
	if speakers > 1 {
		add("speakers", "many")
	}
	// The source: how far from the cue, the speaker's type and weight.
	if f.src.ok() {
		d := f.cue.a - f.src.b
		if f.src.a > f.cue.b {
			d = f.src.a - f.cue.b
		}
		add("srcdist", distBucket(max(d, 0)))
		ents := map[int]bool{}
		for i := f.src.a; i <= f.src.b; i++ {
			if e := x.toks[i].ent; e >= 0 {
				ents[e] = true
			}
		}
		add("srcents", min(len(ents), 2))
		prev := "start"
		if k := f.src.a - 1; k >= 0 && x.toks[k].sent == x.toks[f.src.a].sent {
			switch t := x.toks[k]; {
			case t.tag == "IN" || t.tag == "TO":
				prev = "prep"
			case t.tag == "CC":
				prev = "conj"
			case isPunctTok(t.text):
				prev = "punct"
			default:
				prev = "other"
			}
		}
		add("srcprev", prev)
		for i := f.src.a; i <= f.src.b; i++ {
			if x.toks[i].low == "," || x.toks[i].low == "(" {
				add("srcclause", true)
				break
			}
		}
	}
	if f.speaker >= 0 {
		e := x.ents[f.speaker]
		add("spmentions", countBucket(len(e.Mentions)))
		if f.srcHow == howPronoun || f.srcHow == howRelative || f.srcHow == howInherited {
			add("antecedent", x.antecedentDistance(f))
		}
		if f.content.ok() {
			for i := f.content.a; i <= f.content.b; i++ {
				if x.toks[i].ent == f.speaker {
					add("selfmention", true)
					break
				}
			}
		}
	} else {
		add("speaker", "none")
	}
	// Targets: how many, of which types, whether one follows a place
	// preposition (framing: "during a stop in Flint") or lies far into the
	// content.
	tg := x.targets(f.content, f.speaker)
	add("targets", min(len(tg), 4))
	for _, t := range tg {
		add("tgtype", x.ents[t].Type)
	}
	if f.content.ok() {
		seen := map[int]bool{}
		sub := false // a subordinate clause has begun ("because", "after")
		for i := f.content.a; i <= f.content.b; i++ {
			if i > f.content.a && subordinators[x.toks[i].low] && x.toks[i].region < 0 {
				sub = true
			}
			if x.isCue[i] && !f.cue.contains(i) {
				add("nestedcue", true)
			}
			e := x.toks[i].ent
			if e < 0 || e == f.speaker || seen[e] {
				continue
			}
			seen[e] = true
			if sub {
				add("tgtaftersub", true)
			}
			if i > f.content.a && placePreps[x.toks[i-1].low] {
				add("tgtafterprep", x.ents[e].Type)
			}
			if i-f.content.a > 25 {
				add("tgtfar", true)
			}
			if x.toks[i].region >= 0 {
				add("tgtinquote", true)
			}
		}
	}
	// The models' view.
	if f.origin == origModel {
		b := filterBucket(f.filter)
		add("filter", b)
		add("filter&how", b+"&"+how)
	}
	if len(x.cueMargin) == len(x.toks) && f.cue.ok() {
		m := x.cueMargin[f.cue.a]
		for i := f.cue.a; i <= f.cue.b; i++ {
			m = max(m, x.cueMargin[i])
		}
		b := filterBucket(m)
		add("cuemargin", b)
		add("origin&cuemargin", origin+"&"+b)
	}
	if ms != nil && f.cue.ok() {
		r := x.roleDecode(ms, f.cue)
		src, con := x.roleAgreement(r, f)
		add("rolesrc", src)
		add("rolecon", con)
		add("origin&rolesrc", origin+"&"+src)
		add("origin&rolecon", origin+"&"+con)
		add("rolemargin", marginBucket(r.margin))
		// Targets the role model leaves out of the content: the reporter's
		// framing more often than the speaker's words.
		out, in := 0, 0
		seen := map[int]bool{}
		for i := f.content.a; f.content.ok() && i <= f.content.b; i++ {
			e := x.toks[i].ent
			if e < 0 || e == f.speaker || seen[e] {
				continue
			}
			seen[e] = true
			if k := i - r.a; k >= 0 && k < len(r.lab) && (r.lab[k] == roleBC || r.lab[k] == roleIC) {
				in++
			} else {
				out++
			}
		}
		switch {
		case out > 0 && in > 0:
			add("tgtrole", "some")
		case out > 0:
			add("tgtrole", "none")
		case in > 0:
			add("tgtrole", "all")
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// subordinators begin clauses that are more often the reporter's framing
// than the speaker's words.
var subordinators = map[string]bool{"because": true, "after": true, "when": true, "while": true, "since": true,
	"although": true, "though": true, "before": true, "until": true, "as": true, "whose": true, "which": true}

// placePreps introduce the reporter's framing of where and when something
// was said more often than its content.
var placePreps = map[string]bool{"in": true, "at": true, "from": true, "near": true, "during": true, "outside": true, "inside": true}

// antecedentDistance is how many sentences back the nearest mention of the
// speaker of a pronoun, relative or inherited source is ("0", "1", "2",
// "3+", "none").
func (x *doc) antecedentDistance(f frame) string {
	for k := f.src.a - 1; k >= 0; k-- {
		if x.toks[k].ent == f.speaker {
			switch d := x.toks[f.src.a].sent - x.toks[k].sent; {
			case d < 3:
				return strconv.Itoa(d)
			default:
				return "3+"
			}
		}
	}
	return "none"
}

// roleAgreement compares a frame's source and content with the role
// model's labelling of its cue's window: the source "same" (overlapping),
// "other", "none" (the model finds none) or "-" (the frame has none); the
// share of the content the model labels content ("0", "<.5", "<.9", "all").
func (x *doc) roleAgreement(r roleOut, f frame) (src, con string) {
	src = "none"
	if !f.src.ok() {
		src = "-"
	}
	inCon := 0
	for k, l := range r.lab {
		i := r.a + k
		switch l {
		case roleBS, roleIS:
			if !f.src.ok() {
				continue
			}
			if f.src.contains(i) {
				src = "same"
			} else if src == "none" {
				src = "other"
			}
		case roleBC, roleIC:
			if f.content.contains(i) {
				inCon++
			}
		}
	}
	n := 0
	if f.content.ok() {
		n = f.content.b - f.content.a + 1
	}
	switch share := float64(inCon) / float64(max(n, 1)); {
	case inCon == 0:
		con = "0"
	case share < 0.5:
		con = "<.5"
	case share < 0.9:
		con = "<.9"
	default:
		con = "all"
	}
	return src, con
}

func lenBucket(n int) string {
	for _, b := range []int{2, 5, 11, 24, 49} {
		if n <= b {
			return "<=" + strconv.Itoa(b)
		}
	}
	return ">49"
}

func countBucket(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n <= 3:
		return "2-3"
	case n <= 9:
		return "4-9"
	}
	return "10+"
}

func filterBucket(s float32) string {
	for _, b := range []float32{-6, -4, -2, 0, 2, 5, 10} {
		if s <= b {
			return fmt.Sprintf("<=%g", b)
		}
	}
	return ">10"
}

func marginBucket(m float32) string {
	for _, b := range []float32{0, 5, 15, 40, 100} {
		if m <= b {
			return fmt.Sprintf("<=%g", b)
		}
	}
	return ">100"
}

// calInstance is one attribution for fitting: its features, the share of
// its pairs that are right, and its number of pairs (the weight).
type calInstance struct {
	feats []string
	y, w  float64
}

// FitOptions configure FitCalibrator.
type FitOptions struct {
	// L2 is the ridge penalty on the weights (not the bias).
	L2 float64
	// MinCount drops features seen in fewer attributions.
	MinCount int
}

// fitCalibrator fits a weighted logistic regression (Newton's method with
// an L2 penalty; deterministic) to the instances.
func fitCalibrator(insts []calInstance, opt FitOptions) *Calibrator {
	count := map[string]int{}
	for _, in := range insts {
		for _, f := range in.feats {
			count[f]++
		}
	}
	var names []string
	for f, n := range count {
		if n >= max(opt.MinCount, 1) {
			names = append(names, f)
		}
	}
	slices.Sort(names)
	idx := make(map[string]int, len(names))
	for i, f := range names {
		idx[f] = i + 1 // 0 is the bias
	}
	d := len(names) + 1
	rows := make([][]int, len(insts))
	for i, in := range insts {
		r := []int{0}
		for _, f := range in.feats {
			if j, ok := idx[f]; ok && !slices.Contains(r, j) {
				r = append(r, j)
			}
		}
		rows[i] = r
	}
	w := make([]float64, d)
	for iter := 0; iter < 50; iter++ {
		grad := make([]float64, d)
		hess := make([]float64, d*d)
		for j := 1; j < d; j++ {
			grad[j] = opt.L2 * w[j]
			hess[j*d+j] = opt.L2
		}
		hess[0] += 1e-9
		for i, in := range insts {
			z := 0.0
			for _, j := range rows[i] {
				z += w[j]
			}
			p := 1 / (1 + math.Exp(-z))
			g := in.w * (p - in.y)
			h := in.w * p * (1 - p)
			for _, j := range rows[i] {
				grad[j] += g
				for _, k := range rows[i] {
					hess[j*d+k] += h
				}
			}
		}
		step := solveSPD(hess, grad, d)
		maxStep := 0.0
		for j := range w {
			w[j] -= step[j]
			maxStep = math.Max(maxStep, math.Abs(step[j]))
		}
		if maxStep < 1e-7 {
			break
		}
	}
	c := &Calibrator{Bias: round6(w[0]), Weights: map[string]float64{}}
	for i, f := range names {
		if v := round6(w[i+1]); v != 0 {
			c.Weights[f] = v
		}
	}
	return c
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// solveSPD solves A x = b for a symmetric positive definite A (d×d, row
// major) by Cholesky decomposition.
func solveSPD(a, b []float64, d int) []float64 {
	l := make([]float64, d*d)
	for i := 0; i < d; i++ {
		for j := 0; j <= i; j++ {
			s := a[i*d+j]
			for k := 0; k < j; k++ {
				s -= l[i*d+k] * l[j*d+k]
			}
			if i == j {
				l[i*d+i] = math.Sqrt(math.Max(s, 1e-12))
			} else {
				l[i*d+j] = s / l[j*d+j]
			}
		}
	}
	y := make([]float64, d)
	for i := 0; i < d; i++ {
		s := b[i]
		for k := 0; k < i; k++ {
			s -= l[i*d+k] * y[k]
		}
		y[i] = s / l[i*d+i]
	}
	x := make([]float64, d)
	for i := d - 1; i >= 0; i-- {
		s := y[i]
		for k := i + 1; k < d; k++ {
			s -= l[k*d+i] * x[k]
		}
		x[i] = s / l[i*d+i]
	}
	return x
}
