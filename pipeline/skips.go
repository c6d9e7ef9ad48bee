package pipeline

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/article"
)

// DefaultSkipExamples is how many inputs Skips names per reason when
// Skips.Examples is zero.
const DefaultSkipExamples = 3

// Skips gathers the inputs a run could not use, by reason, keeping the
// first few of each: a corpus with 1,799 empty records gets one line that
// counts them and names three, not 1,799 warnings. Each input is logged at
// debug level as it comes. The zero value is ready to use; it is not safe
// for concurrent use.
type Skips struct {
	Examples int // inputs named per reason; 0 means DefaultSkipExamples

	n       int
	reasons []*SkipReason
	byKey   map[string]*SkipReason
}

// SkipReason is one reason inputs were skipped.
type SkipReason struct {
	Reason   string   // what was wrong, e.g. "empty input"
	Count    int      // inputs skipped for it
	Examples []string // the first ones, each its whole message (file, line, detail)
}

// inputReasons are the reasons article.Read and ReadRecords give, by which
// Skips groups.
var inputReasons = []error{
	article.ErrEmpty, article.ErrBinary, article.ErrInvalidUTF8, article.ErrTooLarge,
	article.ErrMalformed, article.ErrNoText, article.ErrUnsupported, ErrNotRecord,
}

// reason is the group of err: the article package's reason it wraps, else
// the message without the input's name.
func reason(err error) string {
	for _, r := range inputReasons {
		if errors.Is(err, r) {
			return r.Error()
		}
	}
	var ie *article.InputError
	if errors.As(err, &ie) {
		return ie.Err.Error()
	}
	return err.Error()
}

// Add records one input that could not be used (it.Err is not nil) and logs
// it at debug level.
func (s *Skips) Add(it Item) {
	slog.Debug("skipped input", "reason", it.Err.Error())
	s.n++
	key := reason(it.Err)
	r := s.byKey[key]
	if r == nil {
		if s.byKey == nil {
			s.byKey = map[string]*SkipReason{}
		}
		r = &SkipReason{Reason: key}
		s.byKey[key] = r
		s.reasons = append(s.reasons, r)
	}
	r.Count++
	max := s.Examples
	if max <= 0 {
		max = DefaultSkipExamples
	}
	if len(r.Examples) < max {
		r.Examples = append(r.Examples, it.Err.Error())
	}
}

// Len is the number of inputs skipped.
func (s *Skips) Len() int { return s.n }

// Reasons returns the reasons, the most frequent first (ties in the order
// they first came).
func (s *Skips) Reasons() []SkipReason {
	out := make([]SkipReason, len(s.reasons))
	for i, r := range s.reasons {
		out[i] = *r
	}
	slices.SortStableFunc(out, func(a, b SkipReason) int { return cmp.Compare(b.Count, a.Count) })
	return out
}

// Log logs one warning per reason, with its count and examples.
func (s *Skips) Log() {
	for _, r := range s.Reasons() {
		args := []any{"reason", r.Reason, "count", r.Count, "examples", strings.Join(r.Examples, "; ")}
		if more := r.Count - len(r.Examples); more > 0 {
			args = append(args, "more", fmt.Sprintf("%d (--log-level debug lists each)", more))
		}
		slog.Warn("skipped inputs", args...)
	}
}

// Write writes the reasons for people: a line per reason with its count,
// then its examples indented.
func (s *Skips) Write(w io.Writer) {
	if s.n == 0 {
		return
	}
	fmt.Fprintf(w, "skipped %d input(s):\n", s.n)
	for _, r := range s.Reasons() {
		fmt.Fprintf(w, "  %s: %d\n", r.Reason, r.Count)
		for _, e := range r.Examples {
			fmt.Fprintf(w, "    %s\n", e)
		}
		if more := r.Count - len(r.Examples); more > 0 {
			fmt.Fprintf(w, "    ... and %d more (--log-level debug lists each)\n", more)
		}
	}
}
