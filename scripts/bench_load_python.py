#!/usr/bin/env python3
"""The Python sides of `scripts/bench_load.sh`: read a TSV file and split it into rows and
fields (plain Python, as fast as Python reads text), and with --keras also fit Keras 2's
Tokenizer(num_words=5000) on the texts, make the sequences and pad them to 50
(keras-preprocessing; its virtual environment is in bench_tokenize_keras.py's header).

    python3 scripts/bench_load_python.py FILE [--keras]

The shell script times the whole process; this prints the rows and, with --keras, the id sum
(equal to lab's `id_sum` of `lab bench --configs load` when the ids agree).
"""
import sys

path = sys.argv[1]
with open(path, encoding="utf-8", newline="") as f:
    rows = [line.split("\t") for line in f.read().splitlines()]
header, body = rows[0], rows[1:]
texts = [r[header.index("sentence")] for r in body]
labels = [r[header.index("label")] for r in body]
if "--keras" in sys.argv:
    from keras_preprocessing.sequence import pad_sequences
    from keras_preprocessing.text import Tokenizer
    tok = Tokenizer(num_words=5000)
    tok.fit_on_texts(texts)
    padded = pad_sequences(tok.texts_to_sequences(texts), maxlen=50)
    print(f"{len(texts)} rows  id_sum {int(padded.sum())}")
else:
    print(f"{len(texts)} rows")
