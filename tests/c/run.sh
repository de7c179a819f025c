#!/usr/bin/env bash
# Builds and runs the C tests against include/groggy.h and libgroggy.
#
#   bash tests/c/run.sh [LIBDIR]        (LIBDIR defaults to target/debug; run `cargo build` first)
#   bash tests/c/run.sh --asan LIBDIR   (LIBDIR holds a libgroggy built with -Zsanitizer=address)
#
# Every tests/c/test_*.c is compiled twice, as C99 and as C++17, with -Wall -Wextra -Werror
# -pedantic, into tests/c/build/; the C99 binaries run under valgrind (leak check on; only
# definite and indirect leaks and real memory errors fail) when valgrind is installed, the
# C++ ones plainly, JOBS (default: the number of cores) at a time. It also checks that the
# header declares every gr_* function the library exports.
# Exits non-zero if any step fails.
#
# With --asan the tests are compiled (as C99 only) with -fsanitize=address into
# tests/c/build-asan/ and run directly (valgrind cannot run ASan binaries), leak detection
# on. The sanitized Rust library leaves the ASan runtime to the program that loads it: here
# gcc's libasan, which the test binaries link (it implements the same
# __asan_version_mismatch_check_v8 interface as the LLVM instrumentation rustc emits).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

ASAN=0
if [[ "${1:-}" == "--asan" ]]; then
    ASAN=1
    shift
fi
LIBDIR="${1:-target/debug}"
if [[ ! -d "$LIBDIR" ]]; then
    echo "run.sh: library directory '$LIBDIR' does not exist (run 'cargo build' first)" >&2
    exit 2
fi
LIBDIR="$(cd "$LIBDIR" && pwd)"
if [[ ! -e "$LIBDIR/libgroggy.so" && ! -e "$LIBDIR/libgroggy.dylib" ]]; then
    echo "run.sh: no libgroggy shared library in $LIBDIR (run 'cargo build' first)" >&2
    exit 2
fi

SRC_DIR="tests/c"
BUILD_DIR="tests/c/build"
[[ $ASAN -eq 1 ]] && BUILD_DIR="tests/c/build-asan"
SUPP="$SRC_DIR/valgrind.supp"
mkdir -p "$BUILD_DIR"

CC="${CC:-gcc}"
CXX="${CXX:-g++}"
COMMON=(-Wall -Wextra -Werror -pedantic -g -Iinclude -I"$SRC_DIR" -pthread)
LINK=(-L"$LIBDIR" -lgroggy -Wl,-rpath,"$LIBDIR")
if [[ $ASAN -eq 1 ]]; then
    COMMON+=(-fsanitize=address -fno-omit-frame-pointer)
fi

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# ----- the header declares exactly what the library exports --------------------------------
# (Functions defined through macro_rules! were once exported but missing from the header,
# because cbindgen does not expand macros.)
if command -v nm >/dev/null 2>&1 && [[ -e "$LIBDIR/libgroggy.so" ]]; then
    exported="$(nm -D --defined-only "$LIBDIR/libgroggy.so" | awk '$3 ~ /^gr_/ {print $3}' | sort -u)"
    declared="$(grep -vE '^[[:space:]]*(//|/?\*)' include/groggy.h |
        grep -oE '\bgr_[a-z0-9_]+\(' | tr -d '(' | sort -u || true)"
    undeclared="$(comm -23 <(echo "$exported") <(echo "$declared"))"
    not_exported="$(comm -13 <(echo "$exported") <(echo "$declared"))"
    echo "== header: $(echo "$declared" | grep -c .) functions declared," \
        "$(echo "$exported" | grep -c .) exported"
    if [[ -n "$undeclared" ]]; then
        fail "exported by libgroggy but not declared in include/groggy.h:" $undeclared
    fi
    if [[ -n "$not_exported" ]]; then
        fail "declared in include/groggy.h but not exported by libgroggy:" $not_exported
    fi
else
    echo "== nm is not available: skipping the header/exports check"
fi

# ----- every name the header defines carries the gr_ / GR_ prefix ----------------------------
# (except the Arrow C Data and C Stream Interfaces' own guards and flags, declared as Arrow
# declares them)
unprefixed="$(grep -oE '^#define [A-Za-z_][A-Za-z0-9_]*' include/groggy.h |
    awk '{print $2}' | grep -vE '^(GR_|GROGGY_H$|ARROW_C_DATA_INTERFACE$|ARROW_C_STREAM_INTERFACE$|ARROW_FLAG_)' || true)"
if [[ -n "$unprefixed" ]]; then
    fail "include/groggy.h defines names without the GR_ prefix:" $unprefixed
fi
types="$(grep -oE '^typedef .* ([a-z_][a-z0-9_]*);$' include/groggy.h |
    grep -oE '[a-z_][a-z0-9_]*;$' | tr -d ';' | grep -vE '^gr_' || true)"
if [[ -n "$types" ]]; then
    fail "include/groggy.h declares types without the gr_ prefix:" $types
fi

# ----- compile -------------------------------------------------------------------------------
# Compiles and runs go JOBS at a time (default: one per core); each writes its own log,
# printed in order once all are done, so the output reads as if they ran one by one.
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

# Runs "$@" in the background once fewer than JOBS are running; its output goes to
# "$LOG.log" and its exit status to "$LOG.status" (LOG set by the caller).
spawn() {
    while (($(jobs -rp | wc -l) >= JOBS)); do
        wait -n || true
    done
    local log="$LOG"
    (
        status=0
        "$@" >"$log.log" 2>&1 || status=$?
        echo "$status" >"$log.status"
    ) &
}

# Prints a finished job's log; returns its exit status.
reap() {
    cat "$1.log"
    return "$(cat "$1.status")"
}

shopt -s nullglob
sources=("$SRC_DIR"/test_*.c)
if [[ ${#sources[@]} -eq 0 ]]; then
    echo "run.sh: no tests/c/test_*.c found" >&2
    exit 2
fi
candidates=()
for src in "${sources[@]}"; do
    name="$(basename "$src" .c)"
    LOG="$BUILD_DIR/${name}_c99.compile"
    spawn "$CC" -std=c99 "${COMMON[@]}" "$src" -o "$BUILD_DIR/${name}_c99" "${LINK[@]}"
    candidates+=("$src:$BUILD_DIR/${name}_c99:C99")
    # Under ASan the C99 build alone: the C++17 one differs only in how the header
    # compiles, which the plain run checks.
    [[ $ASAN -eq 1 ]] && continue
    LOG="$BUILD_DIR/${name}_cxx17.compile"
    spawn "$CXX" -x c++ -std=c++17 "${COMMON[@]}" "$src" -o "$BUILD_DIR/${name}_cxx17" "${LINK[@]}"
    candidates+=("$src:$BUILD_DIR/${name}_cxx17:C++17")
done
wait
binaries=()
for candidate in "${candidates[@]}"; do
    IFS=: read -r src bin standard <<<"$candidate"
    echo "== compile $(basename "$src" .c) ($standard)"
    if reap "$bin.compile"; then
        binaries+=("$bin")
    else
        fail "compile $src as $standard"
    fi
done

# ----- run -----------------------------------------------------------------------------------
runner=()
if [[ $ASAN -eq 1 ]]; then
    # Any error or leak fails the binary (exit code 1 from ASan/LSan).
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    echo "== running under AddressSanitizer (ASAN_OPTIONS=$ASAN_OPTIONS)"
elif command -v valgrind >/dev/null 2>&1; then
    # Only definite and indirect leaks are shown: the "possibly lost" blocks of rayon's
    # worker threads, alive at exit by design, would bury the record of a real failure.
    runner=(valgrind --leak-check=full --error-exitcode=1 --quiet
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect)
    if [[ -f "$SUPP" ]]; then
        runner+=(--suppressions="$SUPP")
    fi
    echo "== running under $(valgrind --version)"
else
    echo "== valgrind is not installed: running the tests without it (no leak check)"
fi

# The C++17 builds are the same tests compiled as C++ (they check that the header works
# there); the library's memory is checked once, through the C99 builds, and the C++ ones
# run plainly, which halves the time of the run.
for bin in ${binaries[@]+"${binaries[@]}"}; do
    LOG="$bin.run"
    if [[ "$bin" == *_cxx17 ]]; then
        spawn "$bin"
    else
        spawn ${runner[@]+"${runner[@]}"} "$bin"
    fi
done
wait
for bin in ${binaries[@]+"${binaries[@]}"}; do
    echo "== run $bin"
    if ! reap "$bin.run"; then
        fail "run $bin"
    fi
done

if [[ $failures -ne 0 ]]; then
    echo "C tests: $failures step(s) failed" >&2
    exit 1
fi
echo "C tests: all ${#binaries[@]} binaries passed"
