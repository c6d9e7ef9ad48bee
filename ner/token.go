// Package ner finds people, organizations and places in an article: it splits
// the cleaned text into sentences and tokens with byte offsets, tags the tokens
// with a trained sequence model, turns tags into mentions, and groups the
// mentions of one article into entities (titles stripped, surnames and
// possessives resolved).
package ner

// Token is one word or punctuation mark; Start and End are byte offsets into
// the article's original text.
type Token struct {
	Start int
	End   int
	Text  string
}

// Sentence is a run of tokens; Start and End are byte offsets of its first and
// last token.
type Sentence struct {
	Start  int
	End    int
	Tokens []Token
}
