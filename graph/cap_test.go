package graph

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/quote"
)

// TestBuildCapsEntities: an article with 3,000 distinct names keeps
// MaxEntitiesPerArticle of them, the quoted ones and the most mentioned
// first, and its attributions point only at kept entities.
func TestBuildCapsEntities(t *testing.T) {
	var b strings.Builder
	var res ner.Result
	add := func(name string, times int) int {
		e := ner.Entity{Type: ner.Person, Name: name}
		for k := 0; k < times; k++ {
			start := b.Len()
			b.WriteString(name)
			e.Mentions = append(e.Mentions, ner.Mention{Start: start, End: b.Len(), Text: name, Sentence: len(res.Entities)})
			b.WriteString(" spoke. ")
		}
		res.Entities = append(res.Entities, e)
		return len(res.Entities) - 1
	}
	for i := 0; i < 3000; i++ {
		add(fmt.Sprintf("Person Number%04d", i), 1)
	}
	add("Often Named", 5) // the most mentioned: kept
	speaker := add("Quiet Speaker", 1)
	target := add("Quiet Target", 1)
	a := &article.Article{ID: "x", Source: "many.txt", Text: b.String(), Clean: b.String()}
	attrs := []quote.Attribution{{Speaker: speaker, Targets: []int{target, 7}}}
	d := Build(a, res, attrs)
	if len(d.Entities) != MaxEntitiesPerArticle {
		t.Fatalf("%d entities, want the cap %d", len(d.Entities), MaxEntitiesPerArticle)
	}
	kept := map[string]bool{}
	for _, e := range d.Entities {
		kept[e.ID] = true
	}
	for _, name := range []string{"Often Named", "Quiet Speaker", "Quiet Target", "Person Number0000"} {
		found := false
		for _, e := range d.Entities {
			found = found || e.Name == name
		}
		if !found {
			t.Errorf("%q was dropped", name)
		}
	}
	// Kept entities stay in article order.
	for i := 1; i < len(d.Entities); i++ {
		if d.Entities[i].Mentions[0].Start < d.Entities[i-1].Mentions[0].Start {
			t.Fatalf("entity %d (%s) is out of article order", i, d.Entities[i].Name)
		}
	}
	at := d.Attributions[0]
	if at.Speaker == nil || !kept[*at.Speaker] {
		t.Fatalf("speaker %v not kept", at.Speaker)
	}
	for _, x := range at.Targets {
		if !kept[x] {
			t.Errorf("target %s is not a kept entity", x)
		}
	}
	// Person Number0007 is a target, so it is kept too.
	if len(at.Targets) != 2 {
		t.Errorf("targets %v, want both (quoted entities are kept first)", at.Targets)
	}
}

// TestBuildUnderCapKeepsAll: below the cap nothing is dropped.
func TestBuildUnderCapKeepsAll(t *testing.T) {
	var res ner.Result
	text := ""
	for i := 0; i < MaxEntitiesPerArticle; i++ {
		name := fmt.Sprintf("Name%04d Person", i)
		res.Entities = append(res.Entities, ner.Entity{Type: ner.Person, Name: name,
			Mentions: []ner.Mention{{Start: len(text), End: len(text) + len(name), Text: name}}})
		text += name + ". "
	}
	d := Build(&article.Article{ID: "y", Source: "y.txt", Text: text, Clean: text}, res, nil)
	if len(d.Entities) != MaxEntitiesPerArticle {
		t.Fatalf("%d entities, want all %d", len(d.Entities), MaxEntitiesPerArticle)
	}
}
