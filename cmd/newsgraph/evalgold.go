package main

import (
	"fmt"
	"log/slog"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/gold"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/pipeline"
)

func evalGoldCommand() *cobra.Command {
	var in inputFlags
	var verbose bool
	cmd := &cobra.Command{
		Use:   "gold GOLD.json PATH...",
		Short: "Score extraction against a hand-made gold file (the seeds' or examples/gold.json)",
		Long: `gold extracts the articles at PATH and compares them with GOLD.json: entities by
canonical name (and with type), said-about edges (speaker, target) and pairwise alias
merges, each with precision, recall and F1. "said-about" are the edges of the attributions
at or above the default confidence (said_about: the graph's SAID_ABOUT edges), "said-about,
all" those of every attribution. --verbose lists the misses and extras.`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := gold.Load(args[0])
			if err != nil {
				return err
			}
			x, err := in.newExtractor()
			if err != nil {
				return err
			}
			var docs []graph.Doc
			for it := range pipeline.Run(cmd.Context(), x, args[1:], in.options()) {
				if it.Err != nil {
					slog.Warn("skipped input", "reason", it.Err.Error())
					continue
				}
				docs = append(docs, it.Doc)
			}
			rep := gold.Score(f, docs)
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "articles scored: %d\n", rep.Articles)
			for _, row := range []struct {
				name string
				s    gold.PRF
			}{{"entities", rep.Entities}, {"entities+type", rep.TypedEntities}, {"said-about", rep.SaidAbout}, {"said-about, all", rep.SaidAboutAll}, {"alias pairs", rep.AliasPairs}} {
				fmt.Fprintf(w, "%-16s %s\n", row.name, row.s)
				if verbose {
					for _, m := range row.s.Misses {
						fmt.Fprintf(w, "    missing  %s\n", m)
					}
					for _, m := range row.s.Extras {
						fmt.Fprintf(w, "    extra    %s\n", m)
					}
				}
			}
			return nil
		},
	}
	in.register(cmd)
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list misses and extras")
	return cmd
}
