// Package fetch downloads web pages for newsgraph's URL inputs
// ("newsgraph extract https://...", --urls FILE). It sits before the article
// stage (fetch -> article -> ner -> quote -> graph -> loader): each page
// fetched is an article.Page that package article reads like an HTML file.
//
// It is a polite client: a User-Agent naming newsgraph, robots.txt obeyed
// (fetched once per host with github.com/temoto/robotstxt; its Crawl-delay
// too), at most one request at a time to a host with a pause between two,
// a bounded number of requests at once overall, a timeout and a size limit
// per page, redirects followed (up to 10). Every failure (DNS, connection,
// status, timeout, not HTML, too large, disallowed) is an error for that URL
// alone; the others go on. A host whose robots.txt cannot be fetched at all
// (DNS, connection refused) fails each of its URLs with that error.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/internal/ordered"
)

// Defaults of Options.
const (
	DefaultConcurrency = 8
	DefaultHostDelay   = time.Second
	DefaultTimeout     = 30 * time.Second
	DefaultMaxBytes    = 10 << 20
	DefaultUserAgent   = "newsgraph/1 (+https://github.com/newsgraph/newsgraph; news article extraction)"
	maxRedirects       = 10
)

// Options configure a Fetcher; zero values mean the defaults.
type Options struct {
	Concurrency int           // requests at once, over all hosts
	HostDelay   time.Duration // least time between the end of one request to a host and the start of the next
	Timeout     time.Duration // per page: connection, redirects and body
	MaxBytes    int64         // largest body accepted
	UserAgent   string        // sent with every request; robots.txt is read for its first word ("newsgraph")
	// Client makes the requests; nil means a client of its own. Its
	// CheckRedirect is replaced.
	Client *http.Client
}

// Errors wrapped by a URL's error; test them with errors.Is.
var (
	ErrStatus     = errors.New("HTTP status")
	ErrNotHTML    = errors.New("not an HTML page")
	ErrTooLarge   = errors.New("page over the size limit")
	ErrDisallowed = errors.New("disallowed by robots.txt")
	ErrBadURL     = errors.New("not an http(s) URL")
)

// Fetcher fetches pages. It is safe for concurrent use; hosts and their
// robots.txt are remembered across calls.
type Fetcher struct {
	opts   Options
	client *http.Client

	mu    sync.Mutex
	hosts map[string]*host
}

// host is what the Fetcher knows of one scheme://host:port.
type host struct {
	turn   chan struct{} // a token: held by the one request to this host
	next   time.Time     // no request before this
	delay  time.Duration
	robots *robotstxt.RobotsData // nil until read
	why    string                // why robots says no to everything ("robots.txt answered 503 ...")
	down   error                 // robots.txt could not be fetched at all: every URL of the host fails so
}

// New returns a Fetcher.
func New(opts Options) *Fetcher {
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.HostDelay <= 0 {
		opts.HostDelay = DefaultHostDelay
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	c := &http.Client{}
	if opts.Client != nil {
		cc := *opts.Client
		c = &cc
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		return nil
	}
	return &Fetcher{opts: opts, client: c, hosts: map[string]*host{}}
}

// Fetch fetches urls and yields one page or one error per URL, in the
// order of urls. Errors are *article.InputError values whose Source is the
// URL. Stopping the loop or cancelling ctx stops the fetching.
func (f *Fetcher) Fetch(ctx context.Context, urls []string) iter.Seq2[article.Page, error] {
	return func(yield func(article.Page, error) bool) {
		type result struct {
			page article.Page
			err  error
		}
		get := func(ctx context.Context, u string) result {
			p, err := f.fetch(ctx, u)
			if err != nil {
				err = &article.InputError{Source: u, Err: err}
			}
			return result{p, err}
		}
		for r := range ordered.Map(ctx, slices.Values(urls), f.opts.Concurrency, f.opts.Concurrency*4, get) {
			if !yield(r.page, r.err) {
				return
			}
		}
	}
}

// fetch gets one page.
func (f *Fetcher) fetch(ctx context.Context, raw string) (article.Page, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return article.Page{}, fmt.Errorf("%w: %q", ErrBadURL, raw)
	}
	h := f.host(u)
	if err := h.acquire(ctx); err != nil {
		return article.Page{}, err
	}
	defer h.release()
	if h.robots == nil && h.down == nil {
		h.robots, h.why, h.down = f.readRobots(ctx, u)
		if h.down != nil {
			return article.Page{}, h.down
		}
		if g := h.robots.FindGroup(f.agent()); g.CrawlDelay > h.delay {
			h.delay = g.CrawlDelay
		}
		h.next = time.Now().Add(h.delay)
		if err := h.wait(ctx); err != nil {
			return article.Page{}, err
		}
	}
	if h.down != nil {
		return article.Page{}, h.down
	}
	if !h.robots.TestAgent(pathOf(u), f.agent()) {
		if h.why != "" {
			return article.Page{}, fmt.Errorf("%w (%s)", ErrDisallowed, h.why)
		}
		return article.Page{}, ErrDisallowed
	}
	return f.get(ctx, u)
}

// get requests u and reads its body.
func (f *Fetcher) get(ctx context.Context, u *url.URL) (article.Page, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return article.Page{}, err
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return article.Page{}, fmt.Errorf("timed out after %v: %w", f.opts.Timeout, err)
		}
		return article.Page{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return article.Page{}, fmt.Errorf("%w %s", ErrStatus, resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); ct != "" && (err != nil || mt != "text/html" && mt != "application/xhtml+xml") {
		return article.Page{}, fmt.Errorf("%w: Content-Type %s", ErrNotHTML, ct)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return article.Page{}, fmt.Errorf("timed out after %v reading the body: %w", f.opts.Timeout, err)
		}
		return article.Page{}, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > f.opts.MaxBytes {
		return article.Page{}, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, f.opts.MaxBytes)
	}
	if ct == "" && !strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return article.Page{}, fmt.Errorf("%w: no Content-Type and the body does not look like HTML", ErrNotHTML)
	}
	final := resp.Request.URL.String()
	return article.Page{Source: u.String(), URL: final, ContentType: ct, Body: body}, nil
}

// agent is the product token robots.txt groups are matched against.
func (f *Fetcher) agent() string {
	a, _, _ := strings.Cut(f.opts.UserAgent, "/")
	a, _, _ = strings.Cut(a, " ")
	return a
}

// readRobots reads the host's robots.txt (the caller holds the host's
// turn). A missing one (4xx) allows everything; a server error (5xx)
// disallows everything, as Google's crawler does (why says so). When the
// host cannot be reached at all, down is the error, for every URL of it.
func (f *Fetcher) readRobots(ctx context.Context, u *url.URL) (rd *robotstxt.RobotsData, why string, down error) {
	ru := url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ru.String(), nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("cannot read %s: %w", ru.String(), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		return nil, "", fmt.Errorf("cannot read %s: %w", ru.String(), err)
	}
	if resp.StatusCode >= 500 {
		why = "robots.txt answered " + resp.Status + ": the host is taken to disallow everything"
	}
	rd, err = robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil { // unparsable, or an odd status: no rules
		rd, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	}
	return rd, why, nil
}

func pathOf(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// host returns the record of u's scheme, host and port.
func (f *Fetcher) host(u *url.URL) *host {
	key := u.Scheme + "://" + u.Host
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hosts[key]
	if h == nil {
		h = &host{turn: make(chan struct{}, 1), delay: f.opts.HostDelay}
		f.hosts[key] = h
	}
	return h
}

// acquire waits for the host's turn and its pause since the last request.
func (h *host) acquire(ctx context.Context) error {
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := h.wait(ctx); err != nil {
		<-h.turn
		return err
	}
	return nil
}

// wait sleeps until the host may be asked again (the caller holds the turn).
func (h *host) wait(ctx context.Context) error {
	d := time.Until(h.next)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release ends a request: the next one to the host waits for its delay.
func (h *host) release() {
	h.next = time.Now().Add(h.delay)
	<-h.turn
}
