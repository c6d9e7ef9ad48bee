package pipeline

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/newsgraph/newsgraph/internal/shareddata"
	"github.com/newsgraph/newsgraph/webpage"
)

// TestWebPagesContract runs the 91 pages of the article-extraction benchmark
// and a windows-1252 page of our own through the pipeline: every mention and
// statement slices the page as read (decoded to UTF-8 when it was not).
func TestWebPagesContract(t *testing.T) {
	gt := shareddata.Path(t, "data/article-extraction/ground-truth.json")
	dir := t.TempDir()
	page, err := charmap.Windows1252.NewEncoder().String(`<html><head><meta charset="windows-1252"></head><body><article>` +
		`<p>Mayor Inés Calderón said on Monday that the café district of Porto Vell would close to cars every Sunday from June.</p>` +
		`<p>“We owe it to the people who live here,” Calderón told reporters at the town hall.</p></article></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(dir, "cp1252.html")
	if err := os.WriteFile(own, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	docs := extractAll(t, filepath.Join(filepath.Dir(gt), "html"), own)
	if len(docs) != 92 {
		t.Fatalf("%d docs, want 92", len(docs))
	}
	spans := 0
	for _, d := range docs {
		raw, err := os.ReadFile(d.Source)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(d.Source, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if raw, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		dec, err := webpage.Decode(raw, "")
		if err != nil {
			t.Fatal(err)
		}
		checkDoc(t, d, dec.Page)
		spans += len(spansOf(d))
		if d.Source == own {
			found := false
			for _, e := range d.Entities {
				found = found || strings.Contains(e.Name, "Calderón")
			}
			if !found {
				t.Errorf("windows-1252 page: no entity Calderón in %+v", d.Entities)
			}
		}
	}
	t.Logf("%d spans checked", spans)
}
