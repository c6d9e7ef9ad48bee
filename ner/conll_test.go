package ner

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestConllRoundTrip(t *testing.T) {
	raw, err := os.ReadFile("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ReadConll(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sentences) != 2 || len(docs[1].Sentences) != 1 {
		t.Fatalf("got %d docs, want 2 with 2 and 1 sentences", len(docs))
	}
	// IOB1 -> IOB2
	want := []string{"O", "O", "B-ORG", "I-ORG", "B-ORG", "O", "B-MISC", "B-ORG", "O"}
	if got := docs[0].Column(-1)[1]; !reflect.DeepEqual(got, want) {
		t.Errorf("IOB2 column = %v, want %v", got, want)
	}
	// writing with the gold tags gives every input line plus the IOB2 tag
	tags := make([][][]string, len(docs))
	for i := range docs {
		tags[i] = docs[i].Column(-1)
	}
	var out bytes.Buffer
	if err := WriteConll(&out, docs, tags); err != nil {
		t.Fatal(err)
	}
	inLines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	outLines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if len(inLines) != len(outLines) {
		t.Fatalf("%d lines in, %d out:\n%s", len(inLines), len(outLines), out.String())
	}
	for i := range inLines {
		if inLines[i] == "" {
			if outLines[i] != "" {
				t.Errorf("line %d: blank line became %q", i+1, outLines[i])
			}
			continue
		}
		if !strings.HasPrefix(outLines[i], inLines[i]+" ") {
			t.Errorf("line %d: %q does not extend %q", i+1, outLines[i], inLines[i])
		}
	}
	if !strings.Contains(out.String(), "Bergen NNP I-NP B-ORG B-ORG\n") {
		t.Errorf("missing re-tagged line in\n%s", out.String())
	}
	// the written file reads back as tagged output
	back, err := ReadConll(&out)
	if err != nil {
		t.Fatal(err)
	}
	if !IsTaggedOutput(back) {
		t.Error("ner tag output not recognised as tagged output")
	}
	if IsTaggedOutput(docs) {
		t.Error("a CoNLL-2003 gold file taken for tagged output")
	}
}

func TestToIOB2(t *testing.T) {
	got := ToIOB2([]string{"I-PER", "I-PER", "I-LOC", "O", "I-ORG", "B-ORG", "I-ORG"})
	want := []string{"B-PER", "I-PER", "B-LOC", "O", "B-ORG", "B-ORG", "I-ORG"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ToIOB2 = %v, want %v", got, want)
	}
}
