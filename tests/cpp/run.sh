#!/usr/bin/env bash
# Builds and runs the C++ client's tests (include/groggy.hpp) against libgroggy.
#
#   bash tests/cpp/run.sh [LIBDIR]      (LIBDIR defaults to target/debug; run `cargo build` first)
#
# Every tests/cpp/*.cpp is compiled as C++17 with -Wall -Wextra -Werror -pedantic into
# tests/cpp/build/ and run under valgrind when it is installed (leak check on; as in
# tests/c/run.sh, only definite and indirect leaks and real memory errors fail: rayon's
# global thread pool lives until exit and shows as "possibly lost"). example.cpp must print
# what README.md's "From C++" section says, and be the program shown there.
# Exits non-zero if any step fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

LIBDIR="${1:-target/debug}"
if [[ ! -e "$LIBDIR/libgroggy.so" && ! -e "$LIBDIR/libgroggy.dylib" ]]; then
    echo "run.sh: no libgroggy shared library in '$LIBDIR' (run 'cargo build' first)" >&2
    exit 2
fi
LIBDIR="$(cd "$LIBDIR" && pwd)"

SRC_DIR="tests/cpp"
BUILD_DIR="tests/cpp/build"
mkdir -p "$BUILD_DIR"
CXX="${CXX:-g++}"
FLAGS=(-std=c++17 -Wall -Wextra -Werror -pedantic -g -Iinclude -pthread)
LINK=(-L"$LIBDIR" -lgroggy -Wl,-rpath,"$LIBDIR")

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

runner=()
if command -v valgrind >/dev/null 2>&1; then
    runner=(valgrind --leak-check=full --error-exitcode=1
        --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --quiet)
    echo "== running under $(valgrind --version)"
else
    echo "== valgrind is not installed: running the tests without it (no leak check)"
fi

# The README shows example.cpp itself: the ```cpp block must be the file, line for line.
if ! diff <(awk '/^```cpp$/ {inside = 1; next} /^```$/ {inside = 0} inside' README.md) \
    "$SRC_DIR/example.cpp" >/dev/null; then
    fail "README.md's \`\`\`cpp block differs from $SRC_DIR/example.cpp"
fi

shopt -s nullglob
sources=("$SRC_DIR"/*.cpp)
for src in "${sources[@]}"; do
    name="$(basename "$src" .cpp)"
    bin="$BUILD_DIR/$name"
    echo "== compile $name"
    if ! "$CXX" "${FLAGS[@]}" "$src" -o "$bin" "${LINK[@]}"; then
        fail "compile $src"
        continue
    fi
    echo "== run $name"
    if ! ${runner[@]+"${runner[@]}"} "$bin" >"$BUILD_DIR/$name.out"; then
        cat "$BUILD_DIR/$name.out"
        fail "run $bin"
        continue
    fi
    cat "$BUILD_DIR/$name.out"
done

if [[ -f "$BUILD_DIR/example.out" ]]; then
    for line in "3 nodes, 2 edges" "alice is 30" "neighbour: 42" \
        "remove_node failed: remove_node: node 'nobody' not found"; do
        grep -qxF "$line" "$BUILD_DIR/example.out" || fail "example.cpp did not print '$line'"
    done
fi

if [[ $failures -ne 0 ]]; then
    echo "C++ tests: $failures step(s) failed" >&2
    exit 1
fi
echo "C++ tests: all ${#sources[@]} programs passed"
