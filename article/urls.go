package article

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Fetcher fetches web pages: one Page or one error per URL, in the order
// of urls (package fetch implements it).
type Fetcher interface {
	Fetch(ctx context.Context, urls []string) iter.Seq2[Page, error]
}

// ErrNoFetcher is the error of a URL input when Options.Fetcher is nil.
var ErrNoFetcher = errors.New("URL inputs need a fetcher")

// IsURL reports whether an input path is an http:// or https:// URL.
func IsURL(p string) bool {
	l := strings.ToLower(p)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// urls emits the article of each fetched page, or its error (an
// *InputError naming the URL).
func (r *reader) urls(urls []string) bool {
	if r.opts.Fetcher == nil {
		for _, u := range urls {
			if !r.fail(u, 0, ErrNoFetcher) {
				return false
			}
		}
		return true
	}
	for p, err := range r.opts.Fetcher.Fetch(r.ctx, urls) {
		if r.ctx.Err() != nil {
			return !r.cancelled()
		}
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				err = &InputError{Source: p.Source, Err: err}
			}
			if !r.emit(nil, err) {
				return false
			}
			continue
		}
		ok := r.parse(func() (*Article, error) {
			a, err := ParsePage(p)
			if err != nil {
				err = asInputError(p.Source, 0, err)
				if p.URL != p.Source { // redirected: say where to
					var ie *InputError
					if errors.As(err, &ie) {
						err = &InputError{Source: p.Source, Err: fmt.Errorf("(redirected to %s) %w", p.URL, ie.Err)}
					}
				}
			}
			return a, err
		})
		if !ok {
			return false
		}
	}
	return !r.cancelled()
}
