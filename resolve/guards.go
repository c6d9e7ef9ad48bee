package resolve

// Guards that keep lone names from chaining unlike things into one entity
// (see Resolve): what a surname, a company's legal form and two
// organizations' full names allow.

import "strings"

// apartNames reports whether some name of a and some name of b are two
// organizations' full names, neither the other with more words.
func apartNames(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x != y && !extends(x, y) && !extends(y, x) {
				return true
			}
		}
	}
	return false
}

// surnameFits applies the guards on a lone ORG or LOC name joining a person
// as a mistyped surname (see Resolve) to the whole group the name is in:
// "Moody" typed LOC once must not carry "Moody's" typed ORG, one entity by
// type, to a rugby player.
func (t *Table) surnameFits(group []string, person string) bool {
	p := t.keys[person]
	arts := 0
	for _, k := range group {
		s := t.keys[k]
		if s.t == Person {
			continue
		}
		if s.hasLegalForm() || s.possessiveOnly() {
			return false
		}
		arts += s.articles
	}
	lone := 0
	if pk := t.key(Person, surname(p.n)); t.keys[pk] != nil {
		lone = t.keys[pk].articles
	}
	return arts <= p.articles+lone
}

// possessiveOnly reports whether every article writes the name with a
// possessive ("Moody's", "Sotheby's"): a firm's name, not a surname that
// articles write alone too.
func (s *stat) possessiveOnly() bool {
	for n := range s.names {
		if !strings.HasSuffix(n, "'s") && !strings.HasSuffix(n, "’s") {
			return false
		}
	}
	return len(s.names) > 0
}

// hasLegalForm reports whether some article names the key with a legal form.
func (s *stat) hasLegalForm() bool { return s.legalFormArticles() > 0 }

// legalFormArticles counts the articles that name the key with a legal form
// ("Texaco Inc", "Ford Co").
func (s *stat) legalFormArticles() int {
	n := 0
	for name, c := range s.names {
		w := strings.Fields(strings.ToLower(name))
		if len(w) > 1 && legalForms[strings.Trim(w[len(w)-1], ".,")] {
			n += c
		}
	}
	return n
}

// aCompany reports whether articles name the key with a legal form often
// enough (a quarter of them) for it to be a company of its own: one "Ford
// Co" among sixty "Ford" is a slip, not a company.
func (s *stat) aCompany() bool { return s.legalFormArticles()*4 >= s.articles }

// extends reports whether key long is key short with more words
// ("org:acme-capital-markets" extends "org:acme").
func extends(long, short string) bool {
	_, l, _ := strings.Cut(long, ":")
	_, sh, _ := strings.Cut(short, ":")
	return sh != "" && strings.HasPrefix(l, sh+"-")
}

// qualifies reports whether key long is key short (two words or more) with
// words before it that are not a legal form ("org:federal-reserve-bank-of-
// new-york" qualifies "org:bank-of-new-york"; "org:nv-philips" does not
// qualify "org:philips").
func qualifies(long, short string) bool {
	_, l, _ := strings.Cut(long, ":")
	_, sh, _ := strings.Cut(short, ":")
	if !strings.Contains(sh, "-") || !strings.HasSuffix(l, "-"+sh) {
		return false
	}
	for _, w := range strings.Split(strings.TrimSuffix(l, "-"+sh), "-") {
		if legalForms[w] {
			return false
		}
	}
	return true
}
