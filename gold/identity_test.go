package gold

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// ent builds an extracted entity whose mentions have the given texts.
func ent(id, typ, name string, aliases []string, texts ...string) graph.Entity {
	e := graph.Entity{ID: id, Type: typ, Name: name, Aliases: aliases}
	for _, t := range texts {
		e.Mentions = append(e.Mentions, graph.Mention{Text: t})
	}
	return e
}

// inventedAudit is a tiny audit over invented names.
func inventedAudit() *Audit {
	return &Audit{
		Groups: []AuditGroup{
			{Type: "ORG", Names: []string{"Northvale Corp", "Northvale", "NVC"}},
			{Type: "PERSON", Names: []string{"Marta Lindqvist", "Lindqvist"}},
			{Type: "LOC", Names: []string{"Port Keller"}},
			{Type: "ORG", Names: []string{"Keller Rovers", "Rovers"}},
			{Type: "ORG", Names: []string{"Dunmore"}},
			{Type: "LOC", Names: []string{"Dunmore"}},
			{Type: "ORG", Names: []string{"Halden Group"}},
			{Type: "ORG", Names: []string{"Halden Trust"}},
		},
		Apart: [][2]string{
			{"Marta Lindqvist", "Mrs Lindqvist"},
			{"ORG:Dunmore", "LOC:Dunmore"},
			{"ORG:Ashby", "LOC:Ashby"},
			{"Port Keller", "Keller Rovers"},
		},
		Junk: []string{"Golden Lantern Awards", "Zephyr"},
	}
}

// inventedExtract is three articles of an extraction with the errors the
// audit should find.
func inventedExtract() []graph.Doc {
	return []graph.Doc{
		{Entities: []graph.Entity{
			ent("org:northvale-corp", "ORG", "Northvale Corp", []string{"Northvale"}, "Northvale Corp", "Northvale", "Northvale"),
			ent("person:marta-lindqvist", "PERSON", "Marta Lindqvist", []string{"Lindqvist", "Mrs Lindqvist"}, "Marta Lindqvist", "Lindqvist"),
			ent("loc:port-keller", "LOC", "Port Keller", nil, "Port Keller"),
			ent("org:dunmore", "ORG", "Dunmore", nil, "Dunmore", "Dunmore"),
			ent("org:ashby", "ORG", "Ashby", nil, "Ashby"),
			ent("loc:ashby", "LOC", "Ashby", nil, "Ashby"),
		}},
		{Entities: []graph.Entity{
			ent("org:nvc", "ORG", "NVC", nil, "NVC", "NVC"),                       // acronym split across articles
			ent("person:lindqvist", "PERSON", "Lindqvist", nil, "Lindqvist"),      // surname fragment
			ent("loc:port-keller", "LOC", "Port Keller", nil, "Rovers", "Rovers"), // club merged into its town
			ent("org:halden-group", "ORG", "Halden Group", nil, "Halden Group"),   //
			ent("org:zephyr", "ORG", "Zephyr", nil, "Zephyr", "Zephyr", "Zephyr"), // junk
		}},
		{Entities: []graph.Entity{
			ent("loc:northvale", "LOC", "Northvale", nil, "Northvale"), // type fragment
			ent("org:halden-group", "ORG", "Halden Group", []string{"Halden Trust"}, "Halden Trust"),
			ent("org:dunmore", "ORG", "Dunmore", nil, "Dunmore"),
		}},
	}
}

func TestScoreIdentity(t *testing.T) {
	a := inventedAudit()
	if err := a.check(); err != nil {
		t.Fatal(err)
	}
	names := NewNames()
	for _, d := range inventedExtract() {
		names.AddDoc(d)
	}
	r := ScoreIdentity(a, names)

	// Northvale: "Northvale Corp" and "Northvale" on one id, "NVC" on another.
	// Lindqvist: the surname resolves to the full name's id (2 mentions there,
	// 1 on the fragment). Keller Rovers: "Rovers" on the town, the full name
	// nowhere. Dunmore ORG found, Dunmore LOC not.
	if r.Groups != 8 || r.Names != 12 || r.NamesFound != 10 {
		t.Errorf("groups %d names %d found %d, want 8 12 10 (not found: %v)", r.Groups, r.Names, r.NamesFound, r.NotFound)
	}
	if r.MultiGroups != 2 || r.Whole != 1 {
		t.Errorf("whole %d of %d, want 1 of 2 (splits %v)", r.Whole, r.MultiGroups, r.Splits)
	}
	// Pairs: Northvale 3 (1 together, 2 apart), Lindqvist 1 together.
	if r.PairsTP != 2 || r.PairsFN != 2 {
		t.Errorf("pairs tp=%d fn=%d, want 2 2", r.PairsTP, r.PairsFN)
	}
	// Mentions: Northvale main org:northvale-corp 3, fragments org:nvc 2 and
	// loc:northvale 1; Lindqvist main 2, fragment 1; Port Keller 1; Rovers
	// main loc:port-keller 2 (not a fragment of anything); Dunmore ORG 3;
	// Halden Group 1 (only its own names count); Halden Trust
	// main org:halden-group 1.
	if r.FragmentMentions != 4 {
		t.Errorf("fragment mentions %d, want 4: %v", r.FragmentMentions, r.Fragments)
	}
	if r.MainMentions != 3+2+1+2+3+1+1 {
		t.Errorf("main mentions %d, want 13", r.MainMentions)
	}
	// Keller Rovers' main id is a LOC.
	if r.TypeScored != 7 || r.TypeRight != 6 {
		t.Errorf("type right %d of %d, want 6 of 7: %v", r.TypeRight, r.TypeScored, r.TypeErrors)
	}
	// Apart: Mrs Lindqvist is an alias of Marta Lindqvist (merged); Dunmore
	// exists only as ORG (merged); Ashby has both types (apart); Port Keller
	// and Keller Rovers: "Keller Rovers" is held by no id (not scored).
	if r.Apart != 4 || r.ApartPairs != 3 || r.ApartMerged != 2 {
		t.Errorf("apart %d scored %d merged %d, want 4 3 2: %v", r.Apart, r.ApartPairs, r.ApartMerged, r.Merges)
	}
	// Halden Group and Halden Trust on one id; Port Keller and Keller Rovers
	// on one id.
	if r.GroupMerges != 2 || r.WrongMerges() != 4 {
		t.Errorf("group merges %d wrong merges %d, want 2 4: %v", r.GroupMerges, r.WrongMerges(), r.Merges)
	}
	if r.JunkHeld != 1 || r.JunkEntities != 1 || r.JunkMentions != 3 {
		t.Errorf("junk held %d entities %d mentions %d, want 1 1 3", r.JunkHeld, r.JunkEntities, r.JunkMentions)
	}
	if got := r.PairRecall(); got != 0.5 {
		t.Errorf("pair recall %v, want 0.5", got)
	}
}

func TestResolveMajorityAndAlias(t *testing.T) {
	n := NewNames()
	n.AddDoc(graph.Doc{Entities: []graph.Entity{
		ent("person:ana-brel", "PERSON", "Ana Brel", []string{"Brel"}, "Ana Brel", "Brel", "Brel"),
		ent("person:brel", "PERSON", "Brel", nil, "Brel"),
		ent("org:tovo", "ORG", "Tovo", []string{"Tovo Holdings"}, "Tovo"),
		ent("org:tovo-holdings", "ORG", "Tovo Holdings", nil),
	}})
	if got := n.resolve("brel", ""); got != "person:ana-brel" {
		t.Errorf("Brel -> %q, want the id with most Brel mentions", got)
	}
	// Neither id has a mention "Tovo Holdings": the one with more mentions wins.
	if got := n.resolve("Tovo Holdings", ""); got != "org:tovo" {
		t.Errorf("Tovo Holdings -> %q, want org:tovo", got)
	}
	if got := n.resolve("The  Tovo", ""); got != "org:tovo" {
		t.Errorf("fold: %q", got)
	}
	if got := n.resolve("Brel", "ORG"); got != "" {
		t.Errorf("typed resolve found %q", got)
	}
}

func TestScoreGraphNodes(t *testing.T) {
	n := NewNames()
	n.AddNode("org:northvale-corp", "ORG", "Northvale Corp", []string{"Northvale", "NVC"}, 10)
	n.AddNode("person:marta-lindqvist", "PERSON", "Marta Lindqvist", []string{"Lindqvist"}, 4)
	n.AddNode("person:lindqvist", "PERSON", "Lindqvist", nil, 1)
	n.AddNode("org:golden-lantern-awards", "ORG", "Golden Lantern Awards", nil, 7)
	r := ScoreIdentity(inventedAudit(), n)
	if r.MultiGroups != 2 || r.Whole != 2 || r.PairsFN != 0 {
		t.Errorf("whole %d of %d, pairs fn %d: %v", r.Whole, r.MultiGroups, r.PairsFN, r.Splits)
	}
	// The fragment node holds "Lindqvist" with its one mention.
	if r.FragmentMentions != 1 {
		t.Errorf("fragment mentions %d, want 1: %v", r.FragmentMentions, r.Fragments)
	}
	if r.JunkEntities != 1 || r.JunkMentions != 7 {
		t.Errorf("junk %d entities %d mentions, want 1 7", r.JunkEntities, r.JunkMentions)
	}
}

func TestReadExtract(t *testing.T) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for _, d := range inventedExtract() {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "x.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	fromFile := NewNames()
	n, err := fromFile.ReadExtractFile(context.Background(), path)
	if err != nil || n != 3 {
		t.Fatalf("read %d articles, %v", n, err)
	}
	direct := NewNames()
	for _, d := range inventedExtract() {
		direct.AddDoc(d)
	}
	if !reflect.DeepEqual(ScoreIdentity(inventedAudit(), fromFile), ScoreIdentity(inventedAudit(), direct)) {
		t.Error("reading the JSON Lines gives another score than the Docs")
	}
	if _, err := NewNames().ReadExtract(context.Background(), strings.NewReader("{\"entities\": 3}\n")); err == nil {
		t.Error("a malformed line should fail")
	}
}

func TestAuditCheck(t *testing.T) {
	for name, a := range map[string]Audit{
		"bad type":       {Groups: []AuditGroup{{Type: "MISC", Names: []string{"Zephyr"}}}},
		"no names":       {Groups: []AuditGroup{{Type: "ORG"}}},
		"twice one type": {Groups: []AuditGroup{{Type: "ORG", Names: []string{"Tovo"}}, {Type: "ORG", Names: []string{"the tovo"}}}},
		"empty apart":    {Apart: [][2]string{{"Tovo", "ORG: "}}},
	} {
		if err := a.check(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestCommittedAudits keeps the committed audit files loadable.
func TestCommittedAudits(t *testing.T) {
	paths, _ := filepath.Glob("testdata/identity-*.json")
	if len(paths) == 0 {
		t.Fatal("no audit files in testdata")
	}
	for _, p := range paths {
		a, err := LoadAudit(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Groups) < 100 || len(a.Apart) < 10 || len(a.Junk) < 10 {
			t.Errorf("%s: %d groups, %d apart, %d junk: too small for an audit", p, len(a.Groups), len(a.Apart), len(a.Junk))
		}
	}
}
