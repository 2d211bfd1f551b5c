#!/usr/bin/env bash
# The README's test command, and what CI runs (.ci/run) on a clean clone of Debian 12:
#   1. install the build dependencies
#   2. the ci build (optimised, asserts on, warnings are errors) and the whole suite
#   3. the whole suite again under AddressSanitizer + UBSan (build/asan); any finding fails
#   4. a short run of every fuzz target (build/fuzz, clang + libFuzzer); any crash fails
#   5. the Debian package: built, validated, unpacked and run from a temporary root
# Every stage prints how long it took. BOUNCEDESK_FUZZ_SECONDS sets the time per fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() {
    local name=$1 started=$SECONDS
    shift
    echo "=== ${name}"
    "$@"
    echo "=== ${name}: done in $((SECONDS - started)) s"
}

dependencies() {
    packaging/install-deps.sh
}

ci_suite() {
    cmake --preset ci
    cmake --build --preset ci
    QT_QPA_PLATFORM=offscreen ctest --preset ci
}

# The test preset sets ASAN_OPTIONS/UBSAN_OPTIONS/LSAN_OPTIONS (halt on the first finding,
# leak checks with tests/lsan.supp).
sanitizer_suite() {
    cmake --preset asan
    cmake --build --preset asan
    QT_QPA_PLATFORM=offscreen ctest --preset asan
}

fuzz_smoke() {
    tests/fuzz/run-fuzzers.sh --seconds "${BOUNCEDESK_FUZZ_SECONDS:-20}"
}

stage "Dependencies" dependencies
stage "Build and test (ci)" ci_suite
stage "Build and test under ASan + UBSan (asan)" sanitizer_suite
stage "Fuzz smoke run (fuzz)" fuzz_smoke
stage "Debian package: build, validate, unpack, run" packaging/check-package.sh
echo "=== All stages passed in ${SECONDS} s"
