package quote

import (
	"bytes"
	"strings"
	"testing"
)

// TestModelFindsBeyondTheLexicon: the trained models find attributions whose
// cue is not a reporting verb of the rules (made-up text).
func TestModelFindsBeyondTheLexicon(t *testing.T) {
	ms, err := DefaultModels()
	if err != nil {
		t.Fatalf("embedded models: %v", err)
	}
	text := "Harbor Minister Clara Voss is expected to sign the ferry bill next week.\n\n" +
		"In a statement, the union backed the plan to reopen the northern routes.\n"
	a, res := build(text, harborEntities)
	rules := AttributeWith(nil, a, res)
	got := AttributeWith(ms, a, res)
	for _, g := range got {
		checkSpans(t, text, g)
		t.Logf("%q %q %q speaker=%d", g.Source.Text, g.Cue.Text, g.Content.Text, g.Speaker)
	}
	if len(got) <= len(rules) {
		t.Fatalf("the models added nothing to the rules' %d attributions", len(rules))
	}
	// PolNeAR reads "X is expected to Y" as an attribution without a
	// source whose content is X ... Y.
	found := false
	for _, g := range got {
		if g.Cue.Text == "is expected" && strings.Contains(g.Content.Text, "to sign the ferry bill") && g.Speaker == -1 {
			found = true
		}
	}
	if !found {
		t.Errorf("no attribution with the cue %q", "is expected")
	}
}

// TestModelsRoundTrip: written models read back with the same weights and
// the same bytes when written again.
func TestModelsRoundTrip(t *testing.T) {
	ms, err := DefaultModels()
	if err != nil {
		t.Fatal(err)
	}
	var b1, b2 bytes.Buffer
	if _, err := ms.WriteTo(&b1); err != nil {
		t.Fatal(err)
	}
	back, err := ReadModels(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := back.WriteTo(&b2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("models differ after a write and a read")
	}
	if len(back.cue.rows) != len(ms.cue.rows) || len(back.role.rows) != len(ms.role.rows) {
		t.Errorf("feature counts differ")
	}
	if _, err := ReadModels(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("garbage read as a model")
	}
}

// TestDecodeConstraints: Viterbi never puts an inside label after O.
func TestDecodeConstraints(t *testing.T) {
	m := newSeqModel(5, bioAllowed)
	f := hS(hT(fW), "x")
	m.rows[f] = 0
	m.w = []float32{0, 0, 5, 0, 0} // I-S scores best everywhere
	lab := m.decode([][]uint64{{f}, {f}, {f}})
	if lab[0] != roleBS || lab[1] != roleIS || lab[2] != roleIS {
		t.Errorf("decode %v, want [1 2 2]", lab)
	}
	m.tab = newFtable(m)
	if got := m.decode([][]uint64{{f}, {f}, {f}}); got[0] != lab[0] || got[2] != lab[2] {
		t.Errorf("decode with the table %v, want %v", got, lab)
	}
}
