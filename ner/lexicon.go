package ner

import "strings"

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// royalTitles name a person by a given name alone ("Prince Charles", "Pope
// John Paul"): the name after them is no surname.
var royalTitles = set(`King Queen Prince Princess Pope Emperor Empress Sultan`)

// honorifics precede a name and are not part of it.
var honorifics = set(`Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Sir Dame Lord Lady Mme Mme. Mlle M. Herr Frau Messrs Messrs.`)

var maleHonorifics = set(`Mr Mr. Sir Lord M. Herr Messrs Messrs. King Prince Pope`)
var femaleHonorifics = set(`Mrs Mrs. Ms Ms. Miss Dame Lady Mme Mme. Mlle Frau Queen Princess`)

// roleHeads are the head nouns of titles ("Foreign Minister", "Kremlin
// spokesman"), compared in lower case.
var roleHeads = set(`president president-elect minister secretary spokesman spokeswoman spokesperson
counterpart leader adviser advisor chief director ambassador chancellor governor senator
congressman congresswoman representative mayor premier king queen prince princess pope
general gen. admiral colonel col. commander envoy diplomat official chairman chairwoman chair
ceo executive founder head judge justice prosecutor attorney lawyer economist analyst
correspondent editor reporter emperor sheikh emir dictator strongman opposition
secretary-general secretary-designate nominee candidate negotiator aide deputy coach
manager boss captain striker midfielder defender goalkeeper sen. rep. gov. lt. sgt. capt.
official officer inspector superintendent commissioner governor-general figure man woman`)

// roleModifiers may stand inside a title before its head ("Deputy Foreign",
// "press", "top", "foreign policy").
var roleModifiers = set(`foreign deputy prime vice press top former acting interim defense defence
state interior finance health justice trade economy economic senior chief national security
policy general first executive managing assistant junior foreign-policy richest his her its their
the a an military opposition`)

// titleWords are capitalised titles that a tagger may leave inside a
// person's span ("President Putin", "Foreign Minister Lavrov").
var titleWords = set(`President Vice Prime Minister Foreign Deputy Secretary Chancellor General Gen. Gen
Senator Sen. Rep. Representative Governor Gov. King Queen Prince Princess Pope Judge Justice
Mayor Ambassador Spokesman Spokeswoman Premier Sheikh Emir Colonel Col. Admiral Adm. Lt. Sgt.
Capt. Captain Commander Chief Chairman Chairwoman Director Leader Pres. Saint St. Defense Defence
Interior State Press Attorney Cardinal Archbishop Bishop Rabbi Imam Sultan Crown Speaker`)

// demonyms are adjectives and nouns of nationality or region; they are not
// entities ("Russian", "Ukrainians", "Western").
var demonyms = set(`afghan african albanian algerian american americans andorran angolan arab arabs argentine
argentinian armenian asian australian austrian azerbaijani azeri bahraini bangladeshi belarusian
belarussian belgian bolivian bosnian brazilian british briton britons bulgarian burmese cambodian
cameroonian canadian chechen chilean chinese colombian congolese croatian cuban cypriot czech danish
dutch ecuadorian egyptian emirati english eritrean estonian ethiopian european europeans filipino
finnish french georgian german germans ghanaian greek guatemalan haitian honduran hungarian
icelandic indian indonesian iranian iranians iraqi iraqis irish israeli israelis italian ivorian
jamaican japanese jordanian kazakh kenyan korean kosovan kurdish kurds kuwaiti kyrgyz laotian latvian
lebanese liberian libyan lithuanian macedonian malaysian malian maltese mexican moldovan mongolian
montenegrin moroccan mozambican namibian nepalese nigerian nigerien norwegian omani pakistani
palestinian palestinians panamanian paraguayan persian peruvian polish portuguese qatari romanian
russian russians rwandan saudi saudis scottish senegalese serbian serb serbs singaporean slovak
slovenian somali south-african spanish sri sudanese swedish swiss syrian syrians taiwanese tajik
tanzanian thai tibetan tunisian turkish turkmen ugandan ukrainian ukrainians uruguayan uzbek
venezuelan vietnamese welsh yemeni zambian zimbabwean western westerners eastern northern southern
soviet soviets sunni shiite shia muslim muslims christian christians jewish jews catholic
latin nordic baltic balkan caucasian slavic hispanic anglo ex-soviet pro-russian pro-western
pro-kremlin anti-russian european-style american-style transatlantic`)

func isHonorific(w string) bool { return honorifics[w] }

// IsRoyalTitle reports whether w is a royal title ("Prince", "Queen").
func IsRoyalTitle(w string) bool { return royalTitles[w] }

func honorificGender(w string) Gender {
	switch {
	case maleHonorifics[w]:
		return Male
	case femaleHonorifics[w]:
		return Female
	}
	return GenderUnknown
}

func isTitleWord(w string) bool { return honorifics[w] || titleWords[w] }

func isRoleHead(w string) bool { return roleHeads[strings.ToLower(w)] }

func isRoleModifier(w string) bool { return roleModifiers[strings.ToLower(w)] }

// isDemonym reports whether w is a nationality or regional adjective or noun.
func isDemonym(w string) bool {
	w = strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s"))
	return demonyms[w]
}
