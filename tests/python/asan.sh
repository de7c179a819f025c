#!/usr/bin/env bash
# Runs the Python tests against a libgroggy built with AddressSanitizer.
#
#   bash tests/python/asan.sh PYTHON LIBGROGGY_SO [PYTEST ARGS...]
#
# The sanitized Rust library leaves the ASan runtime to the program that loads it, and
# Python is not built with ASan, so the runtime is preloaded: gcc's libasan, which
# implements the interface the LLVM instrumentation in rustc calls (checked below through
# __asan_version_mismatch_check_vN). PYTHONMALLOC=malloc sends Python's own allocations
# (cffi buffers the library writes results into included) through ASan's malloc, so an
# overrun of one is caught. Leak detection is on; tests/python/lsan.supp silences leaks of
# CPython objects, which are not groggy's (see there).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

PYTHON="${1:?usage: tests/python/asan.sh PYTHON LIBGROGGY_SO [PYTEST ARGS...]}"
LIB="${2:?usage: tests/python/asan.sh PYTHON LIBGROGGY_SO [PYTEST ARGS...]}"
shift 2
if [[ ! -e "$LIB" ]]; then
    echo "asan.sh: no library at $LIB (make asan-build)" >&2
    exit 2
fi
LIB="$(cd "$(dirname "$LIB")" && pwd)/$(basename "$LIB")"

RUNTIME="$("${CC:-gcc}" -print-file-name=libasan.so)"
if [[ ! -e "$RUNTIME" ]]; then
    echo "asan.sh: ${CC:-gcc} has no libasan.so (install libasan / gcc)" >&2
    exit 2
fi
RUNTIME="$(readlink -f "$RUNTIME")"
wanted="$(nm -D "$LIB" | grep -o '__asan_version_mismatch_check_v[0-9]*' | head -n1 || true)"
provided="$(nm -D --defined-only "$RUNTIME" | awk '{print $3}')"
if [[ -n "$wanted" ]] && ! grep -qx "$wanted" <<< "$provided"; then
    echo "asan.sh: $RUNTIME does not implement $wanted, which $LIB needs" >&2
    exit 2
fi

# Preloaded into Python (and the processes it starts) only: not into tee and grep below.
PRELOAD="$RUNTIME${LD_PRELOAD:+:$LD_PRELOAD}"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# use_tls=0: LeakSanitizer (gcc 12's, on glibc 2.36) crashes in its tracer while it reads
# the thread-local blocks of libraries loaded with dlopen ("Tracer caught signal 11" at
# exit, every time in some processes, e.g. Python with numpy blocked). Not scanning them
# cannot hide a leak: fewer roots only make more memory look unreachable, so a clean run
# stays a proof; a block kept only by a thread-local would be reported, not missed.
export LSAN_OPTIONS="suppressions=$ROOT/tests/python/lsan.supp:print_suppressions=0:use_tls=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export PYTHONMALLOC=malloc
export GROGGY_LIBRARY="$LIB"
export PYTHONPATH="$ROOT/python${PYTHONPATH:+:$PYTHONPATH}"
echo "== pytest under AddressSanitizer: $LIB, runtime $RUNTIME"
# Tests that cap a child's address space (marker address_space_limit) run in the normal
# suite only: ASan reserves terabytes of shadow memory, so such a cap cannot be set a
# little above what the child uses. So do three files whose subject is not the library's
# memory: the command line's wording and exit codes (each test starts several Python
# processes, slow under ASan, running library calls the in-process tests run here too),
# the documentation and the built wheel (no library call at all).
# test_igraph_interop.py imports igraph, which imports matplotlib when it is installed (as
# `make bench` does), whose C++ exceptions at import the preloaded runtime cannot handle.
# Tests marked cxx_exceptions make pyarrow throw a C++ exception inside itself, which the
# preloaded runtime's __cxa_throw interceptor cannot handle in a process it was not linked
# into (it aborts in CheckFailed); they run in the normal suite.
run_suite() {
    LD_PRELOAD="$PRELOAD" "$PYTHON" -m pytest -q -p no:cacheprovider -m "not address_space_limit and not cxx_exceptions and not spark" \
        --ignore=tests/python/test_cli.py --ignore=tests/python/test_documentation.py \
        --ignore=tests/python/test_wheel.py --ignore=tests/python/test_igraph_interop.py \
        tests/python "$@" 2>&1 | tee "$LOG"
}

# LeakSanitizer checks for leaks at exit by stopping every thread from a tracer thread;
# with the many threads a full run leaves (rayon's, pyarrow's, polars', DuckDB's pools)
# that tracer now and then crashes itself ("Tracer caught signal 11 ... LeakSanitizer has
# encountered a fatal error") after every test passed. That is the tool failing, not a
# leak report: the suite runs once more then. A test failure or a leak report fails at
# once, and a second tracer crash fails too.
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
if run_suite "$@"; then
    exit 0
fi
if grep -q "LeakSanitizer has encountered a fatal error" "$LOG" &&
    ! grep -q "ERROR: LeakSanitizer: detected memory leaks" "$LOG" &&
    grep -qE '^[0-9]+ passed(, [0-9]+ deselected)? in ' "$LOG"; then
    echo "== LeakSanitizer's tracer crashed at exit after every test passed; once more"
    run_suite "$@"
    exit
fi
exit 1
