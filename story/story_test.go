package story

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/internal/shareddata"
)

// TestSeeds: 000 and 001 (one AFP story, 001 a longer cut) are one story;
// 002, 003 and 004 are stories of their own, whatever the order.
func TestSeeds(t *testing.T) {
	_, names := shareddata.Seeds(t)
	var arts []*article.Article
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		a, err := article.Parse(n, data, article.FormatOf(n))
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {1, 3, 0, 4, 2}} {
		x := NewIndex(0)
		for _, i := range order {
			x.Add(arts[i].ID, Sign(arts[i]))
		}
		want01 := min(arts[0].ID, arts[1].ID)
		for i, a := range arts {
			got := x.Story(a.ID)
			want := a.ID
			if i < 2 {
				want = want01
			}
			if got != want {
				t.Errorf("order %v: story of %s = %s, want %s", order, filepath.Base(names[i]), got, want)
			}
		}
		if g := x.Groups(); len(g) != 1 || len(g[0]) != 2 {
			t.Errorf("order %v: groups %v, want one of two", order, g)
		}
	}
}

// corpus makes n synthetic articles: some originals, and copies of them with
// a fraction of their words replaced, cut or extended, and templates made
// from them (the same words, other numbers, weeks later). Articles carry
// numbers and most carry a date. Our own texts, no corpus sentences.
func corpus(rng *rand.Rand, n int) []*article.Article {
	vocab := make([]string, 3000)
	for i := range vocab {
		w := []byte{'w'}
		for x := rng.Int63n(1 << 40); x > 0; x /= 26 {
			w = append(w, byte('a'+x%26))
		}
		vocab[i] = string(w)
	}
	text := func(k int) []string {
		w := make([]string, k)
		for i := range w {
			if rng.Intn(12) == 0 {
				w[i] = fmt.Sprint(rng.Intn(5000))
			} else {
				w[i] = vocab[rng.Intn(len(vocab))]
			}
		}
		return w
	}
	type original struct {
		words []string
		day   time.Time
	}
	var originals []original
	var arts []*article.Article
	for len(arts) < n {
		var w []string
		var day time.Time
		if len(arts) > 0 && rng.Intn(15) == 0 {
			// The same text again (the same id), on another day or
			// undated: the index must merge the dates whatever the order.
			a := *arts[rng.Intn(len(arts))]
			a.Published = ""
			if rng.Intn(4) > 0 {
				a.Published = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.Intn(90)).Format("2006-01-02")
			}
			arts = append(arts, &a)
			continue
		}
		if len(originals) == 0 || rng.Intn(3) == 0 {
			w = text(40 + rng.Intn(300))
			if rng.Intn(10) == 0 {
				w = text(1 + rng.Intn(5)) // too short to join a story
			}
			day = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.Intn(60))
			originals = append(originals, original{w, day})
		} else {
			o := originals[rng.Intn(len(originals))]
			w = append([]string(nil), o.words...)
			day = o.day.AddDate(0, 0, rng.Intn(3))
			if rng.Intn(4) == 0 { // a template: other numbers, weeks later
				for i := range w {
					if w[i][0] != 'w' {
						w[i] = fmt.Sprint(rng.Intn(5000))
					}
				}
				day = day.AddDate(0, 0, 7+rng.Intn(30))
			}
			edits := rng.Intn(len(w)/8 + 1) // up to an eighth of the words
			for e := 0; e < edits; e++ {
				w[rng.Intn(len(w))] = vocab[rng.Intn(len(vocab))]
			}
			switch rng.Intn(3) {
			case 0:
				w = w[:len(w)*3/4+1]
			case 1:
				w = append(w, text(len(w)/4)...)
			}
		}
		s := strings.Join(w, " ")
		sum := sha256.Sum256([]byte(s))
		a := &article.Article{ID: hex.EncodeToString(sum[:]), Text: s, Clean: s}
		if rng.Intn(5) > 0 {
			a.Published = day.Format("2006-01-02")
		}
		arts = append(arts, a)
	}
	return arts
}

// bruteForce groups arts by comparing every pair (the rule without LSH). It
// also returns how many pairs were near-duplicates that the second check
// (SameReport) kept apart.
func bruteForce(all []*article.Article) (stories map[string]string, apart int) {
	// One signature per id: the copies of one text merge their dates.
	var arts []*article.Article
	var sigs []Signature
	byID := map[string]int{}
	for _, a := range all {
		s := Sign(a)
		if i, ok := byID[a.ID]; ok {
			sigs[i].Report.widen(&s.Report)
			continue
		}
		byID[a.ID] = len(arts)
		arts = append(arts, a)
		sigs = append(sigs, s)
	}
	parent := make([]int, len(arts))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			if Near(&sigs[i], &sigs[j]) {
				parent[find(i)] = find(j)
			} else if sigs[i].Usable && sigs[j].Usable && Similarity(&sigs[i], &sigs[j]) >= Threshold {
				apart++
			}
		}
	}
	minID := map[int]string{}
	for i, a := range arts {
		r := find(i)
		if m, ok := minID[r]; !ok || a.ID < m {
			minID[r] = a.ID
		}
	}
	stories = map[string]string{}
	for i, a := range arts {
		stories[a.ID] = minID[find(i)]
	}
	return stories, apart
}

// TestOrderAndBatches: the stories are the same whatever the order of the
// articles and however the adds are interleaved with Changed (batches), and
// the stories reported by Add and Changed end up as the final ones.
func TestOrderAndBatches(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	arts := corpus(rng, 400)
	var want map[string]string
	for trial := 0; trial < 6; trial++ {
		perm := rng.Perm(len(arts))
		x := NewIndex(0)
		seen := map[string]string{} // what a loader would hold: id -> story
		batch := 1 + rng.Intn(50)
		for k, i := range perm {
			seen[arts[i].ID] = x.Add(arts[i].ID, Sign(arts[i]))
			if (k+1)%batch == 0 || k == len(perm)-1 {
				for _, c := range x.Changed() {
					seen[c.ID] = c.Story
				}
			}
		}
		got := map[string]string{}
		for _, a := range arts {
			got[a.ID] = x.Story(a.ID)
			if seen[a.ID] != got[a.ID] {
				t.Fatalf("trial %d: %s: Add and Changed said story %s, Story says %s", trial, a.ID[:8], seen[a.ID], got[a.ID])
			}
		}
		if trial == 0 {
			want = got
			if n := len(x.Groups()); n < 20 {
				t.Fatalf("only %d multi-article stories in the synthetic corpus: the test checks little", n)
			}
			continue
		}
		for id, s := range want {
			if got[id] != s {
				t.Fatalf("trial %d: story of %s is %s, first trial said %s", trial, id[:8], got[id][:8], s[:8])
			}
		}
	}
	// LSH finds what comparing every pair finds (on this corpus; in general
	// it may miss a pair near the threshold with probability (1-s²)^32).
	bf, apart := bruteForce(arts)
	if apart < 20 {
		t.Errorf("only %d near-duplicate pairs told apart as different reports: the test checks little", apart)
	}
	diff := 0
	for id, s := range bf {
		if want[id] != s {
			diff++
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d articles' stories differ from comparing every pair", diff, len(arts))
	}
}

func TestShortTextsStayAlone(t *testing.T) {
	x := NewIndex(0)
	a := &article.Article{ID: strings.Repeat("a", 64), Clean: "Shr 5 cts vs 4 cts"}
	b := &article.Article{ID: strings.Repeat("b", 64), Clean: "Shr 5 cts vs 4 cts"}
	x.Add(a.ID, Sign(a))
	if got := x.Add(b.ID, Sign(b)); got != b.ID {
		t.Errorf("a five-word text joined story %s", got)
	}
}

func TestMaxBoundsTheIndex(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	arts := corpus(rng, 50)
	x := NewIndex(10)
	for _, a := range arts {
		x.Add(a.ID, Sign(a))
	}
	if x.Len() != 10 || !x.Full() {
		t.Errorf("Len %d, Full %v; want 10, true", x.Len(), x.Full())
	}
	if got := x.Story(arts[40].ID); got != arts[40].ID {
		t.Errorf("an article past Max has story %s, want its own id", got)
	}
}

func TestAddTwiceAndBadIDs(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	arts := corpus(rng, 2)
	x := NewIndex(0)
	s1 := x.Add(arts[0].ID, Sign(arts[0]))
	s2 := x.Add(arts[0].ID, Sign(arts[0]))
	if s1 != s2 || x.Len() != 1 {
		t.Errorf("adding an id twice: %s, %s, Len %d", s1, s2, x.Len())
	}
	if got := x.Add("not-a-hash", Sign(arts[1])); got != "not-a-hash" {
		t.Errorf("bad id: story %q", got)
	}
}

func TestSignatureRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for _, a := range corpus(rng, 20) {
		s := Sign(a)
		enc := s.String()
		back, err := ParseSignature(enc)
		if err != nil {
			t.Fatal(err)
		}
		if back != s {
			t.Fatalf("round trip changed the signature of %s", a.ID[:8])
		}
	}
	for _, bad := range []string{"", "not base64!", "AAAA"} {
		if _, err := ParseSignature(bad); err == nil {
			t.Errorf("ParseSignature(%q) accepted", bad)
		}
	}
}
