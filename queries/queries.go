// Package queries reads newsgraph's example Cypher queries (docs/queries.cypher)
// and the Neo4j Browser style (deploy/browser/newsgraph.grass).
//
// docs/queries.cypher is a plain Cypher file a user can read and paste into
// Neo4j Browser. Each query in it is named and carries, in comments, the
// question it answers and the answer it gives on the example articles
// (examples/), so a test can run every query against a Neo4j loaded with them
// and check that answer:
//
//	// name: said-about
//	// What did Oleksiy Marchenko say about Izmail?
//	// expect: rows >= 2
//	// expect: any quote ~ "140 vessels", direct = false
//	MATCH ... ;
//
// Parse turns the file into Query values; Expectation.Check tests a result.
// The style half (ParseGrass, Style.PostConnectCmd) turns the GraSS file into
// the inline form Neo4j Browser applies on connect (browser.post_connect_cmd).
package queries

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Query is one named example query.
type Query struct {
	Name        string
	Description string // the question it answers (the comment lines)
	Cypher      string // without the final semicolon
	Expect      []Expectation
	// Pending, when not empty, says why the expectation is the intended
	// answer but not yet the pipeline's: a failed check is reported, not an error.
	Pending string
	Line    int // line of the "// name:" marker, from 1
}

// Quantifier says which rows an expectation's conditions apply to.
type Quantifier string

// The quantifiers of an expectation.
const (
	Rows  Quantifier = "rows"  // the number of rows
	First Quantifier = "first" // the first row satisfies every condition
	Any   Quantifier = "any"   // some row satisfies every condition
	All   Quantifier = "all"   // there is a row, and every row satisfies every condition
	None  Quantifier = "none"  // no row satisfies every condition
)

// Expectation is one "// expect:" line.
type Expectation struct {
	Text  string // as written, for messages
	Quant Quantifier
	Conds []Cond // for Rows: one Cond with an empty Column
}

// Cond is COLUMN OP VALUE. Value is a string, float64, bool or nil.
type Cond struct {
	Column string
	Op     string
	Value  any
	re     *regexp.Regexp
}

var ops = []string{"contains", "!=", ">=", "<=", "=", ">", "<", "~"} // longest first where prefixes overlap

// Parse reads a queries file.
func Parse(r io.Reader) ([]Query, error) {
	var (
		out    []Query
		cur    *Query
		cypher []string
		inBody bool
		lineNo int
	)
	finish := func() error {
		if cur == nil {
			return nil
		}
		if inBody {
			return fmt.Errorf("line %d: query %q: no semicolon ends it", cur.Line, cur.Name)
		}
		if err := cur.validate(); err != nil {
			return err
		}
		out = append(out, *cur)
		cur = nil
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), " \t\r")
		if strings.HasPrefix(line, "// name:") && !inBody {
			if err := finish(); err != nil {
				return nil, err
			}
			cur = &Query{Name: strings.TrimSpace(strings.TrimPrefix(line, "// name:")), Line: lineNo}
			cypher = cypher[:0]
			continue
		}
		if cur == nil {
			continue // the file's header
		}
		if !inBody && strings.HasPrefix(line, "//") {
			text := strings.TrimSpace(strings.TrimPrefix(line, "//"))
			switch {
			case strings.HasPrefix(text, "expect:"):
				e, err := ParseExpectation(strings.TrimSpace(strings.TrimPrefix(text, "expect:")))
				if err != nil {
					return nil, fmt.Errorf("line %d: query %q: %w", lineNo, cur.Name, err)
				}
				cur.Expect = append(cur.Expect, e)
			case strings.HasPrefix(text, "pending:"):
				cur.Pending = strings.TrimSpace(strings.TrimPrefix(text, "pending:"))
			default:
				cur.Description = strings.TrimSpace(cur.Description + " " + text)
			}
			continue
		}
		if !inBody && strings.TrimSpace(line) == "" {
			continue
		}
		inBody = true
		if strings.HasSuffix(line, ";") {
			cypher = append(cypher, strings.TrimSuffix(line, ";"))
			cur.Cypher = strings.TrimSpace(strings.Join(cypher, "\n"))
			inBody = false
			if err := finish(); err != nil {
				return nil, err
			}
			continue
		}
		cypher = append(cypher, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, q := range out {
		if seen[q.Name] {
			return nil, fmt.Errorf("line %d: query name %q used twice", q.Line, q.Name)
		}
		seen[q.Name] = true
	}
	return out, nil
}

func (q *Query) validate() error {
	switch {
	case q.Name == "":
		return fmt.Errorf("line %d: query without a name", q.Line)
	case q.Description == "":
		return fmt.Errorf("line %d: query %q: no comment says what it answers", q.Line, q.Name)
	case len(q.Expect) == 0:
		return fmt.Errorf("line %d: query %q: no expect: line", q.Line, q.Name)
	case q.Cypher == "":
		return fmt.Errorf("line %d: query %q: no Cypher", q.Line, q.Name)
	}
	return nil
}

// ParseExpectation parses the text after "expect:".
func ParseExpectation(s string) (Expectation, error) {
	e := Expectation{Text: s}
	word, rest, _ := strings.Cut(strings.TrimSpace(s), " ")
	e.Quant = Quantifier(word)
	switch e.Quant {
	case Rows:
		c, err := parseCond("rows " + rest)
		if err != nil {
			return e, err
		}
		if _, ok := c.Value.(float64); !ok || c.Op == "~" || c.Op == "contains" {
			return e, fmt.Errorf("expect %q: rows needs a numeric comparison", s)
		}
		c.Column = ""
		e.Conds = []Cond{c}
		return e, nil
	case First, Any, All, None:
	default:
		return e, fmt.Errorf("expect %q: starts with %q, want rows, first, any, all or none", s, word)
	}
	parts, err := splitConds(rest)
	if err != nil {
		return e, fmt.Errorf("expect %q: %w", s, err)
	}
	for _, p := range parts {
		c, err := parseCond(p)
		if err != nil {
			return e, fmt.Errorf("expect %q: %w", s, err)
		}
		e.Conds = append(e.Conds, c)
	}
	if len(e.Conds) == 0 {
		return e, fmt.Errorf("expect %q: no condition", s)
	}
	return e, nil
}

// splitConds splits at commas outside JSON strings.
func splitConds(s string) ([]string, error) {
	var parts []string
	var b strings.Builder
	inStr, esc := false, false
	for _, r := range s {
		switch {
		case esc:
			esc = false
		case inStr && r == '\\':
			esc = true
		case r == '"':
			inStr = !inStr
		case r == ',' && !inStr:
			parts = append(parts, b.String())
			b.Reset()
			continue
		}
		b.WriteRune(r)
	}
	if inStr {
		return nil, fmt.Errorf("unterminated string")
	}
	parts = append(parts, b.String())
	return parts, nil
}

func parseCond(s string) (Cond, error) {
	s = strings.TrimSpace(s)
	col, rest, ok := strings.Cut(s, " ")
	if !ok || col == "" {
		return Cond{}, fmt.Errorf("condition %q: want COLUMN OP VALUE", s)
	}
	rest = strings.TrimSpace(rest)
	var c Cond
	for _, op := range ops {
		if strings.HasPrefix(rest, op) {
			c = Cond{Column: col, Op: op}
			rest = strings.TrimSpace(rest[len(op):])
			break
		}
	}
	if c.Op == "" {
		return Cond{}, fmt.Errorf("condition %q: no operator (one of %s)", s, strings.Join(ops, " "))
	}
	var v any
	if err := json.Unmarshal([]byte(rest), &v); err != nil {
		return Cond{}, fmt.Errorf("condition %q: value %q is not a JSON string, number, true, false or null", s, rest)
	}
	switch v.(type) {
	case string, float64, bool, nil:
	default:
		return Cond{}, fmt.Errorf("condition %q: value must be a string, number, true, false or null", s)
	}
	c.Value = v
	switch c.Op {
	case "~":
		p, ok := v.(string)
		if !ok {
			return Cond{}, fmt.Errorf("condition %q: ~ needs a string (a regular expression)", s)
		}
		re, err := regexp.Compile(p)
		if err != nil {
			return Cond{}, fmt.Errorf("condition %q: %w", s, err)
		}
		c.re = re
	case ">=", "<=", ">", "<":
		if _, ok := v.(float64); !ok {
			return Cond{}, fmt.Errorf("condition %q: %s needs a number", s, c.Op)
		}
	}
	return c, nil
}

// Check tests rows (each a map from column to the driver's value) against e.
func (e Expectation) Check(columns []string, rows []map[string]any) error {
	if e.Quant == Rows {
		c := e.Conds[0]
		if !compareNum(float64(len(rows)), c.Op, c.Value.(float64)) {
			return fmt.Errorf("expect %s: got %d rows", e.Text, len(rows))
		}
		return nil
	}
	for _, c := range e.Conds {
		if !slices.Contains(columns, c.Column) {
			return fmt.Errorf("expect %s: no column %q (columns: %s)", e.Text, c.Column, strings.Join(columns, ", "))
		}
	}
	match := func(row map[string]any) bool {
		for _, c := range e.Conds {
			if !c.holds(row[c.Column]) {
				return false
			}
		}
		return true
	}
	switch e.Quant {
	case First:
		if len(rows) == 0 {
			return fmt.Errorf("expect %s: no rows", e.Text)
		}
		if !match(rows[0]) {
			return fmt.Errorf("expect %s: first row is %s", e.Text, Format(columns, rows[0]))
		}
	case Any:
		if !slices.ContainsFunc(rows, match) {
			return fmt.Errorf("expect %s: no such row among %d:\n%s", e.Text, len(rows), FormatRows(columns, rows, 15))
		}
	case All:
		if len(rows) == 0 {
			return fmt.Errorf("expect %s: no rows", e.Text)
		}
		for _, r := range rows {
			if !match(r) {
				return fmt.Errorf("expect %s: row %s does not", e.Text, Format(columns, r))
			}
		}
	case None:
		for _, r := range rows {
			if match(r) {
				return fmt.Errorf("expect %s: row %s does", e.Text, Format(columns, r))
			}
		}
	}
	return nil
}

func (c Cond) holds(v any) bool {
	v = Plain(v)
	switch c.Op {
	case "=":
		return equal(v, c.Value)
	case "!=":
		return !equal(v, c.Value)
	case "~":
		if l, ok := v.([]any); ok {
			return slices.ContainsFunc(l, func(x any) bool { return c.re.MatchString(text(x)) })
		}
		return v != nil && c.re.MatchString(text(v))
	case "contains":
		switch x := v.(type) {
		case []any:
			return slices.ContainsFunc(x, func(y any) bool { return equal(y, c.Value) })
		case string:
			s, ok := c.Value.(string)
			return ok && strings.Contains(x, s)
		}
		return false
	default:
		n, ok := number(v)
		return ok && compareNum(n, c.Op, c.Value.(float64))
	}
}

func compareNum(a float64, op string, b float64) bool {
	switch op {
	case "=":
		return a == b
	case "!=":
		return a != b
	case ">=":
		return a >= b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case "<":
		return a < b
	}
	return false
}

func equal(v, want any) bool {
	if n, ok := number(v); ok {
		w, ok := want.(float64)
		return ok && n == w
	}
	if _, ok := v.([]any); ok {
		return false
	}
	return v == want
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x)
	}
	return 0, false
}

// Plain turns driver values into strings, numbers, booleans, nil and lists of
// them: a node becomes its caption (name, else title, else text, else id), a
// relationship its type, a path the captions of its nodes joined by " - ".
func Plain(v any) any {
	switch x := v.(type) {
	case dbtype.Node:
		return nodeCaption(x)
	case dbtype.Relationship:
		return x.Type
	case dbtype.Path:
		names := make([]string, len(x.Nodes))
		for i, n := range x.Nodes {
			names[i] = nodeCaption(n)
		}
		return strings.Join(names, " - ")
	case []any:
		out := make([]any, len(x))
		for i, y := range x {
			out[i] = Plain(y)
		}
		return out
	case int:
		return int64(x)
	}
	return v
}

func nodeCaption(n dbtype.Node) string {
	for _, k := range []string{"name", "title", "text", "id"} {
		if s, ok := n.Props[k].(string); ok {
			return s
		}
	}
	return n.ElementId
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return "null"
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// Format renders one row for messages.
func Format(columns []string, row map[string]any) string {
	parts := make([]string, len(columns))
	for i, c := range columns {
		v := Plain(row[c])
		s := text(v)
		if _, ok := v.(string); ok {
			s = strconv.Quote(s)
		}
		if len(s) > 80 {
			s = s[:77] + "..."
		}
		parts[i] = c + "=" + s
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// FormatRows renders up to max rows, one a line.
func FormatRows(columns []string, rows []map[string]any, max int) string {
	var b strings.Builder
	for i, r := range rows {
		if i == max {
			fmt.Fprintf(&b, "  ... %d more\n", len(rows)-max)
			break
		}
		fmt.Fprintf(&b, "  %s\n", Format(columns, r))
	}
	return b.String()
}
