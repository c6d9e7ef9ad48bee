package ner

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// WriteClusterCorpus reads JSON Lines files (optionally gzipped) whose objects
// carry the article text in field, splits every text into sentences and
// tokens with Segment, and writes one sentence per line, tokens separated by
// single spaces, curly quotes made straight. The output is the input of the
// word-cluster builder (tools/compare/brown_clusters.py); the clusters it
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
