package graph

import (
	"testing"
)

// testGazetteer is an invented gazetteer: a curated list and a places list
// in the formats of data/curated.tsv and data/places.tsv.
func testGazetteer(t *testing.T) *Gazetteer {
	t.Helper()
	curated := "PERSON\tRonald Calloway\t\tlone\n" +
		"PERSON\tNancy Pellow\t\tlone\n" +
		"ORG\tUnited Newtons\tUN\ttype\n" +
		"ORG\tOrganization of the Polar Mining Countries\tOPMC\ttype\n"
	places := "# kind\tpopulation\tname\tvariants\n" +
		"city\t300000\tAston\tDunmore|Aston Town\n" + // "Dunmore" is another place's own name
		"city\t500000\tDunmore\tVenlo Harbour|The Q|Ashby Wells\n" + // "The Q" has one letter
		"city\t200000\tAshby Wells\t\n" +
		"state\t0\tLorraine Bay\tLor.|Lor|Lb.\n"
	g, err := ParseGazetteer(curated, places)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestResolveRules(t *testing.T) {
	r := NewResolver(testGazetteer(t), nil)
	for _, c := range []struct {
		typ, name string
		aliases   []string
		want      Identity
	}{
		// A place's own name is never another place's alternate name,
		// whichever comes first in the file.
		{Location, "Dunmore", nil, Identity{"loc:dunmore", Location, "Dunmore"}},
		{Location, "Ashby Wells", nil, Identity{"loc:ashby-wells", Location, "Ashby Wells"}},
		{Location, "Venlo Harbour", nil, Identity{"loc:dunmore", Location, "Dunmore"}},
		{Location, "Aston Town", nil, Identity{"loc:aston", Location, "Aston"}},
		{Location, "Q", nil, Identity{"loc:q", Location, "Q"}},
		// Points are ignored, but a one- or two-letter name keeps its case.
		{Location, "Lor", nil, Identity{"loc:lorraine-bay", Location, "Lorraine Bay"}},
		{Location, "Lor.", nil, Identity{"loc:lorraine-bay", Location, "Lorraine Bay"}},
		{Location, "LB", nil, Identity{"loc:lb", Location, "LB"}},
		{Location, "L.B.", nil, Identity{"loc:lb", Location, "L.B."}},
		{Location, "Lb.", nil, Identity{"loc:lorraine-bay", Location, "Lorraine Bay"}},
		{Location, "Lb", nil, Identity{"loc:lorraine-bay", Location, "Lorraine Bay"}},
		// An acronym takes a multi-word name only to its own expansion.
		{Organization, "UN", nil, Identity{"org:united-newtons", Organization, "United Newtons"}},
		{Organization, "United Newspapers Group Plc", []string{"UN"}, Identity{"org:united-newspapers-group", Organization, "United Newspapers Group Plc"}},
		{Organization, "UN", []string{"U.N."}, Identity{"org:united-newtons", Organization, "United Newtons"}},
		{Organization, "Unquill", []string{"UN"}, Identity{"org:unquill", Organization, "Unquill"}}, // "Unquill (UN)"
		{Organization, "Lorem Ordinal Relief", []string{"Lor"}, Identity{"org:lorem-ordinal-relief", Organization, "Lorem Ordinal Relief"}},
		{Organization, "United Newtons Inc", []string{"United Newtons"}, Identity{"org:united-newtons", Organization, "United Newtons"}}, // the same name written otherwise
		// The same significant words as a listed organization.
		{Organization, "Organization of Polar Mining Countries", []string{"OPMC"}, Identity{"org:organization-of-the-polar-mining-countries", Organization, "Organization of the Polar Mining Countries"}},
		{Organization, "Organisation of Polar Mining Country", nil, Identity{"org:organization-of-the-polar-mining-countries", Organization, "Organization of the Polar Mining Countries"}},
		{Organization, "Polar Mining Countries", nil, Identity{"org:polar-mining-countries", Organization, "Polar Mining Countries"}},
		{Organization, "United Newspapers", []string{"UN"}, Identity{"org:united-newspapers", Organization, "United Newspapers"}},
		// An honorific of the other gender keeps a lone surname apart.
		// ... and keeps a woman's honorific in her key: a bare "Calloway"
		// elsewhere may be the man, "Mrs Calloway" is not.
		{Person, "Calloway", []string{"Mrs Calloway"}, Identity{"person:mrs-calloway", Person, "Mrs Calloway"}},
		// A royal title names a person by a given name: not a surname.
		{Person, "Edmund", []string{"Prince Edmund"}, Identity{"person:prince-edmund", Person, "Prince Edmund"}},
		{Person, "Edmund", []string{"Mr Edmund"}, Identity{"person:edmund", Person, "Edmund"}},
		{Person, "Calloway", []string{"Mr Calloway"}, Identity{"person:ronald-calloway", Person, "Ronald Calloway"}},
		{Person, "Calloway", nil, Identity{"person:ronald-calloway", Person, "Ronald Calloway"}},
		{Person, "Pellow", []string{"Mr Pellow"}, Identity{"person:pellow", Person, "Pellow"}},
		{Person, "Pellow", []string{"Ms Pellow"}, Identity{"person:nancy-pellow", Person, "Nancy Pellow"}},
	} {
		if got := r.Resolve(c.typ, c.name, c.aliases); got != c.want {
			t.Errorf("Resolve(%s, %q, %q) = %+v, want %+v", c.typ, c.name, c.aliases, got, c.want)
		}
	}
}

func TestIDNormalisation(t *testing.T) {
	for _, c := range []struct{ typ, name, want string }{
		{Organization, "Quenby Inc", "org:quenby"},
		{Organization, "Quenby", "org:quenby"},
		{Organization, "The Quenby Co.", "org:quenby"},
		{Organization, "Harlow, Venn and Co Inc", "org:harlow-venn"},
		{Organization, "Harlow Venn & Co", "org:harlow-venn"},
		{Organization, "Orrin's", "org:orrin"},
		{Organization, "Orrin", "org:orrin"},
		{Organization, "Brevik S.A.", "org:brevik"},
		{Organization, "Quenby Canada Inc", "org:quenby-canada"}, // another company
		{Organization, "Co", "org:co"},
		{Organization, "U.S. Grain Board", "org:us-grain-board"},
		{Organization, "US Grain Board", "org:us-grain-board"},
		{Location, "The Marsh Isles", "loc:marsh-isles"},
		{Location, "Marsh Isles", "loc:marsh-isles"},
		{Location, "U.S", "loc:us"},
		{Person, "J.R. Quill", "person:jr-quill"},
		{Person, "Ann B. Quill", "person:ann-b-quill"},
	} {
		if got := ID(c.typ, c.name); got != c.want {
			t.Errorf("ID(%s, %q) = %q, want %q", c.typ, c.name, got, c.want)
		}
	}
}

// TestEmbeddedStateAbbreviations checks the news-style state abbreviations
// of the embedded places list, and that a place's own name is not taken by
// another place's alternate name there either.
func TestEmbeddedStateAbbreviations(t *testing.T) {
	r := mustDefault(t, "")
	for _, c := range []struct{ name, want string }{
		{"Calif.", "loc:california"}, {"Calif", "loc:california"}, {"Fla", "loc:florida"},
		{"N.Y.", "loc:new-york"}, {"Ill", "loc:illinois"}, {"Pa", "loc:pennsylvania"},
		{"U.S", "loc:united-states"}, {"LA", "loc:la"},
	} {
		if got := r.Resolve(Location, c.name, nil).ID; got != c.want {
			t.Errorf("Resolve(LOC, %q) = %s, want %s", c.name, got, c.want)
		}
	}
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	// Every place's own name resolves to a place of that name.
	for k, es := range g.byName {
		for _, e := range es {
			if e.curated || e.typ != Location || nameKey(e.name) == k {
				continue
			}
			for _, o := range es {
				if o != e && !o.curated && o.typ == Location && nameKey(o.name) == k {
					t.Errorf("%q is the name of %q and an alternate name of %q", k, o.name, e.name)
				}
			}
		}
	}
}
