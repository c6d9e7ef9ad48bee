package resolve

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// testNamer keys names like package graph (type prefix, lower-case words
// joined by hyphens); listed names and split pairs are given.
type testNamer struct {
	listed map[string]bool
	splits map[[2]string]bool
}

func (n testNamer) Key(typ, name string) string {
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == ' ' || r == '.' || r == '\'' })
	return graph.Prefix(typ) + ":" + strings.Join(f, "-")
}
func (n testNamer) Listed(typ, name string) bool { return n.listed[name] }
func (n testNamer) Forbids(a, b string) bool {
	return n.splits[[2]string{a, b}] || n.splits[[2]string{b, a}]
}

func loc(key, typ, name string, mentions int, aliases ...string) Local {
	return Local{Key: key, Type: typ, Name: name, Aliases: aliases, Mentions: mentions}
}

func resolveArticles(n Namer, arts map[string][]Local) *Mapping {
	t := NewTable(n)
	for id, ls := range arts {
		t.Add(id, ls)
	}
	return t.Resolve()
}

func TestAliasEvidenceJoinsAcrossArticles(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("org:federal-widget-board", Organization, "Federal Widget Board", 2, "Fed")},
		"a2": {loc("org:fed", Organization, "Fed", 3)},
		"a3": {loc("org:fed", Organization, "Fed", 1)},
	})
	got := m.Of("org:fed", Organization)
	if got.ID != "org:federal-widget-board" || got.Rule != "alias" || got.Article != "a1" {
		t.Errorf("Fed = %+v, want the board by alias evidence of a1", got)
	}
	if got.Name != "Federal Widget Board" {
		t.Errorf("display name %q, want the board's own name", got.Name)
	}
	if ev := m.Evidence("org:federal-widget-board"); len(ev) != 1 || !strings.Contains(ev[0], "alias") {
		t.Errorf("evidence %v", ev)
	}
}

func TestSurnameJoinsOnlyOneFullName(t *testing.T) {
	one := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("person:paula-vecker", Person, "Paula Vecker", 2)},
		"a2": {loc("person:vecker", Person, "Vecker", 1)},
	})
	if got := one.Of("person:vecker", Person).ID; got != "person:paula-vecker" {
		t.Errorf("lone surname with one full name: %s", got)
	}
	two := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("person:jim-bakerson", Person, "Jim Bakerson", 2)},
		"a2": {loc("person:hal-bakerson", Person, "Hal Bakerson", 2)},
		"a3": {loc("person:bakerson", Person, "Bakerson", 1)},
	})
	if got := two.Of("person:bakerson", Person).ID; got != "person:bakerson" {
		t.Errorf("lone surname with two full names joined %s", got)
	}
	// A first name alone is not a surname.
	first := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("person:tomas-quell", Person, "Tomas Quell", 2, "Tomas")},
		"a2": {loc("person:tomas", Person, "Tomas", 1)},
	})
	if got := first.Of("person:tomas", Person).ID; got != "person:tomas" {
		t.Errorf("first name joined %s", got)
	}
}

func TestTypeFromAllMentions(t *testing.T) {
	m := resolveArticles(testNamer{listed: map[string]bool{"Leicesterton": true}}, map[string][]Local{
		"a1": {loc("org:zentrix", Organization, "Zentrix", 3), loc("org:leicesterton", Organization, "Leicesterton", 2)},
		"a2": {loc("loc:zentrix", Location, "Zentrix", 1), loc("loc:leicesterton", Location, "Leicesterton", 4)},
	})
	if got := m.Of("loc:zentrix", Location); got.ID != "org:zentrix" || got.Type != Organization {
		t.Errorf("Zentrix = %+v, want one ORG", got)
	}
	if got := m.Of("org:leicesterton", Organization).ID; got != "org:leicesterton" {
		t.Errorf("a listed place and its club were merged: %s", got)
	}
}

func TestListedAndSplitNeverJoin(t *testing.T) {
	arts := map[string][]Local{
		"a1": {loc("org:united-example-league", Organization, "United Example League", 2, "UEL")},
		"a2": {loc("org:uel", Organization, "UEL", 2)},
	}
	if got := resolveArticles(testNamer{listed: map[string]bool{"UEL": true}}, arts).Of("org:uel", Organization).ID; got != "org:uel" {
		t.Errorf("listed key joined %s", got)
	}
	split := testNamer{splits: map[[2]string]bool{{"UEL", "United Example League"}: true}}
	if got := resolveArticles(split, arts).Of("org:uel", Organization).ID; got != "org:uel" {
		t.Errorf("split rule ignored: %s", got)
	}
}

func TestDisplayNameWellFormed(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("org:treasury-office", Organization, "TREASURY OFFICE", 1)},
		"a2": {loc("org:treasury-office", Organization, "TREASURY OFFICE", 1)},
		"a3": {loc("org:treasury-office", Organization, "Treasury Office", 1)},
		"a4": {loc("org:farm-department", Organization, "U.S. FArm Department", 1)},
		"a5": {loc("org:farm-department", Organization, "U.S. Farm Department", 1)},
	})
	if got := m.Of("org:treasury-office", "").Name; got != "Treasury Office" {
		t.Errorf("name %q, want the well-formed one", got)
	}
	if got := m.Of("org:farm-department", "").Name; got != "U.S. Farm Department" {
		t.Errorf("name %q, want the well-formed one", got)
	}
}

// The mapping is a function of the set of articles: any order of Add.
func TestOrderIndependent(t *testing.T) {
	arts := []struct {
		id string
		ls []Local
	}{
		{"a1", []Local{loc("org:federal-widget-board", Organization, "Federal Widget Board", 2, "FWB"), loc("person:paula-vecker", Person, "Paula Vecker", 1, "Vecker")}},
		{"a2", []Local{loc("org:fwb", Organization, "FWB", 1), loc("person:vecker", Person, "Vecker", 2)}},
		{"a3", []Local{loc("loc:zentrix", Location, "Zentrix", 1), loc("org:fwb", Organization, "FWB", 1)}},
		{"a4", []Local{loc("org:zentrix", Organization, "ZENTRIX", 2), loc("person:hal-vecker", Person, "Hal Vecker", 1)}},
	}
	render := func(m *Mapping) string {
		var b strings.Builder
		m.Keys(func(k string, id Identity) {
			b.WriteString(k + "=" + id.ID + "/" + id.Type + "/" + id.Name + "/" + id.Rule + "/" + id.Article + "\n")
		})
		return b.String()
	}
	var want string
	for i := 0; i < 20; i++ {
		tb := NewTable(testNamer{})
		for _, j := range rand.Perm(len(arts)) {
			tb.Add(arts[j].id, arts[j].ls)
		}
		got := render(tb.Resolve())
		if i == 0 {
			want = got
		} else if got != want {
			t.Fatalf("order changed the mapping:\n%s\nvs\n%s", got, want)
		}
	}
}

func TestAcronym(t *testing.T) {
	for name, want := range map[string]string{
		"General Widgets Corp":                "GW",
		"Bank of Example":                     "BE",
		"International Business Example Corp": "IBE",
		"Acme":                                "",
		"the foo bar":                         "",
	} {
		if got := acronym(name); got != want {
			t.Errorf("acronym(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestHonorificAndInitialClaims(t *testing.T) {
	n := testNamer{}
	m := resolveArticles(n, map[string][]Local{
		"a1": {loc("person:mark-calloway", Person, "Mark Calloway", 3)},
		"a2": {loc("person:mark-calloway", Person, "Mark Calloway", 2)},
		"a3": {loc("person:calloway", Person, "Calloway", 2)},
		"a4": {loc("person:mrs-calloway", Person, "Mrs Calloway", 2)},
		"a5": {loc("person:m-calloway", Person, "M Calloway", 1)},
		"a6": {loc("person:ann-pellow", Person, "Ann Pellow", 2)},
		"a7": {loc("person:ms-pellow", Person, "Ms Pellow", 1)},
	})
	for key, want := range map[string]string{
		"person:calloway":     "person:mark-calloway", // a bare surname: the one full name
		"person:m-calloway":   "person:mark-calloway", // an initial
		"person:mrs-calloway": "person:mrs-calloway",  // a woman's honorific: not Mark
		"person:ms-pellow":    "person:ann-pellow",
	} {
		if got := m.Of(key, Person).ID; got != want {
			t.Errorf("%s → %s, want %s (%+v)", key, got, want, m.Of(key, Person))
		}
	}
}

func TestAcronymBeatsUnitsOfIt(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("org:zt", Organization, "ZT", 5)},
		"a2": {loc("org:zt", Organization, "ZT", 5)},
		"a3": {loc("org:zt-retail", Organization, "ZT Retail", 2)},
		"a4": {loc("org:zt-retail", Organization, "ZT Retail", 2), loc("org:zt-wholesale", Organization, "ZT Wholesale", 1)},
		"a5": {loc("org:zeta-telecom", Organization, "Zeta Telecom", 2, "ZT")},
	})
	if got := m.Of("org:zt", Organization).ID; got != "org:zeta-telecom" {
		t.Errorf("org:zt → %s, want org:zeta-telecom (its units do not rival the name it stands for)", got)
	}
	if got := m.Of("org:zt-retail", Organization).ID; got != "org:zt-retail" {
		t.Errorf("org:zt-retail → %s, want itself", got)
	}
}

func TestCondemnedNames(t *testing.T) {
	not := func(name string) Local {
		return Local{Type: Organization, Name: name, NotEntity: "title of a work"}
	}
	arts := map[string][]Local{
		"a1": {loc("org:glass-harbour", Organization, "Glass Harbour", 3), loc("person:rock", Person, "Rock", 1)},
		"a2": {loc("loc:glass-harbour", Location, "Glass Harbour", 1)},
		"a3": {not("Glass Harbour"), loc("person:dee-rock", Person, "Dee Rock", 2)},
		"a4": {not("Glass Harbour"), loc("person:glass-harbour", Person, "Glass Harbour", 1)},
		"a5": {not("Lone Film"), loc("org:listed-town", Organization, "Listed Town", 1)},
		"a6": {not("Listed Town"), not("Listed Town")},
		"a7": {not("Listed Town")},
	}
	m := resolveArticles(testNamer{listed: map[string]bool{"Listed Town": true}}, arts)
	for _, k := range []string{"org:glass-harbour", "loc:glass-harbour", "person:glass-harbour"} {
		if x := m.Of(k, Organization); x.ID != "" || x.Rule != "title of a work" || x.Article != "a3" {
			t.Errorf("%s → %+v, want dropped as a title of a work (a3)", k, x)
		}
	}
	if got := m.Of("org:listed-town", Organization).ID; got != "org:listed-town" {
		t.Errorf("a listed name was dropped: %q", got)
	}
	if got := m.Of("person:rock", Person).ID; got != "person:dee-rock" {
		t.Errorf("person:rock → %s, want person:dee-rock (a dropped key claims nothing)", got)
	}
	// Condemned by one article of many: it stays, and is disputed.
	for i := range 30 {
		arts[fmt.Sprintf("b%02d", i)] = []Local{loc("org:glass-harbour", Organization, "Glass Harbour", 1)}
	}
	m = resolveArticles(testNamer{}, arts)
	if got := m.Of("org:glass-harbour", Organization).ID; got != "org:glass-harbour" || !m.Disputed("org:glass-harbour") {
		t.Errorf("org:glass-harbour → %q (disputed %v), want kept and disputed", got, m.Disputed("org:glass-harbour"))
	}
}

// One group joins one other group a round: a lone name typed PERSON and ORG
// (one entity by type) must not carry a person and a company into one.
func TestNoChainThroughLoneName(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("org:quorn", Organization, "Quorn", 12)},
		"a2": {loc("org:quorn", Organization, "Quorn", 10)},
		"a3": {loc("person:quorn", Person, "Quorn", 2)},
		"a4": {loc("person:al-quorn", Person, "Al Quorn", 3)},
		"a5": {loc("org:quorn-holdings", Organization, "Quorn Holdings", 2)},
		"a6": {loc("org:quorn-holdings", Organization, "Quorn Holdings", 2)},
	})
	if a, b := m.Of("person:al-quorn", Person).ID, m.Of("org:quorn-holdings", Organization).ID; a == b {
		t.Errorf("a person and a company became one entity %s", a)
	}
}
