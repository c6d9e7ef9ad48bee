package main

import (
	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/pipeline"
)

func loadCommand() *cobra.Command {
	var db dbFlags
	var in inputFlags // --aliases only: the rules corpus resolution names entities by
	var stories storyModeFlag
	var storyMax int
	cmd := &cobra.Command{
		Use:   "load [flags] FILE.jsonl...",
		Short: "Load what extract wrote into Neo4j, without extracting again",
		Long: `load reads the JSON Lines that "newsgraph extract" wrote (.jsonl, .jsonl.gz, folders
of them, - for standard input) and writes them to Neo4j exactly as ingest writes the
same articles: the same graph, the same ledger (loading again changes nothing; an
article whose extraction changed, same source, replaces its old contributions), the
same summary and exit statuses; Ctrl-C stops after the current batch (exit status
130) and running again continues.

Extraction can so run elsewhere, split over many processes or machines (each writing
its own file; docs/scaling.md), and the files are loaded once. Stories are grouped
again over all the files and the articles already in the database, from the
story_sig each line carries (extract --stories off writes none: those articles are
their own story). --count-by as for ingest; --aliases as given to extract (corpus
entities are resolved with its rules, as ingest resolves them).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := pipeline.Options{Stories: stories.mode, StoryMax: storyMax}
			opts.Read.Stdin = cmd.InOrStdin()
			namer, err := in.resolver()
			if err != nil {
				return err
			}
			return runIngest(cmd.Context(), cmd.OutOrStdout(), args, opts, db, namer, pipeline.IngestOptions{Read: pipeline.ReadRecords})
		},
	}
	db.register(cmd)
	in.registerAliases(cmd)
	countByFlag(cmd, &db.countBy)
	minConfidenceFlag(cmd, &db.minConf)
	cmd.Flags().Var(&stories, "stories", `stories over all inputs and the database: "two-pass" (read the files twice), "stream" (one pass; a story id points back only at earlier articles), "off" (every article its own story), or "auto" (two-pass unless an input is -)`)
	cmd.Flags().IntVar(&storyMax, "story-max", pipeline.DefaultStoryMax, "most articles the story index holds (about 0.85 KiB each); later ones are their own story")
	return cmd
}
