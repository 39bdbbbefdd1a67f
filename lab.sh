#!/usr/bin/env bash
# The two quick-start commands of the README, and the setup they share.
#   ./lab.sh demo   build lab in release mode and run the demo experiment
#   ./lab.sh test   build lab in release mode and run the whole test suite
# Both first install what a fresh Debian machine lacks (we are root there).
set -euo pipefail
cd "$(dirname "$0")"

install_system_packages() {
    local missing=()
    # Open MPI: only `mpirun -np N lab run` loads it (data-parallel training; the suite tests it).
    for pkg in libopenblas-dev libreadline-dev libsqlite3-dev pkg-config libopenmpi-dev openmpi-bin; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "lab.sh: installing ${missing[*]}" >&2
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# The interoperability test reads lab's model files with Python's safetensors.
install_python_packages() {
    if ! python3 -c "import safetensors.numpy, numpy" >/dev/null 2>&1; then
        echo "lab.sh: installing Python packages safetensors, numpy" >&2
        python3 -m pip install --quiet safetensors numpy
    fi
    # The TensorBoard test reads lab's event files with the tensorboard package, kept in a
    # virtualenv outside the repository.
    local venv="${LAB_TENSORBOARD_VENV:-$HOME/.cache/lab/venv-tb}"
    if ! "$venv/bin/python" -c "import tensorboard" >/dev/null 2>&1; then
        echo "lab.sh: installing tensorboard into $venv" >&2
        python3 -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet tensorboard
    fi
    export LAB_TENSORBOARD_PYTHON="$venv/bin/python"
}

# The numeric modules are compiled for AVX2 + FMA (see Package.swift): refuse,
# with a reason, a CPU that would die of SIGILL running them.
require_avx2() {
    if [ -r /proc/cpuinfo ] && ! { grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; }; then
        echo "lab.sh: this CPU lacks AVX2/FMA, which lab's numeric kernels are compiled for" >&2
        exit 1
    fi
}

build_release() {
    swift build -c release --product lab
}

case "${1:-}" in
    demo)
        require_avx2
        install_system_packages
        build_release
        .build/release/lab --version
        .build/release/lab run experiments/quickstart.exp
        ;;
    test)
        require_avx2
        install_system_packages
        install_python_packages
        build_release
        # Tests load OpenBLAS directly (no re-exec), so choose its kernels here
        # as `lab` does: LAB_BLAS_CORETYPE when set (CI sets Haswell to run the
        # AVX2 family on an AVX-512 machine), else SkylakeX on an AVX-512 CPU,
        # else OpenBLAS's own choice. Exact-number tests hold for every family.
        if [ -n "${LAB_BLAS_CORETYPE:-}" ]; then
            export OPENBLAS_CORETYPE="$LAB_BLAS_CORETYPE"
        elif grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
            export OPENBLAS_CORETYPE=SkylakeX
        fi
        echo "lab.sh: testing with OpenBLAS kernels ${OPENBLAS_CORETYPE:-chosen by OpenBLAS}" >&2
        swift test --disable-swift-testing 2>&1 | tee .build/test.log
        ;;
    *)
        echo "usage: ./lab.sh demo|test" >&2
        exit 2
        ;;
esac
