// Package score holds the precision/recall tally that newsgraph's evaluations
// share (NER spans on CoNLL, attribution spans on PolNeAR).
package score

// Tally counts true positives, predictions and gold items.
type Tally struct{ TP, Pred, Gold int }

// P is the precision: TP / Pred (0 when nothing was predicted).
func (t Tally) P() float64 { return ratio(t.TP, t.Pred) }

// R is the recall: TP / Gold (0 when there is no gold item).
func (t Tally) R() float64 { return ratio(t.TP, t.Gold) }

// F1 is the harmonic mean of P and R.
func (t Tally) F1() float64 {
	p, r := t.P(), t.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
