package graph

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/quote"
)

// TestBuildKeepsEveryEntity: an article with 3,003 distinct names keeps all
// of them with their mentions, and its attribution keeps its speaker and
// targets; a warning says that its co-mention pairs are limited (the loader
// limits them, see loader's pairEntities).
func TestBuildKeepsEveryEntity(t *testing.T) {
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
	add("Often Named", 5)
	speaker := add("Quiet Speaker", 1)
	target := add("Quiet Target", 1)
	a := &article.Article{ID: "x", Source: "many.txt", Text: b.String(), Clean: b.String()}
	attrs := []quote.Attribution{{Speaker: speaker, Targets: []int{target, 7}}}

	var logs bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	d := Build(a, res, attrs)

	if len(d.Entities) != 3003 {
		t.Fatalf("%d entities, want all 3003", len(d.Entities))
	}
	mentions := 0
	for _, e := range d.Entities {
		mentions += len(e.Mentions)
	}
	if mentions != 3007 {
		t.Errorf("%d mentions, want all 3007", mentions)
	}
	at := d.Attributions[0]
	if at.Speaker == nil || *at.Speaker != d.Entities[speaker].ID {
		t.Errorf("speaker %v, want %s", at.Speaker, d.Entities[speaker].ID)
	}
	if len(at.Targets) != 2 {
		t.Errorf("targets %v, want both", at.Targets)
	}
	got := logs.String()
	if strings.Count(got, "\n") != 1 || !strings.Contains(got, "co-mention pairs limited") ||
		!strings.Contains(got, "source=many.txt") || !strings.Contains(got, "entities=3003") ||
		!strings.Contains(got, fmt.Sprintf("paired=%d", MaxCoMentionEntities)) {
		t.Errorf("want one warning naming the source and both counts, got %q", got)
	}
}

// TestBuildUnderCapNoWarning: at the cap nothing is said.
func TestBuildUnderCapNoWarning(t *testing.T) {
	var res ner.Result
	text := ""
	for i := 0; i < MaxCoMentionEntities; i++ {
		name := fmt.Sprintf("Name%04d Person", i)
		res.Entities = append(res.Entities, ner.Entity{Type: ner.Person, Name: name,
			Mentions: []ner.Mention{{Start: len(text), End: len(text) + len(name), Text: name}}})
		text += name + ". "
	}
	var logs bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	d := Build(&article.Article{ID: "y", Source: "y.txt", Text: text, Clean: text}, res, nil)
	if len(d.Entities) != MaxCoMentionEntities {
		t.Fatalf("%d entities, want all %d", len(d.Entities), MaxCoMentionEntities)
	}
	if logs.Len() != 0 {
		t.Errorf("warning at the cap: %q", logs.String())
	}
}
