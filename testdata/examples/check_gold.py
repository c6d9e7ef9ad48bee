#!/usr/bin/env python3
"""Check testdata/examples/gold.json against the example articles it annotates.

Every content, speaker_text, cue, surface, role, optional name, url, dateline,
boilerplate and metadata string must occur verbatim in its article:
  - .txt/.md: in the file text; boilerplate and metadata_lines as whole lines
    (compared after strip(), as GOLD.md says for the seeds);
  - .html: as substrings of the raw file (offsets are into the raw bytes, so
    character references such as &nbsp; stay as written);
  - wires.jsonl:N: in the decoded "text" field of line N (url, title and
    published are compared with the record's fields).
It also checks the structure: the keys used by the seeds' gold.json, entity
types, that every entity, speaker and target is a canonical name of the right
type and every surface one of its aliases, that surfaces occur in the body
(outside boilerplate and metadata), that targets exclude the speaker, that
each cue is near its content and speaker, and the 250-600 word budget.

Usage: python3 testdata/examples/check_gold.py [examples-dir]   (exit status 1 on failure)
"""
import json
import os
import re
import sys

ARTICLE_KEYS = {"title", "published", "credit", "byline", "publisher", "publisher_evidence", "url",
                "metadata_lines", "boilerplate", "entities", "optional", "statements",
                "optional_statements", "notes"}
EXTRA_KEYS = {"page_date", "external_id", "dateline"}
STATEMENT_KEYS = {"speaker", "speaker_text", "cue", "direct", "content", "targets"}
STATEMENT_EXTRA = {"optional_targets", "continuation", "note"}
TYPES = {"PERSON", "ORG", "LOC"}
NEAR = 400  # characters allowed between a cue and its content or speaker


def load(base, key):
    """Return (text, kind, record) for a gold key."""
    if ".jsonl:" in key:
        name, n = key.rsplit(":", 1)
        with open(os.path.join(base, name), encoding="utf-8") as f:
            lines = [l for l in f.read().split("\n") if l.strip()]
        rec = json.loads(lines[int(n) - 1])
        return rec["text"], "jsonl", rec
    path = os.path.join(base, key)
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")  # strict: the raw bytes are valid UTF-8, so str positions map 1:1 to byte runs
    return text, ("html" if key.endswith((".html", ".htm")) else "text"), None


def body_of(text, kind, art):
    """The text with boilerplate and metadata removed (for the surface check)."""
    drop = list(art["boilerplate"]) + list(art["metadata_lines"])
    if kind == "html":
        out = re.sub(r"<(script|style|head)\b.*?</\1>", " ", text, flags=re.S | re.I)
        out = re.sub(r"<(nav|footer|aside|figure|header)\b.*?</\1>", " ", out, flags=re.S | re.I)
        out = re.sub(r'<p class="(byline|dateline)".*?</p>', " ", out, flags=re.S)
        out = re.sub(r"<h1>.*?</h1>", " ", out, flags=re.S)
        out = re.sub(r'<div class="cookie-banner".*?</div>', " ", out, flags=re.S)
        return re.sub(r"<[^>]+>", " ", out)
    strip_set = {d.strip() for d in drop}
    lines = [l for l in text.split("\n") if l.strip() not in strip_set]
    out = "\n".join(lines)
    if art.get("dateline"):
        out = out.replace(art["dateline"], " ", 1)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    base = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "examples")
    with open(os.path.join(here, "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    errs = []
    canon = gold["canonical"]
    counts = {"strings": 0, "statements": 0, "entities": 0}

    def err(key, msg):
        errs.append(f"{key}: {msg}")

    for k in ("articles", "same_story", "related_not_same_story", "canonical"):
        if k not in gold:
            err("gold", f"missing top-level key {k}")
    for name, c in canon.items():
        if c.get("type") not in TYPES:
            err("canonical", f"{name}: bad type {c.get('type')}")
        if name not in c.get("aliases", []):
            err("canonical", f"{name}: its own name is not among its aliases")

    for key, art in gold["articles"].items():
        try:
            text, kind, rec = load(base, key)
        except (OSError, ValueError, IndexError, KeyError) as e:
            err(key, f"cannot load: {e}")
            continue
        missing = ARTICLE_KEYS - art.keys()
        unknown = art.keys() - ARTICLE_KEYS - EXTRA_KEYS
        if missing:
            err(key, f"missing keys {sorted(missing)}")
        if unknown:
            err(key, f"unknown keys {sorted(unknown)}")
        lines = {l.strip() for l in text.split("\n")}

        def occurs(what, s):
            counts["strings"] += 1
            if not isinstance(s, str) or not s or s not in text:
                err(key, f"{what} not found verbatim: {s!r}")

        def whole_line(what, s):
            counts["strings"] += 1
            if kind == "html":
                if s not in text:
                    err(key, f"{what} not found in the raw HTML: {s!r}")
            elif kind == "jsonl":
                if s not in text:
                    err(key, f"{what} not found: {s!r}")
            elif s.strip() not in lines:
                err(key, f"{what} is not a whole line: {s!r}")

        for b in art["boilerplate"]:
            whole_line("boilerplate", b)
        for m in art["metadata_lines"]:
            whole_line("metadata line", m)
        if art.get("dateline"):
            occurs("dateline", art["dateline"])
        if rec is not None:
            for field in ("title", "url", "published"):
                if art.get(field) != rec.get(field):
                    err(key, f"{field} {art.get(field)!r} differs from the record's {rec.get(field)!r}")
            if art.get("external_id") != rec.get("id"):
                err(key, f"external_id {art.get('external_id')!r} differs from id {rec.get('id')!r}")
        else:
            if art["url"]:
                occurs("url", art["url"])
            occurs("title", art["title"])
        if art["published"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", art["published"]):
            err(key, f"published not YYYY-MM-DD: {art['published']!r}")

        body = body_of(text, kind, art)
        names = {}
        for e in art["entities"]:
            counts["entities"] += 1
            n = e["name"]
            if n in names:
                err(key, f"entity {n} listed twice")
            names[n] = e["type"]
            if e["type"] not in TYPES:
                err(key, f"entity {n}: bad type {e['type']}")
            c = canon.get(n)
            if c is None:
                err(key, f"entity {n} is not in canonical")
            elif c["type"] != e["type"]:
                err(key, f"entity {n}: type {e['type']} but canonical says {c['type']}")
            if not e["surface"]:
                err(key, f"entity {n}: no surface")
            for s in e["surface"]:
                occurs(f"surface of {n}", s)
                if s not in body:
                    err(key, f"surface {s!r} of {n} occurs only in boilerplate/metadata")
                if c is not None and s not in c["aliases"]:
                    err(key, f"surface {s!r} is not an alias of canonical {n}")
            for r in e["roles"]:
                occurs(f"role of {n}", r)
        for o in art["optional"]:
            counts["strings"] += 1
            if o.lower() not in text.lower():
                err(key, f"optional name not found: {o!r}")
            if o in names:
                err(key, f"{o} is both an entity and optional")

        known = set(names) | set(art["optional"])
        for group in ("statements", "optional_statements"):
            prev = None
            for i, st in enumerate(art[group]):
                counts["statements"] += 1
                where = f"{group}[{i}]"
                if STATEMENT_KEYS - st.keys():
                    err(key, f"{where}: missing keys {sorted(STATEMENT_KEYS - st.keys())}")
                if st.keys() - STATEMENT_KEYS - STATEMENT_EXTRA:
                    err(key, f"{where}: unknown keys {sorted(st.keys() - STATEMENT_KEYS - STATEMENT_EXTRA)}")
                occurs(f"{where} content", st["content"])
                occurs(f"{where} cue", st["cue"])
                if st["speaker_text"] is not None:
                    occurs(f"{where} speaker_text", st["speaker_text"])
                sp = st["speaker"]
                if sp is not None and sp not in names:
                    err(key, f"{where}: speaker {sp} is not an entity of this article")
                for t in st["targets"]:
                    if t not in names:
                        err(key, f"{where}: target {t} is not an entity of this article")
                    if t == sp:
                        err(key, f"{where}: target {t} is the speaker")
                for t in st.get("optional_targets", []):
                    if t not in known and t not in canon:
                        err(key, f"{where}: optional target {t} unknown")
                    if t in st["targets"]:
                        err(key, f"{where}: {t} is both target and optional target")
                if st.get("continuation"):
                    if prev is None or (prev["speaker"], prev["speaker_text"], prev["cue"]) != (sp, st["speaker_text"], st["cue"]):
                        err(key, f"{where}: continuation does not reuse the preceding speaker_text and cue")
                else:
                    # the cue must sit near the content, and the speaker near the cue
                    cs = [m.start() for m in re.finditer(re.escape(st["content"]), text)]
                    qs = [m.start() for m in re.finditer(re.escape(st["cue"]), text)]
                    near = [q for q in qs for c in cs
                            if -NEAR <= q - c <= len(st["content"]) + NEAR]
                    if cs and qs and not near:
                        err(key, f"{where}: cue {st['cue']!r} is not near its content")
                    if near and st["speaker_text"]:
                        ss = [m.start() for m in re.finditer(re.escape(st["speaker_text"]), text)]
                        if ss and not any(abs(s - q) <= NEAR for s in ss for q in near):
                            err(key, f"{where}: speaker_text {st['speaker_text']!r} is not near its cue")
                prev = st

        if kind == "html":  # visible text: no markup, scripts or styles
            visible = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
            words = len(re.sub(r"<[^>]+>", " ", visible).split())
        else:
            words = len(text.split())
        if kind != "jsonl" and not 250 <= words <= 600:  # JSON Lines: for the file as a whole, below
            err(key, f"{words} words, want 250-600")

    jsonl = {k.rsplit(":", 1)[0] for k in gold["articles"] if ".jsonl:" in k}
    for name in jsonl:
        with open(os.path.join(base, name), encoding="utf-8") as f:
            n = sum(len(json.loads(l)["text"].split()) for l in f if l.strip())
        if not 250 <= n <= 600:
            err(name, f"{n} words of text, want 250-600")

    for grp in ("same_story", "related_not_same_story"):
        for g in gold[grp]:
            for f in g["files"]:
                if f not in gold["articles"]:
                    err(grp, f"{f} is not an annotated article")

    for e in errs:
        print("FAIL", e)
    print(f"{len(gold['articles'])} articles, {counts['entities']} entities, "
          f"{counts['statements']} statements, {counts['strings']} strings checked, {len(errs)} problems")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
