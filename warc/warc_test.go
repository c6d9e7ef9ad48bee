package warc_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/warc"
	"github.com/newsgraph/newsgraph/warc/warctest"
)

const pageA = `<html><head><title>Ferry returns</title></head><body><p>The harbour ferry sailed again on Saturday.</p></body></html>`
const pageB = `<html><body><p>Council votes to rebuild the pumping station.</p></body></html>`

func archive() []warctest.Record {
	gz := func(s string) string {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(s))
		zw.Close()
		return b.String()
	}
	date := time.Date(2024, 5, 11, 8, 30, 0, 0, time.UTC)
	return []warctest.Record{
		{Type: "warcinfo", Date: date, Block: "software: newsgraph test\r\nformat: WARC File Format 1.1\r\n"},
		{Type: "request", URI: "https://news.example/a", Date: date, Block: "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"},
		warctest.Response("https://news.example/a", "utf-8", pageA),
		{Type: "response", URI: "https://news.example/logo.png", Date: date, Block: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n\x89PNG"},
		{Type: "response", URI: "https://news.example/gone", Date: date, Block: "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nnot found"},
		{Type: "response", URI: "https://news.example/b", Date: date, Block: fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s", len(gz(pageB)), gz(pageB))},
		{Type: "metadata", URI: "https://news.example/b", Date: date, ContentType: "application/warc-fields", Block: "fetchTimeMs: 120\r\n"},
		{Type: "resource", URI: "file:///saved/c.html", Date: date, ContentType: "text/html", Block: pageA},
	}
}

func readAll(t *testing.T, data []byte, opts warc.Options) ([]*warc.Page, []error, warc.Stats) {
	t.Helper()
	r, err := warc.NewReader(bytes.NewReader(data), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var pages []*warc.Page
	var errs []error
	for {
		p, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		pages = append(pages, p)
	}
	return pages, errs, r.Stats()
}

func TestRead(t *testing.T) {
	for _, gz := range []bool{false, true} {
		var buf bytes.Buffer
		offs, err := warctest.Write(&buf, gz, archive()...)
		if err != nil {
			t.Fatal(err)
		}
		pages, errs, st := readAll(t, buf.Bytes(), warc.Options{})
		if len(errs) > 0 {
			t.Fatalf("gz %v: errors %v", gz, errs)
		}
		if len(pages) != 3 {
			t.Fatalf("gz %v: %d pages, want 3", gz, len(pages))
		}
		want := []struct {
			uri, body string
			off       int64
		}{{"https://news.example/a", pageA, offs[2]}, {"https://news.example/b", pageB, offs[5]}, {"file:///saved/c.html", pageA, offs[7]}}
		for i, w := range want {
			p := pages[i]
			if p.URI != w.uri || string(p.Body) != w.body || p.Offset != w.off {
				t.Errorf("gz %v: page %d = %s @%d %q, want %s @%d", gz, i, p.URI, p.Offset, p.Body, w.uri, w.off)
			}
		}
		if pages[0].ContentType != "text/html; charset=utf-8" || pages[0].Date.IsZero() {
			t.Errorf("gz %v: content type %q date %v", gz, pages[0].ContentType, pages[0].Date)
		}
		wantSkip := map[string]int{"warcinfo": 1, "request": 1, "not html: image/png": 1, "status 404": 1, "metadata": 1}
		if st.Records != 8 || st.Pages != 3 || fmt.Sprint(st.Skipped) != fmt.Sprint(wantSkip) {
			t.Errorf("gz %v: stats %+v", gz, st)
		}
	}
}

// TestTruncated: an archive cut inside a record gives the pages before it
// and one fatal error naming the record's offset.
func TestTruncated(t *testing.T) {
	for _, gz := range []bool{false, true} {
		var buf bytes.Buffer
		offs, err := warctest.Write(&buf, gz, archive()...)
		if err != nil {
			t.Fatal(err)
		}
		cut := buf.Bytes()[:offs[5]+60]
		pages, errs, _ := readAll(t, cut, warc.Options{})
		if len(pages) != 1 || pages[0].URI != "https://news.example/a" {
			t.Errorf("gz %v: pages %v, want the one before the cut", gz, pages)
		}
		var re *warc.RecordError
		if len(errs) != 1 || !errors.As(errs[0], &re) || re.Offset != offs[5] {
			t.Errorf("gz %v: errors %v, want one at offset %d", gz, errs, offs[5])
		}
	}
}

// TestCorrupt: a record whose payload no longer matches its digest is an
// error; the records after it are read.
func TestCorrupt(t *testing.T) {
	var buf bytes.Buffer
	offs, err := warctest.Write(&buf, false, archive()...)
	if err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	i := bytes.Index(data, []byte("harbour ferry"))
	copy(data[i:], "HARBOUR")
	pages, errs, _ := readAll(t, data, warc.Options{})
	var re *warc.RecordError
	if len(errs) != 1 || !errors.As(errs[0], &re) || re.Fatal || re.Offset != offs[2] || !strings.Contains(re.Error(), "digest") {
		t.Errorf("errors %v, want a digest error at %d", errs, offs[2])
	}
	if len(pages) != 2 {
		t.Errorf("%d pages after the corrupt one, want 2", len(pages))
	}
}

func TestNotWARC(t *testing.T) {
	_, err := warc.NewReader(strings.NewReader("<html><body>not an archive</body></html>"), warc.Options{})
	if err == nil || !strings.Contains(err.Error(), "not a WARC file") {
		t.Errorf("err = %v", err)
	}
}

func TestMaxBytes(t *testing.T) {
	var buf bytes.Buffer
	if _, err := warctest.Write(&buf, true, archive()...); err != nil {
		t.Fatal(err)
	}
	pages, errs, _ := readAll(t, buf.Bytes(), warc.Options{MaxBytes: 100})
	if len(pages) != 1 || len(errs) != 2 || !errors.Is(errs[0], warc.ErrTooLarge) {
		t.Errorf("pages %d errors %v", len(pages), errs)
	}
}
