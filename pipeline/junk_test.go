package pipeline

import (
	"testing"

	"github.com/newsgraph/newsgraph/article"
)

// TestJunkNeverSpeaks: strings the junk stage drops (a generic head, a
// sign-off, a currency unit) are no entities of the Doc, and no attribution
// points at an entity the Doc does not hold, even where the junk stood as
// the source of a statement. The text is invented.
func TestJunkNeverSpeaks(t *testing.T) {
	text := "Zorbex Corp to sell bonds\n\n" +
		"Zorbex Corp will sell 30 mln European Currency Units of bonds, the company said on Monday.\n\n" +
		"\"We expect strong demand from investors,\" the Bank said in a statement.\n\n" +
		"\"The issue is well priced,\" said Anna Quillan, an analyst at Freedonia Securities Ltd in London.\n" +
		" REUTER\n"
	a, err := article.Parse("junk.txt", []byte(text), article.FormatText)
	if err != nil {
		t.Fatal(err)
	}
	x, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	d := x.Extract(a)
	ids := map[string]bool{}
	for _, e := range d.Entities {
		ids[e.ID] = true
		switch e.Name {
		case "Bank", "REUTER", "European Currency Units", "Ltd":
			t.Errorf("junk entity %s (%s)", e.Name, e.ID)
		}
	}
	if len(d.Entities) == 0 {
		t.Fatal("no entities at all")
	}
	for _, at := range d.Attributions {
		if at.Speaker != nil && !ids[*at.Speaker] {
			t.Errorf("attribution %q: speaker %s is no entity of the Doc", at.Content.Text, *at.Speaker)
		}
		for _, tg := range at.Targets {
			if !ids[tg] {
				t.Errorf("attribution %q: target %s is no entity of the Doc", at.Content.Text, tg)
			}
		}
	}
	if len(d.Attributions) == 0 {
		t.Error("no attributions: the test no longer exercises speakers")
	}
}
