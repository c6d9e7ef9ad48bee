package ner

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are our own texts: news-like prose and the shapes that break
// tokenizers (abbreviations, clitics, numbers, odd quotes and spaces,
// invalid UTF-8, very long runs without punctuation).
var fuzzSeeds = []string{
	"Russian President Vladimir Putin met Mr. Olaf Berg in Kyiv on Monday. \"We will see,\" Berg said.",
	"The U.S. and the E.U. agreed; Smith's aide (John O'Neill) said 13,000.5 troops weren't enough...",
	"Moscow-annexed   Crimea\u00a0and\u200bthe Danube\tport.\n\nNew paragraph! Yes? No.",
	"“Nested ‘quotes’ here,” she said. ”Reversed“ — and ‘unclosed.",
	"Dr. A. B. Carter Jr. of St. Louis, Mo., and Gen. D.C. Lee",
	"\xff\xfe broken \xc3 UTF-8 \xe2\x80 bytes Anna Berg",
	strings.Repeat("word ", 500) + strings.Repeat("Name ", 300),
	"'''''' \"\"\"\" ``` ''s 's ’s ’ ' -- --- ... …",
	"",
	" \n\t",
}

// checkTokens: tokens are non-empty, in order, do not overlap, lie inside
// text, and carry their own bytes.
func checkTokens(t *testing.T, text string, toks []Token, after int) {
	t.Helper()
	prev := after
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %d [%d,%d) %q out of order or outside the text (%d bytes, previous end %d)", i, tk.Start, tk.End, tk.Text, len(text), prev)
		}
		if text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("token %d [%d,%d) is %q, text has %q", i, tk.Start, tk.End, tk.Text, text[tk.Start:tk.End])
		}
		prev = tk.End
	}
}

// FuzzTokenize: Tokenize and Segment never panic; every token and sentence
// lies inside the input and its text is the input bytes it points at;
// sentences hold the tokens of Tokenize in order, none lost or repeated.
func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		checkTokens(t, text, toks, 0)
		sents := Segment(text)
		n := 0
		prev := 0
		for si, s := range sents {
			if len(s.Tokens) == 0 {
				t.Fatalf("sentence %d has no tokens", si)
			}
			if len(s.Tokens) > maxSentenceTokens {
				t.Fatalf("sentence %d has %d tokens, more than %d", si, len(s.Tokens), maxSentenceTokens)
			}
			checkTokens(t, text, s.Tokens, prev)
			if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
				t.Fatalf("sentence %d is [%d,%d), its tokens [%d,%d)", si, s.Start, s.End, s.Tokens[0].Start, s.Tokens[len(s.Tokens)-1].End)
			}
			for _, tk := range s.Tokens {
				if n >= len(toks) || toks[n] != tk {
					t.Fatalf("sentence %d: token %+v is not Tokenize's token %d", si, tk, n)
				}
				n++
			}
			prev = s.End
		}
		if n != len(toks) {
			t.Fatalf("sentences hold %d tokens, Tokenize found %d", n, len(toks))
		}
	})
}

var (
	fuzzModelOnce sync.Once
	fuzzModel     *Model
	fuzzModelErr  error
)

// FuzzRecognize: the tagger and the recognizer never panic; Tag gives one
// valid label per token; every mention lies inside the input, inside its
// sentence, and its text is the input bytes it points at; entities have a
// contract type and a name.
func FuzzRecognize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	fuzzModelOnce.Do(func() { fuzzModel, fuzzModelErr = DefaultModel() })
	if fuzzModelErr != nil {
		f.Fatal(fuzzModelErr)
	}
	valid := map[string]bool{}
	for _, l := range Labels {
		valid[l] = true
	}
	rec := NewRecognizer(fuzzModel)
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		words := make([]string, len(toks))
		for i, tk := range toks {
			words[i] = tk.Text
		}
		tags := fuzzModel.Tag(words)
		if len(tags) != len(words) {
			t.Fatalf("Tag: %d tags for %d tokens", len(tags), len(words))
		}
		for i, tg := range tags {
			if !valid[tg] {
				t.Fatalf("Tag: token %d has label %q", i, tg)
			}
		}
		res := rec.Recognize(text)
		for ei, e := range res.Entities {
			switch e.Type {
			case Person, Organization, Location:
			default:
				t.Fatalf("entity %d has type %q", ei, e.Type)
			}
			if strings.TrimSpace(e.Name) == "" || !utf8.ValidString(e.Name) && utf8.ValidString(text) {
				t.Fatalf("entity %d has name %q", ei, e.Name)
			}
			if len(e.Mentions) == 0 {
				t.Fatalf("entity %d (%s) has no mentions", ei, e.Name)
			}
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End <= m.Start || m.End > len(text) {
					t.Fatalf("entity %s: mention [%d,%d) outside the text (%d bytes)", e.Name, m.Start, m.End, len(text))
				}
				if text[m.Start:m.End] != m.Text {
					t.Fatalf("entity %s: mention [%d,%d) is %q, text has %q", e.Name, m.Start, m.End, m.Text, text[m.Start:m.End])
				}
				if m.Sentence < 0 || m.Sentence >= len(res.Sentences) {
					t.Fatalf("entity %s: mention in sentence %d of %d", e.Name, m.Sentence, len(res.Sentences))
				}
				if s := res.Sentences[m.Sentence]; m.Start < s.Start || m.End > s.End {
					t.Fatalf("entity %s: mention [%d,%d) outside its sentence [%d,%d)", e.Name, m.Start, m.End, s.Start, s.End)
				}
			}
		}
	})
}
