package graph

import (
	"github.com/newsgraph/newsgraph/article"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/quote"
)

// Build assembles the Doc of one article from what the recognizer and the
// attribution stage found in it, with the default Resolver (embedded
// gazetteer, no alias file).
func Build(a *article.Article, res ner.Result, attrs []quote.Attribution) Doc {
	return DefaultResolver().Build(a, res, attrs)
}

// Build assembles the Doc of one article from what the recognizer and the
// attribution stage found in it. Entities of the article that share a
// canonical id ("US" and "United States") become one Entity (see Resolver).
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
	return d
}
