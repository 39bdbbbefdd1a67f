#!/usr/bin/env python3
"""Writes Tests/LabDataTests/Fixtures/keras_golden.json: token ids from Keras 2's
Tokenizer and pad_sequences (keras_preprocessing 1.1.2) on the bundled real data.

Recipe (run once, in a throwaway venv outside the repository):
    python3 -m venv /tmp/kp-venv
    /tmp/kp-venv/bin/pip install keras-preprocessing "numpy<2"   # pad_sequences uses np.unicode_
    /tmp/kp-venv/bin/python scripts/keras_golden.py

Each case fits a Tokenizer on the first rows of one file (the "train" part) and
applies it to held-out rows (of the same file or another), so the Swift tests
check the readers (CSV quoting, CRLF, TSV without quoting, fastText) together
with the tokenizer and padding. Files are read here the way lab reads them:
records end only at \\n, \\r\\n or \\r (never at NEL or U+2028); TSV has no
quoting; CSV follows Python's csv module (RFC 4180).
"""
import csv
import json
import os
import re

from keras_preprocessing.sequence import pad_sequences
from keras_preprocessing.text import Tokenizer

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "data")
OUT = os.path.join(ROOT, "Tests", "LabDataTests", "Fixtures", "keras_golden.json")


def lines(path):
    with open(os.path.join(DATA, path), encoding="utf-8", newline="") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    out = re.split(r"\r\n|\n|\r", text)
    return [l for l in out if l.strip(" \t") != ""]


def tsv(path, header, text_col, label_col):
    rows = [l.split("\t") for l in lines(path)]
    if header:
        rows = rows[1:]
    return [r[text_col] for r in rows], [r[label_col] for r in rows]


def csv_rows(path, text_col, label_col):
    with open(os.path.join(DATA, path), encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f) if r]
    return [r[text_col] for r in rows[1:]], [r[label_col] for r in rows[1:]]


def fasttext(path):
    texts, labels = [], []
    for l in lines(path):
        label, text = l.split(" ", 1)
        texts.append(text)
        labels.append(label[len("__label__"):])
    return texts, labels


def case(name, fit_texts, apply_texts, num_words, oov, maxlen, padding, truncating, keep=200, fit_spec=None, apply_spec=None):
    tok = Tokenizer(num_words=num_words, oov_token=oov)
    tok.fit_on_texts(fit_texts)
    seqs = tok.texts_to_sequences(apply_texts)
    padded = pad_sequences(seqs[:60], maxlen=maxlen, padding=padding, truncating=truncating)
    index_words = sorted(tok.word_index.items(), key=lambda kv: kv[1])
    return {
        "name": name,
        "fit": fit_spec,
        "apply": apply_spec,
        "num_words": num_words,
        "oov_token": oov,
        "word_index_size": len(tok.word_index),
        "word_index_head": [w for w, _ in index_words[:400]],
        "word_index_around_cut": [[w, i] for w, i in index_words if num_words and abs(i - num_words) <= 5],
        "sequences": seqs[:keep],
        "maxlen": maxlen,
        "padding": padding,
        "truncating": truncating,
        "padded": padded.tolist(),
    }


def main():
    cases = []
    # SST-2: fit on all of train (CRLF, 67,349 phrases), words=5000 (the cut falls in a tie block); apply to dev.
    train, _ = tsv("sst2/train.tsv", True, 1, 0)
    dev, _ = tsv("sst2/dev.tsv", True, 1, 0)
    cases.append(case("sst2", train, dev, 5000, None, 30, "pre", "pre",
                      fit_spec={"path": "sst2/train.tsv", "first": len(train)},
                      apply_spec={"path": "sst2/dev.tsv", "first": len(dev)}))
    # IMDB CSV (quoted fields, <br />, NEL, no-break spaces, accents): fit on 2,500 reviews, apply to the rest.
    reviews, _ = csv_rows("imdb/reviews_3k.csv", 0, 1)
    cases.append(case("imdb_csv", reviews[:2500], reviews[2500:], 3000, "<OOV>", 120, "post", "post",
                      fit_spec={"path": "imdb/reviews_3k.csv", "first": 2500},
                      apply_spec={"path": "imdb/reviews_3k.csv", "skip": 2500}))
    # Amazon fastText: fit on 5,000 lines, apply to the held-out 1,459.
    amazon, _ = fasttext("amazon/reviews_6k.ft.txt")
    cases.append(case("amazon_fasttext", amazon[:5000], amazon[5000:], 10000, None, 80, "pre", "post",
                      fit_spec={"path": "amazon/reviews_6k.ft.txt", "first": 5000},
                      apply_spec={"path": "amazon/reviews_6k.ft.txt", "skip": 5000}))
    # UCI sentences: fit on the IMDB part (TSV, unbalanced quotes), apply to the Amazon part, all words kept.
    imdb_s, _ = tsv("sentences/imdb_labelled.txt", False, 0, 1)
    amazon_s, _ = tsv("sentences/amazon_cells_labelled.txt", False, 0, 1)
    cases.append(case("uci_sentences", imdb_s, amazon_s, None, "oov", 25, "post", "pre",
                      fit_spec={"path": "sentences/imdb_labelled.txt", "first": len(imdb_s)},
                      apply_spec={"path": "sentences/amazon_cells_labelled.txt", "first": len(amazon_s)}))
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"generator": "keras_preprocessing 1.1.2 via scripts/keras_golden.py", "cases": cases}, f,
                  ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
