#!/usr/bin/env bash
# Training speed of the lstm and cnn bench configs, data-parallel over MPI vs threads.
#   scripts/bench_data_parallel.sh [rounds]
# Per round and config: one process with 1 thread, one process with 2 threads, and
# mpirun -np 1 / -np 2 with one thread per process (global batch 64 throughout; under
# mpirun each process takes 64/N rows and the gradients are allreduced every step).
# Prints train samples/s (global samples), the bytes each process allreduces and receives by
# gather (embedding rows) per step, and the milliseconds per step spent in those collectives
# (waiting for the slower process included).
# The machine is shared: run several rounds and compare numbers of the same round.
set -euo pipefail
cd "$(dirname "$0")/.."
lab=.build/release/lab
mpirun=(mpirun --allow-run-as-root --oversubscribe --bind-to none)
rounds=${1:-1}
field() { python3 -c "
import json, sys
r = json.load(sys.stdin)[0]
if 'allreduce_bytes_per_step' in r:
    print('%8.0f %12d %12d %8.1f' % (r['train_sps'], r['allreduce_bytes_per_step'], r['gathered_bytes_per_step'], r['allreduce_ms_per_step']))
else:
    print('%8.0f %12s %12s %8s' % (r['train_sps'], '-', '-', '-'))"; }
printf '%-6s %-5s %-28s %8s %12s %12s %8s\n' round model setup 'train/s' 'allreduced' 'gathered' 'ms/step'
for round in $(seq "$rounds"); do
    for config in lstm cnn; do
        printf '%-6s %-5s %-28s %s\n' "$round" "$config" "1 process, 1 thread" "$($lab bench --configs $config --threads 1 --json | field)"
        printf '%-6s %-5s %-28s %s\n' "$round" "$config" "1 process, 2 threads" "$($lab bench --configs $config --threads 2 --json | field)"
        printf '%-6s %-5s %-28s %s\n' "$round" "$config" "mpirun -np 1, 1 thread" \
            "$(OPENBLAS_NUM_THREADS=1 "${mpirun[@]}" -np 1 $lab bench --configs $config --threads 1 --json | field)"
        printf '%-6s %-5s %-28s %s\n' "$round" "$config" "mpirun -np 2, 1 thread each" \
            "$(OPENBLAS_NUM_THREADS=1 "${mpirun[@]}" -np 2 $lab bench --configs $config --threads 1 --json | field)"
    done
done
