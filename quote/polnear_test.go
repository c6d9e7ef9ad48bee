package quote

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/shareddata"
	"github.com/newsgraph/newsgraph/ner"
)

// TestPolNeARDev scores attribution on the PolNeAR dev split and holds the
// floors measured with the embedded models (trained on the train split).
func TestPolNeARDev(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	path := shareddata.Path(t, "data/polnear/polnear_dev.jsonl.gz")
	docs, err := ReadPolNeAR(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 84 {
		t.Fatalf("read %d dev articles, want 84", len(docs))
	}
	var recognize func(string) ner.Result
	if m, err := ner.DefaultModel(); err == nil {
		recognize = ner.NewRecognizer(m).Recognize
	} else {
		t.Logf("no entity model (%v): scoring with sentences only", err)
	}
	rep, err := Evaluate(context.Background(), docs, recognize)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + rep.Table())
	floors := map[string]float64{"source": 0.745, "cue": 0.745, "content": 0.745}
	for role, floor := range floors {
		if f1 := rep.Counts[role]["overlap"].F1(); f1 < floor {
			t.Errorf("%s overlap F1 %.3f below the floor %.2f", role, f1, floor)
		}
	}
	// Said-about pairs at the default threshold, and the calibration of
	// the confidence (docs/quotes.md): the targets.
	th := MinConfidence()
	t.Log("\n" + rep.Pairs.PairTable(th))
	c := rep.Pairs.At(th)
	if c.P() < 0.90 || c.R() < 0.35 {
		t.Errorf("said-about pairs at confidence >= %.2f: P %.3f R %.3f, want P >= 0.90 and R >= 0.35", th, c.P(), c.R())
	}
	if _, ece := rep.Pairs.Reliability(10); ece > 0.05 {
		t.Errorf("expected calibration error %.3f, want <= 0.05", ece)
	}
}
