package ner

import (
	"reflect"
	"testing"
)

// TestContextCues checks the two cues: a town's name before a football role
// is the club, a place's name in "X-based" the place; a region before a
// role (a national team) keeps its tag, as does a town before other nouns.
func TestContextCues(t *testing.T) {
	tagger := DictTagger{"Norwich": "LOC", "Scotland": "LOC", "Leeds-based": "ORG", "Leeds": "ORG",
		"Kestrel Motors": "ORG"}
	text := "The Norwich striker scored twice. The Scotland coach was pleased. " +
		"A Leeds-based firm, Kestrel Motors, sponsors Leeds. Norwich council met. Rain fell on Norwich."
	want := []string{"LOC Norwich: Norwich,Norwich", "LOC Scotland: Scotland", "LOC* Leeds: Leeds",
		"ORG Kestrel Motors: Kestrel Motors", "ORG Leeds: Leeds", "ORG* Norwich: Norwich"}
	if got := entitySummary(t, NewRecognizer(tagger), text); !reflect.DeepEqual(got, want) {
		t.Errorf("entities:\n got %q\nwant %q", got, want)
	}
}
