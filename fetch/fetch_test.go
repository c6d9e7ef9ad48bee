package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/article"
)

const page = `<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>`

// site is a test server that records what it was asked and how many
// requests it served at once.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	paths    []string
	agents   []string
	inFlight atomic.Int32
	maxIn    atomic.Int32
}

func newSite(t *testing.T, robots string, routes map[string]http.HandlerFunc) *site {
	s := &site{}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		if robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, robots)
	})
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for m := s.maxIn.Load(); n > m && !s.maxIn.CompareAndSwap(m, n); m = s.maxIn.Load() {
		}
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.Path)
		s.agents = append(s.agents, r.UserAgent())
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func htmlPage(title, text string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, page, title, text)
	}
}

func collect(f *Fetcher, urls ...string) ([]article.Page, []error) {
	var pages []article.Page
	var errs []error
	for p, err := range f.Fetch(context.Background(), urls) {
		pages = append(pages, p)
		errs = append(errs, err)
	}
	return pages, errs
}

func TestFetch(t *testing.T) {
	block := make(chan struct{})
	s := newSite(t, "User-agent: *\nDisallow: /private/\n\nUser-agent: newsgraph\nDisallow: /no-bots/\n", map[string]http.HandlerFunc{
		"/a":         htmlPage("A", "First story."),
		"/b":         htmlPage("B", "Second story."),
		"/no-bots/c": htmlPage("C", "Not for us."),
		"/old":       func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusMovedPermanently) },
		"/gone":      func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) },
		"/report.pdf": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4"))
		},
		"/big": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body>" + strings.Repeat("<p>words words words</p>", 1000) + "</body></html>"))
		},
		"/slow": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-block:
			case <-r.Context().Done():
			}
		},
	})
	defer close(block)
	f := New(Options{HostDelay: time.Millisecond, Timeout: 300 * time.Millisecond, MaxBytes: 4096, Concurrency: 4})
	urls := []string{s.URL + "/a", s.URL + "/old", s.URL + "/no-bots/c", s.URL + "/gone", s.URL + "/report.pdf",
		s.URL + "/big", s.URL + "/slow", "http://127.0.0.1:1/closed", "ftp://example.invalid/x", s.URL + "/b"}
	pages, errs := collect(f, urls...)
	if len(errs) != len(urls) {
		t.Fatalf("%d results for %d urls", len(errs), len(urls))
	}
	want := []error{nil, nil, ErrDisallowed, ErrStatus, ErrNotHTML, ErrTooLarge, nil, nil, ErrBadURL, nil}
	for i, u := range urls {
		err := errs[i]
		switch {
		case want[i] == nil && u == s.URL+"/slow":
			if err == nil || !strings.Contains(err.Error(), "timed out") {
				t.Errorf("%s: err %v, want a timeout", u, err)
			}
		case want[i] == nil && strings.Contains(u, ":1/"):
			if err == nil || errors.Is(err, ErrDisallowed) || !strings.Contains(err.Error(), "robots.txt") {
				t.Errorf("%s: err %v, want the connection error", u, err)
			}
		case want[i] == nil:
			if err != nil {
				t.Errorf("%s: %v", u, err)
			}
		case !errors.Is(err, want[i]):
			t.Errorf("%s: err %v, want %v", u, err, want[i])
		}
		var ie *article.InputError
		if err != nil && (!errors.As(err, &ie) || ie.Source != u) {
			t.Errorf("%s: error %v does not name the URL", u, err)
		}
	}
	if !strings.Contains(string(pages[0].Body), "First story.") || pages[0].URL != s.URL+"/a" {
		t.Errorf("page a: %+v", pages[0])
	}
	if pages[1].Source != s.URL+"/old" || pages[1].URL != s.URL+"/b" || !strings.Contains(string(pages[1].Body), "Second story.") {
		t.Errorf("redirect: source %q url %q", pages[1].Source, pages[1].URL)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.paths {
		if strings.HasPrefix(p, "/no-bots/") {
			t.Errorf("fetched %s, which robots.txt disallows", p)
		}
	}
	if s.paths[0] != "/robots.txt" || strings.Count(strings.Join(s.paths, " "), "/robots.txt") != 1 {
		t.Errorf("robots.txt not read first and once: %v", s.paths)
	}
	for _, a := range s.agents {
		if !strings.HasPrefix(a, "newsgraph/") {
			t.Errorf("User-Agent %q", a)
		}
	}
	if m := s.maxIn.Load(); m != 1 {
		t.Errorf("%d requests at once to one host, want 1", m)
	}
}

// TestConcurrency: pages of several hosts are fetched at once, never more
// than Concurrency, and come out in input order.
func TestConcurrency(t *testing.T) {
	var inFlight, maxIn atomic.Int32
	release := make(chan struct{})
	var once sync.Once
	var sites []*site
	for i := range 6 {
		sites = append(sites, newSite(t, "", map[string]http.HandlerFunc{"/p": func(w http.ResponseWriter, r *http.Request) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for m := maxIn.Load(); n > m && !maxIn.CompareAndSwap(m, n); m = maxIn.Load() {
			}
			if n == 3 {
				once.Do(func() { close(release) }) // three at once: let them all go
			}
			select {
			case <-release:
			case <-time.After(2 * time.Second):
			}
			htmlPage(fmt.Sprint(i), fmt.Sprintf("Story number %d.", i))(w, r)
		}}))
	}
	var urls []string
	for _, s := range sites {
		urls = append(urls, s.URL+"/p")
	}
	pages, errs := collect(New(Options{Concurrency: 3, HostDelay: time.Millisecond}), urls...)
	for i := range urls {
		if errs[i] != nil || !strings.Contains(string(pages[i].Body), fmt.Sprintf("Story number %d.", i)) {
			t.Errorf("result %d: %v %q", i, errs[i], pages[i].Body)
		}
	}
	if m := maxIn.Load(); m > 3 || m < 2 {
		t.Errorf("at most %d requests at once, want 2..3", m)
	}
}

// TestRobots: a robots.txt's Crawl-delay lengthens the pause; a server
// error for robots.txt disallows the host.
func TestRobots(t *testing.T) {
	s := newSite(t, "User-agent: *\nCrawl-delay: 7\n", map[string]http.HandlerFunc{"/a": htmlPage("A", "Story.")})
	f := New(Options{HostDelay: time.Millisecond})
	u := mustURL(t, s.URL+"/a")
	h := f.host(u)
	h.robots, _, _ = f.readRobots(context.Background(), u)
	if g := h.robots.FindGroup(f.agent()); g.CrawlDelay != 7*time.Second {
		t.Errorf("crawl delay %v, want 7s", g.CrawlDelay)
	}
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer broken.Close()
	_, errs := collect(f, broken.URL+"/a")
	if !errors.Is(errs[0], ErrDisallowed) || !strings.Contains(errs[0].Error(), "503") {
		t.Errorf("robots.txt 503: err %v, want disallowed, saying why", errs[0])
	}
	if f.agent() != "newsgraph" {
		t.Errorf("agent %q", f.agent())
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
