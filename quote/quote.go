// Package quote finds reported speech in an article: who said it (a named
// entity, a pronoun resolved to an earlier person, or an unnamed source such
// as "officials"), the reporting cue ("said", "told reporters", "according
// to"), and the content, for direct quotes in straight or curly marks and for
// indirect speech ("Kiev said Russia has deployed ..."). Every span is a byte
// range of the article's original text.
package quote

import (
	"sort"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
)

// Attribution is one reported statement.
type Attribution struct {
	// Speaker indexes the ner.Result's Entities, or is -1 when the source is
	// not a named entity ("officials", "a U.S. official").
	Speaker int
	// Source is the source phrase as written ("Kremlin spokesman Dmitry
	// Peskov", "he", "the Kremlin", "officials").
	Source article.Span
	// Cue is the reporting expression ("said", "told reporters", "according to").
	Cue article.Span
	// Content is what was said. For fully quoted speech the enclosing quote
	// marks are left out; partial quotes keep their inner marks.
	Content article.Span
	// Direct is true when the whole content is inside quotation marks.
	Direct bool
	// Continuation marks a follow-on quote with no tag of its own; it reuses
	// the previous attribution's speaker, source and cue.
	Continuation bool
	// Targets index the entities mentioned inside Content, minus the speaker.
	Targets []int
	// Confidence is the calibrated probability that the attribution's
	// said-about pairs (speaker, target) are right (see docs/quotes.md).
	Confidence float64
	// Kind is what the cue reports: KindSpeech, KindStance or KindOther.
	Kind string

	feats []string // the confidence features (confidence.go)
}

// Attribute finds the attributions of one article. res is the recognizer's
// output for it (its sentences and entities); when res has no sentences the
// article's cleaned text is segmented here. Offsets in the result slice
// a.Text.
//
// It uses the embedded trained models (see DefaultModels and docs/quotes.md);
// should they fail to load, the hand-written rules.
func Attribute(a *article.Article, res ner.Result) []Attribution {
	ms, err := DefaultModels()
	if err != nil {
		ms = nil
	}
	return AttributeWith(ms, a, res)
}

// AttributeWith is Attribute with the given models; nil means the
// hand-written rules alone. Confidences come from the embedded calibrator.
func AttributeWith(ms *Models, a *article.Article, res ner.Result) []Attribution {
	cal, err := DefaultCalibrator()
	if err != nil {
		cal = nil
	}
	return attribute(ms, cal, a, res)
}

// attribute finds the attributions with the models (nil: the rules alone)
// and gives each its confidence with cal (nil: none) and its confidence
// features.
func attribute(ms *Models, cal *Calibrator, a *article.Article, res ner.Result) []Attribution {
	text := a.Clean
	if len(text) != len(a.Text) {
		text = a.Text
	}
	sents := res.Sentences
	if len(sents) == 0 {
		sents = ner.Segment(text)
	}
	x := newDoc(text, sents, res.Entities)
	var frames []frame
	if ms != nil {
		frames = x.runHybrid(ms)
	} else {
		frames = x.run()
	}
	frames = dropDoubles(frames)
	speakers := map[int]int{}
	for _, f := range frames {
		if !f.cont {
			speakers[f.group]++
		}
	}
	out := make([]Attribution, 0, len(frames))
	for _, f := range frames {
		at := Attribution{
			Speaker:      f.speaker,
			Source:       x.span(a, f.src),
			Cue:          x.span(a, f.cue),
			Content:      x.span(a, f.content),
			Direct:       f.direct,
			Continuation: f.cont,
			Kind:         x.kindOf(f),
		}
		at.Targets = x.targets(f.content, f.speaker)
		at.feats = x.confFeatures(ms, f, speakers[f.group])
		if cal != nil {
			at.Confidence = cal.Confidence(at.feats)
		}
		out = append(out, at)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Content.Start < out[j].Content.Start })
	return out
}

// tspan is an inclusive token range; a < 0 means none.
type tspan struct{ a, b int }

var noSpan = tspan{-1, -1}

func (t tspan) ok() bool { return t.a >= 0 && t.b >= t.a }

func (t tspan) contains(i int) bool { return t.ok() && i >= t.a && i <= t.b }

// span turns a token range into a byte span of a.Text; the empty span at 0
// when there is none.
func (x *doc) span(a *article.Article, t tspan) article.Span {
	if !t.ok() || t.b >= len(x.toks) {
		return article.Span{}
	}
	s, e := x.toks[t.a].s, x.toks[t.b].e
	if s < 0 || e > len(a.Text) || s > e {
		return article.Span{}
	}
	return a.Slice(s, e)
}

// targets lists the entities mentioned inside content, minus the speaker, in
// order of first mention.
func (x *doc) targets(content tspan, speaker int) []int {
	if !content.ok() {
		return nil
	}
	var out []int
	seen := map[int]bool{}
	for i := content.a; i <= content.b && i < len(x.toks); i++ {
		e := x.toks[i].ent
		if e < 0 || e == speaker || seen[e] {
			continue
		}
		seen[e] = true
		out = append(out, e)
	}
	return out
}
