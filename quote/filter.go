package quote

// The cue filter is a second stage over the cue model: the cue model, with a
// bias towards cue labels, proposes more cues than it would on its own
// (candidates), the role model labels a source and content for each, and a
// binary linear classifier decides from both which candidates are cues: a
// word that is a cue in one sentence and not in the next ("called",
// "support", "plans") is one when a source and a content stand around it.
// The classifier is trained on candidates of the training articles found by
// cue and role models that did not see them (cross-validation folds), so
// that it learns from the errors the models make on new text.

// candidate is a possible cue.
type candidate struct {
	span   tspan
	margin float32 // the cue model's best (cue − O) emission score in the span, unbiased
	base   bool    // the unbiased cue model labels a cue in the span
}

// roleOut is the role model's labelling of a cue's window [a, b).
type roleOut struct {
	a, b   int
	lab    []int
	margin float32 // best path score minus the all-O path score
}

// cueCandidates labels every sentence with the cue model twice from one set
// of emissions: without a bias (the model's own cues, marked in x.isCue as
// the role features expect) and with bias added to the cue labels (the
// candidates, which cover the model's own cues).
func (x *doc) cueCandidates(ms *Models, bias float32) []candidate {
	x.prepare()
	var cands []candidate
	var buf []uint64
	var feats [][]uint64
	var em []float32
	nl := ms.cue.nl
	biasV := []float32{0, bias, bias}
	for s := range x.bounds {
		sa, sb := x.bounds[s][0], x.bounds[s][1]
		if sb <= sa {
			continue
		}
		buf, feats = x.sentenceCueFeats(sa, sb, buf[:0], feats[:0])
		n := sb - sa
		if cap(em) < n*nl {
			em = make([]float32, n*nl)
		}
		em = em[:n*nl]
		ms.cue.emissions(feats, em)
		if len(x.cueMargin) != len(x.toks) {
			x.cueMargin = make([]float32, len(x.toks))
		}
		for k := 0; k < n; k++ {
			e := em[k*nl:]
			x.cueMargin[sa+k] = max(e[cueB], e[cueI]) - e[cueO]
		}
		base, _ := ms.cue.viterbi(em, nil)
		for k, l := range base {
			if l != cueO {
				x.isCue[sa+k] = true
			}
		}
		lab := base
		if bias != 0 {
			lab, _ = ms.cue.viterbi(em, biasV)
		}
		for k := 0; k < len(lab); k++ {
			if lab[k] == cueO {
				continue
			}
			c := candidate{span: tspan{sa + k, sa + k}}
			for k+1 < len(lab) && lab[k+1] == cueI {
				k++
				c.span.b = sa + k
			}
			first := true
			for i := c.span.a; i <= c.span.b; i++ {
				e := em[(i-sa)*nl:]
				m := max(e[cueB], e[cueI]) - e[cueO]
				if first || m > c.margin {
					c.margin, first = m, false
				}
				if x.isCue[i] {
					c.base = true
				}
			}
			cands = append(cands, c)
		}
	}
	return cands
}

// roleDecode runs the role model for the cue c (once per cue: the
// labelling is kept for the confidence features).
func (x *doc) roleDecode(ms *Models, c tspan) roleOut {
	if r, ok := x.roles[c]; ok {
		return r
	}
	a, b := x.roleWindow(c)
	var feats [][]uint64
	feats, x.rolePool = x.roleFeatsIn(c, a, b, x.rolePool)
	em := make([]float32, len(feats)*ms.role.nl)
	ms.role.emissions(feats, em)
	lab, sc := ms.role.viterbi(em, nil)
	r := roleOut{a: a, b: b, lab: lab, margin: sc - ms.role.allOScore(em)}
	if x.roles == nil {
		x.roles = map[tspan]roleOut{}
	}
	x.roles[c] = r
	return r
}

// Filter feature templates.
const (
	kBias byte = iota + 160
	kMargin
	kBase
	kW
	kStem
	kTag
	kHead
	kFirst
	kLen
	kLex
	kRoleMargin
	kSrc
	kSrcKind
	kSrcD
	kCon
	kConLen
	kConQuote
	kShape
	kShapeStem
	kShapeMargin
	kShapeTag
	kRoleMarginMargin
	kInRule
	kInQuote
	kClass
	kShapeClass
	kNext
	kPrev
	kNConParts
	kSentCue
)

func bucket(v, step float32, lo, hi int) int {
	b := int(v / step)
	if v < 0 {
		b--
	}
	return max(lo, min(hi, b))
}

// candFeats are the filter's features of a candidate with its roles.
// inRule: the candidate lies inside the content of a rule attribution.
func (x *doc) candFeats(c candidate, r roleOut, inRule bool, out []uint64) []uint64 {
	sp := c.span
	head := x.toks[sp.b]
	hst := x.stems[sp.b]
	mb := bucket(c.margin, 5, -8, 8)
	rm := 0
	switch m := r.margin; {
	case m <= 0:
		rm = 0
	case m < 5:
		rm = 1
	case m < 15:
		rm = 2
	case m < 40:
		rm = 3
	case m < 100:
		rm = 4
	default:
		rm = 5
	}
	// The roles found.
	srcKind, srcD, srcSide := "none", 0, 0
	conLen, conSide, conQuote, nCon := 0, 0, 0, 0
	for k := 0; k < len(r.lab); k++ {
		l := r.lab[k]
		if l != roleBS && l != roleBC {
			continue
		}
		in := l + 1
		s := tspan{r.a + k, r.a + k}
		for k+1 < len(r.lab) && r.lab[k+1] == in {
			k++
			s.b = r.a + k
		}
		side := 1
		d := s.a - sp.b
		if s.b < sp.a {
			side, d = -1, sp.a-s.b
		}
		if l == roleBS {
			if srcKind != "none" && distBucket(d) >= srcD {
				continue
			}
			srcD, srcSide = distBucket(d), side
			t := x.toks[s.b]
			switch {
			case personPronoun(t.low) != 0:
				srcKind = "pron"
			case t.low == "who" || t.low == "which" || t.low == "that":
				srcKind = "rel"
			case t.ent >= 0:
				srcKind = "ent-" + string(x.ents[t.ent].Type)
			case isNounTag(t.tag):
				srcKind = "noun"
			default:
				srcKind = "other"
			}
		} else {
			nCon++
			if n := s.b - s.a + 1; n > conLen {
				conLen, conSide = n, side
				conQuote = boolInt(x.toks[s.a].region >= 0 || x.toks[s.b].region >= 0)
			}
		}
	}
	conB := 0
	switch {
	case conLen == 0:
	case conLen < 3:
		conB = 1
	case conLen < 6:
		conB = 2
	case conLen < 12:
		conB = 3
	case conLen < 25:
		conB = 4
	default:
		conB = 5
	}
	shape := hI(hI(hS(0, srcKind), srcSide), conSide)
	lex := "-"
	if k, ok := cueLemmas[hst]; ok {
		lex = string('a' + rune(k))
	}
	sa, sb := x.sentOf(sp.a)
	// The classes of the head only: looking them up for every token was
	// 2% of extraction.
	cls := wordClasses(head.text)
	out = append(out,
		hT(kBias),
		hI(hT(kMargin), mb),
		hI(hT(kBase), boolInt(c.base)),
		hS(hT(kHead), head.low),
		hS(hT(kFirst), x.toks[sp.a].low),
		hI(hT(kLen), min(sp.b-sp.a, 4)),
		hS(hT(kLex), lex),
		hI(hT(kRoleMargin), rm),
		hI(hI(hT(kSrc), boolInt(srcKind != "none")), boolInt(conLen > 0)),
		hS(hT(kSrcKind), srcKind),
		hI(hI(hT(kSrcD), srcD), srcSide),
		hI(hI(hT(kCon), conB), conSide),
		hI(hI(hT(kConQuote), conQuote), conSide),
		hI(hT(kShape), int(shape)),
		hS(hI(hT(kShapeStem), int(shape)), hst),
		hI(hI(hT(kShapeMargin), int(shape)), mb),
		hS(hI(hT(kShapeTag), int(shape)), head.tag),
		hI(hI(hT(kRoleMarginMargin), rm), mb),
		hI(hT(kInRule), boolInt(inRule)),
		hI(hT(kInQuote), boolInt(head.region >= 0)),
		hI(hT(kClass), int(cls[1])),
		hI(hI(hT(kShapeClass), int(shape)), int(cls[1])),
		hS(hT(kNext), x.low(sp.b+1, sa, sb)),
		hS(hT(kPrev), x.low(sp.a-1, sa, sb)),
		hI(hT(kNConParts), min(nCon, 3)),
	)
	for i := sp.a; i <= sp.b; i++ {
		out = append(out, hS(hT(kW), x.toks[i].low), hS(hT(kStem), x.stems[i]), hS(hT(kTag), x.toks[i].tag))
	}
	nc := 0
	for i := sa; i < sb; i++ {
		if x.isCue[i] && !sp.contains(i) {
			nc++
		}
	}
	out = append(out, hI(hT(kSentCue), min(nc, 2)))
	return out
}

// score is a binary classifier's score (label 1 minus label 0).
func (m *seqModel) score(feats []uint64) float32 {
	em := [2]float32{}
	m.emissions([][]uint64{feats}, em[:])
	return em[1] - em[0]
}
