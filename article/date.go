package article

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates are found with a few regular expressions rather than a date library:
// news pages write dates in a handful of English layouts, and we need the
// position of the date inside a line (to tell a date line from a sentence),
// which general parsers such as araddon/dateparse do not give.

const monthRE = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	reDateMDY = regexp.MustCompile(`(?i)\b(` + monthRE + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reDateDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthRE + `),?\s+(\d{4})\b`)
	reDateISO = regexp.MustCompile(`\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b`)
)

var monthNum = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

type dateMatch struct {
	iso        string // YYYY-MM-DD
	start, end int    // byte range of the date in the searched string
}

// findDate returns the first valid calendar date written in s.
func findDate(s string) (dateMatch, bool) {
	best := dateMatch{start: -1}
	try := func(m []int, y, mo, d int) {
		if m == nil || (best.start >= 0 && m[0] >= best.start) {
			return
		}
		if y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 {
			return
		}
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			return
		}
		best = dateMatch{iso: fmt.Sprintf("%04d-%02d-%02d", y, mo, d), start: m[0], end: m[1]}
	}
	if m := reDateMDY.FindStringSubmatchIndex(s); m != nil {
		try(m, atoi(s[m[6]:m[7]]), month(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]))
	}
	if m := reDateDMY.FindStringSubmatchIndex(s); m != nil {
		try(m, atoi(s[m[6]:m[7]]), month(s[m[4]:m[5]]), atoi(s[m[2]:m[3]]))
	}
	if m := reDateISO.FindStringSubmatchIndex(s); m != nil {
		try(m, atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
	}
	return best, best.start >= 0
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func month(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	return monthNum[s[:3]]
}

// Date line labels, in order of authority for the published date.
const (
	dateBare      = iota // a date alone on a line
	dateUpdated          // "Updated on: ..."
	datePublished        // "Published: ...", "Posted on ..."
)

var (
	reDateLabelPub = regexp.MustCompile(`(?i)\b(published|posted|first published|date|dated|released)\b`)
	reDateLabelUpd = regexp.MustCompile(`(?i)\b(updated|last updated|modified|last modified)\b`)
	reDateNoise    = regexp.MustCompile(`(?i)\b(?:published|posted|first|last|updated|modified|released|date|dated|on|at|in|am|pm|a\.m\.|p\.m\.|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|ist|gmt|utc|est|edt|cet|cest|msk|bst|pst|pdt|cst|cdt|et|pt|hrs|local time)\b|\d{1,2}[:.]\d{2}(?::\d{2})?|[+-]\d{2}:?\d{2}\b|[\s,|:;/()\-–—•·.]+`)
)

// dateLine reports whether s (one trimmed line, markup stripped) is a date
// line: a date with at most labels, a weekday, a time and a time zone around
// it. kind says how the line labels the date.
func dateLine(s string) (iso string, kind int, ok bool) {
	m, found := findDate(s)
	if !found {
		return "", 0, false
	}
	rest := s[:m.start] + " " + s[m.end:]
	if strings.TrimSpace(reDateNoise.ReplaceAllString(rest, "")) != "" {
		return "", 0, false
	}
	return m.iso, dateKind(s[:m.start]), true
}

func dateKind(prefix string) int {
	switch {
	case reDateLabelUpd.MatchString(prefix):
		return dateUpdated
	case reDateLabelPub.MatchString(prefix):
		return datePublished
	}
	return dateBare
}
