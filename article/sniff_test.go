package article

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestXMLIsUnsupported: a news feed or other XML given by name (or on
// stdin) is refused as an unsupported input type, saying what it looks
// like, not read as text or HTML and reported as "no article text"; XHTML
// with an XML declaration is still HTML, and HTML fragments still text or
// HTML as before.
func TestXMLIsUnsupported(t *testing.T) {
	feed := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Brindle Gazette</title>
<item><title>Harbour reopens</title><description>Mayor Ana Torres said the harbour would reopen on Monday.</description></item>
</channel></rss>
`
	for _, c := range []struct {
		name, data string
		want       string // FormatHTML, FormatText, or "" for unsupported
	}{
		{"feed.xml", feed, ""},
		{"feed.rss", strings.TrimPrefix(feed, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"), ""},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary>Mayor Ana Torres spoke.</summary></entry></feed>`, ""},
		{"rdf.xml", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item>Ana Torres spoke.</item></rdf:RDF>`, ""},
		{"page.xml", `<?xml version="1.0"?>` + "\n<!-- saved -->\n" + `<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Mayor Ana Torres of Brindle said the harbour would reopen on Monday.</p></body></html>`, FormatHTML},
		{"note", "<b>Update</b> Mayor Ana Torres of Brindle said the harbour would reopen on Monday.\n", FormatText},
		{"snippet", "<p>Mayor Ana Torres of Brindle said the harbour would reopen on Monday.</p>\n", FormatHTML},
	} {
		if got := sniff([]byte(c.data)); (c.want == "") != (got == formatXML) || (c.want != "" && got != c.want) {
			t.Errorf("%s: sniffed %q, want %q (\"\": XML)", c.name, got, c.want)
		}
		p := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(p, []byte(c.data), 0o644); err != nil {
			t.Fatal(err)
		}
		for r := range Read(context.Background(), []string{p}, Options{}) {
			switch {
			case c.want != "" && r.Err != nil:
				t.Errorf("%s: %v", c.name, r.Err)
			case c.want == "" && !errors.Is(r.Err, ErrUnsupported):
				t.Errorf("%s: got %v, want an unsupported input type", c.name, r.Err)
			case c.want == "" && !strings.Contains(r.Err.Error(), "unsupported input type: XML"):
				t.Errorf("%s: message %q does not say it is XML", c.name, r.Err)
			}
		}
	}
}
