package ner

import (
	"strings"
	"testing"
)

func tokenTexts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Russia’s borders", "Russia|’s|borders"},
		{"Russia's borders", "Russia|'s|borders"},
		{"the U.S. counterpart", "the|U.S.|counterpart"},
		{"Mr. Putin and Mr Biden", "Mr.|Putin|and|Mr|Biden"},
		{"Moscow-annexed Crimea, 13,000 dead.", "Moscow-annexed|Crimea|,|13,000|dead|."},
		{"“very, very difficult” for Kiev", "“|very|,|very|difficult|”|for|Kiev"},
		{"they don't know", "they|do|n't|know"},
		{"we're here; O'Brien said...", "we|'re|here|;|O'Brien|said|..."},
		{"3.5 percent of AT&T", "3.5|percent|of|AT&T"},
		{"Zelenskyy\u00a0said", "Zelenskyy|said"},
	}
	for _, c := range cases {
		got := strings.Join(tokenTexts(Tokenize(c.in)), "|")
		if got != c.want {
			t.Errorf("Tokenize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "“The presidents will decide themselves” how long, he said.\n\nKiev’s view — unclear."
	for _, tok := range Tokenize(text) {
		if text[tok.Start:tok.End] != tok.Text {
			t.Fatalf("token %+v does not slice the text", tok)
		}
	}
}

func sentenceTexts(text string) []string {
	var out []string
	for _, s := range Segment(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSegment(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Mr. Putin spoke. The U.S. said no.", []string{"Mr. Putin spoke.", "The U.S. said no."}},
		{"\"We are close,\" he said. \"Very close.\" Then he left.",
			[]string{"\"We are close,\" he said.", "\"Very close.\"", "Then he left."}},
		{"Washington and Kiev accuse\n\nRussia of planning an invasion.\n\nA line without a stop in Kiev\n\nNext one.",
			[]string{"Washington and Kiev accuse\n\nRussia of planning an invasion.", "A line without a stop in Kiev", "Next one."}},
		{"It grew in the U.S. The rest did not.", []string{"It grew in the U.S.", "The rest did not."}},
		{"Sales rose in\nthe third quarter, Acme Corp\nsaid on Monday.", []string{"Sales rose in\nthe third quarter, Acme Corp\nsaid on Monday."}},
	}
	for _, c := range cases {
		got := sentenceTexts(c.in)
		if strings.Join(got, "||") != strings.Join(c.want, "||") {
			t.Errorf("Segment(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func BenchmarkSegment(b *testing.B) {
	text := strings.Repeat("Russian President Vladimir Putin and his U.S. counterpart Joe Biden will hold talks, the Kremlin said on Saturday. “It’s very, very difficult,” he added.\n\n", 50)
	b.SetBytes(int64(len(text)))
	n := 0
	for i := 0; i < b.N; i++ {
		for _, s := range Segment(text) {
			n += len(s.Tokens)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}
