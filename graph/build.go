package graph

import (
	"log/slog"

	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/quote"
)

// MaxCoMentionEntities bounds the entities of one article that form
// CO_MENTIONED_WITH pairs. Co-mentions are pairs of an article's entities
// (n·(n-1)/2 contributions per article), so one list-like input (an honours
// list, a table of 3,000 names) would otherwise add millions of edges, each
// saying nothing more than "both are on the same list": measured, 3,000
// entities make 4.5 million co-mention pairs, 12 s and 0.9 GiB in the loader
// before a single write. Real news stays far below it: over 22,004
// Reuters-21578 and BBC articles the largest article has 107 entities (99th
// percentile 29). An article over it keeps every entity, MENTIONS and
// statement; only its pairs are formed among the MaxCoMentionEntities most
// central entities (the speakers and targets of its statements first, then
// the most mentioned), at most 19,900 pairs. The loader chooses them
// (loader's pairEntities), the same way when it adds an article and when it
// takes it away. See docs/faults.md.
const MaxCoMentionEntities = 200

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
// Every entity is kept. An article with more than MaxCoMentionEntities
// entities gives a warning naming the article: its co-mention pairs are
// limited to the most central ones.
func (r *Resolver) Build(a *article.Article, res ner.Result, attrs []quote.Attribution) Doc {
	d := Doc{
		ID: a.ID, Source: a.Source, URL: a.URL, Title: a.Title, Published: a.Published,
		Credit: a.Credit, Publisher: a.Publisher, Story: a.ID,
		Entities: []Entity{}, Attributions: []Attribution{},
	}
	var ids []string
	d.Entities, ids = r.Entities(a.Text, res.Entities)
	d.NotEntities = NotEntitiesOf(res)
	minConf := quote.MinConfidence()
	for _, at := range attrs {
		conf := at.Confidence
		out := Attribution{Source: at.Source, Cue: at.Cue, Content: at.Content, Direct: at.Direct, Targets: []string{},
			Confidence: &conf, Kind: at.Kind}
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
		out.SaidAbout = out.Speaker != nil && len(out.Targets) > 0 && conf >= minConf
		d.Attributions = append(d.Attributions, out)
	}
	if n := len(d.Entities); n > MaxCoMentionEntities {
		slog.Warn("article has many entities; co-mention pairs limited to the most central (speakers and targets first, then the most mentioned)",
			"source", a.Source, "entities", n, "paired", MaxCoMentionEntities)
	}
	return d
}

// NotEntitiesOf are the names the recognizer's junk stage condemned in an
// article (Doc.NotEntities): evidence for corpus resolution, which every
// path that resolves an article's keys must see (extract, and ingest's
// first pass).
func NotEntitiesOf(res ner.Result) []NotEntity {
	var out []NotEntity
	for _, n := range res.NotEntities {
		out = append(out, NotEntity{Type: n.Type, Name: n.Name, Class: n.Class})
	}
	return out
}
