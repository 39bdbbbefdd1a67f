#!/usr/bin/env bash
# What recording runs costs: the same training (the small sentence model, EPOCHS epochs of
# 800 rows, about 20 ms each) with the run store off and on, alternating, ROUNDS times each,
# then the store's own time per epoch (the commits, measured inside one process).
#   scripts/bench_store.sh [EPOCHS] [ROUNDS]        (after swift build -c release --product lab)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-200}"; rounds="${2:-3}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cat > "$work/b.exp" <<EXP
seed 3
load s from "$PWD/data/sentences/amazon_cells_labelled.txt"
split s train=0.8 val=0.2
tokenize s words=500 maxlen=20
model m
  embedding 500 8
  lstm 8
  dense 1 sigmoid
end
train m on s.train val=s.val epochs=$epochs batch=50
EXP
for i in $(seq "$rounds"); do
    for store in off "$work/runs/lab.sqlite"; do
        start=$(date +%s.%N)
        LAB_STORE="$store" .build/release/lab run "$work/b.exp" > /dev/null
        end=$(date +%s.%N)
        label=$([ "$store" = off ] && echo "store off" || echo "store on ")
        echo "$label  $epochs epochs  $(echo "$end - $start" | bc) s"
    done
done
