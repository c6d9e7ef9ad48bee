package story

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/article"
)

// Invented texts: a templated market report and a longer news story.
const (
	marketReport = `The central bank of Norland said it gave the money market %s million crowns of help in the morning
session, buying bills in band one at %s percent. It had forecast a shortage of %s million crowns for the day,
before taking into account its early help. Dealers said overnight rates stayed near %s percent and that more
help was likely in the afternoon if the shortage persists.`

	newsStory = `Harbour workers at the port of Veldrin walked off the job on Monday, halting the loading of 14 grain
ships, after talks on a new wage contract broke down late on Sunday, union leaders said. The union is asking for
a rise of 9 percent over two years, while the port authority has offered 4 percent and a one-off payment of 600
crowns per worker. Grain traders said the strike could delay shipments of about 210,000 tonnes of wheat due to
leave this month. The port authority said it regretted the walkout and remained ready to meet the union at any
time. A spokeswoman for the farm ministry said the government was watching the dispute closely and would ask
both sides to accept mediation if no agreement was reached by Thursday. Previous strikes at Veldrin, in 1998
and 2011, lasted eleven and six days. Exporters said buyers abroad were already asking about other ports.`

	// oneFigure has a single number, so correcting it leaves no number in
	// common.
	oneFigure = `The board of Calder Mills, the textile maker, agreed on Tuesday to sell its spinning plant in the
north of the country to a group of local investors for %s crowns, the company said in a statement. The plant has
made losses for several years and the sale will let the company concentrate on weaving and on its shops, the
statement said. The buyers plan to keep most of the staff and to invest in new machines over the coming years,
a spokesman for the group told reporters. The company did not say when the sale would be completed, but said it
needed the approval of the competition authority and of its shareholders at the next general meeting.`
)

func fill(template string, xs ...string) string {
	for _, x := range xs {
		template = strings.Replace(template, "%s", x, 1)
	}
	return template
}

// art makes an article with its id, as article.Parse would, from text and a
// publication date ("" for none).
func art(text, published string) *article.Article {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return &article.Article{ID: hex.EncodeToString(sum[:]), Text: text, Clean: text, Published: published}
}

// pairCase is two articles and whether they must be one story.
type pairCase struct {
	name string
	a, b *article.Article
	same bool
	// near says the pair passes the first check (Similarity), so that the
	// second one is what decides.
	near bool
}

func reportCases() []pairCase {
	day1 := fill(marketReport, "215", "9.5", "600", "9-3/8")
	day2 := fill(marketReport, "180", "9.25", "450", "9-1/4")
	words := strings.Fields(newsStory)
	short := strings.Join(words[:len(words)*3/5], " ") + "."
	corrected := strings.Replace(newsStory, "210,000 tonnes", "120,000 tonnes", 1)
	return []pairCase{
		{"template on two days with different numbers", art(day1, "1987-03-02"), art(day2, "1987-03-03"), false, true},
		{"template on one day with different numbers", art(day1, "1987-03-02"), art(day2, "1987-03-02"), false, true},
		{"template with different numbers, no dates", art(day1, ""), art(day2, ""), false, true},
		{"same text ten days apart", art(newsStory, "2021-12-04"), art(newsStory+" Reuter", "2021-12-14"), false, true},
		{"copy re-cut shorter, a day later", art(newsStory, "2021-12-04"), art(short, "2021-12-05"), true, true},
		{"copy re-cut shorter, one date missing", art(newsStory, "2021-12-04"), art(short, ""), true, true},
		{"copy three days later (a weekend)", art(newsStory, "2021-12-03"), art(newsStory+" Reuter", "2021-12-06"), true, true},
		{"correction of one figure of many", art(newsStory, "2021-12-04"), art(corrected, "2021-12-04"), true, true},
		{"correction of the only figure", art(fill(oneFigure, "85 million"), "2021-12-07"),
			art(fill(oneFigure, "58 million"), "2021-12-07"), true, true},
	}
}

// TestSameReport: a template filled with other figures, or printed ten days
// later, is not the same report even though the texts are near-duplicates;
// a copy cut shorter, a copy without a date and a corrected figure are.
func TestSameReport(t *testing.T) {
	for _, c := range reportCases() {
		sa, sb := Sign(c.a), Sign(c.b)
		if c.near && Similarity(&sa, &sb) < Threshold {
			t.Errorf("%s: similarity %.2f below %.2f: the case does not test the second check",
				c.name, Similarity(&sa, &sb), Threshold)
		}
		num, _ := NumberOverlap(&sa, &sb)
		d, _ := Days(&sa, &sb)
		t.Logf("%s: similarity %.2f, overlap %.2f, numbers %.2f, days %d",
			c.name, Similarity(&sa, &sb), Overlap(&sa, &sb), num, d)
		if got := Near(&sa, &sb); got != c.same {
			t.Errorf("%s: Near = %v, want %v (similarity %.2f, overlap %.2f, numbers %.2f)",
				c.name, got, c.same, Similarity(&sa, &sb), Overlap(&sa, &sb), num)
		}
		x := NewIndex(0)
		x.Add(c.a.ID, sa)
		story := x.Add(c.b.ID, sb)
		if want := c.b.ID; c.same {
			want = min(c.a.ID, c.b.ID)
			if story != want {
				t.Errorf("%s: index story %s, want %s", c.name, story[:8], want[:8])
			}
		} else if story != want {
			t.Errorf("%s: index grouped the pair", c.name)
		}
	}
}

func TestNumberOverlap(t *testing.T) {
	sig := func(text string) Signature { return Sign(art(text, "")) }
	nums := func(n, from int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(" item ")
			b.WriteString(strings.Repeat("1", 1+(from+i)%3))
			b.WriteString("-")
			b.WriteString(hex.EncodeToString([]byte{byte(from + i)}))
			b.WriteString("7,")
		}
		return b.String()
	}
	for _, c := range []struct {
		name   string
		a, b   string
		want   float64
		tol    float64
		hasNum bool
	}{
		{"no numbers", "words only here", "1 2 3", 0, 0, false},
		{"punctuation around", "rose (6-1/8), then 1.5%", "at 6-1/8 and 1.5 and 7", 1, 0, true},
		{"half", "4 5", "5 6 7", 0.5, 0, true},
		{"small in large, exact", nums(10, 0), nums(30, 0), 1, 0, true},
		{"large sets, estimated", nums(200, 0), nums(200, 100), 0.5, 0.2, true},
		{"disjoint large sets", nums(200, 0), nums(200, 1000), 0, 0.1, true},
	} {
		a, b := sig(c.a), sig(c.b)
		got, ok := NumberOverlap(&a, &b)
		if ok != c.hasNum || got < c.want-c.tol || got > c.want+c.tol {
			t.Errorf("%s: NumberOverlap = %.2f, %v; want %.2f±%.2f, %v", c.name, got, ok, c.want, c.tol, c.hasNum)
		}
	}
}

// TestLegacySignature: a signature stored in the first format (before
// reports) parses, is Legacy, and groups with nothing; the current format
// round-trips with its report.
func TestLegacySignature(t *testing.T) {
	a := Sign(art(newsStory, "2021-12-04"))
	if a.Legacy() || !a.Report.Known || !a.Report.Dated || a.Report.NumberCount == 0 {
		t.Fatalf("a new signature has no report: %+v", a.Report)
	}
	back, err := ParseSignature(a.String())
	if err != nil || back != a {
		t.Fatalf("round trip: %v, equal %v", err, back == a)
	}
	if n := len(a.String()); n != 632 {
		t.Errorf("encoded length %d, docs say 632", n)
	}
	old := legacyString(a)
	if len(old) != 344 {
		t.Fatalf("legacy encoding %d characters, want 344", len(old))
	}
	l, err := ParseSignature(old)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Legacy() || l.Values != a.Values || l.Keys != a.Keys || !l.Usable {
		t.Errorf("legacy signature parsed as %+v", l)
	}
	if Near(&l, &a) || Near(&l, &l) {
		t.Error("a legacy signature is near another")
	}
}

// legacyString encodes s as the first format did.
func legacyString(s Signature) string {
	var l Signature
	l.Values, l.Keys, l.Usable = s.Values, s.Keys, s.Usable
	b, _ := base64.StdEncoding.DecodeString(l.String())
	b = append(b[1:1+article.MinHashSize+4*Bands:1+article.MinHashSize+4*Bands], 1)
	return base64.StdEncoding.EncodeToString(b)
}

// TestCopiesWithOtherDates: the same text (one article id) seen on day 1
// and day 11 is compared with each of its dates, so a copy dated day 12
// joins it whatever the order the three arrive in (without the second
// sighting it would not), and one dated day 6, five days from both, does
// not.
func TestCopiesWithOtherDates(t *testing.T) {
	first := art(newsStory, "2021-12-01")
	again := art(newsStory, "2021-12-11") // same text, same id
	later := art(newsStory+" Reuter", "2021-12-12")
	if first.ID != again.ID {
		t.Fatal("the same text has two ids")
	}
	want := min(first.ID, later.ID)
	arts := []*article.Article{first, again, later}
	for _, order := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		x := NewIndex(0)
		for _, i := range order {
			x.Add(arts[i].ID, Sign(arts[i]))
		}
		if got := x.Story(later.ID); got != want {
			t.Errorf("order %v: story %s, want %s", order, got[:8], want[:8])
		}
	}
	x := NewIndex(0)
	x.Add(first.ID, Sign(first))
	if got := x.Add(later.ID, Sign(later)); got != later.ID {
		t.Errorf("eleven days apart, without the second copy: grouped")
	}
	middle := art(newsStory+" (Reuters)", "2021-12-06")
	x = NewIndex(0)
	x.Add(first.ID, Sign(first))
	x.Add(again.ID, Sign(again))
	if got := x.Add(middle.ID, Sign(middle)); got != middle.ID {
		t.Errorf("five days from both dates of a text: grouped")
	}
	// Across runs: the signature stored for the text (Held) carries both
	// dates, so a later run that reads it back groups the later copy.
	x = NewIndex(0)
	x.Add(first.ID, Sign(first))
	x.Add(again.ID, Sign(again))
	stored, err := ParseSignature(x.Held(again.ID, Sign(again)).String())
	if err != nil {
		t.Fatal(err)
	}
	next := NewIndex(0)
	next.Add(first.ID, stored)
	if got := next.Add(later.ID, Sign(later)); got != want {
		t.Errorf("a later run with the stored signature: story %s, want %s", got[:8], want[:8])
	}
}

// TestWidenOrder: the dates of the copies of one text make the same Report
// whatever order they come in, below and past MaxDates.
func TestWidenOrder(t *testing.T) {
	dates := []string{"2021-12-09", "2021-12-01", "", "2021-12-05", "2021-12-01", "2021-12-20", "2021-12-03"}
	for _, n := range []int{2, 4, 5, len(dates)} {
		var want Report
		for trial, perm := range [][]int{{0, 1, 3, 4, 5, 6, 2}, {6, 5, 4, 3, 1, 0, 2}, {2, 3, 0, 6, 1, 5, 4}} {
			var r Report
			first := true
			for _, i := range perm {
				if i >= n {
					continue
				}
				s := Sign(art(newsStory, dates[i]))
				if first {
					r, first = s.Report, false
					continue
				}
				r.widen(&s.Report)
			}
			if trial == 0 {
				want = r
			} else if r != want {
				t.Errorf("%d dates, order %v: %+v, want %+v", n, perm, r.Dates, want.Dates)
			}
		}
		if n > 2 && want.Dated { // dates[2] is a copy without a date
			t.Errorf("%d dates: a copy without a date left the text dated", n)
		}
		if n == 2 && (want.NDates != 2 || want.Spread) {
			t.Errorf("two dates: %d dates, spread %v", want.NDates, want.Spread)
		}
	}
	var r Report
	for i, d := range []string{"2021-12-09", "2021-12-01", "2021-12-05", "2021-12-03", "2021-12-20"} {
		s := Sign(art(newsStory, d))
		if i == 0 {
			r = s.Report
			continue
		}
		r.widen(&s.Report)
	}
	if !r.Spread || r.NDates != 2 {
		t.Errorf("five dates: spread %v, %d dates; want the first and the last", r.Spread, r.NDates)
	}
}
