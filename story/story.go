// Package story groups near-duplicate articles (one wire story printed by
// several outlets, or cut to different lengths) into stories. It runs beside
// extraction (package pipeline calls it on every article read) and needs
// only the cleaned text and publication date of package article; the
// story id it gives travels in graph.Doc to the loader.
//
// # The rule
//
// Two articles are one story when they are near-duplicates and the same
// report:
//
//   - Near-duplicates: the MinHash estimate of the Jaccard similarity of their
//     word 3-shingle sets (article.MinHash) is at least Threshold, 0.45, and
//     both have at least MinShingles words' worth of shingles.
//   - The same report (SameReport), not one template filled with other
//     facts: more than half of the shorter one's word 5-shingles are in the
//     other (Overlap at least MinOverlap, 0.55, which leaves room for the
//     estimate's error); more than half of the numbers of the one with
//     fewer numbers are in the other (NumberOverlap at least
//     MinNumberOverlap, 0.6), unless the texts are near-identical (Overlap
//     at least NearIdentical, 0.9: a corrected figure); and they were
//     published at most MaxDays, 3, days apart. A missing date, or a text
//     without numbers, is no evidence against. A text seen on several days
//     (one article id) is compared with each of its dates.
//
// A story is a connected component of that relation, and its id is the
// smallest article id (byte order) in it. So the story of an article
// depends only on the set of articles grouped, never on their order or on
// batch boundaries: a later article can join two stories, or bring a smaller
// id, and so change the story of earlier articles (Index.Changed reports
// them).
//
// The threshold was measured. On the seeds the two copies of one AFP story
// score 0.586 and different stories at most 0.109 (article.MinHashSame,
// 0.3, sits between). On Reuters-21578 (one agency, so its near-duplicates
// are reissues, corrections and re-cut copies, plus templated items) 0.3
// chains templated items of different content into large groups: 354
// "Qtly div N cts vs N cts prior" notices, 89 eurobond launches. At
// 0.3/0.4/0.45/0.5 (with MinShingles 15) Reuters had 745/575/500/443
// stories of two or more, the largest of 89/22/18/14 articles (the first
// check alone). Looking at sampled pairs: below 0.45 most are templates
// about different companies (two eurobonds at 0.42); from 0.45 most are one
// story rewritten or re-cut. 0.45 keeps the seeds' pair 3 standard errors
// of a 128-value estimate above the line.
//
// The similarity alone still groups templates that share their wording
// and not their facts: daily money-market reports, weekly slaughter
// estimates, "Fed adds reserves" on different days. Of the 669 pairs
// (story id, member) it grouped on Reuters, 130 shared less than half of
// their 5-shingles, 109 of them published on different days. The second
// check splits them: copies of one report (the seeds' pair: Overlap 0.72,
// all numbers shared, a day apart) keep most 5-shingles, their numbers and
// a date within a weekend, while a template on another day or about another
// company changes figures and names every few words. With it Reuters has
// 429 pairs, 3 of them under half (templates of the same day whose facts
// are names), none on different days; docs/stories.md has the table, how
// the thresholds were chosen, and what was split.
//
// # Finding candidates
//
// Comparing every pair is quadratic, so candidates come from locality
// sensitive hashing: the first Bands*Rows values of the signature are cut into
// Bands bands of Rows values, and each band gives one 32-bit key
// (Signature.Keys). Two articles are compared when they share a key. With 32
// bands of 2 rows, a pair at similarity s shares a key with probability
// 1-(1-s²)^32: 0.9993 at the threshold 0.45, 0.99999 at the seeds' 0.586,
// and 0.03 at 0.03. Pairs that share a key are verified on the whole signature;
// the grouping is then the components of the verified pairs, a function of
// the set of articles alone.
//
// # Memory
//
// An Index keeps, per article, its id (32 bytes), a signature of 128 one-byte
// values (b-bit MinHash: the estimate's bias is (1-s)/256, below 0.003), its
// band keys (32 entries in a hash map) and its Report (128 one-byte values
// of the 5-shingle MinHash, 32 two-byte number hashes, two counts and up to
// MaxDates dates): about 1.06 KiB measured (BenchmarkReuters), never the
// text. Index.Max bounds it: articles past the limit are their own story.
package story

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sort"
	"sync"
	"unicode"

	"github.com/newsgraph/newsgraph/article"
)

// Threshold is the smallest estimated Jaccard similarity at which two
// articles are near-duplicates (see the package comment).
const Threshold = 0.45

// Bands and Rows shape the candidate search (see the package comment).
const (
	Bands = 32
	Rows  = 2
)

// MinShingles is the smallest number of 3-shingles (words minus two) an
// article needs to join a story: a short templated item ("Qtly div 10 cts
// vs 10 cts prior Pay May one Record April 15") has too few for its
// similarity to say it is the same story.
const MinShingles = 15

// Signature is what the Index keeps of one article: the low byte of each
// MinHash value, the band keys computed from the full values, and the
// Report that the second check compares.
type Signature struct {
	Values [article.MinHashSize]uint8
	Keys   [Bands]uint32
	// Usable is false for a text too short to compare (see MinShingles).
	Usable bool
	Report Report
}

// Sign computes the Signature of an article.
func Sign(a *article.Article) Signature {
	s := FromMinHash(a.MinHash())
	s.Usable = s.Usable && enoughWords(a.Clean, MinShingles+article.MinHashShingle-1)
	s.Report = signReport(a)
	return s
}

// enoughWords reports whether text has at least n words (runs of letters
// and digits, as article's shingles count them).
func enoughWords(text string, n int) bool {
	k, in := 0, false
	for _, r := range text {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			if k++; k >= n {
				return true
			}
		}
		in = w
	}
	return false
}

// FromMinHash makes a Signature from an article.MinHash signature. It is
// Usable unless the signature is empty (a text without words); Sign also
// checks the text's length and fills the Report, which FromMinHash leaves
// unknown (so its signature is the same report as no other).
func FromMinHash(mh []uint64) Signature {
	var s Signature
	if len(mh) < article.MinHashSize {
		return s
	}
	for i, v := range mh[:article.MinHashSize] {
		s.Values[i] = uint8(v)
		if v != ^uint64(0) {
			s.Usable = true
		}
	}
	for b := 0; b < Bands; b++ {
		h := uint64(b+1) * 0x9e3779b97f4a7c15
		for r := 0; r < Rows; r++ {
			h = mix(h ^ mh[b*Rows+r])
		}
		s.Keys[b] = uint32(h >> 32)
	}
	return s
}

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Similarity estimates the Jaccard similarity of two articles' shingle sets
// from their signatures (the fraction of equal values).
func Similarity(a, b *Signature) float64 {
	return similarity(&a.Values, &b.Values)
}

func similarity(a, b *[article.MinHashSize]uint8) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// Near reports whether two signed articles are one story: near-duplicates
// (Similarity at least Threshold) that are the same report (SameReport).
func Near(a, b *Signature) bool {
	return a.Usable && b.Usable && Similarity(a, b) >= Threshold && SameReport(a, b)
}

// Index groups articles into stories as they are added. The zero value is
// not usable; use NewIndex. An Index is safe for concurrent use.
type Index struct {
	// Max is the largest number of articles the index holds (0: no limit).
	// Articles added past it get their own story and are not remembered.
	Max int

	mu      sync.Mutex
	ids     [][32]byte
	vals    [][article.MinHashSize]uint8 // Signature.Values (the keys live in first and more)
	reps    []Report                     // Signature.Report
	usable  []bool
	parent  []int32
	min     []int32 // for a root: the member with the smallest id
	next    []int32 // the members of a story as a circular list
	byID    map[[32]byte]int32
	first   map[uint32]int32   // band key -> first member with it
	more    map[uint32][]int32 // band key -> further members
	changed map[int32]bool     // members whose story changed since Changed
	full    bool
}

// NewIndex returns an empty Index holding at most max articles (0: no limit).
func NewIndex(max int) *Index {
	return &Index{
		Max:     max,
		byID:    map[[32]byte]int32{},
		first:   map[uint32]int32{},
		more:    map[uint32][]int32{},
		changed: map[int32]bool{},
	}
}

// Len is the number of distinct articles the index holds.
func (x *Index) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.ids)
}

// Full reports whether an article was refused because the index reached Max.
func (x *Index) Full() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.full
}

// key turns an article id (sha256 hex) into its 32 bytes; ok is false for
// any other string.
func key(id string) ([32]byte, bool) {
	var k [32]byte
	if len(id) != 64 {
		return k, false
	}
	if _, err := hex.Decode(k[:], []byte(id)); err != nil {
		return k, false
	}
	return k, true
}

// Add puts an article (its id, the sha256 hex of article.Article.ID, and its
// signature) in the index and returns its story id. Adding an id again
// changes nothing. An id that is not 64 hex digits is its own story.
func (x *Index) Add(id string, sig Signature) string {
	k, ok := key(id)
	if !ok {
		return id
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if n, ok := x.byID[k]; ok {
		// Another copy of the same text: its date may widen the span of
		// dates the article is compared with; then its candidates are
		// compared again (widening only ever adds pairs, so the result is
		// that of the final spans, whatever the order).
		if x.reps[n].widen(&sig.Report) && x.usable[n] {
			x.addKeys(n, sig.Keys, false)
		}
		return x.storyOf(n)
	}
	if x.Max > 0 && len(x.ids) >= x.Max {
		x.full = true
		return id
	}
	n := int32(len(x.ids))
	x.ids = append(x.ids, k)
	x.vals = append(x.vals, sig.Values)
	x.reps = append(x.reps, sig.Report)
	x.usable = append(x.usable, sig.Usable)
	x.parent = append(x.parent, n)
	x.min = append(x.min, n)
	x.next = append(x.next, n)
	x.byID[k] = n
	if !sig.Usable {
		return id
	}
	x.addKeys(n, sig.Keys, true)
	return x.storyOf(n)
}

// addKeys compares member n with every member that shares one of its band
// keys, and joins their stories when they are near; with add, it also
// files n under its keys.
func (x *Index) addKeys(n int32, keys [Bands]uint32, add bool) {
	for _, bk := range keys {
		f, ok := x.first[bk]
		if !ok {
			if add {
				x.first[bk] = n
			}
			continue
		}
		x.tryUnion(n, f)
		for _, m := range x.more[bk] {
			x.tryUnion(n, m)
		}
		if add {
			x.more[bk] = append(x.more[bk], n)
		}
	}
}

// tryUnion joins the components of n and m when they are not yet one and
// the two articles are near-duplicates.
func (x *Index) tryUnion(n, m int32) {
	rn, rm := x.find(n), x.find(m)
	if rn == rm || !x.near(n, m) {
		return
	}
	mn, mm := x.min[rn], x.min[rm]
	best := mn
	if x.less(mm, mn) {
		best = mm
	}
	// The component whose smallest id is not the joint one changes story.
	if best != mn {
		x.markMembers(rn)
	}
	if best != mm {
		x.markMembers(rm)
	}
	// The older root stays root; find halves paths.
	if rn < rm {
		rn, rm = rm, rn
	}
	x.parent[rn] = rm
	x.min[rm] = best
	x.next[rn], x.next[rm] = x.next[rm], x.next[rn] // splice the member lists
}

// near is Near for two members of the index.
func (x *Index) near(n, m int32) bool {
	return x.usable[n] && x.usable[m] && similarity(&x.vals[n], &x.vals[m]) >= Threshold &&
		x.reps[n].same(&x.reps[m])
}

// markMembers records every member of the story rooted at r as changed.
func (x *Index) markMembers(r int32) {
	for n := r; ; {
		x.changed[n] = true
		if n = x.next[n]; n == r {
			return
		}
	}
}

func (x *Index) less(a, b int32) bool {
	for i := range x.ids[a] {
		if x.ids[a][i] != x.ids[b][i] {
			return x.ids[a][i] < x.ids[b][i]
		}
	}
	return false
}

func (x *Index) find(n int32) int32 {
	for x.parent[n] != n {
		x.parent[n] = x.parent[x.parent[n]]
		n = x.parent[n]
	}
	return n
}

func (x *Index) storyOf(n int32) string {
	return hex.EncodeToString(x.ids[x.min[x.find(n)]][:])
}

// Story returns the story id of an article in the index; an id it does not
// hold is its own story.
func (x *Index) Story(id string) string {
	k, ok := key(id)
	if !ok {
		return id
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	n, ok := x.byID[k]
	if !ok {
		return id
	}
	return x.storyOf(n)
}

// Held returns sig with the dates the index holds for id: those of every
// copy of the same text it has seen (Report.Dates). Stored
// with the article and read back into an index in a later run, it gives
// the stories one run over all the copies gives. For an id the index does
// not hold, sig is returned as it is.
func (x *Index) Held(id string, sig Signature) Signature {
	k, ok := key(id)
	if !ok || !sig.Report.Known {
		return sig
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if n, ok := x.byID[k]; ok && x.reps[n].Known {
		r := &x.reps[n]
		sig.Report.Dates, sig.Report.NDates, sig.Report.Spread, sig.Report.Dated = r.Dates, r.NDates, r.Spread, r.Dated
	}
	return sig
}

// Assignment is one article's story.
type Assignment struct {
	ID    string `json:"id"`
	Story string `json:"story"`
}

// Changed returns the articles whose story changed since the previous call
// of Changed (or since the index was made), with their story now: the
// members of stories that were joined to a story with a smaller id. An
// article added since then is included when its story is not its own id.
// Sorted by id.
func (x *Index) Changed() []Assignment {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := make([]Assignment, 0, len(x.changed))
	for n := range x.changed {
		out = append(out, Assignment{ID: hex.EncodeToString(x.ids[n][:]), Story: x.storyOf(n)})
	}
	clear(x.changed)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Groups returns every story of two or more articles, each as the sorted ids
// of its members, sorted by story id (the first member).
func (x *Index) Groups() [][]string {
	x.mu.Lock()
	defer x.mu.Unlock()
	members := map[int32][]int32{}
	for n := range x.ids {
		r := x.find(int32(n))
		members[r] = append(members[r], int32(n))
	}
	var out [][]string
	for _, ms := range members {
		if len(ms) < 2 {
			continue
		}
		g := make([]string, len(ms))
		for i, m := range ms {
			g[i] = hex.EncodeToString(x.ids[m][:])
		}
		sort.Strings(g)
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// The encoding of a Signature (String): a version byte (2), the values, the
// keys (4 bytes each, big-endian), a flags byte (1: Usable, 2:
// Report.Dated, 4: Report.Spread), then the Report: the 5-shingle MinHash, the number of
// 5-shingles (4 bytes), the number of numbers (2 bytes), the number hashes
// (2 bytes each), the number of dates (1 byte) and the dates (4 bytes
// each, signed). A
// signature of the first format (legacyBytes: values, keys and a Usable
// byte, before reports existed) still parses, with an unknown Report.
const (
	signatureVersion = 2
	legacyBytes      = article.MinHashSize + 4*Bands + 1
	signatureBytes   = 1 + article.MinHashSize + 4*Bands + 1 + LongSize + 4 + 2 + 2*NumberSketch + 1 + 4*MaxDates
)

// String encodes s in base64 (632 characters), for storing it with an
// article (for instance as a property of its Neo4j node) and reading it back
// with ParseSignature.
func (s Signature) String() string {
	b := make([]byte, 0, signatureBytes)
	b = append(b, signatureVersion)
	b = append(b, s.Values[:]...)
	for _, k := range s.Keys {
		b = binary.BigEndian.AppendUint32(b, k)
	}
	var flags byte
	if s.Usable {
		flags |= 1
	}
	r := &s.Report
	if r.Dated {
		flags |= 2
	}
	if r.Spread {
		flags |= 4
	}
	b = append(b, flags)
	b = append(b, r.Long[:]...)
	b = binary.BigEndian.AppendUint32(b, r.Shingles)
	b = binary.BigEndian.AppendUint16(b, r.NumberCount)
	for _, h := range r.Numbers {
		b = binary.BigEndian.AppendUint16(b, h)
	}
	b = append(b, r.NDates)
	for _, d := range r.Dates {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	return base64.StdEncoding.EncodeToString(b)
}

// ParseSignature decodes a Signature encoded by Signature.String. A
// signature written before reports existed (344 characters) parses with an
// unknown Report (Legacy): it takes part in no story until the article is
// signed again.
func ParseSignature(text string) (Signature, error) {
	var s Signature
	b, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return s, fmt.Errorf("story signature: %w", err)
	}
	switch {
	case len(b) == legacyBytes && b[len(b)-1] <= 1:
		copy(s.Values[:], b)
		for i := range s.Keys {
			s.Keys[i] = binary.BigEndian.Uint32(b[article.MinHashSize+4*i:])
		}
		s.Usable = b[len(b)-1] == 1
		return s, nil
	case len(b) == signatureBytes && b[0] == signatureVersion && b[1+article.MinHashSize+4*Bands] <= 7:
	default:
		return s, fmt.Errorf("story signature: %d bytes, want %d", len(b), signatureBytes)
	}
	b = b[1:]
	b = b[copy(s.Values[:], b):]
	for i := range s.Keys {
		s.Keys[i] = binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	flags := b[0]
	b = b[1:]
	s.Usable = flags&1 != 0
	r := &s.Report
	r.Known, r.Dated, r.Spread = true, flags&2 != 0, flags&4 != 0
	b = b[copy(r.Long[:], b):]
	r.Shingles = binary.BigEndian.Uint32(b)
	r.NumberCount = binary.BigEndian.Uint16(b[4:])
	b = b[6:]
	for i := range r.Numbers {
		r.Numbers[i] = binary.BigEndian.Uint16(b)
		b = b[2:]
	}
	r.NDates = min(b[0], MaxDates)
	b = b[1:]
	for i := range r.Dates {
		r.Dates[i] = int32(binary.BigEndian.Uint32(b))
		b = b[4:]
	}
	return s, nil
}

// Legacy reports whether s was parsed from the first signature format, which
// has no Report: such an article is in no story with another until it is
// signed again (docs/stories.md, "Signatures stored before").
func (s *Signature) Legacy() bool {
	return !s.Report.Known
}
