#!/usr/bin/env bash
# Fleet operations (issue 13), each against a fresh test API server with the simulated K3k
# making clusters Ready at once (--provision-delay 0), in one run of this script:
#   kraft create c-1 ... c-N --wait          one command, parallel, one shared wait
#   kubectl, a shell loop                    `kubectl create namespace` then `kubectl create -f`
#                                            of the same Cluster kraft sends, per cluster, then
#                                            `kubectl wait` for all of them (goal: kraft >= 10x)
#   curl, raw parallel POSTs                 the same 2N requests (namespaces, then clusters)
#                                            from one curl process, connections reused, 16 in
#                                            flight: the server's own limit (goal: kraft within
#                                            1.5x of it)
#   kraft delete --all --yes --wait          requests per cluster (from -v 6) and total time
# Each figure is the median of KRAFT_BENCH_RUNS runs (default 3; the kubectl loop runs once
# unless KRAFT_BENCH_KUBECTL_RUNS says otherwise, it takes minutes). A report, not a test.
#
# Usage: bench/fleet.sh [BUILD_DIR]     (default build/bench; a Release build is best)
# Environment: KRAFT_BENCH_CLUSTERS (200), KRAFT_BENCH_RUNS (3), KRAFT_BENCH_KUBECTL_RUNS (1).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/bench}"
n="${KRAFT_BENCH_CLUSTERS:-200}"
runs="${KRAFT_BENCH_RUNS:-3}"
kubectl_runs="${KRAFT_BENCH_KUBECTL_RUNS:-1}"
kraft="$(pwd)/$build/cli/kraft"
server_bin="$build/tests/support/apiserver/kraft-test-apiserver"

die() { echo "bench/fleet.sh: $*" >&2; exit 1; }
[ -x "$server_bin" ] || die "no $server_bin: build it (cmake --build $build --target kraft-test-apiserver)"
[ -x "$kraft" ] || die "no $kraft: build it (cmake --build $build --target kraft_cli)"
command -v curl >/dev/null || die "curl missing: scripts/install-deps"
kubectl=$(command -v kubectl || true)

umask 077  # client keys and kubeconfigs are written below
tmp=$(mktemp -d /tmp/kraft-bench-fleet.XXXXXX)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap 'stop_server; rm -rf "$tmp"' EXIT
export HOME="$tmp" KUBECONFIG="$tmp/kubeconfig"  # kubectl's and kraft's caches stay in tmp

start_server() {
  stop_server
  rm -f "$tmp/kubeconfig"
  rm -rf "$tmp/.kube"  # no discovery cache from an earlier server
  "$server_bin" --port 0 --simulate-k3k --provision-delay 0 --delete-delay 0 \
    --kubeconfig-out "$tmp/kubeconfig" 2>"$tmp/server.log" &
  server_pid=$!
  for _ in $(seq 600); do
    grep -q '^current-context:' "$tmp/kubeconfig" 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || die "the server exited: $(cat "$tmp/server.log")"
    sleep 0.1
  done
  die "the server did not start within 60 s"
}

now() { date +%s.%N; }
elapsed() { awk "BEGIN{printf \"%.2f\", $(now) - $1}"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
names=()
for i in $(seq 1 "$n"); do names+=("c-$i"); done

# --- kraft create c-1 ... c-N --wait ---------------------------------------------------------
kraft_times=()
for _ in $(seq "$runs"); do
  start_server
  t=$(now)
  "$kraft" create "${names[@]}" --wait >/dev/null 2>"$tmp/kraft-create.err" ||
    die "kraft create failed: $(tail -3 "$tmp/kraft-create.err")"
  kraft_times+=("$(elapsed "$t")")
done
kraft_create=$(median "${kraft_times[@]}")
echo "kraft create c-1..c-$n --wait: ${kraft_create}s (runs: ${kraft_times[*]})"

# The requests one create makes, and the Cluster it sends (the other methods send the same).
start_server
"$kraft" create "${names[@]}" --wait -v 6 2>"$tmp/create.log" >/dev/null
create_requests=$(grep -cE '^(GET|POST|PUT|PATCH|DELETE) https' "$tmp/create.log" || true)
"$kraft" create c-template --dry-run=client -o json >"$tmp/cluster.json"

# --- kraft delete --all --yes --wait -----------------------------------------------------------
t=$(now)
"$kraft" delete --all --yes --wait -v 6 2>"$tmp/delete.log" >/dev/null ||
  die "kraft delete failed: $(grep -v '^[A-Z]* https' "$tmp/delete.log" | tail -3)"
kraft_delete=$(elapsed "$t")
delete_requests=$(grep -cE '^(GET|POST|PUT|PATCH|DELETE) https' "$tmp/delete.log" || true)
echo "kraft delete --all --yes --wait of $n: ${kraft_delete}s, $delete_requests requests" \
  "($(awk "BEGIN{printf \"%.1f\", $delete_requests / $n}") per cluster)"
echo "kraft create of $n with -v 6: $create_requests requests" \
  "($(awk "BEGIN{printf \"%.1f\", $create_requests / $n}") per cluster)"

# --- curl: the same 2N POSTs, 16 in flight, one process ---------------------------------------
kubeconfig_value() { sed -n "s/^ *$1: //p" "$tmp/kubeconfig" | head -n1; }
python3 - "$tmp/cluster.json" "$n" "$tmp" <<'PY'
import json, sys
cluster, n, tmp = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
for i in range(1, n + 1):
    name, ns = f"c-{i}", f"k3k-c-{i}"
    c = json.loads(json.dumps(cluster))
    c["metadata"] = {k: v for k, v in c["metadata"].items() if k in ("labels", "annotations")}
    c["metadata"].update(name=name, namespace=ns)
    json.dump(c, open(f"{tmp}/cluster-{i}.json", "w"))
    json.dump({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}},
              open(f"{tmp}/ns-{i}.json", "w"))
PY
curl_times=()
for _ in $(seq "$runs"); do
  start_server
  url=$(kubeconfig_value server)
  kubeconfig_value certificate-authority-data | base64 -d >"$tmp/ca.crt"
  kubeconfig_value client-certificate-data | base64 -d >"$tmp/client.crt"
  kubeconfig_value client-key-data | base64 -d >"$tmp/client.key"
  : >"$tmp/ns.curl"
  : >"$tmp/clusters.curl"
  # `next` resets every option, so each transfer repeats its TLS material and headers.
  each=$(printf 'cacert = "%s"\ncert = "%s"\nkey = "%s"\nheader = "Content-Type: application/json"\noutput = "/dev/null"\nfail\n' \
    "$tmp/ca.crt" "$tmp/client.crt" "$tmp/client.key")
  for i in $(seq 1 "$n"); do
    printf '%s\nurl = "%s/api/v1/namespaces"\ndata-binary = "@%s/ns-%s.json"\nnext\n' \
      "$each" "$url" "$tmp" "$i" >>"$tmp/ns.curl"
    printf '%s\nurl = "%s/apis/k3k.io/v1beta1/namespaces/k3k-c-%s/clusters"\ndata-binary = "@%s/cluster-%s.json"\nnext\n' \
      "$each" "$url" "$i" "$tmp" "$i" >>"$tmp/clusters.curl"
  done
  sed -i '$ d' "$tmp/ns.curl" "$tmp/clusters.curl"  # no `next` after the last transfer
  common=(--silent --show-error --parallel --parallel-max 16)
  t=$(now)
  curl "${common[@]}" -K "$tmp/ns.curl" >/dev/null
  curl "${common[@]}" -K "$tmp/clusters.curl" >/dev/null
  curl_times+=("$(elapsed "$t")")
done
curl_create=$(median "${curl_times[@]}")
echo "curl, 2x$n POSTs, 16 in flight: ${curl_create}s (runs: ${curl_times[*]})"

# --- kubectl, one cluster at a time -----------------------------------------------------------
kubectl_create=""
if [ -n "$kubectl" ]; then
  kubectl_times=()
  for _ in $(seq "$kubectl_runs"); do
    start_server
    t=$(now)
    for i in $(seq 1 "$n"); do
      "$kubectl" create -f "$tmp/ns-$i.json" >/dev/null  # JSON: the test server takes no protobuf
      "$kubectl" create -f "$tmp/cluster-$i.json" >/dev/null
    done
    "$kubectl" wait --for=jsonpath='{.status.phase}'=Ready clusters.k3k.io --all -A \
      --timeout=300s >/dev/null
    kubectl_times+=("$(elapsed "$t")")
  done
  kubectl_create=$(median "${kubectl_times[@]}")
  echo "kubectl loop (create namespace, create -f, then wait): ${kubectl_create}s"
fi

echo
echo "| $n clusters | time | vs kraft |"
echo "|---|---:|---:|"
echo "| \`kraft create c-1 … c-$n --wait\` | ${kraft_create} s | 1.00x |"
echo "| curl, $((2 * n)) POSTs, 16 in flight (no wait) | ${curl_create} s |" \
  "$(awk "BEGIN{printf \"%.2fx\", $curl_create / $kraft_create}") |"
[ -n "$kubectl_create" ] && echo "| kubectl loop + \`kubectl wait\` | ${kubectl_create} s |" \
  "$(awk "BEGIN{printf \"%.1fx\", $kubectl_create / $kraft_create}") |"
echo "| \`kraft delete --all --yes --wait\` | ${kraft_delete} s | $delete_requests requests |"
echo
awk "BEGIN{r=$kraft_create/$curl_create; printf \"%s: kraft takes %.2fx the raw POSTs (goal: at most 1.5x)\n\", (r<=1.5)?\"PASS\":\"FAIL\", r}"
[ -n "$kubectl_create" ] &&
  awk "BEGIN{r=$kubectl_create/$kraft_create; printf \"%s: kraft is %.1fx faster than the kubectl loop (goal: at least 10x)\n\", (r>=10)?\"PASS\":\"FAIL\", r}"
exit 0
