package resolve

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner"
)

// An article with a person holding a title and the organizations it names,
// each in the sentences given.
func roleArticle(person, role string, orgs map[string][]int) []Local {
	ls := []Local{{Key: "person:" + strings.ToLower(strings.ReplaceAll(person, " ", "-")), Type: Person, Name: person,
		Roles: []string{role}, Mentions: 1, Sentences: []int{0}}}
	for name, sents := range orgs {
		ls = append(ls, Local{Key: testNamer{}.Key(Organization, name), Type: Organization, Name: name, Mentions: len(sents), Sentences: sents})
	}
	return ls
}

func TestParseRole(t *testing.T) {
	for role, want := range map[string]string{
		"Whig leader":                       "Whig/leader",
		"the Whig Party leader":             "Whig Party/leader",
		"Quayside boss":                     "Quayside/manager",
		"Quayside's manager":                "Quayside/manager",
		"Widgetco chief executive":          "Widgetco/chief executive",
		"Widgetco chief executive officer":  "Widgetco/chief executive",
		"Widgetco CEO":                      "Widgetco/chief executive",
		"former Whig leader":                "",
		"Former Whig leader":                "",
		"ex-Whig leader":                    "",
		"Whig deputy leader":                "",
		"Whig Deputy Leader":                "",
		"Acting Whig chairman":              "",
		"shadow Whig leader":                "",
		"Whig party leader":                 "",
		"Ruritanian Prime Minister":         "",
		"Quayside assistant manager":        "",
		"then Quayside coach":               "",
		"leader":                            "",
		"Whig President":                    "",
		"Widgetco Holdings executive chair": "",
	} {
		org, class, ok := parseRole(role)
		got := ""
		if ok {
			got = org + "/" + class
		}
		if got != want {
			t.Errorf("parseRole(%q) = %q, want %q", role, got, want)
		}
	}
}

// The join: "Bluecoats leader Dana Quill" in some articles, "Azure Party leader
// Dana Quill" in others, never side by side.
func whigArticles() map[string][]Local {
	return map[string][]Local{
		"a1": roleArticle("Dana Quill", "Bluecoats leader", map[string][]int{"Bluecoats": {0, 2}}),
		"a2": roleArticle("Dana Quill", "Bluecoats leader", map[string][]int{"Bluecoats": {0}}),
		"a3": roleArticle("Dana Quill", "Bluecoats leader", map[string][]int{"Bluecoats": {0}, "Reds": {3}}),
		"a4": roleArticle("Dana Quill", "Azure Party leader", map[string][]int{"Azure Party": {0}}),
		"a5": roleArticle("Dana Quill", "Azure Party leader", map[string][]int{"Azure Party": {0, 1}}),
		"a6": roleArticle("Ivo Reed", "Reds leader", map[string][]int{"Reds": {0}}),
	}
}

func TestRoleHolderJoins(t *testing.T) {
	m := resolveArticles(testNamer{}, whigArticles())
	a, b := m.Of("org:bluecoats", Organization), m.Of("org:azure-party", Organization)
	if a.ID != b.ID {
		t.Fatalf("Bluecoats %s and Azure Party %s not joined", a.ID, b.ID)
	}
	x := b
	if x.Rule == "" {
		x = a
	}
	if !strings.HasPrefix(x.Rule, "role (leader: Dana Quill)") || (x.Article != "a1" && x.Article != "a4") {
		t.Errorf("evidence %+v", x)
	}
	ev := m.Evidence(a.ID)
	if len(ev) != 1 || !strings.Contains(ev[0], "role (leader: Dana Quill), as ") || !strings.Contains(ev[0], "(article a") {
		t.Errorf("Evidence = %v", ev)
	}
	if r := m.Of("org:reds", Organization).ID; r == a.ID {
		t.Errorf("Reds joined the Bluecoats")
	}
	// The same mapping whatever the order of the articles.
	arts := whigArticles()
	ids := make([]string, 0, len(arts))
	for id := range arts {
		ids = append(ids, id)
	}
	for i := 0; i < 10; i++ {
		rand.Shuffle(len(ids), func(p, q int) { ids[p], ids[q] = ids[q], ids[p] })
		tb := NewTable(testNamer{})
		for _, id := range ids {
			tb.Add(id, arts[id])
		}
		if got := fmt.Sprint(tb.Resolve().Evidence(a.ID)); got != fmt.Sprint(ev) {
			t.Fatalf("order %v: %s, want %v", ids, got, ev)
		}
	}
}

func TestRoleHolderDangersStayApart(t *testing.T) {
	apart := func(name string, arts map[string][]Local, a, b string) {
		t.Helper()
		m := resolveArticles(testNamer{}, arts)
		if x, y := m.Of(a, Organization).ID, m.Of(b, Organization).ID; x == y {
			t.Errorf("%s: %s and %s joined as %s (%+v)", name, a, b, x, m.Evidence(x))
		}
	}
	// One article: not enough.
	apart("one article", map[string][]Local{
		"a1": roleArticle("Dana Quill", "Bluecoats leader", map[string][]int{"Bluecoats": {0}}),
		"a2": roleArticle("Dana Quill", "Bluecoats leader", map[string][]int{"Bluecoats": {0}}),
		"a3": roleArticle("Dana Quill", "Azure Party leader", map[string][]int{"Azure Party": {0}}),
	}, "org:bluecoats", "org:azure-party")
	// A manager who moved: his old club's manager is now another man in
	// most articles, and "former Quayside manager" is no evidence.
	apart("moved", map[string][]Local{
		"a1": roleArticle("Rui Sousa", "Harbour manager", map[string][]int{"Harbour": {0}}),
		"a2": roleArticle("Rui Sousa", "Harbour boss", map[string][]int{"Harbour": {0}}),
		"a3": roleArticle("Rui Sousa", "Quayside coach", map[string][]int{"Quayside": {0}}),
		"a4": roleArticle("Rui Sousa", "Quayside coach", map[string][]int{"Quayside": {0}}),
		"a5": roleArticle("Rui Sousa", "former Quayside manager", map[string][]int{"Quayside": {0}}),
		"a6": roleArticle("Ole Brand", "Quayside manager", map[string][]int{"Quayside": {0}}),
		"a7": roleArticle("Ole Brand", "Quayside manager", map[string][]int{"Quayside": {0}}),
		"a8": roleArticle("Ole Brand", "Quayside boss", map[string][]int{"Quayside": {0}}),
	}, "org:harbour", "org:quayside")
	// A moved manager whose old club no one else leads in the corpus, but
	// one article names both clubs in a sentence ("Harbour boss Rui Sousa,
	// who won the cup with Quayside").
	apart("moved, named apart", map[string][]Local{
		"a1": roleArticle("Rui Sousa", "Harbour manager", map[string][]int{"Harbour": {0}, "Quayside": {0}}),
		"a2": roleArticle("Rui Sousa", "Harbour boss", map[string][]int{"Harbour": {0}}),
		"a3": roleArticle("Rui Sousa", "Quayside coach", map[string][]int{"Quayside": {0}}),
		"a4": roleArticle("Rui Sousa", "Quayside coach", map[string][]int{"Quayside": {0}}),
	}, "org:harbour", "org:quayside")
	// A parent and its subsidiary with one chairman, named together.
	apart("parent and subsidiary", map[string][]Local{
		"a1": roleArticle("Lena Holm", "Widgetco chairman", map[string][]int{"Widgetco": {0}}),
		"a2": roleArticle("Lena Holm", "Widgetco chairman", map[string][]int{"Widgetco": {0}, "Gizmo Labs": {0}}),
		"a3": roleArticle("Lena Holm", "Gizmo Labs chairman", map[string][]int{"Gizmo Labs": {0}}),
		"a4": roleArticle("Lena Holm", "Gizmo Labs chairman", map[string][]int{"Gizmo Labs": {0}}),
	}, "org:widgetco", "org:gizmo-labs")
	// A party leader who is prime minister: different roles, and a
	// country is no organization.
	pm := map[string][]Local{}
	for i := 0; i < 3; i++ {
		pm[fmt.Sprint("p", i)] = roleArticle("Tomas Varga", "Ruritania Prime Minister", map[string][]int{"Ruritania": {0}})
		pm[fmt.Sprint("l", i)] = roleArticle("Tomas Varga", "Ruritania leader", map[string][]int{"Ruritania": {0}})
		pm[fmt.Sprint("q", i)] = roleArticle("Tomas Varga", "Unity leader", map[string][]int{"Unity": {0}})
	}
	for k, ls := range pm {
		if strings.HasPrefix(k, "p") || strings.HasPrefix(k, "l") {
			ls[1].Key, ls[1].Type = "loc:ruritania", Location
		}
	}
	apart("prime minister and party leader", pm, "loc:ruritania", "org:unity")
	// A shadow or deputy role is another role.
	apart("shadow, deputy", map[string][]Local{
		"a1": roleArticle("Dana Quill", "Bluecoats leader", map[string][]int{"Bluecoats": {0}}),
		"a2": roleArticle("Dana Quill", "Bluecoats leader", map[string][]int{"Bluecoats": {0}}),
		"a3": roleArticle("Dana Quill", "shadow Greens leader", map[string][]int{"Greens": {0}}),
		"a4": roleArticle("Dana Quill", "Greens deputy leader", map[string][]int{"Greens": {0}}),
		"a5": roleArticle("Dana Quill", "Greens Deputy Leader", map[string][]int{"Greens": {0}}),
	}, "org:bluecoats", "org:greens")
	// A coalition and a party in it with one leader: named side by side.
	apart("coalition", map[string][]Local{
		"a1": roleArticle("Dana Quill", "Bluecoats leader", map[string][]int{"Bluecoats": {0}, "Forward Alliance": {0}}),
		"a2": roleArticle("Dana Quill", "Bluecoats leader", map[string][]int{"Bluecoats": {0}}),
		"a3": roleArticle("Dana Quill", "Forward Alliance leader", map[string][]int{"Forward Alliance": {0}}),
		"a4": roleArticle("Dana Quill", "Forward Alliance leader", map[string][]int{"Forward Alliance": {0}}),
	}, "org:bluecoats", "org:forward-alliance")
	// Two names the gazetteer or the alias file lists stay apart; a split
	// rule wins.
	arts := whigArticles()
	m := resolveArticles(testNamer{listed: map[string]bool{"Bluecoats": true, "Azure Party": true}}, arts)
	if m.Of("org:bluecoats", Organization).ID == m.Of("org:azure-party", Organization).ID {
		t.Errorf("two listed names joined")
	}
	m = resolveArticles(testNamer{splits: map[[2]string]bool{{"Bluecoats", "Azure Party"}: true}}, arts)
	if m.Of("org:bluecoats", Organization).ID == m.Of("org:azure-party", Organization).ID {
		t.Errorf("split names joined")
	}
}

// TestRoleHolderSentences runs invented articles through ner, graph and
// resolve: the titles ner finds reach the table, the right names join and
// the dangers stay apart.
func TestRoleHolderSentences(t *testing.T) {
	tagger := ner.DictTagger{"Bluecoats": "ORG", "Azure Party": "ORG", "Dana Quill": "PER", "Quill": "PER",
		"Harbour": "ORG", "Quayside": "ORG", "Rui Sousa": "PER", "Sousa": "PER", "Ole Brand": "PER",
		"Ruritania": "LOC", "Unity": "ORG", "Tomas Varga": "PER", "Varga": "PER"}
	arts := map[string]string{
		"b1": "Bluecoats leader Dana Quill said taxes would fall. Ms Quill spoke in the rain.",
		"b2": "Bluecoats leader Dana Quill visited a school. The Bluecoats want more teachers.",
		"b3": "Azure Party leader Dana Quill called an early vote. The Azure Party is ready, she said.",
		"b4": "Azure Party leader Dana Quill was cheered. Quill thanked her staff.",
		// A manager who moved: named beside his old club in one sentence.
		"h1": "Harbour boss Rui Sousa, who won the cup with Quayside, was happy. Sousa smiled.",
		"h2": "Harbour manager Rui Sousa praised his defence.",
		"h3": "Quayside coach Rui Sousa lost again.",
		"h4": "Quayside coach Rui Sousa blamed the pitch.",
		"h5": "Former Quayside manager Rui Sousa returns on Sunday.",
		// A party leader who leads a country.
		"r1": "Ruritania Prime Minister Tomas Varga arrived. Ruritania has a new budget.",
		"r2": "Ruritania Prime Minister Tomas Varga left. Varga waved.",
		"r3": "Unity leader Tomas Varga spoke. Unity won.",
		"r4": "Unity leader Tomas Varga said no. Unity lost.",
	}
	rec := ner.NewRecognizer(tagger)
	namer := graph.DefaultResolver()
	tb := NewTable(namer)
	for id, text := range arts {
		ents, _ := namer.Entities(text, rec.Recognize(text).Entities)
		tb.Add(id, DocLocals(graph.Doc{ID: id, Entities: ents}))
	}
	m := tb.Resolve()
	same := func(a, b string) bool { return m.Of(a, Organization).ID == m.Of(b, Organization).ID }
	if !same("org:bluecoats", "org:azure-party") {
		t.Errorf("Bluecoats and Azure Party apart")
	}
	if same("org:harbour", "org:quayside") {
		t.Errorf("Harbour and Quayside joined")
	}
	if same("loc:ruritania", "org:unity") {
		t.Errorf("Ruritania and Unity joined")
	}
}
