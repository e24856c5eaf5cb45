#!/usr/bin/env bash
# How long a new user waits: clone this repository into an empty directory (no build, no
# compiler cache) and run scripts/demo, timing until kraft's first output (the "== kraft ...
# built" line, printed by the built binary) and until the demo ends. Needs the packages of
# scripts/install-deps installed already, as the README's figure assumes.
# Usage: bench/first-run.sh   (takes minutes; uses both cores)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$src" "$work/kraft"
cd "$work/kraft"
unset CMAKE_CXX_COMPILER_LAUNCHER
export CCACHE_DISABLE=1
start=$(date +%s.%N)
first=""
while IFS= read -r line; do
  now=$(date +%s.%N)
  if [ -z "$first" ] && [[ "$line" == "== kraft "* ]]; then
    first=$(awk "BEGIN{printf \"%.1f\", $now - $start}")
    printf "[%ss] %s\n" "$first" "$line"
  fi
done < <(scripts/demo 2>&1)
total=$(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}")
echo "first-run: $(nproc) cores; kraft's first output after ${first:-never}s; demo done after ${total}s"
