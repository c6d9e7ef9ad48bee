package quote

import (
	"strings"

	"github.com/newsgraph/newsgraph/ner"
)

// doc is one article being attributed.
type doc struct {
	text   string
	toks   []tok
	bounds [][2]int // token range of each sentence
	ents   []ner.Entity
	regs   []region
	gender []byte // per entity: 'm', 'f' or 0
	frames []frame
	isCue  []bool            // token is the reporting word of a cue
	stems  []string          // per token: lemma or crude stem (models only)
	roles  map[tspan]roleOut // the role model's labelling of each cue decoded
	// rolePool holds the role features of the cue being decoded.
	rolePool []uint64
	// cueMargin is the cue model's score of each token as a cue (best cue
	// label minus O), when the models ran (confidence features).
	cueMargin []float32
}

// frame is one attribution in token ranges.
type frame struct {
	src, cue, content tspan
	speaker           int
	direct, cont      bool
	leftMode          bool // content before the tag
	lemma             string
	sent              int
	tagStart          int // first token of the tag (source or cue)
	group             int // frames made from one cue share a group
	// What the confidence model reads (see confidence.go): which stage made
	// the frame, how its source was found, and the cue filter's score.
	origin byte    // origRules, origAccording, origColon, origDash, origModel
	srcHow byte    // howNP, howCoord, howPronoun, howRelative, howInverted, howInherited, 0: none
	filter float32 // model frames: the cue filter's score
}

// Origins and source kinds of frames.
const (
	origRules     = 'r' // a reporting verb of the lexicon
	origAccording = 'a' // "according to"
	origColon     = ':' // "Kremlin: ..." and transcript turns
	origDash      = '-' // "“…” ― Jane Roe"
	origModel     = 'm' // the cue and role models

	howNP        = 'n' // a noun phrase
	howCoord     = 'c' // one name of a coordinated subject
	howPronoun   = 'p' // he, she, it, they
	howRelative  = 'w' // who, which, that
	howInverted  = 'i' // after the cue: "…,” said Peskov
	howInherited = 'h' // the subject of the previous tag ("and accused", ", saying")
)

// cueMatch is a reporting expression found in the text.
type cueMatch struct {
	a, b  int // the cue tokens, auxiliaries included
	verb  int // the reporting word
	lemma string
	kind  cueKind
}

func newDoc(text string, sents []ner.Sentence, ents []ner.Entity) *doc {
	toks, bounds := tokenize(text, sents, ents)
	x := &doc{text: text, toks: toks, bounds: bounds, ents: ents}
	x.regs = findRegions(text, toks)
	x.gender = make([]byte, len(ents))
	for i, e := range ents {
		x.gender[i] = entityGender(e)
	}
	return x
}

// entityGender is the entity's gender from the recognizer, its first name or
// its titles.
func entityGender(e ner.Entity) byte {
	switch e.Gender {
	case ner.Male:
		return 'm'
	case ner.Female:
		return 'f'
	}
	if e.Type != ner.Person {
		return 0
	}
	names := append([]string{e.Name}, e.Aliases...)
	for _, n := range names {
		f := strings.Fields(n)
		if len(f) == 0 {
			continue
		}
		if g := titleGender(f[0]); g != 0 {
			return g
		}
		if len(f) > 1 {
			switch ner.FirstNameGender(f[0]) {
			case ner.Male:
				return 'm'
			case ner.Female:
				return 'f'
			}
		}
	}
	for _, r := range e.Roles {
		for _, w := range strings.Fields(r) {
			if g := titleGender(w); g != 0 {
				return g
			}
		}
	}
	for _, m := range e.Mentions {
		if g := titleGender(strings.Fields(m.Text + " x")[0]); g != 0 {
			return g
		}
	}
	return 0
}

func (x *doc) sentOf(i int) (int, int) {
	b := x.bounds[x.toks[i].sent]
	return b[0], b[1]
}

// run finds the cues, builds a frame for each, drops nested ones, and adds
// the continuations.
func (x *doc) run() []frame {
	var cues []cueMatch
	x.isCue = make([]bool, len(x.toks))
	for i := 0; i < len(x.toks); i++ {
		if c, ok := x.cueAt(i); ok {
			cues = append(cues, c)
			x.isCue[c.verb] = true
			i = c.b
		}
	}
	for gi, c := range cues {
		x.build(c, gi)
	}
	x.colonFrames(len(cues))
	x.dashFrames(len(cues) + len(x.bounds))
	x.dropNested()
	x.addContinuations()
	return x.frames
}

// cueAt reports whether a reporting expression has its reporting word at i.
func (x *doc) cueAt(i int) (cueMatch, bool) {
	t := x.toks[i]
	if t.region >= 0 || len(t.low) < 2 {
		return cueMatch{}, false
	}
	sa, sb := x.sentOf(i)
	next := func(k int) string {
		if k < sb && x.toks[k].region < 0 {
			return x.toks[k].low
		}
		return ""
	}
	c := cueMatch{a: i, b: i, verb: i}
	switch {
	case t.low == "according" && next(i+1) == "to":
		c.b, c.lemma = i+1, "according to"
		return c, true
	case (t.low == "made" || t.low == "make" || t.low == "makes" || t.low == "making") && (next(i+1) == "clear" || next(i+1) == "it" && next(i+2) == "clear"):
		c.b, c.lemma = i+1, "make clear"
		if next(i+1) == "it" {
			c.b = i + 2
		}
		if next(c.b+1) == "that" || x.toks[c.b].low == "clear" {
			x.extendAux(&c, sa)
			return c, true
		}
		return cueMatch{}, false
	case (t.low == "pointed" || t.low == "points" || t.low == "point") && next(i+1) == "out":
		c.b, c.lemma = i+1, "point out"
		x.extendAux(&c, sa)
		return c, true
	}
	lemma := lemmaOf(t.low)
	if lemma == "" {
		return cueMatch{}, false
	}
	kind := cueLemmas[lemma]
	if !isVerbTag(t.tag) && lemma != "say" && !x.coordinatedVerb(i, sa, sb) {
		return cueMatch{}, false
	}
	if lemma == "say" && i > sa && (x.toks[i-1].tag == "DT" || x.toks[i-1].tag == "PRP$") {
		return cueMatch{}, false // "the say", "their say"
	}
	prev := ""
	if i > sa {
		prev = x.toks[i-1].low
	}
	if prev == "to" && t.tag == "VB" {
		return cueMatch{}, false // infinitive: "declined to say"
	}
	// Passives ("was accused of") are agentless: left out, except "was
	// quoted as saying".
	if t.tag == "VBN" && (prev == "was" || prev == "were" || prev == "is" || prev == "are" || prev == "been" || prev == "be" || prev == "being") {
		return cueMatch{}, false
	}
	if t.tag == "VBN" && i > sa && !isAuxHave(x.toks[i-1].low) && x.toks[i-1].low != "also" {
		// A bare past participle modifying a noun ("the report released").
		if isNounTag(x.toks[i-1].tag) && lemma != "say" && lemma != "tell" {
			return cueMatch{}, false
		}
	}
	switch lemma {
	case "call":
		switch next(i + 1) {
		case "on", "for", "out", "upon":
			c.b = i + 1
		}
	case "allude", "point", "refer", "referring", "pointed", "referred", "alluding", "pointing", "refers":
		if next(i+1) == "to" || next(i+1) == "out" {
			c.b = i + 1
		}
	}
	c.lemma, c.kind = lemma, kind
	if strings.HasSuffix(t.low, "ing") && prev == "as" && i-2 >= sa && x.toks[i-2].low == "quoted" {
		c.a = i - 2
	}
	x.extendAux(&c, sa)
	return c, true
}

func isAuxHave(w string) bool {
	return w == "has" || w == "have" || w == "had" || w == "'ve" || w == "’ve"
}

// extendAux takes auxiliaries and adverbs on the left into the cue.
func (x *doc) extendAux(c *cueMatch, sa int) {
	for c.a-1 >= sa {
		p := x.toks[c.a-1]
		if p.region >= 0 || !(cueAux[p.low] || p.low == "not" || p.low == "n't" || p.low == "n’t") {
			break
		}
		if p.low == "then" || p.low == "since" || p.low == "first" || p.low == "once" {
			if c.a-2 < sa || !cueAux[x.toks[c.a-2].low] {
				break
			}
		}
		c.a--
	}
}

// isBoundary reports whether token i closes a clause before a new tag.
func (x *doc) isBoundary(i int) bool {
	if i < 0 {
		return true
	}
	t := x.toks[i]
	switch t.low {
	case ",", ";", ":", "and", "but", "while", "--", "—", "–", "(":
		return true
	}
	return t.mark == markClose
}

// build makes the frames of one cue.
func (x *doc) build(c cueMatch, group int) {
	sa, sb := x.sentOf(c.verb)
	sent := x.toks[c.verb].sent
	isIng := strings.HasSuffix(x.toks[c.verb].low, "ing")
	base := frame{cue: tspan{c.a, c.b}, lemma: c.lemma, sent: sent, group: group, speaker: -1, origin: origRules}

	if c.lemma == "according to" {
		x.buildAccording(c, base, sa, sb)
		return
	}

	// The source: left of the cue, inverted after it, or inherited.
	type src struct {
		span    tspan
		speaker int
		how     byte
	}
	var srcs []src
	inverted := false
	j := c.a - 1
	j = x.skipTimeLeft(j, sa)
	if j >= sa && x.toks[j].region < 0 {
		t := x.toks[j]
		switch {
		case personPronoun(t.low) != 0 && (t.tag == "PRP" || t.low == "it"):
			srcs = append(srcs, src{tspan{j, j}, x.resolvePronoun(j, personPronoun(t.low)), howPronoun})
		case (t.low == "who" || t.low == "which" || t.low == "that") && j > sa:
			srcs = append(srcs, src{tspan{j, j}, x.antecedent(j), howRelative})
		default:
			if np, ok := x.leftNP(j, sa); ok && !x.placeInPP(np, sa) {
				parts := x.conjuncts(np)
				how := byte(howNP)
				if len(parts) > 1 {
					how = howCoord
				}
				for _, part := range parts {
					srcs = append(srcs, src{part, x.headEntity(part), how})
				}
			}
		}
	}
	if len(srcs) == 0 && !isIng && invertible(c.lemma) && (j < sa || x.toks[j].low == "," || x.toks[j].mark == markClose || x.toks[j].low == ":") {
		if np, ok := x.rightNP(c.b+1, sb); ok {
			end := np.b + 1
			afterQuote := j >= sa && (x.toks[j].mark == markClose || x.toks[j].low == "," && j-1 >= sa && x.toks[j-1].mark == markClose)
			if end >= sb || afterQuote || x.isBoundary(end) || isTerminalTok(x.toks[end].low) || x.toks[end].mark != markNone {
				inverted = true
				ext := x.appositiveAfter(np, sb)
				for _, part := range x.conjuncts(np) {
					if ext.b > np.b && part.b == np.b {
						part.b = ext.b
					}
					srcs = append(srcs, src{part, x.headEntity(tspan{part.a, np.b}), howInverted})
				}
			}
		}
	}
	inherited := false
	if len(srcs) == 0 && j >= sa && (x.toks[j].low == "and" || x.toks[j].low == "," || x.toks[j].low == "but" || x.toks[j].low == "or") {
		// A coordinated or participial reporting verb takes the subject of
		// the previous tag in the sentence.
		for k := len(x.frames) - 1; k >= 0; k-- {
			f := x.frames[k]
			if f.sent != sent || f.cont {
				if f.sent < sent {
					break
				}
				continue
			}
			g := f.group
			for m := k; m >= 0 && x.frames[m].group == g; m-- {
				srcs = append(srcs, src{x.frames[m].src, x.frames[m].speaker, howInherited})
			}
			inherited = true
			break
		}
		if len(srcs) == 0 && isIng {
			if np, ok := x.subjectAt(sa, j); ok {
				srcs = append(srcs, src{np, x.speakerOf(np), howInherited})
				inherited = true
			}
		}
	}
	if len(srcs) == 0 {
		return
	}

	// The content: the complement on the right, or the clause before the tag.
	k := c.b + 1
	if inverted {
		k = srcs[len(srcs)-1].span.b + 1
		for _, s := range srcs {
			if s.span.b+1 > k {
				k = s.span.b + 1
			}
		}
	}
	tagStart := c.a
	if !inverted && !inherited {
		for _, s := range srcs {
			if s.span.a < tagStart {
				tagStart = s.span.a
			}
		}
	}
	base.tagStart = tagStart
	if !inverted && c.kind == kindTell {
		k = x.skipRecipient(&base, k, sb)
	}
	k = x.skipAdjuncts(k, sb)
	var content tspan
	var direct, left, ok bool
	if x.quoteBefore(tagStart, sa) {
		// "“Q1,” he said, “Q2.”": the quote before the tag is the content.
		content, direct, ok = x.leftContent(tagStart, sa)
		left = true
		if !ok {
			content, direct, left, ok = x.rightContent(k, sb)
		}
	} else if k < sb && !x.validRightStart(k, c) {
		// "said in a statement", "told CNN on Monday": the content is before.
		content, direct, ok = x.leftContent(tagStart, sa)
		left = true
		if !ok && (x.toks[k].low == "of" || x.toks[k].low == "about" || x.toks[k].low == "against" || x.toks[k].low == "for") {
			content, direct, left, ok = x.rightContent(k, sb)
		}
	} else {
		content, direct, left, ok = x.rightContent(k, sb)
		if !ok {
			content, direct, ok = x.leftContent(tagStart, sa)
			left = true
		}
	}
	if !ok {
		return
	}
	_ = left
	base.content, base.direct, base.leftMode = content, direct, left
	for _, s := range srcs {
		f := base
		f.src, f.speaker, f.srcHow = s.span, s.speaker, s.how
		x.frames = append(x.frames, f)
	}
	// A tag in the middle: "“Q1,” he said, “Q2.”" or "X, he said, Y."
	if left {
		after := k
		if after < sb && x.toks[after].low == "," && after+1 < sb {
			after++
			cont := noSpan
			dir := false
			if x.toks[after].mark == markOpen {
				r := x.regs[x.toks[after].region]
				cont, dir = x.regionContent(r), true
			} else if !x.startsTag(after) && !isFraming(x.toks[after]) {
				cont = tspan{after, x.clauseEnd(after, sb)}
			}
			if cont.ok() {
				for _, s := range srcs {
					f := base
					f.src, f.speaker, f.srcHow = s.span, s.speaker, s.how
					f.content, f.direct, f.cont, f.leftMode = cont, dir, true, false
					x.frames = append(x.frames, f)
				}
			}
		}
	}
}

// startsTag reports whether a reporting cue begins within a few tokens of i
// (so the text from i is a new tag, not content).
func (x *doc) startsTag(i int) bool {
	for k := i; k < len(x.toks) && k < i+3; k++ {
		if x.isCue[k] {
			return true
		}
	}
	return false
}

func isTerminalTok(s string) bool {
	switch s {
	case ".", "!", "?", "...", "…":
		return true
	}
	return false
}

// buildAccording handles "X, according to Y" and "According to Y, X".
func (x *doc) buildAccording(c cueMatch, base frame, sa, sb int) {
	np, ok := x.rightNP(c.b+1, sb)
	if !ok {
		return
	}
	base.src = np
	base.speaker = x.speakerOf(np)
	base.tagStart = c.a
	base.origin, base.srcHow = origAccording, howNP
	if np.a == np.b && personPronoun(x.toks[np.a].low) != 0 {
		base.srcHow = howPronoun
	}
	var content tspan
	if c.a-1 >= sa && x.toks[c.a-1].low == "," {
		content, base.direct, ok = x.leftContent(c.a, sa)
		base.leftMode = true
	} else if c.a == sa || c.a-1 >= sa && x.isBoundary(c.a-1) {
		k := np.b + 1
		if k < sb && x.toks[k].low == "," {
			k++
		}
		content, base.direct, _, ok = x.rightContent(k, sb)
	} else {
		ok = false
	}
	if !ok {
		return
	}
	base.content = content
	x.frames = append(x.frames, base)
}

// skipTimeLeft steps left over time adjuncts between a subject and its verb
// ("Lavrov on Thursday called on").
func (x *doc) skipTimeLeft(j, sa int) int {
	for j >= sa {
		t := x.toks[j]
		switch {
		case t.tag == "CD" && j-1 >= sa && monthWords[x.toks[j-1].low] && x.toks[j-1].ent < 0:
			// "on Sept. 12": the day, then the month.
			j--
			continue
		case isTimeTok(t) && t.low != "this" && t.low != "last" || t.low == "meanwhile" || t.low == "however":
			if j-1 >= sa && (x.toks[j-1].low == "on" || x.toks[j-1].low == "last" || x.toks[j-1].low == "this" || x.toks[j-1].low == "late" || x.toks[j-1].low == "early" || x.toks[j-1].low == "in" || x.toks[j-1].low == "since") {
				j -= 2
			} else {
				j--
			}
			if j >= sa && x.toks[j].low == "," && j-1 >= sa && (x.toks[j+1].low == "meanwhile" || x.toks[j+1].low == "however" || true) {
				// "Moscow, meanwhile, said": drop the comma before
				if j+1 < len(x.toks) && x.toks[j+1].low != "," {
					if x.toks[j-1].ent >= 0 || isPropTag(x.toks[j-1].tag) {
						j--
					}
				}
			}
			continue
		}
		return j
	}
	return j
}

// skipRecipient steps over the addressee of "told" ("told reporters",
// "told RIA Novosti") and adds "reporters" to the cue.
func (x *doc) skipRecipient(f *frame, k, sb int) int {
	if k >= sb || x.toks[k].region >= 0 {
		return k
	}
	t := x.toks[k]
	r := k
	switch {
	case recipientWords[t.low] && t.tag != "DT" && t.tag != "PRP$":
		r = k + 1 // reporters, him, them
		if t.low == "reporters" || t.low == "journalists" {
			f.cue.b = k
		}
	case t.ent >= 0 || isPropTag(t.tag):
		for r < sb && r < k+6 && (x.toks[r].ent >= 0 || isPropTag(x.toks[r].tag) || x.toks[r].tag == "POS") && x.toks[r].region < 0 {
			r++
		}
	case t.tag == "DT" || t.tag == "PRP$":
		r = k + 1
		for r < sb && r < k+5 && (x.toks[r].tag == "JJ" || isNounTag(x.toks[r].tag)) && x.toks[r].region < 0 {
			r++
		}
		if r == k+1 {
			return k
		}
	}
	return r
}

// skipAdjuncts steps over time and place adjuncts between the cue and the
// content ("said on Tuesday", "said in a statement that").
func (x *doc) skipAdjuncts(k, sb int) int {
	for k < sb {
		t := x.toks[k]
		if t.region >= 0 {
			return k
		}
		switch {
		case timeWords[t.low] && t.low != "this" || t.tag == "CD" && k+1 < sb && timeWords[x.toks[k+1].low]:
			k++
			continue
		case t.low == "on" || t.low == "in" || t.low == "at" || t.low == "during" || t.low == "after" || t.low == "before" || t.low == "to" || t.low == "via" || t.low == "through" || t.low == "from" || t.low == "over" || t.low == "with" || t.low == "last" || t.low == "this" || t.low == "late":
			// A "that" soon after ends the adjunct.
			end := -1
			for m := k + 1; m < sb && m < k+10; m++ {
				if x.toks[m].region >= 0 || isVerbTag(x.toks[m].tag) {
					break
				}
				if x.toks[m].low == "that" {
					end = m
					break
				}
			}
			if end > 0 {
				return end
			}
			// A short adjunct whose object is a time or a name, followed by a
			// clause subject.
			m := k + 1
			for m < sb && m < k+5 && (x.toks[m].tag == "DT" || isNounTag(x.toks[m].tag) || x.toks[m].tag == "CD" || x.toks[m].tag == "JJ" || x.toks[m].tag == "POS") && x.toks[m].region < 0 {
				m++
			}
			if m > k+1 && m < sb {
				obj := x.toks[m-1]
				nx := x.toks[m]
				if timeWords[obj.low] || obj.ent >= 0 || isPropTag(obj.tag) || obj.low == "statement" || obj.low == "interview" || obj.low == "conference" || obj.low == "briefing" || obj.low == "speech" {
					if nx.low == "," || nx.tag == "PRP" || nx.tag == "DT" || isPropTag(nx.tag) || nx.low == "that" || nx.mark == markOpen || nx.low == ":" {
						k = m
						if x.toks[k].low == "," || x.toks[k].low == ":" {
							if k+1 < sb && x.toks[k+1].mark == markOpen {
								return k
							}
							k++
						}
						continue
					}
				}
			}
			return k
		}
		return k
	}
	return k
}

// rightContent finds the content after a cue starting at k: a quote, or the
// complement clause up to the end of the sentence or the next tag.
func (x *doc) rightContent(k, sb int) (tspan, bool, bool, bool) {
	if k < sb && x.toks[k].low == "that" && x.toks[k].region < 0 {
		k++
	}
	if k < sb && (x.toks[k].low == "," || x.toks[k].low == ":") && k+1 < len(x.toks) && x.toks[k+1].mark == markOpen {
		k++
	}
	if k < len(x.toks) && x.toks[k].low == ":" && k+1 < len(x.toks) {
		k++
	}
	if k >= sb && !(k < len(x.toks) && x.toks[k].mark == markOpen) {
		return noSpan, false, false, false
	}
	t := x.toks[k]
	if isTerminalTok(t.low) || t.low == "," || t.low == ";" || t.low == ")" || t.mark == markClose {
		return noSpan, false, false, false
	}
	if t.mark == markOpen {
		r := x.regs[t.region]
		end := r.close
		if end < 0 {
			end = r.last
		}
		_, rsb := x.sentOf(max(end, k))
		after := end + 1
		for after < len(x.toks) && after < rsb && (x.toks[after].low == "," || isTerminalTok(x.toks[after].low)) {
			after++
		}
		if after >= rsb || after >= len(x.toks) || x.toks[after].mark == markOpen || x.startsTag(after) {
			return x.regionContent(r), true, false, true
		}
		// A quote followed by more words: indirect with a quoted part.
		return tspan{k, x.clauseEnd(k, rsb)}, false, false, true
	}
	e := x.clauseEnd(k, sb)
	if e < k {
		return noSpan, false, false, false
	}
	return tspan{k, e}, false, false, true
}

// regionContent is a quote's inside without a trailing comma.
func (x *doc) regionContent(r region) tspan {
	a, b := r.first, r.last
	for b >= a && (x.toks[b].low == "," || x.toks[b].low == ":" || x.toks[b].low == ";") {
		b--
	}
	if b < a {
		return noSpan
	}
	return tspan{a, b}
}

// clauseEnd returns the last content token from k in its sentence: before a
// later tag, a framing "according to", or the final punctuation.
func (x *doc) clauseEnd(k, sb int) int {
	e := sb - 1
	for m := k + 1; m < sb; m++ {
		t := x.toks[m]
		if t.region >= 0 {
			continue
		}
		if t.low == ";" || t.low == "," && m+2 < sb && x.toks[m+1].low == "but" && (x.toks[m+2].tag == "DT" || x.toks[m+2].tag == "PRP" || isPropTag(x.toks[m+2].tag)) {
			e = m - 1
			break
		}
		if t.low == "on" && m+2 < sb && timeWords[x.toks[m+1].low] && x.toks[m+2].low == "to" {
			// "confirmed plans on Saturday to RIA Novosti"
			e = m - 1
			break
		}
		if t.low == "," && x.framingPhrase(m+1, sb) {
			e = m - 1
			break
		}
		if (t.low == "after" || t.low == "before" || t.low == "while" || t.low == "when") && m+1 < sb && x.toks[m+1].tag == "VBG" {
			e = m - 1
			break
		}
		if (t.ent >= 0 || isPropTag(t.tag)) && m+1 < sb && x.isCue[m+1] && (x.toks[m+1].tag == "VBD" || x.toks[m+1].tag == "VBZ") && x.toks[m-1].tag != "DT" && x.toks[m-1].tag != "IN" && x.toks[m-1].ent != t.ent {
			// "... in Europe Blinken said": a new tag without a comma.
			e = m - 1
			break
		}
		if x.isBoundary(m) && t.mark == markNone && m+1 < sb {
			if x.tagFollows(m+1, sb) {
				e = m - 1
				break
			}
		}
	}
	for e > k {
		t := x.toks[e].low
		if t == "." || t == "," || t == ";" || t == ":" || t == "--" || t == "—" || t == "-" {
			e--
			continue
		}
		break
	}
	return e
}

// tagFollows reports whether a new reporting tag starts at i: an optional
// short subject and a reporting verb, or "according to".
func (x *doc) tagFollows(i, sb int) bool {
	for m := i; m < sb && m < i+8; m++ {
		tt := x.toks[m]
		if tt.region >= 0 {
			return false
		}
		if x.isCue[m] {
			return tt.tag != "VBN" || m > i && isAuxHave(x.toks[m-1].low)
		}
		if m > i && cueAux[tt.low] {
			continue
		}
		if !(isNounTag(tt.tag) || tt.tag == "PRP" || tt.tag == "DT" || tt.tag == "JJ" || tt.tag == "POS" || tt.ent >= 0 || m == i && (tt.low == "which" || tt.low == "who")) {
			return false
		}
	}
	return false
}

// leftContent is the content before a tag that starts at tagStart: the quote
// closed just before it, or the clause from the sentence start.
func (x *doc) leftContent(tagStart, sa int) (tspan, bool, bool) {
	p := tagStart - 1
	if p >= 0 && x.toks[p].low == "," && x.toks[p].region < 0 {
		p--
	}
	if p < 0 {
		return noSpan, false, false
	}
	if x.toks[p].mark == markClose {
		r := x.regs[x.toks[p].region]
		rs, _ := x.sentOf(r.open)
		// Words before the quote in its sentence make it a partial quote.
		if r.open > sa && rs == x.toks[tagStart].sent && !x.isBoundary(r.open-1) {
			start := x.prevFrameEnd(sa, tagStart)
			if start <= r.open {
				return x.trimSpan(tspan{start, p}), false, true
			}
		}
		c := x.regionContent(r)
		return c, true, c.ok()
	}
	if p < sa {
		return noSpan, false, false
	}
	if sep := x.toks[tagStart-1].low; sep != "," && sep != ":" && sep != "--" && sep != "—" {
		return noSpan, false, false
	}
	start := x.prevFrameEnd(sa, tagStart)
	c := x.trimSpan(tspan{start, p})
	if !c.ok() || c.b-c.a < 2 || x.toks[c.a].tag == "IN" && !x.hasClause(c) {
		return noSpan, false, false
	}
	return c, false, true
}

// prevFrameEnd is where a content before a tag may start: the sentence start
// or just after an earlier tag of the sentence.
func (x *doc) prevFrameEnd(sa, tagStart int) int {
	start := sa
	for _, f := range x.frames {
		if f.sent != x.toks[tagStart].sent {
			continue
		}
		e := max(f.cue.b, f.src.b)
		if !f.leftMode {
			e = max(e, f.content.b)
		}
		if e < tagStart && e+1 > start {
			start = e + 1
		}
	}
	for start < tagStart && (x.toks[start].low == "," || x.toks[start].low == "and" || x.toks[start].low == "but") {
		start++
	}
	return start
}

func (x *doc) trimSpan(t tspan) tspan {
	for t.b >= t.a {
		s := x.toks[t.b].low
		if s == "," || s == ";" || s == ":" || s == "--" || s == "—" {
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

// dropNested removes frames whose cue lies inside another frame's content
// (reported speech inside reported speech); a tag after its content that
// wraps another tag ("X said ..., according to agencies") is the one dropped.
func (x *doc) dropNested() {
	drop := make([]bool, len(x.frames))
	for i, f := range x.frames {
		for j, g := range x.frames {
			if i == j || f.group == g.group || drop[j] {
				continue
			}
			if g.content.contains(f.cue.a) {
				if g.leftMode && !g.cont {
					drop[j] = true
				} else {
					drop[i] = true
				}
			}
		}
	}
	x.dropFrames(drop)
}

// addContinuations attributes untagged quotes that follow a quote's tag in
// the next sentences to the same speaker.
func (x *doc) addContinuations() {
	covered := make([]bool, len(x.regs))
	for _, f := range x.frames {
		for ri, r := range x.regs {
			if f.content.ok() && r.first <= f.content.b && r.last >= f.content.a {
				covered[ri] = true
			}
		}
	}
	var extra []frame
	for ri, r := range x.regs {
		if covered[ri] || r.last < r.first {
			continue
		}
		sa, _ := x.sentOf(r.open)
		if sa != r.open {
			continue
		}
		// The latest tagged frame ending before the quote.
		best := -1
		bestEnd := -1
		for fi, f := range append(x.frames, extra...) {
			e := max(f.cue.b, f.src.b, f.content.b)
			if e < r.open && e > bestEnd {
				best, bestEnd = fi, e
			}
		}
		if best < 0 {
			continue
		}
		all := append(x.frames, extra...)
		f := all[best]
		if !f.direct && !x.hasQuote(f.content) {
			continue
		}
		// Only quotes and nothing else between the tag and this quote.
		if x.toks[r.open].sent-x.toks[bestEnd].sent > 1 && !x.onlyQuotesBetween(bestEnd, r.open) {
			continue
		}
		if x.toks[r.open].sent-x.toks[bestEnd].sent > 1 {
			continue
		}
		c := x.regionContent(r)
		if !c.ok() {
			continue
		}
		for _, g := range all {
			if g.group == f.group && !g.cont {
				n := g
				n.content, n.direct, n.cont, n.leftMode = c, true, true, false
				n.sent = x.toks[r.open].sent
				extra = append(extra, n)
			}
		}
	}
	x.frames = append(x.frames, extra...)
}

func (x *doc) hasQuote(t tspan) bool {
	if !t.ok() {
		return false
	}
	for i := t.a; i <= t.b; i++ {
		if x.toks[i].region >= 0 {
			return true
		}
	}
	return false
}

func (x *doc) onlyQuotesBetween(a, b int) bool {
	for i := a + 1; i < b; i++ {
		if x.toks[i].region < 0 && !isPunctTok(x.toks[i].text) {
			return false
		}
	}
	return true
}

// isFraming reports whether a clause starting with t is the reporter's
// framing ("as tensions rise", "after talks") rather than more content.
func isFraming(t tok) bool {
	switch t.tag {
	case "IN", "RB", "WRB", "CC", "TO", "VBG", "VBN":
		return true
	}
	return false
}

// coordinatedVerb reports whether a cue word the tagger took for a noun is a
// verb coordinated with an earlier one ("say ... and accuse Russia").
func (x *doc) coordinatedVerb(i, sa, sb int) bool {
	if i-1 < sa || i+1 >= sb {
		return false
	}
	p, n := x.toks[i-1], x.toks[i+1]
	if p.low != "and" && p.low != "but" {
		return false
	}
	return n.tag == "DT" || isPropTag(n.tag) || n.tag == "PRP" || n.low == "that" || n.ent >= 0
}

// validRightStart reports whether the words at k can begin the content of
// the cue c: not a preposition, adverb or time that belongs to the tag.
func (x *doc) validRightStart(k int, c cueMatch) bool {
	t := x.toks[k]
	if t.mark == markOpen || t.region >= 0 {
		return true
	}
	if (t.low == "," || t.low == ":") && k+1 < len(x.toks) && x.toks[k+1].mark == markOpen || t.low == ":" {
		return true
	}
	switch t.low {
	case "that", "if", "whether", "because", "how", "what", "why", "who", "where":
		return true
	case "when", "as", "while", "after", "before", "(", "simply", "flatly", "bluntly":
		return false
	}
	if timeWords[t.low] {
		return false
	}
	switch t.tag {
	case "IN", "TO", "RB", "RBR", "WRB", "(", ",", ".", ":":
		if c.kind == kindObject && (t.low == "on" || t.low == "for" || t.low == "of") {
			return true
		}
		if t.tag == "TO" && c.lemma != "say" && c.lemma != "tell" && c.lemma != "add" {
			return true
		}
		return false
	}
	return true
}

// speechNouns name the occasion of speaking: "in comments", "in a statement".
var speechNouns = map[string]bool{
	"comments": true, "remarks": true, "statement": true, "interview": true, "speech": true,
	"briefing": true, "conference": true, "post": true, "tweet": true, "letter": true,
	"appearance": true, "address": true, "message": true, "call": true, "broadcast": true,
}

// framingPhrase reports whether the words at i are the reporter's framing
// of the speech ("in comments following a speech", "as tensions rise").
func (x *doc) framingPhrase(i, sb int) bool {
	if i >= sb {
		return false
	}
	t := x.toks[i]
	switch t.low {
	case "in", "during", "at", "on", "via":
		for m := i + 1; m < sb && m < i+4; m++ {
			if speechNouns[x.toks[m].low] {
				// Only when no clause follows ("…, during his call with
				// Biden, would seek" is content).
				for k := m + 1; k < sb; k++ {
					if tg := x.toks[k].tag; tg == "MD" || tg == "VBD" || tg == "VBZ" || tg == "VBP" {
						return false
					}
				}
				return true
			}
		}
	case "amid", "ahead":
		return true
	case "as":
		// "as tensions rise": as + noun phrase + verb.
		return i+2 < sb && (isNounTag(x.toks[i+1].tag) || x.toks[i+1].tag == "DT") && x.toks[i+1].low != "well"
	}
	return false
}

// appositiveAfter extends a source after its cue over an appositive ("said
// Paula Greene, a baker in Lyon who trains apprentices") up to the end of
// the sentence or the next quote.
func (x *doc) appositiveAfter(np tspan, sb int) tspan {
	k := np.b + 1
	if k+1 >= sb || x.toks[k].low != "," {
		return np
	}
	n := x.toks[k+1]
	if !(n.tag == "DT" || n.tag == "JJ" || isNounTag(n.tag) || n.tag == "CD" || n.tag == "PRP$" || n.low == "who") || n.region >= 0 {
		return np
	}
	e := k + 1
	for e+1 < sb && x.toks[e+1].region < 0 && !x.isCue[e+1] {
		e++
	}
	for e > k && (isPunctTok(x.toks[e].text)) {
		e--
	}
	if e <= k {
		return np
	}
	return tspan{np.a, e}
}

// quoteBefore reports whether a quote closes just before the tag at i.
func (x *doc) quoteBefore(i, sa int) bool {
	p := i - 1
	if p >= sa && x.toks[p].low == "," && x.toks[p].region < 0 {
		p--
	}
	return p >= sa && x.toks[p].mark == markClose
}

// colonFrames reads headline attributions: a sentence that starts with a
// short name and a colon ("Kremlin: talks set for Tuesday").
func (x *doc) colonFrames(group int) {
	for si, b := range x.bounds {
		sa, sb := b[0], b[1]
		// A transcript paragraph may open with a quote mark: "“SMITH: …".
		inQuote := -1
		if sa < sb && x.toks[sa].mark == markOpen && (sa == 0 || x.toks[sa-1].para != x.toks[sa].para) {
			inQuote = x.toks[sa].region
			sa = x.regs[inQuote].openEnd + 1
		}
		for p := sa + 1; p < sb && p <= sa+4; p++ {
			t := x.toks[p]
			if t.region >= 0 && t.region != inQuote || x.isCue[p] {
				break
			}
			if t.low != ":" {
				continue
			}
			var np tspan
			if inQuote >= 0 {
				// "“SMITH: …": a speaker's name in capitals.
				np = tspan{sa, p - 1}
				for i := sa; i < p; i++ {
					if w := x.toks[i].text; !isCapitalized(w) || strings.ToUpper(w) != w {
						np = noSpan
					}
				}
				if !np.ok() {
					break
				}
			} else {
				var ok bool
				np, ok = x.scanNP(p-1, sa)
				if !ok || np.a != sa || !(x.toks[np.b].ent >= 0 || isPropTag(x.toks[np.b].tag)) {
					break
				}
			}
			k := p + 1
			if k >= sb {
				break
			}
			content := tspan{k, x.clauseEnd(k, sb)}
			if inQuote >= 0 {
				// The rest of the quote (the speaker's turn).
				r := x.regs[inQuote]
				content = x.trimSpan(tspan{k, r.last})
				if !content.ok() {
					break
				}
				speaker := x.headEntity(np)
				if speaker < 0 {
					speaker = x.surnameEntity(np)
				}
				x.frames = append(x.frames, frame{src: np, cue: tspan{p, p}, content: content, direct: true,
					speaker: speaker, lemma: ":", sent: si, tagStart: sa, group: group + si, origin: origColon, srcHow: howNP})
				break
			}
			direct := false
			if x.toks[k].mark == markOpen {
				if c := x.regionContent(x.regs[x.toks[k].region]); c.ok() {
					content, direct = c, true
				}
			}
			if !content.ok() || !direct && x.isList(content) {
				break
			}
			x.frames = append(x.frames, frame{src: np, cue: tspan{p, p}, content: content, direct: direct,
				speaker: x.headEntity(np), lemma: ":", sent: si, tagStart: sa, group: group + si, origin: origColon, srcHow: howNP})
			break
		}
	}
}

// placeInPP reports whether a phrase is a place inside a prepositional
// phrase rather than a subject: "two members of Congress from Florida have
// said", "exit polls in New Hampshire and Iowa indicated", "a judge in Ohio
// issued".
func (x *doc) placeInPP(np tspan, sa int) bool {
	if np.a-1 < sa || !placePreps[x.toks[np.a-1].low] {
		return false
	}
	e := x.toks[np.b].ent
	return e >= 0 && x.ents[e].Type == ner.Location
}

// isList reports whether a span is a list rather than a statement: no verb
// outside the names, or a list of names (see nameList): "Ohio: Trump 45,
// Clinton 42".
func (x *doc) isList(t tspan) bool {
	verb, names, words := x.spanWords(t)
	return !verb || 2*names > words
}

// nameList reports whether a span of six words or more is mostly names
// ("Iowa: Tim Albrecht, Brad Anderson, Rob Barron, …"): a list, not a
// statement.
func (x *doc) nameList(t tspan) bool {
	_, names, words := x.spanWords(t)
	return words >= 6 && 2*names > words
}

// spanWords counts the words of a span and those in entity mentions, and
// says whether a word outside the names is a verb.
func (x *doc) spanWords(t tspan) (verb bool, names, words int) {
	for i := t.a; i <= t.b; i++ {
		tk := x.toks[i]
		if isPunctTok(tk.text) {
			continue
		}
		words++
		switch {
		case tk.ent >= 0:
			names++
		case isVerbTag(tk.tag):
			verb = true
		}
	}
	return verb, names, words
}

// hasClause reports whether a span holds a verb or a quote: "In the early
// 1990s" before a tag is an adjunct, not content.
func (x *doc) hasClause(t tspan) bool {
	for i := t.a; i <= t.b; i++ {
		if isVerbTag(x.toks[i].tag) || x.toks[i].region >= 0 {
			return true
		}
	}
	return false
}

// invertible reports whether a cue may come before its source ("…,” said
// Peskov).
func invertible(lemma string) bool {
	switch lemma {
	case "say", "add", "write", "ask", "tell", "explain", "note", "reply", "respond", "recall",
		"argue", "insist", "warn", "conclude", "acknowledge", "admit", "claim", "declare",
		"quip", "joke", "muse", "observe", "remark", "agree", "predict", "suggest", "tweet",
		"continue", "answer", "counter", "retort", "state", "announce", "confirm", "report",
		"stress", "emphasize", "caution", "complain", "wonder", "added", "wrote", "asked",
		"writes", "tweeted", "noted", "recalled", "explained", "replied", "responded":
		return true
	}
	return false
}

// surnameEntity finds the person whose name ends with the (capitalised)
// word of a transcript speaker ("PENCE" for Mike Pence).
func (x *doc) surnameEntity(np tspan) int {
	w := strings.ToLower(x.toks[np.b].text)
	for i, e := range x.ents {
		if e.Type != ner.Person {
			continue
		}
		f := strings.Fields(strings.ToLower(e.Name))
		if len(f) > 0 && f[len(f)-1] == w {
			return i
		}
	}
	return -1
}

// dashFrames reads the dash attribution after a quote: "“…” ― Jane Roe"
// (a horizontal bar or an em dash, then a name that ends the paragraph or
// runs into the next quote).
func (x *doc) dashFrames(group int) {
	for _, r := range x.regs {
		if r.close < 0 || r.last < r.first {
			continue
		}
		k := r.close + 1
		for k < len(x.toks) && x.toks[k].mark == markClose {
			k++
		}
		if k >= len(x.toks) || x.toks[k].para != x.toks[r.close].para {
			continue
		}
		if d := x.toks[k].text; d != "―" && d != "—" {
			continue
		}
		a := k + 1
		b := a
		for b < len(x.toks) && b-a < 5 && x.toks[b].para == x.toks[k].para && x.toks[b].mark == markNone &&
			(isCapitalized(x.toks[b].text) || x.toks[b].text == ".") {
			b++
		}
		if b == a || !isCapitalized(x.toks[a].text) {
			continue
		}
		// The name must end the paragraph or meet the next quote.
		if b < len(x.toks) && x.toks[b].para == x.toks[k].para && x.toks[b].mark != markOpen {
			continue
		}
		src := tspan{a, b - 1}
		content := x.regionContent(r)
		if !content.ok() {
			continue
		}
		x.frames = append(x.frames, frame{src: src, cue: tspan{k, k}, content: content, direct: true,
			speaker: x.headEntity(src), lemma: "―", sent: x.toks[k].sent, tagStart: k, group: group + k, origin: origDash, srcHow: howNP})
	}
}

// dropFrames removes the frames whose drop entry is true, keeping the order.
func (x *doc) dropFrames(drop []bool) {
	out := x.frames[:0]
	for i, f := range x.frames {
		if !drop[i] {
			out = append(out, f)
		}
	}
	x.frames = out
}

// dropDoubles keeps one frame of each statement: a frame whose content
// lies inside another frame's content with the same cue or the same
// speaker (a named one, or the same source phrase) is that frame's
// statement found twice ("…would not show up in the current quarter" and
// "up in the current quarter"). Coordinated speakers of one cue and content
// ("Kyiv and Bucharest blame …") stay one frame each. Of two frames with the
// same content, the first is kept.
func dropDoubles(frames []frame) []frame {
	drop := make([]bool, len(frames))
	for i, f := range frames {
		if !f.content.ok() {
			continue
		}
		for j, g := range frames {
			if i == j || drop[j] || !g.content.ok() || f.content.a < g.content.a || f.content.b > g.content.b {
				continue
			}
			same := f.content == g.content
			if same && j > i {
				continue // the first of two equal contents is kept
			}
			sameCue := f.cue == g.cue
			sameSpeaker := f.speaker >= 0 && f.speaker == g.speaker || f.speaker < 0 && g.speaker < 0 && f.src.ok() && f.src == g.src
			if same && sameCue && f.src != g.src && !sameSpeaker {
				continue // coordinated speakers
			}
			if sameCue || sameSpeaker {
				drop[i] = true
				break
			}
		}
	}
	out := frames[:0]
	for i, f := range frames {
		if !drop[i] {
			out = append(out, f)
		}
	}
	return out
}
