// Package warc reads the web pages out of WARC archives (.warc and .warc.gz,
// as Common Crawl, wget --warc-file and heritrix write them). It sits before
// the article stage (warc -> article -> ner -> quote -> graph -> loader):
// package article turns each page into an Article.
//
// Records are read with github.com/nlnwa/gowarc (the National Library of
// Norway's WARC library: WARC 1.0 and 1.1, per-record gzip, digest
// validation). Every response record whose HTTP status is 2xx and whose
// payload is HTML is one Page (a resource record of type text/html too);
// other records (requests, metadata, warcinfo, revisits, redirects, errors,
// images ...) are skipped and counted in Stats.
package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v2"
)

// Page is one HTML page of an archive.
type Page struct {
	URI         string    // WARC-Target-URI
	Date        time.Time // WARC-Date: when it was fetched
	ContentType string    // the HTTP Content-Type header (its charset decodes the page)
	Offset      int64     // where its record starts in the file (in the compressed file for .warc.gz)
	Body        []byte    // the HTTP payload, transfer and content encodings undone
}

// Stats counts what an archive held.
type Stats struct {
	Records int            // records read
	Pages   int            // pages returned
	Skipped map[string]int // records skipped, by reason ("request", "status 404", "not html: image/png", ...)
}

// RecordError is a record that could not be used. Fatal means the archive
// cannot be read past it (truncated, not WARC, a broken gzip member); the
// pages before it were returned.
type RecordError struct {
	Offset int64
	URI    string
	Fatal  bool
	Err    error
}

func (e *RecordError) Error() string {
	s := fmt.Sprintf("record at offset %d", e.Offset)
	if e.URI != "" {
		s += " (" + e.URI + ")"
	}
	if e.Fatal {
		return s + ": " + e.Err.Error() + "; the archive is not read further"
	}
	return s + ": " + e.Err.Error()
}

func (e *RecordError) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by a RecordError for a page over Options.MaxBytes.
var ErrTooLarge = errors.New("page over the size limit")

// Options configure a Reader.
type Options struct {
	// MaxBytes is the largest page payload returned; larger pages are a
	// RecordError wrapping ErrTooLarge. Zero means no limit.
	MaxBytes int64
}

// Reader reads the pages of one archive.
type Reader struct {
	r     *gowarc.WarcFileReader
	opts  Options
	stats Stats
	done  bool
}

// NewReader reads an archive from r: a WARC file, plain or with each
// record gzipped. It fails when r does not start like one.
func NewReader(r io.Reader, opts Options) (*Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(5)
	if !bytes.HasPrefix(head, []byte("WARC/")) && !bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		return nil, fmt.Errorf("not a WARC file: it starts with %q, not \"WARC/\" or a gzip member", head)
	}
	wr, err := gowarc.NewWarcFileReaderFromStream(br, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn), // validates digests, keeps each block readable
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(16<<20),
	)
	if err != nil {
		return nil, fmt.Errorf("open warc: %w", err)
	}
	return &Reader{r: wr, opts: opts, stats: Stats{Skipped: map[string]int{}}}, nil
}

// Stats returns the counts so far.
func (r *Reader) Stats() Stats { return r.stats }

// Close releases the reader (not the io.Reader it reads).
func (r *Reader) Close() error {
	r.r.Close()
	return nil
}

// Next returns the next page. At the end it returns io.EOF. A record that
// cannot be used is a *RecordError; after a fatal one, Next returns io.EOF.
func (r *Reader) Next() (*Page, error) {
	for !r.done {
		rec, off, val, err := r.r.Next()
		if err == io.EOF && rec == nil {
			r.done = true
			return nil, io.EOF
		}
		if err != nil {
			if rec != nil {
				rec.Close()
			}
			r.done = true
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				err = fmt.Errorf("archive ends inside a record (truncated?): %w", err)
			}
			return nil, &RecordError{Offset: off, Fatal: true, Err: err}
		}
		r.stats.Records++
		p, skip, err := r.page(rec, off, val)
		rec.Close()
		switch {
		case err != nil:
			return nil, err
		case skip != "":
			r.stats.Skipped[skip]++
		default:
			r.stats.Pages++
			return p, nil
		}
	}
	return nil, io.EOF
}

// page returns the record's page, or why it is skipped, or why it is broken.
func (r *Reader) page(rec gowarc.WarcRecord, off int64, val *gowarc.Validation) (*Page, string, error) {
	uri := rec.WarcHeader().Get(gowarc.WarcTargetURI)
	fail := func(err error) (*Page, string, error) {
		return nil, "", &RecordError{Offset: off, URI: uri, Err: err}
	}
	if err := corrupt(val); err != nil {
		return fail(err)
	}
	var contentType string
	var payload io.Reader
	var header http.Header
	switch b := rec.Block().(type) {
	case gowarc.HttpResponseBlock:
		if rec.Type() != gowarc.Response {
			return nil, strings.ToLower(rec.Type().String()), nil
		}
		if code := b.HttpStatusCode(); code < 200 || code > 299 {
			return nil, fmt.Sprintf("status %d", code), nil
		}
		if b.HttpHeader() != nil {
			header = *b.HttpHeader()
		}
		contentType = header.Get("Content-Type")
		if contentType != "" && !isHTML(contentType) {
			return nil, "not html: " + mediaType(contentType), nil
		}
		p, err := b.PayloadBytes()
		if err != nil {
			return fail(fmt.Errorf("read payload: %w", err))
		}
		payload = p
	default:
		if rec.Type() != gowarc.Resource {
			return nil, strings.ToLower(rec.Type().String()), nil
		}
		contentType = rec.WarcHeader().Get(gowarc.ContentType)
		if !isHTML(contentType) {
			return nil, "not html: " + mediaType(contentType), nil
		}
		p, err := b.RawBytes()
		if err != nil {
			return fail(fmt.Errorf("read payload: %w", err))
		}
		payload = p
	}
	body, err := decodeBody(payload, header, r.opts.MaxBytes)
	if err != nil {
		return fail(err)
	}
	if contentType == "" && !sniffHTML(body) {
		return nil, "not html: no content type", nil
	}
	date, _ := rec.Date()
	return &Page{URI: uri, Date: date, ContentType: contentType, Offset: off, Body: body}, "", nil
}

// corrupt returns the validation errors that mean the record is not what
// was archived (a wrong digest or length, a header cut short, the archive
// ending inside it); other findings (a missing carriage return) are
// harmless.
func corrupt(val *gowarc.Validation) error {
	if val == nil {
		return nil
	}
	var bad []string
	for _, e := range *val {
		m := e.Error()
		if strings.Contains(m, "digest") || strings.Contains(m, "content length") || strings.Contains(m, "end of record") ||
			strings.Contains(m, "missing required field") || strings.Contains(m, "missing newline") {
			bad = append(bad, m)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return fmt.Errorf("corrupt record: %s", strings.Join(bad, "; "))
}

// decodeBody reads an HTTP payload as archived: a chunked transfer
// encoding and a gzip or deflate content encoding are undone.
func decodeBody(payload io.Reader, h http.Header, max int64) ([]byte, error) {
	var rd io.Reader = bufio.NewReader(payload)
	if strings.EqualFold(strings.TrimSpace(h.Get("Transfer-Encoding")), "chunked") {
		rd = httputil.NewChunkedReader(rd)
	}
	switch enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(rd)
		if err != nil {
			return nil, fmt.Errorf("content-encoding gzip: %w", err)
		}
		defer zr.Close()
		rd = zr
	case "deflate":
		rd = flate.NewReader(rd)
	default:
		return nil, fmt.Errorf("content-encoding %q is not supported", enc)
	}
	if max > 0 {
		rd = io.LimitReader(rd, max+1)
	}
	body, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("read payload: %w", err)
	}
	if max > 0 && int64(len(body)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return body, nil
}

func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt == "" {
		if ct = strings.TrimSpace(ct); ct == "" {
			return "no content type"
		}
		return ct
	}
	return mt
}

// isHTML reports whether a Content-Type names an HTML page.
func isHTML(ct string) bool {
	switch mediaType(ct) {
	case "text/html", "application/xhtml+xml":
		return true
	}
	return false
}

// sniffHTML reports whether a payload without a Content-Type looks like HTML.
func sniffHTML(body []byte) bool {
	return strings.HasPrefix(http.DetectContentType(bytes.TrimSpace(body[:min(len(body), 1024)])), "text/html")
}
