package ner

import (
	"fmt"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/score"
)

// Span is an entity span over a sentence's tokens: [Start, End) and its type.
type Span struct {
	Start, End int
	Type       string
}

// Spans returns the entity spans of an IOB2 (or IOB1) tag sequence, as
// conlleval reads them: an I-X that does not continue an X starts a new span.
func Spans(tags []string) []Span {
	var out []Span
	cur := -1
	for i, t := range tags {
		prefix, typ, ok := strings.Cut(t, "-")
		if !ok || (prefix != "B" && prefix != "I") {
			cur = -1
			continue
		}
		if prefix == "I" && cur >= 0 && out[cur].Type == typ && out[cur].End == i {
			out[cur].End = i + 1
			continue
		}
		out = append(out, Span{Start: i, End: i + 1, Type: typ})
		cur = len(out) - 1
	}
	return out
}

// EvalTypes are the entity types scored; MISC is left out.
var EvalTypes = []string{"PER", "ORG", "LOC"}

// Counts holds span-level true positives, predicted and gold counts.
type Counts = score.Tally

// Score accumulates span-level counts per type.
type Score struct {
	ByType map[string]*Counts
}

// NewScore returns an empty score over EvalTypes.
func NewScore() *Score {
	s := &Score{ByType: map[string]*Counts{}}
	for _, t := range EvalTypes {
		s.ByType[t] = &Counts{}
	}
	return s
}

// Add scores one sentence: exact span and type match counts as correct.
func (s *Score) Add(gold, pred []string) {
	g, p := Spans(gold), Spans(pred)
	gs := map[Span]bool{}
	for _, sp := range g {
		if c := s.ByType[sp.Type]; c != nil {
			c.Gold++
			gs[sp] = true
		}
	}
	for _, sp := range p {
		if c := s.ByType[sp.Type]; c != nil {
			c.Pred++
			if gs[sp] {
				c.TP++
			}
		}
	}
}

// Micro returns the counts summed over the scored types.
func (s *Score) Micro() Counts {
	var m Counts
	for _, t := range EvalTypes {
		c := s.ByType[t]
		m.TP += c.TP
		m.Pred += c.Pred
		m.Gold += c.Gold
	}
	return m
}

// Report writes one line per type and the micro average last:
// "micro P=0.9012 R=0.8970 F1=0.8991".
func (s *Score) Report(w io.Writer) error {
	for _, t := range EvalTypes {
		c := s.ByType[t]
		if _, err := fmt.Fprintf(w, "%-5s P=%.4f R=%.4f F1=%.4f (gold %d, predicted %d, correct %d)\n", t, c.P(), c.R(), c.F1(), c.Gold, c.Pred, c.TP); err != nil {
			return err
		}
	}
	m := s.Micro()
	_, err := fmt.Fprintf(w, "micro P=%.4f R=%.4f F1=%.4f\n", m.P(), m.R(), m.F1())
	return err
}

// IsTaggedOutput reports whether the documents look like the output of
// `newsgraph ner tag`: the last two columns of every token line are NER tags
// (O, B-X or I-X with X one of PER, ORG, LOC, MISC), the one before last the
// gold tag and the last the prediction. A CoNLL-2003 gold file has a chunk
// column (B-NP, ...) before its NER column and so does not qualify.
func IsTaggedOutput(docs []ConllDoc) bool {
	seen := false
	for _, d := range docs {
		for _, s := range d.Sentences {
			for _, l := range s {
				if len(l.Fields) < 3 || !isNERTag(l.Fields[len(l.Fields)-1]) || !isNERTag(l.Fields[len(l.Fields)-2]) {
					return false
				}
				seen = true
			}
		}
	}
	return seen
}

func isNERTag(t string) bool {
	if t == "O" {
		return true
	}
	p, typ, ok := strings.Cut(t, "-")
	if !ok || (p != "B" && p != "I") {
		return false
	}
	switch typ {
	case "PER", "ORG", "LOC", "MISC":
		return true
	}
	return false
}

// EvalConll scores documents. When tagged is true the documents are the
// output of `ner tag` (gold in the column before last, prediction last);
// otherwise the last column is gold and t tags the tokens (a *Model, or a
// JunkFilter's Tagger around one).
func EvalConll(t Tagger, docs []ConllDoc, tagged bool) *Score {
	s := NewScore()
	for i := range docs {
		d := &docs[i]
		var gold, pred [][]string
		if tagged {
			gold, pred = d.Column(-2), d.Column(-1)
		} else {
			gold, pred = d.Column(-1), t.TagDocument(d.Tokens())
		}
		for k := range gold {
			s.Add(gold[k], pred[k])
		}
	}
	return s
}
