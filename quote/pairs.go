package quote

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
)

// Said-about pairs: attribution scored the way a user meets it in the
// graph, as (speaker, target) entity pairs per article rather than as spans.
//
// Gold pairs: every gold attribution whose source holds a mention of an
// extracted entity (a named source) pairs that speaker with every other
// extracted entity mentioned inside its content. Predicted pairs: the
// speaker and targets of every attribution with a named speaker. A
// predicted attribution whose content falls on (shares the most bytes with)
// a gold attribution with an unnamed source ("he", "officials", none) is
// not judged: the corpus does not say who "he" is.

// pairKey is a said-about pair of one article: entity indexes of the
// recognizer's result.
type pairKey struct{ speaker, target int }

// PairItem is one predicted said-about pair of one article: the highest
// confidence of the attributions that make it, and whether the gold has it.
type PairItem struct {
	Confidence float64
	Gold       bool
}

// PairEval scores said-about pairs.
type PairEval struct {
	// Gold is the number of gold pairs; Items the judged predicted pairs.
	Gold  int
	Items []PairItem
	// Attributions lists every judged attribution with pairs: its
	// confidence, its pairs and how many of them are gold (for fitting
	// and checking the confidence).
	Attributions []JudgedAttribution
}

// JudgedAttribution is one predicted attribution with its said-about pairs,
// judged against the gold.
type JudgedAttribution struct {
	Attribution
	Pairs, Right int
	right        []bool // per target: the pair is right
}

// goldPairSets reads the gold said-about pairs of one article and, for
// each gold attribution, whether its source is named.
func goldPairSets(text string, gold []GoldAttribution, ents []ner.Entity) (map[pairKey]bool, []bool) {
	pairs := map[pairKey]bool{}
	named := make([]bool, len(gold))
	for gi, g := range gold {
		src := normalize(text, g.Source, "source")
		var speakers []int
		for ei, e := range ents {
			if mentionedIn(e, src) {
				speakers = append(speakers, ei)
			}
		}
		if len(speakers) == 0 {
			continue
		}
		named[gi] = true
		content := normalize(text, g.Content, "content")
		for ei, e := range ents {
			if !mentionedIn(e, content) {
				continue
			}
			for _, s := range speakers {
				if s != ei {
					pairs[pairKey{s, ei}] = true
				}
			}
		}
	}
	return pairs, named
}

// inside reports whether [s, e) lies inside one of the intervals.
func inside(s, e int, iv []Interval) bool {
	for _, v := range iv {
		if s >= v.Start && e <= v.End {
			return true
		}
	}
	return false
}

// addPairs judges the predicted attributions of one article.
func (pe *PairEval) addPairs(text string, gold []GoldAttribution, ats []Attribution, ents []ner.Entity) {
	pe.add(judgeArticle(text, gold, ats, ents, false))
}

// add adds one article's gold pairs and judged attributions; a pair's
// confidence is the highest of the attributions that make it.
func (pe *PairEval) add(gp map[pairKey]bool, judged []JudgedAttribution) {
	pe.Gold += len(gp)
	pe.Attributions = append(pe.Attributions, judged...)
	best := map[pairKey]float64{}
	for _, ja := range judged {
		for _, t := range ja.Targets {
			k := pairKey{ja.Speaker, t}
			if v, ok := best[k]; !ok || ja.Confidence > v {
				best[k] = ja.Confidence
			}
		}
	}
	keys := make([]pairKey, 0, len(best))
	for k := range best {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b pairKey) int {
		if a.speaker != b.speaker {
			return a.speaker - b.speaker
		}
		return a.target - b.target
	})
	for _, k := range keys {
		pe.Items = append(pe.Items, PairItem{Confidence: best[k], Gold: gp[k]})
	}
}

// judgeArticle returns the gold pairs of one article and its judged
// predicted attributions (those with a named speaker and targets whose
// content does not fall on a gold attribution with an unnamed source).
//
// With pronouns, an attribution whose source is a pronoun and whose content
// falls on a gold attribution with an overlapping pronoun source is judged
// too, against the entities of that gold content as if the pronoun's
// antecedent were right (the corpus does not say who "he" is): for fitting
// the confidence of pronoun sources, not for the pair table.
func judgeArticle(text string, gold []GoldAttribution, ats []Attribution, ents []ner.Entity, pronouns bool) (map[pairKey]bool, []JudgedAttribution) {
	gp, named := goldPairSets(text, gold, ents)
	contents := make([][]Interval, len(gold))
	for gi, g := range gold {
		contents[gi] = normalize(text, g.Content, "content")
	}
	var out []JudgedAttribution
	for _, at := range ats {
		if at.Speaker < 0 || len(at.Targets) == 0 {
			continue
		}
		c := normalize(text, []Interval{{at.Content.Start, at.Content.End}}, "content")
		bi, bs := -1, 0
		for gi := range gold {
			if s := shared(contents[gi], c); s > bs {
				bi, bs = gi, s
			}
		}
		right := func(t int) bool { return gp[pairKey{at.Speaker, t}] }
		if bi >= 0 && !named[bi] {
			if !pronouns || !isPronounSpan(text, at.Source) || shared(gold[bi].Source, []Interval{{at.Source.Start, at.Source.End}}) == 0 {
				continue
			}
			right = func(t int) bool { return mentionedIn(ents[t], contents[bi]) }
		}
		ja := JudgedAttribution{Attribution: at, right: make([]bool, len(at.Targets))}
		for i, t := range at.Targets {
			ja.Pairs++
			if right(t) {
				ja.Right++
				ja.right[i] = true
			}
		}
		out = append(out, ja)
	}
	return gp, out
}

// mentionedIn reports whether a mention of e lies inside the intervals.
func mentionedIn(e ner.Entity, iv []Interval) bool {
	for _, m := range e.Mentions {
		if inside(m.Start, m.End, iv) {
			return true
		}
	}
	return false
}

// isPronounSpan reports whether a source span is a personal pronoun.
func isPronounSpan(text string, s article.Span) bool {
	return s.End > s.Start && s.End <= len(text) && personPronoun(strings.ToLower(strings.TrimSpace(text[s.Start:s.End]))) != 0
}

// At returns the pair tally of the pairs whose confidence is at least min.
func (pe PairEval) At(min float64) Count {
	c := Count{Gold: pe.Gold}
	for _, it := range pe.Items {
		if it.Confidence >= min {
			c.Pred++
			if it.Gold {
				c.TP++
			}
		}
	}
	return c
}

// Bin is one row of a reliability table: the judged pairs whose confidence
// falls in [Lo, Hi), their mean confidence and the share that is gold.
type Bin struct {
	Lo, Hi     float64
	N          int
	Confidence float64
	Observed   float64
}

// Reliability bins the judged pairs by confidence (bins equal-width bins
// over [0, 1]) and returns the bins and the expected calibration error:
// the mean over pairs of |observed precision − mean confidence| of their
// bin.
func (pe PairEval) Reliability(bins int) ([]Bin, float64) {
	out := make([]Bin, bins)
	for i := range out {
		out[i].Lo, out[i].Hi = float64(i)/float64(bins), float64(i+1)/float64(bins)
	}
	for _, it := range pe.Items {
		i := min(int(it.Confidence*float64(bins)), bins-1)
		b := &out[max(i, 0)]
		b.N++
		b.Confidence += it.Confidence
		if it.Gold {
			b.Observed++
		}
	}
	ece, n := 0.0, 0
	for i := range out {
		b := &out[i]
		if b.N == 0 {
			continue
		}
		b.Confidence /= float64(b.N)
		b.Observed /= float64(b.N)
		ece += float64(b.N) * abs(b.Observed-b.Confidence)
		n += b.N
	}
	if n > 0 {
		ece /= float64(n)
	}
	return out, ece
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// PairTable prints the pair scores of all attributions and of those at or
// above the threshold, and the reliability table.
func (pe PairEval) PairTable(threshold float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "said-about pairs (speaker, target) per article\n")
	fmt.Fprintf(&b, "%-22s %5s %5s %5s | %6s %6s %6s\n", "attributions", "P", "R", "F1", "tp", "pred", "gold")
	for _, row := range []struct {
		name string
		c    Count
	}{
		{"all", pe.At(0)},
		{fmt.Sprintf("confidence >= %.2f", threshold), pe.At(threshold)},
	} {
		fmt.Fprintf(&b, "%-22s %5.3f %5.3f %5.3f | %6d %6d %6d\n", row.name, row.c.P(), row.c.R(), row.c.F1(), row.c.TP, row.c.Pred, row.c.Gold)
	}
	bins, ece := pe.Reliability(10)
	fmt.Fprintf(&b, "\nreliability (judged pairs by confidence)\n%-11s %6s %10s %9s\n", "confidence", "pairs", "predicted", "observed")
	for _, bn := range bins {
		if bn.N == 0 {
			continue
		}
		fmt.Fprintf(&b, "%.1f-%.1f    %6d %10.3f %9.3f\n", bn.Lo, bn.Hi, bn.N, bn.Confidence, bn.Observed)
	}
	fmt.Fprintf(&b, "expected calibration error %.3f\n", ece)
	return b.String()
}

// Sweep prints the pair precision and recall at thresholds from lo to hi in
// steps of step.
func (pe PairEval) Sweep(lo, hi, step float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s %5s %5s %5s %6s\n", "threshold", "P", "R", "F1", "pairs")
	for i := 0; ; i++ {
		t := math.Round((lo+float64(i)*step)*1000) / 1000
		if t > hi+1e-9 {
			break
		}
		c := pe.At(t)
		fmt.Fprintf(&b, "%-10.2f %5.3f %5.3f %5.3f %6d\n", t, c.P(), c.R(), c.F1(), c.Pred)
	}
	return b.String()
}
