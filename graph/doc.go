// Package graph holds what newsgraph knows about one article and about a corpus:
// entities with canonical ids, MENTIONS, co-mentions, attributed statements and
// said-about edges, and the story (near-duplicate group) an article belongs to.
// A Doc is the "newsgraph extract" JSON Lines contract; the loader writes Docs to
// Neo4j.
package graph

import "github.com/newsgraph/newsgraph/article"

// Entity types of the contract.
const (
	Person       = "PERSON"
	Organization = "ORG"
	Location     = "LOC"
)

// Doc is one article with everything extracted from it: one line of
// "newsgraph extract" output.
type Doc struct {
	ID           string        `json:"id"`
	Source       string        `json:"source"`
	URL          string        `json:"url"`
	Title        string        `json:"title"`
	Published    string        `json:"published"`
	Credit       string        `json:"credit"`
	Publisher    string        `json:"publisher"`
	Story        string        `json:"story"`
	Entities     []Entity      `json:"entities"`
	Attributions []Attribution `json:"attributions"`
	// Charset names the encoding a web page came in when it was not UTF-8:
	// offsets then index its UTF-8 text (article.Article.Charset).
	Charset string `json:"charset,omitempty"`
	// Text is the article's cleaned body, whitespace folded, when asked for
	// (extract --with-text; pipeline.Options.WithText).
	Text string `json:"text,omitempty"`
	// NotEntities are names the article shows are not entities ("the film
	// Vera Drake"): evidence that corpus resolution applies to every
	// article (package resolve).
	NotEntities []NotEntity `json:"not_entities,omitempty"`
}

// NotEntity is a name an article shows is no person, organization or place.
type NotEntity struct {
	Type  string `json:"type"`  // the tag it had
	Name  string `json:"name"`  // as written
	Class string `json:"class"` // why ("title of a work")
}

// Entity is one real-world entity as mentioned in one article.
type Entity struct {
	ID string `json:"id"` // canonical, e.g. "person:vladimir-putin"
	// Key is the id this article alone gives the entity, before corpus
	// resolution (package resolve) joins it with the keys of other
	// articles. Empty means the same as ID.
	Key      string    `json:"key,omitempty"`
	Type     string    `json:"type"`
	Name     string    `json:"name"`
	Aliases  []string  `json:"aliases"`
	Roles    []string  `json:"roles"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one occurrence of an entity; Sentence is the index of its
// sentence in the article.
type Mention struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Sentence int    `json:"sentence"`
}

// Attribution is one reported statement. Speaker is the entity id of the
// source, or nil when the source is not a named entity ("officials").
type Attribution struct {
	Speaker *string      `json:"speaker"`
	Source  article.Span `json:"source"`
	Cue     article.Span `json:"cue"`
	Content article.Span `json:"content"`
	Direct  bool         `json:"direct"`
	Targets []string     `json:"targets"`
	// SpeakerKey and TargetKeys name the speaker and targets by the keys
	// of this article's entities (Entity.Key) when Speaker and Targets are
	// corpus ids (extract after corpus resolution); empty otherwise.
	SpeakerKey string   `json:"speaker_key,omitempty"`
	TargetKeys []string `json:"target_keys,omitempty"`
	// Confidence is the calibrated probability that the statement's
	// said-about pairs (speaker, target) are right (quote.Attribution);
	// nil, in documents written before confidences existed, counts as 1.
	Confidence *float64 `json:"confidence,omitempty"`
	// Kind is what the cue reports: "speech", "stance" or "other".
	Kind string `json:"kind,omitempty"`
	// SaidAbout is true when, with the default threshold
	// (quote.MinConfidence), the statement makes SAID_ABOUT edges: it has
	// a speaker, a target, and a confidence at or above the threshold.
	SaidAbout bool `json:"said_about"`
}
