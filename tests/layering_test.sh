#!/usr/bin/env bash
# Keeps the layer boundaries of docs/ARCHITECTURE.md: which code may include which library.
# Fails listing every offending file.
set -u
cd "$(dirname "$0")/.."
fail=0
check() {  # check PATTERN ALLOWED_REGEX DESCRIPTION
  local hits
  hits=$(grep -rlE "$1" include libkraft cli examples 2>/dev/null | grep -vE "$2" || true)
  if [ -n "$hits" ]; then
    echo "layering: $3:"; echo "$hits" | sed 's/^/  /'; fail=1
  fi
}
check '#include <curl/' '^libkraft/http/' 'only libkraft/http/ may include libcurl'
check '#include <CLI/' '^cli/' 'only cli/ may include CLI11'
check '#include <yaml\.h>' '^libkraft/config/yaml_' 'only the YAML bridge (libkraft/config/yaml_*) may use libyaml'
check '#include <yaml-cpp/' '^$' 'the product does not use yaml-cpp (only the test API server does)'
check '#include <openssl/(x509|asn1|bn|ec|rsa|encoder)' '^libkraft/pki/' \
  'only pki/ may use the X.509 API'
# Reading a key to check it is fine elsewhere (config/, http/); making one is pki's job.
check '(EVP_PKEY_(Q_)?keygen|EVP_(EC|RSA)_gen|X509_(new|sign)|PEM_write_bio_(PrivateKey|X509))\(' \
  '^libkraft/pki/' 'only pki/ may create keys or certificates (OpenSSL EVP/X.509)'
check '#include <(yaml-cpp/|yaml\.h|CLI/|curl/|fmt/|openssl/)' '^(libkraft|cli|examples)/' 'public headers may include only std, nlohmann/json and kraft'
# The generic api layer knows nothing of K3k (k3k/ builds on it, not the other way round).
hits=$(grep -rlE '(k3k::|require_k3k|#include <kraft/k3k/)' include/kraft/api libkraft/api || true)
if [ -n "$hits" ]; then
  echo "layering: the api layer must not use K3k:"; echo "$hits" | sed 's/^/  /'; fail=1
fi
# The SDK's messages never speak of kraft's flags (--host, -n): they name the request's fields,
# and cli/error_hints.cpp adds the flags. A string literal in libkraft/ or include/kraft/ with
# a flag at its start or after a space or '(' is one; comments (whole-line or trailing `// `)
# are not, and "--" alone or "-----BEGIN" is no flag.
hits=$(grep -rnE --include='*.cpp' --include='*.h' '"([^"]*[ (])?--?[a-z]' libkraft include/kraft |
  sed -E 's#[[:space:]]//.*$##' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(//|\*)' |
  grep -E '"([^"]*[ (])?--?[a-z]' || true)
if [ -n "$hits" ]; then
  echo "layering: libkraft's messages must not name CLI flags (cli/error_hints.cpp adds them):"
  echo "$hits" | sed 's/^/  /'; fail=1
fi
# <kraft/kraft.h> includes the whole SDK.
for header in $(cd include && find kraft -name '*.h' ! -name kraft.h | sort); do
  if ! grep -q "^#include <$header>" include/kraft/kraft.h; then
    echo "layering: include/kraft/kraft.h does not include <$header>"; fail=1
  fi
done
# usage/ sits on k3k/: nothing below it reads usage tables.
hits=$(grep -rlE '#include <kraft/usage/' include/kraft/{core,config,http,api,k3k,pki} \
  libkraft/{core,config,http,api,k3k,pki} 2>/dev/null || true)
if [ -n "$hits" ]; then
  echo "layering: only usage/ and what builds on it may use usage/:"; echo "$hits" | sed 's/^/  /'; fail=1
fi
[ $fail -eq 0 ] && echo "layering: all boundaries hold"
exit $fail
