package quote

import (
	"strings"

	"github.com/newsgraph/newsgraph/ner"
)

// Feature templates of the cue and role models: every feature hash starts
// with one of these ids, so that templates never collide by their values.
const (
	fBias byte = iota + 1
	fW
	fP
	fWP
	fSuf
	fLex
	fWm1
	fWp1
	fWm2
	fWp2
	fPm1
	fPp1
	fPm1P
	fPPp1
	fWm1W
	fWWp1
	fQuoteP
	fCap
	fEnt
	fEntPrev
	fFirst
	fLast
	fLexPm1
	fWPp1Wp2
	fPm2Pm1P
	fWQ
	fStem
	fStemP
	fMarkNear
	fPp1Pp2
	fWm1Ent
)

// Role feature templates.
const (
	rBias byte = iota + 64
	rD
	rW
	rP
	rPD
	rWm1
	rWp1
	rPm1P
	rPPp1
	rCueD
	rCueP
	rQuoteSent
	rCommaP
	rQuoteBetween
	rCueBetween
	rSent
	rEntD
	rPron
	rMark
	rCueNext
	rCuePrev
	rCuePrevPD
	rEndBetween
	rCueW
	rThatBetween
	rRegionSame
	rCueNextP
	rParaEnd
	rCueLexKind
	rFirstInSent
	rCueFirst
	rCueCueNextD
	rWCue
)

func (x *doc) low(i, sa, sb int) string {
	if i < sa {
		return "<s>"
	}
	if i >= sb {
		return "</s>"
	}
	return x.toks[i].low
}

func (x *doc) ptag(i, sa, sb int) string {
	if i < sa {
		return "<s>"
	}
	if i >= sb {
		return "</s>"
	}
	return x.toks[i].tag
}

// wordStem is a crude lemma: the cue lexicon's lemma when there is one, else
// the word without a regular inflection.
func wordStem(w string) string {
	if l := lemmaOf(w); l != "" {
		return l
	}
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:n-1]
	}
	return w
}

func suffix(w string, n int) string {
	if len(w) <= n {
		return w
	}
	return w[len(w)-n:]
}

// cueFeats appends the features of token i (sentence tokens [sa, sb)) for
// the cue model.
func (x *doc) cueFeats(i, sa, sb int, out []uint64) []uint64 {
	t := x.toks[i]
	w, p := t.low, t.tag
	st := x.stems[i]
	wm1, wp1 := x.low(i-1, sa, sb), x.low(i+1, sa, sb)
	wm2, wp2 := x.low(i-2, sa, sb), x.low(i+2, sa, sb)
	pm1, pp1 := x.ptag(i-1, sa, sb), x.ptag(i+1, sa, sb)
	pm2, pp2 := x.ptag(i-2, sa, sb), x.ptag(i+2, sa, sb)
	inQ := 0
	if t.region >= 0 {
		inQ = 1
	}
	lex := "-"
	if k, ok := cueLemmas[st]; ok {
		lex = string('a' + rune(k))
	}
	out = append(out,
		hT(fBias),
		hS(hT(fW), w),
		hS(hT(fP), p),
		hS(hS(hT(fWP), w), p),
		hS(hT(fSuf), suffix(w, 3)),
		hS(hS(hT(fLex), lex), p),
		hS(hT(fWm1), wm1),
		hS(hT(fWp1), wp1),
		hS(hT(fWm2), wm2),
		hS(hT(fWp2), wp2),
		hS(hT(fPm1), pm1),
		hS(hT(fPp1), pp1),
		hS(hS(hT(fPm1P), pm1), p),
		hS(hS(hT(fPPp1), p), pp1),
		hS(hS(hT(fWm1W), wm1), w),
		hS(hS(hT(fWWp1), w), wp1),
		hI(hS(hT(fQuoteP), p), inQ),
		hS(hS(hT(fLexPm1), lex), pm1),
		hS(hS(hS(hT(fWPp1Wp2), w), pp1), wp2),
		hS(hS(hS(hT(fPm2Pm1P), pm2), pm1), p),
		hI(hS(hT(fWQ), w), inQ),
		hS(hT(fStem), st),
		hS(hS(hT(fStemP), st), p),
		hS(hS(hT(fPp1Pp2), pp1), pp2),
	)
	if isCapitalized(t.text) {
		out = append(out, hI(hT(fCap), boolInt(i == sa)))
	}
	if t.ent >= 0 {
		out = append(out, hS(hT(fEnt), string(x.ents[t.ent].Type)))
	}
	if i > sa && x.toks[i-1].ent >= 0 {
		out = append(out, hS(hT(fEntPrev), p), hS(hT(fWm1Ent), w))
	}
	if i == sa {
		out = append(out, hS(hT(fFirst), w))
	}
	if i == sb-1 || i+1 < sb && isTerminalTok(x.toks[i+1].low) {
		out = append(out, hS(hT(fLast), st))
	}
	// A quote mark near: "…,” said X" / "said: “…".
	for k := i - 3; k <= i+3; k++ {
		if k >= sa && k < sb && k != i && x.toks[k].mark != markNone {
			out = append(out, hI(hI(hT(fMarkNear), k-i), int(x.toks[k].mark)))
		}
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func distBucket(d int) int {
	switch {
	case d <= 3:
		return d
	case d <= 5:
		return 4
	case d <= 8:
		return 5
	case d <= 12:
		return 6
	case d <= 20:
		return 7
	case d <= 35:
		return 8
	}
	return 9
}

// roleWindow is the token range [a, b) the role model labels for a cue: the
// cue's sentence, the quote it may close (back into earlier sentences of
// the paragraph), and up to two more sentences of the paragraph.
func (x *doc) roleWindow(c tspan) (int, int) {
	sa, sb := x.sentOf(c.a)
	a := sa
	// A quote closing in this sentence that opened earlier.
	for k := sa; k < c.a; k++ {
		if r := x.toks[k].region; r >= 0 {
			if o := x.regs[r].open; o < a && x.toks[o].para == x.toks[c.a].para && c.a-o < 150 {
				a, _ = x.sentOf(o)
			}
			break
		}
	}
	b := sb
	para := x.toks[c.a].para
	for n := 0; n < 2 && b < len(x.toks) && x.toks[b].para == para && b-c.b < 120; n++ {
		_, b = x.sentOf(b)
	}
	return a, b
}

// roleFeats returns the features of every token of the window [a, b) for
// the cue c.
func (x *doc) roleFeats(c tspan, a, b int) [][]uint64 {
	feats, _ := x.roleFeatsIn(c, a, b, nil)
	return feats
}

// roleFeatsIn is roleFeats with the features in pool (grown as needed and
// returned): extraction decodes a few dozen cues an article, and a fresh
// pool for each was a tenth of the allocations.
func (x *doc) roleFeatsIn(c tspan, a, b int, pool []uint64) ([][]uint64, []uint64) {
	n := b - a
	feats := make([][]uint64, n)
	cs := x.toks[c.a].sent
	cueW := x.toks[c.b].low
	cueFirst := x.toks[c.a].low
	cst := x.stems[c.b]
	sa, sb := x.sentOf(c.a)
	cueNext := x.low(c.b+1, sa, sb)
	cueNextP := x.ptag(c.b+1, sa, sb)
	cuePrev := x.low(c.a-1, sa, sb)
	cuePrevP := x.ptag(c.a-1, sa, sb)
	lex := "-"
	if k, ok := cueLemmas[cst]; ok {
		lex = string('a' + rune(k))
	}
	cueRegion := x.toks[c.a].region
	if cap(pool) < n*36 {
		pool = make([]uint64, 0, n*36)
	}
	pool = pool[:0]
	// Between-counts, scanning away from the cue on each side.
	type between struct{ comma, quote, cue, end, that int }
	var bt between
	do := func(i int, rel int, bt between) {
		t := x.toks[i]
		d := 0
		switch rel {
		case 0:
			d = c.a - i
		case 2:
			d = i - c.b
		}
		db := distBucket(d)
		base := hI(0, rel)
		w, p := t.low, t.tag
		pm1, pp1 := x.ptag(i-1, a, b), x.ptag(i+1, a, b)
		inQ := boolInt(t.region >= 0)
		sentOff := max(-2, min(2, t.sent-cs))
		start := len(pool)
		f := func(tp byte) uint64 { return hI(hT(tp), rel) }
		_ = base
		pool = append(pool,
			f(rBias),
			hI(f(rD), db),
			hS(f(rW), w),
			hS(f(rP), p),
			hI(hS(f(rPD), p), db),
			hS(f(rWm1), x.low(i-1, a, b)),
			hS(f(rWp1), x.low(i+1, a, b)),
			hS(hS(f(rPm1P), pm1), p),
			hS(hS(f(rPPp1), p), pp1),
			hI(hS(f(rCueD), cst), db),
			hS(hS(f(rCueP), cst), p),
			hI(hI(f(rQuoteSent), inQ), sentOff),
			hS(hI(f(rCommaP), min(bt.comma, 3)), p),
			hI(hI(f(rQuoteBetween), min(bt.quote, 3)), inQ),
			hI(f(rCueBetween), min(bt.cue, 2)),
			hI(hI(f(rSent), sentOff), db),
			hI(hI(f(rEndBetween), min(bt.end, 2)), inQ),
			hS(hS(f(rCueW), cueW), cueNext),
			hI(f(rThatBetween), min(bt.that, 2)),
			hI(hS(f(rCueNext), cueNext), db),
			hI(hS(f(rCuePrev), cuePrev), db),
			hI(hS(f(rCuePrevPD), cuePrevP), min(db, 4)),
			hS(hS(f(rCueNextP), cueNextP), p),
			hS(f(rCueLexKind), lex),
			hS(hS(f(rCueFirst), cueFirst), p),
			hI(hS(f(rCueCueNextD), cst+" "+cueNext), min(db, 5)),
			hS(hS(f(rWCue), w), cst),
		)
		if t.region >= 0 && t.region == cueRegion {
			pool = append(pool, f(rRegionSame))
		}
		if t.ent >= 0 {
			pool = append(pool, hI(hS(f(rEntD), string(x.ents[t.ent].Type)), db))
		}
		if personPronoun(t.low) != 0 || t.low == "who" || t.low == "which" {
			pool = append(pool, hI(f(rPron), db))
		}
		if t.mark != markNone {
			pool = append(pool, hI(hI(f(rMark), int(t.mark)), min(db, 4)))
		}
		if i+1 < len(x.toks) && x.toks[i+1].para != t.para {
			pool = append(pool, f(rParaEnd))
		}
		if i == a || x.toks[i-1].sent != t.sent {
			pool = append(pool, hS(f(rFirstInSent), w))
		}
		feats[i-a] = pool[start:len(pool):len(pool)]
	}
	count := func(t tok, bt *between, cueTok bool) {
		switch {
		case t.low == ",":
			bt.comma++
		case t.mark != markNone:
			bt.quote++
		case isTerminalTok(t.low):
			bt.end++
		case t.low == "that":
			bt.that++
		}
		if cueTok {
			bt.cue++
		}
	}
	for i := c.a; i <= c.b; i++ {
		do(i, 1, between{})
	}
	bt = between{}
	for i := c.a - 1; i >= a; i-- {
		do(i, 0, bt)
		count(x.toks[i], &bt, x.isCue[i])
	}
	bt = between{}
	for i := c.b + 1; i < b; i++ {
		do(i, 2, bt)
		count(x.toks[i], &bt, x.isCue[i])
	}
	return feats, pool
}

// wordClasses are the token's classes in the recognizer's word clustering
// (64, 256 and 1024 classes), -1 for unknown words.
func wordClasses(w string) [3]int16 {
	a, b, c, ok := ner.WordClasses(w)
	if !ok {
		return [3]int16{-1, -1, -1}
	}
	return [3]int16{int16(a), int16(b), int16(c)}
}
