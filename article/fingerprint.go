package article

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
)

// Near-duplicate detection, measured on the seeds (TestSeedsNearDuplicates;
// 000 and 001 are one AFP wire story, 001 being a longer cut of it; 002, 003
// and 004 are other stories about the same event):
//
//	                          same story   different stories
//	exact Jaccard, 3-shingles     0.525        <= 0.121
//	MinHash (128), 3-shingles     0.586        <= 0.109
//	SimHash (64), 2-shingles          9        >= 23 bits
//	SimHash (64), 3-shingles         20        >= 21 bits (no margin)
//
// A 64-bit SimHash of a short text has a large variance (a few bits either
// way), so the MinHash estimate is the better story test; SimHash is kept
// as the compact fingerprint the brief asked for. At corpus scale a 64-bit
// SimHash alone is not enough: on BBC News (2,225 articles, 2.47 million
// pairs) 317 pairs are within 16 bits, 145 of them unrelated texts (MinHash
// 0.00) that collide by chance (the tail of Binomial(64, 1/2)), while
// MinHash >= 0.3 gives 188 pairs, all of them visibly the same story. So:
// find candidate pairs with BandKeys (or SimHash <= NearDuplicate), and
// confirm with SimilarMinHash >= MinHashSame.

// SimHashShingle and MinHashShingle are the numbers of words in one shingle.
const (
	SimHashShingle = 2
	MinHashShingle = 3
)

// NearDuplicate is the largest SimHash Hamming distance (Similar) at which two
// articles count as the same story: halfway between the seeds' 9 and 23.
const NearDuplicate = 16

// MinHashSize is the number of hash functions in a MinHash signature.
const MinHashSize = 128

// MinHashSame is the smallest estimated Jaccard similarity (SimilarMinHash)
// at which two articles count as the same story (seeds: 0.586 same story,
// at most 0.109 otherwise).
const MinHashSame = 0.3

// words returns the lower-cased words (runs of letters and digits) of the
// cleaned text.
func words(clean string) []string {
	return strings.FieldsFunc(strings.ToLower(clean), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// shingleHashes returns the 64-bit hashes of the word shingles of the cleaned
// text, each once.
func shingleHashes(clean string, size int) []uint64 {
	w := words(clean)
	n := size
	if len(w) < n {
		n = len(w)
	}
	seen := make(map[uint64]bool, len(w))
	var out []uint64
	for i := 0; i+n <= len(w) && n > 0; i++ {
		h := fnv.New64a()
		for j := i; j < i+n; j++ {
			h.Write([]byte(w[j]))
			h.Write([]byte{0})
		}
		x := mix64(h.Sum64())
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// mix64 is the splitmix64 finaliser: it spreads FNV's bits evenly.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Fingerprint is a 64-bit SimHash over the word shingles of the cleaned body
// (boilerplate and metadata excluded). Articles whose fingerprints are within
// NearDuplicate bits of each other (Similar) are near-duplicates.
func (a *Article) Fingerprint() uint64 {
	return simHash(shingleHashes(a.Clean, SimHashShingle))
}

func simHash(hs []uint64) uint64 {
	var v [64]int
	for _, h := range hs {
		for b := 0; b < 64; b++ {
			if h&(1<<b) != 0 {
				v[b]++
			} else {
				v[b]--
			}
		}
	}
	var f uint64
	for b := 0; b < 64; b++ {
		if v[b] > 0 {
			f |= 1 << b
		}
	}
	return f
}

// Similar returns the Hamming distance between two fingerprints: 0 for the
// same text, about 32 for unrelated texts.
func Similar(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}

// MinHash returns a MinHash signature of MinHashSize values over the word
// shingles of the cleaned body. SimilarMinHash estimates the Jaccard
// similarity of two articles' shingle sets from their signatures.
func (a *Article) MinHash() []uint64 {
	return minHash(shingleHashes(a.Clean, MinHashShingle))
}

func minHash(hs []uint64) []uint64 {
	sig := make([]uint64, MinHashSize)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, h := range hs {
		for i := range sig {
			x := mix64(h ^ (uint64(i+1) * 0x9e3779b97f4a7c15))
			if x < sig[i] {
				sig[i] = x
			}
		}
	}
	return sig
}

// SimilarMinHash estimates the Jaccard similarity (0..1) of the shingle sets
// behind two MinHash signatures.
func SimilarMinHash(a, b []uint64) float64 {
	n := min(len(a), len(b))
	if n == 0 {
		return 0
	}
	same := 0
	for i := 0; i < n; i++ {
		if a[i] == b[i] && a[i] != ^uint64(0) {
			same++
		}
	}
	return float64(same) / float64(n)
}

// jaccard is the exact Jaccard similarity of two articles' shingle sets.
func jaccard(a, b *Article) float64 {
	sa := map[uint64]bool{}
	for _, h := range shingleHashes(a.Clean, MinHashShingle) {
		sa[h] = true
	}
	inter, union := 0, len(sa)
	for _, h := range shingleHashes(b.Clean, MinHashShingle) {
		if sa[h] {
			inter++
		} else {
			union++
		}
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// BandRows is the number of signature values per LSH band in BandKeys.
const BandRows = 2

// BandKeys returns locality-sensitive hash keys of a MinHash signature
// (MinHashSize/BandRows bands of BandRows values each, the band index mixed
// in). Two articles whose shingle sets have Jaccard similarity J share at
// least one key with probability 1-(1-J^2)^64: 0.998 at J = 0.3, 0.15 at
// J = 0.05. Group articles by key, then confirm each candidate pair with
// SimilarMinHash >= MinHashSame.
func BandKeys(sig []uint64) []uint64 {
	keys := make([]uint64, 0, len(sig)/BandRows)
	for b := 0; b+BandRows <= len(sig); b += BandRows {
		h := mix64(uint64(b) + 0x9e3779b97f4a7c15)
		for _, v := range sig[b : b+BandRows] {
			h = mix64(h ^ v)
		}
		keys = append(keys, h)
	}
	return keys
}
