package ner

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WriteClusterCorpus reads JSON Lines files (optionally gzipped) whose objects
// carry the article text in field, splits every text into sentences and
// tokens with Segment, and writes one sentence per line, tokens separated by
// single spaces, curly quotes made straight. The output is the input of the
// word-class builder (BuildWordClasses, "newsgraph ner classes"); the classes it
// makes ship in ner/model/clusters.tsv.gz.
func WriteClusterCorpus(ctx context.Context, w io.Writer, field string, paths ...string) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	for _, p := range paths {
		if err := writeCorpusFile(ctx, bw, field, p); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func writeCorpusFile(ctx context.Context, bw *bufio.Writer, field, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open corpus %s: %w", path, err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("gunzip %s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	line := 0
	for sc.Scan() {
		line++
		if line%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var obj map[string]any
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		text, _ := obj[field].(string)
		for _, s := range Segment(text) {
			for i, t := range s.Tokens {
				if i > 0 {
					bw.WriteByte(' ')
				}
				for _, r := range t.Text {
					bw.WriteRune(normRune(r))
				}
			}
			bw.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// ClusterOptions configures BuildWordClasses.
type ClusterOptions struct {
	Ks       []int // number of classes of each clustering, coarse to fine (default 64, 256, 1024)
	MinCount int   // words seen fewer times share one fixed "rare" class (default 5)
	Iters    int   // exchange iterations (default 8)
	Logger   *slog.Logger
}

// BuildWordClasses learns word classes from a tokenised corpus (one sentence
// per line, as WriteClusterCorpus writes it) with the exchange algorithm
// (Kneser and Ney 1993; Martin, Liermann and Ney 1998), which maximises the
// likelihood of a class bigram model, once for each K in opt.Ks; it also
// records for each word how often its lower-cased form is capitalised in the
// middle of a sentence. It writes gzip of lines
// "word<TAB>class1.class2.class3<TAB>casebucket", most frequent words first;
// words below MinCount get "-" and are kept only for their case bucket. The
// process is deterministic.
func BuildWordClasses(ctx context.Context, corpus io.Reader, out io.Writer, opt ClusterOptions) error {
	if len(opt.Ks) == 0 {
		opt.Ks = []int{64, 256, 1024}
	}
	if opt.MinCount == 0 {
		opt.MinCount = 5
	}
	if opt.Iters == 0 {
		opt.Iters = 8
	}
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	ids := map[string]int32{}
	var words []string
	var counts []int64
	var sents [][]int32
	caps := map[string]*[3]int{} // lower -> mid-sentence capitalised, mid-sentence total, initial
	sc := bufio.NewScanner(corpus)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		toks := strings.Fields(sc.Text())
		if len(toks) == 0 {
			continue
		}
		s := make([]int32, len(toks))
		for i, t := range toks {
			t = digitsToZero(t)
			id, ok := ids[t]
			if !ok {
				id = int32(len(words))
				ids[t] = id
				words = append(words, t)
				counts = append(counts, 0)
			}
			counts[id]++
			s[i] = id
		}
		sents = append(sents, s)
		caseStats(toks, caps)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read corpus: %w", err)
	}
	// order words by frequency
	order := make([]int32, len(words))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if counts[x] != counts[y] {
			return counts[x] > counts[y]
		}
		return words[x] < words[y]
	})
	nFreq := 0
	for _, w := range order {
		if counts[w] >= int64(opt.MinCount) {
			nFreq++
		}
	}
	// dense ids: 0..nFreq-1 frequent words by rank, nFreq = rare, nFreq+1 = boundary
	dense := make([]int32, len(words))
	for r, w := range order {
		if r < nFreq {
			dense[w] = int32(r)
		} else {
			dense[w] = int32(nFreq)
		}
	}
	rare, bound := int32(nFreq), int32(nFreq+1)
	nv := nFreq + 2
	type nb struct {
		v int32
		c int64
	}
	leftM := make([]map[int32]int64, nv)
	rightM := make([]map[int32]int64, nv)
	for i := range leftM {
		leftM[i] = map[int32]int64{}
		rightM[i] = map[int32]int64{}
	}
	uni := make([]int64, nv)
	for _, s := range sents {
		prev := bound
		uni[bound]++
		for _, w := range s {
			d := dense[w]
			uni[d]++
			rightM[prev][d]++
			leftM[d][prev]++
			prev = d
		}
		rightM[prev][bound]++
		leftM[bound][prev]++
	}
	sents = nil
	toList := func(m map[int32]int64) []nb {
		l := make([]nb, 0, len(m))
		for v, c := range m {
			l = append(l, nb{v, c})
		}
		sort.Slice(l, func(i, j int) bool { return l[i].v < l[j].v })
		return l
	}
	left := make([][]nb, nv)
	right := make([][]nb, nv)
	for i := range leftM {
		left[i], right[i] = toList(leftM[i]), toList(rightM[i])
	}
	leftM, rightM = nil, nil
	log.Info("word classes: corpus", "words", len(words), "clustered", nFreq)

	flog := func(x int64) float64 {
		if x <= 0 {
			return 0
		}
		return float64(x) * math.Log(float64(x))
	}
	ftab := make([]float64, 1<<20)
	for i := range ftab {
		ftab[i] = flog(int64(i))
	}
	f := func(x int64) float64 {
		if x < int64(len(ftab)) {
			return ftab[x]
		}
		return flog(x)
	}
	classesOf := make([][]int32, len(opt.Ks))
	for ki, K := range opt.Ks {
		C := K + 2 // + rare class K, boundary class K+1
		cls := make([]int32, nv)
		for w := 0; w < nFreq; w++ {
			cls[w] = int32(w % K)
		}
		cls[rare], cls[bound] = int32(K), int32(K+1)
		N := make([]int64, C*C)
		Nc := make([]int64, C)
		for w := 0; w < nv; w++ {
			Nc[cls[w]] += uni[w]
			for _, e := range right[w] {
				N[int(cls[w])*C+int(cls[e.v])] += e.c
			}
		}
		Lc := make([]int64, C)
		Rc := make([]int64, C)
		var tl, tr []int32
		for it := 0; it < opt.Iters; it++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			moves := 0
			for w := int32(0); w < int32(nFreq); w++ {
				a := cls[w]
				n := uni[w]
				var self int64
				tl, tr = tl[:0], tr[:0]
				for _, e := range left[w] {
					if e.v == w {
						self = e.c
						continue
					}
					d := cls[e.v]
					if Lc[d] == 0 {
						tl = append(tl, d)
					}
					Lc[d] += e.c
				}
				for _, e := range right[w] {
					if e.v == w {
						continue
					}
					d := cls[e.v]
					if Rc[d] == 0 {
						tr = append(tr, d)
					}
					Rc[d] += e.c
				}
				// remove w from a
				for _, d := range tl {
					N[int(d)*C+int(a)] -= Lc[d]
				}
				for _, d := range tr {
					N[int(a)*C+int(d)] -= Rc[d]
				}
				N[int(a)*C+int(a)] -= self
				Nc[a] -= n
				best, bestB := math.Inf(-1), a
				for b := int32(0); b < int32(K); b++ {
					delta := -2 * (f(Nc[b]+n) - f(Nc[b]))
					for _, d := range tl {
						if d == b {
							continue
						}
						x := N[int(d)*C+int(b)]
						delta += f(x+Lc[d]) - f(x)
					}
					for _, d := range tr {
						if d == b {
							continue
						}
						x := N[int(b)*C+int(d)]
						delta += f(x+Rc[d]) - f(x)
					}
					x := N[int(b)*C+int(b)]
					delta += f(x+Lc[b]+Rc[b]+self) - f(x)
					if delta > best+1e-9 || (b == a && delta >= best-1e-9) {
						best, bestB = delta, b
					}
				}
				b := bestB
				for _, d := range tl {
					N[int(d)*C+int(b)] += Lc[d]
				}
				for _, d := range tr {
					N[int(b)*C+int(d)] += Rc[d]
				}
				N[int(b)*C+int(b)] += self
				Nc[b] += n
				if b != a {
					moves++
					cls[w] = b
				}
				for _, d := range tl {
					Lc[d] = 0
				}
				for _, d := range tr {
					Rc[d] = 0
				}
			}
			log.Info("word classes: iteration", "K", K, "iter", it+1, "moves", moves)
		}
		classesOf[ki] = cls
	}
	gz, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
	bw := bufio.NewWriter(gz)
	for r, w := range order {
		word := words[w]
		lw := strings.ToLower(word)
		st := caps[lw]
		if r >= nFreq && (st == nil || st[1]+st[2] < 2 || !hasLetter(word)) {
			continue
		}
		code := "-"
		if r < nFreq {
			parts := make([]string, len(opt.Ks))
			for ki := range opt.Ks {
				parts[ki] = strconv.Itoa(int(classesOf[ki][r]))
			}
			code = strings.Join(parts, ".")
		}
		fmt.Fprintf(bw, "%s\t%s\t%d\n", word, code, caseBucket(st))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write classes: %w", err)
	}
	return gz.Close()
}

func digitsToZero(s string) string {
	if !strings.ContainsAny(s, "123456789") {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= '1' && c <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// caseStats counts, for the lower-cased form of each word of a sentence in
// mixed case, how often it is capitalised in mid-sentence and how often it
// starts a sentence. Sentences mostly in capitals (headlines) are skipped.
func caseStats(toks []string, caps map[string]*[3]int) {
	letters, lowerish := 0, 0
	for _, t := range toks {
		if hasLetter(t) {
			letters++
			if strings.IndexFunc(t, unicode.IsLower) >= 0 {
				lowerish++
			}
		}
	}
	if letters < 3 || 2*lowerish < letters {
		return
	}
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t)
		if !unicode.IsLetter(r) {
			continue
		}
		lw := strings.ToLower(t)
		st := caps[lw]
		if st == nil {
			st = &[3]int{}
			caps[lw] = st
		}
		if i == 0 || strings.Contains(`"'(:-`, toks[i-1]) {
			st[2]++
			continue
		}
		st[1]++
		if unicode.IsUpper(r) {
			st[0]++
		}
	}
}

// caseBucket: 0 capitalised in <10% of mid-sentence uses, 1 <50%, 2 <90%,
// 3 >=90%, 4 seen only at the start of sentences.
func caseBucket(st *[3]int) int {
	if st == nil || st[1] == 0 {
		if st != nil && st[2] > 0 {
			return 4
		}
		return 0
	}
	r := float64(st[0]) / float64(st[1])
	switch {
	case r < 0.1:
		return 0
	case r < 0.5:
		return 1
	case r < 0.9:
		return 2
	}
	return 3
}
