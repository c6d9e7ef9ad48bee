package ner

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestOrgKey(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Quenby Inc", "quenby"},
		{"Quenby", "quenby"},
		{"The Quenby Corp.", "quenby"},
		{"Harlow, Venn and Co Inc", "harlow venn"},
		{"Harlow Venn & Co", "harlow venn"},
		{"Tamsin Holdings Plc", "tamsin holdings"},
		{"Brevik AG", "brevik"},
		{"Brevik S.A.", "brevik"},
		{"Orrin's", "orrin"},
		{"Orrin's Ratings Service", "orrin ratings service"},
		{"Fenn & Poole's", "fenn and poole"},
		{"Co", "co"}, // nothing but a legal form: kept
		{"Ltd.", "ltd"},
		{"The Co", "co"},
		{"U.S. Grain Board", "us grain board"},
	} {
		if got := OrgKey(c.name); got != c.want {
			t.Errorf("OrgKey(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestAcronymMatch(t *testing.T) {
	for _, c := range []struct {
		acr, name string
		want      int
	}{
		{"GM", "General Motors Corp", acrStrict},
		{"GMC", "General Motors Corp", acrLoose},
		{"OPMC", "Organization of the Polar Mining Countries", acrStrict},
		{"S&P", "Standard and Poor's", acrStrict},
		{"U.N.", "United Newtons", acrStrict},
		{"UN", "United Newspapers Group", acrNone}, // the initials are UNG
		{"EC", "EC Commission", acrNone},           // the acronym is a word of the name
		{"GM", "Motors", acrNone},
		{"FR", "Federal Reserve Board", acrNone},
		{"UKWP", "UK Widget Party", acrStrict},
		{"UWP", "UK Widget Party", acrStrict},
	} {
		if got := acronymMatch(c.acr, c.name); got != c.want {
			t.Errorf("acronymMatch(%q, %q) = %d, want %d", c.acr, c.name, got, c.want)
		}
	}
}

func TestDefinesShortForm(t *testing.T) {
	for _, c := range []struct {
		short, name string
		want        bool
	}{
		{"Fedco", "Federal Commodity Board", true},
		{"GATS", "General Agreement on Tariffs and Shipping", true},
		{"XQN", "Quenby Corp", false},        // a ticker: not the first letter
		{"Denver", "Quenby Corp", false},     // a place
		{"QC", "Quenby Corp", false},         // "C" is only in the legal form
		{"Quenby", "Quenby Corp", false},     // the core itself
		{"gatt", "General Agreement", false}, // not capitalised
	} {
		if got := definesShortForm(c.short, c.name); got != c.want {
			t.Errorf("definesShortForm(%q, %q) = %v, want %v", c.short, c.name, got, c.want)
		}
	}
}

// recognizeNames runs the recognizer with tagger over text and returns, per
// entity "TYPE Name", its mentions' texts in order.
func recognizeNames(t *testing.T, tagger Tagger, text string) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	for _, e := range NewRecognizer(tagger).Recognize(text).Entities {
		var ms []string
		for _, m := range e.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("mention %+v does not slice the text", m)
			}
			ms = append(ms, m.Text)
		}
		k := e.Type + " " + e.Name
		if _, dup := got[k]; dup {
			k += " (2)"
		}
		got[k] = ms
	}
	return got
}

func TestGroupOrganizationForms(t *testing.T) {
	tagger := dictTagger{
		"Quenby Inc": "ORG", "Quenby": "ORG", "Quenby 's": "ORG",
		"Harlow Venn and Co Inc": "ORG", "HV": "ORG", "HVC": "ORG",
		"General Marlin Corp": "ORG", "GM": "ORG",
		"Federal Commodity Board": "ORG", "Fedco": "ORG",
		"Orrin 's Ratings Service Inc": "ORG", "Orrin 's": "ORG", "Orrin": "ORG",
		"Tamsin Holdings Plc": "ORG", "TAMS": "ORG", "TAMS.L": "ORG", "L": "LOC",
		"Brevik AG": "ORG", "BRVK": "ORG",
		"Vallon Group": "ORG", "VG": "ORG",
		"Quill Nutrition Works Inc": "ORG", "QNW Inc.": "ORG",
		"Pellam": "ORG",
	}
	text := "Quenby Inc said on Monday it would sell its paper unit. Quenby shares rose, and Quenby's chairman spoke.\n\n" +
		"General Marlin Corp said GM would cut output. The Federal Commodity Board (Fedco) met, and Fedco said no.\n\n" +
		"Orrin's Ratings Service Inc cut the rating. Orrin's said the outlook was stable.\n\n" +
		"Tamsin Holdings Plc <TAMS.L> and Brevik AG's <BRVK> agreed. Shares of <VG> fell.\n\n" +
		"Harlow Venn and Co Inc advised HV clients. HVC is another firm.\n\n" +
		"Quill Nutrition Works Inc said QNW Inc. would grow.\n\n" +
		"The notes were rated by Pellam's and others. Pellam's chief economist spoke."
	got := recognizeNames(t, tagger, text)
	want := map[string][]string{
		"ORG Quenby Inc":                  {"Quenby Inc", "Quenby", "Quenby's"},
		"ORG General Marlin Corp":         {"General Marlin Corp", "GM"},
		"ORG Federal Commodity Board":     {"Federal Commodity Board", "Fedco", "Fedco"},
		"ORG Orrin's Ratings Service Inc": {"Orrin's Ratings Service Inc", "Orrin's"},
		"ORG Tamsin Holdings Plc":         {"Tamsin Holdings Plc"}, // tickers are no mentions
		"ORG Brevik AG":                   {"Brevik AG"},
		"ORG Harlow Venn and Co Inc":      {"Harlow Venn and Co Inc", "HV"},
		"ORG HVC":                         {"HVC"}, // the legal forms are not initials
		"ORG Quill Nutrition Works Inc":   {"Quill Nutrition Works Inc", "QNW Inc."},
	}
	want["ORG Pellam's"] = []string{"Pellam's", "Pellam"} // the tagger left out the name's own possessive; the genitive stays out
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entities:\n got %v\nwant %v", got, want)
	}
}

// TestGroupKeepsApart checks the short forms that must not join: an acronym
// that is not the initials of the name, one that two names share, a legal
// form's company and a longer company name, and an honorific of the other
// gender.
func TestGroupKeepsApart(t *testing.T) {
	tagger := dictTagger{
		"United Newspapers Group Plc": "ORG", "UN": "ORG", "United Nations": "ORG",
		"Quenby Inc": "ORG", "Quenby Canada Inc": "ORG",
		"Emberly Commission": "ORG", "Eastern Conference": "ORG", "EC": "ORG",
		"Ronald Calloway": "PER", "Calloway": "PER", "Mrs Calloway": "PER", "Mr Calloway": "PER",
		"Pembroke World Inc": "ORG", "Pembroke World Finance Corp": "ORG", "Pembroke World": "ORG",
		"Harrow Trade Council": "ORG", "Harrow Trade Council 's Planning Office": "ORG",
		"Fund": "ORG", "Fund 's Policy Committee": "ORG",
	}
	text := "United Newspapers Group Plc said the UN report was wrong.\n\n" +
		"Quenby Inc and Quenby Canada Inc merged.\n\n" +
		"The Emberly Commission and the Eastern Conference met; the EC said nothing.\n\n" +
		"Ronald Calloway spoke. Mrs Calloway said she was proud. Mr Calloway thanked her.\n\n" +
		"Pembroke World Inc said its unit Pembroke World Finance Corp sold notes. Pembroke World gained.\n\n" +
		"The Harrow Trade Council's Planning Office wrote to the Harrow Trade Council. " +
		"The Fund's Policy Committee met; the Fund said so."
	got := recognizeNames(t, tagger, text)
	want := map[string][]string{
		"ORG United Newspapers Group Plc": {"United Newspapers Group Plc"},
		"ORG UN":                          {"UN"},
		"ORG Quenby Inc":                  {"Quenby Inc"},
		"ORG Quenby Canada Inc":           {"Quenby Canada Inc"},
		"ORG Emberly Commission":          {"Emberly Commission"},
		"ORG Eastern Conference":          {"Eastern Conference"},
		"ORG EC":                          {"EC"},
		"PERSON Ronald Calloway":          {"Ronald Calloway", "Calloway"},
		"PERSON Calloway":                 {"Calloway"},
		// A company named with its legal form is not a short form of its unit.
		"ORG Pembroke World Inc":          {"Pembroke World Inc", "Pembroke World"},
		"ORG Pembroke World Finance Corp": {"Pembroke World Finance Corp"},
		// An owner is not a short form of what it owns.
		"ORG Harrow Trade Council's Planning Office": {"Harrow Trade Council's Planning Office"},
		"ORG Harrow Trade Council":                   {"Harrow Trade Council"},
		"ORG Fund's Policy Committee":                {"Fund's Policy Committee"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entities:\n got %v\nwant %v", got, want)
	}
	// The woman's entity keeps her honorific form; the man's has his.
	for _, e := range NewRecognizer(tagger).Recognize(text).Entities {
		sort.Strings(e.Aliases)
		switch e.Name {
		case "Calloway":
			if !reflect.DeepEqual(e.Aliases, []string{"Mrs Calloway"}) || e.Gender != Female {
				t.Errorf("Calloway: aliases %q gender %v, want [Mrs Calloway] female", e.Aliases, e.Gender)
			}
		case "Ronald Calloway":
			if strings.Contains(strings.Join(e.Aliases, "|"), "Mrs") {
				t.Errorf("Ronald Calloway has the aliases %q", e.Aliases)
			}
		}
	}
}

func TestFirstNameGender(t *testing.T) {
	for _, c := range []struct {
		name string
		want Gender
	}{{"Ronald", Male}, {"nancy", Female}, {"Jean", GenderUnknown}, {"Quenby", GenderUnknown}} {
		if got := FirstNameGender(c.name); got != c.want {
			t.Errorf("FirstNameGender(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
