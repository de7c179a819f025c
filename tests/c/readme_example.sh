#!/usr/bin/env bash
# Extracts the C program from README.md, installs the library into a scratch prefix with
# `make install`, compiles the program against the installed header (through pkg-config
# when it is there) and runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk '/^```c$/ {inside = 1; next} /^```$/ {inside = 0} inside' README.md > "$work/example.c"
[ -s "$work/example.c" ] || { echo "README.md has no \`\`\`c block"; exit 1; }

make --no-print-directory install PREFIX="$work/prefix" > "$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
if command -v pkg-config > /dev/null; then
  flags=$(PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" pkg-config --cflags --libs groggy)
else
  flags="-I$work/prefix/include -L$work/prefix/lib -Wl,-rpath,$work/prefix/lib -lgroggy"
fi
# shellcheck disable=SC2086
cc -std=c99 -Wall -Wextra -Werror -pedantic "$work/example.c" -o "$work/example" $flags
"$work/example" > "$work/output.txt"
cat "$work/output.txt"
grep -q "degree of alice: 2" "$work/output.txt"
grep -q "remove_node: node 'nobody' not found" "$work/output.txt"
echo "README C example: 1 passed, 0 failed"
