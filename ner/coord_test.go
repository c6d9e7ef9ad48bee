package ner

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// sentenceTagger tags sentence i with the dictionary i (the last one for
// the sentences after it): a tagger that types one name differently in
// different sentences, as the trained model may.
type sentenceTagger []DictTagger

func (s sentenceTagger) TagDocument(sents [][]string) [][]string {
	out := make([][]string, len(sents))
	for i := range sents {
		out[i] = s[min(i, len(s)-1)].TagDocument(sents[i : i+1])[0]
	}
	return out
}

// entitySummary lists the entities of text as "TYPE Name: mentions", with a
// "*" after the type of an entity typed by its context.
func entitySummary(t *testing.T, r *Recognizer, text string) []string {
	t.Helper()
	var out []string
	for _, e := range r.Recognize(text).Entities {
		typ := e.Type
		if e.ContextTyped {
			typ += "*"
		}
		var ms []string
		for _, m := range e.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("mention %+v does not slice the text", m)
			}
			ms = append(ms, m.Text)
		}
		out = append(out, typ+" "+e.Name+": "+strings.Join(ms, ","))
	}
	sort.Strings(out)
	return out
}

// TestCoordinationTypes checks the types lists give: a list retypes the one
// member the tagger typed against all the others (a city typed as its club
// among towns, a firm typed as a place among firms), and the retyped
// mention is an entity of its own beside the name's other mentions; the
// retyped mentions vote (a name typed ORG once outside a list and LOC by
// lists twice is a place throughout); a list that agrees with a place
// name's tag keeps it against the name's other mentions. Without the stage
// the tagger's types stand.
func TestCoordinationTypes(t *testing.T) {
	towns := DictTagger{"Liverpool": "ORG", "Bristol": "LOC", "Norwich": "LOC", "Leeds": "LOC",
		"Honda": "ORG", "Kestrel Motors": "LOC", "Nissan": "ORG", "Mazda": "ORG"}
	city := DictTagger{"Barcelona": "LOC"}
	for _, c := range []struct {
		name        string
		tagger      Tagger
		text        string
		want, plain []string // with and without the stage; * marks a type the context gave
	}{{
		name:   "retypes",
		tagger: towns,
		text: "Liverpool won again on Saturday. Liverpool now lead the table.\n\n" +
			"The minister will tour Bristol, Liverpool, Norwich and Leeds next week.\n\n" +
			"Carmakers Honda, Kestrel Motors, Nissan and Mazda all cut prices.",
		// The towns are places the list confirms, as is Honda (a town
		// in the gazetteer) among firms.
		want: []string{
			"LOC* Bristol: Bristol", "LOC* Leeds: Leeds", "LOC* Liverpool: Liverpool", "LOC* Norwich: Norwich",
			"ORG Liverpool: Liverpool,Liverpool", "ORG Mazda: Mazda", "ORG Nissan: Nissan",
			"ORG* Honda: Honda", "ORG* Kestrel Motors: Kestrel Motors",
		},
		plain: []string{
			"LOC Bristol: Bristol", "LOC Kestrel Motors: Kestrel Motors", "LOC Leeds: Leeds", "LOC Norwich: Norwich",
			"ORG Honda: Honda", "ORG Liverpool: Liverpool,Liverpool,Liverpool", "ORG Mazda: Mazda", "ORG Nissan: Nissan",
		},
	}, {
		name:   "votes",
		tagger: towns,
		text: "The minister will tour Bristol, Liverpool, Norwich and Leeds next week. " +
			"Later she goes back to Leeds, Liverpool or Bristol. She likes Liverpool.",
		want: []string{"LOC* Bristol: Bristol,Bristol", "LOC* Leeds: Leeds,Leeds",
			"LOC* Liverpool: Liverpool,Liverpool,Liverpool", "LOC* Norwich: Norwich"},
		plain: []string{"LOC Bristol: Bristol,Bristol", "LOC Leeds: Leeds,Leeds",
			"LOC Norwich: Norwich", "ORG Liverpool: Liverpool,Liverpool,Liverpool"},
	}, {
		name:   "confirms",
		tagger: sentenceTagger{city, city, {"Real Madrid": "ORG", "Barcelona": "ORG", "Seville United": "ORG"}},
		text: "The port of Barcelona is busy. Barcelona hosts a fair in May. " +
			"The coach was courted by Real Madrid, Barcelona and Seville United.",
		want: []string{"LOC Barcelona: Barcelona,Barcelona", "ORG Real Madrid: Real Madrid",
			"ORG Seville United: Seville United", "ORG* Barcelona: Barcelona"},
		plain: []string{"LOC Barcelona: Barcelona,Barcelona,Barcelona", "ORG Real Madrid: Real Madrid",
			"ORG Seville United: Seville United"},
	}} {
		if got := entitySummary(t, NewRecognizer(c.tagger), c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		if got := entitySummary(t, NewRecognizer(c.tagger).WithLists(false), c.text); !reflect.DeepEqual(got, c.plain) {
			t.Errorf("%s without the stage:\n got %q\nwant %q", c.name, got, c.plain)
		}
	}
}

// TestCoordinationLeavesAlone checks the runs of names that are no list, or
// whose disagreement is no ORG/LOC slip, keep their types (a list that
// agrees may still confirm them).
func TestCoordinationLeavesAlone(t *testing.T) {
	tagger := DictTagger{"Liverpool": "ORG", "Bristol": "LOC", "Norwich": "LOC", "Leeds": "LOC",
		"Chelsea": "ORG", "Acme Holdings": "ORG", "John Smith": "PER", "Arsenal": "ORG", "France": "LOC",
		"Fulham": "ORG"}
	for _, text := range []string{
		"Fans came from Bristol, Norwich, Liverpool to the final.",                      // commas alone: no list
		"He toured Bristol, Norwich, Liverpool and Chelsea.",                            // two against two
		"He toured Bristol, Norwich and Acme Holdings.",                                 // no place among places
		"He toured Bristol, Norwich and Liverpool's docks.",                             // a possessive is no member
		"He toured Bristol, Norwich and John Smith.",                                    // a person stays a person
		"He spoke in Bristol and Norwich, Liverpool said.",                              // the list ends after its conjunction
		"Bids came from Arsenal, Fulham and France.",                                    // a country stays a place
		"Bristol, Norwich and Leeds voted; Liverpool, Arsenal and Fulham did not play.", // two lists
	} {
		on := strings.ReplaceAll(strings.Join(entitySummary(t, NewRecognizer(tagger), text), "|"), "*", "")
		off := strings.Join(entitySummary(t, NewRecognizer(tagger).WithLists(false), text), "|")
		if on != off {
			t.Errorf("%q:\n got %s\nwant %s", text, on, off)
		}
	}
}

// TestListTagger checks the stage on token lists, as `eval ner` runs it:
// the retyped span changes type and keeps its boundaries.
func TestListTagger(t *testing.T) {
	tagger := DictTagger{"Liverpool": "ORG", "Bristol": "LOC", "Norwich": "LOC", "Leeds": "LOC",
		"Honda": "ORG", "Kestrel Motors": "LOC", "Nissan": "ORG"}
	words := [][]string{
		strings.Fields("He will tour Bristol , Liverpool , Norwich and Leeds ."),
		strings.Fields("Honda , Nissan or Kestrel Motors ?"),
		strings.Fields("Liverpool won ."),
	}
	got := ListTagger(tagger).TagDocument(words)
	want := [][]string{
		strings.Fields("O O O B-LOC O B-LOC O B-LOC O B-LOC O"),
		strings.Fields("B-ORG O B-ORG O B-ORG I-ORG O"),
		strings.Fields("B-ORG O O"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tags:\n got %q\nwant %q", got, want)
	}
}
