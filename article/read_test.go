package article

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// collect runs Read and splits articles from errors.
func collect(t *testing.T, paths []string, opts Options) (arts []*Article, errs []error) {
	t.Helper()
	for r := range Read(context.Background(), paths, opts) {
		if r.Err != nil {
			errs = append(errs, r.Err)
			continue
		}
		arts = append(arts, r.Article)
	}
	return arts, errs
}

func sources(arts []*Article) []string {
	var s []string
	for _, a := range arts {
		s = append(s, a.Source)
	}
	return s
}

func TestReadDirectory(t *testing.T) {
	arts, errs := collect(t, []string{"testdata/dir"}, Options{})
	got := strings.Join(sources(arts), ",")
	if want := "testdata/dir/b.txt,testdata/dir/sub/a.md"; got != want {
		t.Errorf("sources = %s, want %s (sorted, hidden skipped)", got, want)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrUnsupported) || !strings.Contains(errs[0].Error(), "notes.csv") {
		t.Fatalf("errors = %v, want one unsupported notes.csv", errs)
	}
	if arts[1].Title != "Quiet Streets" {
		t.Errorf("title = %q", arts[1].Title)
	}
}

func TestReadJSONL(t *testing.T) {
	arts, errs := collect(t, []string{"testdata/corpus.jsonl"}, Options{})
	if got := strings.Join(sources(arts), ","); got != "testdata/corpus.jsonl:1,testdata/corpus.jsonl:2,testdata/corpus.jsonl:5" {
		t.Errorf("sources = %s", got)
	}
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want 2", errs)
	}
	var ie *InputError
	if !errors.As(errs[0], &ie) || ie.Line != 3 || !errors.Is(errs[0], ErrMalformed) {
		t.Errorf("first error = %v, want malformed JSON at line 3", errs[0])
	}
	if !strings.HasPrefix(errs[0].Error(), "testdata/corpus.jsonl:3: malformed JSON") {
		t.Errorf("message = %q", errs[0].Error())
	}
	if !errors.Is(errs[1], ErrNoText) || !strings.Contains(errs[1].Error(), ":4:") {
		t.Errorf("second error = %v, want no text at line 4", errs[1])
	}
	a := arts[0]
	if a.Title != "Town Council Delays Vote on Bike Lanes" || a.Published != "2021-05-02" || a.URL != "https://example.org/bike" || a.ExternalID != "a1" {
		t.Errorf("metadata = %+v", a)
	}
	if a.Credit != "Reuters" || strings.Contains(a.Clean, "REUTER") {
		t.Errorf("Reuters tagline: credit %q, clean %q", a.Credit, a.Clean)
	}
	if arts[1].ExternalID != "2" || !strings.Contains(arts[1].Clean, "bakery in Hollin") {
		t.Errorf("body field: %+v", arts[1])
	}
	if arts[2].Published != "2020-07-09" {
		t.Errorf("published = %q", arts[2].Published)
	}
	// Offsets are into the decoded text field.
	i := strings.Index(a.Text, "Ruth Adeyemi")
	if s := a.Slice(i, i+len("Ruth Adeyemi")); s.Text != "Ruth Adeyemi" {
		t.Errorf("slice = %q", s.Text)
	}
}

func TestReadGzipAndStdin(t *testing.T) {
	data, err := os.ReadFile("testdata/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	p := filepath.Join(t.TempDir(), "c.jsonl.gz")
	if err := os.WriteFile(p, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	arts, errs := collect(t, []string{p}, Options{})
	if len(arts) != 3 || len(errs) != 2 {
		t.Errorf("gz: %d articles, %d errors; want 3, 2", len(arts), len(errs))
	}
	// stdin: JSON Lines sniffed, gzip undone
	arts, errs = collect(t, []string{"-"}, Options{Stdin: bytes.NewReader(gz.Bytes())})
	if len(arts) != 3 || len(errs) != 2 || arts[0].Source != "-:1" {
		t.Errorf("stdin jsonl: %v %v", sources(arts), errs)
	}
	md, _ := os.ReadFile("testdata/wire.md")
	arts, errs = collect(t, []string{"-"}, Options{Stdin: bytes.NewReader(md)})
	if len(arts) != 1 || len(errs) != 0 || arts[0].Credit != "Reuters" {
		t.Errorf("stdin text: %v %v", sources(arts), errs)
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("The river rose by two metres overnight, officials said.\n"))
	big := bytes.Repeat([]byte("All quiet on the harbour front today. "), 100)
	cases := []struct {
		path string
		want error
		msg  string
	}{
		{write("empty.txt", nil), ErrEmpty, "empty input"},
		{write("blank.md", []byte(" \n\n\t\n")), ErrEmpty, "only whitespace"},
		{write("x.txt", []byte("PK\x03\x04\x00\x00binary\x00data")), ErrBinary, "NUL byte"},
		{write("ctrl.txt", bytes.Repeat([]byte{1, 2, 3, 'a'}, 20)), ErrBinary, "control characters"},
		{write("latin1.txt", []byte("Caf\xe9 owners in the square protested on Monday.\n")), ErrInvalidUTF8, "byte 3 (line 1)"},
		{write("big.txt", big), ErrTooLarge, "over the size limit"},
		{"testdata/scripts.html", ErrNoText, "no article text"},
		{write("meta.md", []byte("# Only A Title\n\nBy Jane Roe\n\nMay 3, 2022\n")), ErrNoText, "no article text"},
		{filepath.Join(dir, "missing.txt"), os.ErrNotExist, "no such file"},
	}
	paths := []string{good}
	for _, c := range cases {
		paths = append(paths, c.path)
	}
	arts, errs := collect(t, paths, Options{MaxBytes: 1000})
	if len(arts) != 1 || arts[0].Source != good {
		t.Errorf("articles = %v, want only %s", sources(arts), good)
	}
	if len(errs) != len(cases) {
		t.Fatalf("got %d errors, want %d: %v", len(errs), len(cases), errs)
	}
	for i, c := range cases {
		err := errs[i]
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: %T is not an *InputError", c.path, err)
			continue
		}
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) || !strings.HasPrefix(err.Error(), c.path+":") {
			t.Errorf("%s: error %q, want %v containing %q", c.path, err, c.want, c.msg)
		}
	}
}

func TestJSONLLineTooLong(t *testing.T) {
	long := `{"text": "` + strings.Repeat("word ", 300) + `"}`
	in := "{\"text\": \"Short and fine, said the clerk.\"}\n" + long + "\n{\"text\": \"Also fine, the clerk added.\"}\n"
	arts, errs := collect(t, []string{"-"}, Options{MaxBytes: 200, Stdin: strings.NewReader(in)})
	if len(arts) != 2 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || !strings.Contains(errs[0].Error(), "-:2:") {
		t.Errorf("articles %v, errors %v", sources(arts), errs)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for r := range Read(ctx, []string{"testdata/dir", "testdata/wire.md"}, Options{}) {
		n++
		last = r.Err
		cancel()
	}
	if n != 2 || !errors.Is(last, context.Canceled) {
		t.Errorf("after cancel: %d results, last error %v; want 2 and context.Canceled", n, last)
	}
}

func TestReadStopsWhenConsumerBreaks(t *testing.T) {
	n := 0
	for range Read(context.Background(), []string{"testdata/corpus.jsonl"}, Options{}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("n = %d", n)
	}
}
