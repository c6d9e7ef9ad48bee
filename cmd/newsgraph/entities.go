package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loader"
	"github.com/newsgraph/newsgraph/pipeline"
)

const aliasesHelp = `alias file forcing or forbidding merges, one rule a line:
  merge: Volodymyr Zelensky = Volodymyr Zelenskyy
  merge PERSON: Putin = Vladimir Putin
  merge LOC: Crimea = Crimea        (forces the type)
  split: Austin != Lloyd Austin
applied when articles are extracted, so re-ingesting applies it`

func (f *inputFlags) registerAliases(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.aliases, "aliases", "", aliasesHelp)
}

// newExtractor builds the extractor, with the alias file's rules if one was
// given.
func (f *inputFlags) newExtractor() (*pipeline.Extractor, error) {
	x, err := pipeline.NewExtractor()
	if err != nil {
		return nil, err
	}
	if f.aliases == "" {
		return x, nil
	}
	if x.Resolver, err = f.resolver(); err != nil {
		return nil, err
	}
	return x, nil
}

// resolver is the entity resolver of the alias file, or graph's default
// without one.
func (f *inputFlags) resolver() (*graph.Resolver, error) {
	if f.aliases == "" {
		return graph.DefaultResolver(), nil
	}
	al, err := graph.LoadAliases(f.aliases)
	if err != nil {
		return nil, err
	}
	r, err := graph.NewDefaultResolver(al)
	if err != nil {
		return nil, err
	}
	slog.Info("alias rules loaded", "file", f.aliases, "rules", al.Len())
	return r, nil
}

// similarPeople lists pairs of listed person nodes that the spelling rule
// would take for one name (graph.SameSpelling) but that have two ids: merge
// candidates for the user's alias file.
func similarPeople(rows []loader.EntityRow) [][2]loader.EntityRow {
	var out [][2]loader.EntityRow
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			a, b := rows[i], rows[j]
			if a.Type != "PERSON" || b.Type != "PERSON" {
				continue
			}
			if graph.SameSpelling(a.Name, b.Name) {
				out = append(out, [2]loader.EntityRow{a, b})
			}
		}
	}
	return out
}

func printEntities(w io.Writer, rows []loader.EntityRow, asJSON, why bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTYPE\tNAME\tMENTIONS\tARTICLES\tALIASES")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", r.ID, r.Type, r.Name, r.Mentions, r.Articles, strings.Join(r.Aliases, "; "))
		if why {
			if len(r.Keys) > 0 {
				fmt.Fprintf(tw, "  built from:\t%s\n", strings.Join(r.Keys, ", "))
			}
			for _, m := range r.Merged {
				fmt.Fprintf(tw, "  joined:\t%s\n", m)
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

func entitiesCommand() *cobra.Command {
	var db dbFlags
	var typ string
	var limit int
	var asJSON, similar, why bool
	cmd := &cobra.Command{
		Use:   "entities [QUERY]",
		Short: "List the graph's entities with aliases and mention counts (search by name or alias)",
		Long: `entities lists the entity nodes in Neo4j, most mentioned first: id, type, canonical
name, mention and article counts and every alias. QUERY keeps the entities whose id,
name or an alias contains it (case-insensitive).

To correct identity, write an alias file and re-ingest with --aliases FILE:
` + aliasesHelp + `
--why shows, under each entity, the article-level keys corpus resolution joined
into it and why each joined: the rule (alias: an article gave both names for one
entity; surname: the only full name in the corpus with that surname; acronym: the
initials of the only name that forms it; type: the same name typed ORG and LOC) and
an article that gave the evidence. An alias file's merge and split rules win over
all of these (re-ingest with --aliases).

--similar lists person nodes whose names look like spellings of one name but have
two ids, with the merge line that would join them.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := ""
			if len(args) == 1 {
				q = args[0]
			}
			l, err := loader.Connect(cmd.Context(), db.config())
			if err != nil {
				return err
			}
			defer l.Close(context.WithoutCancel(cmd.Context()))
			rows, err := l.Entities(cmd.Context(), q, typ, limit)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if err := printEntities(w, rows, asJSON, why); err != nil {
				return err
			}
			if similar {
				for _, p := range similarPeople(rows) {
					fmt.Fprintf(w, "possible duplicate: %s (%s) ~ %s (%s)\n    merge: %s = %s\n",
						p[0].Name, p[0].ID, p[1].Name, p[1].ID, p[1].Name, p[0].Name)
				}
			}
			return nil
		},
	}
	db.register(cmd)
	cmd.Flags().StringVar(&typ, "type", "", "only PERSON, ORG or LOC")
	cmd.Flags().IntVar(&limit, "limit", 100, "at most this many entities")
	cmd.Flags().BoolVar(&asJSON, "json", false, "JSON Lines instead of a table")
	cmd.Flags().BoolVar(&similar, "similar", false, "also list person nodes that may be one person spelled two ways")
	cmd.Flags().BoolVar(&why, "why", false, "show the keys each entity was built from and why they were joined")
	return cmd
}
