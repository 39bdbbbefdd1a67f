#!/usr/bin/env bash
# lab against PyTorch and Keras 3 on JAX, training and inference samples/s, in one run:
# lab, then PyTorch, then Keras-JAX, then lab again (lab's two runs bracket the peers;
# timings here drift ±15%, so compare within the run). Each peer config runs in its own
# process so its peak RSS is its own. Prints every table; the ratio is lab's slower run
# against the faster peer.
#
#   swift build -c release --product lab
#   python3 -m venv /work/venv-torch && /work/venv-torch/bin/pip install torch numpy
#   python3 -m venv /work/venv-jax && /work/venv-jax/bin/pip install jax keras
#   TORCH_PYTHON=/work/venv-torch/bin/python JAX_PYTHON=/work/venv-jax/bin/python \
#     scripts/bench_peers.sh [lstm,cnn,lstm2048,gru,bilstm,fullsize]
set -euo pipefail
cd "$(dirname "$0")/.."
configs=${1:-lstm,cnn,lstm2048,gru,bilstm,fullsize}
torch=${TORCH_PYTHON:-/work/venv-torch/bin/python}
jax=${JAX_PYTHON:-/work/venv-jax/bin/python}
lab=.build/release/lab
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export PEER_RESULTS="$out/peers.jsonl"

echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2) load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$lab" bench --configs "$configs,gemm" --json > "$out/lab_a.json"
for c in ${configs//,/ }; do
    "$torch" scripts/peer_lstm.py --framework torch --configs "$c" | tail -n 1
done
for c in ${configs//,/ }; do
    KERAS_BACKEND=jax "$jax" scripts/peer_lstm.py --framework keras-jax --configs "$c" | tail -n 1
done
"$lab" bench --configs "$configs,gemm" --json > "$out/lab_b.json"
echo "# done $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$out" <<'EOF'
import json, sys
out = sys.argv[1]
lab = [{r["config"]: r for r in json.load(open(f"{out}/lab_{k}.json"))} for k in "ab"]
peers = {}
for line in open(f"{out}/peers.jsonl"):
    r = json.loads(line)
    peers.setdefault(r["config"], {})[r["framework"]] = r
print("| config | lab train (a / b) | PyTorch | Keras-JAX | lab ÷ best peer | lab infer (a / b) | PyTorch | Keras-JAX | lab ÷ best peer |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for name in lab[0]:
    if name not in peers: continue
    cells = [name]
    for lab_key, peer_key in [("train_sps", "train_sps"), ("infer_sps", "infer_sps")]:
        a, b = (round(l[name][lab_key]) for l in lab)
        t = peers[name].get("torch", {}).get(peer_key)
        j = peers[name].get("keras-jax", {}).get(peer_key)
        best = max(x for x in [t, j, 1e-9] if x is not None)
        cells += [f"{a} / {b}", f"{t:.0f}" if t else "–", f"{j:.0f}" if j else "–", f"{min(a, b) / best:.2f}×"]
    print("| " + " | ".join(cells) + " |")
rates = []
for name in lab[0]:
    if name in peers:   # the peer script states the forward FLOPs of a sample
        flop = next(iter(peers[name].values()))["fwd_mflop_per_sample"] * 1e6
        rates.append(f"{name} lab infer {min(l[name]['infer_sps'] for l in lab) * flop / 1e9:.0f} GFLOP/s")
print("SGEMM 1024³ (lab a / b): " + " / ".join(f"{l['gemm']['gflops']:.0f}" for l in lab) + " GFLOP/s; " + "; ".join(rates))
EOF
