package pipeline

import "github.com/newsgraph/newsgraph/article"

// sourceFromID names it by its record's id field (Options.SourceID), when
// it was extracted from a record that has one.
func sourceFromID(it *Item, a *article.Article) {
	if it.Err != nil || a == nil || a.ExternalID == "" {
		return
	}
	it.Doc.Source = "id:" + a.ExternalID
	it.Source = it.Doc.Source
}
