package ner

import (
	"strings"
	"testing"
)

// dictTagger stands in for the trained model (DictTagger).
type dictTagger = DictTagger

func TestRecognizeGroupsAndRoles(t *testing.T) {
	tagger := dictTagger{
		"Vladimir Putin": "PER", "Putin": "PER", "Mr Putin": "PER", "President Putin": "PER",
		"Kremlin": "ORG", "Dmitry Peskov": "PER", "Russia": "LOC", "Russian": "MISC",
		"Organization for Security and Cooperation in Europe": "ORG", "OSCE": "ORG",
		"Moscow-annexed": "LOC", "Moscow": "LOC", "Russia ’s": "LOC",
	}
	text := "Russian President Vladimir Putin met Kremlin spokesman Dmitry Peskov in Moscow.\n\n" +
		"Mr Putin said Russia’s troops would stay in Moscow-annexed Crimea. " +
		"President Putin spoke to the Organization for Security and Cooperation in Europe (OSCE). The OSCE said no."
	res := NewRecognizer(tagger).Recognize(text)
	byName := map[string]Entity{}
	for _, e := range res.Entities {
		byName[e.Name] = e
		for _, m := range e.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("mention %+v does not slice the text", m)
			}
		}
	}
	putin, ok := byName["Vladimir Putin"]
	if !ok || putin.Type != Person {
		t.Fatalf("no PERSON Vladimir Putin in %+v", res.Entities)
	}
	if len(putin.Mentions) != 3 {
		t.Errorf("Putin mentions = %d, want 3: %+v", len(putin.Mentions), putin.Mentions)
	}
	if !contains(putin.Roles, "Russian President") {
		t.Errorf("Putin roles = %q", putin.Roles)
	}
	if !contains(putin.Aliases, "Mr Putin") || !contains(putin.Aliases, "Putin") || putin.Gender != Male {
		t.Errorf("Putin aliases = %q gender %v", putin.Aliases, putin.Gender)
	}
	if p := byName["Dmitry Peskov"]; strings.Join(p.Roles, "|") != "Kremlin spokesman" {
		t.Errorf("Peskov roles = %q", p.Roles)
	}
	if _, ok := byName["Russian"]; ok {
		t.Errorf("demonym Russian became an entity")
	}
	if r := byName["Russia"]; len(r.Mentions) != 1 || r.Mentions[0].Text != "Russia" {
		t.Errorf("Russia = %+v, want one mention without the possessive", r)
	}
	if m := byName["Moscow"]; len(m.Mentions) != 2 {
		t.Errorf("Moscow mentions = %+v, want 2 (one inside Moscow-annexed)", m.Mentions)
	}
	osce := byName["Organization for Security and Cooperation in Europe"]
	if len(osce.Mentions) != 3 || !contains(osce.Aliases, "OSCE") {
		t.Errorf("OSCE = %+v", osce)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRoleDropsPossessiveDeterminer(t *testing.T) {
	tagger := dictTagger{"Vladimir Putin": "PER", "Joe Biden": "PER", "Maria Ortiz": "PER"}
	text := "Vladimir Putin and his U.S. counterpart Joe Biden spoke. " +
		"Later Joe Biden met their chief negotiator Maria Ortiz."
	res := NewRecognizer(tagger).Recognize(text)
	roles := map[string]string{}
	for _, e := range res.Entities {
		roles[e.Name] = strings.Join(e.Roles, "|")
	}
	if roles["Joe Biden"] != "U.S. counterpart" {
		t.Errorf("Biden roles = %q, want %q", roles["Joe Biden"], "U.S. counterpart")
	}
	if roles["Maria Ortiz"] != "chief negotiator" {
		t.Errorf("Ortiz roles = %q, want %q", roles["Maria Ortiz"], "chief negotiator")
	}
}

func TestHyphenatedNames(t *testing.T) {
	known := map[string]string{"Ruritania": Location}
	for _, c := range []struct {
		word string
		want bool
	}{
		{"Wal-Mart", true}, {"Zed-Secure", true}, {"Q-Mobile", true},
		{"Ruritania-Borduria", false}, // a name the article uses alone
		{"Borduria-based", false}, {"Franco-German", false}, {"D-Tex", false}, {"R-Minn", false},
	} {
		if got := hyphenatedName(strings.Split(c.word, "-"), known); got != c.want {
			t.Errorf("hyphenatedName(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}
