#!/usr/bin/env bash
# Start-up cost: `kraft --version` next to `kubectl version --client`, in one run, on this
# machine. Goal (issue 3): kraft at least 10x faster, at most 8 MiB peak memory.
# Usage: bench/startup.sh [path/to/kraft]   (default: build/default/cli/kraft)
set -euo pipefail
cd "$(dirname "$0")/.."
kraft="${1:-build/default/cli/kraft}"
[ -x "$kraft" ] || { echo "build kraft first (scripts/build)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing: scripts/install-deps" >&2; exit 1; }
kubectl=$(command -v kubectl || true)

peak_kib() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n1; }

cmds=("$kraft --version")
[ -n "$kubectl" ] && cmds+=("$kubectl version --client")
hyperfine --warmup 5 --runs 50 --shell=none --export-json /tmp/kraft-startup.json "${cmds[@]}" >/dev/null

python3 - "$kraft" "$kubectl" <<'PY'
import json, subprocess, sys
kraft, kubectl = sys.argv[1], sys.argv[2]
res = json.load(open("/tmp/kraft-startup.json"))["results"]
def peak(cmd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    return int(out.stderr.strip().splitlines()[-1])
rows = [("kraft --version", res[0]["mean"], peak([kraft, "--version"]))]
if kubectl:
    rows.append(("kubectl version --client", res[1]["mean"], peak([kubectl, "version", "--client"])))
print(f"{'command':28} {'mean':>10} {'peak RSS':>10}")
for name, mean, kib in rows:
    print(f"{name:28} {mean*1000:8.2f}ms {kib/1024:8.2f}MiB")
if len(rows) == 2:
    print(f"kraft is {rows[1][1]/rows[0][1]:.1f}x faster; peak memory {rows[0][2]/1024:.2f} MiB")
PY
