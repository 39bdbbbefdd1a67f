#!/usr/bin/env python3
"""lab's `word2vec` against gensim's Word2Vec: same corpus, same parameters, same threads.

Quality: Spearman correlation with WordSim-353 (gensim's test copy) on the pairs both
vocabularies cover. Speed: raw corpus words × epochs per second of training (gensim:
`train()` alone; lab: the whole `word2vec` statement, vocabulary building included), and
per CPU-second (user + system time of every thread; lab's includes loading the corpus),
which holds up better than wall time on a machine shared with other work.
Runs lab, then gensim, then lab again (this machine's timings drift; the two lab runs
bracket gensim's).

Setup (outside the repository):
    python3 -m venv /work/venv-w2v && /work/venv-w2v/bin/pip install gensim scipy
    swift build -c release --product lab
Usage:
    /work/venv-w2v/bin/python scripts/word2vec_vs_gensim.py [--corpus amazon|all] [--sg 0|1]
        [--threads 2] [--dim 100] [--epochs 5] [--window 5] [--min-count 5] [--seed 1]

Corpora (texts one per line, written to --workdir, read by both):
    amazon  the 6,459 bundled Amazon reviews (data/amazon/reviews_6k.ft.txt)
    all     every bundled text: Amazon, IMDB 3k, SST-2 train + dev, the UCI sentences

Words are split as lab's tokenizer (Keras text_to_word_sequence) splits them, so the
two vocabularies are the same.
"""
import argparse
import csv
import os
import re
import resource
import subprocess
import sys
import time

import numpy as np
from scipy.stats import spearmanr
from gensim.models import Word2Vec, KeyedVectors
from gensim.test.utils import datapath

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
TABLE = str.maketrans({c: " " for c in FILTERS})


def words(text):
    """Keras text_to_word_sequence with its defaults (lower-case, default filters, split on ' ')."""
    return [w for w in text.lower().translate(TABLE).split(" ") if w]


def bundled_texts(which):
    texts = []
    with open(os.path.join(ROOT, "data/amazon/reviews_6k.ft.txt"), encoding="utf-8") as f:
        texts += [line.rstrip("\n").split(" ", 1)[1] for line in f if line.strip()]
    if which == "amazon":
        return texts
    with open(os.path.join(ROOT, "data/imdb/reviews_3k.csv"), encoding="utf-8", newline="") as f:
        texts += [row["review"] for row in csv.DictReader(f)]
    for name in ["sst2/train.tsv", "sst2/dev.tsv"]:
        with open(os.path.join(ROOT, "data", name), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
            texts += [r[1] for r in rows]
    for name in ["sentences/amazon_cells_labelled.txt", "sentences/imdb_labelled.txt"]:
        with open(os.path.join(ROOT, "data", name), encoding="utf-8") as f:
            texts += [line.rsplit("\t", 1)[0] for line in f if line.strip()]
    return texts


def wordsim_pairs():
    pairs = []
    with open(datapath("wordsim353.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            a, b, score = line.rstrip("\n").split("\t")
            pairs.append((a.lower(), b.lower(), float(score)))
    return pairs


def cosine(kv, a, b):
    u, v = kv[a], kv[b]
    return float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))


def run_lab(corpus_path, out_path, args):
    script = os.path.join(args.workdir, "w2v.exp")
    with open(script, "w") as f:
        f.write(f"set threads={args.threads}\nseed {args.seed}\n")
        f.write(f'load corpus from "{corpus_path}" format=lines\n')
        f.write(f"word2vec v on corpus dim={args.dim} window={args.window} min_count={args.min_count} "
                f"negative=5 epochs={args.epochs} sg={args.sg}\n")
        f.write(f'save v to "{out_path}"\n')
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([args.lab, "run", script], capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    match = re.search(r"in ([0-9.]+)s, ([0-9,]+) words/s", out)
    return float(match.group(1)), int(match.group(2).replace(",", "")), cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["amazon", "all"], default="amazon")
    parser.add_argument("--sg", type=int, choices=[0, 1], default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1, help="lab's `seed` and gensim's `seed=`")
    parser.add_argument("--lab", default=os.path.join(ROOT, ".build/release/lab"))
    parser.add_argument("--workdir", default="/tmp/word2vec_vs_gensim")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)

    texts = bundled_texts(args.corpus)
    corpus_path = os.path.join(args.workdir, f"{args.corpus}.txt")
    with open(corpus_path, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(" ".join(t.split()) + "\n")  # one text per line, whitespace runs (newlines, tabs) as one space
    with open(corpus_path, encoding="utf-8") as f:
        sentences = [words(line) for line in f if line.strip()]
    raw = sum(len(s) for s in sentences)

    lab_vectors = os.path.join(args.workdir, "lab.vec")
    lab_a = run_lab(corpus_path, lab_vectors, args)

    model = Word2Vec(vector_size=args.dim, window=args.window, min_count=args.min_count, negative=5, sg=args.sg,
                     workers=args.threads, seed=args.seed)
    model.build_vocab(sentences)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    model.train(sentences, total_examples=len(sentences), epochs=args.epochs)
    gensim_seconds = time.perf_counter() - start
    done = resource.getrusage(resource.RUSAGE_SELF)
    gensim_cpu = (done.ru_utime - usage.ru_utime) + (done.ru_stime - usage.ru_stime)
    gensim_rate = raw * args.epochs / gensim_seconds

    lab_b = run_lab(corpus_path, lab_vectors, args)
    lab = KeyedVectors.load_word2vec_format(lab_vectors, binary=False)
    ours, theirs = lab, model.wv

    pairs = [(a, b, s) for a, b, s in wordsim_pairs()
             if all(w in ours.key_to_index and w in theirs.key_to_index for w in (a, b))]
    human = [s for _, _, s in pairs]
    rho_lab = spearmanr(human, [cosine(ours, a, b) for a, b, _ in pairs]).correlation
    rho_gensim = spearmanr(human, [cosine(theirs, a, b) for a, b, _ in pairs]).correlation

    import gensim
    print(f"corpus {args.corpus}: {len(sentences):,} texts, {raw:,} words; vocabulary lab {len(ours):,}, "
          f"gensim {len(theirs):,}; {'skip-gram' if args.sg else 'CBOW'} dim={args.dim} window={args.window} "
          f"min_count={args.min_count} epochs={args.epochs} seed={args.seed}, {args.threads} threads; gensim {gensim.__version__}")
    print(f"WordSim-353 pairs covered by both: {len(pairs)} of 353")
    trained = raw * args.epochs
    print("| | Spearman (WordSim-353) | words/s | seconds | words per CPU-second |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| gensim | {rho_gensim:.4f} | {gensim_rate:,.0f} | {gensim_seconds:.2f} | {trained / gensim_cpu:,.0f} |")
    print(f"| lab (run a / b) | {rho_lab:.4f} | {lab_a[1]:,} / {lab_b[1]:,} | {lab_a[0]:.2f} / {lab_b[0]:.2f} "
          f"| {trained / lab_a[2]:,.0f} / {trained / lab_b[2]:,.0f} |")
    print(f"lab ÷ gensim: words/s {lab_a[1] / gensim_rate:.2f}–{lab_b[1] / gensim_rate:.2f}×, "
          f"per CPU-second {gensim_cpu / lab_a[2]:.2f}–{gensim_cpu / lab_b[2]:.2f}×; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    sys.exit(main())
