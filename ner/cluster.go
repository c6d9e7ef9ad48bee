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
// bodies): a Brown-cluster bit string per word and a bucket of how often the
// lower-cased word is capitalised in running text. The file
// ner/model/clusters.tsv.gz has lines "word<TAB>bits<TAB>casebucket".

type clusterEntry struct {
	prefixes [4]uint64 // hashes of the bit-string prefixes of length 4, 6, 10, all
	caseCls  uint64
}

type clusterSet struct {
	exact map[uint64]clusterEntry // keyed by the exact (digits to 0) token hash
	lower map[uint64]clusterEntry // keyed by the lower-cased hash: most frequent casing
}

var clusterPrefixLens = [4]int{4, 6, 10, 64}

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
			for j, l := range clusterPrefixLens {
				p := bits
				if len(p) > l {
					p = p[:l]
				} else if j < 3 && len(p) < l {
					// shorter paths still get a distinct prefix value
					p = p + "$"
				}
				h := uint64(fnvOffset)
				for k := 0; k < len(p); k++ {
					h = hashRune(h, rune(p[k]))
				}
				e.prefixes[j] = h | 1
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
