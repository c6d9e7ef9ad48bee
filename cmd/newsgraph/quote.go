package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/quote"
)

// evalQuotesCommand is "newsgraph eval quotes FILE": attribution spans
// scored against a PolNeAR JSON Lines file.
func evalQuotesCommand() *cobra.Command {
	var noNER bool
	cmd := &cobra.Command{
		Use:   "quotes FILE",
		Short: "Score quote attribution against PolNeAR JSON Lines (source, cue and content spans)",
		Long: `quotes reads a PolNeAR JSON Lines file (.gz accepted), attributes every article,
and prints precision, recall and F1 of source, cue and content spans: exact, overlapping
(shared bytes at least 30% of both spans) and any overlap. See docs/quotes.md.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			docs, err := quote.ReadPolNeAR(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			var recognize func(string) ner.Result
			if !noNER {
				m, err := ner.DefaultModel()
				if err != nil {
					return fmt.Errorf("load the entity model: %w", err)
				}
				r := ner.NewRecognizer(m)
				recognize = r.Recognize
			}
			rep, err := quote.Evaluate(cmd.Context(), docs, recognize)
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), rep.Table())
			return err
		},
	}
	cmd.Flags().BoolVar(&noNER, "no-ner", false, "attribute without the entity recognizer (sentences and part-of-speech tags only)")
	return cmd
}
