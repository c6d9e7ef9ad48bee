package queries

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Style is a parsed GraSS file: rules in file order (Neo4j Browser applies
// every matching rule in order, later ones overriding earlier ones).
type Style struct {
	Rules []Rule
}

// Rule is one selector ("node", "node.Person", "relationship.SAID_ABOUT")
// and its properties in file order.
type Rule struct {
	Selector string
	Props    []Prop
}

// Prop is one property of a rule; caption values are stored without quotes.
type Prop struct {
	Name, Value string
}

// ParseGrass reads GraSS the way Neo4j Browser does (selector { name: value;
// ... }, captions in quotes), but strictly: it rejects what Browser would
// silently misread, such as comments (Browser has none), a colon or
// semicolon inside a value, or an unquoted caption.
func ParseGrass(src string) (Style, error) {
	var st Style
	rest := src
	for {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if rest == "" {
			break
		}
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return st, fmt.Errorf("grass: text after the last rule: %.40q", rest)
		}
		sel := strings.TrimSpace(rest[:open])
		if !validSelector(sel) {
			return st, fmt.Errorf("grass: bad selector %q (want node, relationship, node.Label or relationship.TYPE; no comments)", sel)
		}
		body, after, err := ruleBody(rest[open+1:])
		if err != nil {
			return st, fmt.Errorf("grass: rule %s: %w", sel, err)
		}
		r := Rule{Selector: sel}
		for _, decl := range strings.Split(body, ";") {
			decl = strings.TrimSpace(decl)
			if decl == "" {
				continue
			}
			name, value, ok := strings.Cut(decl, ":")
			if !ok || strings.Contains(value, ":") {
				return st, fmt.Errorf("grass: rule %s: %q must be one name: value (no colon in the value)", sel, decl)
			}
			name, value = strings.TrimSpace(name), strings.TrimSpace(value)
			if name == "caption" || name == "defaultCaption" {
				if len(value) < 2 || value[0] != '\'' || value[len(value)-1] != '\'' {
					return st, fmt.Errorf("grass: rule %s: caption %s must be in single quotes", sel, value)
				}
				value = value[1 : len(value)-1]
			} else if strings.ContainsAny(value, "'\"{}") {
				return st, fmt.Errorf("grass: rule %s: %s value %q has quotes or braces", sel, name, value)
			}
			r.Props = append(r.Props, Prop{Name: name, Value: value})
		}
		for _, x := range st.Rules {
			if x.Selector == sel {
				return st, fmt.Errorf("grass: selector %s appears twice", sel)
			}
		}
		st.Rules = append(st.Rules, r)
		rest = after
	}
	return st, nil
}

// ruleBody returns the text up to the closing brace (braces inside quotes are
// text) and what follows it.
func ruleBody(s string) (body, after string, err error) {
	inQuote := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			inQuote = !inQuote
		case '"':
			return "", "", fmt.Errorf("double quotes are not GraSS (use single quotes)")
		case '{':
			if !inQuote {
				return "", "", fmt.Errorf("brace outside quotes")
			}
		case '}':
			if !inQuote {
				return s[:i], s[i+1:], nil
			}
		}
	}
	return "", "", fmt.Errorf("no closing brace")
}

func validSelector(s string) bool {
	tag, class, hasClass := strings.Cut(s, ".")
	if tag != "node" && tag != "relationship" {
		return false
	}
	if !hasClass {
		return true
	}
	if class == "" {
		return false
	}
	for _, r := range class {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Rule returns the rule with this selector.
func (s Style) Rule(selector string) (Rule, bool) {
	for _, r := range s.Rules {
		if r.Selector == selector {
			return r, true
		}
	}
	return Rule{}, false
}

// Get returns a property's value.
func (r Rule) Get(name string) string {
	for _, p := range r.Props {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

// JSON is the style as the JSON object Browser keeps it in
// ({"node.Person": {"color": "#F79767", ...}, ...}) with rules and properties
// in file order, on one line. Browser's :style command accepts it inline.
func (s Style) JSON() string {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, r := range s.Rules {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, r.Selector)
		b.WriteString(":{")
		for j, p := range r.Props {
			if j > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, p.Name)
			b.WriteByte(':')
			writeJSONString(&b, p.Value)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.String()
}

func writeJSONString(b *bytes.Buffer, s string) {
	var tmp bytes.Buffer
	enc := json.NewEncoder(&tmp)
	enc.SetEscapeHTML(false) // keep <type> readable
	if err := enc.Encode(s); err != nil {
		panic(err) // a Go string always encodes
	}
	b.Write(bytes.TrimRight(tmp.Bytes(), "\n"))
}

// PostConnectCmd is the value of Neo4j's browser.post_connect_cmd setting
// that applies the style on every connect (inline, so it needs no web server
// and no allowlisted host) and, when guideURL is not empty, plays the guide.
// Browser splits the setting into commands at semicolons outside quotes; the
// JSON has none outside its strings.
func (s Style) PostConnectCmd(guideURL string) string {
	cmd := "style " + s.JSON()
	if guideURL != "" {
		cmd += "; play " + guideURL
	}
	return cmd
}
