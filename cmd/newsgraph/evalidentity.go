package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/gold"
	"github.com/newsgraph/newsgraph/loader"
)

// evalIdentityCommand is "newsgraph eval identity AUDIT.json EXTRACT.jsonl...":
// corpus-scale identity against a hand-made audit (docs/identity.md).
func evalIdentityCommand() *cobra.Command {
	var db dbFlags
	var fromGraph, verbose bool
	cmd := &cobra.Command{
		Use:   "identity AUDIT.json [EXTRACT.jsonl...]",
		Short: "Score corpus-scale identity (one node per real entity, no junk) against a hand-made audit",
		Long: `identity reads an audit file (groups of names that are one entity, pairs of names
that must stay apart, strings that are not entities; gold/testdata/identity-*.json) and
the output of "newsgraph extract" (JSON Lines, .gz accepted, - for stdin), or with
--neo4j the graph's entities (name, aliases, mention counts), and prints: groups whole,
pairwise recall, mentions on the main id, type right, wrong merges and junk.
docs/identity.md defines each number. --verbose lists every split, fragment, merge,
type error, junk entity and name not found.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := gold.LoadAudit(args[0])
			if err != nil {
				return err
			}
			t := gold.NewNames()
			source := ""
			switch {
			case fromGraph && len(args) > 1:
				return fmt.Errorf("--neo4j reads the graph: give no extract files")
			case fromGraph:
				if err := readGraphNames(cmd.Context(), db, t); err != nil {
					return err
				}
				source = "graph " + db.config().URI
			case len(args) == 1:
				return fmt.Errorf("give extract files (JSON Lines from newsgraph extract) or --neo4j")
			default:
				n := 0
				for _, p := range args[1:] {
					k, err := t.ReadExtractFile(cmd.Context(), p)
					if err != nil {
						return err
					}
					n += k
				}
				source = fmt.Sprintf("extract, %d articles", n)
			}
			printIdentity(cmd.OutOrStdout(), source, gold.ScoreIdentity(a, t), verbose)
			return nil
		},
	}
	db.register(cmd)
	cmd.Flags().BoolVar(&fromGraph, "neo4j", false, "score the graph in Neo4j (connection flags below) instead of extract files")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list splits, fragments, merges, type errors, junk and names not found")
	return cmd
}

// readGraphNames adds every entity node of the graph to t.
func readGraphNames(ctx context.Context, db dbFlags, t *gold.Names) error {
	l, err := loader.Connect(ctx, db.config())
	if err != nil {
		return err
	}
	defer l.Close(context.WithoutCancel(ctx))
	rows, err := l.Entities(ctx, "", "", math.MaxInt32)
	if err != nil {
		return err
	}
	for _, r := range rows {
		t.AddNode(r.ID, r.Type, r.Name, r.Aliases, int(r.Mentions))
	}
	return nil
}

func printIdentity(w io.Writer, source string, r gold.IdentityReport, verbose bool) {
	fmt.Fprintf(w, "source: %s (%d entity ids)\n", source, r.Entities)
	fmt.Fprintf(w, "audit: %d groups, %d names (%d found), %d apart pairs, %d junk strings\n",
		r.Groups, r.Names, r.NamesFound, r.Apart, r.JunkStrings)
	fmt.Fprintf(w, "%-20s %.3f  (%d of %d groups with 2+ names found)\n", "groups whole", r.GroupsWhole(), r.Whole, r.MultiGroups)
	fmt.Fprintf(w, "%-20s %.3f  (%d of %d name pairs)\n", "pairwise recall", r.PairRecall(), r.PairsTP, r.PairsTP+r.PairsFN)
	fmt.Fprintf(w, "%-20s %.3f  (%d mentions; %d on fragments)\n", "mentions on main id", r.MentionShare(), r.MainMentions+r.FragmentMentions, r.FragmentMentions)
	fmt.Fprintf(w, "%-20s %.3f  (%d of %d groups)\n", "type right", float64(r.TypeRight)/math.Max(1, float64(r.TypeScored)), r.TypeRight, r.TypeScored)
	fmt.Fprintf(w, "%-20s %d  (%d of %d apart pairs; %d pairs of groups)\n", "wrong merges", r.WrongMerges(), r.ApartMerged, r.ApartPairs, r.GroupMerges)
	fmt.Fprintf(w, "%-20s %d  (ids named by a junk string, with %d mentions; %d of %d junk strings held)\n",
		"junk entities", r.JunkEntities, r.JunkMentions, r.JunkHeld, r.JunkStrings)
	if !verbose {
		return
	}
	for _, l := range []struct {
		head  string
		items []string
	}{{"split", r.Splits}, {"fragment", r.Fragments}, {"merge", r.Merges}, {"type", r.TypeErrors}, {"junk", r.JunkFound}, {"not found", r.NotFound}} {
		for _, s := range l.items {
			fmt.Fprintf(w, "    %-9s %s\n", l.head, s)
		}
	}
}
