#!/usr/bin/env python3
"""Writes data/libsvm/sentences_bow.svm: the bundled UCI sentences as libsvm rows.

Seed 003 trained on reviews already turned into sparse bag-of-words vectors in
libsvm chunks. This makes a small file of the same kind from bundled data:
lower-cased words split on non-letters, the 1,000 most frequent words of the
2,000 Amazon + IMDB sentences as features 1..1000 (ties by first appearance),
value log(1 + count) with six decimals, label 0/1 as in the source.

    python3 scripts/make_libsvm.py
"""
import math
import os
import re
from collections import Counter

ROOT = os.path.join(os.path.dirname(__file__), "..")
SOURCES = ["data/sentences/amazon_cells_labelled.txt", "data/sentences/imdb_labelled.txt"]


def rows():
    for path in SOURCES:
        with open(os.path.join(ROOT, path), encoding="utf-8", newline="") as f:
            for line in f:
                text, label = line.rstrip("\r\n").rsplit("\t", 1)
                yield re.findall(r"[a-z']+", text.lower()), label


def main():
    data = list(rows())
    counts = Counter()
    order = {}
    for words, _ in data:
        for w in words:
            counts[w] += 1
            order.setdefault(w, len(order))
    vocab = sorted(counts, key=lambda w: (-counts[w], order[w]))[:1000]
    index = {w: i + 1 for i, w in enumerate(vocab)}
    out = os.path.join(ROOT, "data/libsvm/sentences_bow.svm")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for words, label in data:
            c = Counter(index[w] for w in words if w in index)
            feats = " ".join(f"{i}:{math.log1p(n):.6f}" for i, n in sorted(c.items()))
            f.write(f"{label} {feats}\n".rstrip() + "\n")
    print(f"wrote {out}: {len(data)} rows, {len(vocab)} features")


if __name__ == "__main__":
    main()
