package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// CoNLL-2003 column files: one token per line ("TOKEN POS CHUNK NER" or any
// number of whitespace-separated columns, the token first), a blank line
// between sentences, "-DOCSTART-" lines between documents.

// ConllLine is one token line of a CoNLL file.
type ConllLine struct {
	Fields []string // all columns as read; Fields[0] is the token
}

// Token returns the token text.
func (l ConllLine) Token() string { return l.Fields[0] }

// Last returns the last column (the NER tag in a CoNLL-2003 file).
func (l ConllLine) Last() string { return l.Fields[len(l.Fields)-1] }

// ConllDoc is one document: the sentences between two -DOCSTART- lines.
type ConllDoc struct {
	DocStart  string // the -DOCSTART- line as read, "" when the file has none
	Sentences [][]ConllLine
}

// ReadConll reads a CoNLL column file into documents.
func ReadConll(r io.Reader) ([]ConllDoc, error) {
	var docs []ConllDoc
	var cur *ConllDoc
	var sent []ConllLine
	flush := func() {
		if len(sent) > 0 {
			if cur == nil {
				docs = append(docs, ConllDoc{})
				cur = &docs[len(docs)-1]
			}
			cur.Sentences = append(cur.Sentences, sent)
			sent = nil
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			flush()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flush()
			docs = append(docs, ConllDoc{DocStart: line})
			cur = &docs[len(docs)-1]
			continue
		}
		sent = append(sent, ConllLine{Fields: fields})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read conll line %d: %w", n, err)
	}
	flush()
	return docs, nil
}

// Tokens returns the token texts of the document's sentences.
func (d *ConllDoc) Tokens() [][]string {
	out := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = make([]string, len(s))
		for j, l := range s {
			out[i][j] = l.Token()
		}
	}
	return out
}

// Column returns column c of every token (negative c counts from the end:
// -1 is the last column), converted to IOB2 when it is an IOB1/IOB2 tag column.
func (d *ConllDoc) Column(c int) [][]string {
	out := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		col := make([]string, len(s))
		for j, l := range s {
			k := c
			if k < 0 {
				k += len(l.Fields)
			}
			if k >= 0 && k < len(l.Fields) {
				col[j] = l.Fields[k]
			} else {
				col[j] = "O"
			}
		}
		out[i] = ToIOB2(col)
	}
	return out
}

// ToIOB2 converts IOB1 (or already IOB2) tags to IOB2: an I-X that does not
// continue an X becomes B-X. Tags without a B-/I- prefix are kept.
func ToIOB2(tags []string) []string {
	out := make([]string, len(tags))
	prev := "O"
	for i, t := range tags {
		out[i] = t
		if typ, ok := strings.CutPrefix(t, "I-"); ok {
			if prev == "O" || prev[2:] != typ {
				out[i] = "B-" + typ
			}
		}
		if strings.HasPrefix(t, "B-") || strings.HasPrefix(t, "I-") {
			prev = t
		} else {
			prev = "O"
		}
	}
	return out
}

// WriteConll writes the documents back with tags[d][s][t] appended as the last
// column of each token line: the conlleval input format. A -DOCSTART- line
// gets "O" appended and is followed by a blank line, as in CoNLL-2003.
func WriteConll(w io.Writer, docs []ConllDoc, tags [][][]string) error {
	bw := bufio.NewWriter(w)
	for d, doc := range docs {
		if doc.DocStart != "" {
			bw.WriteString(doc.DocStart)
			bw.WriteString(" O\n\n")
		}
		for s, sent := range doc.Sentences {
			for t, l := range sent {
				bw.WriteString(strings.Join(l.Fields, " "))
				bw.WriteByte(' ')
				bw.WriteString(tags[d][s][t])
				bw.WriteByte('\n')
			}
			bw.WriteByte('\n')
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write conll: %w", err)
	}
	return nil
}
