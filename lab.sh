#!/usr/bin/env bash
# The two quick-start commands of the README, and the setup they share.
#   ./lab.sh demo   build lab in release mode and run the demo experiment
#   ./lab.sh test   build lab in release mode and run the whole test suite
# Both first install what a fresh Debian machine lacks (we are root there).
set -euo pipefail
cd "$(dirname "$0")"

install_system_packages() {
    local missing=()
    for pkg in libopenblas-dev libreadline-dev pkg-config; do
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
}

build_release() {
    swift build -c release --product lab
}

case "${1:-}" in
    demo)
        install_system_packages
        build_release
        .build/release/lab --version
        .build/release/lab run experiments/quickstart.exp
        ;;
    test)
        install_system_packages
        install_python_packages
        build_release
        # Tests load OpenBLAS directly (no re-exec), so pick its AVX-512 kernels
        # here as `lab` does; golden transcripts were recorded with them (other
        # kernel sets can change the last bits of a sum).
        if grep -qw avx512f /proc/cpuinfo 2>/dev/null && [ -z "${LAB_BLAS_CORETYPE:-}" ]; then
            export OPENBLAS_CORETYPE=SkylakeX
        fi
        swift test --disable-swift-testing 2>&1 | tee .build/test.log
        ;;
    *)
        echo "usage: ./lab.sh demo|test" >&2
        exit 2
        ;;
esac
