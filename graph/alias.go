package graph

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Aliases are a user's corrections to entity identity, read from an alias
// file (newsgraph extract/ingest --aliases FILE). They are applied when an
// article is extracted, so re-ingesting the articles applies them to the
// graph. The format is one rule a line; blank lines and lines starting with #
// are ignored; names may be written bare or in double quotes:
//
//	merge: Volodymyr Zelensky = Volodymyr Zelenskyy
//	merge PERSON: "Putin" = "Vladimir Putin"
//	merge LOC: Crimea = Crimea
//	split: Austin != Lloyd Austin
//
// "merge [TYPE]: A = B" makes every entity named or also known as A (case,
// diacritics and a leading "the" ignored) the entity B: B is its canonical
// name and B's id its id. With a TYPE (PERSON, ORG or LOC) the rule applies
// only to entities of that type, unless A and B are the same name, in which
// case it forces the type: "merge LOC: Crimea = Crimea" makes Crimea a place
// whatever the tagger said. Merges chain (A = B, B = C gives C).
//
// "split [TYPE]: A != B" forbids joining A with B: a mention "A" is not
// taken as a short form of "B" in an article, no gazetteer, spelling or
// lone-surname rule maps A to B or B to A, and if their ids would coincide
// (spelling variants such as Zelensky and Zelenskyy share one) each keeps an
// id of its own.
type Aliases struct {
	merge  map[string]mergeRule // typ+"\x00"+nameKey(A), or "\x00"+nameKey(A) for any type
	splits map[string]bool      // nameKey(A)+"\x00"+nameKey(B), both orders
	exact  map[string]bool      // nameKey of names that take an exact id
	rules  int
}

type mergeRule struct {
	to  string // canonical name
	typ string // forced type, or ""
}

// Len is the number of rules.
func (a *Aliases) Len() int {
	if a == nil {
		return 0
	}
	return a.rules
}

// LoadAliases reads an alias file.
func LoadAliases(path string) (*Aliases, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read aliases %s: %w", path, err)
	}
	defer f.Close()
	a, err := ParseAliases(f)
	if err != nil {
		return nil, fmt.Errorf("aliases %s: %w", path, err)
	}
	return a, nil
}

// ParseAliases reads alias rules in the format of LoadAliases.
func ParseAliases(r io.Reader) (*Aliases, error) {
	a := &Aliases{merge: map[string]mergeRule{}, splits: map[string]bool{}, exact: map[string]bool{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := a.parseLine(line); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		a.rules++
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *Aliases) parseLine(line string) error {
	head, body, ok := strings.Cut(line, ":")
	if !ok {
		return fmt.Errorf("want \"merge: A = B\" or \"split: A != B\", got %q", line)
	}
	hw := strings.Fields(head)
	if len(hw) == 0 || len(hw) > 2 {
		return fmt.Errorf("bad rule head %q", head)
	}
	typ := ""
	if len(hw) == 2 {
		typ = strings.ToUpper(hw[1])
		switch typ {
		case Person, Organization, Location:
		default:
			return fmt.Errorf("unknown type %q (want PERSON, ORG or LOC)", hw[1])
		}
	}
	switch strings.ToLower(hw[0]) {
	case "merge":
		l, r, ok := strings.Cut(body, "=")
		if !ok || strings.HasSuffix(l, "!") {
			return fmt.Errorf("merge wants \"A = B\", got %q", body)
		}
		from, to := unquote(l), unquote(r)
		if from == "" || to == "" {
			return fmt.Errorf("merge wants two names, got %q", body)
		}
		rule := mergeRule{to: to}
		if nameKey(from) == nameKey(to) {
			rule.typ = typ
			a.merge["\x00"+nameKey(from)] = rule
		} else {
			a.merge[typ+"\x00"+nameKey(from)] = rule
		}
	case "split":
		l, r, ok := strings.Cut(body, "!=")
		if !ok {
			return fmt.Errorf("split wants \"A != B\", got %q", body)
		}
		x, y := unquote(l), unquote(r)
		if x == "" || y == "" || nameKey(x) == nameKey(y) {
			return fmt.Errorf("split wants two different names, got %q", body)
		}
		kx, ky := nameKey(x), nameKey(y)
		a.splits[kx+"\x00"+ky] = true
		a.splits[ky+"\x00"+kx] = true
		a.exact[kx], a.exact[ky] = true, true
	default:
		return fmt.Errorf("unknown rule %q (want merge or split)", hw[0])
	}
	return nil
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	return strings.Join(strings.Fields(s), " ")
}

// mergeTo returns the canonical name (and forced type, or "") a merge rule
// gives name, following chains.
func (a *Aliases) mergeTo(typ, name string) (string, string, bool) {
	if a == nil || len(a.merge) == 0 {
		return "", "", false
	}
	cur, forced, hit := name, "", false
	for i := 0; i < 8; i++ {
		k := nameKey(cur)
		r, ok := a.merge[typ+"\x00"+k]
		if !ok {
			r, ok = a.merge["\x00"+k]
		}
		if !ok {
			break
		}
		hit = true
		if r.typ != "" {
			forced = r.typ
		}
		cur = r.to
		if nameKey(r.to) == k {
			break
		}
	}
	return cur, forced, hit
}

// forbids reports whether a split rule keeps x and y apart.
func (a *Aliases) forbids(x, y string) bool {
	if a == nil || len(a.splits) == 0 {
		return false
	}
	return a.splits[nameKey(x)+"\x00"+nameKey(y)]
}

// exactID reports whether name appears in a split rule and so takes an id
// without spelling folding.
func (a *Aliases) exactID(name string) bool {
	return a != nil && a.exact[nameKey(name)]
}
