package quote

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/shareddata"
)

func TestParseBratCodePointOffsets(t *testing.T) {
	// "é" is two bytes: the offsets after it are code points, not bytes.
	text := "Café owners said “prices will rise,” the union added."
	ann := "T1\tSource 0 11\tCafé owners\n" +
		"T2\tCue 12 16\tsaid\n" +
		"T3\tContent 18 34\tprices will rise\n" +
		"T4\tAttribution 12 16\tsaid\n" +
		"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
		"T5\tCue 47 50;50 52\tadded\n" +
		"T6\tAttribution 47 52\tadded\n" +
		"E2\tAttribution-no-source:T6 Cue:T5\n" +
		"T7\tContent 18 19;20 34\tp\n" +
		"The text of T7 after a newline, which brat writes as is\n"
	ats, err := ParseBrat(text, ann)
	if err != nil {
		t.Fatal(err)
	}
	if len(ats) != 2 {
		t.Fatalf("got %d attributions, want 2", len(ats))
	}
	get := func(iv []Interval) string {
		s := ""
		for _, v := range iv {
			s += text[v.Start:v.End]
		}
		return s
	}
	if got := get(ats[0].Source); got != "Café owners" {
		t.Errorf("source %q", got)
	}
	if got := get(ats[0].Cue); got != "said" {
		t.Errorf("cue %q", got)
	}
	if got := get(ats[0].Content); got != "prices will rise" {
		t.Errorf("content %q", got)
	}
	if len(ats[1].Source) != 0 || get(ats[1].Cue) != "added" {
		t.Errorf("second attribution: source %v cue %q", ats[1].Source, get(ats[1].Cue))
	}
	if _, err := ParseBrat(text, "T1\tSource 0 999\tx\n"); err == nil {
		t.Error("offsets past the text: no error")
	}
}

// TestReadReleaseMatchesJSONLines checks the brat reader against the JSON
// Lines the other tests read (made from the alphabetically first annotator
// file of each article): the same attributions, byte for byte.
func TestReadReleaseMatchesJSONLines(t *testing.T) {
	ctx := context.Background()
	rel, err := ReadRelease(ctx, shareddata.Path(t, "data/polnear/polnear-v1.0.0-train-dev.tar.gz"), "dev")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ReadPolNeAR(ctx, shareddata.Path(t, "data/polnear/polnear_dev.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]ReleaseArticle{}
	for _, ra := range rel {
		byName[ra.Name] = ra
	}
	rep := newReport()
	for _, d := range docs {
		ra, ok := byName[d.Name]
		if !ok || ra.Text != d.Text {
			t.Fatalf("%s: not in the release, or another text", d.Name)
		}
		rep.add(d.Text, d.Attributions, ra.Annotations[0])
	}
	for _, role := range Roles {
		if c := rep.Counts[role]["exact"]; c.TP != c.Gold || c.TP != c.Pred || c.Gold == 0 {
			t.Errorf("%s: %d gold, %d read, %d equal", role, c.Gold, c.Pred, c.TP)
		}
	}
}

// TestPolNeARAgreement scores PolNeAR's annotators against each other (the
// human ceiling of TestPolNeARDev): 18 articles of train and dev have more
// than one annotator file.
func TestPolNeARAgreement(t *testing.T) {
	path := shareddata.Path(t, "data/polnear/polnear-v1.0.0-train-dev.tar.gz")
	rep, _, pairs, err := Agreement(context.Background(), path, nil, "train", "dev")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("annotator pairs %d\n%s", pairs, rep.Table())
	if rep.Articles < 10 || pairs < 2*rep.Articles {
		t.Fatalf("%d articles, %d pairs: the release should have 18 multiply annotated articles", rep.Articles, pairs)
	}
	for _, role := range Roles {
		c := rep.Counts[role]["overlap"]
		if f := c.F1(); f < 0.5 || f > 0.99 {
			t.Errorf("%s agreement F1 %.3f: outside any plausible range, the reader is broken", role, f)
		}
	}
}
