#!/usr/bin/env python3
"""The Python side of `lab bench tokenize`: Keras 2's Tokenizer + pad_sequences on
SST-2 train (data/sst2/train.tsv) repeated to 500,000 rows, timed the same way
(file reading untimed; fit_on_texts + texts_to_sequences + pad_sequences timed).

    python3 -m venv /tmp/kp-venv
    /tmp/kp-venv/bin/pip install keras-preprocessing "numpy<2"
    /tmp/kp-venv/bin/python scripts/bench_tokenize_keras.py

Prints seconds per part, rows/s and the id sum (equal to lab's `id_sum` when
the ids agree).
"""
import os
import re
import sys
import time

from keras_preprocessing.sequence import pad_sequences
from keras_preprocessing.text import Tokenizer

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000

with open(os.path.join(ROOT, "data", "sst2", "train.tsv"), encoding="utf-8", newline="") as f:
    lines = [l for l in re.split(r"\r\n|\n|\r", f.read()) if l]
base = [l.split("\t")[1] for l in lines[1:]]
texts = [base[i % len(base)] for i in range(ROWS)]

t0 = time.perf_counter()
tok = Tokenizer(num_words=5000)
tok.fit_on_texts(texts)
t1 = time.perf_counter()
seqs = tok.texts_to_sequences(texts)
t2 = time.perf_counter()
padded = pad_sequences(seqs, maxlen=50)
t3 = time.perf_counter()
print(f"keras tokenize: {ROWS} rows  fit {t1 - t0:.3f}s  sequences {t2 - t1:.3f}s  pad {t3 - t2:.3f}s  "
      f"total {t3 - t0:.3f}s  {ROWS / (t3 - t0):,.0f} rows/s  id_sum {int(padded.sum())}")
