package article

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/warc"
)

// warc emits one article per HTML page of a WARC archive. A page that
// cannot be used is an *InputError whose Source is "ARCHIVE@OFFSET" (the
// record's offset in the file); a broken record is one naming the archive
// and the offset, and a truncated or corrupt archive ends with one, after
// the articles before it.
func (r *reader) warc(source string, in io.Reader) bool {
	wr, err := warc.NewReader(in, warc.Options{MaxBytes: r.opts.maxBytes()})
	if err != nil {
		return r.fail(source, 0, err)
	}
	defer wr.Close()
	if !r.opts.Quiet {
		defer func() { logArchive(source, wr.Stats()) }()
	}
	for {
		if r.cancelled() {
			return false
		}
		p, err := wr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			if errors.Is(err, warc.ErrTooLarge) {
				err = alsoErr{err, ErrTooLarge}
			}
			if !r.fail(source, 0, err) {
				return false
			}
			continue
		}
		src := fmt.Sprintf("%s@%d", source, p.Offset)
		date := ""
		if !p.Date.IsZero() {
			date = p.Date.Format("2006-01-02")
		}
		page := Page{Source: src, URL: p.URI, ContentType: p.ContentType, Date: date, Body: p.Body}
		ok := r.parse(func() (*Article, error) {
			a, err := ParsePage(page)
			var ie *InputError
			if errors.As(err, &ie) {
				err = &InputError{Source: src, Err: fmt.Errorf("%s: %w", page.URL, ie.Err)}
			}
			return a, err
		})
		if !ok {
			return false
		}
	}
}

// logArchive says what an archive held: pages, and records skipped by reason.
func logArchive(source string, st warc.Stats) {
	reasons := make([]string, 0, len(st.Skipped))
	for k := range st.Skipped {
		reasons = append(reasons, k)
	}
	sort.Strings(reasons)
	var b strings.Builder
	for i, k := range reasons {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", k, st.Skipped[k])
	}
	slog.Info("warc archive read", "file", source, "records", st.Records, "html_pages", st.Pages, "skipped", b.String())
}

// alsoErr is err, which errors.Is also matches with also.
type alsoErr struct{ err, also error }

func (e alsoErr) Error() string   { return e.err.Error() }
func (e alsoErr) Unwrap() []error { return []error{e.err, e.also} }
