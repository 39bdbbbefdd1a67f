#!/usr/bin/env python3
"""Writes a large synthetic libsvm file for the sparse-loading memory measurement:
ROWS rows × 2^20 features, about 50 non-zeros per row (40–60, indices sorted, 1-based),
labels 0/1, values with four significant digits. Seeded, so the file is the same every time.

    python3 scripts/make_big_libsvm.py /tmp/big.svm [ROWS]      # ROWS defaults to 1,000,000 (~0.7 GB)
    /usr/bin/time -v .build/release/lab run /tmp/load_big.exp    # load big from "/tmp/big.svm" features=1048576

Write it outside the repository (it is large and easily remade).
"""
import random
import sys

FEATURES = 1 << 20


def main():
    path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(20)
    values = [f"{rng.uniform(0.001, 1):.4g}" for _ in range(997)]
    with open(path, "w", encoding="ascii", newline="\n") as f:
        block = []
        for r in range(rows):
            k = rng.randint(40, 60)
            cols = sorted(rng.sample(range(1, FEATURES + 1), k))
            block.append(str(r & 1) + " " + " ".join(f"{c}:{values[(c * 31 + r) % 997]}" for c in cols) + "\n")
            if len(block) == 10_000:
                f.write("".join(block))
                block.clear()
        f.write("".join(block))
    print(f"wrote {path}: {rows} rows × {FEATURES} features")


if __name__ == "__main__":
    main()
