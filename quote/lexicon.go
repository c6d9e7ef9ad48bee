package quote

import "strings"

// cueKind says how a reporting verb takes its content.
type cueKind uint8

const (
	kindSay    cueKind = iota // say, warn, deny ...: content is the complement
	kindTell                  // tell, inform, assure: a recipient precedes the content
	kindObject                // accuse, urge, call on, blame: the addressee belongs to the content
	kindMental                // believe, think, hope: attitudes, weaker evidence
)

// cueLemmas are the reporting verbs by lemma.
var cueLemmas = map[string]cueKind{
	"say": kindSay, "add": kindSay, "warn": kindObject, "claim": kindSay, "insist": kindSay,
	"announce": kindSay, "confirm": kindSay, "deny": kindSay, "state": kindSay, "note": kindSay,
	"explain": kindSay, "argue": kindSay, "suggest": kindSay, "acknowledge": kindSay,
	"admit": kindSay, "declare": kindSay, "report": kindSay, "write": kindSay, "tweet": kindSay,
	"predict": kindSay, "promise": kindSay, "vow": kindSay, "pledge": kindSay, "reply": kindSay,
	"respond": kindSay, "recall": kindSay, "stress": kindSay, "emphasize": kindSay,
	"emphasise": kindSay, "assert": kindSay, "contend": kindSay, "maintain": kindSay,
	"concede": kindSay, "reiterate": kindSay, "complain": kindSay, "allege": kindSay,
	"charge": kindSay, "reveal": kindSay, "disclose": kindSay, "indicate": kindSay,
	"conclude": kindSay, "specify": kindSay, "mention": kindSay, "observe": kindSay,
	"caution": kindSay, "hint": kindSay, "underscore": kindSay, "underline": kindSay,
	"reaffirm": kindSay, "remark": kindSay, "comment": kindSay, "proclaim": kindSay,
	"counter": kindSay, "retort": kindSay, "boast": kindSay, "joke": kindSay, "quip": kindSay,
	"testify": kindSay, "determine": kindSay, "estimate": kindSay,
	"signal": kindSay, "threaten": kindSay, "ask": kindObject, "question": kindSay,
	"answer": kindSay, "agree": kindSay, "muse": kindSay,
	"post": kindSay, "wonder": kindSay, "speculate": kindSay, "lament": kindSay,
	"tell": kindTell, "inform": kindTell, "assure": kindTell, "remind": kindTell,
	"accuse": kindObject, "urge": kindObject, "call": kindObject, "refer": kindObject, "blame": kindObject, "demand": kindSay,
	"criticize": kindObject, "criticise": kindObject, "praise": kindObject,
	"condemn": kindObject, "denounce": kindObject, "dismiss": kindObject, "reject": kindObject,
	"describe": kindObject, "allude": kindObject, "propose": kindSay, "recommend": kindSay,
	"believe": kindMental, "think": kindMental, "hope": kindMental, "fear": kindMental,
	"worry": kindMental, "doubt": kindMental, "expect": kindMental, "feel": kindMental,
	"know": kindMental, "find": kindSay, "show": kindSay,
}

// irregular and spelled-out forms of cue lemmas.
var cueForms = map[string]string{
	"said": "say", "says": "say", "saying": "say", "say": "say",
	"told": "tell", "tells": "tell", "telling": "tell", "tell": "tell",
	"wrote": "write", "written": "write", "writes": "write", "writing": "write",
	"thought": "think", "thinks": "think", "thinking": "think",
	"knew": "know", "known": "know", "knows": "know",
	"felt": "feel", "feels": "feel",
	"found": "find", "finds": "find",
	"shown": "show", "showed": "show", "shows": "show",
	"denied": "deny", "denies": "deny", "denying": "deny",
	"replied": "reply", "replies": "reply", "replying": "reply",
	"specified": "specify", "specifying": "specify", "specifies": "specify",
	"testified": "testify", "testifies": "testify",
	"worried": "worry", "worries": "worry",
	"implied": "imply",
}

// lemmaOf returns the cue lemma of a lower-case word form, or "".
func lemmaOf(w string) string {
	if l, ok := cueForms[w]; ok {
		return l
	}
	if _, ok := cueLemmas[w]; ok {
		return w
	}
	try := func(c string) string {
		if _, ok := cueLemmas[c]; ok {
			return c
		}
		return ""
	}
	if l := stem(w, try); l != "" {
		return l
	}
	if learnedCues[w] {
		return w
	}
	return ""
}

// stem finds the lemma of an inflected form with try.
func stem(w string, try func(string) string) string {
	switch {
	case strings.HasSuffix(w, "ied"):
		if l := try(w[:len(w)-3] + "y"); l != "" {
			return l
		}
	case strings.HasSuffix(w, "ed"):
		if l := try(w[:len(w)-1]); l != "" { // noted
			return l
		}
		if l := try(w[:len(w)-2]); l != "" { // warned
			return l
		}
		if n := len(w); n > 4 && w[n-3] == w[n-4] {
			if l := try(w[:n-3]); l != "" { // admitted
				return l
			}
		}
	case strings.HasSuffix(w, "ing"):
		if l := try(w[:len(w)-3]); l != "" { // warning
			return l
		}
		if l := try(w[:len(w)-3] + "e"); l != "" { // noting
			return l
		}
		if n := len(w); n > 5 && w[n-4] == w[n-5] {
			if l := try(w[:n-4]); l != "" { // admitting
				return l
			}
		}
	case strings.HasSuffix(w, "es"):
		if l := try(w[:len(w)-2]); l != "" { // stresses
			return l
		}
		if l := try(w[:len(w)-1]); l != "" { // notes
			return l
		}
	case strings.HasSuffix(w, "s"):
		if l := try(w[:len(w)-1]); l != "" {
			return l
		}
	}
	return ""
}

// auxiliaries and adverbs that join a cue on its left ("has strongly denied").
var cueAux = map[string]bool{
	"has": true, "have": true, "had": true, "also": true, "later": true, "previously": true,
	"repeatedly": true, "strongly": true, "publicly": true, "again": true, "already": true,
	"often": true, "would": true, "will": true, "did": true, "does": true, "do": true,
	"has've": true, "recently": true, "earlier": true, "further": true, "then": true,
	"once": true, "long": true, "quickly": true, "flatly": true, "firmly": true, "privately": true,
	"reportedly": true, "explicitly": true, "openly": true, "angrily": true, "simply": true,
	"frequently": true, "consistently": true, "just": true, "first": true, "since": true,
	"may": true, "might": true, "could": true, "can": true, "should": true, "must": true,
	"is": true, "are": true, "was": true, "were": true, "been": true, "be": true,
}

// recipients of tell that are left out of the content and may join the cue.
var recipientWords = map[string]bool{
	"reporters": true, "journalists": true, "lawmakers": true, "supporters": true,
	"me": true, "us": true, "him": true, "her": true, "them": true, "you": true,
	"the": true, "a": true, "an": true, "crowd": true, "audience": true, "newspaper": true,
	"interviewer": true, "press": true, "media": true, "news": true, "agency": true,
	"his": true, "their": true, "its": true, "my": true, "our": true,
}

// adjunct words that may come between a cue and its content ("said on
// Tuesday", "said in a statement", "said Saturday").
var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "today": true, "yesterday": true, "tonight": true,
	"earlier": true, "later": true, "recently": true, "previously": true, "again": true,
	"also": true, "repeatedly": true, "publicly": true, "privately": true, "separately": true,
	"last": true, "this": true, "week": true, "month": true, "year": true, "night": true,
	"morning": true, "afternoon": true, "evening": true, "weekend": true, "now": true,
	"once": true, "too": true, "meanwhile": true, "however": true, "then": true,
}

// monthWords are the month names, which are times, never sources ("Wells
// Fargo in April announced").
var monthWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan.": true, "feb.": true, "aug.": true, "sept.": true, "oct.": true,
	"nov.": true, "dec.": true,
}

// isTimeTok reports whether t is a word of a time expression that cannot be
// a source: a time word, a capitalized month name, or a year ("2008").
func isTimeTok(t tok) bool {
	if timeWords[t.low] || monthWords[t.low] && isCapitalized(t.text) && t.ent < 0 {
		return true
	}
	if len(t.low) == 4 && (strings.HasPrefix(t.low, "19") || strings.HasPrefix(t.low, "20")) {
		for _, c := range t.low {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// titles of people: words that may stand between a modifier and a name
// ("Kremlin spokesman Dmitry Peskov").
func isTitleNoun(w string) bool {
	switch w {
	case "president", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary",
		"adviser", "advisor", "official", "officials", "leader", "chief", "director", "senator",
		"governor", "candidate", "nominee", "host", "manager", "chairman", "chairwoman", "chair",
		"aide", "strategist", "analyst", "correspondent", "ambassador", "envoy", "general",
		"commander", "mayor", "speaker", "representative", "rep.", "sen.", "gov.", "prime",
		"deputy", "foreign", "defense", "defence", "head", "counterpart", "diplomat", "chancellor",
		"king", "queen", "prince", "premier", "lawmaker", "congressman", "congresswoman",
		"pollster", "founder", "executive", "ceo", "economist", "professor", "expert", "lawyer",
		"attorney", "judge", "justice", "colleague", "partner", "rival", "opponent", "ally",
		"member", "press", "policy", "security", "campaign", "communications", "national",
		"state", "former", "senior", "top", "vice", "assistant", "republican", "democratic",
		"democrat", "writer", "columnist", "editor", "reporter", "author", "co-host", "anchor",
		"contender", "challenger", "hopeful", "incumbent", "vice-president", "secretary-general",
		"firm", "company", "group", "agency", "newspaper", "network", "broadcaster", "outlet",
		"organization", "organisation", "party", "committee", "union", "bank", "ministry",
		"department", "institute", "magazine", "website", "daily", "channel", "station",
		"watchdog", "regulator", "broadcaster's", "think", "tank", "operator", "carrier":
		return true
	}
	return false
}

// personPronoun returns the gender a subject pronoun implies: 'm', 'f', 'p'
// (plural), 'n' (it), 'i' (I/we: the speaker quoted), or 0.
func personPronoun(w string) byte {
	switch w {
	case "he":
		return 'm'
	case "she":
		return 'f'
	case "they":
		return 'p'
	case "it":
		return 'n'
	case "i", "we", "you":
		return 'i'
	}
	return 0
}

// titleGender gives the gender a title implies, or 0.
func titleGender(w string) byte {
	switch strings.TrimSuffix(strings.ToLower(w), ".") {
	case "mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman",
		"businessman", "father", "husband", "son", "brother", "uncle", "mister":
		return 'm'
	case "mrs", "ms", "miss", "madam", "lady", "queen", "princess", "spokeswoman",
		"chairwoman", "congresswoman", "businesswoman", "mother", "wife", "daughter", "sister",
		"aunt", "first lady":
		return 'f'
	}
	return 0
}

// learnedCues are word forms that head a cue in at least 40% of their
// occurrences in the PolNeAR training split (at least four times); they
// extend the hand-made lexicon with the corpus's wider notion of attribution
// (stances, endorsements, criticism).
var learnedCues = map[string]bool{
	"accused": true, "accuses": true, "accusing": true, "acknowledge": true, "acknowledged": true,
	"acknowledging": true, "added": true, "adding": true, "adds": true, "admits": true,
	"admitted": true, "advocated": true, "agreed": true, "alleges": true, "alleging": true,
	"alluding": true, "announce": true, "announced": true, "announces": true, "announcing": true,
	"answered": true, "appeared": true, "appears": true, "applauded": true, "approved": true,
	"argue": true, "argued": true, "argues": true, "arguing": true, "articulated": true,
	"asked": true, "asking": true, "asks": true, "assailed": true, "asserted": true,
	"asserting": true, "assured": true, "attacked": true, "attributed": true, "balked": true,
	"believing": true, "bemoaned": true, "blamed": true, "blames": true, "blaming": true,
	"blasted": true, "blasting": true, "blasts": true, "boasted": true, "boasts": true,
	"called": true, "calling": true, "calls": true, "cautioned": true, "challenged": true,
	"championed": true, "chanted": true, "charged": true, "cite": true, "cited": true, "cites": true,
	"citing": true, "claimed": true, "claiming": true, "commented": true, "complain": true,
	"complained": true, "conceded": true, "conclude": true, "concluded": true, "concludes": true,
	"condemned": true, "condemning": true, "confirmed": true, "congratulated": true,
	"considers": true, "contends": true, "continued": true, "credited": true, "criticize": true,
	"criticized": true, "criticizing": true, "debated": true, "declare": true, "declared": true,
	"declares": true, "declaring": true, "declined": true, "decried": true, "deemed": true,
	"defended": true, "defending": true, "denied": true, "denounced": true, "denouncing": true,
	"derided": true, "described": true, "describes": true, "describing": true, "detailing": true,
	"disavow": true, "disclosed": true, "discuss": true, "discussed": true, "discussing": true,
	"dismissed": true, "dismisses": true, "dismissing": true, "documented": true, "dubbed": true,
	"echoed": true, "echoing": true, "emailed": true, "emphasize": true, "emphasized": true,
	"emphasizing": true, "encouraged": true, "endorsed": true, "endorses": true, "estimates": true,
	"expected": true, "expecting": true, "explain": true, "explained": true, "explaining": true,
	"explains": true, "express": true, "expressed": true, "expressing": true, "fearing": true,
	"finds": true, "forecast": true, "found": true, "hailed": true, "highlighted": true,
	"highlighting": true, "hints": true, "hoped": true, "hopes": true, "hoping": true,
	"identified": true, "imagined": true, "implied": true, "indicate": true, "indicated": true,
	"indicates": true, "informed": true, "insist": true, "insisted": true, "insisting": true,
	"insists": true, "invoked": true, "issued": true, "joked": true, "justify": true, "known": true,
	"labeled": true, "lambasted": true, "lamented": true, "lashed": true, "learned": true,
	"likened": true, "listed": true, "mention": true, "mentioned": true, "mentioning": true,
	"mentions": true, "mocked": true, "mocking": true, "mused": true, "named": true,
	"nominated": true, "noted": true, "notes": true, "noting": true, "offered": true, "oppose": true,
	"opposed": true, "ordered": true, "outlined": true, "outlining": true, "persuaded": true,
	"pleaded": true, "pledges": true, "pledging": true, "pointed": true, "pointing": true,
	"portray": true, "portrayed": true, "portraying": true, "posted": true, "praise": true,
	"praised": true, "praises": true, "praising": true, "predict": true, "predicted": true,
	"predicting": true, "prefer": true, "preferred": true, "prefers": true, "presented": true,
	"proclaimed": true, "projected": true, "promised": true, "promises": true, "promising": true,
	"promote": true, "proposed": true, "proposing": true, "pushed": true, "questioned": true,
	"questioning": true, "quoted": true, "railed": true, "reacted": true, "reads": true,
	"realized": true, "rebuffed": true, "rebuked": true, "recalled": true, "recalling": true,
	"recommended": true, "recounted": true, "referenced": true, "referencing": true, "referred": true,
	"referring": true, "refers": true, "refused": true, "refuses": true, "refusing": true,
	"regarded": true, "reiterated": true, "rejected": true, "rejecting": true, "remarked": true,
	"remarking": true, "remembered": true, "remembers": true, "reminded": true, "reminding": true,
	"repeated": true, "repeating": true, "replied": true, "reported": true, "requested": true,
	"responded": true, "responds": true, "retweeted": true, "reveal": true, "revealed": true,
	"reveals": true, "ruled": true, "said": true, "say": true, "saying": true, "says": true,
	"seeks": true, "seemed": true, "seems": true, "sees": true, "shouted": true, "showed": true,
	"shown": true, "shows": true, "sided": true, "signaled": true, "singled": true, "slammed": true,
	"slamming": true, "slams": true, "sought": true, "sounded": true, "speculated": true,
	"stated": true, "stating": true, "stressed": true, "suggest": true, "suggested": true,
	"suggesting": true, "suggests": true, "supported": true, "talked": true, "telling": true,
	"tells": true, "testified": true, "thanked": true, "thanking": true, "threaten": true,
	"threatened": true, "threatening": true, "titled": true, "told": true, "touted": true,
	"touting": true, "tweeted": true, "tweeting": true, "unveiled": true, "urged": true,
	"urging": true, "voiced": true, "vow": true, "vowed": true, "vowing": true, "vows": true,
	"warn": true, "warned": true, "warning": true, "weighed": true, "wondered": true,
	"wondering": true, "worried": true, "writes": true, "wrote": true, "yelled": true,
}
