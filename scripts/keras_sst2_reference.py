#!/usr/bin/env python3
"""The SST-2 quality bar's reference: the seed LSTM recipe in Keras.

Embedding(5000, 32) -> LSTM(100) -> Dense(1, sigmoid), Adam 1e-3, batch 64,
2 epochs, Keras 2 Tokenizer(num_words=5000) fitted on train, pad_sequences(maxlen=50).
Prints dev accuracy for several seeds, so lab's figure can be compared with
the spread Keras itself shows.

Run in a virtual environment outside the repository:
    python3 -m venv /tmp/keras-ref && . /tmp/keras-ref/bin/activate
    pip install keras jax jaxlib keras-preprocessing numpy
    KERAS_BACKEND=jax python scripts/keras_sst2_reference.py ../shared/data/sst2
"""
import csv
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np
if not hasattr(np, "unicode_"):
    np.unicode_ = np.str_  # keras_preprocessing 1.1.2 predates NumPy 2
import keras
from keras_preprocessing.text import Tokenizer
from keras_preprocessing.sequence import pad_sequences


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, rows = rows[0], rows[1:]
    li = header.index("label")
    ti = 1 - li
    return [r[ti] for r in rows], np.array([float(r[li]) for r in rows], dtype="float32")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/sst2"
    seeds = [int(s) for s in (sys.argv[2].split(",") if len(sys.argv) > 2 else ["1", "2", "3"])]
    xtr, ytr = read_tsv(os.path.join(folder, "train.tsv"))
    xdv, ydv = read_tsv(os.path.join(folder, "dev.tsv"))
    tok = Tokenizer(num_words=5000)
    tok.fit_on_texts(xtr)
    ptr = pad_sequences(tok.texts_to_sequences(xtr), maxlen=50)
    pdv = pad_sequences(tok.texts_to_sequences(xdv), maxlen=50)
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        model = keras.Sequential([
            keras.Input(shape=(50,), dtype="int32"),
            keras.layers.Embedding(5000, 32),
            keras.layers.LSTM(100),
            keras.layers.Dense(1, activation="sigmoid"),
        ])
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=["accuracy"])
        model.fit(ptr, ytr, epochs=2, batch_size=64, verbose=2)
        loss, acc = model.evaluate(pdv, ydv, verbose=0)
        print(f"seed {seed}: dev loss {loss:.4f} dev accuracy {acc:.4f}", flush=True)


if __name__ == "__main__":
    main()
