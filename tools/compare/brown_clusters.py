#!/usr/bin/env python3
"""Build ner/model/clusters.tsv.gz: Brown clusters and capitalisation buckets
learned from unlabeled news text.

Input: one tokenised sentence per line, as written by
    newsgraph ner corpus ../shared/data/reuters21578/reuters21578.jsonl.gz \
        ../shared/data/bbc-news/bbc2225.jsonl.gz > corpus.txt
Output lines: word <TAB> bit string ("-" when the word was not clustered) <TAB>
case bucket of the lower-cased word (0: capitalised <10% of its mid-sentence
occurrences, 1: <50%, 2: <90%, 3: >=90%, 4: seen only sentence-initially),
most frequent words first. Only derived data is written, no text.

Needs: pip install brown-clustering (MIT; numpy, numba).
Usage: brown_clusters.py corpus.txt clusters.tsv.gz [--clusters 300] [--min-count 5]
"""
import argparse
import collections
import gzip
import re

DIGITS = re.compile(r"[0-9]")


def norm(w):
    return DIGITS.sub("0", w)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--clusters", type=int, default=300)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--case-min-count", type=int, default=2)
    args = ap.parse_args()

    sents = []
    counts = collections.Counter()
    capmid = collections.Counter()
    mid = collections.Counter()
    initial = collections.Counter()
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            toks = [norm(t) for t in line.split()]
            if not toks:
                continue
            sents.append(toks)
            counts.update(toks)
            letters = [t for t in toks if any(c.isalpha() for c in t)]
            lowerish = sum(1 for t in letters if any(c.islower() for c in t))
            if len(letters) < 3 or lowerish < len(letters) / 2:
                continue  # headline or table in capitals: says nothing about case
            for i, t in enumerate(toks):
                if not t[0].isalpha():
                    continue
                lw = t.lower()
                if i == 0 or toks[i - 1] in ('"', "'", "(", ":", "-"):
                    initial[lw] += 1
                    continue
                mid[lw] += 1
                if t[0].isupper():
                    capmid[lw] += 1

    from brown_clustering import BigramCorpus, BrownClustering

    corpus = BigramCorpus(sents, alpha=0.5, min_count=args.min_count)
    corpus.print_stats()
    clustering = BrownClustering(corpus, m=args.clusters)
    clustering.train()
    codes = clustering.codes()

    def bucket(lw):
        n = mid[lw]
        if n == 0:
            return 4 if initial[lw] else 0
        r = capmid[lw] / n
        return 0 if r < 0.1 else 1 if r < 0.5 else 2 if r < 0.9 else 3

    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        for w, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
            lw = w.lower()
            if w not in codes and mid[lw] + initial[lw] < args.case_min_count:
                continue
            if not any(ch.isalpha() for ch in w) and w not in codes:
                continue
            out.write(f"{w}\t{codes.get(w, '-')}\t{bucket(lw)}\n")


if __name__ == "__main__":
    main()
