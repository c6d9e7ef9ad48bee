package quote

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"

	"github.com/newsgraph/newsgraph/score"
)

// GoldArticle is one article of an attribution corpus in the PolNeAR JSON
// Lines layout: its text and its attributions.
type GoldArticle struct {
	Name         string
	Text         string
	Attributions []GoldAttribution
}

// GoldAttribution holds the source, cue and content of one attribution, each
// as byte intervals of the text (a role may be discontinuous).
type GoldAttribution struct {
	Source, Cue, Content []Interval
}

// Interval is a half-open byte range.
type Interval struct{ Start, End int }

type polnearSeg struct {
	StartByte int `json:"start_byte"`
	EndByte   int `json:"end_byte"`
}

type polnearLine struct {
	Filename     string `json:"filename"`
	Text         string `json:"text"`
	Attributions []struct {
		Source  [][]polnearSeg `json:"source"`
		Cue     [][]polnearSeg `json:"cue"`
		Content [][]polnearSeg `json:"content"`
	} `json:"attributions"`
}

// ReadPolNeAR reads a PolNeAR JSON Lines file (gzip-compressed when its name
// ends in .gz).
func ReadPolNeAR(ctx context.Context, path string) ([]GoldArticle, error) {
	r, closeFn, err := openData(path)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []GoldArticle
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var pl polnearLine
		if err := json.Unmarshal(sc.Bytes(), &pl); err != nil {
			return nil, fmt.Errorf("read %s:%d: %w", path, line, err)
		}
		g := GoldArticle{Name: pl.Filename, Text: pl.Text}
		conv := func(spans [][]polnearSeg) []Interval {
			var iv []Interval
			for _, sp := range spans {
				for _, s := range sp {
					if s.StartByte >= 0 && s.EndByte <= len(pl.Text) && s.StartByte < s.EndByte {
						iv = append(iv, Interval{s.StartByte, s.EndByte})
					}
				}
			}
			return iv
		}
		for _, a := range pl.Attributions {
			g.Attributions = append(g.Attributions, GoldAttribution{Source: conv(a.Source), Cue: conv(a.Cue), Content: conv(a.Content)})
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// openData opens path for reading, decompressed when its name ends in .gz;
// done closes what it opened.
func openData(path string) (r io.Reader, done func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, func() { f.Close() }, nil
	}
	gz, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return gz, func() { gz.Close(); f.Close() }, nil
}

// Roles and match modes of the evaluation table.
var (
	Roles = []string{"source", "cue", "content"}
	Modes = []string{"exact", "overlap", "any"}
)

// Count is a precision/recall tally.
type Count = score.Tally

// Report holds the tallies of an evaluation: Counts[role][mode].
type Report struct {
	Articles int
	Counts   map[string]map[string]*Count
	// Pairs scores the said-about (speaker, target) pairs (see PairEval).
	Pairs PairEval
}

// OverlapThreshold is the share of both spans that must be shared for an
// "overlap" match.
const OverlapThreshold = 0.3

// Evaluate runs attribution over the articles and scores source, cue and
// content spans against the gold ones. recognize gives the recognizer's
// result for an article text; nil means sentences only, no entities.
//
// Spans are compared after normalization: white space, punctuation and quote
// marks at their edges and a leading "that" are trimmed, and a role made of
// several segments is the set of their bytes. "exact" needs the same bytes;
// "overlap" needs the shared bytes to be at least 30% of the predicted and
// 30% of the gold span; "any" needs one shared byte. Predicted and gold spans
// are paired one to one per article, best overlap first. Attributions that
// share a cue and content (coordinated speakers) are scored as one with the
// sources joined, and continuations are scored as more content of the tag
// they continue, as the corpus does.
func Evaluate(ctx context.Context, docs []GoldArticle, recognize func(text string) ner.Result) (Report, error) {
	ms, err := DefaultModels()
	if err != nil {
		ms = nil
	}
	return EvaluateWith(ctx, ms, docs, recognize)
}

// EvaluateWith is Evaluate with the given models (nil: the rules alone), for
// scoring a model while it is trained.
func EvaluateWith(ctx context.Context, ms *Models, docs []GoldArticle, recognize func(text string) ner.Result) (Report, error) {
	cal, err := DefaultCalibrator()
	if err != nil {
		cal = nil
	}
	return EvaluateCalibrated(ctx, ms, cal, docs, recognize)
}

// EvaluateCalibrated is EvaluateWith with the given calibrator for the
// confidences (nil: none, every confidence 0).
func EvaluateCalibrated(ctx context.Context, ms *Models, cal *Calibrator, docs []GoldArticle, recognize func(text string) ner.Result) (Report, error) {
	rep := newReport()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		var res ner.Result
		if recognize != nil {
			res = recognize(d.Text)
		}
		ats := attribute(ms, cal, &article.Article{Text: d.Text, Clean: d.Text}, res)
		rep.Articles++
		rep.add(d.Text, d.Attributions, predictedRoles(ats))
		rep.Pairs.addPairs(d.Text, d.Attributions, ats, res.Entities)
	}
	return rep, nil
}

// newReport returns a report with zero tallies.
func newReport() Report {
	rep := Report{Counts: map[string]map[string]*Count{}}
	for _, r := range Roles {
		rep.Counts[r] = map[string]*Count{}
		for _, m := range Modes {
			rep.Counts[r][m] = &Count{}
		}
	}
	return rep
}

// add scores the predicted attributions of one text against the gold ones.
func (rep *Report) add(text string, gold, pred []GoldAttribution) {
	for ri, role := range Roles {
		var gs, ps [][]Interval
		for _, g := range gold {
			if iv := normalize(text, g.roles()[ri], role); len(iv) > 0 {
				gs = append(gs, iv)
			}
		}
		for _, p := range pred {
			if iv := normalize(text, p.roles()[ri], role); len(iv) > 0 {
				ps = append(ps, iv)
			}
		}
		for _, mode := range Modes {
			c := rep.Counts[role][mode]
			c.Gold += len(gs)
			c.Pred += len(ps)
			c.TP += matchSpans(gs, ps, mode)
		}
	}
}

// Predictor returns a function that attributes a text with the models (nil:
// the rules alone) and recognize (nil: no entities), in the layout of the
// corpus, as EvaluateWith and Agreement score it.
func Predictor(ms *Models, recognize func(text string) ner.Result) func(text string) []GoldAttribution {
	return func(text string) []GoldAttribution {
		var res ner.Result
		if recognize != nil {
			res = recognize(text)
		}
		return predictedRoles(AttributeWith(ms, &article.Article{Text: text, Clean: text}, res))
	}
}

func (g GoldAttribution) roles() [3][]Interval { return [3][]Interval{g.Source, g.Cue, g.Content} }

// predictedRoles groups attributions the way the corpus annotates them.
func predictedRoles(ats []Attribution) []GoldAttribution {
	type key struct{ cs, ce, ss, se int }
	var out []GoldAttribution
	idx := map[key]int{}
	// Coordinated speakers of one cue and content become one source.
	type ck struct{ cs, ce, ts, te int }
	merged := map[ck]int{}
	for _, at := range ats {
		if at.Continuation {
			continue
		}
		k := ck{at.Cue.Start, at.Cue.End, at.Content.Start, at.Content.End}
		if i, ok := merged[k]; ok {
			s := &out[i].Source[0]
			s.Start = min(s.Start, at.Source.Start)
			s.End = max(s.End, at.Source.End)
			idx[key{at.Cue.Start, at.Cue.End, at.Source.Start, at.Source.End}] = i
			continue
		}
		out = append(out, GoldAttribution{
			Source:  []Interval{{at.Source.Start, at.Source.End}},
			Cue:     []Interval{{at.Cue.Start, at.Cue.End}},
			Content: []Interval{{at.Content.Start, at.Content.End}},
		})
		merged[k] = len(out) - 1
		idx[key{at.Cue.Start, at.Cue.End, at.Source.Start, at.Source.End}] = len(out) - 1
	}
	for _, at := range ats {
		if !at.Continuation {
			continue
		}
		if i, ok := idx[key{at.Cue.Start, at.Cue.End, at.Source.Start, at.Source.End}]; ok {
			out[i].Content = append(out[i].Content, Interval{at.Content.Start, at.Content.End})
		}
	}
	return out
}

// normalize trims each interval and drops empty ones.
func normalize(text string, iv []Interval, role string) []Interval {
	var out []Interval
	for _, v := range iv {
		s, e := v.Start, v.End
		if s < 0 || e > len(text) || s >= e {
			continue
		}
		s, e = trimEdges(text, s, e)
		if role == "content" && e-s > 5 && strings.EqualFold(text[s:s+4], "that") && !isWordRuneAt(text, s+4) {
			s, e = trimEdges(text, s+4, e)
		}
		if s < e {
			out = append(out, Interval{s, e})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func isWordRuneAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func trimEdges(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			s += n
			continue
		}
		break
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[:e])
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			e -= n
			continue
		}
		break
	}
	return s, e
}

func size(iv []Interval) int {
	n := 0
	for _, v := range iv {
		n += v.End - v.Start
	}
	return n
}

func shared(a, b []Interval) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if s, e := max(x.Start, y.Start), min(x.End, y.End); e > s {
				n += e - s
			}
		}
	}
	return n
}

func equalIv(a, b []Interval) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// matches reports whether a predicted span p matches a gold span g in mode,
// with a score for ordering.
func matches(g, p []Interval, mode string) (bool, float64) {
	sh := shared(g, p)
	if sh == 0 {
		return false, 0
	}
	score := float64(sh) / float64(max(size(g), size(p)))
	switch mode {
	case "exact":
		return equalIv(g, p), score
	case "overlap":
		return float64(sh) >= OverlapThreshold*float64(size(g)) && float64(sh) >= OverlapThreshold*float64(size(p)), score
	}
	return true, score
}

// matchSpans pairs gold and predicted spans one to one, best first, and
// returns the number of pairs.
func matchSpans(gs, ps [][]Interval, mode string) int {
	type pair struct {
		g, p  int
		score float64
	}
	var pairs []pair
	for i, g := range gs {
		for j, p := range ps {
			if p[0].Start >= g[len(g)-1].End+2000 || g[0].Start >= p[len(p)-1].End+2000 {
				continue
			}
			if ok, s := matches(g, p, mode); ok {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].score > pairs[b].score })
	usedG := make([]bool, len(gs))
	usedP := make([]bool, len(ps))
	n := 0
	for _, pr := range pairs {
		if usedG[pr.g] || usedP[pr.p] {
			continue
		}
		usedG[pr.g], usedP[pr.p] = true, true
		n++
	}
	return n
}

// Table prints the report as a fixed-width table.
func (r Report) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "articles: %d  (overlap: shared bytes >= %.0f%% of both spans; any: one shared byte)\n", r.Articles, OverlapThreshold*100)
	fmt.Fprintf(&b, "%-8s", "role")
	for _, m := range Modes {
		fmt.Fprintf(&b, " | %-7s %5s %5s %5s", m, "P", "R", "F1")
	}
	fmt.Fprintf(&b, " | %6s %6s\n", "gold", "pred")
	for _, role := range Roles {
		fmt.Fprintf(&b, "%-8s", role)
		var c *Count
		for _, m := range Modes {
			c = r.Counts[role][m]
			fmt.Fprintf(&b, " | %-7s %5.3f %5.3f %5.3f", "", c.P(), c.R(), c.F1())
		}
		fmt.Fprintf(&b, " | %6d %6d\n", c.Gold, c.Pred)
	}
	return b.String()
}
