package quote

import (
	"math"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
)

// iv finds s in text and returns its byte interval.
func iv(t *testing.T, text, s string) []Interval {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in the text", s)
	}
	return []Interval{{i, i + len(s)}}
}

func span(t *testing.T, text, s string) article.Span {
	t.Helper()
	v := iv(t, text, s)[0]
	return article.Span{Start: v.Start, End: v.End, Text: s}
}

// TestPairEval scores said-about pairs on a made-up article: gold pairs of
// named sources only, predicted pairs judged unless their content falls on
// a gold attribution with an unnamed source.
func TestPairEval(t *testing.T) {
	text := "Clara Voss said Alderby and Nordline would share the cost. " +
		"He said Wenholm would pay nothing. " +
		"Harbor Minister Clara Voss told Tomas Brandt the talks had failed."
	_, res := build(text, harborEntities)
	idx := map[string]int{}
	for i, e := range res.Entities {
		idx[e.Name] = i
	}
	gold := []GoldAttribution{
		{Source: iv(t, text, "Clara Voss"), Cue: iv(t, text, "said"), Content: iv(t, text, "Alderby and Nordline would share the cost")},
		{Source: iv(t, text, "He"), Cue: iv(t, text, "said Wenholm")[:1], Content: iv(t, text, "Wenholm would pay nothing")},
		{Source: iv(t, text, "Harbor Minister Clara Voss"), Cue: iv(t, text, "told"), Content: iv(t, text, "the talks had failed")},
	}
	voss := idx["Clara Voss"]
	pred := []Attribution{
		// Voss on Alderby (right) and Nordline (right).
		{Speaker: voss, Content: span(t, text, "Alderby and Nordline would share the cost"), Targets: []int{idx["Alderby"], idx["Nordline"]}, Confidence: 0.9},
		// "He" resolved to Brandt: falls on a gold attribution with an unnamed source, not judged.
		{Speaker: idx["Tomas Brandt"], Content: span(t, text, "Wenholm would pay nothing"), Targets: []int{idx["Wenholm"]}, Confidence: 0.8},
		// Voss on Brandt, the recipient: wrong.
		{Speaker: voss, Content: span(t, text, "Tomas Brandt the talks had failed"), Targets: []int{idx["Tomas Brandt"]}, Confidence: 0.4},
	}
	var pe PairEval
	pe.addPairs(text, gold, pred, res.Entities)
	all, high := pe.At(0), pe.At(0.5)
	if all.Gold != 2 || all.Pred != 3 || all.TP != 2 {
		t.Errorf("all pairs: %+v, want gold 2, pred 3, tp 2", all)
	}
	if high.Pred != 2 || high.TP != 2 {
		t.Errorf("pairs at 0.5: %+v, want pred 2, tp 2", high)
	}
	bins, ece := pe.Reliability(10)
	if bins[9].N != 2 || bins[9].Observed != 1 || bins[4].N != 1 || bins[4].Observed != 0 {
		t.Errorf("bins %+v", bins)
	}
	// |1-0.9|*2 + |0-0.4|*1, over 3 pairs
	if want := (0.2 + 0.4) / 3; math.Abs(ece-want) > 1e-9 {
		t.Errorf("ECE %.4f, want %.4f", ece, want)
	}
	if th := pe.Threshold(0.9); th != 0.9 {
		t.Errorf("threshold for precision 0.9: %v, want 0.9", th)
	}
	if tab := pe.PairTable(0.5); !strings.Contains(tab, "confidence >= 0.50") || !strings.Contains(tab, "expected calibration error") {
		t.Errorf("pair table:\n%s", tab)
	}
}

// TestGoldPairsSeveralNames: a source holding two names ("Clara Voss of
// Nordline") makes pairs for each, and each is paired with the other when
// the content names it.
func TestGoldPairsSeveralNames(t *testing.T) {
	text := "Nordline chief Clara Voss said Nordline and Alderby agreed."
	_, res := build(text, harborEntities)
	gold := []GoldAttribution{{Source: iv(t, text, "Nordline chief Clara Voss"), Cue: iv(t, text, "said"), Content: iv(t, text, "Nordline and Alderby agreed")}}
	gp, named := goldPairSets(text, gold, res.Entities)
	if !named[0] {
		t.Fatal("source with names not named")
	}
	name := func(i int) string { return res.Entities[i].Name }
	var got []string
	for k := range gp {
		got = append(got, name(k.speaker)+">"+name(k.target))
	}
	want := map[string]bool{"Clara Voss>Nordline": true, "Clara Voss>Alderby": true, "Nordline>Alderby": true}
	if len(got) != len(want) {
		t.Errorf("gold pairs %v, want %v", got, want)
	}
	for _, g := range got {
		if !want[g] {
			t.Errorf("unexpected gold pair %s", g)
		}
	}
	_ = ner.Person
}
