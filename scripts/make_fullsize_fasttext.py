#!/usr/bin/env python3
"""Writes a synthetic fastText file of seed-000 size for the full-size streaming job.

Seed 000 trained on 3,600,000 Amazon reviews whose tokenizer found 926,453 distinct
words. That data is not ours to ship, so this makes a stand-in with the same shape:

- ROWS reviews, `__label__1 text` (negative) or `__label__2 text` (positive), half
  each in expectation, in seeded random order.
- Review lengths (in words, as Keras's tokenizer splits them) drawn from the lengths
  measured in the bundled `data/amazon/reviews_6k.ft.txt` (median 73, mean 81, max 202).
- Words from a Zipf law (exponent 1) over a vocabulary of 1,200,000 word forms, so at
  seed-000 size every form up to well past rank 926,453 occurs (the rarest expected
  about 16 times): `describe` finds over 926,453 distinct words.
- Labels learnable from the words: 2,000 "positive" and 2,000 "negative" words (drawn
  from ranks 50–20,000); each token is, with probability 6 %, a sentiment word, taken
  from its review's own label's set with probability 0.75 and from the other set
  otherwise. A bag of words separates the classes well but not perfectly.

Word forms are bijective base-26 strings over a–z ("a", …, "z", "aa", …) of the rank,
so frequent words are short and the tokenizer keeps every form intact. The word list
and sentiment sets depend only on --language-seed; --seed draws the rows, so a test file
made with another --seed speaks the same language.

    python3 scripts/make_fullsize_fasttext.py --output /work/fullsize/train.ft.txt
    python3 scripts/make_fullsize_fasttext.py --rows 400000 --seed 2 --output /work/fullsize/test.ft.txt

Write it outside the repository (3.6 M rows come to about 1.5 GB). The file is written
to OUTPUT.tmp in blocks and renamed at the end; memory stays near 200 MB.
"""
import argparse
import os
import re
import sys

import numpy as np

VOCABULARY = 1_200_000
SENTIMENT_WORDS = 2_000
SENTIMENT_RANKS = (50, 20_000)
SENTIMENT_RATE = 0.06
SENTIMENT_AGREEMENT = 0.75
BLOCK = 20_000
KERAS_FILTERS = re.compile(r'[!"#$%&()*+,\-./:;<=>?@\[\\\]^_`{|}~\t\n]')
BUNDLED = os.path.join(os.path.dirname(__file__), "..", "data", "amazon", "reviews_6k.ft.txt")


def word_form(rank):
    """Bijective base 26: 0 → a, 25 → z, 26 → aa, …"""
    letters = []
    n = rank + 1
    while n > 0:
        n, r = divmod(n - 1, 26)
        letters.append(chr(97 + r))
    return "".join(reversed(letters))


def bundled_lengths(path):
    """Word counts of the bundled reviews, split as Keras's Tokenizer splits."""
    lengths = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = line.split(" ", 1)[1].lower()
            lengths.append(len(KERAS_FILTERS.sub(" ", text).split()))
    return np.array(lengths, dtype=np.int64)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--output", required=True, help="the fastText file to write")
    p.add_argument("--rows", type=int, default=3_600_000, help="reviews to write (default 3,600,000)")
    p.add_argument("--seed", type=int, default=1, help="seed of the rows")
    p.add_argument("--language-seed", type=int, default=0, help="seed of the sentiment word sets")
    args = p.parse_args()
    if args.rows <= 0:
        sys.exit("--rows must be positive")

    language = np.random.default_rng(args.language_seed)
    words = np.array([word_form(r) for r in range(VOCABULARY)], dtype=object)
    zipf = 1.0 / np.arange(1, VOCABULARY + 1, dtype=np.float64)
    cdf = np.cumsum(zipf / zipf.sum())
    cdf[-1] = 1.0
    pool = language.choice(np.arange(*SENTIMENT_RANKS), size=2 * SENTIMENT_WORDS, replace=False)
    sentiment = [pool[:SENTIMENT_WORDS], pool[SENTIMENT_WORDS:]]  # label 0 (negative), label 1 (positive)
    lengths = bundled_lengths(BUNDLED)

    rng = np.random.default_rng(args.seed)
    tmp = args.output + ".tmp"
    tokens_written = 0
    with open(tmp, "w", encoding="ascii", newline="\n") as out:
        for start in range(0, args.rows, BLOCK):
            n = min(BLOCK, args.rows - start)
            labels = rng.integers(0, 2, size=n)
            counts = lengths[rng.integers(0, len(lengths), size=n)]
            total = int(counts.sum())
            ranks = np.searchsorted(cdf, rng.random(total), side="right")
            owner = np.repeat(labels, counts)
            marked = rng.random(total) < SENTIMENT_RATE
            agree = rng.random(total) < SENTIMENT_AGREEMENT
            side = np.where(agree, owner, 1 - owner)[marked]
            pick = rng.integers(0, SENTIMENT_WORDS, size=int(marked.sum()))
            ranks[marked] = np.where(side == 1, sentiment[1][pick], sentiment[0][pick])
            text = words[ranks].tolist()
            ends = np.cumsum(counts).tolist()
            lines = []
            begin = 0
            for label, end in zip(labels.tolist(), ends):
                lines.append(("__label__2 " if label else "__label__1 ") + " ".join(text[begin:end]))
                begin = end
            out.write("\n".join(lines) + "\n")
            tokens_written += total
    os.replace(tmp, args.output)
    print(f"wrote {args.output}: {args.rows:,} reviews, {tokens_written:,} words")


if __name__ == "__main__":
    main()
