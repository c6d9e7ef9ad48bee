package pipeline

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/story"
)

// Record is one line of "newsgraph extract" output: the article's Doc and,
// when extract grouped stories, the article's story signature
// (story.Signature.String), so that "newsgraph load" can group the article
// with the articles of other files and of the database, as ingest does.
type Record struct {
	graph.Doc
	StorySig string `json:"story_sig,omitempty"`
}

// ErrNotRecord is the reason a JSON line that is not a Record (no id or no
// source: an article, say) is skipped by ReadRecords.
var ErrNotRecord = errors.New("not a newsgraph extract record")

// sigString is what Ingest stores as an article's story signature: "" when
// it has none (a record written without one).
func sigString(s story.Signature) string {
	if s == (story.Signature{}) {
		return ""
	}
	return s.String()
}

// newStoryIndex is a new, empty story index of opts.StoryMax articles
// (DefaultStoryMax when zero).
func (o Options) newStoryIndex() *story.Index {
	max := o.StoryMax
	if max <= 0 {
		max = DefaultStoryMax
	}
	return story.NewIndex(max)
}

// ReadRecords reads what "newsgraph extract" wrote: JSON Lines files
// (.jsonl, .ndjson, either gzipped), folders of them (walked recursively in
// lexical order, hidden files skipped, other files reported), and "-" for
// opts.Read.Stdin. It yields one Item per line in input order, as Run does
// for articles, so that Ingest loads them (IngestOptions.Read): a line that
// is not a Record is an Item with an *article.InputError.
//
// The stories are made again, as Run makes them (opts.Stories,
// opts.StoryIndex), from the records' signatures: the story a record was
// written with only knew the articles of its own extract run. Two-pass (the
// default for files) reads the inputs twice, the first time only for the
// signatures (and, in Ingest, to give the loader every document as
// evidence before the first batch); stream reads once. A record without a signature (extract
// --stories off, or an older newsgraph) is its own story. Lines are held
// one at a time; opts.Read.MaxBytes does not apply (a line is as long as
// its article's entities make it).
func ReadRecords(ctx context.Context, paths []string, opts Options) <-chan Item {
	mode := opts.mode(paths)
	idx := opts.StoryIndex
	if idx == nil && mode != StoriesOff {
		idx = opts.newStoryIndex()
	}
	out := make(chan Item, 64)
	go func() {
		defer close(out)
		if mode == StoriesTwoPass {
			n := 0
			for it := range readRecords(ctx, paths, opts.Read.Stdin) {
				if it.Err == nil {
					if it.sig != (story.Signature{}) {
						idx.Add(it.Doc.ID, it.sig)
					}
					if opts.foresee != nil {
						opts.foresee.Foresee(it.Doc)
					}
					n++
				}
			}
			if ctx.Err() != nil {
				return
			}
			if opts.Total != nil {
				opts.Total(n)
			}
		}
		for it := range readRecords(ctx, paths, opts.Read.Stdin) {
			if it.Err == nil {
				hasSig := it.sig != (story.Signature{})
				switch {
				case mode == StoriesTwoPass && hasSig:
					it.Doc.Story = idx.Story(it.Doc.ID)
				case mode == StoriesStream && hasSig:
					it.Doc.Story = idx.Add(it.Doc.ID, it.sig)
				default:
					it.Doc.Story = it.Doc.ID
				}
			}
			select {
			case out <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// readRecords yields the Records of paths as Items (Doc, Source, sig), and
// an Item with an *article.InputError for each line or input that cannot
// be used. It stops when ctx is done.
func readRecords(ctx context.Context, paths []string, stdin io.Reader) func(func(Item) bool) {
	return func(yield func(Item) bool) {
		fail := func(source string, line int, err error) bool {
			return yield(Item{Source: source, Err: &article.InputError{Source: source, Line: line, Err: err}})
		}
		for _, p := range paths {
			if ctx.Err() != nil {
				return
			}
			if p == "-" {
				in := stdin
				if in == nil {
					in = os.Stdin
				}
				if !readRecordStream(ctx, "-", in, yield, fail) {
					return
				}
				continue
			}
			fi, err := os.Stat(p)
			if err != nil {
				if !fail(p, 0, err) {
					return
				}
				continue
			}
			if !fi.IsDir() {
				if !readRecordFile(ctx, p, yield, fail) {
					return
				}
				continue
			}
			stop := false
			werr := filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
				switch {
				case err != nil:
					stop = !fail(q, 0, err)
				case q != p && strings.HasPrefix(d.Name(), "."):
					if d.IsDir() {
						return fs.SkipDir
					}
				case d.IsDir() || !d.Type().IsRegular():
				case article.FormatOf(q) != article.FormatJSONL:
					stop = !fail(q, 0, fmt.Errorf("%w (%s): load reads the JSON Lines extract wrote; skipped", article.ErrUnsupported, filepath.Ext(q)))
				default:
					stop = !readRecordFile(ctx, q, yield, fail)
				}
				if stop || ctx.Err() != nil {
					stop = true
					return fs.SkipAll
				}
				return nil
			})
			if stop {
				return
			}
			if werr != nil && !fail(p, 0, werr) {
				return
			}
		}
	}
}

func readRecordFile(ctx context.Context, path string, yield func(Item) bool, fail func(string, int, error) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return fail(path, 0, err)
	}
	defer f.Close()
	return readRecordStream(ctx, path, f, yield, fail)
}

// readRecordStream reads one input of Records, gzipped or not; false means
// stop.
func readRecordStream(ctx context.Context, source string, in io.Reader, yield func(Item) bool, fail func(string, int, error) bool) bool {
	br := bufio.NewReaderSize(in, 256<<10)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fail(source, 0, fmt.Errorf("gzip: %w", err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 256<<10)
	}
	for line := 1; ; line++ {
		if ctx.Err() != nil {
			return false
		}
		b, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return fail(source, line, fmt.Errorf("read: %w", err))
		}
		if len(strings.TrimSpace(string(b))) > 0 {
			it, ok := parseRecord(b)
			if !ok {
				if !fail(source, line, it.Err) {
					return false
				}
			} else if !yield(it) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
	}
}

// parseRecord decodes one line; when it is not a usable Record, the Item's
// Err is the reason (without the source, which the caller adds).
func parseRecord(b []byte) (Item, bool) {
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return Item{Err: fmt.Errorf("%w: %v", article.ErrMalformed, err)}, false
	}
	if strings.TrimSpace(r.ID) == "" || strings.TrimSpace(r.Source) == "" {
		return Item{Err: fmt.Errorf("%w (no id or source): load reads what extract wrote, ingest reads articles", ErrNotRecord)}, false
	}
	it := Item{Doc: r.Doc, Source: r.Source}
	if r.StorySig != "" {
		sig, err := story.ParseSignature(r.StorySig)
		if err != nil {
			return Item{Err: fmt.Errorf("%w: story_sig: %v", ErrNotRecord, err)}, false
		}
		it.sig = sig
	}
	return it, true
}

// SignedRecords reads records like ReadRecords and yields each usable Doc
// with its story signature ("" when its record has none), as Signed does
// for articles it extracts; lines that cannot be used go to onSkip (nil:
// logged). "newsgraph export --extracted" uses it.
func SignedRecords(ctx context.Context, paths []string, opts Options, onSkip func(Item)) iter.Seq2[graph.Doc, string] {
	return signed(ctx, func(ctx context.Context) <-chan Item { return ReadRecords(ctx, paths, opts) }, onSkip)
}

// signed yields the Docs of the Items read gives, with their signatures;
// the Items that carry an error (other than the end of ctx) go to onSkip.
func signed(ctx context.Context, read func(context.Context) <-chan Item, onSkip func(Item)) iter.Seq2[graph.Doc, string] {
	return func(yield func(graph.Doc, string) bool) {
		for it := range signedItems(ctx, read, onSkip) {
			if !yield(it.Doc, sigString(it.sig)) {
				return
			}
		}
	}
}

// signedItems yields the Items read gives that carry a Doc; the others
// (other than the end of ctx) go to onSkip (nil: logged).
func signedItems(ctx context.Context, read func(context.Context) <-chan Item, onSkip func(Item)) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		runCtx, stop := context.WithCancel(ctx)
		defer stop()
		for it := range read(runCtx) {
			if it.Err != nil {
				if runCtx.Err() != nil && it.Err == runCtx.Err() {
					continue
				}
				if onSkip != nil {
					onSkip(it)
				} else {
					slog.Warn("skipped input", "reason", it.Err.Error())
				}
				continue
			}
			if !yield(it) {
				return
			}
		}
	}
}
