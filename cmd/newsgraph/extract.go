package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/pipeline"
	"github.com/newsgraph/newsgraph/story"
)

// inputFlags are the flags of every command that reads articles.
type inputFlags struct {
	maxBytes int64
	workers  int
	aliases  string // alias file (see entities.go)
	stories  storyModeFlag
	storyMax int
	web      *webFlags // URL inputs (web.go); nil for commands without them
	sourceID bool
}

func (f *inputFlags) register(cmd *cobra.Command) {
	cmd.Flags().Int64Var(&f.maxBytes, "max-bytes", 10<<20, "skip input files larger than this many bytes")
	cmd.Flags().IntVar(&f.workers, "workers", 0, "extraction workers (0: one per core)")
	cmd.Flags().Var(&f.stories, "stories", `near-duplicate stories: "two-pass" (every story id final: the documents wait in a temporary file until every input is read), "stream" (one pass; a story id points back only at earlier articles), "off", or "auto" (two-pass unless an input is - or a URL)`)
	cmd.Flags().IntVar(&f.storyMax, "story-max", pipeline.DefaultStoryMax, "most articles the story index holds (about 1.06 KiB each); later ones are their own story")
	cmd.Flags().BoolVar(&f.sourceID, "source-id", false, `name an article read from a JSON Lines record with an "id" field "id:ID" instead of FILE:LINE, so that it keeps its identity in the database however the corpus is split or streamed (docs/scaling.md)`)
	f.registerAliases(cmd)
}

func (f *inputFlags) options() pipeline.Options {
	o := pipeline.Options{Workers: f.workers, Stories: f.stories.mode, StoryMax: f.storyMax, SourceID: f.sourceID}
	o.Read.MaxBytes = f.maxBytes
	o.Read.Stdin = os.Stdin
	o.Read.Fetcher = f.fetcher()
	return o
}

// storyModeFlag is the --stories flag, checked when it is set.
type storyModeFlag struct {
	name string
	mode pipeline.StoryMode
}

func (f *storyModeFlag) String() string {
	if f.name == "" {
		return "auto"
	}
	return f.name
}

func (f *storyModeFlag) Set(s string) error {
	m, err := pipeline.ParseStoryMode(s)
	if err != nil {
		return err
	}
	f.name, f.mode = s, m
	return nil
}

func (f *storyModeFlag) Type() string { return "mode" }

func extractCommand() *cobra.Command {
	var in inputFlags
	var output, storiesOut string
	var withText bool
	cmd := &cobra.Command{
		Use:   "extract [flags] PATH...",
		Short: "Extract entities and statements as JSON Lines (no database needed)",
		Long: `extract reads articles and writes one JSON object per article: its metadata, its
entities with every mention, and its attributed statements. Offsets are UTF-8 byte
offsets into the input as read, so input[start:end] == text (for a web page that
was not UTF-8, into its UTF-8 decoding; "charset" then names its encoding). PATH may
be a file, a folder (read recursively), a WARC archive (.warc, .warc.gz: one article
per HTML page), an http:// or https:// URL (fetched), or - for standard input.
--with-text adds each article's cleaned body as "text". Each line also carries the
article's story signature (story_sig; not with --stories off), with which
"newsgraph load" groups stories across files and runs.`,
		Args: in.needInputs,
		RunE: func(cmd *cobra.Command, args []string) error {
			args, err := in.inputs(args)
			if err != nil {
				return err
			}
			extractGC()
			var w io.Writer = cmd.OutOrStdout()
			if output != "" && output != "-" {
				f, err := os.Create(output)
				if err != nil {
					return fmt.Errorf("create %s: %w", output, err)
				}
				defer f.Close()
				w = f
			}
			x, err := in.newExtractor()
			if err != nil {
				return err
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			enc := json.NewEncoder(bw)
			enc.SetEscapeHTML(false)
			var skips pipeline.Skips
			defer skips.Log()
			opts := in.options()
			opts.StoryIndex = story.NewIndex(in.storyMax)
			opts.WithText = withText
			// Each line carries the article's story signature (unless
			// --stories off), so that load can group it with the articles
			// of other files and of the database.
			encode := func(d graph.Doc, sig string) error {
				if err := enc.Encode(pipeline.Record{Doc: d, StorySig: sig}); err != nil {
					return fmt.Errorf("write output: %w", err)
				}
				return nil
			}
			if opts.TwoPass(args) {
				// Every story final and corpus-level entity ids, as the
				// graph has them after loading the same articles
				// (docs/resolution.md): the lines wait in a spool until
				// every article is extracted.
				err = pipeline.Corpus(cmd.Context(), x, args, opts, skips.Add, encode)
			} else {
				for d, sig := range extracted(cmd.Context(), x, args, opts, &skips) {
					if err = encode(d, sig); err != nil {
						break
					}
				}
			}
			if err != nil {
				return err
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			if cmd.Context().Err() != nil {
				return fmt.Errorf("%w: every line written is a whole article; run the same command again for all of them", errInterrupted)
			}
			if storiesOut != "" {
				if err := pipeline.WriteStories(storiesOut, opts.StoryIndex); err != nil {
					return err
				}
			}
			if skips.Len() > 0 {
				return errInputsFailed
			}
			return nil
		},
	}
	in.register(cmd)
	in.registerWeb(cmd)
	cmd.Flags().BoolVar(&withText, "with-text", false, `add each article's cleaned body as "text": the text the entities were found in, whitespace folded (character references of web pages decoded)`)
	cmd.Flags().StringVarP(&output, "output", "o", "", "write JSON Lines to this file instead of standard output")
	cmd.Flags().StringVar(&storiesOut, "stories-out", "", `at the end, write every story of two or more articles to this file, one JSON object a line: {"story": ID, "articles": [ID...]} (final, whatever --stories)`)
	return cmd
}

// extracted yields the Docs of the articles at paths and their story
// signatures ("" with --stories off, which computes none); inputs that
// cannot be used go to skips.
func extracted(ctx context.Context, x *pipeline.Extractor, paths []string, opts pipeline.Options, skips *pipeline.Skips) iter.Seq2[graph.Doc, string] {
	if opts.Stories != pipeline.StoriesOff {
		return pipeline.Signed(ctx, x, paths, opts, skips.Add)
	}
	return func(yield func(graph.Doc, string) bool) {
		for it := range pipeline.Run(ctx, x, paths, opts) {
			switch {
			case it.Err == nil:
				if !yield(it.Doc, "") {
					return
				}
			case it.Err != ctx.Err():
				skips.Add(it)
			}
		}
	}
}

// extractGC lets the heap grow to three times what is live before the
// garbage collector runs again, not twice, unless GOGC says otherwise:
// extraction allocates much that dies young, and on Reuters-21578 this
// halves the collector's marking (about 1 CPU-second of 46) for a peak
// resident size of about 400 MB instead of 310 MB. Extract and ingest use
// it (ingest's marking: about 4 CPU-seconds of 58 at GOGC=100).
func extractGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}
