package resolve

import "testing"

// Guards against joins that the corpus evidence does not carry: a band
// that shares a footballer's surname, a company named after a family, an
// initial that two full names share, one-word plurals, a company's ticker
// that spells a public body's initials. Names are invented.

func TestBandKeepsItsNameBesideAFootballersSurname(t *testing.T) {
	arts := map[string][]Local{
		"f1": {loc("person:ray-quorne", Person, "Ray Quorne", 2, "Quorne")},
		"f2": {loc("person:ray-quorne", Person, "Ray Quorne", 1), loc("person:quorne", Person, "Quorne", 2)},
		"f3": {loc("person:robin-quorne", Person, "Robin Quorne", 2)},
		"f4": {loc("person:quorne", Person, "Quorne", 1)},
	}
	inArticles(arts, "m", 8, loc("org:quorne", Organization, "Quorne", 2)) // the band, typed ORG in most articles
	m := resolveArticles(testNamer{}, arts)
	if band, ray := m.Of("org:quorne", Organization), m.Of("person:ray-quorne", Person); band.ID == ray.ID {
		t.Errorf("the band joined the footballer: %+v", band)
	}
	if ray := m.Of("person:ray-quorne", Person); ray.Type != Person {
		t.Errorf("Ray Quorne typed %s", ray.Type)
	}
	// Alone, with one footballer: the band is named in more articles than
	// he and his surname together, so it is not his surname mistyped.
	delete(arts, "f3")
	m = resolveArticles(testNamer{}, arts)
	if band, ray := m.Of("org:quorne", Organization), m.Of("person:ray-quorne", Person); band.ID == ray.ID {
		t.Errorf("the band joined the only footballer: %+v", band)
	}
}

func TestSurnameTypedOrgStillJoinsWhenRare(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("person:pavel-vlecker", Person, "Pavel Vlecker", 2)},
		"a2": {loc("person:pavel-vlecker", Person, "Pavel Vlecker", 1)},
		"a3": {loc("person:pavel-vlecker", Person, "Pavel Vlecker", 1)},
		"a4": {loc("org:vlecker", Organization, "Vlecker", 1)},
	})
	if got := m.Of("org:vlecker", Organization).ID; got != "person:pavel-vlecker" {
		t.Errorf("mistyped surname: %s", got)
	}
}

func TestCompanyWithLegalFormIsNoSurname(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("person:baron-hollis", Person, "Baron Hollis", 2)},
		"a2": {loc("person:baron-hollis", Person, "Baron Hollis", 1)},
		"a3": {loc("person:baron-hollis", Person, "Baron Hollis", 1)},
		"a4": {loc("org:hollis", Organization, "Hollis Corp", 1)},
		"a5": {loc("org:hollis", Organization, "Hollis", 1)},
	})
	if got := m.Of("org:hollis", Organization).ID; got != "org:hollis" {
		t.Errorf("a company written with a legal form joined %s", got)
	}
	m = resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("person:lew-mabry", Person, "Lew Mabry", 2)},
		"a2": {loc("person:lew-mabry", Person, "Lew Mabry", 1)},
		"a3": {loc("person:lew-mabry", Person, "Lew Mabry", 1)},
		"a4": {loc("org:mabry", Organization, "Mabry's", 1)},
		"a5": {loc("org:mabry", Organization, "Mabry's", 1)},
	})
	if got := m.Of("org:mabry", Organization).ID; got != "org:mabry" {
		t.Errorf("a firm always written with a possessive joined %s", got)
	}
}

func TestInitialJoinsNoneOfTwoFullNames(t *testing.T) {
	arts := map[string][]Local{
		"a1": {loc("person:stan-jorvik", Person, "Stan Jorvik", 1)},
		"a2": {loc("person:sid-jorvik", Person, "Sid Jorvik", 1)},
	}
	inArticles(arts, "p", 3, loc("person:s-jorvik", Person, "S Jorvik", 1)) // the initial form is the most frequent
	m := resolveArticles(testNamer{}, arts)
	stan, sid := m.Of("person:stan-jorvik", Person).ID, m.Of("person:sid-jorvik", Person).ID
	if stan == sid {
		t.Errorf("Stan and Sid Jorvik are one: %s", stan)
	}
	if s := m.Of("person:s-jorvik", Person).ID; s == stan || s == sid {
		t.Errorf("S Jorvik joined %s with two full names to choose from", s)
	}
	// One full name: it claims its initial form, however rare it is.
	delete(arts, "a2")
	m = resolveArticles(testNamer{}, arts)
	if s := m.Of("person:s-jorvik", Person).ID; s != "person:stan-jorvik" {
		t.Errorf("S Jorvik = %s, want Stan Jorvik", s)
	}
	if n := m.Of("person:s-jorvik", Person).Name; n != "Stan Jorvik" {
		t.Errorf("display name %q", n)
	}
}

func TestOneWordPluralsStayApart(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("org:tide", Organization, "Tide", 1)},
		"a2": {loc("org:tides", Organization, "Tides", 1)},
		"a3": {loc("org:greens", Organization, "Greens", 1)},
		"a4": {loc("org:green", Organization, "Green", 1)},
		"a5": {loc("org:green-party", Organization, "Green Party", 1)},
	})
	if a, b := m.Of("org:tide", Organization).ID, m.Of("org:tides", Organization).ID; a == b {
		t.Errorf("Tide and Tides are one: %s", a)
	}
	if a, b := m.Of("org:greens", Organization).ID, m.Of("org:green-party", Organization).ID; a != b {
		t.Errorf("Greens %s, Green Party %s: a party's plural beside its full name is the party", a, b)
	}
}

func TestTickerCompanyIsNoAcronymOfABody(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("org:national-office-of-tariffs", Organization, "National Office of Tariffs", 1)},
		"a2": {loc("org:national-office-of-tariffs", Organization, "National Office of Tariffs", 1)},
		"a3": {loc("org:not", Organization, "NOT Inc", 1)},
		"a4": {loc("org:not", Organization, "NOT", 1)},
	})
	if got := m.Of("org:not", Organization).ID; got != "org:not" {
		t.Errorf("the company joined %s", got)
	}
}

func TestClippedNameInOneArticle(t *testing.T) {
	m := resolveArticles(testNamer{}, map[string][]Local{
		"a1": {loc("org:quartonic-grain-board", Organization, "Quartonic Grain Board", 1), loc("org:quart", Organization, "Quart", 2)},
		"a2": {loc("org:quart", Organization, "Quart", 3)},
		// a word of its own before a suffix, and a second word, are no clippings
		"a3": {loc("org:western-union-bank", Organization, "Western Union Bank", 1), loc("org:west", Organization, "West", 1)},
		"a4": {loc("org:plumworld-expo", Organization, "PlumWorld Expo", 1), loc("org:plum", Organization, "Plum", 1)},
		"a5": {loc("org:interstate-widget-fund", Organization, "Interstate Widget Fund", 1), loc("org:inter", Organization, "Inter", 1)},
	})
	if got := m.Of("org:quart", Organization); got.ID != "org:quartonic-grain-board" || got.Article != "a1" || got.Rule != "clipping" {
		t.Errorf("Quart = %+v", got)
	}
	if got := m.Of("org:west", Organization).ID; got != "org:west" {
		t.Errorf("West joined %s", got)
	}
	if got := m.Of("org:plum", Organization).ID; got != "org:plum" {
		t.Errorf("Plum joined %s", got)
	}
	if got := m.Of("org:inter", Organization).ID; got != "org:inter" {
		t.Errorf("Inter joined %s", got)
	}
}

func TestUnitsOfTheClaimantAreNoRivals(t *testing.T) {
	arts := map[string][]Local{}
	inArticles(arts, "m", 6, loc("org:brisk-motor", Organization, "Brisk Motor Co", 1))
	inArticles(arts, "c", 2, loc("org:brisk-motor-credit", Organization, "Brisk Motor Credit Co", 1))
	inArticles(arts, "s", 5, loc("org:brisk", Organization, "Brisk", 1))
	m := resolveArticles(testNamer{}, arts)
	if got := m.Of("org:brisk", Organization).ID; got != "org:brisk-motor" {
		t.Errorf("Brisk = %s, want Brisk Motor", got)
	}
	if got := m.Of("org:brisk-motor-credit", Organization).ID; got != "org:brisk-motor-credit" {
		t.Errorf("the credit unit joined %s", got)
	}
}

func TestCommonWordHeadHasRivalsInNamesItEnds(t *testing.T) {
	arts := map[string][]Local{}
	// "Union" begins one body's name and ends several clubs' names: alone
	// it is no short form of the body.
	inArticles(arts, "b", 6, loc("org:union-of-nations", Organization, "Union of Nations", 1))
	inArticles(arts, "c", 3, loc("org:harbourton-union", Organization, "Harbourton Union", 1))
	inArticles(arts, "d", 3, loc("org:millbrook-union", Organization, "Millbrook Union", 1))
	inArticles(arts, "u", 4, loc("org:union", Organization, "Union", 1))
	// A rare word ends a unit's name and stays the short form of its firm.
	inArticles(arts, "e", 6, loc("org:zortex-motor", Organization, "Zortex Motor", 1))
	inArticles(arts, "f", 3, loc("org:nordic-zortex", Organization, "Nordic Zortex", 1))
	inArticles(arts, "z", 4, loc("org:zortex", Organization, "Zortex", 1))
	m := resolveArticles(testNamer{}, arts)
	if got := m.Of("org:union", Organization).ID; got != "org:union" {
		t.Errorf("Union joined %s", got)
	}
	if got := m.Of("org:zortex", Organization).ID; got != "org:zortex-motor" {
		t.Errorf("Zortex = %s, want Zortex Motor", got)
	}
}

// placeNamer lists the places of the place-part tests.
type placeNamer struct{ testNamer }

func (placeNamer) Listed(typ, name string) bool {
	return typ == Location && (name == "Harbourton" || name == "Millbrook")
}

func TestPlaceQualifiedNameWithoutItsPlace(t *testing.T) {
	m := resolveArticles(placeNamer{}, map[string][]Local{
		"a1": {loc("org:harbourton-rovers", Organization, "Harbourton Rovers", 1), loc("org:rovers", Organization, "Rovers", 3)},
		"a2": {loc("org:rovers", Organization, "Rovers", 2)},
		"a3": {loc("org:rovers", Organization, "Rovers", 2)},
		// the place alone is no evidence: an article on the club may
		// quote the town's newspaper
		"a4": {loc("org:millbrook-courier", Organization, "Millbrook Courier", 1), loc("org:millbrook", Organization, "Millbrook", 2)},
		"a5": {loc("org:millbrook", Organization, "Millbrook", 2)},
		// a firm's name that begins other names, after a place, is the
		// firm's unit there
		"a6": {loc("org:harbourton-quillco", Organization, "Harbourton Quillco", 1), loc("org:quillco", Organization, "Quillco", 2)},
		"a7": {loc("org:quillco-bank", Organization, "Quillco Bank", 1)},
		"a8": {loc("org:quillco-trust", Organization, "Quillco Trust", 1)},
		"a9": {loc("org:quillco", Organization, "Quillco", 1)},
	})
	if got := m.Of("org:rovers", Organization); got.ID != "org:harbourton-rovers" || got.Article != "a1" || got.Rule != "place part" {
		t.Errorf("Rovers = %+v, want Harbourton Rovers by a1", got)
	}
	if got := m.Of("org:millbrook", Organization).ID; got != "org:millbrook" {
		t.Errorf("Millbrook joined %s", got)
	}
	if got := m.Of("org:quillco", Organization).ID; got == "org:harbourton-quillco" {
		t.Errorf("Quillco joined its Harbourton unit")
	}
}

func TestFrequentHeadNamesItsRareUnit(t *testing.T) {
	arts := map[string][]Local{"t": {loc("org:vell-army-test-range", Organization, "Vell Army Test Range", 1)}}
	inArticles(arts, "v", 4, loc("org:vell-army", Organization, "Vell Army", 1))
	m := resolveArticles(testNamer{}, arts)
	got := m.Of("org:vell-army", Organization)
	if got.ID != m.Of("org:vell-army-test-range", Organization).ID {
		t.Fatalf("the head did not join: %+v", got)
	}
	if got.Name != "Vell Army" || got.ID != "org:vell-army" {
		t.Errorf("entity %s named %q, want the frequent head", got.ID, got.Name)
	}
}

func TestOneWordDoesNotJoinTwoFullNames(t *testing.T) {
	arts := map[string][]Local{}
	inArticles(arts, "d", 8, loc("org:verdant-democratic-party", Organization, "Verdant Democratic Party", 1))
	inArticles(arts, "p", 2, loc("org:verdant-party", Organization, "Verdant Party", 1))
	inArticles(arts, "v", 3, loc("org:verdant", Organization, "Verdant", 1))
	m := resolveArticles(testNamer{}, arts)
	if got, vp := m.Of("org:verdant", Organization).ID, m.Of("org:verdant-party", Organization).ID; got != vp {
		t.Errorf("Verdant %s, Verdant Party %s: one form", got, vp)
	}
	if got := m.Of("org:verdant-party", Organization).ID; got == "org:verdant-democratic-party" {
		t.Errorf("the Verdant Party joined the Verdant Democratic Party through 'Verdant'")
	}
}

func TestCompanyIsNoTailOfALongerName(t *testing.T) {
	arts := map[string][]Local{}
	// "Pacific Widget Airways" and "Widget Airways Inc" are two airlines.
	inArticles(arts, "p", 6, loc("org:pacific-widget-airways", Organization, "Pacific Widget Airways", 1))
	inArticles(arts, "w", 2, loc("org:widget-airways", Organization, "Widget Airways Inc", 1))
	inArticles(arts, "x", 1, loc("org:widget-airways", Organization, "Widget Airways", 1))
	m := resolveArticles(testNamer{}, arts)
	if got := m.Of("org:widget-airways", Organization).ID; got != "org:widget-airways" {
		t.Errorf("Widget Airways Inc joined %s", got)
	}
	if qualifies("org:nv-widget-lamps", "org:widget-lamps") {
		t.Errorf("a legal form before a name qualifies it")
	}
}

// inArticles puts l alone in n articles, named prefix+"a", prefix+"b", ...
func inArticles(arts map[string][]Local, prefix string, n int, l Local) {
	for i := range n {
		arts[prefix+string(rune('a'+i))] = []Local{l}
	}
}
