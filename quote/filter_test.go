package quote

import (
	"bytes"
	"testing"

	"github.com/newsgraph/newsgraph/ner"
)

// TestEmbeddedCueFilter: the embedded models carry the cue filter, and a
// model file without one (the first format) still reads, without a filter.
func TestEmbeddedCueFilter(t *testing.T) {
	ms, err := DefaultModels()
	if err != nil {
		t.Fatal(err)
	}
	if ms.filter == nil || len(ms.filter.rows) == 0 || ms.filter.nl != 2 {
		t.Fatal("the embedded models have no cue filter")
	}
	if ms.candBias <= 0 {
		t.Errorf("candidate bias %v, want > 0", ms.candBias)
	}
	old := &Models{cue: ms.cue, role: ms.role}
	var b bytes.Buffer
	if _, err := old.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	back, err := ReadModels(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.filter != nil {
		t.Error("a file without a filter read back with one")
	}
}

// TestCandidatesCoverModelCues: the biased candidates include every cue the
// cue model finds on its own, and more (made-up text).
func TestCandidatesCoverModelCues(t *testing.T) {
	ms, err := DefaultModels()
	if err != nil {
		t.Fatal(err)
	}
	text := "Harbor Minister Clara Voss is expected to sign the ferry bill next week.\n\n" +
		"The union has been a fierce critic of the plan, and its leaders want the old routes back.\n\n" +
		"Voss said the ferries would run on time, warning that delays would cost the port dearly.\n"
	a, res := build(text, harborEntities)
	x := newDoc(a.Clean, res.Sentences, res.Entities)
	base := x.modelCues(ms)
	cands := x.cueCandidates(ms, ms.candBias)
	if len(base) == 0 {
		t.Fatal("the cue model found no cue")
	}
	for _, c := range base {
		found := false
		for _, k := range cands {
			if k.span.a <= c.b && c.a <= k.span.b {
				found = true
				if !k.base {
					t.Errorf("candidate %v over the model's cue %v not marked base", k.span, c)
				}
			}
		}
		if !found {
			t.Errorf("model cue %q is no candidate", x.text[x.toks[c.a].s:x.toks[c.b].e])
		}
	}
	if len(cands) < len(base) {
		t.Errorf("%d candidates for %d model cues", len(cands), len(base))
	}
}

// TestDropNestedModel: a model frame whose cue lies inside another frame's
// content is dropped; rule frames are kept.
func TestDropNestedModel(t *testing.T) {
	x := &doc{frames: []frame{
		// rules: "X said [2..12]", "[26..29], Y said"
		{cue: tspan{1, 1}, content: tspan{2, 12}, group: 0},
		{cue: tspan{30, 30}, content: tspan{26, 29}, leftMode: true, group: 1},
		// model: a cue inside each rule content, and a free one
		{cue: tspan{5, 5}, content: tspan{6, 9}, group: modelGroup},
		{cue: tspan{20, 20}, content: tspan{21, 25}, group: modelGroup + 1},
		{cue: tspan{27, 27}, content: tspan{28, 29}, group: modelGroup + 2},
		// model, content on the left holding another model cue: the
		// left-content frame goes
		{cue: tspan{40, 40}, content: tspan{34, 39}, leftMode: true, group: modelGroup + 3},
		{cue: tspan{35, 35}, content: tspan{36, 38}, group: modelGroup + 4},
	}}
	x.dropNestedModel(2)
	var cues []int
	for _, f := range x.frames {
		cues = append(cues, f.cue.a)
	}
	want := []int{1, 30, 20, 35}
	if len(cues) != len(want) {
		t.Fatalf("kept cues %v, want %v", cues, want)
	}
	for i := range want {
		if cues[i] != want[i] {
			t.Fatalf("kept cues %v, want %v", cues, want)
		}
	}
}

// TestWordClasses: the recognizer's word classes as quote reads them.
func TestWordClasses(t *testing.T) {
	a, b, c, ok := ner.WordClasses("said")
	if !ok {
		t.Fatal(`no word classes for "said"`)
	}
	if a < 0 || a >= 64 || b < 0 || b >= 256 || c < 0 || c >= 1024 {
		t.Errorf("classes %d %d %d out of range", a, b, c)
	}
	if _, _, _, ok := ner.WordClasses("qqzxv-not-a-word"); ok {
		t.Error("classes for an unknown word")
	}
	if got := wordClasses("qqzxv-not-a-word"); got != [3]int16{-1, -1, -1} {
		t.Errorf("unknown word classes %v", got)
	}
}
