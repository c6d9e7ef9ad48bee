package ner

import "slices"

// Context aggregation (Ratinov and Roth 2009): a capitalised word that occurs
// several times in one document gets, as features, the words around its other
// occurrences, so "Kent" beside "beat" and "county" elsewhere in the article
// helps to read "Kent" in a table of results.

const maxAggOthers = 8

var aggWordMul uint64 = 0

type aggPos struct {
	h   uint64
	pos int32
}

// aggregator computes context-aggregation keys for a whole document.
type aggregator struct {
	pos   []aggPos
	keys  []uint64 // flat keys by document token
	start []int32  // start[t]..start[t+1] are document token t's keys
	grp   []aggSpan
}

type aggSpan struct{ lo, hi int32 }

// build computes the keys for the document whose analysed tokens are info
// (all sentences, flat) with sentence boundaries bounds (len = sentences+1).
func (a *aggregator) build(info []tokInfo, bounds []int32) {
	n := len(info)
	a.pos = a.pos[:0]
	for s := 0; s+1 < len(bounds); s++ {
		for t := bounds[s]; t < bounds[s+1]; t++ {
			if histEligible(&info[t]) {
				a.pos = append(a.pos, aggPos{info[t].lower, t})
			}
		}
	}
	slices.SortFunc(a.pos, func(x, y aggPos) int {
		switch {
		case x.h < y.h:
			return -1
		case x.h > y.h:
			return 1
		}
		return int(x.pos - y.pos)
	})
	if cap(a.start) < n+1 {
		a.start = make([]int32, n+1, 2*n+2)
	}
	a.start = a.start[:n+1]
	// sentence of each position, to find neighbours inside the sentence
	prevOf := func(t int32) uint64 {
		s, _ := slices.BinarySearch(bounds, t+1)
		if t-1 >= bounds[s-1] {
			return info[t-1].cluster[1] ^ info[t-1].lower*aggWordMul
		}
		return boundary
	}
	nextOf := func(t int32) uint64 {
		s, _ := slices.BinarySearch(bounds, t+1)
		if t+1 < bounds[s] {
			return info[t+1].cluster[1] ^ info[t+1].lower*aggWordMul
		}
		return boundary + 1
	}
	// group of each token in a.pos (lo == hi: none)
	if cap(a.grp) < n {
		a.grp = make([]aggSpan, n, 2*n)
	}
	a.grp = a.grp[:n]
	clear(a.grp)
	for i := 0; i < len(a.pos); {
		j := i + 1
		for j < len(a.pos) && a.pos[j].h == a.pos[i].h {
			j++
		}
		if j-i > 1 {
			for k := i; k < j; k++ {
				a.grp[a.pos[k].pos] = aggSpan{int32(i), int32(j)}
			}
		}
		i = j
	}
	a.keys = a.keys[:0]
	for t := int32(0); t < int32(n); t++ {
		a.start[t] = int32(len(a.keys))
		g := a.grp[t]
		if g.lo == g.hi {
			continue
		}
		first := len(a.keys)
		others := 0
		for k := g.lo; k < g.hi && others < maxAggOthers; k++ {
			q := a.pos[k].pos
			if q == t {
				continue
			}
			others++
			for _, key := range [2]uint64{fkey(tAggPrev, prevOf(q)), fkey(tAggNext, nextOf(q))} {
				if !slices.Contains(a.keys[first:], key) {
					a.keys = append(a.keys, key)
				}
			}
		}
	}
	a.start[n] = int32(len(a.keys))
}
