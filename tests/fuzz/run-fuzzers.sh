#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, ASan + UBSan) and runs each one for a
# bounded time. Fails when any target finds a crash, a leak, a hang or a broken property.
#
#   tests/fuzz/run-fuzzers.sh [--seconds N] [--no-build] [target...]
#     --seconds N  how long each target runs (default 60)
#     --no-build   use build/fuzz as it is
#     target       bounces_json bounces_xml customers api_errors csv_writer (default: all)
#
# Inputs that fail are copied to build/fuzz/crashes/<target>/ and printed in base64, so a CI log
# is enough to reproduce one:  build/fuzz/fuzz_<target> <file>
# Make each one a regression test: fix the bug, then copy the input into
# tests/fuzz/regressions/<target>/ (tst_fuzzregressions runs it in the normal suite).
# What the fuzzers learn stays in build/fuzz/corpus/<target>/; the committed seeds in
# tests/fuzz/corpus/<target>/ are only read.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=60
build=1
targets=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --seconds) seconds=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(bounces_json bounces_xml customers api_errors csv_writer)

if [[ $build -eq 1 ]]; then
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz
fi

fuzzdir=build/fuzz
# libFuzzer turns on leak detection itself; every UBSan finding aborts.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

declare -A dictionary=(
    [bounces_json]=tests/fuzz/json.dict [bounces_xml]=tests/fuzz/xml.dict
    [customers]=tests/fuzz/responses.dict [api_errors]=tests/fuzz/responses.dict
)

failed=()
for target in "${targets[@]}"; do
    binary=$fuzzdir/fuzz_$target
    [[ -x $binary ]] || { echo "no fuzz target $binary" >&2; exit 2; }
    work=$fuzzdir/corpus/$target
    crashes=$fuzzdir/crashes/$target
    mkdir -p "$work" "$crashes"
    seeds=(tests/fuzz/corpus/"$target")
    [[ -d tests/fuzz/regressions/$target ]] && seeds+=(tests/fuzz/regressions/"$target")
    options=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=16384
             -use_value_profile=1 -print_final_stats=1 -artifact_prefix="$crashes/")
    [[ -n ${dictionary[$target]:-} ]] && options+=(-dict="${dictionary[$target]}")

    echo "=== fuzz_$target for ${seconds}s"
    stamp=$fuzzdir/crashes/.started-$target
    touch "$stamp"
    before=$(find "$crashes" -type f | wc -l)
    status=0
    "$binary" "${options[@]}" "$work" "${seeds[@]}" > "$fuzzdir/fuzz_$target.log" 2>&1 || status=$?
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|INFO: seed corpus)' \
        "$fuzzdir/fuzz_$target.log" || true
    after=$(find "$crashes" -type f | wc -l)
    if [[ $status -ne 0 || $after -ne $before ]]; then
        failed+=("$target")
        echo "--- fuzz_$target FAILED (exit $status); the end of its log:"
        tail -n 60 "$fuzzdir/fuzz_$target.log"
        find "$crashes" -type f -newer "$stamp" -size -64k | while read -r input; do
            echo "--- failing input $input (base64; reproduce with $binary $input):"
            base64 -w 0 "$input"
            echo
        done
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "Fuzzing found problems in: ${failed[*]} (inputs in $fuzzdir/crashes/)" >&2
    exit 1
fi
echo "All fuzz targets ran clean for ${seconds}s each."
