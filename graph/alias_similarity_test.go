package graph

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

type namePair struct {
	same bool
	a, b string
	src  string
}

func readPairs(t *testing.T) []namePair {
	t.Helper()
	f, err := os.Open("testdata/name_pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []namePair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 4 {
			t.Fatalf("bad pair line %q", line)
		}
		out = append(out, namePair{same: p[0] == "1", a: p[1], b: p[2], src: p[3]})
	}
	return out
}

// prAt is precision and recall of "SpellingScore >= th" on the pairs.
func prAt(pairs []namePair, score func(a, b string) float64, th float64) (p, r float64, tp, fp, fn int) {
	for _, x := range pairs {
		pred := score(x.a, x.b) >= th
		switch {
		case pred && x.same:
			tp++
		case pred:
			fp++
		case x.same:
			fn++
		}
	}
	p, r = 1, 1
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	return
}

// TestSpellingThreshold measures precision and recall of the person-spelling
// rule per threshold on the labelled pairs (run with -v for the table) and
// checks that SpellingThreshold keeps the measured numbers.
func TestSpellingThreshold(t *testing.T) {
	pairs := readPairs(t)
	pos := 0
	for _, p := range pairs {
		if p.same {
			pos++
		}
	}
	t.Logf("%d pairs, %d same person, %d different", len(pairs), pos, len(pairs)-pos)
	rules := []struct {
		name  string
		score func(a, b string) float64
	}{
		{"first name + surname JW", SpellingScore},
		{"surname JW alone", func(a, b string) float64 {
			wa, wb := strings.Fields(fold(a)), strings.Fields(fold(b))
			return jaroWinkler(wa[len(wa)-1], wb[len(wb)-1])
		}},
	}
	for _, rule := range rules {
		var b strings.Builder
		fmt.Fprintf(&b, "%s\n  th     P      R      tp fp fn\n", rule.name)
		for th := 0.80; th <= 0.991; th += 0.01 {
			p, r, tp, fp, fn := prAt(pairs, rule.score, th)
			fmt.Fprintf(&b, "  %.2f  %.3f  %.3f  %2d %2d %2d\n", th, p, r, tp, fp, fn)
		}
		t.Log(b.String())
	}
	p, r, _, fp, _ := prAt(pairs, SpellingScore, SpellingThreshold)
	if p < 1 || r < 0.75 {
		t.Errorf("at SpellingThreshold %.2f: P=%.3f R=%.3f, want P=1 and R>=0.75", SpellingThreshold, p, r)
	}
	_ = fp
	for _, x := range pairs {
		if !x.same && SpellingScore(x.a, x.b) > 0 {
			t.Logf("different people that pass the skeleton: %s = %s (%.3f)", x.a, x.b, SpellingScore(x.a, x.b))
		}
	}
	// Per source: the transliteration variants ("news", "seeds") against the
	// corpus pairs, whose positives are mostly typing errors.
	for _, src := range []string{"conll", "news", "seeds"} {
		var sub []namePair
		for _, x := range pairs {
			if x.src == src {
				sub = append(sub, x)
			}
		}
		p, r, tp, fp, fn := prAt(sub, SpellingScore, SpellingThreshold)
		t.Logf("source %-5s at %.2f: P=%.3f R=%.3f tp=%d fp=%d fn=%d", src, SpellingThreshold, p, r, tp, fp, fn)
	}
	for _, x := range pairs {
		if x.same && SpellingScore(x.a, x.b) < SpellingThreshold {
			t.Logf("missed at %.2f: %s = %s (%.3f)", SpellingThreshold, x.a, x.b, SpellingScore(x.a, x.b))
		}
	}
}

func TestJaroWinkler(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.961},
		{"dwayne", "duane", 0.840},
		{"dixon", "dicksonx", 0.813},
		{"abc", "abc", 1},
		{"abc", "xyz", 0},
	} {
		if got := jaroWinkler(c.a, c.b); got < c.want-0.001 || got > c.want+0.001 {
			t.Errorf("jaroWinkler(%q, %q) = %.3f, want %.3f", c.a, c.b, got, c.want)
		}
	}
}
