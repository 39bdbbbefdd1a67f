#!/usr/bin/env python3
"""Writes Tests/LabDataTests/Fixtures/sklearn_vectorizer_golden.json: CountVectorizer and
TfidfVectorizer output (scikit-learn) on the bundled real review data.

Recipe (run once, in a throwaway venv outside the repository):
    python3 -m venv /work/venv-sk
    /work/venv-sk/bin/pip install scikit-learn
    /work/venv-sk/bin/python scripts/sklearn_vectorizer_golden.py

Each case fits a vectorizer on the first rows of one file and transforms held-out rows,
read the way lab reads them (fastText text after the label; CSV as Python's csv module).
Kept small: the vocabulary's size and an FNV-1a hash of it ("\\n"-joined, UTF-8), some
columns with their idf, every non-zero of the first held-out rows, and for every held-out
row its non-zero count and the checksum sum((column + 1) * value).

The `words=` cut (max_features) is placed where no two candidate terms tie: scikit-learn
ranks by `(-tfs).argsort()`, numpy's unstable quicksort, whose order among equal counts
depends on the CPU's SIMD sort. lab breaks such ties by column (alphabetical) order; the
script checks that its cases do not depend on that.
"""
import csv
import json
import os
import re

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "data")
OUT = os.path.join(ROOT, "Tests", "LabDataTests", "Fixtures", "sklearn_vectorizer_golden.json")
DETAILED_ROWS = 6


def fasttext(path):
    with open(os.path.join(DATA, path), encoding="utf-8", newline="") as f:
        lines = [l for l in re.split(r"\r\n|\n|\r", f.read()) if l.strip(" \t")]
    return [l.split(" ", 1)[1].lstrip(" \t") for l in lines]


def csv_texts(path):
    with open(os.path.join(DATA, path), encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f) if r]
    return [r[0] for r in rows[1:]]


def fnv1a(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return format(h, "016x")


def check_no_tie_at_cut(params, fit_texts, vocab):
    """The kept terms must not depend on the tie order at the max_features cut (see the header)."""
    if params.get("max_features") is None:
        return
    full = CountVectorizer(**{k: v for k, v in params.items() if k in CountVectorizer().get_params() and k != "max_features"})
    x = full.fit_transform(fit_texts)
    if params.get("binary"):
        x.data.fill(1)
    tfs = np.asarray(x.sum(axis=0)).ravel()
    names = full.get_feature_names_out()
    stable = sorted(range(len(tfs)), key=lambda i: (-tfs[i], i))[:params["max_features"]]
    k = params["max_features"]
    order = np.sort(tfs)[::-1]
    assert sorted(names[stable].tolist()) == vocab, f"max_features={k}: tie order differs ({order[k - 1]} at the cut)"
    assert order[k - 1] != order[k], f"max_features={k} cuts a block of terms seen {order[k - 1]} times"


def case(name, kind, params, fit_texts, apply_texts, fit_spec, apply_spec):
    vectorizer = (TfidfVectorizer if kind == "tfidf" else CountVectorizer)(**params)
    vectorizer.fit(fit_texts)
    vocab = vectorizer.get_feature_names_out().tolist()
    check_no_tie_at_cut(params, fit_texts, vocab)
    x = vectorizer.transform(apply_texts).tocsr()
    x.sort_indices()
    probe = sorted(set([0, 1, 2, len(vocab) // 3, len(vocab) // 2, len(vocab) - 2, len(vocab) - 1]))
    rows = []
    for r in range(DETAILED_ROWS):
        lo, hi = x.indptr[r], x.indptr[r + 1]
        rows.append([[int(c), float(v)] for c, v in zip(x.indices[lo:hi], x.data[lo:hi])])
    checks = []
    for r in range(x.shape[0]):
        lo, hi = x.indptr[r], x.indptr[r + 1]
        checks.append([int(hi - lo), float(np.sum((x.indices[lo:hi] + 1.0) * x.data[lo:hi]))])
    out = {
        "name": name,
        "kind": kind,
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items()},
        "fit": fit_spec,
        "apply": apply_spec,
        "vocabulary_size": len(vocab),
        "vocabulary_fnv1a": fnv1a("\n".join(vocab)),
        "probe": [[i, vocab[i]] for i in probe],
        "rows": rows,
        "row_checks": checks,
    }
    if kind == "tfidf":
        out["idf"] = [[i, float(vectorizer.idf_[i])] for i in probe]
    return out


def main():
    amazon = fasttext("amazon/reviews_6k.ft.txt")
    imdb = csv_texts("imdb/reviews_3k.csv")
    a_fit, a_apply = {"path": "amazon/reviews_6k.ft.txt", "first": 3000}, {"path": "amazon/reviews_6k.ft.txt", "skip": 6000}
    i_fit, i_apply = {"path": "imdb/reviews_3k.csv", "first": 1500}, {"path": "imdb/reviews_3k.csv", "skip": 2900}
    fa, aa = amazon[:3000], amazon[6000:]
    fi, ai = imdb[:1500], imdb[2900:]
    cases = [
        case("counts_default", "counts", {}, fa, aa, a_fit, a_apply),
        case("tfidf_default", "tfidf", {}, fa, aa, a_fit, a_apply),
        case("tfidf_bigrams_limited", "tfidf",
             {"max_features": 2227, "ngram_range": (1, 2), "min_df": 2, "max_df": 0.9, "sublinear_tf": True},
             fa, aa, a_fit, a_apply),
        case("tfidf_l1_raw_idf_cased", "tfidf",
             {"norm": "l1", "smooth_idf": False, "lowercase": False, "min_df": 0.001, "max_df": 300},
             fi, ai, i_fit, i_apply),
        case("counts_binary_trigrams", "counts",
             {"binary": True, "ngram_range": (2, 3), "min_df": 3, "max_features": 2136},
             fi, ai, i_fit, i_apply),
        case("tfidf_no_norm_binary", "tfidf", {"norm": None, "binary": True, "min_df": 2}, fi, ai, i_fit, i_apply),
    ]
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"generator": f"scikit-learn {sklearn.__version__} via scripts/sklearn_vectorizer_golden.py",
                   "cases": cases}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
