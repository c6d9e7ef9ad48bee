package quote

import "strings"

// The kinds of attribution: what the cue reports. PolNeAR annotates them
// all; a user asking "what did X say about Y" means speech first.
const (
	// KindSpeech: something said or written ("said", "told", "announced",
	// "according to", "accused", "warned", "tweeted", a transcript turn).
	KindSpeech = "speech"
	// KindStance: a stance or belief ("supports", "believes", "criticised",
	// "hopes", "opposes", "praised").
	KindStance = "stance"
	// KindOther: anything else PolNeAR counts as attribution ("plans to",
	// "is expected to", "sings", "vied to take over").
	KindOther = "other"
)

// speechWords and stanceWords are lemmas (and nouns) of the two kinds.
var (
	speechWords = wordSet(`say tell add announce according state declare claim insist deny
		confirm note explain argue warn urge ask reply respond write tweet post report testify
		comment remark recall stress emphasize emphasise reiterate admit acknowledge concede
		complain allege charge reveal disclose promise vow pledge predict suggest propose
		recommend call accuse blame demand question answer joke quip boast threaten caution
		proclaim counter retort speak mention describe quote assert contend maintain indicate
		conclude specify observe hint underscore underline reaffirm muse wonder speculate lament
		inform assure remind refer allude shout chant exclaim yell whisper plead beg order
		instruct advise notify brief mock scoff ridicule dub label brand characterize
		characterise term apologize apologise thank congratulate clarify elaborate rebut dispute
		confess swear repeat echo cite recount detail outline publish announcement statement
		remarks remark comments interview speech letter testimony words declaration
		press-release memo op-ed tweet email e-mail told quoted : ―`)
	stanceWords = wordSet(`believe think hope fear worry doubt expect feel know support oppose
		criticize criticise praise condemn denounce dismiss reject back endorse favor favour
		want agree disagree approve applaud welcome champion attack blast slam consider see view
		regard accept advocate embrace prefer like love hate trust distrust wish admire respect
		resent fault defend skeptical sceptical critical concerned convinced sure confident
		worried afraid opposed supportive critic supporter opponent belief opinion opposition
		criticism endorsement assail bash lambaste rebuke scold chide berate decry deplore
		excoriate castigate hail laud commend salute celebrate cheer suspect assume imagine
		reckon realize realise recognize recognise deem judge anticipate dread mistrust lobby
		campaign push press seek fight vote sympathize sympathise side`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// kindOf says what kind of attribution a frame is: the lemma of the
// rightmost cue word found in one of the two lists (auxiliaries and adverbs
// left of the reporting word are not), else speech for a direct quote and
// other for the rest.
func (x *doc) kindOf(f frame) string {
	switch f.origin {
	case origColon, origDash, origAccording:
		return KindSpeech
	}
	if f.cue.ok() {
		for i := f.cue.b; i >= f.cue.a && i < len(x.toks); i-- {
			w := x.toks[i].low
			if k := wordKind(w); k != "" {
				return k
			}
		}
	}
	if k := wordKind(f.lemma); k != "" {
		return k
	}
	if f.direct {
		return KindSpeech
	}
	return KindOther
}

// wordKind is the kind of a word form by its lemma, or "".
func wordKind(w string) string {
	try := func(c string) string {
		switch {
		case speechWords[c]:
			return KindSpeech
		case stanceWords[c]:
			return KindStance
		}
		return ""
	}
	if k := try(w); k != "" {
		return k
	}
	if l, ok := cueForms[w]; ok {
		if k := try(l); k != "" {
			return k
		}
	}
	return stem(w, try)
}
