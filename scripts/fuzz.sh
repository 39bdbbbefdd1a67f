#!/usr/bin/env bash
# The fuzz tests of the suite, longer: the same seeded mutation loops (lab check on mutated
# experiments, the interpreter on mutated sessions over small data, every dataset reader and
# model files on mutated bytes) with N times the counts.
#   scripts/fuzz.sh          N = 20 (about 30,000 mutated scripts, 3,000 sessions, 40,000 files)
#   scripts/fuzz.sh 100      N = 100
# The suite itself runs N = 1 in well under a minute. Seeds are fixed, so a crash (its stack
# trace names the reader or statement) replays with the same N; make it a regression test
# before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
export LAB_FUZZ_SCALE="${1:-${LAB_FUZZ_SCALE:-20}}"
echo "fuzz.sh: LAB_FUZZ_SCALE=$LAB_FUZZ_SCALE" >&2
swift test --disable-swift-testing --filter 'CheckerFuzzTests|InterpreterFuzzTests|ReaderFuzzTests|SafeTensorsFuzzTests|ParserRobustnessTests'
