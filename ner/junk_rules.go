package ner

import (
	"strings"
	"unicode"
)

// DefaultJunkFilter returns the junk stage the Recognizer runs: shape rules
// (single letters, bare legal suffixes, bare generic heads, sign-offs,
// nationality adjectives, credit ratings), lexicons of classes (economic
// indicators, rates, currency units, stock indexes, months and weekdays,
// holidays, awards, events, legislation, commodity grades, financial
// instruments, technology products) and context rules (a stock index
// read from the words after it, a title of a work from the words around it).
func DefaultJunkFilter() JunkFilter {
	return JunkFilter{
		NewJunkRule("single letter", judgeSingleLetter),
		NewJunkRule("legal suffix", judgeLegalSuffix),
		NewJunkRule("generic head", judgeGenericHead),
		NewJunkRule("sign-off", judgeSignOff),
		NewJunkRule("nationality adjective", judgeDemonymPhrase),
		NewJunkRule("people", judgePeople),
		NewJunkRule("credit rating", judgeRating),
		NewJunkRule("economic indicator", lexiconRule(indicators)),
		NewJunkRule("rate", judgeRate),
		NewJunkRule("currency unit", judgeCurrency),
		NewJunkRule("stock index", judgeIndex),
		NewJunkRule("date word", judgeDateWord),
		NewJunkRule("holiday", judgeHoliday),
		NewJunkRule("award", judgeAward),
		NewJunkRule("event", judgeEvent),
		NewJunkRule("legislation", judgeLegislation),
		NewJunkRule("commodity grade", lexiconRule(commodityGrades)),
		NewJunkRule("financial instrument", judgeInstrument),
		NewJunkRule("product", lexiconRule(products)),
		NewJunkRule("title of a work", judgeWork),
	}
}

// lexiconRule condemns a candidate whose words, lower-cased, are an entry of
// lex.
func lexiconRule(lex map[string]bool) func(*Candidate) Verdict {
	return func(c *Candidate) Verdict {
		if lex[c.Key()] {
			return Junk
		}
		return Keep
	}
}

// stripDot removes the final period of an abbreviation ("Ltd." -> "ltd").
func stripDot(w string) string { return strings.TrimSuffix(w, ".") }

// judgeSingleLetter: "D" of "(D-Okla.)", "R", "F".
func judgeSingleLetter(c *Candidate) Verdict {
	if len(c.Words) != 1 {
		return Keep
	}
	w := stripDot(c.Words[0])
	n := 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return Keep
		}
		n++
	}
	if n == 1 {
		return Junk
	}
	return Keep
}

// judgeLegalSuffix: a name made only of legal-form suffixes and connectors
// ("Ltd", "Co", "and Co", "Inc.").
func judgeLegalSuffix(c *Candidate) Verdict {
	suffix := false
	for _, w := range c.Lower() {
		switch {
		case junkLegalForms[stripDot(w)]:
			suffix = true
		case w == "and" || w == "&" || w == "," || w == "(" || w == ")" || w == "of":
		default:
			return Keep
		}
	}
	if suffix {
		return Junk
	}
	return Keep
}

// judgeGenericHead: a head noun or a modifier of organization names standing
// alone ("Bank", "Commission", "Federal").
func judgeGenericHead(c *Candidate) Verdict {
	if len(c.Words) == 1 && c.Type != Person && genericHeads[c.Key()] {
		return Junk
	}
	return Keep
}

// judgeSignOff: a wire agency's sign-off ("REUTER", "Reuter") is one word,
// the last of the article: a news agency's name in capitals, alone on its
// line or after a finished sentence; or another word in capitals after a
// finished sentence (not the end of a sentence wrapped onto a line of its
// own: "... and the\nU.S.").
func judgeSignOff(c *Candidate) Verdict {
	if len(c.Words) != 1 || !c.AtEnd() {
		return Keep
	}
	w := c.Words[0]
	caps := capsOnly(w) && len(w) >= 2
	switch {
	case agencies[strings.ToLower(w)] && (caps || c.AloneOnLine() || c.AfterSentence()):
		return Junk
	case caps && c.AfterSentence():
		return Junk
	}
	return Keep
}

func capsOnly(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// judgeDemonymPhrase: words of nationality or region with compass words
// ("West German", "South Korean", "Latin American"); single demonyms never
// become mentions (trimSpan).
func judgeDemonymPhrase(c *Candidate) Verdict {
	if len(c.Words) < 2 {
		return Keep
	}
	demonym := false
	for _, w := range c.Lower() {
		switch {
		case compassWords[w]:
		case isDemonym(w) || moreDemonyms[w]:
			demonym = true
		default:
			return Keep
		}
	}
	if demonym && !subjectWords[strings.ToLower(c.After(1))] {
		return Junk
	}
	return Keep
}

// judgePeople: a people, an ethnic or a religious group named by one word
// ("Roma", "Pashtuns", "Druze") that the tagger typed a place or a person.
// Typed ORG it stays: a club or a band may have the name ("Roma").
func judgePeople(c *Candidate) Verdict {
	if len(c.Words) != 1 || c.Type == Organization {
		return Keep
	}
	if peoples[strings.ToLower(c.Words[0])] {
		return Junk
	}
	return Keep
}

// judgeRating: a credit rating. The shapes only ratings have ("Aaa", "Baa2",
// "BBB+", "A-1+", "P-1") always; the shapes that also spell acronyms ("AA",
// "BB") only in a sentence about ratings.
func judgeRating(c *Candidate) Verdict {
	if len(c.Words) > 3 {
		return Keep
	}
	// The tokenizer may split a sign off ("BBB", "+").
	w := strings.Join(c.Words, "")
	switch ratingShape(w) {
	case 2:
		return Junk
	case 1:
		for _, t := range c.Sentence {
			if ratingContext[strings.ToLower(t.Text)] {
				return Junk
			}
		}
	}
	return Keep
}

// ratingShape returns 2 for a string only a rating has, 1 for one a rating or
// an acronym may have, 0 otherwise.
func ratingShape(w string) int {
	// Moody's long-term scale: Aaa, Aa1..Aa3, A1..A3, Baa1..Baa3, Ba1..Ba3,
	// B1..B3, Caa1..Caa3, Ca; short term P-1..P-3.
	switch w {
	case "Aaa", "Aa", "Baa", "Ba", "Caa", "Ca", "AAA":
		return 2
	case "AA", "BBB", "BB", "CCC", "CC":
		return 1
	}
	base := strings.TrimRight(w, "+-123")
	tail := w[len(base):]
	if tail == "" {
		return 0
	}
	switch base {
	case "Aa", "A", "Baa", "Ba", "B", "Caa", "Ca", "AAA", "AA", "BBB", "BB", "CCC", "CC", "P":
		// "A-1+", "AA-", "Baa2", "BBB+", "P-1"; a digit after S&P letters
		// or a sign after Moody's do not occur, but cost nothing.
		for _, r := range tail {
			if r != '+' && r != '-' && (r < '1' || r > '3') {
				return 0
			}
		}
		return 2
	}
	return 0
}

// judgeRate: interest rates and their benchmarks ("LIBOR", "Prime Rate",
// "London Interbank Offered Rate").
func judgeRate(c *Candidate) Verdict {
	k := c.Key()
	if rates[k] {
		return Junk
	}
	lw := c.Lower()
	last := stripDot(lw[len(lw)-1])
	if len(lw) >= 2 && (last == "rate" || last == "rates") && c.Type != Person {
		return Junk
	}
	for _, w := range lw {
		if w == "interbank" || w == "offered" {
			return Junk
		}
	}
	return Keep
}

// judgeCurrency: a currency unit, alone ("Dlrs", "Stg", "ECUs") or with its
// country ("European Currency Units", "U.S. Dlrs", "Swiss Francs").
func judgeCurrency(c *Candidate) Verdict {
	k := c.Key()
	if currencies[k] {
		return Junk
	}
	lw := c.Lower()
	if len(lw) < 2 {
		return Keep
	}
	last := stripDot(lw[len(lw)-1])
	if unit, ok := currencyUnits[last]; ok && (unit || c.Type != Person) {
		return Junk
	}
	if (last == "unit" || last == "units") && lw[len(lw)-2] == "currency" {
		return Junk
	}
	return Keep
}

// judgeIndex: a stock index or a price index, by name ("Nikkei", "Dow Jones
// Industrial Average", "Consumer Price Index") or by the words after it ("the
// Dow Jones industrial average", "the Hang Seng index", "the Financial Times
// 100 share index").
func judgeIndex(c *Candidate) Verdict {
	if stockIndexes[c.Key()] {
		return Junk
	}
	lw := c.Lower()
	switch lw[len(lw)-1] {
	case "index", "indices", "indexes", "average", "averages", "industrials":
		if len(lw) >= 2 {
			return Junk
		}
	}
	// Places name markets ("the Tokyo stock index", "the U.S. index of
	// leading indicators") and stay places; an institution that gives an
	// index its name stays ("the New York Stock Exchange composite index").
	if c.Type == Location || genericHeads[lw[len(lw)-1]] {
		return Keep
	}
	number, modifier := false, false
	for k := 1; k <= 4; k++ {
		w := c.After(k)
		switch {
		case indexHeads[w] || (averageHeads[w] && modifier):
			// Only this mention: "the Commerzbank index" is an index,
			// "Commerzbank lost 9.20" the bank.
			return Junk
		case isNumber(w):
			number = true
		case indexModifiers[w] && (w != "share" || number):
			modifier = true
		default:
			return Keep
		}
	}
	return Keep
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// judgeDateWord: months ("January", "Apr") and weekdays standing alone; a
// month's abbreviation in capitals ("APR", but also "DEC" for Digital
// Equipment) only next to a number ("APR 7"). The months that are also first
// names stay when tagged as a person.
func judgeDateWord(c *Candidate) Verdict {
	if len(c.Words) != 1 {
		return Keep
	}
	w := stripDot(c.Lower()[0])
	if !dateWords[w] || (c.Type == Person && firstNameMonths[w]) {
		return Keep
	}
	if len(w) <= 4 && capsOnly(c.Words[0]) && !startsDigit(c.After(1)) && !startsDigit(c.Before(1)) {
		return Keep
	}
	return Junk
}

func startsDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// judgeHoliday: a holiday or festival by name ("Easter", "New Year"), or a
// day of observance ("Boxing Day", "Valentine's Day"; not the band "Green
// Day").
func judgeHoliday(c *Candidate) Verdict {
	if holidays[c.Key()] {
		return Junk
	}
	lw := c.Lower()
	if n := len(lw); n >= 2 && lw[n-1] == "day" && c.Type != Person {
		if w := lw[n-2]; dayNames[w] || isPossessive(w) || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			return Junk
		}
	}
	return Keep
}

// judgeAward: an award or prize ("Oscar", "Golden Globes", "Nobel Peace
// Prize").
func judgeAward(c *Candidate) Verdict {
	if awards[c.Key()] {
		return Junk
	}
	lw := c.Lower()
	if len(lw) >= 2 && awardHeads[lw[len(lw)-1]] {
		return Junk
	}
	return Keep
}

// judgeEvent: a competition, festival or show by name ("Six Nations", "the
// Premiership", with a sponsor: "RBS Six Nations") or by the word that ends
// it ("Heineken Cup", "Consumer Electronics Show").
func judgeEvent(c *Candidate) Verdict {
	lw := c.Lower()
	n := len(lw)
	for k := 1; k <= 3 && k <= n; k++ {
		if events[strings.Join(lw[n-k:], " ")] {
			return Junk
		}
	}
	if n >= 2 && eventHeads[lw[n-1]] && c.Type != Person {
		return Junk
	}
	return Keep
}

// judgeLegislation: a bill or act ("the Bill", "Terrorism Bill"); not the
// first name Bill.
func judgeLegislation(c *Candidate) Verdict {
	lw := c.Lower()
	if !legislation[lw[len(lw)-1]] {
		return Keep
	}
	if len(lw) >= 2 && c.Type != Person {
		return Junk
	}
	if capsOnly(c.Words[0]) && len(c.Words[0]) > 1 {
		return Keep // "ACT", an acronym
	}
	if b := c.Before(1); len(lw) == 1 && (c.Type != Person || b == "the" || b == "The" || b == "this") {
		return Junk
	}
	return Keep
}

// judgeInstrument: a kind of security, alone ("Treasuries", "Gilts") or after
// its issuer ("U.S. Treasuries", "Treasury Bonds"); "Bonds", "Notes" and
// "Bills" only after an issuer, and never for a person ("Barry Bonds").
func judgeInstrument(c *Candidate) Verdict {
	lw := c.Lower()
	last := lw[len(lw)-1]
	if !instruments[last] || c.Type == Person {
		return Keep
	}
	switch last {
	case "bonds", "notes", "bills":
		if len(lw) < 2 {
			return Keep
		}
	}
	return Junk
}

// judgeWork: the title of a film, book, album or show, told by a noun of the
// kind right before it ("the film Vera Drake", "Oscar-nominated movie The
// Aviator", "boxing drama Million Dollar Baby"), right after it ("the Lord of
// the Rings trilogy"), in an apposition after it ("The Aviator, a film
// biography of ...") or by its cast ("Sideways, starring ...", "Tom Jones,
// directed by ..."). The nouns are in lower case as written ("Total Film" is
// a magazine). Every mention of the title in the article goes.
func judgeWork(c *Candidate) Verdict {
	if c.Part() {
		return Keep // "the Wasps-Leicester trilogy" of matches
	}
	k := 1
	if w := c.Before(k); w == "The" || w == "the" || isQuote(w) {
		k++
		if isQuote(c.Before(k)) {
			k++
		}
	}
	if workNouns[c.Before(k)] || workNounsAfter[c.After(1)] {
		return JunkName
	}
	if c.After(1) != "," {
		return Keep
	}
	// An apposition (", a British film about ...") or the cast
	// (", starring ...", ", directed by ..."); not a new clause
	// (", the film is about ...").
	switch c.After(2) {
	case "starring", "co-starring":
		if w := c.After(3); w != "in" && w != "as" {
			return JunkName
		}
		return Keep
	case "directed", "written", "produced":
		if c.After(3) == "by" {
			return JunkName
		}
		return Keep
	case "a", "an":
	default:
		return Keep
	}
	for k := 3; k <= 5; k++ {
		w := c.After(k)
		switch {
		case workNouns[w]:
			return JunkName
		case w != "" && !isPunct(w) && (!startsUpper(w) || isDemonym(w)):
			// an adjective of the noun ("a British film", "an animated comedy")
		default:
			return Keep
		}
	}
	return Keep
}

func isQuote(w string) bool {
	switch w {
	case `"`, "“", "”", "'", "‘", "’":
		return true
	}
	return false
}
