#!/usr/bin/env python3
"""Whole-process load, and load + tokenize, of SST-2 train ×8: two lab binaries (a previous
build as a same-minute reference, and the current one) against plain Python and Keras 2,
interleaved round by round so all share the machine's load; best of 3 each.

    python3 scripts/bench_load_compare.py PREVIOUS_LAB [LAB] [KERAS_PYTHON]

LAB defaults to .build/release/lab, KERAS_PYTHON to python3 (it needs keras-preprocessing:
see bench_tokenize_keras.py's header). Run from the repository root.
"""
import os
import subprocess
import sys
import tempfile
import time

previous = sys.argv[1]
lab = sys.argv[2] if len(sys.argv) > 2 else ".build/release/lab"
python = sys.argv[3] if len(sys.argv) > 3 else "python3"
with open("data/sst2/train.tsv", encoding="utf-8") as f:
    header, *body = f.readlines()
fd, path = tempfile.mkstemp(suffix=".tsv")
with os.fdopen(fd, "w", encoding="utf-8") as f:
    f.write(header + "".join(body) * 8)


def seconds(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


runs = {name: [] for name in ["previous load", "lab load", "python", "previous tokenize", "lab tokenize", "keras"]}
try:
    for _ in range(3):
        runs["previous load"].append(seconds([previous, "run", "Benchmarks/load.exp", "file=" + path]))
        runs["lab load"].append(seconds([lab, "run", "Benchmarks/load.exp", "file=" + path]))
        runs["python"].append(seconds([python, "scripts/bench_load_python.py", path]))
        runs["previous tokenize"].append(seconds([previous, "run", "Benchmarks/load_tokenize.exp", "file=" + path]))
        runs["lab tokenize"].append(seconds([lab, "run", "Benchmarks/load_tokenize.exp", "file=" + path]))
        runs["keras"].append(seconds([python, "scripts/bench_load_python.py", path, "--keras"]))
finally:
    os.remove(path)
for name, times in runs.items():
    print(f"{name:18} {' '.join(f'{t:.3f}' for t in times)}   best {min(times):.3f} s")
best = {name: min(times) for name, times in runs.items()}
print(f"load:            Python / lab {best['python'] / best['lab load']:.2f}x   (previous {best['python'] / best['previous load']:.2f}x)")
print(f"load + tokenize: Keras / lab {best['keras'] / best['lab tokenize']:.1f}x   (previous {best['keras'] / best['previous tokenize']:.1f}x)")
