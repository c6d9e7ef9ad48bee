package quote

// The trained models find attributions in two steps: the cue model labels
// cue tokens sentence by sentence (modelCues), then for each cue the role
// model labels its source and content in a window around it (buildModel).
// Speakers are resolved as for the rules (pronouns, relative pronouns,
// coordinated names); nested attributions are kept, as PolNeAR annotates
// them.

// sentenceCueFeats appends the cue features of tokens sa..sb-1 (one
// sentence) to buf and a slice of them per token to feats.
func (x *doc) sentenceCueFeats(sa, sb int, buf []uint64, feats [][]uint64) ([]uint64, [][]uint64) {
	for i := sa; i < sb; i++ {
		start := len(buf)
		buf = x.cueFeats(i, sa, sb, buf)
		feats = append(feats, buf[start:len(buf):len(buf)])
	}
	return buf, feats
}

// modelCues labels the cue tokens sentence by sentence and marks them in
// x.isCue.
func (x *doc) modelCues(ms *Models) []tspan {
	x.prepare()
	var cues []tspan
	var buf []uint64
	var feats [][]uint64
	for s := range x.bounds {
		sa, sb := x.bounds[s][0], x.bounds[s][1]
		if sb <= sa {
			continue
		}
		buf, feats = x.sentenceCueFeats(sa, sb, buf[:0], feats[:0])
		lab := ms.cue.decode(feats)
		for k := 0; k < len(lab); k++ {
			if lab[k] == cueO {
				continue
			}
			c := tspan{sa + k, sa + k}
			for k+1 < len(lab) && lab[k+1] == cueI {
				k++
				c.b = sa + k
			}
			cues = append(cues, c)
		}
	}
	for _, c := range cues {
		for i := c.a; i <= c.b; i++ {
			x.isCue[i] = true
		}
	}
	return cues
}

func (x *doc) buildModel(ms *Models, c tspan, group int) {
	x.buildFromRoles(c, x.roleDecode(ms, c), group, 0)
}

// buildFromRoles makes the frames of the cue c from the role model's labels;
// score is the cue filter's score of c.
func (x *doc) buildFromRoles(c tspan, r roleOut, group int, score float32) {
	a, lab := r.a, r.lab
	var srcs, cons []tspan
	for k := 0; k < len(lab); k++ {
		l := lab[k]
		if l != roleBS && l != roleBC && l != roleIS && l != roleIC {
			continue
		}
		in := roleIS
		if l == roleBC || l == roleIC {
			in = roleIC
		}
		sp := tspan{a + k, a + k}
		for k+1 < len(lab) && lab[k+1] == in {
			k++
			sp.b = a + k
		}
		if in == roleIS {
			srcs = append(srcs, sp)
		} else {
			cons = append(cons, sp)
		}
	}
	if len(cons) == 0 {
		return
	}
	src := noSpan
	bestD := 1 << 30
	for _, s := range srcs {
		d := c.a - s.b
		if s.a > c.b {
			d = s.a - c.b
		}
		if d < bestD {
			src, bestD = s, d
		}
	}
	// A time is not a source ("Wells Fargo this month announced", "in
	// April charged"): the subject left of it is, if there is one.
	if src.ok() && src.b < c.a && x.onlyTime(src) {
		sa, _ := x.sentOf(c.a)
		src = noSpan
		if j := x.skipTimeLeft(c.a-1, sa); j >= sa && j < c.a-1 {
			if np, ok := x.leftNP(j, sa); ok {
				src = np
			}
		}
	}
	// Content parts: the largest first, the others as continuations.
	for i := range cons {
		cons[i] = x.extendQuote(cons[i])
	}
	main := 0
	for i, s := range cons {
		if s.b-s.a > cons[main].b-cons[main].a {
			main = i
		}
	}
	sent := x.toks[c.a].sent
	lemma := x.stems[c.b]
	base := frame{cue: c, lemma: lemma, sent: sent, group: group, speaker: -1, tagStart: c.a, origin: origModel, filter: score}
	if src.ok() && src.a < c.a {
		base.tagStart = src.a
	}
	type sp struct {
		span    tspan
		speaker int
		how     byte
	}
	var speakers []sp
	switch {
	case !src.ok():
		speakers = append(speakers, sp{noSpan, -1, 0})
	case src.a == src.b && (x.toks[src.a].low == "who" || x.toks[src.a].low == "which" || x.toks[src.a].low == "that"):
		speakers = append(speakers, sp{src, x.antecedent(src.a), howRelative})
	case src.a == src.b && personPronoun(x.toks[src.a].low) != 0:
		speakers = append(speakers, sp{src, x.resolvePronoun(src.a, personPronoun(x.toks[src.a].low)), howPronoun})
	default:
		parts := x.conjuncts(src)
		how := byte(howNP)
		if src.a > c.b {
			how = howInverted
		}
		if len(parts) > 1 {
			how = howCoord
		}
		for _, part := range parts {
			speakers = append(speakers, sp{part, x.headEntity(part), how})
		}
	}
	for i, con := range cons {
		ct := x.trimContent(con)
		if !ct.ok() || x.nameList(ct) {
			continue
		}
		f := base
		f.content = ct
		f.direct = x.isDirect(ct)
		if f.direct {
			r := x.regs[x.toks[ct.a].region]
			if rc := x.regionContent(r); rc.ok() && rc.a <= ct.a && rc.b >= ct.b {
				f.content = rc
			}
		}
		f.leftMode = ct.b < c.a
		f.cont = i != main
		for _, s := range speakers {
			g := f
			g.src, g.speaker, g.srcHow = s.span, s.speaker, s.how
			x.frames = append(x.frames, g)
		}
	}
}

// extendQuote extends a content span that ends inside a quote running on
// past it to the end of that quote.
func (x *doc) extendQuote(t tspan) tspan {
	if r := x.toks[t.b].region; r >= 0 {
		reg := x.regs[r]
		if reg.last > t.b && x.toks[reg.open].para == x.toks[t.b].para && reg.last-t.b < 300 {
			// only when the quote opened inside the span or just before it
			if reg.open >= t.a-1 || x.toks[t.a].region == r {
				t.b = reg.last
			}
		}
	}
	return t
}

// trimContent drops marks and punctuation at the edges of a content span.
func (x *doc) trimContent(t tspan) tspan {
	for t.a <= t.b {
		s := x.toks[t.a]
		if s.low == "," || s.low == ":" || s.low == "that" && t.a < t.b && x.toks[t.a].region < 0 {
			t.a++
			continue
		}
		break
	}
	for t.b >= t.a {
		s := x.toks[t.b].low
		if s == "," || s == ";" || s == ":" || s == "--" || s == "—" || s == "(" {
			t.b--
			continue
		}
		break
	}
	if t.b < t.a {
		return noSpan
	}
	return t
}

// isDirect reports whether the span lies inside one quote.
func (x *doc) isDirect(t tspan) bool {
	a, b := t.a, t.b
	for a <= b && x.toks[a].mark != markNone {
		a++
	}
	for b >= a && (x.toks[b].mark != markNone || isTerminalTok(x.toks[b].low)) {
		b--
	}
	if a > b {
		return false
	}
	r := x.toks[a].region
	if r < 0 {
		return false
	}
	for i := a; i <= b; i++ {
		if x.toks[i].region != r {
			return false
		}
	}
	return true
}

// modelGroup is added to the group numbers of model frames so that they
// never share a group with a rule frame.
const modelGroup = 1 << 20

// runHybrid combines the hand-written rules, tuned to the seed conventions
// (speech verbs, appositive speakers, coordinated subjects, what belongs to
// the content), with the models: the rules' frames, plus the model's frames
// for the cues that no rule frame has (their pronouns resolved with the
// rules' speakers in view). The model's frames alone score about the same
// on PolNeAR dev but lose a fifth of the seeds' said-about edges; the
// rules' speakers with the model's contents lose a tenth.
func (x *doc) runHybrid(ms *Models) []frame {
	rules := x.run()
	n := len(rules)
	x.trimRuleContents(ms, rules)
	overlapsRule := func(c tspan) bool {
		for _, g := range rules {
			if c.a <= g.cue.b && g.cue.a <= c.b {
				return true
			}
		}
		return false
	}
	if ms.filter == nil {
		for gi, c := range x.modelCues(ms) {
			if !overlapsRule(c) {
				x.buildModel(ms, c, modelGroup+gi)
			}
		}
	} else {
		var buf []uint64
		for gi, c := range x.cueCandidates(ms, ms.candBias) {
			if overlapsRule(c.span) {
				continue
			}
			r := x.roleDecode(ms, c.span)
			buf = x.candFeats(c, r, x.inRuleContent(rules, c.span), buf[:0])
			if sc := ms.filter.score(buf); sc > ms.threshold {
				x.buildFromRoles(c.span, r, modelGroup+gi, sc)
			}
		}
	}
	n = x.dropNestedModel(n)
	x.addContinuations()
	out := x.frames[:n]
	for _, f := range x.frames[n:] {
		if f.group >= modelGroup {
			out = append(out, f)
		}
	}
	x.frames = out
	return out
}

// dropNestedModel drops the frames whose cue lies inside the content of
// another frame when one of the two is a model frame (x.frames[n:]; between
// two rule frames dropNested has decided): PolNeAR never annotates reported
// speech inside reported speech (each token belongs to one attribution at
// most), and neither do the rules. A rule frame inside a model frame's
// content goes too ("She noted any write-down would not show up in the
// spring accounts" is one statement, not also one of "any write-down" with
// the cue "would not show"). The rules' order decides which of the two
// goes (see dropNested). It returns the number of rule frames left (they
// stay first).
func (x *doc) dropNestedModel(n int) int {
	drop := make([]bool, len(x.frames))
	for i := range x.frames {
		f := x.frames[i]
		for j, g := range x.frames {
			if i == j || f.group == g.group || drop[j] || !g.content.contains(f.cue.a) {
				continue
			}
			if i < n && j < n {
				continue // between rule frames: dropNested decided
			}
			if j >= n && g.leftMode && !g.cont {
				drop[j] = true
			} else {
				drop[i] = true
			}
		}
	}
	kept := 0
	for i := range n {
		if !drop[i] {
			kept++
		}
	}
	x.dropFrames(drop)
	return kept
}

// inRuleContent reports whether c lies inside the content of a rule frame.
func (x *doc) inRuleContent(rules []frame, c tspan) bool {
	for _, g := range rules {
		if g.content.contains(c.a) {
			return true
		}
	}
	return false
}

// trimRuleContents ends the indirect content of a rule frame where the role
// model ends it, when the model's content starts with the rule's and ends
// earlier: the model has learned PolNeAR's short contents of stance cues
// ("has been critical of Trump", not "… since they both were competing in
// the primary") and the framing adjuncts the rules keep.
func (x *doc) trimRuleContents(ms *Models, rules []frame) {
	x.prepare()
	for i := range rules {
		f := &rules[i]
		if f.cont || !f.content.ok() || f.direct || !f.cue.ok() {
			continue
		}
		r := x.roleDecode(ms, f.cue)
		best := noSpan
		for k := 0; k < len(r.lab); k++ {
			if r.lab[k] != roleBC {
				continue
			}
			sp := tspan{r.a + k, r.a + k}
			for k+1 < len(r.lab) && r.lab[k+1] == roleIC {
				k++
				sp.b = r.a + k
			}
			if !best.ok() || sp.b-sp.a > best.b-best.a {
				best = sp
			}
		}
		if !best.ok() {
			continue
		}
		best = x.trimContent(best)
		if !best.ok() || best.b < f.content.a || best.a > f.content.b {
			continue
		}
		if best.b < f.content.b && best.a <= f.content.a+2 {
			f.content.b = best.b
		}
	}
}

// onlyTime reports whether the span t is a time expression: time words,
// months, years, days and the words that join them ("late August", "this
// month", "in 2008", "Sept. 12").
func (x *doc) onlyTime(t tspan) bool {
	seen := false
	for i := t.a; i <= t.b; i++ {
		tk := x.toks[i]
		switch {
		case isTimeTok(tk):
			seen = true
		case tk.tag == "CD" || tk.tag == "DT" || tk.tag == "IN" || tk.low == "late" || tk.low == "early" || tk.low == "mid" || tk.low == ",":
		default:
			return false
		}
	}
	return seen
}
