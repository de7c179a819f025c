#!/usr/bin/env bash
# Runs the C quick start of README.md as a user would: saves the ```c block as example.c,
# then runs the ```sh block after it, the first line (`make install PREFIX=$HOME/.local`)
# in the checkout and the rest where example.c is, with HOME pointing at a scratch folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
checkout=$PWD

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk '/^```c$/ {inside = 1; next} /^```$/ {inside = 0} inside' README.md > "$work/example.c"
[ -s "$work/example.c" ] || { echo "README.md has no \`\`\`c block"; exit 1; }
# The first ```sh block after the ```c block.
awk '/^```c$/ {seen_c = 1} seen_c && /^```sh$/ {inside = 1; next} inside && /^```$/ {exit} inside' \
  README.md > "$work/commands.sh"
first=$(head -n1 "$work/commands.sh")
[ "$first" = 'make install PREFIX=$HOME/.local' ] \
  || { echo "README.md: the C quick start's commands should start with make install: $first"; exit 1; }

# rustup and cargo find their toolchains through HOME unless told: keep the real ones.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export HOME="$work/home"
mkdir -p "$HOME"
(cd "$checkout" && eval "$first") > "$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
# What a user pastes: strict warnings added to the cc line so the example stays clean.
tail -n +2 "$work/commands.sh" | sed 's/^cc -std=c99 /cc -std=c99 -Wall -Wextra -Werror -pedantic /' \
  > "$work/build.sh"
(cd "$work" && bash -euo pipefail build.sh) > "$work/output.txt"
cat "$work/output.txt"
grep -q "degree of alice: 2" "$work/output.txt"
grep -q "remove_node: node 'nobody' not found" "$work/output.txt"
echo "README C example: 1 passed, 0 failed"
