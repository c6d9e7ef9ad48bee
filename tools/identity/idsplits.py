#!/usr/bin/env python3
"""Count identity splits in `newsgraph extract` output (JSON Lines).

    python3 tools/identity/idsplits.py OUT.jsonl [INPUT.jsonl.gz] [--top 300]

INPUT is the JSON Lines file that was extracted (its "text" or "body" field is
what the mention offsets index); without it tickers are not counted. It counts
per-article ids: an entity's "key" where the output has one (corpus
resolution put the corpus entity in "id"), else its "id".

Among the TOP most frequent entity ids (by articles), it counts the ids that
have a split partner, by class:

  suffix        another id (in 2+ articles) that differs only by trailing legal
                forms ("org:texaco-inc" and "org:texaco")
  possessive    another id that continues the name with a possessive
                ("org:moody" and "org:moody-s-investors-service")
  initials      another id that differs only in how initials are written
                ("loc:h-k" and "loc:hk")
  type          the same name (up to the above) under another type prefix
                ("org:microsoft" and "loc:microsoft"); corpus-level, not
                decided inside one article
  ticker        ids whose mentions are mostly inside a ticker in angle
                brackets ("<XON>")
  state-abbrev  US state abbreviations and "U.S" as places of their own
  acronym       a one-word id that is the initials (legal forms and stop
                words left out) of another top id's name

and, in each article, the pairs of organizations that are one name by the
same rules but two entities (in-article splits). It prints counts and a few
examples; it writes nothing.
"""
import collections
import gzip
import json
import re
import sys

LEGAL = set("inc incorporated corp corporation co cos company ltd limited plc llc llp lp "
            "ag sa nv bv spa gmbh kgaa ab as asa oy oyj se sas sarl srl kk pty pte bhd berhad tbk ltda cia".split())
STOP = set("of and the for in on at to de du des la le del da do von van &".split())
STATES = set("ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont "
             "neb nev n-h n-j n-m n-y n-c n-d okla ore pa r-i s-c s-d tenn tex vt va wash w-va wis wyo "
             "nh nj nm ny nc nd ri sc sd wva u-s".split())
TICKER = re.compile(rb"<[A-Z0-9.]{1,14}>")


def in_ticker(text, start, end):
    """Whether start..end lies inside angle brackets that hold a ticker."""
    lt = text.rfind(b"<", max(0, start - 13), start)
    if lt < 0:
        return False
    m = TICKER.match(text, lt)
    return bool(m) and m.end() >= end


def words(slug):
    return [w for w in slug.split("-") if w]


def join_initials(ws):
    out, run = [], ""
    for w in ws:
        if len(w) == 1:
            run += w
            continue
        if run:
            out.append(run)
            run = ""
        out.append(w)
    if run:
        out.append(run)
    return out


def strip_legal(ws):
    ws = list(ws)
    if len(ws) > 1 and ws[0] == "the":
        ws = ws[1:]
    while len(ws) > 1 and (ws[-1] in LEGAL or ws[-1] == "and"):
        ws.pop()
    return ws


def no_poss(ws):
    return [w for i, w in enumerate(ws) if not (w == "s" and i > 0)]


def initials(name):
    ws = [w.strip(".,") for w in re.split(r"[\s\-]+", name) if w.strip(".,")]
    while len(ws) > 1 and ws[-1].lower() in LEGAL | {"and"}:
        ws.pop()
    return "".join(w[0].upper() for w in ws if w.lower() not in STOP and w[:1].isupper())


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    top_n = 300
    if "--top" in sys.argv:
        top_n = int(sys.argv[sys.argv.index("--top") + 1])
        args.remove(str(top_n))
    raw = {}
    if len(args) > 1:
        with gzip.open(args[1], "rt") as f:
            for i, line in enumerate(f, 1):
                d = json.loads(line)
                raw[i] = (d.get("text") or d.get("body") or "").encode()
    arts = collections.Counter()
    name = {}
    ticker = collections.Counter()
    ments = collections.Counter()
    inart = collections.Counter()
    docs = 0
    with open(args[0]) as f:
        for line in f:
            d = json.loads(line)
            docs += 1
            text = raw.get(int(d["source"].rsplit(":", 1)[1])) if raw else None
            ents = d["entities"]
            for e in ents:
                e["id"] = e.get("key") or e["id"]
            for e in ents:
                arts[e["id"]] += 1
                name.setdefault(e["id"], collections.Counter())[e["name"]] += 1
                for m in e["mentions"]:
                    ments[e["id"]] += 1
                    if text is not None and in_ticker(text, m["start"], m["end"]):
                        ticker[e["id"]] += 1
            orgs = [(words(e["id"].partition(":")[2]), e) for e in ents if e["id"].startswith("org:")]
            for i, (wi, ei) in enumerate(orgs):
                for j, (wj, ej) in enumerate(orgs):
                    if i < j and strip_legal(no_poss(wi)) == strip_legal(no_poss(wj)):
                        inart["suffix/possessive"] += 1
                    if (i != j and len(wi) == 1 and len(wi[0]) > 1 and len(wj) > 1 and wi[0] not in wj
                            and wi[0].upper() == initials(ej["name"])):
                        inart["acronym"] += 1
            if text is not None:
                for e in ents:
                    if all(in_ticker(text, m["start"], m["end"]) for m in e["mentions"]):
                        inart["ticker"] += 1
    top = [k for k, _ in arts.most_common(top_n)]
    idx = collections.defaultdict(list)
    for k, v in arts.items():
        if v < 2:
            continue
        typ, _, slug = k.partition(":")
        ws = words(slug)
        idx[("suffix", typ, tuple(strip_legal(ws)))].append(k)
        if "s" in ws[1:]:
            idx[("possessive", typ, tuple(ws[:ws.index("s", 1)]))].append(k)
        idx[("initials", typ, tuple(join_initials(ws)))].append(k)
        idx[("type", tuple(strip_legal(no_poss(join_initials(ws)))))].append(k)
    classes = collections.defaultdict(list)
    for k in top:
        typ, _, slug = k.partition(":")
        ws = words(slug)
        for cls, key in (("suffix", ("suffix", typ, tuple(strip_legal(ws)))),
                         ("possessive", ("possessive", typ, tuple(ws))),
                         ("initials", ("initials", typ, tuple(join_initials(ws)))),
                         ("type", ("type", tuple(strip_legal(no_poss(join_initials(ws))))))):
            others = [o for o in idx[key] if o != k]
            if cls == "type":
                others = [o for o in others if not o.startswith(typ + ":")]
            if others:
                classes[cls].append((k, others[:3]))
        if ticker[k] * 2 > ments[k]:
            classes["ticker"].append((k, []))
        if typ == "loc" and slug in STATES:
            classes["state-abbrev"].append((k, []))
    top_names = {k: name[k].most_common(1)[0][0] for k in top}
    for k in top:
        typ, _, slug = k.partition(":")
        if typ != "org" or "-" in slug:
            continue
        for o in top:
            if o != k and o.startswith("org:") and "-" in o and initials(top_names[o]) == slug.upper():
                classes["acronym"].append((k, [o]))
                break
    print("docs %d  ids %d  top %d" % (docs, len(arts), len(top)))
    print("top ids with a split partner, by class:")
    for cls in ("suffix", "possessive", "initials", "type", "ticker", "state-abbrev", "acronym"):
        v = classes.get(cls, [])
        ex = "; ".join("%s~%s" % (k, ",".join(o)) for k, o in v[:4])
        print("  %-12s %4d  %s" % (cls, len(v), ex))
    print("  %-12s %4d" % ("any", len({k for v in classes.values() for k, _ in v})))
    print("  %-12s %4d" % ("any but type", len({k for c, v in classes.items() if c != "type" for k, _ in v})))
    print("in-article pairs: " + ", ".join("%s %d" % kv for kv in sorted(inart.items())))


if __name__ == "__main__":
    main()
