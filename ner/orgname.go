package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Organization names: the forms of one company's name that an article (or
// two articles) may use, and the acronyms that stand for it. Used by group
// (one article) and by graph's ids (across articles), so both agree.

// legalSuffixes are the words of a company's legal form ("Texaco Inc",
// "Volkswagen AG", "Dixons Group Plc"), compared in lower case without points
// ("S.A." is "sa"). They are not part of what names the company.
var legalSuffixes = set(`inc incorporated corp corporation co cos company ltd limited plc llc llp lp
ag sa nv bv spa gmbh kgaa ab as asa oy oyj se sas sarl srl kk pty pte bhd berhad tbk ltda cia cie`)

// nameStopWords are left out of a name's initials ("Organization of the
// Petroleum Exporting Countries" is OPEC), compared in lower case.
var nameStopWords = set(`of and the for in on at to de du des la le del della da do dos das von van der y et &`)

// normWord is w in lower case without points, commas and a possessive
// ending: "Corp." is "corp", "S.A." is "sa", "Moody's" is "moody",
// "Goldman," is "goldman".
func normWord(w string) string {
	return strings.ToLower(removeBytes(stripPossessive(w), ".,"))
}

// removeBytes returns s without the ASCII bytes in cut (s itself when it
// has none).
func removeBytes(s, cut string) string {
	if !strings.ContainsAny(s, cut) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(cut, s[i]) < 0 {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// stripPossessive removes a final 's (or s') from a word: "Moody's" is
// "Moody", "Reuters'" is "Reuters".
func stripPossessive(w string) string {
	for _, suf := range []string{"'s", "’s", "'S", "’S", "'", "’"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func hasPossessive(w string) bool { return stripPossessive(w) != w }

// hasLegalForm reports whether name ends in a legal form ("Texaco Inc",
// "Volkswagen AG").
func hasLegalForm(name string) bool {
	w := strings.Fields(name)
	return len(w) > 1 && legalSuffixes[normWord(w[len(w)-1])]
}

// OrgCore returns the words that name an organization: its name's words
// without a leading "the" and without trailing legal forms and the "and" or
// "&" before them ("Merrill Lynch and Co Inc" is "Merrill Lynch"; "The
// Texaco Co." is "Texaco"). A name that is nothing but those words stays as
// it is ("Co").
func OrgCore(name string) []string {
	w := strings.Fields(name)
	if len(w) > 1 && strings.EqualFold(w[0], "the") {
		w = w[1:]
	}
	end := len(w)
	for end > 1 {
		n := normWord(w[end-1])
		if !legalSuffixes[n] && n != "and" && n != "&" && n != "" {
			break
		}
		end--
	}
	return w[:end]
}

// OrgKey is the key under which two forms of an organization's name are one
// name: the core words (OrgCore) in lower case, without points, commas and
// possessive endings, "&" read as "and". "Texaco Inc", "Texaco" and "the
// Texaco Corp." share "texaco"; "Moody's" and "Moody" share "moody";
// "Standard & Poor's Corp" and "Standard and Poor's" share "standard and poor".
func OrgKey(name string) string {
	core := OrgCore(name)
	var b strings.Builder
	for i, w := range core {
		if i > 0 {
			b.WriteByte(' ')
		}
		if w == "&" {
			b.WriteString("and")
			continue
		}
		b.WriteString(normWord(w))
	}
	return b.String()
}

// SignificantKey is an organization's name reduced to its significant words
// (OrgKey without stop words): "Organization of Petroleum Exporting
// Countries" and "Organization of the Petroleum Exporting Countries" share
// "organization petroleum exporting countries".
func SignificantKey(name string) string {
	var b strings.Builder
	for _, w := range OrgCore(name) {
		n := normWord(w)
		if nameStopWords[n] || n == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n)
	}
	return b.String()
}

// IsAcronym reports whether s is written as an acronym: two or more capital
// letters, perhaps with points or "&" ("GM", "U.N.", "S&P").
func IsAcronym(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			n++
		case r == '.' || r == '&':
		default:
			return false
		}
	}
	return n >= 2
}

// How well an acronym matches a name (acronymMatch).
const (
	acrNone   = iota
	acrLoose  // the initials of all the name's capitalised words ("GEC" for "General Electric Co")
	acrStrict // the initials of its significant words ("GM" for "General Motors Corp")
)

// acronymMatch tells whether acr (an acronym, see IsAcronym) is formed from
// name: from the initials of its significant words (capitalised, not a stop
// word, legal forms left out: "GM" for "General Motors Corp", "OPEC" for
// "Organization of the Petroleum Exporting Countries"; a short acronym among
// them may stay whole: "UKIP" for "UK Independence Party"), or only from those of
// all its capitalised words ("GEC" for "General Electric Co"). Hyphenated
// parts count as words ("Co-operation" gives "C"). The acronym must match
// the initials exactly ("UN" is not formed from "United Newspapers Group"),
// and a name that has the acronym as a word is not what it stands for ("EC"
// is not the "EC Commission").
func acronymMatch(acr, name string) int {
	w := strings.Fields(name)
	return acronymOfWords(acr, w, OrgCore(name))
}

// acronymOfWords is acronymMatch for a name split into words w, whose
// OrgCore is core.
func acronymOfWords(acr string, w, core []string) int {
	a := strings.ToUpper(removeBytes(acr, ".&"))
	if utf8.RuneCountInString(a) < 2 {
		return acrNone
	}
	if len(core) < 2 {
		return acrNone
	}
	for _, x := range w {
		if strings.EqualFold(removeBytes(x, ".&"), a) {
			return acrNone
		}
	}
	switch a {
	case initials(core, true), acronymWordsWhole(core):
		return acrStrict
	case initials(w, false):
		return acrLoose
	}
	return acrNone
}

// acronymWordsWhole is initials(words, true) with a word that is itself a
// short acronym kept whole: "UK Independence Party" gives "UKIP".
func acronymWordsWhole(words []string) string {
	var b strings.Builder
	whole := false
	for _, w := range words {
		if nameStopWords[strings.ToLower(w)] {
			continue
		}
		if n := len(w); n >= 2 && n <= 3 && IsAcronym(w) {
			b.WriteString(w)
			whole = true
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			continue
		}
		b.WriteRune(r)
	}
	if !whole {
		return ""
	}
	return b.String()
}

// initials of the capitalised words (and hyphenated parts) of a name,
// leaving out stop words when significant is set.
func initials(words []string, significant bool) string {
	var b strings.Builder
	for _, w := range words {
		if significant && nameStopWords[strings.ToLower(w)] {
			continue
		}
		for _, part := range strings.Split(w, "-") {
			r, _ := utf8.DecodeRuneInString(part)
			if unicode.IsUpper(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// definesShortForm reports whether short, written in brackets right after
// name ("Federal Reserve Board (Fed)", "General Agreement on Tariffs and
// Trade (GATT)"), is a short form of it: one capitalised word whose letters
// appear in order in the name's core, starting with its first letter. A
// ticker or a place in brackets ("Exxon Corp (XON)", "Texaco Inc (New
// York)") is not.
func definesShortForm(short, name string) bool {
	if strings.ContainsAny(short, " \t\n") || !startsUpper(short) {
		return false
	}
	s := strings.ToLower(removeBytes(short, ".&"))
	core := strings.ToLower(strings.Join(OrgCore(name), " "))
	if utf8.RuneCountInString(s) < 2 || s == core {
		return false
	}
	sr, cr := []rune(s), []rune(core)
	if len(cr) == 0 || sr[0] != cr[0] {
		return false
	}
	i := 0
	for _, c := range cr {
		if i < len(sr) && c == sr[i] {
			i++
		}
	}
	return i == len(sr)
}

// isTicker reports whether s looks like a stock ticker: capital letters and
// digits, perhaps with an exchange suffix after a point ("XON", "VOWG.F",
// "CKGH.HK").
func isTicker(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c >= '0' && c <= '9', c == '.':
		default:
			return false
		}
	}
	return letters > 0
}
