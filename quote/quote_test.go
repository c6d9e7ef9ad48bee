package quote

import (
	"github.com/newsgraph/newsgraph/article"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ner"
)

var harborEntities = []ent{
	{ner.Location, "Alderby", nil, 0},
	{ner.Location, "Wenholm", nil, 0},
	{ner.Person, "Clara Voss", []string{"Voss"}, 0},
	{ner.Person, "Tomas Brandt", []string{"Brandt"}, 0},
	{ner.Person, "Ines Olafsdottir", nil, 0},
	{ner.Organization, "Ministry of Transport", nil, 0},
	{ner.Organization, "Nordline", nil, 0},
}

// want is one expected attribution: the speaker's name ("" for none), the
// source and cue as written, and the content.
type want struct {
	speaker, source, cue, content string
	direct, cont                  bool
	targets                       []string
}

func TestAttributeHarbor(t *testing.T) {
	data, err := os.ReadFile("testdata/harbor.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, res := build(string(data), harborEntities)
	// The rules alone: every expected attribution and nothing else.
	got := AttributeWith(nil, a, res)
	name := func(i int) string {
		if i < 0 {
			return ""
		}
		return res.Entities[i].Name
	}
	wants := []want{
		{"", "The port authority", "said", "ferries between Alderby and Wenholm would stay in dock until Friday", false, false, []string{"Alderby", "Wenholm"}},
		{"Clara Voss", "Harbor Minister Clara Voss", "told reporters", "the government was ready to mediate", false, false, nil},
		{"Clara Voss", "she", "said", "We will not let the islands be cut off", true, false, nil},
		{"Clara Voss", "she", "said", "Nobody wants that, and nobody will accept it.", true, true, nil},
		{"Tomas Brandt", "union leader Tomas Brandt, who has led the walkout since it began", "said", "The offer on the table is fair", true, false, nil},
		{"Tomas Brandt", "He", "added", "members would vote on Thursday", false, false, nil},
		{"Tomas Brandt", "Brandt", "said", "We have waited long enough", true, false, nil},
		{"Tomas Brandt", "Brandt", "said", "and the crews are tired.", true, true, nil},
		{"Alderby", "Alderby", "say", "the strike has cost them millions", false, false, nil},
		{"Wenholm", "Wenholm", "say", "the strike has cost them millions", false, false, nil},
		{"Alderby", "Alderby", "urge", "both sides to return to the table", false, false, nil},
		{"Wenholm", "Wenholm", "urge", "both sides to return to the table", false, false, nil},
		{"Ines Olafsdottir", "Wenholm's mayor, Ines Olafsdottir", "warned", "shops on the island were running out of fresh food", false, false, nil},
		{"Tomas Brandt", "Brandt", "called on", `Voss to "stop hiding behind the port authority"`, false, false, []string{"Clara Voss"}},
		{"Tomas Brandt", "Brandt", "accused", "the Ministry of Transport of stalling", false, false, []string{"Ministry of Transport"}},
		{"", "Officials", "said", "the navy could carry emergency supplies if needed", false, false, nil},
		{"Nordline", "The shipping firm Nordline, which operates most of the routes", "denied", "it had hired replacement crews", false, false, nil},
		{"", "a person close to the talks", "according to", "The strike will end soon", false, false, nil},
	}
	for _, w := range wants {
		found := false
		for _, g := range got {
			if g.Content.Text != w.content || g.Cue.Text != w.cue || g.Source.Text != w.source {
				continue
			}
			found = true
			if name(g.Speaker) != w.speaker {
				t.Errorf("%q: speaker %q, want %q", w.content, name(g.Speaker), w.speaker)
			}
			if g.Direct != w.direct || g.Continuation != w.cont {
				t.Errorf("%q: direct=%v continuation=%v, want %v %v", w.content, g.Direct, g.Continuation, w.direct, w.cont)
			}
			if w.targets != nil {
				var tg []string
				for _, x := range g.Targets {
					tg = append(tg, name(x))
				}
				if strings.Join(tg, ",") != strings.Join(w.targets, ",") {
					t.Errorf("%q: targets %v, want %v", w.content, tg, w.targets)
				}
			}
		}
		if !found {
			t.Errorf("missing: %s %q %q", w.source, w.cue, w.content)
		}
	}
	if len(got) != len(wants) || t.Failed() {
		for _, g := range got {
			t.Logf("got: [%s] %q %q %q direct=%v cont=%v", name(g.Speaker), g.Source.Text, g.Cue.Text, g.Content.Text, g.Direct, g.Continuation)
		}
		t.Errorf("got %d attributions, want %d", len(got), len(wants))
	}
	for _, g := range got {
		checkSpans(t, a.Text, g)
	}
	// With the models (what Attribute runs): the rules' attributions are
	// kept as they are, and the model adds only attributions of other cues.
	ms, err := DefaultModels()
	if err != nil {
		t.Fatalf("embedded models: %v", err)
	}
	both := AttributeWith(ms, a, res)
	type key struct{ s, c, q article.Span }
	have := map[key]bool{}
	for _, g := range both {
		have[key{g.Source, g.Cue, g.Content}] = true
		checkSpans(t, a.Text, g)
	}
	for _, g := range got {
		if !have[key{g.Source, g.Cue, g.Content}] {
			t.Errorf("with the models, lost %q %q %q", g.Source.Text, g.Cue.Text, g.Content.Text)
		}
	}
	for _, g := range both[len(got):] {
		for _, r := range got {
			if g.Cue.Start < r.Cue.End && r.Cue.Start < g.Cue.End {
				t.Errorf("model attribution %q overlaps the rules' cue %q", g.Cue.Text, r.Cue.Text)
			}
		}
	}
}

func checkSpans(t *testing.T, text string, g Attribution) {
	t.Helper()
	for _, s := range []struct {
		name string
		s, e int
		txt  string
	}{{"source", g.Source.Start, g.Source.End, g.Source.Text}, {"cue", g.Cue.Start, g.Cue.End, g.Cue.Text}, {"content", g.Content.Start, g.Content.End, g.Content.Text}} {
		if s.s < 0 || s.e > len(text) || s.s > s.e {
			t.Fatalf("%s span [%d,%d) outside the text (%d bytes)", s.name, s.s, s.e, len(text))
		}
		if text[s.s:s.e] != s.txt {
			t.Fatalf("%s span text %q != text[%d:%d] %q", s.name, s.txt, s.s, s.e, text[s.s:s.e])
		}
	}
}

func TestUnbalancedMarks(t *testing.T) {
	data, err := os.ReadFile("testdata/unbalanced.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, res := build(string(data), []ent{{ner.Person, "Mara Lind", []string{"Lind"}, ner.Female}})
	got := Attribute(a, res)
	var mayor, lind bool
	for _, g := range got {
		checkSpans(t, a.Text, g)
		if g.Source.Text == "The mayor" && g.Content.Text == "the budget was already spent" {
			mayor = true
		}
		if g.Source.Text == "Lind" && g.Content.Text == "We are ready" && g.Direct {
			lind = true
		}
	}
	if !mayor {
		t.Errorf("an unclosed quote swallowed the next paragraph's statement: %+v", got)
	}
	if !lind {
		t.Errorf("'' quotes not attributed: %+v", got)
	}
}

func TestLemmaOf(t *testing.T) {
	for w, l := range map[string]string{
		"said": "say", "warned": "warn", "denies": "deny", "noted": "note", "admitted": "admit",
		"stresses": "stress", "noting": "note", "accusing": "accuse", "urges": "urge", "table": "",
	} {
		if got := lemmaOf(w); got != l {
			t.Errorf("lemmaOf(%q) = %q, want %q", w, got, l)
		}
	}
}

// TestTranscriptAndDash: "“SMITH: …" transcript turns and "“…” ― Name"
// signatures (made-up text).
func TestTranscriptAndDash(t *testing.T) {
	text := "Partial transcript as follows:\n\n" +
		"\"HOST: Will the ferries run on Friday?\n\n" +
		"\"VOSS: They will run, and nobody will be left behind.\n\n" +
		"Readers wrote in about the strike.\n\n" +
		"“The islands need those boats every single day.” ― Mara Quill\n"
	a, res := build(text, []ent{{typ: "PERSON", name: "Clara Voss"}, {typ: "PERSON", name: "Mara Quill"}})
	got := AttributeWith(nil, a, res)
	wants := map[string]string{
		"HOST":       "Will the ferries run on Friday?",
		"VOSS":       "They will run, and nobody will be left behind.",
		"Mara Quill": "The islands need those boats every single day.",
	}
	for src, content := range wants {
		found := false
		for _, g := range got {
			if g.Source.Text == src && g.Content.Text == content {
				found = true
				if src == "VOSS" && (g.Speaker < 0 || res.Entities[g.Speaker].Name != "Clara Voss") {
					t.Errorf("VOSS: speaker %d, want Clara Voss", g.Speaker)
				}
			}
		}
		if !found {
			t.Errorf("missing %s: %q", src, content)
		}
	}
	for _, g := range got {
		checkSpans(t, text, g)
		t.Logf("%q %q %q", g.Source.Text, g.Cue.Text, g.Content.Text)
	}
}

// A time between the subject and the cue is not the source, for the rules
// and for the models: "Nordline in April announced", "in 2019 charged".
func TestTimeIsNotSource(t *testing.T) {
	text := "Nordline in April announced that it would close the Wenholm route.\n\n" +
		"Prosecutors on Sept. 12 charged the company with fraud.\n\n" +
		"The Alderby council in 2019 warned that the ferries were unsafe.\n"
	a, res := build(text, harborEntities)
	ms, err := DefaultModels()
	if err != nil {
		t.Fatal(err)
	}
	for _, models := range []*Models{nil, ms} {
		got := AttributeWith(models, a, res)
		for _, g := range got {
			checkSpans(t, text, g)
			switch strings.TrimSpace(g.Source.Text) {
			case "April", "in April", "Sept. 12", "12", "2019", "in 2019":
				t.Errorf("models %v: source %q for cue %q", models != nil, g.Source.Text, g.Cue.Text)
			}
		}
		src := map[string]string{}
		for _, g := range got {
			src[g.Cue.Text] = g.Source.Text
		}
		if src["announced"] != "Nordline" {
			t.Errorf("models %v: announced: source %q, want Nordline (all: %v)", models != nil, src["announced"], src)
		}
	}
}
