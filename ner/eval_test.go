package ner

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	cases := []struct {
		tags []string
		want []Span
	}{
		{[]string{"B-PER", "I-PER", "O", "B-LOC"}, []Span{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{[]string{"B-ORG", "B-ORG", "I-ORG"}, []Span{{0, 1, "ORG"}, {1, 3, "ORG"}}},
		// a stray I- starts a span, as in conlleval
		{[]string{"O", "I-LOC", "I-LOC", "I-PER"}, []Span{{1, 3, "LOC"}, {3, 4, "PER"}}},
		{[]string{"O", "O"}, nil},
	}
	for _, c := range cases {
		if got := Spans(c.tags); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Spans(%v) = %v, want %v", c.tags, got, c.want)
		}
	}
}

func TestScore(t *testing.T) {
	s := NewScore()
	// gold: PER(0,2) LOC(3,4) MISC(5,6); pred: PER(0,1) wrong boundary, LOC right, ORG spurious, MISC ignored
	s.Add([]string{"B-PER", "I-PER", "O", "B-LOC", "O", "B-MISC"},
		[]string{"B-PER", "O", "O", "B-LOC", "B-ORG", "B-MISC"})
	s.Add([]string{"B-ORG", "I-ORG"}, []string{"B-ORG", "I-ORG"})
	m := s.Micro()
	if m.TP != 2 || m.Pred != 4 || m.Gold != 3 {
		t.Fatalf("micro counts = %+v, want TP 2, Pred 4, Gold 3", m)
	}
	if p := s.ByType["ORG"]; p.TP != 1 || p.Pred != 2 || p.Gold != 1 {
		t.Errorf("ORG = %+v", *p)
	}
	if got, want := m.F1(), 2*0.5*(2.0/3)/(0.5+2.0/3); math.Abs(got-want) > 1e-12 {
		t.Errorf("F1 = %v, want %v", got, want)
	}
	var buf bytes.Buffer
	if err := s.Report(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if last := lines[len(lines)-1]; last != "micro P=0.5000 R=0.6667 F1=0.5714" {
		t.Errorf("last line = %q", last)
	}
}

func TestEvalTaggedFile(t *testing.T) {
	in := "-DOCSTART- -X- -X- O O\n\nAnn B-PER B-PER\nBerg I-PER O\nin O O\nOslo B-LOC B-LOC\n\n"
	docs, err := ReadConll(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if !IsTaggedOutput(docs) {
		t.Fatal("not recognised as tagged output")
	}
	m := EvalConll(nil, docs, true).Micro()
	if m.TP != 1 || m.Pred != 2 || m.Gold != 2 {
		t.Errorf("counts = %+v", m)
	}
}
