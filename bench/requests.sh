#!/usr/bin/env bash
# The requests each kraft operation makes, counted from its `-v 6` log (one line per request:
# "METHOD URL STATUS in N milliseconds"), against the test API server with the simulated K3k.
# A report for the README's "requests per operation" table; the counts are pinned by
# tests/cli/request_counts_test.cpp, so this script only shows them (and each request with -l).
#
# Usage: bench/requests.sh [-l] [BUILD_DIR]   (default build/default; -l lists every request)
# HOME is a temporary directory: "cold" runs start without kraft's discovery cache, "warm" runs
# follow a command that filled it.
set -euo pipefail
cd "$(dirname "$0")/.."
list_requests=0
if [ "${1:-}" = "-l" ]; then list_requests=1; shift; fi
build="${1:-build/default}"
kraft="$build/cli/kraft"
server_bin="$build/tests/support/apiserver/kraft-test-apiserver"

die() { echo "bench/requests.sh: $*" >&2; exit 1; }
[ -x "$server_bin" ] || die "no $server_bin: build it (cmake --build $build --target kraft-test-apiserver)"
[ -x "$kraft" ] || die "no $kraft: build it (cmake --build $build --target kraft_cli)"

umask 077  # the kubeconfigs below hold private keys
tmp=$(mktemp -d /tmp/kraft-bench-requests.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$server_bin" --port 0 --simulate-k3k --provision-delay 200ms --delete-delay 200ms \
  --kubeconfig-out "$tmp/kubeconfig" 2>"$tmp/server.log" &
server_pid=$!
for _ in $(seq 300); do
  grep -q '^current-context:' "$tmp/kubeconfig" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || die "the server exited: $(cat "$tmp/server.log")"
  sleep 0.1
done
grep -q '^current-context:' "$tmp/kubeconfig" 2>/dev/null || die "the server did not start within 30 s"
export KUBECONFIG="$tmp/kubeconfig" HOME="$tmp/home"
mkdir -p "$HOME"

# count LABEL ARGS...: runs kraft ARGS -v 6 and prints the number of requests it logged.
count() {
  local label="$1"
  shift
  "$kraft" "$@" -v 6 >/dev/null 2>"$tmp/log" || die "kraft $* failed: $(tail -n3 "$tmp/log")"
  local n
  n=$(grep -cE '^(GET|POST|PUT|PATCH|DELETE) https://' "$tmp/log" || true)
  printf '| %-42s | %3d |\n' "$label" "$n"
  if [ "$list_requests" = 1 ]; then
    grep -E '^(GET|POST|PUT|PATCH|DELETE) https://' "$tmp/log" |
      sed -E 's#https://[^/]*##; s/ in [0-9]+ milliseconds//; s/^/|   /'
  fi
}
cold() { rm -rf "$HOME/.kube/cache"; }

echo "| operation | requests |"
echo "|---|---|"
cold; count "list (cold)" list -A
count "list (warm)" list -A
cold; count "create (cold)" create demo
count "get (warm)" get demo
count "kubeconfig get (warm)" kubeconfig get demo -o "$tmp/demo.yaml"
count "scale (warm)" scale demo --servers 2
count "scale --wait (warm)" scale demo --servers 1 --wait
count "delete (warm)" delete demo
count "create --wait (warm)" create demo2 --wait
count "delete --wait (warm)" delete demo2 --wait
cold; count "create --wait --kubeconfig-out (cold)" create demo3 --kubeconfig-out "$tmp/demo3.yaml" --no-check
