package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse: Parse never panics; an article's Clean is as long as Text, keeps
// every newline, changes bytes only to spaces (or, in HTML, to newlines at
// tags); and its metadata strings are well-formed.
func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/wire.md", "testdata/portal.txt", "testdata/page.html", "testdata/scripts.html", "testdata/dir/sub/a.md"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0))
		f.Add(data, uint8(1))
	}
	lines, err := os.ReadFile("testdata/corpus.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	for _, l := range strings.Split(string(lines), "\n") {
		f.Add([]byte(l), uint8(3))
	}
	f.Add([]byte("By [AFP](#)\n\n**x** [a](b) <https://x.y>\n- 'h' -\n"), uint8(1))
	f.Add([]byte("<p>a<b>c</p></div></article><article>x &nbsp; y</article>"), uint8(2))
	formats := []string{"", FormatText, FormatHTML, FormatJSONL}
	f.Fuzz(func(t *testing.T, data []byte, fmtIdx uint8) {
		format := formats[int(fmtIdx)%len(formats)]
		a, err := Parse("fuzz", data, format)
		if err != nil {
			if _, ok := err.(*InputError); !ok {
				t.Fatalf("error %T is not *InputError: %v", err, err)
			}
			return
		}
		if format == "" {
			format = sniff(data[:min(len(data), 512)])
		}
		checkInvariants(t, a, format != FormatHTML)
		if format != FormatJSONL && a.Text != string(data) {
			t.Fatal("Text differs from the input bytes")
		}
		for _, s := range []string{a.Title, a.Byline, a.Credit, a.Publisher, a.URL, a.Published} {
			if strings.ContainsAny(s, "\n") {
				t.Fatalf("metadata with a newline: %q", s)
			}
		}
		if len(a.ID) != 64 {
			t.Fatalf("id %q", a.ID)
		}
		// Every span of Clean's words slices Text to the same bytes.
		for i := 0; i < len(a.Clean); {
			j := strings.IndexFunc(a.Clean[i:], func(r rune) bool { return r == ' ' || r == '\n' })
			if j < 0 {
				j = len(a.Clean) - i
			}
			if j > 0 {
				if s := a.Slice(i, i+j); s.Text != a.Clean[i:i+j] {
					t.Fatalf("span [%d,%d) = %q, Clean has %q", i, i+j, s.Text, a.Clean[i:i+j])
				}
			}
			i += j + 1
		}
		_ = a.Fingerprint()
		_ = a.MinHash()
	})
}

// TestFuzzCorpus replays the crashers found by fuzzing (testdata/fuzz is
// read by go test automatically; this only checks it is there when present).
func TestFuzzCorpus(t *testing.T) {
	if _, err := os.Stat(filepath.Join("testdata", "fuzz", "FuzzParse")); err != nil {
		t.Skip("no saved fuzz inputs")
	}
}
