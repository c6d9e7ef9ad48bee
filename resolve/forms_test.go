package resolve

import "testing"

func TestForms(t *testing.T) {
	for slug, want := range map[string]string{
		"widget-party": "widget", "lib-dems": "lib-dem", "tories": "tory", "world-trade-organisation": "world-trade-organization",
		"press": "press", "status": "status", "bus": "bus",
		"us-department-of-widgets": "us-widgets-department", "ministry-of-trade-and-industry": "trade-and-industry-ministry",
		"department-of": "department-of",
	} {
		if got := formOf(slug); got != want {
			t.Errorf("formOf(%q) = %q, want %q", slug, got, want)
		}
	}
	for _, c := range []struct {
		short, long string
		want        bool
	}{
		{"Lib Dem", "Liberal Democrat", true}, {"Man Utd", "Manchester United", true},
		{"Liberal Democrat", "Liberal Democrat", false}, {"Lab Dem", "Liberal Democrat", false}, {"Acme", "Acme Corp", false},
	} {
		if got := abbreviates(c.short, c.long); got != c.want {
			t.Errorf("abbreviates(%q, %q) = %v", c.short, c.long, got)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Rafa Benitez", "Rafael Benitez", true}, {"Costas Kenteris", "Kostas Kenteris", true},
		{"George Bush", "George W Bush", true}, {"Jim Bakerson", "Hal Bakerson", false},
		{"George H Bush", "George W Bush", false}, {"Donald Regan", "Ronald Regan", false},
		{"G Henson", "Gareth Henson", true}, {"G. Henson", "Hal Henson", false},
	} {
		if got := variant(c.a, c.b); got != c.want {
			t.Errorf("variant(%q, %q) = %v", c.a, c.b, got)
		}
	}
	got := shortForms("House of Lords")
	if len(got) != 1 || got[0] != "House" {
		t.Errorf("shortForms = %q", got)
	}
	for name, want := range map[string]string{"Hall of Wardens": "Wardens", "Ministry of Widgets": "Widgets",
		"Ministry of Industry": "", "Court of Appeals": "Appeals", "Hall of Glass": "", "Bank of Ruritania": "", "Hall of the Wardens": ""} {
		if got := ofTail(name); got != want {
			t.Errorf("ofTail(%q) = %q, want %q", name, got, want)
		}
	}
	if acronym("UK Widget Party") != "UKWP" {
		t.Errorf("acronym keeps a short acronym whole: %q", acronym("UK Widget Party"))
	}
}

func TestShortFormAndVariantJoin(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("org:blackwater-rovers", Organization, "Blackwater Rovers", 3), loc("person:kostas-quentaris", Person, "Kostas Quentaris", 3)},
		"a2": {loc("org:blackwater-rovers", Organization, "Blackwater Rovers", 3), loc("person:kostas-quentaris", Person, "Kostas Quentaris", 1)},
		"a3": {loc("org:blackwater", Organization, "Blackwater", 1), loc("person:costas-quentaris", Person, "Costas Quentaris", 1)},
		"a4": {loc("loc:quentaris", Location, "Quentaris", 1)},
	})
	if got := m.Of("org:blackwater", Organization).ID; got != "org:blackwater-rovers" {
		t.Errorf("short form: %s", got)
	}
	if got := m.Of("person:costas-quentaris", Person).ID; got != "person:kostas-quentaris" {
		t.Errorf("variant: %s", got)
	}
	if got := m.Of("loc:quentaris", Location); got.ID != "person:kostas-quentaris" || got.Type != Person {
		t.Errorf("a surname typed LOC: %+v", got)
	}
}
