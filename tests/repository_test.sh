#!/usr/bin/env bash
# The repository stands on its own and holds no secrets:
#   1. no tracked file holds private key material outside tests/secret-fixtures.txt
#      (scripts/scan-secrets), and the scanner itself finds a real key, a key inside a C++
#      string literal, a kubeconfig's client-key-data and a generated token;
#   2. no tracked file points at data outside the repository.
set -u
cd "$(dirname "$0")/.."
fail=0
say() { echo "repository: $*"; }

scripts/scan-secrets || fail=1

# The scanner must be able to fail: feed it files that hold a freshly made key.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/key.pem" 2>/dev/null
key_b64=$(base64 -w0 "$tmp/key.pem")
printf 'users:\n- name: u\n  user:\n    client-key-data: %s\n' "$key_b64" >"$tmp/kubeconfig.yaml"
{ echo 'const char* kKey ='; sed 's/.*/    "&\\n"/' "$tmp/key.pem"; echo ';'; } >"$tmp/literal.cpp"
printf 'users: [{name: u, user: {token: %s}}]\n' "$(openssl rand -base64 32 | tr -d '/+=')" \
  >"$tmp/token.yaml"
for f in key.pem kubeconfig.yaml literal.cpp token.yaml; do
  if scripts/scan-secrets "$tmp/$f" >/dev/null; then
    say "scan-secrets missed the private key material in a $f"; fail=1
  fi
done
# An allow-listed fixture passes only while it says it is a throw-away test key.
echo "$tmp/key.pem" >"$tmp/allow.txt"
if KRAFT_SECRET_ALLOW_LIST="$tmp/allow.txt" scripts/scan-secrets "$tmp/key.pem" >/dev/null; then
  say "scan-secrets accepted an allow-listed key file that does not say it is a test key"; fail=1
fi
{ echo '# throw-away key made for tests'; cat "$tmp/key.pem"; } >"$tmp/key2.pem" && mv "$tmp/key2.pem" "$tmp/key.pem"
if ! KRAFT_SECRET_ALLOW_LIST="$tmp/allow.txt" scripts/scan-secrets "$tmp/key.pem" >/dev/null; then
  say "scan-secrets refused an allow-listed, marked test key"; fail=1
fi

# Everything the build, tests, demo and docs use lives here (the pattern is split so that this
# file does not match itself).
outside=$(git grep -n -e '\.\./shar''ed/' -e '\.\./\.\./shar''ed' -- . || true)
if [ -n "$outside" ]; then
  say "these lines point outside the repository:"; echo "$outside" | sed 's/^/  /'; fail=1
fi

[ $fail -eq 0 ] && say "no secrets, nothing outside the tree"
exit $fail
