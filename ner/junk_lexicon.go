package ner

import "strings"

// Lexicons of the junk stage (junk_rules.go). Each is a class of strings that
// are not names of people, organizations or places; entries are lower case,
// a multi-word entry as the tokenizer splits it (single spaces).

// phraseSet reads comma-separated entries.
func phraseSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Split(s, ",") {
		if e = strings.Join(strings.Fields(e), " "); e != "" {
			m[e] = true
		}
	}
	return m
}

// junkLegalForms are legal forms of companies, compared lower-cased without a
// final period.
var junkLegalForms = set(`inc incorporated corp corporation co cos company cie ltd limited plc llc llp lp
l.p l.l.c ag sa s.a nv n.v bv b.v gmbh kgaa spa s.p.a srl sarl oy oyj bhd pty pte tbk`)

// genericHeads are the head nouns of organization names, and the modifiers
// that begin them, which name nothing when they stand alone ("the Bank",
// "the Commission", "Federal").
var genericHeads = set(`bank commission committee ministry department council agency authority
board bureau fund company corporation group institute association federation foundation exchange
office court party organisation organization society community directorate secretariat
administration unit division college school university tribunal centre center chamber coalition
movement consortium service federal`)

// agencies are news agencies whose name ends a wire text as its sign-off.
var agencies = set(`reuter reuters ap afp upi tass itar-tass xinhua kyodo jiji interfax dpa ansa efe
bernama pti yonhap antara aap irna mena anadolu pap ctk apa belga anp ntb ritzau notimex`)

// moreDemonyms complete lexicon.go's demonyms with adjectives the news uses
// in compounds ("West German", "Latin American").
var moreDemonyms = set(`german american korean african asian arab european zealander vietnamese
yemeni sudanese irish scottish welsh english british dutch flemish walloon basque catalan corsican
bavarian prussian siberian scandinavian iberian sino soviet`)

// peoples are peoples, ethnic and religious groups that news names with a
// capitalised noun of their own (demonyms of countries are in lexicon.go).
var peoples = set(`roma romani romanies gypsies gypsy sinti travellers pashtun pashtuns tajiks uzbeks
hazara hazaras baluch balochs tamils sinhalese sikhs hindus buddhists uighurs uighur uyghurs uyghur
hutu hutus tutsi tutsis hmong maori maoris aborigines aboriginals berbers berber bedouin bedouins
druze alawite alawites copts yazidi yazidis tatars chechens ossetians abkhaz rohingya zulus zulu
xhosa maasai masai inuit sami boers afrikaners kurd turkmens shias sunnis shiites
ismailis ahmadis mormons amish protestants catholics anglicans evangelicals orthodox`)

// compassWords may stand before a demonym in a nationality adjective.
var compassWords = set(`north south east west northern southern eastern western central upper lower
northeast northwest southeast southwest north-east north-west south-east south-west middle latin
greater sub-saharan`)

// ratingContext are words of a sentence about credit ratings.
var ratingContext = set(`rating ratings rated upgrade upgraded upgrades downgrade downgraded
downgrades moody moody's poor's fitch s&p`)

// indicators are economic indicators and measures of money.
var indicators = phraseSet(`gnp, gdp, gni, cpi, ppi, rpi, rpix, wpi, psbr, m0, m1, m2, m3, m4, m1-a, m2-a,
m3b, pmi, gross national product, gross domestic product, gross national income,
gross national expenditure, national income, current account, balance of payments,
trade balance, industrial production, money supply, public sector borrowing requirement,
leading indicators, index of leading indicators, leading indicator index,
consumer price index, producer price index, retail price index, wholesale price index,
purchasing managers index, non-farm payrolls`)

// rates are interest rates and their benchmarks.
var rates = phraseSet(`libor, libid, limean, pibor, fibor, hibor, sibor, mibor, tibor, euribor,
prime rate, fed funds, federal funds, discount rate, lombard, lombard rate, base rate,
bank rate, repo rate`)

// currencies are currency names and codes that stand alone.
var currencies = phraseSet(`dlr, dlrs, stg, ecu, ecus, sdr, sdrs, yen, lire, pesetas, guilders,
francs, dollars, pounds, kronor, kroner, rupees, pesos, dinars, riyals, rials, shillings, schillings,
escudos, drachmas, cruzados, cruzeiros, australes, roubles, rubles, zlotys, euros, ringgit, baht,
yuan, renminbi, sterling, d-mark, d-marks, deutschemark, deutschemarks, deutsche mark, deutsche marks,
special drawing rights, special drawing right, usd, gbp, eur, jpy, chf, dm, sfr, ffr, hkd`)

// currencyUnits end a currency's name after its country ("Swiss Francs",
// "U.S. Dlrs"); true when the word is not also a surname or first name,
// so that it may end a person's tagged name too.
var currencyUnits = map[string]bool{
	"dollar": false, "dollars": true, "dlr": true, "dlrs": true, "franc": false, "francs": true,
	"mark": false, "marks": false, "pound": false, "pounds": true, "sterling": false, "yen": true,
	"lira": false, "lire": true, "peseta": true, "pesetas": true, "guilder": true, "guilders": true,
	"krona": true, "krone": true, "kronor": true, "kroner": true, "crowns": false, "rupee": true,
	"rupees": true, "rand": false, "peso": true, "pesos": true, "ringgit": true, "baht": true,
	"won": false, "yuan": true, "renminbi": true, "dinar": true, "dinars": true, "riyal": true,
	"riyals": true, "rial": true, "rials": true, "shilling": false, "shillings": true,
	"schilling": true, "schillings": true, "escudo": true, "escudos": true, "drachma": true,
	"drachmas": true, "cruzado": true, "cruzados": true, "cruzeiro": true, "cruzeiros": true,
	"austral": true, "australes": true, "rouble": true, "roubles": true, "ruble": true,
	"rubles": true, "zloty": true, "zlotys": true, "forint": true, "forints": true, "euro": true,
	"euros": true, "naira": true, "cedi": true, "kwacha": true, "rupiah": true, "dirham": true,
	"dirhams": true, "ecu": true, "ecus": true, "sdr": true, "sdrs": true, "stg": true,
}

// stockIndexes are share indexes by their names.
var stockIndexes = phraseSet(`dow industrials, dow jones industrials, nikkei dow,
nikkei 225, topix, ftse, ftse 100, ft-se, ft-se 100, footsie, dax, xetra dax, cac, cac 40,
cac-40, s&p 500, standard & poor's 500, nasdaq composite, russell 2000, all ordinaries, sensex, kospi,
tse 300, value line, straits times industrials, amex market value`)

// indexHeads end the description of an index after its name ("Hang Seng
// index"); indexModifiers may stand between ("Dow Jones industrial
// average") and must for averageHeads ("the OECD average" is no index).
var indexHeads = set(`index indices indexes industrials`)
var averageHeads = set(`average averages`)
var indexModifiers = set(`industrial composite all-share weighted stock share`)

// dateWords are months and weekdays, with their abbreviations.
var dateWords = set(`january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday tues weds thurs`)

// subjectWords follow a name used as the subject of a sentence or a
// possessor ("North American said", "North American's"): the name is not an
// adjective there.
var subjectWords = set(`'s ’s said says reported reports has had is was will would agreed announced
expects expected plans planned posted earned lost`)

// firstNameMonths are months that are also first names.
var firstNameMonths = set(`april may june august jan`)

// holidays are holidays and festivals.
var holidays = phraseSet(`christmas, xmas, christmas eve, easter, easter sunday, easter monday, good friday,
new year, new years, new year's, new year's eve, thanksgiving, ramadan, eid, eid al-fitr, eid al-adha,
hanukkah, chanukah, passover, diwali, halloween, hallowe'en, whitsun, pentecost, lent, advent,
yom kippur, rosh hashanah, lunar new year, chinese new year, golden week, hogmanay,
mardi gras, bonfire night, guy fawkes night`)

// dayNames are the first words of the names of holidays and days of
// observance made with "Day" ("Boxing Day"); a possessive ("Mother's Day",
// "St Patrick's Day") makes one as well.
var dayNames = set(`boxing labor labour memorial independence remembrance armistice victory bastille
election inauguration veterans columbus presidents thanksgiving christmas new ascension australia
canada may aids earth budget polling ve vj d national world international unification
constitution republic reformation`)

// events are competitions, festivals and shows; eventHeads end their names
// ("Heineken Cup", "Consumer Electronics Show", "Eurovision Song Contest").
// A sponsor's name may stand before a listed event ("RBS Six Nations").
var events = phraseSet(`six nations, tri-nations, tri nations, premiership, champions league, world cup,
olympics, olympic games, paralympics, paralympic games, commonwealth games, asian games, super bowl,
world series, grand slam, tour de france, giro d'italia, eurovision, ashes, grand national,
us open, u.s. open, australian open, french open, british open, kentucky derby`)
var eventHeads = set(`cup championship championships festival show expo marathon tournament prix contest
olympiad`)

// legislation heads: "the Bill", "the Act", "Terrorism Bill".
var legislation = set(`bill bills act acts`)

// instruments are kinds of securities that end a name ("U.S. Treasuries",
// "Treasury Bonds") or stand alone ("Gilts").
var instruments = set(`treasuries treasurys gilts bunds eurobonds eurodollars t-bills t-bonds t-notes
bonds notes bills`)

// commodityGrades are grades and benchmarks of commodities.
var commodityGrades = phraseSet(`west texas intermediate, wti, west texas sour, brent blend, north sea brent,
arab light, arab heavy, arab medium, arabian light, arabian heavy, bonny light, dubai fateh,
urals blend, alaska north slope`)

// awards are awards and prizes; awardHeads end their names.
var awards = phraseSet(`oscar, oscars, academy award, academy awards, bafta, baftas, golden globe,
golden globes, grammy, grammys, grammies, emmy, emmys, emmies, brit award, brit awards, brits,
tony award, tony awards, booker, man booker, booker prize, pulitzer, pulitzer prize, nobel prize,
golden lion, golden bear, palme d'or, mercury prize, turner prize, olivier award, olivier awards,
ballon d'or`)
var awardHeads = set(`award awards prize prizes trophy trophies medal medals`)

// products are technology formats and consumer devices or programs that are
// written like names.
var products = phraseSet(`pc, pcs, dvd, dvds, cd, cds, cd-rom, dvd-rom, tv, tvs, hdtv, vhs, mp3, mp3s, sms,
mms, gps, lcd, pda, pdas, usb, dsl, adsl, voip, wi-fi, wifi, 3g, gsm, cdma, wap, pvr, dvr, rss,
html, iptv, r&b, ipod, ipods, xbox, xbox live, xbox 360, playstation, playstation 2, playstation 3,
playstation portable, ps2, ps3, psp, nintendo ds, ds, game boy, gameboy, gamecube, n-gage, walkman,
blackberry, blackberries, internet explorer, firefox, windows xp, windows, itunes, imac, mac mini`)

// workNouns stand before the title of a work ("the film Vera Drake");
// workNounsAfter after it ("the Lord of the Rings trilogy").
var workNouns = set(`film films movie movies biopic comedy drama thriller documentary sitcom soap
cartoon animation sequel remake trilogy album albums song songs opera musical videogame
bestseller best-seller`)
var workNounsAfter = set(`trilogy sequel sequels prequel soundtrack remake`)
