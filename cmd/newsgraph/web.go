package main

import (
	"bufio"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/fetch"
	"github.com/newsgraph/newsgraph/pipeline"
)

// webFlags are the flags of URL inputs (extract and ingest).
type webFlags struct {
	urls      string
	workers   int
	delay     time.Duration
	timeout   time.Duration
	userAgent string
}

// registerWeb adds the URL input flags to cmd.
func (f *inputFlags) registerWeb(cmd *cobra.Command) {
	w := &webFlags{}
	f.web = w
	cmd.Flags().StringVar(&w.urls, "urls", "", "fetch the URLs in this file, one a line (blank lines and # comments skipped), as well as the PATHs")
	cmd.Flags().IntVar(&w.workers, "fetch-workers", fetch.DefaultConcurrency, "URL inputs: pages fetched at once (one at a time from any one host)")
	cmd.Flags().DurationVar(&w.delay, "fetch-delay", fetch.DefaultHostDelay, "URL inputs: least pause between two requests to one host (a longer robots.txt Crawl-delay wins)")
	cmd.Flags().DurationVar(&w.timeout, "fetch-timeout", fetch.DefaultTimeout, "URL inputs: time allowed for one page")
	cmd.Flags().StringVar(&w.userAgent, "user-agent", fetch.DefaultUserAgent, "URL inputs: the User-Agent sent (robots.txt rules are read for its first word)")
}

// fetcher is the Fetcher of URL inputs; nil for a command without them.
func (f *inputFlags) fetcher() article.Fetcher {
	if f.web == nil {
		return nil
	}
	return fetch.New(fetch.Options{Concurrency: f.web.workers, HostDelay: f.web.delay, Timeout: f.web.timeout,
		MaxBytes: f.maxBytes, UserAgent: f.web.userAgent})
}

// needInputs is the Args check of a command with URL inputs: PATHs, --urls, or both.
func (f *inputFlags) needInputs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 && (f.web == nil || f.web.urls == "") {
		return errors.New("requires at least one PATH or URL, or --urls FILE")
	}
	return nil
}

// inputs returns args with the URLs of --urls after them. Every URL must
// be http:// or https://; two-pass stories would fetch them twice, so that
// mode is refused for URL inputs.
func (f *inputFlags) inputs(args []string) ([]string, error) {
	out := append([]string{}, args...)
	if f.web != nil && f.web.urls != "" {
		urls, err := readURLs(f.web.urls)
		if err != nil {
			return nil, err
		}
		out = append(out, urls...)
	}
	for _, a := range out {
		if article.IsURL(a) && f.stories.mode == pipeline.StoriesTwoPass {
			return nil, errors.New("--stories two-pass reads every input twice and URLs are fetched once: use --stories stream (the default for URL inputs) or off")
		}
	}
	return out, nil
}

// readURLs reads a --urls file.
func readURLs(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--urls: %w", err)
	}
	defer f.Close()
	var urls []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := url.Parse(line)
		if err != nil || !article.IsURL(line) || u.Host == "" {
			return nil, fmt.Errorf("--urls %s:%d: %q is not an http:// or https:// URL", path, n, line)
		}
		urls = append(urls, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--urls %s: %w", path, err)
	}
	return urls, nil
}
