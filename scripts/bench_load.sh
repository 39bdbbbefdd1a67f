#!/usr/bin/env bash
# Whole-process load, and load + tokenize, of SST-2 train with its body repeated 8 times
# (538,792 rows, 30 MB): lab against plain Python (read + split) and Keras 2's Tokenizer,
# each process timed from start to exit, best of 3, all in one run so they share the machine's load
# (compare the ratios: absolute times move with whatever else the machine runs).
#
#   swift build -c release --product lab
#   KERAS_PYTHON=/tmp/kp-venv/bin/python scripts/bench_load.sh     # venv: see bench_tokenize_keras.py
#
# KERAS_PYTHON defaults to python3; the Keras rows need keras-preprocessing there.
set -euo pipefail
cd "$(dirname "$0")/.."
lab=.build/release/lab
python=${KERAS_PYTHON:-python3}
file=$(mktemp --suffix=.tsv)
trap 'rm -f "$file"' EXIT
{ head -n 1 data/sst2/train.tsv; for _ in 1 2 3 4 5 6 7 8; do tail -n +2 data/sst2/train.tsv; done; } > "$file"

# Seconds of the fastest of 3 runs of a command (output discarded).
best() {
    local best=""
    for _ in 1 2 3; do
        local t0 t1
        t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
        best=$(python3 -c "print(min(x for x in [$t1 - $t0, ${best:-1e9}]))")
    done
    printf '%.3f' "$best"
}

cat "$file" > /dev/null    # into the page cache
rows=$(($(wc -l < "$file") - 1))
echo "file: $rows rows, $(($(stat -c %s "$file") / 1000000)) MB; lab threads: ${LAB_THREADS:-default}"
lab_load=$(best "$lab" run Benchmarks/load.exp file="$file")
py_load=$(best "$python" scripts/bench_load_python.py "$file")
lab_tok=$(best "$lab" run Benchmarks/load_tokenize.exp file="$file")
keras_tok=$(best "$python" scripts/bench_load_python.py "$file" --keras)
python3 - "$lab_load" "$py_load" "$lab_tok" "$keras_tok" <<'PY'
import sys
lab_load, py_load, lab_tok, keras_tok = map(float, sys.argv[1:])
print(f"load (whole process):            lab {lab_load:.3f} s   Python read+split {py_load:.3f} s   ({py_load / lab_load:.1f}x)")
print(f"load + tokenize (whole process): lab {lab_tok:.3f} s   Keras 2 {keras_tok:.3f} s   ({keras_tok / lab_tok:.1f}x)")
PY
