package ner

import (
	"strings"
	"testing"
)

// candidateIn builds the Candidate for the first occurrence of name (whole
// tokens) in text, as the junk stage would see it.
func candidateIn(t *testing.T, text, name, typ string) *Candidate {
	t.Helper()
	want := Tokenize(name)
	for _, s := range Segment(text) {
		toks := s.Tokens
		for i := 0; i+len(want) <= len(toks); i++ {
			ok := true
			for k := range want {
				if toks[i+k].Text != want[k].Text {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			last := i + len(want) - 1
			words := make([]string, len(want))
			for k := range want {
				words[k] = toks[i+k].Text
			}
			return &Candidate{Type: typ, Words: words, Text: text, Start: toks[i].Start, End: toks[last].End,
				Sentence: toks, First: i, Last: last}
		}
		// a part of a hyphenated token, as compoundMentions gives it
		for i, tok := range toks {
			off := tok.Start
			for _, part := range strings.Split(tok.Text, "-") {
				if part == name {
					return &Candidate{Type: typ, Words: []string{part}, Text: text, Start: off, End: off + len(part),
						Sentence: toks, First: i, Last: i}
				}
				off += len(part) + 1
			}
		}
	}
	t.Fatalf("%q not in %q", name, text)
	return nil
}

// TestJunkClasses: each class of junk is caught by its rule, and a real name
// of the same shape or in the same sentence is kept.
func TestJunkClasses(t *testing.T) {
	f := DefaultJunkFilter()
	cases := []struct {
		text, name, typ string
		class           string // "" when the name must be kept
	}{
		// sign-offs
		{"Zorbex Corp said its profit rose.\n REUTER", "REUTER", Person, "sign-off"},
		{"Zorbex Corp said its profit rose.\n Reuter...^M", "Reuter", Person, "sign-off"},
		{"Zorbex Corp said its profit rose. QUILLAN", "QUILLAN", Person, "sign-off"},
		{"Sales 4.4 mln vs 4.0 mln\n Other 1.0 mln vs 0.1 mln\n REUTER^M", "REUTER", Person, "sign-off"},
		{"SANTA FE.....21.....18  REUTER", "REUTER", Person, "sign-off"},
		{"Its output beat estimates by Reuter", "Reuter", Person, ""},
		{"Zorbex said so.\nQuillan and Reuter", "Reuter", Person, ""},
		{"Zorbex Corp said its profit rose.\n REUTER", "Zorbex Corp", Organization, ""},
		{"Exports went to Freedonia and the\nU.S.", "U.S.", Location, ""},
		{"Exports went to Freedonia, said Quillan", "Quillan", Person, ""},
		// peoples typed a place or a person; a club of the name stays
		{"The border guards turned back many Roma last year.", "Roma", Location, "people"},
		{"Aid reached the Pashtuns of the valley.", "Pashtuns", Person, "people"},
		{"Roma drew 1-1 with Lazio on Sunday.", "Roma", Organization, ""},
		{"The Romanov family fled.", "Romanov", Person, ""},
		// single letters
		{"Senator Jo Ames (D-Texas) said so.", "D", Organization, "single letter"},
		{"The R. said so.", "R.", Person, "single letter"},
		// legal suffixes
		{"Lead manager Zorbex (Europe) Ltd said.", "Ltd", Organization, "legal suffix"},
		{"Quillan and Co said.", "and Co", Organization, "legal suffix"},
		{"Lead manager Zorbex (Europe) Ltd said.", "Zorbex", Organization, ""},
		// generic heads
		{"The Bank said it would sell bonds.", "Bank", Organization, "generic head"},
		{"The Commission proposed a levy.", "Commission", Organization, "generic head"},
		{"Dealers said Federal funds traded at six pct.", "Federal", Organization, "generic head"},
		{"The Bank of Freedonia said it would sell bonds.", "Bank of Freedonia", Organization, ""},
		{"The Federal Reserve added reserves.", "Federal Reserve", Organization, ""},
		// nationality adjectives
		{"West German officials met.", "West German", Location, "nationality adjective"},
		{"South Korean exporters met.", "South Korean", Organization, "nationality adjective"},
		{"He flew to West Germany.", "West Germany", Location, ""},
		{"North American said its loss narrowed.", "North American", Organization, ""},
		{"He sailed the North Atlantic.", "North Atlantic", Location, ""},
		// credit ratings
		{"The notes are rated AAA by Zorbex Ratings.", "AAA", Organization, "credit rating"},
		{"Moody's cut the debt to Baa2 from A3.", "Baa2", Organization, "credit rating"},
		{"It was downgraded to AA- from AA.", "AA", Organization, "credit rating"},
		{"It was downgraded to BBB+.", "BBB+", Organization, "credit rating"},
		{"The AA said petrol prices would rise.", "AA", Organization, ""},
		// economic indicators
		{"Freedonia's GNP rose two pct.", "GNP", Organization, "economic indicator"},
		{"Gross Domestic Product rose.", "Gross Domestic Product", Organization, "economic indicator"},
		// rates
		{"The loan pays 50 basis points over LIBOR.", "LIBOR", Organization, "rate"},
		{"It pays over the London Interbank Offered Rate.", "London Interbank Offered Rate", Organization, "rate"},
		{"Six-month London Interbank rose.", "London Interbank", Organization, "rate"},
		{"Zorbex Prime Rate rose.", "Zorbex Prime Rate", Organization, "rate"},
		{"Prime said its sales rose.", "Prime", Organization, ""},
		// currency units
		{"It cost 30 mln European Currency Units.", "European Currency Units", Organization, "currency unit"},
		{"Sales were 12 mln U.S. Dlrs.", "U.S. Dlrs", Organization, "currency unit"},
		{"It cost 12 mln Stg.", "Stg", Organization, "currency unit"},
		{"It cost 12 mln Freedonian Francs.", "Freedonian Francs", Location, "currency unit"},
		{"The loan is 30 mln SDRs.", "SDRs", Organization, "currency unit"},
		{"Swiss Bank Corp lent 30 mln francs.", "Swiss Bank Corp", Organization, ""},
		{"Anna Mark spoke.", "Anna Mark", Person, ""},
		// stock indexes
		{"The Dow Jones Industrial Average fell.", "Dow Jones Industrial Average", Organization, "stock index"},
		{"The Zorbex industrial average fell 12 points.", "Zorbex", Organization, "stock index"},
		{"The Quillan 100 share index fell.", "Quillan", Organization, "stock index"},
		{"The Hang Seng index fell.", "Hang Seng", Organization, "stock index"},
		{"Analysts expect Hang Seng to report a profit.", "Hang Seng", Organization, ""},
		{"The Tokyo stock index fell.", "Tokyo", Location, ""},
		{"It was below the Zorbex average of 8.6 pct.", "Zorbex", Organization, ""},
		{"The Zorbex Stock Exchange composite index fell.", "Zorbex Stock Exchange", Organization, ""},
		// months and weekdays
		{"LONDON SUGAR - APR 7", "APR", Organization, "date word"},
		{"No 1 rss Apr 46-5/8n May 46n", "Apr", Organization, "date word"},
		{"Trading resumes on Wednesday.", "Wednesday", Location, "date word"},
		{"DEC said its sales rose.", "DEC", Organization, ""},
		{"May said she would resign.", "May", Person, ""},
		// holidays
		{"Markets close for Easter.", "Easter", Person, "holiday"},
		{"Sales rose over Boxing Day.", "Boxing Day", Organization, "holiday"},
		{"Cards sold well before Valentine's Day.", "Valentine's Day", Location, "holiday"},
		{"The New Year holiday began.", "New Year", Location, "holiday"},
		{"Green Day played in Quillan.", "Green Day", Organization, ""},
		{"Doris Day sang.", "Doris Day", Person, ""},
		// awards
		{"She won an Oscar for the role.", "Oscar", Person, "award"},
		{"It took three Golden Globes.", "Golden Globes", Organization, "award"},
		{"He won the Quillan Peace Prize.", "Quillan Peace Prize", Organization, "award"},
		{"Oscar Quillan spoke.", "Oscar Quillan", Person, ""},
		// events
		{"Wales won the Six Nations.", "Six Nations", Organization, "event"},
		{"Wales won the RBS Six Nations.", "RBS Six Nations", Organization, "event"},
		{"Leeds lost in the Premiership.", "Premiership", Location, "event"},
		{"Quillan won the Zorbex Cup.", "Zorbex Cup", Organization, "event"},
		{"It was shown at the Consumer Electronics Show.", "Consumer Electronics Show", Organization, "event"},
		{"Wales beat Quillan.", "Wales", Location, ""},
		// legislation
		{"MPs debated the Bill.", "Bill", Person, "legislation"},
		{"MPs debated the Zorbex Bill.", "Zorbex Bill", Organization, "legislation"},
		{"Bill said no.", "Bill", Person, ""},
		{"The ACT government said no.", "ACT", Location, ""},
		{"Buffalo Bill rode.", "Buffalo Bill", Person, ""},
		// commodity grades
		{"West Texas Intermediate rose 20 cts.", "West Texas Intermediate", Organization, "commodity grade"},
		{"Zorbex bought West Texas crude.", "West Texas", Location, ""},
		// financial instruments
		{"U.S. Treasuries rallied.", "U.S. Treasuries", Organization, "financial instrument"},
		{"Treasuries rallied.", "Treasuries", Organization, "financial instrument"},
		{"The Treasury said bonds rallied.", "Treasury", Organization, ""},
		{"Barry Bonds hit a home run.", "Barry Bonds", Person, ""},
		// products
		{"Upload speeds from a PC will rise.", "PC", Organization, "product"},
		{"Zorbex's Xbox sold well.", "Xbox", Location, "product"},
		{"The show ran on US TV last year.", "US TV", Organization, "product"},
		{"The show ran on Freedonian TV last year.", "Freedonian TV", Organization, ""},
		{"The US Treasury sold bonds.", "US Treasury", Organization, ""},
		{"Zorbex's Xbox sold well.", "Zorbex", Organization, ""},
		// titles of works
		{"Her latest film Quillmore Road opens.", "Quillmore Road", Person, "title of a work"},
		{"Oscar-nominated movie The Zorbex Affair opened.", "Zorbex Affair", Organization, "title of a work"},
		{"He starred in the Quillan trilogy.", "Quillan", Location, "title of a work"},
		{"Hollywood star Anna Quillan arrived.", "Hollywood", Location, ""},
		{"The Quillan Affair, a British film about a spy, opened.", "Quillan Affair", Location, "title of a work"},
		{"Zorbex Nights, starring Anna Quillan, opened.", "Zorbex Nights", Organization, "title of a work"},
		{"Zorbex, a British company, said so.", "Zorbex", Organization, ""},
		{"Quillan, the Zorbex director, said so.", "Quillan", Person, ""},
		{"Set in Quillmore, the film is about a spy.", "Quillmore", Location, ""},
		{"He worked with director Anna Quillan, starring in seven of her films.", "Anna Quillan", Person, ""},
		{"Zorbex directed a firm to pay.", "Zorbex", Organization, ""},
		{"Her debut was in Tom Quillan, directed by Anna Zorbex.", "Tom Quillan", Person, "title of a work"},
		{"- Anna Quillan, Total Film: Film - Zorbex", "Anna Quillan", Person, ""},
		{"Banks told the club's website.", "Banks", Person, ""},
		{"Parts one and two of the Wasps-Quillan trilogy.", "Wasps", Organization, ""},
	}
	for _, c := range cases {
		cand := candidateIn(t, c.text, c.name, c.typ)
		v, class := f.Judge(cand)
		if class != c.class || (v == Keep) != (c.class == "") {
			t.Errorf("%q in %q: verdict %d class %q, want class %q", c.name, c.text, v, class, c.class)
		}
	}
}

// TestRecognizeDropsJunk runs the whole recognizer: junk mentions never become
// entities, and the real names beside them stay whole.
func TestRecognizeDropsJunk(t *testing.T) {
	tagger := dictTagger{
		"Zorbex Corp": "ORG", "Ltd": "ORG", "Bank": "ORG", "Bank of Freedonia": "ORG",
		"West German": "LOC", "West Germany": "LOC", "GNP": "ORG", "LIBOR": "ORG",
		"European Currency Units": "ORG", "Easter": "PER", "REUTER": "PER", "Anna Quillan": "PER",
		"Quillan": "PER", "D-Texas": "LOC", "Texas": "LOC", "Quillmore Road": "LOC",
	}
	text := "Zorbex Corp said the Bank of Freedonia and West German banks lent it 30 mln " +
		"European Currency Units at 50 basis points over LIBOR before Easter.\n" +
		"The Bank said West Germany's GNP rose. Anna Quillan (D-Texas) backed the loan.\n" +
		"Quillan also praised the film Quillmore Road. Quillmore Road opens in Texas.\n REUTER"
	res := NewRecognizer(tagger).Recognize(text)
	var names []string
	for _, e := range res.Entities {
		names = append(names, e.Name)
	}
	got := strings.Join(names, "|")
	want := "Zorbex Corp|Bank of Freedonia|West Germany|Anna Quillan|Texas"
	if got != want {
		t.Errorf("entities %s, want %s", got, want)
	}
	bareTagger, bareText := tagger, text
	// The acronym of a junk name is junk in the article; other acronyms stay.
	tagger = dictTagger{"Consumer Electronics Show": "ORG", "CES": "ORG", "Zorbex Cables": "ORG", "ZC": "ORG"}
	text = "Zorbex Cables (ZC) showed a phone at the Consumer Electronics Show (CES). ZC said CES was busy."
	names = names[:0]
	for _, e := range NewRecognizer(tagger).Recognize(text).Entities {
		names = append(names, e.Name+"+"+strings.Join(e.Aliases, "+"))
	}
	if got := strings.Join(names, "|"); got != "Zorbex Cables+ZC" {
		t.Errorf("entities %s, want Zorbex Cables+ZC", got)
	}
	// Without the stage, the same tags give the junk back.
	bare := NewRecognizer(bareTagger).WithJunkFilter(nil).Recognize(bareText)
	if len(bare.Entities) <= len(res.Entities) {
		t.Errorf("bare recognizer found %d entities, junk stage %d", len(bare.Entities), len(res.Entities))
	}
}

// TestJunkTagger: the tagger wrapper clears the tags of junk spans and keeps
// the rest, as eval ner and ner tag see it.
func TestJunkTagger(t *testing.T) {
	tagger := dictTagger{"Bank": "ORG", "Bank of Freedonia": "ORG", "GNP": "ORG", "Easter": "MISC"}
	sents := [][]string{
		{"The", "Bank", "said", "GNP", "rose", "."},
		{"The", "Bank", "of", "Freedonia", "closed", "for", "Easter", "."},
	}
	got := DefaultJunkFilter().Tagger(tagger).TagDocument(sents)
	want := [][]string{
		{"O", "O", "O", "O", "O", "O"},
		{"O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-MISC", "O"},
	}
	for i := range want {
		if strings.Join(got[i], " ") != strings.Join(want[i], " ") {
			t.Errorf("sentence %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// TestJunkFilterComposes: a filter is a list of rules; a caller's own rule
// runs like the default ones, and JunkName condemns every mention of a name.
func TestJunkFilterComposes(t *testing.T) {
	tagger := dictTagger{"Quillan": "PER", "Zorbex": "ORG"}
	mine := NewJunkRule("test", func(c *Candidate) Verdict {
		if c.Key() == "quillan" && c.After(1) == "says" {
			return JunkName
		}
		return Keep
	})
	text := "Quillan met Zorbex. Quillan says no. Quillan left."
	res := NewRecognizer(tagger).WithJunkFilter(JunkFilter{mine}).Recognize(text)
	if len(res.Entities) != 1 || res.Entities[0].Name != "Zorbex" {
		t.Errorf("entities %+v, want only Zorbex", res.Entities)
	}
	if v, class := (JunkFilter{}).Judge(&Candidate{Words: []string{"Bank"}}); v != Keep || class != "" {
		t.Errorf("empty filter: %d %q", v, class)
	}
}

// BenchmarkRecognizeJunk runs the whole recognizer over the CoNLL-2003 test
// articles (tokens joined by spaces, sentences by line breaks), without and
// with the junk stage; "stage" runs the junk stage alone on the mentions the
// recognizer found (what it adds to "bare").
func BenchmarkRecognizeJunk(b *testing.B) {
	docs := conllTestSet(b)
	texts := make([]string, len(docs))
	n := 0
	for i := range docs {
		var sb strings.Builder
		for _, s := range docs[i].Tokens() {
			sb.WriteString(strings.Join(s, " "))
			sb.WriteByte('\n')
			n += len(s)
		}
		texts[i] = sb.String()
	}
	rec := NewRecognizer(mustModel(b))
	type doc struct {
		text  string
		sents []Sentence
		raws  []rawMention
	}
	var pre []doc
	mentions := 0
	for _, t := range texts {
		sents := Segment(t)
		words := make([][]string, len(sents))
		for i, s := range sents {
			for _, tok := range s.Tokens {
				words[i] = append(words[i], tok.Text)
			}
		}
		tags := rec.tagger.TagDocument(words)
		var raws []rawMention
		for si, s := range sents {
			raws = append(raws, spans(t, si, s, tags[si])...)
		}
		raws = append(raws, compoundMentions(t, sents, tags, raws)...)
		pre = append(pre, doc{t, sents, raws})
		mentions += len(raws)
	}
	for _, st := range []struct {
		name string
		run  func(d *doc)
	}{
		{"stage", func(d *doc) { rec.junk.junkMask(d.text, d.sents, d.raws) }},
		// last: it retypes d.raws in place
		{"lists stage", func(d *doc) { coordinate(d.sents, d.raws); contextCues(d.sents, d.raws) }},
	} {
		b.Run(st.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for k := range pre {
					st.run(&pre[k])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(mentions*b.N), "ns/mention")
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
	for _, c := range []struct {
		name string
		rec  *Recognizer
	}{{"bare", rec.WithJunkFilter(nil).WithLists(false)}, {"junk", rec.WithLists(false)}, {"junk+lists", rec}} {
		b.Run(c.name, func(b *testing.B) {
			cpu0 := cpuSeconds()
			for i := 0; i < b.N; i++ {
				for _, t := range texts {
					c.rec.Recognize(t)
				}
			}
			b.StopTimer()
			if cpu := cpuSeconds() - cpu0; cpu > 0 {
				b.ReportMetric(float64(n*b.N)/cpu, "tokens/cpu-s")
			}
		})
	}
}
