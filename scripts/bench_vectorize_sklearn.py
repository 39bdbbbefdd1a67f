#!/usr/bin/env python3
"""The Python side of `lab bench vectorize`: scikit-learn's TfidfVectorizer on the bundled
Amazon reviews (data/amazon/reviews_6k.ft.txt) repeated to COPIES × 6,459 rows, timed the
same way (file reading untimed; fit, then transform of every row, timed).

    python3 -m venv /work/venv-sk
    /work/venv-sk/bin/pip install scikit-learn
    /work/venv-sk/bin/python scripts/bench_vectorize_sklearn.py [COPIES]

Prints seconds per part, rows/s, non-zeros and the sum of all values (equal to lab's
`value_sum` to about 1e-3 when the features agree).
"""
import os
import re
import sys
import time

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
COPIES = int(sys.argv[1]) if len(sys.argv) > 1 else 5

with open(os.path.join(ROOT, "data", "amazon", "reviews_6k.ft.txt"), encoding="utf-8", newline="") as f:
    lines = [l for l in re.split(r"\r\n|\n|\r", f.read()) if l.strip(" \t")]
base = [l.split(" ", 1)[1].lstrip(" \t") for l in lines]
texts = [base[i % len(base)] for i in range(len(base) * COPIES)]

t0 = time.perf_counter()
vectorizer = TfidfVectorizer(max_features=20000, ngram_range=(1, 2), min_df=2, max_df=0.9, sublinear_tf=True)
vectorizer.fit(texts)
t1 = time.perf_counter()
x = vectorizer.transform(texts)
t2 = time.perf_counter()
print(f"scikit-learn {sklearn.__version__} vectorize: {len(texts)} rows  fit {t1 - t0:.3f}s  transform {t2 - t1:.3f}s  "
      f"total {t2 - t0:.3f}s  {len(texts) / (t2 - t0):,.0f} rows/s  non_zeros {x.nnz}  value_sum {x.sum():.4f}")
