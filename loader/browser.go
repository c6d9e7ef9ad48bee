package loader

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Neo4j's default ports: Bolt, and the HTTP and HTTPS connectors that serve
// Neo4j Browser at /browser/.
const (
	defaultBoltPort  = "7687"
	defaultHTTPPort  = "7474"
	defaultHTTPSPort = "7473"
)

// BrowserURL says where Neo4j Browser most likely is for the server at the
// Bolt (or neo4j://) URI uri: the same host, HTTP port 7474, or HTTPS port
// 7473 for the TLS schemes (+s, +ssc). The URI names only the Bolt port, so
// that is a guess; note says what it assumes when the guess is doubtful (a
// Bolt port other than the default means the ports were moved or mapped, and
// HTTP is probably elsewhere too). browser is "" when uri names no host; then
// note says so.
func BrowserURL(uri string) (browser, note string) {
	u, err := url.Parse(uri)
	if err != nil || u.Hostname() == "" {
		return "", fmt.Sprintf("the URI %q names no host, so where Neo4j Browser is cannot be told", redactURI(uri))
	}
	scheme, port := "http", defaultHTTPPort
	base, _, _ := strings.Cut(u.Scheme, "+")
	if base != "bolt" && base != "neo4j" {
		return "", fmt.Sprintf("%s:// is not a Bolt scheme, so where Neo4j Browser is cannot be told", u.Scheme)
	}
	if strings.HasSuffix(u.Scheme, "+s") || strings.HasSuffix(u.Scheme, "+ssc") {
		scheme, port = "https", defaultHTTPSPort
	}
	browser = scheme + "://" + net.JoinHostPort(u.Hostname(), port) + "/browser/"
	if p := u.Port(); p != "" && p != defaultBoltPort {
		note = fmt.Sprintf("a guess: Bolt is on port %s, not the default %s, so %s is probably not on %s either; use the port the server publishes for %s",
			p, defaultBoltPort, strings.ToUpper(scheme), port, strings.ToUpper(scheme))
	}
	return browser, note
}
