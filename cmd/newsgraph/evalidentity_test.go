package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// examplesAudit is an identity audit of the invented examples/: the
// Commission is the European Commission, Portmar is Portmar Logistics, the
// Danube is a river.
const examplesAudit = `{
  "groups": [
    {"type": "ORG", "names": ["European Commission", "Commission"]},
    {"type": "ORG", "names": ["Portmar Logistics", "Portmar"]},
    {"type": "PERSON", "names": ["Oleksiy Marchenko", "Oleksii Marchenko", "Marchenko"]},
    {"type": "LOC", "names": ["Danube"]},
    {"type": "LOC", "names": ["Romania"]}
  ],
  "apart": [["Romania", "Ukraine"], ["Constanta", "Constanta Dockers' Union"]],
  "junk": ["Monday", "Sulina Channel"]
}`

// identityLines are the score lines of eval identity's output (not the
// source line, which says where the names came from).
func identityLines(t *testing.T, r result) map[string]string {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("eval identity failed\n%s", r)
	}
	out := map[string]string{}
	for _, l := range strings.Split(r.stdout, "\n") {
		for _, k := range []string{"groups whole", "pairwise recall", "mentions on main id", "type right", "wrong merges", "junk entities"} {
			if strings.HasPrefix(l, k) {
				out[k] = strings.TrimSpace(strings.TrimPrefix(l, k))
			}
		}
	}
	if len(out) != 6 {
		t.Fatalf("want six score lines\n%s", r)
	}
	return out
}

func TestEvalIdentityExtract(t *testing.T) {
	dir := t.TempDir()
	audit := writeFile(t, dir, "audit.json", []byte(examplesAudit))
	ex := filepath.Join(dir, "examples.jsonl")
	if r := run(t, nil, "extract", "-o", ex, "../../examples"); r.code != 0 {
		t.Fatalf("extract\n%s", r)
	}
	got := identityLines(t, run(t, nil, "eval", "identity", "--verbose", audit, ex))
	// Portmar's forms and Marchenko's spellings are one entity each; the
	// bare "Commission" is dropped as a generic head (ner's junk stage), so
	// the European Commission's group has one name found and is not scored.
	if !strings.HasPrefix(got["groups whole"], "1.000  (2 of 2 groups") {
		t.Errorf("groups whole: %s", got["groups whole"])
	}
	if !strings.HasPrefix(got["wrong merges"], "0 ") {
		t.Errorf("wrong merges: %s", got["wrong merges"])
	}
	// The Sulina Channel is a waterway, taken for junk here to see it counted.
	if !strings.Contains(got["junk entities"], "1 of 2 junk strings held") {
		t.Errorf("junk: %s", got["junk entities"])
	}
	r := run(t, nil, "eval", "identity", audit)
	if r.code != 2 || !strings.Contains(r.stderr, "give extract files") {
		t.Errorf("no extract and no --neo4j: want exit 2 and a hint\n%s", r)
	}
}

// TestEvalIdentityGraph: the graph built from examples/ scores like the
// extraction on what both can see (groups, pairs, merges).
func TestEvalIdentityGraph(t *testing.T) {
	ep := neo4jtest.Target(t)
	neo4jtest.Fresh(t)
	dir := t.TempDir()
	audit := writeFile(t, dir, "audit.json", []byte(examplesAudit))
	ex := filepath.Join(dir, "examples.jsonl")
	if r := run(t, nil, "extract", "-o", ex, "../../examples"); r.code != 0 {
		t.Fatalf("extract\n%s", r)
	}
	if r := run(t, nil, append(append([]string{"ingest"}, dbArgs(ep)...), "../../examples")...); r.code != 0 {
		t.Fatalf("ingest\n%s", r)
	}
	fromExtract := identityLines(t, run(t, nil, "eval", "identity", audit, ex))
	r := run(t, nil, append(append([]string{"eval", "identity", "--neo4j"}, dbArgs(ep)...), audit)...)
	fromGraph := identityLines(t, r)
	if !strings.Contains(r.stdout, "source: graph ") {
		t.Errorf("the graph run does not say it read the graph\n%s", r)
	}
	for _, k := range []string{"groups whole", "pairwise recall", "wrong merges"} {
		if fromGraph[k] != fromExtract[k] {
			t.Errorf("%s: graph %q, extract %q", k, fromGraph[k], fromExtract[k])
		}
	}
	if r := run(t, nil, append(append([]string{"eval", "identity", "--neo4j"}, dbArgs(ep)...), audit, ex)...); r.code != 2 {
		t.Errorf("--neo4j with extract files: want exit 2\n%s", r)
	}
}
