package article

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/newsgraph/newsgraph/internal/shareddata"
)

// TestArticleExtraction scores the body text of HTML pages on the 91 pages
// of the Scrapinghub article-extraction benchmark in
// ../shared/data/article-extraction, with the benchmark's metric (token
// 4-shingle precision and recall per page, averaged, F1 of the averages;
// evaluate.py there adds bootstrap error bars). It fails under F1 0.95 or
// when a page yields no text. AEB_OUT=FILE writes the outputs in the
// benchmark's format, for evaluate.py:
//
//	AEB_OUT=/tmp/aeb/output/newsgraph.json go test ./article -run ArticleExtraction -v
func TestArticleExtraction(t *testing.T) {
	gtPath := shareddata.Path(t, "data/article-extraction/ground-truth.json")
	raw, err := os.ReadFile(gtPath)
	if err != nil {
		t.Fatal(err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(gt))
	for k := range gt {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	type scored struct {
		key       string
		p, r, f   float64
		predicted string
	}
	var all []scored
	out := map[string]map[string]string{}
	var sumP, sumR float64
	var nP, nR int
	var elapsed time.Duration
	var bytesRead int
	for _, k := range keys {
		page := readGz(t, filepath.Join(filepath.Dir(gtPath), "html", k+".html.gz"))
		bytesRead += len(page)
		start := time.Now()
		a, err := Parse(k, page, FormatHTML)
		elapsed += time.Since(start)
		body := ""
		if err != nil {
			t.Errorf("%s: %v", k, err)
		} else {
			body = html.UnescapeString(a.Body())
			checkInvariants(t, a, false)
		}
		out[k] = map[string]string{"articleBody": body}
		tp, fp, fn := shingleMatch(gt[k].ArticleBody, body)
		p, r := prec(tp, fp, fn), rec(tp, fp, fn)
		if tp+fp > 0 { // as evaluate.py: precision over pages with a prediction
			sumP += p
			nP++
		}
		if tp+fn > 0 {
			sumR += r
			nR++
		}
		all = append(all, scored{k, p, r, f1(p, r), body})
	}
	n := float64(len(keys))
	P, R := sumP/float64(max(1, nP)), sumR/float64(max(1, nR))
	F := f1(P, R)
	t.Logf("%d pages: F1 %.3f  precision %.3f  recall %.3f; %.1f pages/s (%.1f MB/s) on one core", len(keys), F, P, R,
		n/elapsed.Seconds(), float64(bytesRead)/1e6/elapsed.Seconds())
	sort.Slice(all, func(i, j int) bool { return all[i].f < all[j].f })
	for _, s := range all[:min(8, len(all))] {
		t.Logf("  worst: %s F1 %.3f p %.3f r %.3f", s.key[:12], s.f, s.p, s.r)
	}
	if F < 0.95 {
		t.Errorf("F1 %.3f < 0.95", F)
	}
	if p := os.Getenv("AEB_OUT"); p != "" {
		b, err := json.MarshalIndent(out, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readGz(t testing.TB, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

// reWordToken is the benchmark's token (Python's \w+ with re.UNICODE).
var reWordToken = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// shingleMatch is the benchmark's string_shingle_matching: counts of 4-token
// shingles in common (tp), only predicted (fp) and only true (fn),
// normalised to sum to 1.
func shingleMatch(truth, pred string) (tp, fp, fn float64) {
	ts, ps := shingles(truth), shingles(pred)
	for k, tc := range ts {
		pc := ps[k]
		tp += float64(min(tc, pc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		fp += float64(max(0, pc-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

func shingles(s string) map[[4]string]int {
	toks := reWordToken.FindAllString(s, -1)
	out := map[[4]string]int{}
	for i := 0; i < max(1, len(toks)-3); i++ {
		var k [4]string
		copy(k[:], toks[i:min(len(toks), i+4)])
		if k[0] != "" {
			out[k]++
		}
	}
	return out
}

func prec(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fp == 0:
		return 0
	}
	return tp / (tp + fp)
}

func rec(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fn == 0:
		return 0
	}
	return tp / (tp + fn)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
