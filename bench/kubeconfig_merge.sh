#!/usr/bin/env bash
# Merging kubeconfigs: `kraft kubeconfig merge b.yaml --into a.yaml` (read both, merge, write
# a.yaml atomically under its lock, fsync) next to `KUBECONFIG=a.yaml:b.yaml kubectl config
# view --flatten` (read both, merge, print) on the same files, in one run. Each file has 500
# contexts, each with its own cluster and user carrying embedded certificates of the sizes
# kraft kubeconfig get writes (EC P-256 CA, leaf + CA chain, EC key), ~1.4 MB per file.
# Goal (issue 5): kraft at least 10x faster.
# Usage: bench/kubeconfig_merge.sh [path/to/kraft] [contexts per file]
set -euo pipefail
cd "$(dirname "$0")/.."
kraft="$(readlink -f "${1:-build/bench/cli/kraft}")"
n="${2:-500}"
[ -x "$kraft" ] || { echo "build kraft first (cmake --preset bench && cmake --build build/bench)" >&2; exit 1; }
for tool in hyperfine openssl python3; do
  command -v "$tool" >/dev/null || { echo "$tool missing: scripts/install-deps" >&2; exit 1; }
done
kubectl=$(command -v kubectl || true)

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
openssl ecparam -name prime256v1 -genkey -noout -out ca.key
openssl req -x509 -new -key ca.key -subj /CN=k3s-client-ca -days 3650 -out ca.crt 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out user.key
openssl req -new -key user.key -subj "/O=system:masters/CN=system:admin" -out user.csr
openssl x509 -req -in user.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 \
  -out user.crt 2>/dev/null
cat user.crt ca.crt > chain.crt
python3 - "$n" <<'PY'
import base64, sys
n = int(sys.argv[1])
b64 = lambda f: base64.b64encode(open(f, "rb").read()).decode()
ca, chain, key = b64("ca.crt"), b64("chain.crt"), b64("user.key")
for prefix in ("a", "b"):
    out = ["apiVersion: v1", "kind: Config", "preferences: {}", "clusters:"]
    for i in range(n):
        out += ["- cluster:", f"    certificate-authority-data: {ca}",
                f"    server: https://{prefix}-{i}.example.com:6443", f"  name: kraft-{prefix}-{i}"]
    out.append("users:")
    for i in range(n):
        out += [f"- name: kraft-{prefix}-{i}", "  user:", f"    client-certificate-data: {chain}",
                f"    client-key-data: {key}"]
    out.append("contexts:")
    for i in range(n):
        out += ["- context:", f"    cluster: kraft-{prefix}-{i}", f"    user: kraft-{prefix}-{i}",
                f"  name: kraft-{prefix}-{i}"]
    out.append(f"current-context: kraft-{prefix}-0")
    open(f"{prefix}.yaml", "w").write("\n".join(out) + "\n")
PY
cp a.yaml target.yaml

cmds=("$kraft kubeconfig merge b.yaml --into target.yaml")
[ -n "$kubectl" ] && cmds+=("env KUBECONFIG=a.yaml:b.yaml $kubectl config view --flatten")
hyperfine --warmup 3 --runs 20 --shell=none --prepare "cp a.yaml target.yaml" \
  --export-json "$dir/result.json" "${cmds[@]}" >/dev/null

# Same result: kubectl's view of the file kraft wrote lists every context of both files.
if [ -n "$kubectl" ]; then
  "$kraft" kubeconfig merge b.yaml --into target.yaml >/dev/null
  count=$(KUBECONFIG=target.yaml "$kubectl" config get-contexts -o name | wc -l)
  [ "$count" -eq $((2 * n)) ] || { echo "merged file has $count contexts, want $((2 * n))" >&2; exit 1; }
fi

python3 - "$dir/result.json" "$n" "$(du -k a.yaml | cut -f1)" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
n, kib = int(sys.argv[2]), int(sys.argv[3])
names = ["kraft kubeconfig merge", "kubectl config view --flatten"]
print(f"{n} contexts into {n} ({kib} KiB each), {len(res[0]['times'])} runs")
print(f"{'command':32} {'median':>10} {'mean':>10} {'stddev':>9}")
for name, r in zip(names, res):
    print(f"{name:32} {r['median']*1000:8.1f}ms {r['mean']*1000:8.1f}ms {r['stddev']*1000:7.1f}ms")
if len(res) == 2:
    print(f"kraft is {res[1]['median']/res[0]['median']:.1f}x faster (medians)")
PY
