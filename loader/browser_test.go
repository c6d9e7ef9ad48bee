package loader

import (
	"strings"
	"testing"
)

// TestBrowserURL: the Browser URL comes from the Bolt URI's host, with the
// HTTP(S) default port; a moved Bolt port or a URI without a host is said,
// not hidden.
func TestBrowserURL(t *testing.T) {
	for _, c := range []struct {
		uri, browser, note string // note: a word the note must hold ("" none)
	}{
		{"bolt://localhost:7687", "http://localhost:7474/browser/", ""},
		{"bolt://localhost", "http://localhost:7474/browser/", ""},
		{"neo4j://db.example.org:7687", "http://db.example.org:7474/browser/", ""},
		{"neo4j+s://db.example.org", "https://db.example.org:7473/browser/", ""},
		{"bolt+ssc://10.0.0.5:7687", "https://10.0.0.5:7473/browser/", ""},
		{"bolt://[::1]:7687", "http://[::1]:7474/browser/", ""},
		{"bolt://graph.internal:17687", "http://graph.internal:7474/browser/", "17687"},
		{"bolt://user:pw@graph.internal:7697", "http://graph.internal:7474/browser/", "guess"},
		{"localhost:7687", "", "cannot be told"},
		{"", "", "no host"},
		{"http://localhost:7474", "", "not a Bolt scheme"},
	} {
		b, n := BrowserURL(c.uri)
		if b != c.browser {
			t.Errorf("BrowserURL(%q) = %q, want %q", c.uri, b, c.browser)
		}
		if (c.note == "") != (n == "") || !strings.Contains(n, c.note) {
			t.Errorf("BrowserURL(%q) note %q, want one with %q", c.uri, n, c.note)
		}
		if strings.Contains(n, "pw") {
			t.Errorf("BrowserURL(%q) note shows the password: %q", c.uri, n)
		}
	}
}

// TestExamples: the example queries name the entities given, quote them as
// Cypher strings, and are left out when there is nothing to name.
func TestExamples(t *testing.T) {
	if ex := (Highlights{}).Examples(5); len(ex) != 0 {
		t.Errorf("examples for an empty graph: %v", ex)
	}
	h := Highlights{
		Mentioned: []Named{{ID: "loc:o'hara-field", Name: "O'Hara Field", Label: "Location", Count: 9}, {ID: "org:x", Name: "X", Count: 3}},
		Discussed: &Named{ID: `org:back\slash`, Name: "Backslash Ltd", Count: 4},
	}
	ex := h.Examples(0)
	all := ""
	for _, e := range ex {
		all += e.What + "\n" + e.Cypher + "\n"
	}
	for _, want := range []string{"O'Hara Field, X", `{id: 'loc:o\'hara-field'}`, `{id: 'org:back\\slash'}`, "Backslash Ltd (4 statements)"} {
		if !strings.Contains(all, want) {
			t.Errorf("examples lack %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "SAID_ABOUT]->") {
		t.Errorf("a said-about example without SAID_ABOUT edges:\n%s", all)
	}
	if len(ex) != 3 {
		t.Errorf("%d examples, want 3 (mentioned, said about the discussed one, neighbourhood)", len(ex))
	}
}
