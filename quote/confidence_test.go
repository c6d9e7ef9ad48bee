package quote

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ner"
)

// TestConfidenceAndKind: every attribution of the harbor article, with the
// embedded models and calibrator, has a confidence in [0, 1] with three
// decimals and a kind; speech cues are speech, the belief cue is stance.
func TestConfidenceAndKind(t *testing.T) {
	data, err := os.ReadFile("testdata/harbor.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data) + "\n\nVoss believes the strike will end soon. Nordline plans to add a second ferry.\n"
	a, res := build(text, harborEntities)
	got := Attribute(a, res)
	if len(got) == 0 {
		t.Fatal("no attributions")
	}
	kinds := map[string]string{}
	for _, at := range got {
		if at.Confidence < 0 || at.Confidence > 1 || math.Abs(at.Confidence*1000-math.Round(at.Confidence*1000)) > 1e-9 {
			t.Errorf("%q: confidence %v not a probability with three decimals", at.Cue.Text, at.Confidence)
		}
		if at.Kind != KindSpeech && at.Kind != KindStance && at.Kind != KindOther {
			t.Errorf("%q: kind %q", at.Cue.Text, at.Kind)
		}
		kinds[strings.ToLower(at.Cue.Text)] = at.Kind
	}
	for cue, want := range map[string]string{"told reporters": KindSpeech, "warned": KindSpeech, "accused": KindSpeech, "believes": KindStance} {
		if kinds[cue] != want {
			t.Errorf("cue %q: kind %q, want %q (kinds %v)", cue, kinds[cue], want, kinds)
		}
	}
}

func TestWordKind(t *testing.T) {
	for w, want := range map[string]string{
		"said": KindSpeech, "tweeted": KindSpeech, "according": KindSpeech, "announces": KindSpeech,
		"believes": KindStance, "criticised": KindStance, "supports": KindStance, "opposed": KindStance,
		"plans": "", "sings": "",
	} {
		if got := wordKind(w); got != want {
			t.Errorf("wordKind(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestDropDoubles: a statement found twice (its content inside the other's,
// same cue or speaker) is one; coordinated speakers of one cue stay two.
func TestDropDoubles(t *testing.T) {
	outer := frame{speaker: 1, cue: tspan{2, 2}, src: tspan{0, 1}, content: tspan{3, 12}}
	inner := frame{speaker: 1, cue: tspan{8, 8}, src: tspan{0, 1}, content: tspan{9, 12}}
	other := frame{speaker: 4, cue: tspan{8, 8}, src: tspan{6, 7}, content: tspan{9, 12}}
	coordA := frame{speaker: 5, cue: tspan{20, 20}, src: tspan{16, 16}, content: tspan{21, 25}}
	coordB := frame{speaker: 6, cue: tspan{20, 20}, src: tspan{18, 18}, content: tspan{21, 25}}
	same := frame{speaker: 5, cue: tspan{27, 27}, src: tspan{26, 26}, content: tspan{21, 25}}
	got := dropDoubles([]frame{outer, inner, other, coordA, coordB, same})
	want := []frame{outer, other, coordA, coordB}
	if len(got) != len(want) {
		t.Fatalf("kept %d frames, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("frame %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestListIsNoStatement: a headline colon before a list of names or
// figures is no attribution; one before a clause is.
func TestListIsNoStatement(t *testing.T) {
	text := "Alderby: Clara Voss, Tomas Brandt, Ines Olafsdottir, Anna Berg, Lars Holm.\n\n" +
		"Nordline: the ferries will sail again on Friday.\n"
	ents := append(harborEntities, ent{ner.Person, "Anna Berg", nil, 0}, ent{ner.Person, "Lars Holm", nil, 0})
	a, res := build(text, ents)
	var cues []string
	for _, at := range AttributeWith(nil, a, res) {
		cues = append(cues, at.Source.Text+at.Cue.Text+" "+at.Content.Text)
	}
	if len(cues) != 1 || !strings.HasPrefix(cues[0], "Nordline: the ferries") {
		t.Errorf("attributions %q, want only Nordline's", cues)
	}
}

// TestPlaceIsNotTheSpeaker: a place after "of" or in an appositive
// modifies the head of a source; a place inside a prepositional phrase is
// no subject.
func TestPlaceIsNotTheSpeaker(t *testing.T) {
	text := "Tomas Brandt of Wenholm said the crews were tired.\n\n" +
		"Two shop owners in Alderby have said the strike cost them dearly.\n\n" +
		"Ines Olafsdottir, a shop owner in Alderby, said prices had doubled.\n"
	a, res := build(text, harborEntities)
	var got []string
	for _, at := range AttributeWith(nil, a, res) {
		name := "-"
		if at.Speaker >= 0 {
			name = res.Entities[at.Speaker].Name
		}
		got = append(got, name+": "+at.Content.Text)
	}
	want := []string{"Tomas Brandt: the crews were tired", "Ines Olafsdottir: prices had doubled"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("attributions %q, want %q", got, want)
	}
}

// TestFitCalibrator: a logistic regression fitted to instances whose
// correctness depends on one feature gives back the observed rates.
func TestFitCalibrator(t *testing.T) {
	var insts []calInstance
	for i := range 400 {
		insts = append(insts,
			calInstance{feats: []string{"good"}, y: b2f(i%10 != 0), w: 1}, // right 90%
			calInstance{feats: []string{"bad"}, y: b2f(i%10 < 3), w: 1},   // right 30%
		)
	}
	c := fitCalibrator(insts, FitOptions{L2: 0.1})
	for f, want := range map[string]float64{"good": 0.9, "bad": 0.3} {
		if got := c.Confidence([]string{f}); math.Abs(got-want) > 0.01 {
			t.Errorf("confidence of %q = %.3f, want %.2f", f, got, want)
		}
	}
	// The JSON form reads back the same, unknown fields are refused.
	c.MinConfidence = 0.7
	data, err := c.JSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadCalibrator(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Confidence([]string{"good"}) != c.Confidence([]string{"good"}) || back.MinConfidence != 0.7 {
		t.Errorf("read back %+v, want %+v", back, c)
	}
	if _, err := ReadCalibrator([]byte(`{"bias": 0, "weight": {}}`)); err == nil {
		t.Error("a calibrator with an unknown field was read")
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// TestEmbeddedCalibrator: the embedded calibrator reads, and its threshold
// is a probability.
func TestEmbeddedCalibrator(t *testing.T) {
	c, err := DefaultCalibrator()
	if err != nil {
		t.Fatal(err)
	}
	if c.MinConfidence <= 0 || c.MinConfidence >= 1 || len(c.Weights) == 0 {
		t.Errorf("embedded calibrator: threshold %v, %d weights", c.MinConfidence, len(c.Weights))
	}
	if MinConfidence() != c.MinConfidence {
		t.Errorf("MinConfidence() = %v, want %v", MinConfidence(), c.MinConfidence)
	}
}

// TestNoReportedSpeechInsideAModelFrame: a rule frame whose cue lies inside
// a model frame's content is that statement's words, not a statement of
// its own; a model relay after its content ("…, analysts said") gives way.
func TestNoReportedSpeechInsideAModelFrame(t *testing.T) {
	inner := frame{group: 1, cue: tspan{5, 6}, content: tspan{7, 10}}
	outer := frame{group: modelGroup + 1, cue: tspan{1, 1}, content: tspan{2, 10}}
	x := &doc{frames: []frame{inner, outer}}
	if n := x.dropNestedModel(1); n != 0 || len(x.frames) != 1 || x.frames[0] != outer {
		t.Errorf("kept %d rule frames, frames %+v; want only the model frame", n, x.frames)
	}
	relay := frame{group: modelGroup + 2, cue: tspan{12, 13}, content: tspan{0, 10}, leftMode: true}
	rule := frame{group: 1, cue: tspan{1, 1}, content: tspan{2, 10}}
	x = &doc{frames: []frame{rule, relay}}
	if n := x.dropNestedModel(1); n != 1 || len(x.frames) != 1 || x.frames[0] != rule {
		t.Errorf("kept %d rule frames, frames %+v; want only the rule frame", n, x.frames)
	}
}
