package graph

import (
	"cmp"
	"log/slog"
	"slices"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/quote"
)

// MaxEntitiesPerArticle bounds the entities one article contributes to the
// graph. Co-mentions are every pair of an article's entities (the loader
// counts n·(n-1)/2 CO_MENTIONED_WITH contributions per article), so one
// list-like input (an honours list, a table of 3,000 names) would otherwise
// add millions of edges, each saying nothing more than "both are on the same
// list": measured, 3,009 entities make 4.5 million co-mention pairs, 12 s
// and 0.9 GiB in the loader before a single write. Real news stays far below
// the cap: over 22,004 Reuters-21578 and BBC articles the largest article has
// 107 entities (99th percentile 29). At the cap an article adds at most
// 19,900 co-mention pairs. See docs/faults.md.
const MaxEntitiesPerArticle = 200

// Build assembles the Doc of one article from what the recognizer and the
// attribution stage found in it, with the default Resolver (embedded
// gazetteer, no alias file).
func Build(a *article.Article, res ner.Result, attrs []quote.Attribution) Doc {
	return DefaultResolver().Build(a, res, attrs)
}

// Build assembles the Doc of one article from what the recognizer and the
// attribution stage found in it. Entities of the article that share a
// canonical id ("US" and "United States") become one Entity (see Resolver).
//
// An article with more than MaxEntitiesPerArticle entities keeps that many
// (see capEntities) and a warning names the article.
func (r *Resolver) Build(a *article.Article, res ner.Result, attrs []quote.Attribution) Doc {
	d := Doc{
		ID: a.ID, Source: a.Source, URL: a.URL, Title: a.Title, Published: a.Published,
		Credit: a.Credit, Publisher: a.Publisher, Story: a.ID,
		Entities: []Entity{}, Attributions: []Attribution{},
	}
	var ids []string
	d.Entities, ids = r.Entities(a.Text, res.Entities)
	for _, at := range attrs {
		out := Attribution{Source: at.Source, Cue: at.Cue, Content: at.Content, Direct: at.Direct, Targets: []string{}}
		speaker := ""
		if at.Speaker >= 0 && at.Speaker < len(ids) {
			speaker = ids[at.Speaker]
			out.Speaker = &speaker
		}
		for _, t := range at.Targets {
			if t >= 0 && t < len(ids) && ids[t] != speaker {
				out.Targets = addUnique(out.Targets, ids[t])
			}
		}
		d.Attributions = append(d.Attributions, out)
	}
	if n := len(d.Entities); n > MaxEntitiesPerArticle {
		capEntities(&d, MaxEntitiesPerArticle)
		slog.Warn("article has too many entities; kept the most mentioned (co-mentions are pairs of an article's entities)",
			"source", a.Source, "entities", n, "kept", len(d.Entities))
	}
	return d
}

// capEntities keeps at most max entities of d: first the speakers and targets
// of its attributions (so that said-about edges survive), then the most
// mentioned, ties broken by the earliest mention. The kept entities stay in
// their order; attributions lose the targets that were dropped, and a
// dropped speaker becomes null (the statement stays, as for "officials").
func capEntities(d *Doc, max int) {
	quoted := map[string]bool{}
	for _, at := range d.Attributions {
		if at.Speaker != nil {
			quoted[*at.Speaker] = true
		}
		for _, t := range at.Targets {
			quoted[t] = true
		}
	}
	first := func(e *Entity) int {
		f := int(^uint(0) >> 1)
		for _, m := range e.Mentions {
			f = min(f, m.Start)
		}
		return f
	}
	order := make([]int, len(d.Entities))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &d.Entities[i], &d.Entities[j]
		if qa, qb := quoted[a.ID], quoted[b.ID]; qa != qb {
			if qa {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(len(b.Mentions), len(a.Mentions)); c != 0 {
			return c
		}
		return cmp.Compare(first(a), first(b))
	})
	keep := make([]bool, len(d.Entities))
	for _, i := range order[:max] {
		keep[i] = true
	}
	kept := map[string]bool{}
	out := make([]Entity, 0, max)
	for i, e := range d.Entities {
		if keep[i] {
			out = append(out, e)
			kept[e.ID] = true
		}
	}
	d.Entities = out
	for i := range d.Attributions {
		at := &d.Attributions[i]
		if at.Speaker != nil && !kept[*at.Speaker] {
			at.Speaker = nil
		}
		at.Targets = slices.DeleteFunc(at.Targets, func(t string) bool { return !kept[t] })
	}
}
