package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Gazetteers: lists of names by category (countries, demonyms, cities, ...),
// generated from data packages by tools/compare/gazetteers.py into
// ner/model/gazetteer.tsv.gz, lines "category<TAB>phrase"; phrases are split
// into tokens with Tokenize when loaded. Matching
// is on lower-cased tokens; the tagger sees for each token which categories
// cover it and whether it begins the match.

const maxGazLen = 8

const gazPrefix = 1 << 63 // entry value bit: a longer entry continues this phrase

type gazetteer struct {
	phrases map[uint64]uint64 // phrase hash -> category bits | gazPrefix
	names   []string          // category names, bit index order
}

func phraseStart() uint64 { return 0x2545F4914F6CDD1D }

func readGazetteer(r io.Reader) (*gazetteer, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer gz.Close()
	type entry struct {
		cat    string
		tokens []string
	}
	var entries []entry
	cats := map[string]bool{}
	sc := bufio.NewScanner(gz)
	for sc.Scan() {
		cat, phrase, ok := strings.Cut(sc.Text(), "\t")
		if !ok || phrase == "" {
			continue
		}
		var toks []string
		for _, t := range Tokenize(phrase) {
			toks = append(toks, t.Text)
		}
		if len(toks) == 0 || len(toks) > maxGazLen {
			continue
		}
		cats[cat] = true
		entries = append(entries, entry{cat, toks})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	g := &gazetteer{phrases: map[uint64]uint64{}}
	for c := range cats {
		g.names = append(g.names, c)
	}
	sort.Strings(g.names)
	if len(g.names) > 31 {
		return nil, fmt.Errorf("gazetteer: %d categories, at most 31", len(g.names))
	}
	bit := map[string]uint64{}
	for i, c := range g.names {
		bit[c] = 1 << uint(i)
	}
	var fx featurizer
	var info tokInfo
	for _, e := range entries {
		h := phraseStart()
		for j, t := range e.tokens {
			fx.analyze(t, &info)
			h = hashPair(h, info.lower)
			if j < len(e.tokens)-1 {
				g.phrases[h] |= gazPrefix
			} else {
				g.phrases[h] |= bit[e.cat]
			}
		}
	}
	return g, nil
}

// mark sets info[i].gaz for the sentence: bit 2c for "begins a match of
// category c", bit 2c+1 for "inside a match of category c".
func (g *gazetteer) mark(info []tokInfo) {
	n := len(info)
	for i := 0; i < n; i++ {
		if info[i].flags&fPunct != 0 {
			continue
		}
		h := phraseStart()
		for l := 1; l <= maxGazLen && i+l <= n; l++ {
			h = hashPair(h, info[i+l-1].lower)
			v, ok := g.phrases[h]
			if !ok {
				break
			}
			if cats := v &^ gazPrefix; cats != 0 {
				for c := uint64(0); c < 31; c++ {
					if cats&(1<<c) == 0 {
						continue
					}
					info[i].gaz |= 1 << (2 * c)
					for j := i + 1; j < i+l; j++ {
						info[j].gaz |= 1 << (2*c + 1)
					}
				}
			}
			if v&gazPrefix == 0 {
				break
			}
		}
	}
}

// match returns the categories of the gazetteer entry that is exactly the
// phrase words, as bits (1 << index in g.names), or 0.
func (g *gazetteer) match(words []string) uint64 {
	if len(words) == 0 || len(words) > maxGazLen {
		return 0
	}
	var fx featurizer
	var info tokInfo
	h := phraseStart()
	for _, w := range words {
		fx.analyze(w, &info)
		h = hashPair(h, info.lower)
	}
	return g.phrases[h] &^ gazPrefix
}

// categories returns the bits of the named categories.
func (g *gazetteer) categories(names ...string) uint64 {
	var bits uint64
	for i, n := range g.names {
		for _, c := range names {
			if n == c {
				bits |= 1 << uint(i)
			}
		}
	}
	return bits
}
