package story

import (
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/article"
)

// The second check: is a near-duplicate pair the same report? See the
// package comment for the rule and how it was measured.
const (
	// MinOverlap is the smallest share of the shorter article's word
	// 5-shingles that must be found in the other (Overlap): more than half.
	// The estimate's standard deviation is about 0.04 between 0.3 and 0.7
	// (measured on Reuters), so 0.55 rather than 0.5 keeps pairs that share
	// less than half from passing by chance.
	MinOverlap = 0.55
	// MinNumberOverlap is the smallest share of the numbers of the article
	// with fewer numbers that must be found in the other (NumberOverlap),
	// when both have numbers: more than half (both of two, two of three).
	MinNumberOverlap = 0.6
	// NearIdentical is the Overlap from which two texts are the same report
	// whatever their numbers: a correction that changed a figure.
	NearIdentical = 0.9
	// MaxDays is the largest number of days between the publication dates
	// of two copies of one report, when both dates are known.
	MaxDays = 3
)

// Sizes of a Report.
const (
	// LongShingle is the number of words in the shingles Overlap compares.
	LongShingle = 5
	// LongSize is the number of values in the MinHash of the 5-shingles.
	LongSize = 128
	// NumberSketch is the number of number hashes a Report keeps (the
	// smallest): up to this many numbers an article's are kept whole.
	NumberSketch = 32
)

// Report is the part of a Signature that tells whether two near-duplicates
// are the same report rather than one template with different facts: the
// MinHash of the word 5-shingles, the numbers, and the publication date.
type Report struct {
	// Known is false for a signature from before reports existed (see
	// ParseSignature): such an article is the same report as no other.
	Known bool
	// Long holds the low byte of each of LongSize MinHash values over the
	// distinct word 5-shingles, Shingles how many there are.
	Long     [LongSize]uint8
	Shingles uint32
	// Numbers holds the smallest 16-bit hashes of the distinct numbers of the
	// text (whitespace-separated tokens with a digit, stripped of
	// punctuation around them), ascending; NumberCount how many distinct
	// hashes there are (saturated at 65535).
	Numbers     [NumberSketch]uint16
	NumberCount uint16
	// Dates are the publication dates, in days since 1970-01-01, when
	// Dated: one for an article, and for the copies of one text (one
	// article id) seen on several days (Index.Add) each of their dates,
	// ascending, up to MaxDates; past that (Spread) the first and the last.
	// A copy without a date makes the text undated.
	Dates  [MaxDates]int32
	NDates uint8
	Spread bool
	Dated  bool
}

// MaxDates is the number of distinct dates a Report holds for copies of one
// text before it keeps only the first and the last (Report.Spread).
const MaxDates = 4

// longMul are the odd multipliers of the 5-shingle MinHash, one per value.
var longMul = func() (m [LongSize]uint64) {
	for i := range m {
		m[i] = mix(uint64(i+1)*0xd6e8feb86659fd93) | 1
	}
	return m
}()

// signReport computes the Report of an article.
func signReport(a *article.Article) Report {
	r := Report{Known: true}
	long, nums := scan(a.Clean)
	r.Shingles = uint32(len(long))
	for i := range r.Long {
		r.Long[i] = 0xff
	}
	if len(long) > 0 {
		var mins [LongSize]uint64
		for i := range mins {
			mins[i] = ^uint64(0)
		}
		// h is already well mixed, so one multiplication by an odd
		// constant per value orders the shingles as a random permutation
		// would (a multiply-shift hash), at a fraction of mix's cost.
		for _, h := range long {
			for i := range mins {
				if x := h * longMul[i]; x < mins[i] {
					mins[i] = x
				}
			}
		}
		for i, v := range mins {
			r.Long[i] = uint8(v)
		}
	}
	r.NumberCount = uint16(min(len(nums), 0xffff))
	for i := range r.Numbers {
		r.Numbers[i] = 0xffff
	}
	copy(r.Numbers[:], nums)
	if d, ok := day(a.Published); ok {
		r.Dates[0], r.NDates, r.Dated = d, 1, true
	}
	return r
}

// day reads a YYYY-MM-DD date (article.Article.Published) as days since
// 1970-01-01.
func day(published string) (int32, bool) {
	if len(published) < 10 {
		return 0, false
	}
	t, err := time.Parse("2006-01-02", published[:10])
	if err != nil {
		return 0, false
	}
	return int32(t.Unix() / 86400), true
}

// scan returns the distinct hashes of the word 5-shingles of text (words are
// runs of letters and digits, lower-cased, as article's shingles count
// them; a text of fewer words is one shingle) and the distinct 16-bit
// hashes of its numbers, ascending.
func scan(text string) (long []uint64, nums []uint16) {
	var words []uint64
	h, in := uint64(fnvOffset), false
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		if c < utf8.RuneSelf { // ASCII: the common case, without decoding
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				if in {
					words = append(words, h)
					h, in = fnvOffset, false
				}
				continue
			}
			h = (h ^ uint64(c)) * fnvPrime
			in = true
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if in {
				words = append(words, h)
				h, in = fnvOffset, false
			}
			continue
		}
		h = hashRune(h, unicode.ToLower(r))
		in = true
	}
	if in {
		words = append(words, h)
	}
	n := min(LongShingle, len(words))
	for i := 0; n > 0 && i+n <= len(words); i++ {
		s := uint64(n)
		for _, w := range words[i : i+n] {
			s = mix(s ^ w)
		}
		long = append(long, s)
	}
	slices.Sort(long)
	long = slices.Compact(long)

	for start := 0; start < len(text); {
		// One whitespace-separated token.
		for start < len(text) && isSpace(text[start]) {
			start++
		}
		end, maybe := start, false
		for end < len(text) && !isSpace(text[end]) {
			c := text[end]
			maybe = maybe || '0' <= c && c <= '9' || c >= utf8.RuneSelf
			end++
		}
		if maybe {
			if x, ok := number(text[start:end]); ok {
				nums = append(nums, x)
			}
		}
		start = end
	}
	slices.Sort(nums)
	return long, slices.Compact(nums)
}

// hashRune adds r, UTF-8 encoded, to the FNV-1a hash h.
func hashRune(h uint64, r rune) uint64 {
	var buf [utf8.UTFMax]byte
	for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
		h = (h ^ uint64(b)) * fnvPrime
	}
	return h
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func isSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' || b == '\v'
}

// number hashes a token that holds a digit, without the punctuation around
// it ("(6-1/8)," is "6-1/8"), lower-cased; ok is false for other tokens.
func number(tok string) (uint16, bool) {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	start, end := 0, len(tok)
	for start < end {
		r, n := utf8.DecodeRuneInString(tok[start:])
		if isWord(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(tok[:end])
		if isWord(r) {
			break
		}
		end -= n
	}
	h, digit := uint64(fnvOffset), false
	for _, r := range tok[start:end] {
		digit = digit || unicode.IsDigit(r)
		h = hashRune(h, unicode.ToLower(r))
	}
	return uint16(mix(h) >> 48), digit
}

// Overlap estimates the share of the shorter article's word 5-shingles that
// the other article has too: the Jaccard similarity J of the two sets, from
// their MinHash, turned into |A∩B|/min(|A|,|B|) = J(|A|+|B|)/((1+J)
// min(|A|,|B|)). A copy cut shorter scores near 1; a template filled with
// other facts scores low, since every differing word breaks five shingles.
func Overlap(a, b *Signature) float64 {
	return a.Report.overlap(&b.Report)
}

func (r *Report) overlap(o *Report) float64 {
	if !r.Known || !o.Known || r.Shingles == 0 || o.Shingles == 0 {
		return 0
	}
	same := 0
	for i := range r.Long {
		if r.Long[i] == o.Long[i] {
			same++
		}
	}
	j := float64(same) / LongSize
	na, nb := float64(r.Shingles), float64(o.Shingles)
	return min(1, j*(na+nb)/((1+j)*min(na, nb)))
}

// NumberOverlap is the share of the numbers of the article with fewer
// numbers that the other article has too; ok is false when either has none
// (no evidence either way). It is exact when both have at most NumberSketch
// numbers (up to 16-bit hash collisions) and otherwise estimated from the
// smallest hashes (a bottom-k sketch of the union).
func NumberOverlap(a, b *Signature) (share float64, ok bool) {
	return a.Report.numberOverlap(&b.Report)
}

func (r *Report) numberOverlap(o *Report) (float64, bool) {
	if !r.Known || !o.Known || r.NumberCount == 0 || o.NumberCount == 0 {
		return 0, false
	}
	na, nb := int(r.NumberCount), int(o.NumberCount)
	sa, sb := r.Numbers[:min(na, NumberSketch)], o.Numbers[:min(nb, NumberSketch)]
	// Walk the union of the two sketches in ascending order: its k smallest
	// values are the k smallest of the union of the two sets, and each is in
	// both sets when it is in both sketches.
	k := len(sa) + len(sb)
	if na > NumberSketch || nb > NumberSketch {
		k = NumberSketch
	}
	union, both := 0, 0
	for i, j := 0, 0; union < k && (i < len(sa) || j < len(sb)); union++ {
		switch {
		case j == len(sb) || (i < len(sa) && sa[i] < sb[j]):
			i++
		case i == len(sa) || sb[j] < sa[i]:
			j++
		default:
			both++
			i++
			j++
		}
	}
	if na <= NumberSketch && nb <= NumberSketch {
		return float64(both) / float64(min(na, nb)), true
	}
	jac := float64(both) / float64(union)
	return min(1, jac*float64(na+nb)/((1+jac)*float64(min(na, nb)))), true
}

// Days is the number of days between the publication dates of two articles
// (the nearest two, for a text seen on several days: see Report.Dates); ok
// is false when either date is unknown.
func Days(a, b *Signature) (days int, ok bool) {
	return a.Report.days(&b.Report)
}

func (r *Report) days(o *Report) (int, bool) {
	if !r.Dated || !o.Dated || r.NDates == 0 || o.NDates == 0 {
		return 0, false
	}
	best := -1
	for _, a := range r.spans() {
		for _, b := range o.spans() {
			d := max(0, int(b[0])-int(a[1]), int(a[0])-int(b[1]))
			if best < 0 || d < best {
				best = d
			}
		}
	}
	return best, true
}

// spans returns r's dates as intervals: one per date, or the one from the
// first to the last date when Spread.
func (r *Report) spans() [][2]int32 {
	if r.Spread {
		return [][2]int32{{r.Dates[0], r.Dates[1]}}
	}
	out := make([][2]int32, r.NDates)
	for i, d := range r.Dates[:r.NDates] {
		out[i] = [2]int32{d, d}
	}
	return out
}

// widen merges into r the dates of another copy of the same text (the same
// article id), so that the Report holds for every copy seen: all their
// dates, or, past MaxDates, the first and the last; no date when a copy has
// none. The result depends only on the set of copies, not their order. It
// reports whether r changed: it then passes the date check with the same
// articles as before and perhaps more.
func (r *Report) widen(o *Report) bool {
	if !r.Known || !o.Known || !r.Dated {
		return false
	}
	if !o.Dated || o.NDates == 0 {
		r.Dated, r.Dates, r.NDates, r.Spread = false, [MaxDates]int32{}, 0, false
		return true
	}
	var all []int32
	for _, s := range append(r.spans(), o.spans()...) {
		all = append(all, s[0], s[1])
	}
	slices.Sort(all)
	all = slices.Compact(all)
	w := *r
	if r.Spread || o.Spread || len(all) > MaxDates {
		w.Spread, w.NDates = true, 2
		w.Dates = [MaxDates]int32{all[0], all[len(all)-1]}
	} else {
		w.NDates = uint8(copy(w.Dates[:], all))
	}
	changed := w != *r
	*r = w
	return changed
}

// SameReport reports whether two near-duplicate articles are one report, not
// one template filled with different facts: most of the shorter one's
// 5-shingles are in the other (MinOverlap), the numbers of the one with fewer
// numbers are mostly in the other (MinNumberOverlap) unless the texts are
// near-identical (NearIdentical: a corrected figure), and they were
// published within MaxDays of each other. A missing date or the absence of
// numbers is no evidence against. A signature without a Report (Known
// false) is the same report as no other.
func SameReport(a, b *Signature) bool {
	return a.Report.same(&b.Report)
}

func (r *Report) same(o *Report) bool {
	if !r.Known || !o.Known {
		return false
	}
	if d, ok := r.days(o); ok && d > MaxDays {
		return false
	}
	ov := r.overlap(o)
	if ov < MinOverlap {
		return false
	}
	if n, ok := r.numberOverlap(o); ok && n < MinNumberOverlap && ov < NearIdentical {
		return false
	}
	return true
}
