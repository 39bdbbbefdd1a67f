#!/usr/bin/env python3
"""Keras 2's Tokenizer on the full-size fastText file, for the README's comparison with
lab's streamed `tokenize big words=926454 maxlen=256` (seed 000's call).

    python3 -m venv /work/venv-keras
    /work/venv-keras/bin/pip install keras-preprocessing "numpy<2"
    /usr/bin/time -v /work/venv-keras/bin/python scripts/fullsize_keras_tokenizer.py /work/fullsize/train.ft.txt

As the seed notebook did, every text is read into memory and `fit_on_texts` sees them
all; `texts_to_sequences` then runs in chunks of 100,000 texts padded into one
preallocated int32 array [N, 256] (`pad_sequences`' dtype): the notebook's single call
would hold all ~291 million ids as Python ints (about 10 GB) before padding. Prints the
seconds of each part, the vocabulary size and an id checksum.
"""
import sys
import time

import numpy as np
from keras_preprocessing.sequence import pad_sequences
from keras_preprocessing.text import Tokenizer

WORDS, MAXLEN, CHUNK = 926_454, 256, 100_000


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    labels, texts = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, _, text = line.rstrip("\n").partition(" ")
            labels.append(1 if label == "__label__2" else 0)
            texts.append(text)
    t1 = time.perf_counter()
    tok = Tokenizer(num_words=WORDS)
    tok.fit_on_texts(texts)
    t2 = time.perf_counter()
    x = np.zeros((len(texts), MAXLEN), dtype=np.int32)
    for start in range(0, len(texts), CHUNK):
        x[start:start + CHUNK] = pad_sequences(tok.texts_to_sequences(texts[start:start + CHUNK]), maxlen=MAXLEN)
    t3 = time.perf_counter()
    print(f"rows {len(texts)}  words {len(tok.word_index)}  positives {sum(labels)}")
    print(f"read {t1 - t0:.1f} s  fit_on_texts {t2 - t1:.1f} s  texts_to_sequences+pad {t3 - t2:.1f} s  total {t3 - t0:.1f} s")
    print(f"id checksum {int(x.astype(np.int64).sum())}")


if __name__ == "__main__":
    main()
