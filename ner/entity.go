package ner

// Entity types.
const (
	Person       = "PERSON"
	Organization = "ORG"
	Location     = "LOC"
)

// Gender of a person as far as titles and first names tell; used to resolve
// pronoun speakers.
type Gender byte

// Genders.
const (
	GenderUnknown Gender = iota
	Male
	Female
)

// Mention is one occurrence of an entity in an article. Start and End are byte
// offsets into the article's text; Sentence indexes Result.Sentences.
type Mention struct {
	Start    int
	End      int
	Text     string
	Sentence int
}

// Entity is one real-world entity as mentioned in one article: the mentions of
// "Russian President Vladimir Putin", "Putin" and "Mr Putin" form one Entity
// named "Vladimir Putin" with the role "Russian President".
type Entity struct {
	Type     string
	Name     string   // the fullest form of the name in the article
	Aliases  []string // other surface forms, titles and possessives stripped
	Roles    []string // titles seen before or around the name, verbatim
	Gender   Gender
	Mentions []Mention // in text order
	// ContextTyped says that the sentence, not only the tagger, gave the
	// type: a list of names of one kind ("Manchester, Liverpool and Leeds":
	// places) typed one of its mentions. A later stage keeps the type over
	// a gazetteer that knows the name as the other kind (the city of a club).
	ContextTyped bool
}

// Result is what the recognizer finds in one article.
type Result struct {
	Sentences []Sentence
	Entities  []Entity
	// NotEntities are the names the junk stage condemned throughout the
	// article (JunkName: "the film Vera Drake"), one each, in text order.
	// They are evidence for other articles too: corpus resolution (package
	// resolve) drops a name that enough articles condemn.
	NotEntities []NotEntity
}

// NotEntity is a name one article shows is not a person, organization or
// place, and why.
type NotEntity struct {
	Type  string // the tag it had
	Name  string // its words as written, joined by spaces
	Class string // the junk rule's class ("title of a work")
}
