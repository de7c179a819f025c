#!/usr/bin/env bash
# Runs the fuzz targets, one after the other, each for a bounded time, from their seeds
# (fuzz/corpus/TARGET), past findings (fuzz/regressions/TARGET) and earlier runs' inputs.
#
#   bash fuzz/run.sh SECONDS [TARGET...]     (all targets when none is named)
#   FUZZ_DEV=1 bash fuzz/run.sh SECONDS      (unoptimised build: compiles in less than half
#                                            the time, runs slower; for short smoke runs)
#
# Needs `cargo +nightly` and cargo-fuzz on PATH (`make fuzz` installs it under .tools/;
# CARGO_FUZZ overrides the command, default "cargo +nightly fuzz"). Each target starts from
# its committed seeds (fuzz/corpus/TARGET) plus what earlier runs found (fuzz/work/TARGET,
# git-ignored, where new inputs go). A crash, a leak, an out-of-memory or a timeout stops
# that target with a reproducer under fuzz/artifacts/TARGET/ and makes the script exit
# non-zero; the other targets still run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/fuzz"

SECONDS_EACH="${1:?usage: fuzz/run.sh SECONDS [TARGET...]}"
shift
TARGETS=("$@")
if [[ ${#TARGETS[@]} -eq 0 ]]; then
    TARGETS=(ffi_calls native_load edgelist csv query graphml gml)
fi
read -r -a CARGO_FUZZ <<< "${CARGO_FUZZ:-cargo +nightly fuzz}"
# One input running longer than this is a hang; memory beyond these is a bug.
LIBFUZZER_FLAGS=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1)

BUILD_FLAGS=()
if [[ "${FUZZ_DEV:-0}" == 1 ]]; then
    BUILD_FLAGS=(--dev)
fi

# One build for every target (cargo-fuzz builds with ASan, debug assertions and overflow
# checks on; LeakSanitizer runs after each input).
"${CARGO_FUZZ[@]}" build ${BUILD_FLAGS[@]+"${BUILD_FLAGS[@]}"}

failed=()
for t in "${TARGETS[@]}"; do
    mkdir -p "work/$t"
    extra=()
    # Inputs that once failed run first, every time.
    dirs=("work/$t" "corpus/$t")
    [[ -d "regressions/$t" ]] && dirs+=("regressions/$t")
    if [[ $t == ffi_calls ]]; then
        # Programs need room: longer inputs from the start (more steps per run).
        extra=(-max_len=1024 -len_control=0)
    fi
    echo "== fuzz $t for ${SECONDS_EACH}s"
    if "${CARGO_FUZZ[@]}" run ${BUILD_FLAGS[@]+"${BUILD_FLAGS[@]}"} "$t" "${dirs[@]}" -- \
        -max_total_time="$SECONDS_EACH" "${LIBFUZZER_FLAGS[@]}" ${extra[@]+"${extra[@]}"} \
        2> "work/$t.log"; then
        grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb))' \
            "work/$t.log" | tr '\n' ' '
        grep -E '#[0-9]+\s+DONE' "work/$t.log" | tail -n 1 | sed 's/^/  /'
    else
        echo "FAIL: fuzz target $t (reproducer in fuzz/artifacts/$t/):" >&2
        grep -E 'panicked at|ERROR:|SUMMARY:|^\s+#[0-9]+ .* in groggy' "work/$t.log" | head -n 20 >&2
        tail -n 25 "work/$t.log" >&2
        failed+=("$t")
    fi
done
if [[ ${#failed[@]} -ne 0 ]]; then
    echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: ${#TARGETS[@]} target(s) ran ${SECONDS_EACH}s each without a crash, leak or timeout"
