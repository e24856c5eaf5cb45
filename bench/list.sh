#!/usr/bin/env bash
# `kraft list` on 5,000 clusters next to the bare HTTP request for the same list, in one
# hyperfine run, on this machine. Goal (issue 4): kraft adds at most 30% to the time of the bare
# HTTP request. A report, not a test: it exits 0 whether the goal is met or not.
#
# The host: kraft-test-apiserver --seed-clusters 5000:50 (Ready Clusters spread over 50
# namespaces, as `kraft create` and K3k leave them; ~2 KiB of JSON each) from the same build.
# What is timed (stdout of every command goes to /dev/null):
#   curl, paged     THE BASELINE OF THE GOAL. Exactly the requests kraft makes, taken from
#                   a warm `kraft list -A -v 6` (its discovery cache filled by a first run,
#                   as in every timed run: GET /apis/k3k.io/v1beta1/clusters?limit=500 and
#                   ...&continue=TOKEN per page),
#                   from one curl process over one keep-alive TLS connection, with the same
#                   client certificate and compression (--compressed; the server, like
#                   kube-apiserver, answers with gzip only, which is all kraft asks for).
#                   The continue tokens stay valid: nothing writes
#                   during the run. curl does no JSON work, so kraft's overhead = kraft - this.
#   curl, unpaged   One GET of the whole list without limit and without compression: what a
#                   person types. For reference; the server answers it in one 10 MB response.
#   kraft list -A -o json, kraft list -A (table), and kubectl get clusters.k3k.io -A -o json
#   when kubectl is installed (it pages by 500 as well and asks for gzip only).
# Then the number of requests kraft made (from `-v 6`) and the peak RSS of both kraft commands
# (/usr/bin/time -f %M).
#
# Usage: bench/list.sh [BUILD_DIR]     (default build/bench: cmake --preset bench &&
#                                       cmake --build --preset bench; use a Release build)
# Environment: KRAFT_BENCH_CLUSTERS (5000), KRAFT_BENCH_NAMESPACES (50), KRAFT_BENCH_RUNS (20),
# KRAFT_BENCH_OUT (directory for list.md and list.json; default: a temporary one, printed).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/bench}"
clusters="${KRAFT_BENCH_CLUSTERS:-5000}"
namespaces="${KRAFT_BENCH_NAMESPACES:-50}"
runs="${KRAFT_BENCH_RUNS:-20}"
kraft="$build/cli/kraft"
server_bin="$build/tests/support/apiserver/kraft-test-apiserver"

die() { echo "bench/list.sh: $*" >&2; exit 1; }
command -v hyperfine >/dev/null || die "hyperfine missing: scripts/install-deps"
command -v curl >/dev/null || die "curl missing: scripts/install-deps"
[ -x /usr/bin/time ] || die "/usr/bin/time missing (Debian package 'time')"
[ -x "$server_bin" ] || die "no $server_bin: build it (cmake --build $build --target kraft-test-apiserver)"
[ -x "$kraft" ] || die "no $kraft: build it (cmake --build $build --target kraft_cli)"
"$kraft" list --help >/dev/null 2>&1 ||
  die "'$kraft list' does not exist yet (cli/commands/list.cpp): nothing to measure"
kubectl=$(command -v kubectl || true)
grep -q 'CMAKE_BUILD_TYPE:STRING=Release' "$build/CMakeCache.txt" 2>/dev/null ||
  echo "bench/list.sh: warning: $build is not a Release build; figures will be pessimistic" >&2

umask 077  # the client key and the kubeconfig are written below
tmp=$(mktemp -d /tmp/kraft-bench-list.XXXXXX)
out="${KRAFT_BENCH_OUT:-$tmp}"
mkdir -p "$out"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  # Keep the exported results when they were written into the temporary directory.
  if [ "$out" = "$tmp" ]; then
    find "$tmp" -mindepth 1 ! -name 'list.md' ! -name 'list.json' -delete
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

# --- the server: the kubeconfig file appears once it listens and is seeded --------------------
"$server_bin" --port 0 --seed-clusters "$clusters:$namespaces" --kubeconfig-out "$tmp/kubeconfig" \
  2>"$tmp/server.log" &
server_pid=$!
for _ in $(seq 600); do
  grep -q '^current-context:' "$tmp/kubeconfig" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || die "the server exited: $(cat "$tmp/server.log")"
  sleep 0.1
done
grep -q '^current-context:' "$tmp/kubeconfig" 2>/dev/null || die "the server did not start within 60 s"
sed -n 's/^kraft-test-apiserver: //p' "$tmp/server.log"

kubeconfig_value() { sed -n "s/^ *$1: //p" "$tmp/kubeconfig" | head -n1; }
url=$(kubeconfig_value server)
kubeconfig_value certificate-authority-data | base64 -d >"$tmp/ca.crt"
kubeconfig_value client-certificate-data | base64 -d >"$tmp/client.crt"
kubeconfig_value client-key-data | base64 -d >"$tmp/client.key"
list_path=/apis/k3k.io/v1beta1/clusters
curl_base="curl --silent --show-error --fail --cacert $tmp/ca.crt --cert $tmp/client.crt --key $tmp/client.key -H Accept:application/json"

export KUBECONFIG="$tmp/kubeconfig" HOME="$tmp"  # HOME: kubectl's discovery cache stays in tmp
count=$($curl_base "$url$list_path" | grep -o '"kind":"Cluster"' | wc -l)
[ "$count" -eq "$clusters" ] || die "the server lists $count clusters, not $clusters"

# --- the requests kraft makes (its -v 6 log: "GET URL 200 OK in N milliseconds") --------------
"$kraft" list -A >/dev/null  # fills the discovery cache, as hyperfine's warm-up runs do
"$kraft" list -A -v 6 2>&1 >/dev/null | sed -n 's/^GET \(https:[^ ]*\) 200 .*/\1/p' >"$tmp/urls"
mapfile -t urls <"$tmp/urls"
pages=$(grep -c "$list_path?" "$tmp/urls" || true)
[ "$pages" -gt 0 ] || die "no list requests in the log of '$kraft list -A -v 6'"
limit=$(grep -o 'limit=[0-9]*' "$tmp/urls" | head -n1 | cut -d= -f2)
echo "kraft list makes ${#urls[@]} requests: $((${#urls[@]} - pages)) discovery, $pages list pages" \
  "(limit=${limit:-none}); the paged curl makes the same"
encoding=$($curl_base --compressed -o /dev/null -D - "${urls[-1]}" | tr -d '\r' |
  sed -n 's/^[Cc]ontent-[Ee]ncoding: //p')
echo "the server answers kraft's Accept-Encoding with Content-Encoding: ${encoding:-identity}"
[ "$encoding" = br ] && echo "bench/list.sh: note: kube-apiserver compresses with gzip only; brotli" \
  "at the server's default quality costs more than everything else here" >&2

names=("curl, paged (= kraft's requests)" "curl, unpaged" "kraft list -A -o json" "kraft list -A")
cmds=("$curl_base --compressed ${urls[*]}"
      "$curl_base $url$list_path"
      "$kraft list -A -o json"
      "$kraft list -A")
if [ -n "$kubectl" ]; then
  names+=("kubectl get -A -o json")
  cmds+=("$kubectl get clusters.k3k.io -A -o json")
fi
name_args=()
for n in "${names[@]}"; do name_args+=(--command-name "$n"); done
hyperfine --warmup 5 --runs "$runs" --shell=none "${name_args[@]}" \
  --export-markdown "$out/list.md" --export-json "$out/list.json" "${cmds[@]}"

peak_kib() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n1; }
rss_json=$(peak_kib "$kraft" list -A -o json)
rss_table=$(peak_kib "$kraft" list -A)

python3 - "$out/list.json" "$rss_json" "$rss_table" "$clusters" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
rss = {"kraft list -A -o json": int(sys.argv[2]), "kraft list -A": int(sys.argv[3])}
mean = {r["command"]: r["mean"] for r in res}
base = mean["curl, paged (= kraft's requests)"]
print(f"\n{sys.argv[4]} clusters; ratio to the paged curl (same requests), goal <= 1.30")
print(f"{'command':34} {'mean':>10} {'stddev':>9} {'vs curl':>8} {'peak RSS':>10}")
for r in res:
    kib = rss.get(r["command"])
    print(f"{r['command']:34} {r['mean']*1000:8.1f}ms {r['stddev']*1000:7.1f}ms "
          f"{r['mean']/base:7.2f}x {f'{kib/1024:8.1f}MiB' if kib else '':>10}")
unpaged = mean["curl, unpaged"]
for name in ("kraft list -A -o json", "kraft list -A"):
    m = mean[name]
    print(f"{'PASS' if m <= 1.30 * base else 'FAIL'}: {name} adds {100*(m/base-1):+.0f}% "
          f"({(m-base)*1000:+.0f} ms) to the same requests made by curl (goal: at most +30%); "
          f"{100*(m/unpaged-1):+.0f}% to one unpaged curl")
PY
echo "results: $out/list.md, $out/list.json"
