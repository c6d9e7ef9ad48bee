package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
)

// wordClassTable maps a word as written in ner/model/clusters.tsv.gz to its
// classes in the 64-, 256- and 1024-class clusterings.
type wordClassTable map[string][3]int32

var wordClassesOnce = sync.OnceValues(func() (wordClassTable, error) {
	b, err := fs.ReadFile(modelFS, "model/clusters.tsv.gz")
	if err != nil {
		return nil, fmt.Errorf("read word classes: %w", err)
	}
	gz, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("read word classes: %w", err)
	}
	defer gz.Close()
	t := wordClassTable{}
	sc := bufio.NewScanner(gz)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) < 2 || parts[1] == "-" {
			continue
		}
		var c [3]int32
		cs := strings.Split(parts[1], ".")
		if len(cs) < 3 {
			continue
		}
		for j := range c {
			v, err := strconv.ParseInt(cs[j], 10, 32)
			if err != nil {
				return nil, fmt.Errorf("read word classes: bad class in %q", sc.Text())
			}
			c[j] = int32(v)
		}
		if _, ok := t[parts[0]]; !ok {
			t[parts[0]] = c
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read word classes: %w", err)
	}
	return t, nil
})

// WordClasses returns the classes of a word in the embedded word clustering
// (exchange clustering of news text at 64, 256 and 1024 classes; see
// ner/model/README.md): by its form as written first, then lower-cased.
// ok is false for words the clustering does not know (or when the embedded
// file cannot be read). It is safe for concurrent use; the table is loaded
// on first use and is independent of the recognizer's own lookups.
func WordClasses(word string) (c64, c256, c1024 int, ok bool) {
	t, err := wordClassesOnce()
	if err != nil {
		return 0, 0, 0, false
	}
	c, found := t[word]
	if !found {
		if c, found = t[strings.ToLower(word)]; !found {
			return 0, 0, 0, false
		}
	}
	return int(c[0]), int(c[1]), int(c[2]), true
}
