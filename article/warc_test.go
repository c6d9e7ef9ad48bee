package article

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/newsgraph/newsgraph/warc/warctest"
)

func TestReadWARC(t *testing.T) {
	latin, err := charmap.Windows1252.NewEncoder().String(`<html><body><article>` +
		strings.Replace(story, "old pumping", "old café pumping", 1) + `</article></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	recs := []warctest.Record{
		{Type: "warcinfo", Block: "software: test\r\n"},
		warctest.Response("https://herald.example/pumps", "", `<html><head><meta property="article:published_time" content="2021-03-04"></head><body>`+story+`</body></html>`),
		warctest.Response("https://herald.example/cafe", "windows-1252", latin), // charset only in the HTTP header
		warctest.Response("https://herald.example/login", "utf-8", `<html><body><nav>Home</nav><p>Log in</p></body></html>`),
		warctest.Response("https://herald.example/late", "utf-8", `<html><body>`+story+`</body></html>`),
	}
	dir := t.TempDir()
	for _, gz := range []bool{false, true} {
		name := filepath.Join(dir, "crawl.warc")
		if gz {
			name += ".gz"
		}
		offs, err := warctest.WriteFile(name, gz, recs...)
		if err != nil {
			t.Fatal(err)
		}
		check := func(path string, wantArticles int, wantErr ...string) []*Article {
			var arts []*Article
			var errs []string
			for r := range Read(context.Background(), []string{path}, Options{}) {
				if r.Err != nil {
					errs = append(errs, r.Err.Error())
					continue
				}
				checkInvariants(t, r.Article, false)
				arts = append(arts, r.Article)
			}
			if len(arts) != wantArticles || len(errs) != len(wantErr) {
				t.Fatalf("%s: %d articles, errors %q", path, len(arts), errs)
			}
			for i, w := range wantErr {
				if !strings.Contains(errs[i], w) {
					t.Errorf("%s: error %q lacks %q", path, errs[i], w)
				}
			}
			return arts
		}
		arts := check(name, 3, name+"@"+itoa64(offs[3])+": https://herald.example/login: no article text")
		a, b := arts[0], arts[1]
		if a.Source != name+"@"+itoa64(offs[1]) || a.URL != "https://herald.example/pumps" || a.Published != "2021-03-04" || a.Publisher == "" {
			t.Errorf("page 1: %+v", a)
		}
		if b.Charset != "windows-1252" || !kept(b, "old café pumping station") || b.Published != "2024-05-10" {
			t.Errorf("page 2: charset %q published %q body %q", b.Charset, b.Published, b.Body())
		}
		// Cut inside the last record: the articles before it, one error.
		data, _ := os.ReadFile(name)
		cut := filepath.Join(dir, "cut-"+filepath.Base(name))
		os.WriteFile(cut, data[:offs[4]+300], 0o644)
		check(cut, 2, "no article text", cut+": record at offset "+itoa64(offs[4]))
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
