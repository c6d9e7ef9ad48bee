package main

import "github.com/spf13/cobra"

// addToolCommands attaches the model and evaluation commands: "ner train",
// "ner tag", "eval ner", "eval quotes", "eval agreement", "eval gold" and
// "eval identity".
func addToolCommands(root *cobra.Command) {
	var eval *cobra.Command
	for _, c := range nerCommands() {
		if c.Name() == "eval" {
			eval = c
		}
		root.AddCommand(c)
	}
	if eval == nil {
		eval = &cobra.Command{Use: "eval", Short: "Measure newsgraph against annotated data"}
		root.AddCommand(eval)
	}
	eval.AddCommand(evalQuotesCommand(), evalAgreementCommand(), evalGoldCommand(), evalIdentityCommand())
}
