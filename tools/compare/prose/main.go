// Command prose tags a CoNLL-2003 file with prose's built-in entity model
// (github.com/jdkato/prose v2 or v3) and writes the file back with the
// predicted IOB2 tag appended to each token line, so that
// "newsgraph eval ner --tagged" scores it like newsgraph's own output.
//
// It is a separate module (its own go.mod) so that prose never enters the
// newsgraph build. Each sentence's tokens are joined with spaces and given to
// prose with segmentation off; prose's entities are mapped back to the CoNLL
// tokens by character offsets. Labels: PERSON -> PER, ORG -> ORG,
// GPE/LOC/FAC -> LOC, anything else -> O. Throughput (tokens/s) is measured
// over the prose calls only and printed to standard error.
//
// Usage: go run . -v 3 ../../../../shared/data/conll2003/eng.testb.test.iob2.txt > prose3.tagged
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	prose2 "github.com/jdkato/prose/v2"
	prose3 "github.com/jdkato/prose/v3"
)

func mapLabel(l string) string {
	switch l {
	case "PERSON":
		return "PER"
	case "ORG":
		return "ORG"
	case "GPE", "LOC", "FAC":
		return "LOC"
	}
	return ""
}

type span struct {
	start, end int // byte offsets in the joined sentence
	typ        string
}

func main() {
	version := flag.Int("v", 3, "prose major version: 2 or 3")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: prose -v 2|3 FILE")
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	if *version == 2 {
		prose2Model() // not timed
	}
	var elapsed time.Duration
	ntok := 0
	flush := func(sent []string) {
		if len(sent) == 0 {
			return
		}
		toks := make([]string, len(sent))
		for i, l := range sent {
			toks[i] = strings.Fields(l)[0]
		}
		text := strings.Join(toks, " ")
		t0 := time.Now()
		spans := tag(*version, text)
		elapsed += time.Since(t0)
		ntok += len(toks)
		// token offsets
		tags := make([]string, len(toks))
		off := 0
		starts := make([]int, len(toks))
		for i, t := range toks {
			starts[i] = off
			off += len(t) + 1
			tags[i] = "O"
		}
		for _, sp := range spans {
			first := true
			for i, t := range toks {
				s, e := starts[i], starts[i]+len(t)
				if e <= sp.start || s >= sp.end {
					continue
				}
				if first {
					tags[i] = "B-" + sp.typ
					first = false
				} else {
					tags[i] = "I-" + sp.typ
				}
			}
		}
		for i, l := range sent {
			fmt.Fprintf(out, "%s %s\n", l, tags[i])
		}
		fmt.Fprintln(out)
	}
	var sent []string
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			flush(sent)
			sent = sent[:0]
			continue
		}
		if strings.HasPrefix(l, "-DOCSTART-") {
			flush(sent)
			sent = sent[:0]
			fmt.Fprintf(out, "%s O\n", l)
			continue
		}
		sent = append(sent, l)
	}
	flush(sent)
	fmt.Fprintf(os.Stderr, "prose v%d: %d tokens in %.2fs: %.0f tokens/s\n", *version, ntok, elapsed.Seconds(), float64(ntok)/elapsed.Seconds())
}

var p2model *prose2.Model

// prose2Model loads prose v2's default model once (NewDocument would load it
// on every call).
func prose2Model() *prose2.Model {
	if p2model == nil {
		d, err := prose2.NewDocument("Warm up .")
		if err != nil {
			log.Fatal(err)
		}
		p2model = d.Model
	}
	return p2model
}

func tag(version int, text string) []span {
	var out []span
	switch version {
	case 2:
		doc, err := prose2.NewDocument(text, prose2.WithSegmentation(false), prose2.UsingModel(prose2Model()))
		if err != nil {
			log.Fatal(err)
		}
		// v2 entities carry no offsets: find each one's text after the previous one
		off := 0
		for _, e := range doc.Entities() {
			i := strings.Index(text[off:], e.Text)
			if i < 0 {
				continue
			}
			s := off + i
			off = s + len(e.Text)
			if typ := mapLabel(e.Label); typ != "" {
				out = append(out, span{s, off, typ})
			}
		}
	case 3:
		doc, err := prose3.NewDocument(text, prose3.WithSegmentation(false))
		if err != nil {
			log.Fatal(err)
		}
		for _, e := range doc.Entities() {
			if typ := mapLabel(e.Label); typ != "" {
				out = append(out, span{e.Start, e.End(), typ})
			}
		}
	default:
		log.Fatalf("prose version %d: want 2 or 3", version)
	}
	return out
}
