package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"

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
}

func (f *inputFlags) register(cmd *cobra.Command) {
	cmd.Flags().Int64Var(&f.maxBytes, "max-bytes", 10<<20, "skip input files larger than this many bytes")
	cmd.Flags().IntVar(&f.workers, "workers", 0, "extraction workers (0: one per core)")
	cmd.Flags().Var(&f.stories, "stories", `near-duplicate stories: "two-pass" (read the inputs twice; every story id final), "stream" (one pass; a story id points back only at earlier articles), "off", or "auto" (two-pass unless an input is -)`)
	cmd.Flags().IntVar(&f.storyMax, "story-max", pipeline.DefaultStoryMax, "most articles the story index holds (about 0.85 KiB each); later ones are their own story")
	f.registerAliases(cmd)
}

func (f *inputFlags) options() pipeline.Options {
	o := pipeline.Options{Workers: f.workers, Stories: f.stories.mode, StoryMax: f.storyMax}
	o.Read.MaxBytes = f.maxBytes
	o.Read.Stdin = os.Stdin
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
	cmd := &cobra.Command{
		Use:   "extract [flags] PATH...",
		Short: "Extract entities and statements as JSON Lines (no database needed)",
		Long: `extract reads articles and writes one JSON object per article: its metadata, its
entities with every mention, and its attributed statements. Offsets are UTF-8 byte
offsets into the input as read, so input[start:end] == text. PATH may be a file,
a folder (read recursively) or - for standard input.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
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
			failed := 0
			opts := in.options()
			opts.StoryIndex = story.NewIndex(in.storyMax)
			write := func(d graph.Doc) error {
				if err := enc.Encode(d); err != nil {
					return fmt.Errorf("write output: %w", err)
				}
				return nil
			}
			// Two passes: corpus-level entity ids, as the graph has them
			// after loading the same articles (docs/resolution.md).
			var corpus *pipeline.CorpusIDs
			if opts.TwoPass(args) {
				if corpus, err = pipeline.NewCorpusIDs(x.Namer()); err != nil {
					return err
				}
				defer corpus.Close()
				write = corpus.Add
			}
			for it := range pipeline.Run(cmd.Context(), x, args, opts) {
				if it.Err != nil {
					failed++
					slog.Warn("skipped input", "reason", it.Err.Error())
					continue
				}
				if err := write(it.Doc); err != nil {
					return err
				}
			}
			if corpus != nil && cmd.Context().Err() == nil {
				if err := corpus.Each(func(d graph.Doc) error {
					if err := enc.Encode(d); err != nil {
						return fmt.Errorf("write output: %w", err)
					}
					return nil
				}); err != nil {
					return err
				}
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			if err := cmd.Context().Err(); err != nil {
				return err
			}
			if storiesOut != "" {
				if err := pipeline.WriteStories(storiesOut, opts.StoryIndex); err != nil {
					return err
				}
			}
			if failed > 0 {
				return errInputsFailed
			}
			return nil
		},
	}
	in.register(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "", "write JSON Lines to this file instead of standard output")
	cmd.Flags().StringVar(&storiesOut, "stories-out", "", `at the end, write every story of two or more articles to this file, one JSON object a line: {"story": ID, "articles": [ID...]} (final, whatever --stories)`)
	return cmd
}
