#!/usr/bin/env python3
"""Sanity anchor: lab's one-layer sigmoid network on lab's tf-idf features against
scikit-learn's LogisticRegression on the very same features (a one-layer sigmoid network
is that model), by test AUC on held-out reviews.

For each bundled review file: lab loads it, splits it (seed 3, 80/20), fits tf-idf on the
training split only, exports both splits as libsvm, trains `dense 1 sigmoid` and evaluates
AUC on the test split; scikit-learn then reads the exported files and fits
LogisticRegression (default C=1.0, lbfgs) on the training rows and scores the test rows.

    swift build -c release --product lab
    /work/venv-sk/bin/python scripts/anchor_logistic_regression.py
"""
import os
import re
import subprocess
import sys
import tempfile

from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LAB = os.path.join(ROOT, ".build", "release", "lab")
CASES = [
    ("amazon", 'load r from "data/amazon/reviews_6k.ft.txt" positive=2 negative=1'),
    ("imdb", 'load r from "data/imdb/reviews_3k.csv" text=review label=sentiment positive=positive'),
]
SCRIPT = """seed 3
{load}
split r train=0.8 test=0.2
vectorize r tfidf words=20000 ngrams=1,2 min_df=2 max_df=0.9 sublinear_tf=true
export r.train to "{dir}/train.svm"
export r.test to "{dir}/test.svm"
model m
  dense 1 sigmoid
end
compile m loss=binary_crossentropy optimizer=adam lr=0.01 metrics=auc
train m on r.train epochs=10 batch=32
evaluate m on r.test
"""


def main():
    worst = 0.0
    for name, load in CASES:
        with tempfile.TemporaryDirectory() as d:
            exp = os.path.join(d, "anchor.exp")
            with open(exp, "w") as f:
                f.write(SCRIPT.format(load=load, dir=d))
            out = subprocess.run([LAB, "run", exp], cwd=ROOT, capture_output=True, text=True, check=True).stdout
            lab_auc = float(re.findall(r"^loss: .* auc: ([0-9.]+)", out, re.M)[-1])
            columns = int(re.search(r"([0-9,]+) columns", out).group(1).replace(",", ""))
            xtr, ytr = load_svmlight_file(os.path.join(d, "train.svm"), n_features=columns)
            xte, yte = load_svmlight_file(os.path.join(d, "test.svm"), n_features=columns)
        lr = LogisticRegression(max_iter=1000).fit(xtr, ytr)
        sk_auc = roc_auc_score(yte, lr.predict_proba(xte)[:, 1])
        worst = max(worst, sk_auc - lab_auc)
        print(f"{name}: {xtr.shape[0]} train / {xte.shape[0]} test rows, {columns} columns: "
              f"lab one-layer sigmoid AUC {lab_auc:.4f}, scikit-learn LogisticRegression AUC {sk_auc:.4f}, "
              f"difference {sk_auc - lab_auc:+.4f}")
    sys.exit(0 if worst <= 0.01 else 1)


if __name__ == "__main__":
    main()
