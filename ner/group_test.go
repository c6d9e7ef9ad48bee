package ner

import (
	"reflect"
	"testing"
)

// TestGroupRepairsSpans checks the two span repairs of repairSpans and the
// name grouping that follows: a title-led organization span that ends in a
// person's surname becomes the person, and a person span led by a place
// loses the place word, so that both join the full name.
func TestGroupRepairsSpans(t *testing.T) {
	tagger := dictTagger{
		"Defense Lloyd Austin": "ORG", "Austin": "PER", "Antony Blinken": "PER",
		"Europe Blinken": "PER", "Europe": "LOC", "Blinken": "PER", "Defense Ministry": "ORG",
	}
	text := "Secretary of Defense Lloyd Austin spoke. Austin left.\n\n" +
		"Antony Blinken flew to Europe. In Europe Blinken met the Defense Ministry. Blinken said no."
	res := NewRecognizer(tagger).Recognize(text)
	got := map[string][]string{}
	for _, e := range res.Entities {
		var ms []string
		for _, m := range e.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("mention %+v does not slice the text", m)
			}
			ms = append(ms, m.Text)
		}
		got[e.Type+" "+e.Name] = ms
	}
	want := map[string][]string{
		"PERSON Lloyd Austin":   {"Lloyd Austin", "Austin"},
		"PERSON Antony Blinken": {"Antony Blinken", "Blinken", "Blinken"},
		"LOC Europe":            {"Europe", "Europe"},
		"ORG Defense Ministry":  {"Defense Ministry"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entities:\n got %v\nwant %v", got, want)
	}
}

func TestWordOffset(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want int
	}{{"Defense Lloyd Austin", 1, 8}, {"a  b", 1, 3}, {"a", 1, -1}, {"a b", 0, 0}} {
		if got := wordOffset(c.s, c.n); got != c.want {
			t.Errorf("wordOffset(%q, %d) = %d, want %d", c.s, c.n, got, c.want)
		}
	}
}
