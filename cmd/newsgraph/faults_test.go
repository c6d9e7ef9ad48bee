package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// faultsDir holds our own fault inputs (testdata/faults/README.md).
var faultsDir = filepath.Join("..", "..", "testdata", "faults")

// binaryData looks like the start of an image: a PNG signature, then every
// byte value.
func binaryData() []byte {
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for i := 0; i < 2048; i++ {
		b = append(b, byte(i*7))
	}
	return b
}

// bigText is a plausible article of at least n bytes.
func bigText(n int) []byte {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString("Ana Torres, the mayor of Brindle, spoke about the harbour on Monday. ")
	}
	return []byte(b.String())
}

// manyNames is an honours-list article naming n distinct people, one short
// sentence each, in paragraphs of five.
func manyNames(n int) []byte {
	syl := []string{"ka", "lo", "mer", "tan", "vi", "sor", "del", "bru", "nek", "pal", "rin", "gos", "ham", "tel", "wun", "fax", "qui", "zor", "bel", "dan"}
	word := func(i int) string {
		w := syl[i%20] + syl[(i/20)%20] + syl[(i/400)%20]
		return strings.ToUpper(w[:1]) + w[1:]
	}
	var b strings.Builder
	b.WriteString("Honours list\n\n")
	for i := 0; i < n; i++ {
		// Distinct first and last names: i and a permutation of i.
		fmt.Fprintf(&b, "Mr. %s %s was honoured. ", word(i), word((i*7919+13)%8000))
		if i%5 == 4 {
			b.WriteString("\n\n")
		}
	}
	return []byte(b.String())
}

// rssFeed is a small RSS 2.0 feed: XML, not an article.
func rssFeed() []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Brindle Gazette</title>
<item><title>Harbour reopens</title><description>Mayor Ana Torres said the harbour would reopen on Monday.</description></item>
</channel></rss>
`)
}

// faultCase is one unusable (or awkward) input next to a good article.
type faultCase struct {
	name   string
	make   func(t *testing.T, dir string) string // writes the input, returns its path
	flags  []string
	code   int    // exit status
	reason string // what the stderr line about it says; "" when it is used
}

func fromFaults(name string) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string { return copyFile(t, filepath.Join(faultsDir, name), dir) }
}

func generated(name string, data func() []byte) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string { return writeFile(t, dir, name, data()) }
}

var faultCases = []faultCase{
	{name: "empty file", make: fromFaults("empty.txt"), code: 1, reason: "empty input"},
	{name: "only white space", make: generated("blank.txt", func() []byte { return []byte(" \n\t\n\n") }), code: 1, reason: "empty input"},
	{name: "binary file", make: generated("photo.txt", binaryData), code: 1, reason: "binary file"},
	{name: "invalid UTF-8", make: fromFaults("latin1.txt"), code: 1, reason: "invalid UTF-8 at byte"},
	{name: "over --max-bytes", make: generated("long.txt", func() []byte { return bigText(5000) }), flags: []string{"--max-bytes", "4096"}, code: 1, reason: "over the size limit"},
	{name: "HTML with scripts and no article", make: fromFaults("scripts.html"), code: 1, reason: "no article text"},
	{name: "no sentences", make: fromFaults("punct.txt"), code: 1, reason: "no article text"},
	{name: "unsupported type named explicitly", make: generated("data.bin", binaryData), code: 1, reason: "binary file"},
	{name: "RSS feed named explicitly", make: generated("feed.xml", rssFeed), code: 1, reason: "unsupported input type: XML"},
	{name: "unbalanced and nested quotation marks", make: fromFaults("quotes.txt"), code: 0},
	{name: "thousands of entities", make: generated("honours.txt", func() []byte { return manyNames(3000) }), code: 0},
}

// TestInputFaults runs extract on each fault input together with a good
// article: the fault is reported once, naming the file and the reason, the
// good article is extracted, and the exit status says whether anything
// failed.
func TestInputFaults(t *testing.T) {
	for _, c := range faultCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			bad := c.make(t, dir)
			good := copyFile(t, filepath.Join(faultsDir, "good.txt"), dir)
			args := append(append([]string{"extract"}, c.flags...), bad, good)
			r := run(t, nil, args...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\n%s", r.code, c.code, r)
			}
			got := bySource(docs(t, r.stdout))
			if d, ok := got[good]; !ok || len(d.Entities) == 0 {
				t.Fatalf("the good article was not extracted (or has no entities)\n%s", r)
			}
			for _, d := range got {
				checkOffsets(t, d)
			}
			if c.reason == "" {
				if _, ok := got[bad]; !ok {
					t.Fatalf("%s was not extracted\n%s", bad, r)
				}
				return
			}
			if _, ok := got[bad]; ok {
				t.Errorf("%s is in the output, but should have been skipped", bad)
			}
			lines := linesWith(r.stderr, bad)
			if len(lines) != 1 || !strings.Contains(lines[0], c.reason) {
				t.Fatalf("want one stderr line naming %s with %q, got %q\n%s", bad, c.reason, lines, r)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
				t.Fatalf("stack trace on stderr\n%s", r)
			}
		})
	}
}

// TestManyEntitiesPairsLimited: an article naming 3,000 people keeps every
// one of them with its mentions, says that its co-mention pairs are limited
// (naming the file), and the graph export builds from it (the graph ingest
// builds) has a MENTIONS edge for each entity and at most
// graph.MaxCoMentionEntities·(graph.MaxCoMentionEntities-1)/2
// CO_MENTIONED_WITH edges.
func TestManyEntitiesPairsLimited(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "honours.txt", manyNames(3000))
	r := run(t, nil, "extract", p)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	ds := docs(t, r.stdout)
	if len(ds) != 1 {
		t.Fatalf("%d docs, want 1", len(ds))
	}
	ents := ds[0].Entities
	// The recognizer finds (nearly) every one of the 3,000 names; none is dropped.
	if len(ents) < 2900 {
		t.Fatalf("%d entities, want about 3000 (every name)", len(ents))
	}
	for _, e := range ents {
		if len(e.Mentions) == 0 {
			t.Fatalf("entity %s has no mentions", e.ID)
		}
	}
	lines := linesWith(r.stderr, p)
	if len(lines) != 1 || !strings.Contains(lines[0], "co-mention pairs limited") ||
		!strings.Contains(lines[0], fmt.Sprintf("entities=%d", len(ents))) ||
		!strings.Contains(lines[0], fmt.Sprintf("paired=%d", graph.MaxCoMentionEntities)) {
		t.Fatalf("want one warning naming %s with both counts, got %q", p, lines)
	}

	csv := filepath.Join(dir, "csv")
	r = run(t, nil, "export", "--format", "neo4j-admin", csv, p)
	if r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r)
	}
	rows := func(name string) int {
		b, err := os.ReadFile(filepath.Join(csv, name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(string(b), "\n") - 1 // the header
	}
	if n := rows("mentions.csv"); n != len(ents) {
		t.Errorf("%d MENTIONS, want one for each of the %d entities", n, len(ents))
	}
	if n := rows("entities.csv"); n != len(ents) {
		t.Errorf("%d Entity nodes, want %d", n, len(ents))
	}
	limit := graph.MaxCoMentionEntities * (graph.MaxCoMentionEntities - 1) / 2
	if n := rows("co_mentioned_with.csv"); n < 1 || n > limit {
		t.Errorf("%d CO_MENTIONED_WITH, want between 1 and %d", n, limit)
	}
}

// TestMalformedJSONLine: one malformed line among good ones is reported by
// file and line; the other lines are extracted.
func TestMalformedJSONLine(t *testing.T) {
	dir := t.TempDir()
	p := copyFile(t, filepath.Join(faultsDir, "mixed.jsonl"), dir)
	long := writeFile(t, dir, "long.jsonl", []byte(
		`{"text":"Anna Berg met Paul Kline in Oslo on Monday."}`+"\n"+
			`{"text":"`+string(bigText(5000))+`"}`+"\n"+
			"\n"+
			`{"text":"Ole Hansen spoke in Bergen on Friday."}`+"\n"))
	r := run(t, nil, "extract", "--max-bytes", "4096", p, long)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	got := bySource(docs(t, r.stdout))
	for _, src := range []string{p + ":1", p + ":3", long + ":1", long + ":4"} {
		d, ok := got[src]
		if !ok || len(d.Entities) == 0 {
			t.Errorf("%s was not extracted (or has no entities)", src)
			continue
		}
		checkOffsets(t, d)
	}
	if len(got) != 4 {
		t.Errorf("%d docs, want 4", len(got))
	}
	for src, reason := range map[string]string{p + ":2:": "malformed JSON", long + ":2:": "over the size limit"} {
		if lines := linesWith(r.stderr, src); len(lines) != 1 || !strings.Contains(lines[0], reason) {
			t.Errorf("want one stderr line %q ... %q, got %q", src, reason, lines)
		}
	}
	if t.Failed() {
		t.Log(r)
	}
}

// TestFaultyDirectory: a folder mixing every fault with good articles.
// Each unusable input is named once; every good article comes out.
func TestFaultyDirectory(t *testing.T) {
	dir := writeFaultyDir(t)
	r := run(t, nil, "extract", "--max-bytes", "115000", dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r)
	}
	got := bySource(docs(t, r.stdout))
	want := []string{"good.txt", "honours.txt", "mixed.jsonl:1", "mixed.jsonl:3", "quotes.txt", "sub/good-copy.md"}
	for _, w := range want {
		d, ok := got[filepath.Join(dir, w)]
		if !ok {
			t.Errorf("%s was not extracted", w)
			continue
		}
		checkOffsets(t, d)
	}
	if len(got) != len(want) {
		t.Errorf("%d docs, want %d", len(got), len(want))
	}
	for name, reason := range faultyDirFailures {
		p := filepath.Join(dir, name)
		if lines := linesWith(r.stderr, p+":"); len(lines) != 1 || !strings.Contains(lines[0], reason) {
			t.Errorf("want one stderr line naming %s with %q, got %q", p, reason, lines)
		}
	}
	if t.Failed() {
		t.Log(r)
	}
}

// faultyDirFailures are the unusable inputs of writeFaultyDir and the
// reason given for each.
var faultyDirFailures = map[string]string{
	"empty.txt":     "empty input",
	"photo.txt":     "binary file",
	"latin1.txt":    "invalid UTF-8",
	"long.txt":      "over the size limit",
	"scripts.html":  "no article text",
	"punct.txt":     "no article text",
	"mixed.jsonl:2": "malformed JSON",
	"notes.csv":     "unsupported input type",
}

// writeFaultyDir makes a folder of every fault and some good articles (for
// --max-bytes 115000).
func writeFaultyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"good.txt", "empty.txt", "latin1.txt", "scripts.html", "punct.txt", "quotes.txt", "mixed.jsonl"} {
		copyFile(t, filepath.Join(faultsDir, f), dir)
	}
	writeFile(t, dir, "photo.txt", binaryData())
	writeFile(t, dir, "long.txt", bigText(120_000))
	writeFile(t, dir, "honours.txt", manyNames(3000))
	writeFile(t, dir, "notes.csv", []byte("a,b\n1,2\n"))
	writeFile(t, dir, ".hidden.txt", []byte("Hidden files are skipped silently.\n"))
	sub := filepath.Join(dir, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(faultsDir, "good.txt"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, sub, "good-copy.md", append(append([]byte("# A copy\n\n"), data...), "Grant also went to Porto.\n"...))
	return dir
}
