package ner

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Feature extraction for the tagger. Every feature is a 64-bit key: the hash
// of a template id and a value hash. Values are hashed straight from the token
// text (normalised on the fly: curly quotes to straight ones, digits to 0,
// lower case where the template asks), so extraction allocates nothing per
// token once the scratch buffers have grown.

// Feature templates. Their numeric values are part of the model format: only
// append new ones, never renumber.
const (
	tBias uint64 = iota + 1
	tLower
	tExact
	tLowerM1
	tLowerP1
	tLowerM2
	tLowerP2
	tBigramM1
	tBigramP1
	tPrefix
	tSuffix
	tShape
	tShapeM1
	tShapeP1
	tShapeTri
	tFlags
	tFirstCap
	tCluster
	tClusterM1
	tClusterP1
	tGaz
	tGazM1
	tGazP1
	tHist
	tHistAll
	tAllCapsShape
	tCaseRatio
	tCaseRatioM1
	tCaseRatioP1
	tShortShape
	tShortShapeM1
	tShortShapeP1
	tLowerShapeM1
	tLowerShapeP1
	tExactM1
	tExactP1
	tClusterM2
	tClusterP2
	tGazM2
	tGazP2
	tHistM1
	tHistP1
	tShortShapeM2
	tShortShapeP2
	tAggPrev
	tAggNext
	tDocNum
	tDocGaz
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// fkey combines a template and a value hash into a non-zero feature key.
func fkey(tmpl, v uint64) uint64 {
	k := mix64(v ^ tmpl*0x9E3779B97F4A7C15)
	if k == 0 {
		k = 1
	}
	return k
}

func hashPair(a, b uint64) uint64 { return mix64(a*31 + b + 0x51ed27) }

// normRune maps typographic variants to the plain ASCII the model was trained on.
func normRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '`':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
		return '"'
	case '\u2013', '\u2014', '\u2012', '\u2212':
		return '-'
	}
	return r
}

func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		h ^= uint64(r)
		return h * fnvPrime
	}
	var buf [4]byte
	n := utf8.EncodeRune(buf[:], r)
	for i := 0; i < n; i++ {
		h ^= uint64(buf[i])
		h *= fnvPrime
	}
	return h
}

// word classes used by the shape features
const (
	fInitCap = 1 << iota
	fAllCaps
	fHasDigit
	fAllDigit
	fHasHyphen
	fHasPeriod
	fHasLower
	fPunct
	fMixedCaps
	fHasApos
)

// tokInfo holds per-token values computed once per sentence.
type tokInfo struct {
	lower    uint64 // lower-cased, digits to 0
	exact    uint64 // case kept, digits to 0
	shape    uint64 // long shape (runs capped at 2)
	short    uint64 // short shape (runs collapsed)
	flags    uint32
	cluster  [4]uint64 // hashes of cluster-path prefixes (0 = unknown)
	caseCls  uint64    // bucket of how often the word is capitalised in running text
	gaz      uint64    // gazetteer bits: 2 bits (B, I) per category
	nRunes   int
	histType uint64 // document history value (0 = none)
}

// analyze fills info for one token.
func (fx *featurizer) analyze(tok string, info *tokInfo) {
	var lower, exact, shape, short uint64 = fnvOffset, fnvOffset, fnvOffset, fnvOffset
	var flags uint32
	var prevCls rune = -1
	run := 0
	nUpper, nLower, nDigit, nOther, n := 0, 0, 0, 0, 0
	for _, r := range tok {
		r = normRune(r)
		n++
		var cls rune
		switch {
		case r >= 'a' && r <= 'z':
			cls = 'x'
			nLower++
		case r >= 'A' && r <= 'Z':
			cls = 'X'
			nUpper++
		case r >= '0' && r <= '9':
			cls = 'd'
			nDigit++
			r = '0'
		case r < utf8.RuneSelf:
			cls = r
			nOther++
			switch r {
			case '-':
				flags |= fHasHyphen
			case '.':
				flags |= fHasPeriod
			case '\'':
				flags |= fHasApos
			}
		case unicode.IsUpper(r):
			cls = 'X'
			nUpper++
		case unicode.IsLower(r):
			cls = 'x'
			nLower++
		case unicode.IsDigit(r):
			cls = 'd'
			nDigit++
			r = '0'
		default:
			cls = '*'
			nOther++
		}
		exact = hashRune(exact, r)
		lr := r
		if cls == 'X' {
			lr = unicode.ToLower(r)
		}
		lower = hashRune(lower, lr)
		if cls == prevCls {
			run++
		} else {
			run = 1
			short = hashRune(short, cls)
		}
		if run <= 2 {
			shape = hashRune(shape, cls)
		}
		if n == 1 && cls == 'X' {
			flags |= fInitCap
		}
		prevCls = cls
	}
	if nUpper > 0 && nLower == 0 {
		flags |= fAllCaps
	}
	if nLower > 0 {
		flags |= fHasLower
	}
	if nUpper > 0 && nLower > 0 && flags&fInitCap == 0 {
		flags |= fMixedCaps
	}
	if nDigit > 0 {
		flags |= fHasDigit
		if nDigit == n {
			flags |= fAllDigit
		}
	}
	if nUpper+nLower+nDigit == 0 {
		flags |= fPunct
	}
	info.lower, info.exact, info.shape, info.short = lower, exact, shape, short
	info.flags, info.nRunes = flags, n
	info.cluster = [4]uint64{}
	info.caseCls = 0
	info.gaz = 0
	info.histType = 0
	if fx.res != nil && fx.res.clusters != nil {
		if c, ok := fx.res.clusters.lookup(tok, exact, lower, flags); ok {
			info.cluster = c.prefixes
			info.caseCls = c.caseCls
		}
	}
}

// capClass is 0 lower/other, 1 initial capital, 2 all capitals.
func capClass(flags uint32) uint64 {
	switch {
	case flags&fAllCaps != 0:
		return 2
	case flags&fInitCap != 0:
		return 1
	}
	return 0
}

// featurizer extracts features for sentences. It holds reusable buffers and
// is not safe for concurrent use; the model keeps a pool of them.
type featurizer struct {
	res    *resources
	info   []tokInfo
	keys   []uint64 // flat static feature keys of the sentence
	start  []int32  // start[i]..start[i+1] are token i's keys
	hkeys  []uint64 // document-history keys (histFeatures)
	hstart []int32
	runes  []rune
	// context aggregation keys of the document, and the document offset of
	// the current sentence; nil when tagging a lone sentence
	agg    *aggregator
	aggOff int
	// docNum buckets the share of number tokens in the document (0: unknown),
	// high in sports results and market reports
	docNum uint64
}

// docNumBucket returns the docNum value for a document's analysed tokens.
func docNumBucket(info []tokInfo) uint64 {
	if len(info) == 0 {
		return 0
	}
	d := 0
	for i := range info {
		if info[i].flags&fHasDigit != 0 {
			d++
		}
	}
	f := float64(d) / float64(len(info))
	switch {
	case f < 0.02:
		return 1
	case f < 0.05:
		return 2
	case f < 0.12:
		return 3
	}
	return 4
}

// sentence computes the static (history-free) token analysis for toks.
func (fx *featurizer) sentence(toks []string) {
	n := len(toks)
	if cap(fx.info) < n {
		fx.info = make([]tokInfo, n, n*2)
	}
	fx.info = fx.info[:n]
	for i, t := range toks {
		fx.analyze(t, &fx.info[i])
	}
	if fx.res != nil && fx.res.gaz != nil {
		fx.res.gaz.mark(fx.info)
	}
}

const boundary = 0x5bd1e995 // value hash for positions outside the sentence

// features computes the static keys of every token of the analysed sentence.
func (fx *featurizer) features(toks []string) {
	n := len(toks)
	info := fx.info
	fx.keys = fx.keys[:0]
	if cap(fx.start) < n+1 {
		fx.start = make([]int32, n+1, 2*n+2)
	}
	fx.start = fx.start[:n+1]
	allCaps := true
	letters := 0
	for i := range info {
		if info[i].flags&(fHasLower) != 0 {
			allCaps = false
		}
		if info[i].flags&fPunct == 0 && info[i].flags&fAllDigit == 0 {
			letters++
		}
	}
	if letters < 2 {
		allCaps = false
	}
	get := func(i int) *tokInfo {
		if i < 0 || i >= n {
			return nil
		}
		return &info[i]
	}
	for i := 0; i < n; i++ {
		fx.start[i] = int32(len(fx.keys))
		t := &info[i]
		k := fx.keys
		k = append(k, fkey(tBias, 1))
		k = append(k, fkey(tLower, t.lower))
		k = append(k, fkey(tExact, t.exact))
		var lm1, lp1, lm2, lp2 uint64 = boundary, boundary + 1, boundary + 2, boundary + 3
		var sm1, sp1 uint64 = boundary, boundary + 1
		var ssm1, ssp1, ssm2, ssp2 uint64 = boundary, boundary + 1, boundary + 2, boundary + 3
		var em1, ep1 uint64 = boundary, boundary + 1
		if p := get(i - 1); p != nil {
			lm1, sm1, ssm1, em1 = p.lower, p.shape, p.short, p.exact
		}
		if p := get(i + 1); p != nil {
			lp1, sp1, ssp1, ep1 = p.lower, p.shape, p.short, p.exact
		}
		if p := get(i - 2); p != nil {
			lm2, ssm2 = p.lower, p.short
		}
		if p := get(i + 2); p != nil {
			lp2, ssp2 = p.lower, p.short
		}
		k = append(k,
			fkey(tLowerM1, lm1), fkey(tLowerP1, lp1), fkey(tLowerM2, lm2), fkey(tLowerP2, lp2),
			fkey(tBigramM1, hashPair(lm1, t.lower)), fkey(tBigramP1, hashPair(t.lower, lp1)),
			fkey(tShape, t.shape), fkey(tShapeM1, sm1), fkey(tShapeP1, sp1),
			fkey(tShapeTri, hashPair(hashPair(ssm1, t.short), ssp1)),
			fkey(tShortShape, t.short), fkey(tShortShapeM1, ssm1), fkey(tShortShapeP1, ssp1),
			fkey(tShortShapeM2, ssm2), fkey(tShortShapeP2, ssp2),
			fkey(tLowerShapeM1, hashPair(lm1, t.short)), fkey(tLowerShapeP1, hashPair(t.short, lp1)),
			fkey(tExactM1, em1), fkey(tExactP1, ep1),
		)
		first := uint64(0)
		if i == 0 {
			first = 1
		}
		k = append(k, fkey(tFlags, uint64(t.flags)|uint64(min(t.nRunes, 6))<<16), fkey(tFirstCap, first<<8|capClass(t.flags)<<4))
		if allCaps {
			k = append(k, fkey(tAllCapsShape, t.short), fkey(tAllCapsShape, hashPair(t.lower, 7)))
		}
		// prefixes and suffixes up to 4 runes of the lower-cased word
		if t.flags&fPunct == 0 && t.nRunes > 1 {
			k = fx.affixes(k, toks[i], t.nRunes)
		}
		if t.cluster[0] != 0 {
			for j, c := range t.cluster {
				if c != 0 {
					k = append(k, fkey(tCluster, c*8+uint64(j)))
				}
			}
		} else {
			k = append(k, fkey(tCluster, 99))
		}
		if p := get(i - 1); p != nil && p.cluster[0] != 0 {
			k = append(k, fkey(tClusterM1, p.cluster[1]), fkey(tClusterM1, p.cluster[2]+1))
		}
		if p := get(i + 1); p != nil && p.cluster[0] != 0 {
			k = append(k, fkey(tClusterP1, p.cluster[1]), fkey(tClusterP1, p.cluster[2]+1))
		}
		k = append(k, fkey(tCaseRatio, t.caseCls*4+capClass(t.flags)))
		if p := get(i - 1); p != nil {
			k = append(k, fkey(tCaseRatioM1, p.caseCls*4+capClass(p.flags)))
		}
		if p := get(i + 1); p != nil {
			k = append(k, fkey(tCaseRatioP1, p.caseCls*4+capClass(p.flags)))
		}
		k = appendGaz(k, tGaz, t.gaz, capClass(t.flags))
		if p := get(i - 1); p != nil {
			k = appendGaz(k, tGazM1, p.gaz, 0)
		}
		if p := get(i + 1); p != nil {
			k = appendGaz(k, tGazP1, p.gaz, 0)
		}
		if fx.docNum != 0 {
			k = append(k, fkey(tDocNum, fx.docNum*4+capClass(t.flags)))
			for g := t.gaz; g != 0; g &= g - 1 {
				k = append(k, fkey(tDocGaz, fx.docNum*128+uint64(bits.TrailingZeros64(g))))
			}
		}
		if fx.agg != nil {
			a := fx.agg
			k = append(k, a.keys[a.start[fx.aggOff+i]:a.start[fx.aggOff+i+1]]...)
		}
		fx.keys = k
	}
	fx.start[n] = int32(len(fx.keys))
}

// histFeatures computes the document-history keys of every token into
// fx.hkeys/fx.hstart (kept apart from the static keys so that a second pass
// over a document recomputes only these).
func (fx *featurizer) histFeatures() {
	info := fx.info
	n := len(info)
	if cap(fx.hstart) < n+1 {
		fx.hstart = make([]int32, n+1, 2*n+2)
	}
	fx.hstart = fx.hstart[:n+1]
	k := fx.hkeys[:0]
	for i := 0; i < n; i++ {
		fx.hstart[i] = int32(len(k))
		t := &info[i]
		if t.histType != 0 {
			k = append(k, fkey(tHist, t.histType), fkey(tHist, t.histType*16+capClass(t.flags)))
		}
		if i > 0 && info[i-1].histType != 0 {
			k = append(k, fkey(tHistM1, info[i-1].histType))
		}
		if i+1 < n && info[i+1].histType != 0 {
			k = append(k, fkey(tHistP1, info[i+1].histType))
		}
	}
	fx.hstart[n] = int32(len(k))
	fx.hkeys = k
}

func appendGaz(k []uint64, tmpl, bits, cc uint64) []uint64 {
	for bits != 0 {
		b := uint64(0)
		for bits&(1<<b) == 0 {
			b++
		}
		bits &^= 1 << b
		k = append(k, fkey(tmpl, b*4+cc))
	}
	return k
}

func (fx *featurizer) affixes(k []uint64, tok string, n int) []uint64 {
	rs := fx.runes[:0]
	for _, r := range tok {
		r = normRune(r)
		if r >= '0' && r <= '9' {
			r = '0'
		} else if r >= utf8.RuneSelf || (r >= 'A' && r <= 'Z') {
			r = unicode.ToLower(r)
		}
		rs = append(rs, r)
	}
	fx.runes = rs
	h := uint64(fnvOffset)
	for j := 0; j < 4 && j < n-1; j++ {
		h = hashRune(h, rs[j])
		k = append(k, fkey(tPrefix, h+uint64(j)))
	}
	h = fnvOffset
	for j := 0; j < 4 && j < n-1; j++ {
		h = hashRune(h, rs[n-1-j])
		k = append(k, fkey(tSuffix, h+uint64(j)))
	}
	return k
}
