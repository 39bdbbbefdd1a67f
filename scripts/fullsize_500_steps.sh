#!/bin/bash
# 500 training steps of seed 000's full-size LSTM from the stream, measured:
#   scripts/fullsize_500_steps.sh [OUTDIR]      # OUTDIR defaults to /work/fullsize (holds train.ft.txt)
# Runs scripts/fullsize_lstm.exp under /usr/bin/time -v (OUTDIR/train500.time), logs the time of
# each checkpoint (every 250 steps) in OUTDIR/watch500.log, and sends SIGINT (Ctrl-C: stop after
# the current batch) once the step-500 checkpoint is written.
set -u
cd "$(dirname "$0")/.."
out=${1:-/work/fullsize}
rm -f "$out/ck.safetensors"
/usr/bin/time -v .build/release/lab run scripts/fullsize_lstm.exp data="$out/train.ft.txt" \
    checkpoint="$out/ck.safetensors" every=250 > "$out/train500.out" 2> "$out/train500.time" &
sleep 2
lab=$(pgrep -f "^.build/release/lab run scripts/fullsize_lstm.exp")
echo "start $(date +%s.%N) lab=$lab" > "$out/watch500.log"
last="" n=0
while kill -0 "$lab" 2>/dev/null; do
    m=$(stat -c %Y "$out/ck.safetensors" 2>/dev/null)
    if [ -n "$m" ] && [ "$m" != "$last" ]; then
        n=$((n + 1)) last=$m
        echo "checkpoint $n $(date +%s.%N) mtime=$m rss_kb=$(ps -o rss= -p "$lab")" >> "$out/watch500.log"
        if [ $n -ge 2 ]; then kill -INT "$lab"; fi
    fi
    sleep 1
done
wait
echo "end $(date +%s.%N)" >> "$out/watch500.log"
