package article

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/internal/ordered"
)

// DefaultMaxBytes is the size limit of one article (a file, or one JSON Lines
// record) when Options.MaxBytes is zero.
const DefaultMaxBytes = 10 << 20

// Options configure Read.
type Options struct {
	// MaxBytes is the largest article accepted, in bytes: a whole .txt, .md or
	// .html file, or one line of a .jsonl file. Zero means DefaultMaxBytes.
	MaxBytes int64
	// Stdin is read for the path "-". Nil means os.Stdin.
	Stdin io.Reader
	// Quiet: do not log what each WARC archive held, nor the charset
	// declarations overruled (for a second read of the same inputs).
	Quiet bool
	// Fetcher fetches the http:// and https:// inputs (package fetch); nil
	// makes each URL input an error.
	Fetcher Fetcher
	// Workers parse that many articles at once (web pages take ~30 ms of
	// CPU each); 0 or 1 parses them one after the other.
	Workers int
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Result is one article read, or one input that could not be used.
type Result struct {
	Article *Article
	// Err is an *InputError when an input (a file, or one JSON Lines record)
	// was unusable; the stream goes on after it. When the context is
	// cancelled the last Result carries ctx.Err() and the stream ends.
	Err error
}

// Sentinel reasons wrapped by InputError; test them with errors.Is.
var (
	ErrEmpty       = errors.New("empty input")
	ErrBinary      = errors.New("binary file")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrTooLarge    = errors.New("over the size limit")
	ErrMalformed   = errors.New("malformed JSON")
	ErrNoText      = errors.New("no article text")
	ErrUnsupported = errors.New("unsupported input type")
)

// InputError says which input (and, for JSON Lines, which line) could not be
// used, and why.
type InputError struct {
	Source string // the path as given ("-" for stdin)
	Line   int    // 1-based line of a JSON Lines file; 0 otherwise
	Err    error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Source, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// Formats understood by Parse.
const (
	FormatText  = "text"  // .txt and .md: plain text or Markdown
	FormatHTML  = "html"  // .html, .htm
	FormatJSONL = "jsonl" // one JSON object: a single JSON Lines record
	FormatWARC  = "warc"  // .warc, .warc.gz: a web archive, one article per HTML page (Read only)
)

// FormatOf returns the format for a file name by its extension (".gz" is
// looked through), or "" when the extension is not one Read knows.
func FormatOf(name string) string {
	n := strings.ToLower(name)
	n = strings.TrimSuffix(n, ".gz")
	switch filepath.Ext(n) {
	case ".txt", ".md", ".markdown", ".text":
		return FormatText
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".warc":
		return FormatWARC
	}
	return ""
}

// Read streams the articles of paths in order: files (.txt, .md, .html,
// .htm, .jsonl, each optionally gzipped; .warc and .warc.gz archives),
// directories (walked recursively in lexical order; hidden files and
// directories are skipped silently, files of other types are reported with
// ErrUnsupported), "-" for Options.Stdin, and http:// and https:// URLs
// (fetched by Options.Fetcher, consecutive URLs together).
// A file named explicitly whose extension is unknown is sniffed (JSON Lines,
// HTML or text). With Options.Workers up to 1, one article (or one JSON
// Lines line) is held in memory at a time; with more, that many are parsed
// at once and up to twice as many held, still in order. Unusable inputs
// are reported as Results with an *InputError, and reading goes on with the
// rest.
func Read(ctx context.Context, paths []string, opts Options) iter.Seq[Result] {
	units := func(yield func(func() Result) bool) {
		r := reader{ctx: ctx, opts: opts, yield: yield}
		for i := 0; i < len(paths); i++ {
			if IsURL(paths[i]) { // a run of URLs is fetched together
				j := i + 1
				for j < len(paths) && IsURL(paths[j]) {
					j++
				}
				if !r.urls(paths[i:j]) {
					return
				}
				i = j - 1
				continue
			}
			if !r.path(paths[i]) {
				return
			}
		}
	}
	return func(yield func(Result) bool) {
		if opts.Workers <= 1 {
			for parse := range units {
				if !yield(parse()) {
					return
				}
			}
			return
		}
		call := func(_ context.Context, parse func() Result) Result { return parse() }
		for res := range ordered.Map(ctx, units, opts.Workers, opts.Workers*2, call) {
			if !yield(res) {
				return
			}
		}
		if err := ctx.Err(); err != nil {
			yield(Result{Err: err})
		}
	}
}

// reader walks the inputs. It yields each result as a function that makes
// it (parses the article), so that Read may run several at once.
type reader struct {
	ctx   context.Context
	opts  Options
	yield func(func() Result) bool
}

// emit yields one result; false means stop.
func (r *reader) emit(a *Article, err error) bool {
	return r.yield(func() Result { return r.result(a, err) })
}

// parse yields the result of parse, run later (perhaps on another
// goroutine); false means stop.
func (r *reader) parse(parse func() (*Article, error)) bool {
	return r.yield(func() Result { return r.result(parse()) })
}

func (r *reader) result(a *Article, err error) Result {
	if a != nil && a.charsetNote != "" && !r.opts.Quiet {
		slog.Warn("page charset", "source", a.Source, "charset", first(a.Charset, "utf-8"), "note", a.charsetNote)
	}
	return Result{Article: a, Err: err}
}

func (r *reader) fail(source string, line int, err error) bool {
	return r.emit(nil, &InputError{Source: source, Line: line, Err: err})
}

// cancelled reports a cancelled context once; true means stop.
func (r *reader) cancelled() bool {
	if err := r.ctx.Err(); err != nil {
		r.emit(nil, err)
		return true
	}
	return false
}

func (r *reader) path(p string) bool {
	if r.cancelled() {
		return false
	}
	if p == "-" {
		in := r.opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		return r.stream("-", in, "")
	}
	fi, err := os.Stat(p)
	if err != nil {
		return r.fail(p, 0, err)
	}
	if !fi.IsDir() {
		return r.file(p, fi, true)
	}
	stop := false
	werr := filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			if !r.fail(q, 0, err) {
				stop = true
				return fs.SkipAll
			}
			return nil
		}
		if q != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if r.ctx.Err() != nil {
			stop = true
			r.emit(nil, r.ctx.Err())
			return fs.SkipAll
		}
		if !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			if !r.fail(q, 0, err) {
				stop = true
				return fs.SkipAll
			}
			return nil
		}
		if !r.file(q, fi, false) {
			stop = true
			return fs.SkipAll
		}
		return nil
	})
	if werr != nil && !stop {
		return r.fail(p, 0, werr)
	}
	return !stop
}

func (r *reader) file(p string, fi fs.FileInfo, explicit bool) bool {
	format := FormatOf(p)
	if format == "" && !explicit {
		ext := filepath.Ext(p)
		if ext == "" {
			ext = "no extension"
		}
		return r.fail(p, 0, fmt.Errorf("%w (%s); skipped", ErrUnsupported, ext))
	}
	gz := strings.HasSuffix(strings.ToLower(p), ".gz")
	if !gz && format != FormatJSONL && format != FormatWARC && fi.Size() > r.opts.maxBytes() {
		return r.fail(p, 0, fmt.Errorf("%w: %d bytes > %d", ErrTooLarge, fi.Size(), r.opts.maxBytes()))
	}
	f, err := os.Open(p)
	if err != nil {
		return r.fail(p, 0, err)
	}
	defer f.Close()
	if format == FormatWARC { // gowarc reads each gzip member itself, so offsets are the file's
		return r.warc(p, f)
	}
	return r.stream(p, f, format)
}

// stream reads one input: it undoes gzip, sniffs the format when unknown, and
// emits its articles.
func (r *reader) stream(source string, in io.Reader, format string) bool {
	br := bufio.NewReaderSize(in, 64<<10)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return r.fail(source, 0, fmt.Errorf("gzip: %w", err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	if format == "" {
		head, _ := br.Peek(512)
		format = sniff(head)
	}
	switch format {
	case FormatJSONL:
		return r.jsonl(source, br)
	case FormatWARC:
		return r.warc(source, br)
	}
	max := r.opts.maxBytes()
	data, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		return r.fail(source, 0, fmt.Errorf("read: %w", err))
	}
	if int64(len(data)) > max {
		return r.fail(source, 0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max))
	}
	return r.parse(func() (*Article, error) {
		a, err := Parse(source, data, format)
		if err != nil {
			return nil, asInputError(source, 0, err)
		}
		return a, nil
	})
}

// jsonl emits one article per non-blank line.
func (r *reader) jsonl(source string, br *bufio.Reader) bool {
	max := r.opts.maxBytes()
	var buf []byte
	for line := 1; ; line++ {
		if line%64 == 0 && r.cancelled() {
			return false
		}
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if int64(len(buf)+len(chunk)) > max+1 {
					tooLong = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return r.fail(source, line, fmt.Errorf("read: %w", err))
		}
		switch {
		case tooLong:
			if !r.fail(source, line, fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, max)) {
				return false
			}
		case len(bytes.TrimSpace(buf)) > 0:
			data, n := bytes.Clone(buf), line
			ok := r.parse(func() (*Article, error) {
				a, err := Parse(fmt.Sprintf("%s:%d", source, n), data, FormatJSONL)
				if err != nil {
					return nil, asInputError(source, n, err)
				}
				return a, nil
			})
			if !ok {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
	}
}

func asInputError(source string, line int, err error) error {
	var ie *InputError
	if errors.As(err, &ie) {
		return &InputError{Source: source, Line: line, Err: ie.Err}
	}
	return &InputError{Source: source, Line: line, Err: err}
}

// formatXML is what sniff calls XML that is not (X)HTML: an RSS or Atom
// feed, a sitemap. Parse refuses it as ErrUnsupported.
const formatXML = "xml"

// sniff guesses the format of an input from its first bytes.
func sniff(head []byte) string {
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	t = bytes.TrimPrefix(t, []byte("\xef\xbb\xbf"))
	switch {
	case bytes.HasPrefix(t, []byte("WARC/")):
		return FormatWARC
	case len(t) > 0 && t[0] == '{':
		return FormatJSONL
	case len(t) > 0 && t[0] == '<':
		l := bytes.ToLower(t)
		if bytes.HasPrefix(l, []byte("<?xml")) {
			return sniffXML(l)
		}
		for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<!--", "<p>", "<div", "<meta", "<title"} {
			if bytes.HasPrefix(l, []byte(p)) {
				return FormatHTML
			}
		}
		if xmlRoot(l) {
			return formatXML
		}
	}
	return FormatText
}

// sniffXML tells XHTML from other XML by the root element after the XML
// declaration (and any comments, processing instructions or doctype): html
// is HTML, anything else (rss, feed, rdf:RDF, urlset ...) is formatXML.
// lower is the lower-cased head of the input.
func sniffXML(lower []byte) string {
	rest := lower
	for {
		i := bytes.IndexByte(rest, '<')
		if i < 0 || i+1 >= len(rest) {
			return formatXML // no root element in the head: not an article either way
		}
		rest = rest[i+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("!doctype html")), bytes.HasPrefix(rest, []byte("html")):
			return FormatHTML
		case rest[0] == '?' || rest[0] == '!':
			continue
		}
		return formatXML
	}
}

// xmlRoot reports whether lower starts with the root element of an XML
// document that is not HTML: a news feed (rss, feed, rdf:RDF) or an element
// in a namespace (a prefix, or an xmlns attribute in its start tag).
func xmlRoot(lower []byte) bool {
	end := bytes.IndexByte(lower, '>')
	if end < 0 {
		end = len(lower)
	}
	tag := lower[1:end]
	name := tag
	if i := bytes.IndexAny(tag, " \t\r\n/"); i >= 0 {
		name = tag[:i]
	}
	switch string(name) {
	case "rss", "feed", "rdf:rdf", "opml", "urlset", "sitemapindex":
		return true
	}
	return bytes.IndexByte(name, ':') > 0 || bytes.Contains(tag, []byte("xmlns"))
}
