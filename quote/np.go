package quote

import "github.com/newsgraph/newsgraph/ner"

// maxNPTokens bounds a source phrase.
const maxNPTokens = 14

// npTok reports whether t can be part of a source noun phrase.
func npTok(t tok) bool {
	if t.region >= 0 {
		return false
	}
	if t.ent >= 0 {
		return true
	}
	switch t.tag {
	case "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "CD", "POS", "DT", "PRP$", "VBN", "HYPH", "PDT":
		return true
	}
	return t.low == "’s" || t.low == "'s" || t.low == "-"
}

// leftNP finds the noun phrase that ends at j, scanning left: a subject such
// as "Kremlin spokesman Dmitry Peskov", "Washington and Kiev", "Ukraine's
// defense minister, Oleksii Reznikov" or "U.S. intelligence officials".
func (x *doc) leftNP(j, sa int) (tspan, bool) {
	if j < sa {
		return noSpan, false
	}
	end := j
	// Appositive name: "..., Oleksii Reznikov, said".
	if x.toks[j].low == "," {
		k := j - 1
		for k >= sa && x.toks[k].ent >= 0 && x.toks[k].ent == x.toks[j-1].ent {
			k--
		}
		if k < j-1 && k >= sa && x.toks[k].low == "," && k-1 >= sa && x.ents[x.toks[j-1].ent].Type == ner.Person {
			inner, ok := x.scanNP(k-1, sa)
			if ok {
				return tspan{inner.a, j - 1}, true
			}
			return tspan{k + 1, j - 1}, true
		}
		// Appositives and relative clauses between the subject and its verb:
		// "Kuleba, who also met Blinken, said", "Anders, 21, a junior from
		// Las Vegas, said", "Six newspapers, including the Press, said".
		pos := j
		for steps := 0; steps < 3 && pos >= sa && x.toks[pos].low == ","; steps++ {
			if steps > 0 {
				if outer, ok := x.scanNP(pos-1, sa); ok && (x.toks[outer.b].ent >= 0 || isPropTag(x.toks[outer.b].tag)) {
					return tspan{outer.a, j - 1}, true
				}
			}
			k := pos - 1
			for ; k > sa && pos-k < 25; k-- {
				tk := x.toks[k]
				if tk.region >= 0 || tk.low == ";" || x.isCue[k] || tk.low == "," {
					break
				}
			}
			if k <= sa || x.toks[k].low != "," || !x.appositivePhrase(k+1, pos-1) {
				break
			}
			pos = k - 1
			if x.toks[pos].tag == "CD" && pos-1 > sa && x.toks[pos-1].low == "," {
				pos-- // "Anders, 21, a junior"
			}
			if x.toks[pos].low == "," {
				continue
			}
			if outer, ok := x.scanNP(pos, sa); ok && (x.toks[outer.b].ent >= 0 || isPropTag(x.toks[outer.b].tag) || isNounTag(x.toks[outer.b].tag)) {
				return tspan{outer.a, j - 1}, true
			}
			break
		}
		return noSpan, false
	}
	if x.toks[j].low == ")" {
		// "Gov. John Keller (R-OH) said"
		for k := j - 1; k > sa && j-k < 8; k-- {
			if x.toks[k].low == "(" {
				if np, ok := x.scanNP(k-1, sa); ok {
					return tspan{np.a, j}, true
				}
				break
			}
		}
	}
	return x.scanNP(end, sa)
}

// appositivePhrase reports whether tokens a..b can stand between commas
// after a subject: a noun phrase, a number, a relative clause or an
// "including ..." list, with no finite verb of its own outside a relative
// clause.
func (x *doc) appositivePhrase(a, b int) bool {
	if a > b {
		return false
	}
	first := x.toks[a]
	if first.low == "who" || first.low == "which" || first.low == "including" || first.low == "like" {
		return true
	}
	for i := a; i <= b; i++ {
		switch x.toks[i].tag {
		case "VBD", "VBZ", "VBP", "MD":
			return false
		}
	}
	return first.tag == "DT" || first.tag == "CD" || first.tag == "JJ" || isNounTag(first.tag) || first.tag == "PRP$"
}

func (x *doc) scanNP(j, sa int) (tspan, bool) {
	if j < sa || j < 0 || j >= len(x.toks) {
		return noSpan, false
	}
	i := j
	if !npTok(x.toks[i]) || x.toks[i].tag == "DT" || x.toks[i].tag == "POS" || x.toks[i].tag == "PRP$" {
		return noSpan, false
	}
	sawProper := x.toks[i].ent >= 0 || isPropTag(x.toks[i].tag)
	for i-1 >= sa && j-i < maxNPTokens {
		p := x.toks[i-1]
		cur := x.toks[i]
		switch {
		case cur.tag == "DT" || cur.tag == "PRP$" || cur.tag == "PDT" && false:
			goto done
		case p.ent >= 0 && cur.ent >= 0 && p.ent != cur.ent && sawProper:
			// Two names side by side ("in Europe Blinken said").
			goto done
		case npTok(p):
			// A common noun just before a name is a title ("spokesman") or
			// the end of something else ("In a statement Kiev").
			if isNounTag(p.tag) && !isPropTag(p.tag) && p.ent < 0 && (cur.ent >= 0 || isPropTag(cur.tag)) && sawProper && !isTitleNoun(p.low) {
				goto done
			}
			if p.tag == "VBN" && !(i-2 >= sa && (x.toks[i-2].tag == "DT" || x.toks[i-2].tag == "JJ" || x.toks[i-2].tag == "RB")) {
				goto done
			}
			if p.tag == "CD" && (timeWords[cur.low] || cur.tag == "CD") {
				goto done
			}
			if timeWords[p.low] && !isTitleNoun(p.low) {
				goto done
			}
			i--
			if p.ent >= 0 || isPropTag(p.tag) {
				sawProper = true
			}
		case (p.low == "and" || p.low == "&") && i-2 >= sa && (x.toks[i-2].ent >= 0 || isPropTag(x.toks[i-2].tag)) && (cur.ent >= 0 || isPropTag(cur.tag)):
			i -= 2
		case (p.low == "of" || p.low == "for") && i-2 >= sa && (isTitleNoun(x.toks[i-2].low) || isPropTag(x.toks[i-2].tag) && isCapitalized(cur.text)):
			// "Secretary of State Antony Blinken", "a spokesman for the ministry"
			i -= 2
		default:
			goto done
		}
	}
done:
	// No phrase made only of modifiers.
	head := x.toks[j]
	if !(isNounTag(head.tag) || head.ent >= 0 || head.tag == "CD") {
		return noSpan, false
	}
	if isTimeTok(head) {
		return noSpan, false
	}
	return tspan{i, j}, true
}

// rightNP finds a source phrase that starts at k ("said Kremlin spokesman
// Dmitry Peskov", "according to Russian news agencies").
func (x *doc) rightNP(k, sb int) (tspan, bool) {
	i := k
	for i < sb && i-k < maxNPTokens {
		t := x.toks[i]
		if npTok(t) {
			i++
			continue
		}
		if t.low == "close" && i > k && i+1 < sb && x.toks[i+1].low == "to" {
			i++
			continue
		}
		if (t.low == "of" || t.low == "for" || t.low == "and" || t.low == "at" || t.low == "to" || t.low == "with") && i > k && i+1 < sb && npTok(x.toks[i+1]) {
			if t.low == "to" && x.toks[i-1].low != "close" {
				break
			}
			i++
			continue
		}
		break
	}
	if i == k {
		// A lone pronoun after the cue: "said he".
		if k < sb && personPronoun(x.toks[k].low) != 0 && x.toks[k].tag == "PRP" {
			return tspan{k, k}, true
		}
		return noSpan, false
	}
	// Drop trailing function words.
	b := i - 1
	for b >= k && (x.toks[b].tag == "DT" || x.toks[b].tag == "POS" || x.toks[b].low == "and" || x.toks[b].low == "of") {
		b--
	}
	if b < k {
		return noSpan, false
	}
	head := x.toks[b]
	if !(isNounTag(head.tag) || head.ent >= 0) || timeWords[head.low] {
		// "said Tuesday": not a source.
		if !(b > k && !timeWords[head.low]) {
			return noSpan, false
		}
	}
	if timeWords[x.toks[k].low] {
		return noSpan, false
	}
	return tspan{k, b}, true
}

// conjuncts splits a coordinated subject of names ("Washington and Kiev")
// into one phrase per name; other phrases come back whole.
func (x *doc) conjuncts(np tspan) []tspan {
	if x.toks[np.b].ent < 0 {
		return []tspan{np}
	}
	var parts []tspan
	start := np.a
	for i := np.a; i <= np.b; i++ {
		t := x.toks[i]
		if (t.low == "and" || t.low == ",") && i > start && i < np.b && x.toks[i-1].ent >= 0 && x.toks[i+1].tag != "POS" {
			parts = append(parts, tspan{start, i - 1})
			start = i + 1
		}
	}
	parts = append(parts, tspan{start, np.b})
	if len(parts) == 1 {
		return parts
	}
	for _, p := range parts {
		if x.toks[p.b].ent < 0 {
			return []tspan{np}
		}
		// Only plain names are split: "Moscow, which seized Crimea ...
		// fighting Kiev" is one source.
		for i := p.a; i <= p.b; i++ {
			t := x.toks[i]
			if !(t.ent >= 0 || isPropTag(t.tag) || t.tag == "DT" || t.tag == "POS") {
				return []tspan{np}
			}
		}
	}
	return parts
}

// headEntity is the entity named by the head (last word) of a phrase, or -1
// for a phrase such as "U.S. officials".
func (x *doc) headEntity(np tspan) int {
	if !np.ok() {
		return -1
	}
	for i := np.a + 2; i <= np.b; i++ {
		if (x.toks[i].low == "who" || x.toks[i].low == "which") && x.toks[i-1].low == "," {
			return x.toks[i-2].ent // "Moscow, which seized ..."
		}
	}
	// "Nelson Diaz, a former aide … in Miami-Dade County": a name that
	// opens the phrase and ends at its first comma is the head, whatever
	// the appositive after it names.
	if e := x.toks[np.a].ent; e >= 0 {
		for i := np.a + 1; i <= np.b; i++ {
			if x.toks[i].low == "," {
				if x.toks[i-1].ent == e {
					return e
				}
				break
			}
		}
	}
	if e := x.toks[np.b].ent; e >= 0 {
		// A place after a preposition modifies the head: "Peter T. King of
		// New York" is King, "a judge in Ohio" is nobody named.
		first := np.b
		for first > np.a && x.toks[first-1].ent == e {
			first--
		}
		if x.ents[e].Type == ner.Location && first-1 > np.a && placeOf[x.toks[first-1].low] {
			if k := first - 2; k >= np.a {
				return x.toks[k].ent
			}
		}
		return e
	}
	if x.toks[np.b].low == ")" {
		for i := np.b - 1; i > np.a; i-- {
			if x.toks[i].low == "(" {
				return x.toks[i-1].ent
			}
		}
	}
	// "Kuleba, who also met Blinken" or "Graham, a former candidate": the
	// name before the first comma.
	for i := np.a; i <= np.b; i++ {
		if x.toks[i].low == "," && i > np.a {
			return x.toks[i-1].ent
		}
	}
	return -1
}

// placeOf are the prepositions that attach a place to a noun: "King of New
// York", "a judge in Ohio", "a student from Lyon".
var placeOf = map[string]bool{"of": true, "in": true, "from": true, "at": true}

// speakerOf resolves a phrase that may be a pronoun.
func (x *doc) speakerOf(np tspan) int {
	if !np.ok() {
		return -1
	}
	if np.a == np.b {
		t := x.toks[np.a]
		if g := personPronoun(t.low); g != 0 {
			return x.resolvePronoun(np.a, g)
		}
	}
	return x.headEntity(np)
}

// subjectAt finds the subject at the start of a sentence for a participle
// cue ("Blinken met ..., saying").
func (x *doc) subjectAt(sa, limit int) (tspan, bool) {
	if sa >= limit {
		return noSpan, false
	}
	t := x.toks[sa]
	if personPronoun(t.low) != 0 && t.tag == "PRP" {
		return tspan{sa, sa}, true
	}
	np, ok := x.rightNP(sa, limit)
	if !ok || x.toks[np.b].ent < 0 {
		return noSpan, false
	}
	return np, true
}

// antecedent resolves a relative pronoun ("Ukraine, which warned") to the
// entity just before it.
func (x *doc) antecedent(j int) int {
	k := j - 1
	if k >= 0 && x.toks[k].low == "," {
		k--
	}
	if k >= 0 {
		return x.toks[k].ent
	}
	return -1
}

// resolvePronoun resolves a subject pronoun at token i: he/she to the latest
// speaker of that gender in the last sentences, else the nearest earlier
// person of that gender; it to the latest organization speaker.
func (x *doc) resolvePronoun(i int, g byte) int {
	sent := x.toks[i].sent
	switch g {
	case 'm', 'f':
		for k := len(x.frames) - 1; k >= 0; k-- {
			f := x.frames[k]
			if sent-f.sent > 4 {
				break
			}
			if f.speaker >= 0 && x.ents[f.speaker].Type == ner.Person && x.compatible(f.speaker, g) {
				return f.speaker
			}
		}
		best, unknown := -1, -1
		for k := i - 1; k >= 0 && sent-x.toks[k].sent <= 8; k-- {
			e := x.toks[k].ent
			if e < 0 || x.ents[e].Type != ner.Person {
				continue
			}
			if x.gender[e] == g && best < 0 {
				best = e
				break
			}
			if x.gender[e] == 0 && unknown < 0 {
				unknown = e
			}
		}
		if best >= 0 {
			return best
		}
		return unknown
	case 'n':
		for k := len(x.frames) - 1; k >= 0; k-- {
			f := x.frames[k]
			if sent-f.sent > 3 {
				break
			}
			if f.speaker >= 0 && x.ents[f.speaker].Type == ner.Organization {
				return f.speaker
			}
		}
	}
	return -1
}

func (x *doc) compatible(e int, g byte) bool {
	return x.gender[e] == 0 || x.gender[e] == g
}
