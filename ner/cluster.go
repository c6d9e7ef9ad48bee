package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word classes learned from unlabeled news text (Reuters-21578 and BBC News
// bodies): the word's class in up to four clusterings of growing size (see
// BuildWordClasses) and a bucket of how often the lower-cased word is
// capitalised in running text. The file ner/model/clusters.tsv.gz has lines
// "word<TAB>class.class.class<TAB>casebucket".

type clusterEntry struct {
	prefixes [4]uint64 // hashed class ids, coarse to fine (0 = none)
	caseCls  uint64
}

type clusterSet struct {
	exact map[uint64]clusterEntry // keyed by the exact (digits to 0) token hash
	lower map[uint64]clusterEntry // keyed by the lower-cased hash: most frequent casing
}

func readClusters(r io.Reader) (*clusterSet, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	defer gz.Close()
	cs := &clusterSet{exact: map[uint64]clusterEntry{}, lower: map[uint64]clusterEntry{}}
	sc := bufio.NewScanner(gz)
	var fx featurizer
	var info tokInfo
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) < 3 {
			continue
		}
		word, bits := parts[0], parts[1]
		cb, err := strconv.Atoi(parts[2])
		if err != nil {
			return nil, fmt.Errorf("clusters: bad case bucket in %q", sc.Text())
		}
		var e clusterEntry
		e.caseCls = uint64(cb) + 1
		if bits != "-" {
			for j, c := range strings.Split(bits, ".") {
				if j >= len(e.prefixes) {
					break
				}
				v, err := strconv.ParseUint(c, 10, 32)
				if err != nil {
					return nil, fmt.Errorf("clusters: bad class in %q", sc.Text())
				}
				e.prefixes[j] = mix64(uint64(j)<<32|v) | 1
			}
		}
		fx.analyze(word, &info)
		if _, ok := cs.exact[info.exact]; !ok {
			cs.exact[info.exact] = e
		}
		if _, ok := cs.lower[info.lower]; !ok {
			cs.lower[info.lower] = e
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	return cs, nil
}

// lookup finds the classes of a token: by its exact form first, then (for
// words in capitals, as in headlines, or unseen casings) by its lower-cased form.
func (cs *clusterSet) lookup(_ string, exact, lower uint64, _ uint32) (clusterEntry, bool) {
	if e, ok := cs.exact[exact]; ok {
		return e, true
	}
	e, ok := cs.lower[lower]
	return e, ok
}
