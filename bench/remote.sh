#!/usr/bin/env bash
# Benchmarks for keys from a URL (issue: JWKS URLs and OIDC discovery):
#  - `jwtx decode` start-up and binary size, before the HTTP client was linked and now;
#  - `verify` with a warm key cache against the same JWKS from a local file;
#  - `verify` with a cold cache: a full HTTPS fetch from a loopback server.
# Needs hyperfine (apt install hyperfine), python3 and git. Everything stays on
# 127.0.0.1. BEFORE=<rev> picks the baseline (default: the commit before ureq came in).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/remote
mkdir -p "$out"
before_rev=${BEFORE:-$(git log --format=%H -1 --grep='^Add ureq' )^}

cargo build --release --quiet
after=target/release/jwtx
before=$out/jwtx-before
if [ ! -x "$before" ] || [ "$(cat $out/before-rev 2>/dev/null)" != "$(git rev-parse "$before_rev")" ]; then
  rm -rf "$out/src-before"
  git worktree add --detach -q "$out/src-before" "$before_rev"
  (cd "$out/src-before" && CARGO_TARGET_DIR="$PWD/../target-before" cargo build --release --quiet)
  cp "$out/target-before/release/jwtx" "$before"
  git rev-parse "$before_rev" > "$out/before-rev"
  git worktree remove --force "$out/src-before"
fi

echo "== machine"
nproc; grep -m1 'model name' /proc/cpuinfo || true
echo "== release binary size (bytes)"
echo "before ($(git rev-parse --short "$before_rev")): $(stat -c %s "$before")"
echo "after  ($(git rev-parse --short HEAD)): $(stat -c %s "$after")"

token=$(cat samples/es256.jwt)
now=2026-01-01T00:00:00Z
echo "== start-up: jwtx decode TOKEN, before and after"
hyperfine -N --warmup 50 --runs 500 \
  "$before decode --color never $token" "$after decode --color never $token"
# Instruction counts do not depend on what else the machine is doing.
if command -v valgrind >/dev/null 2>&1; then
  for bin in "$before" "$after"; do
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" decode --color never "$token" 2>&1 >/dev/null \
      | awk -v b="$bin" '/Collected/ {print b ": " $4 " instructions per decode"}'
    echo "$bin: $(readelf -r "$bin" | grep -c R_X86_64_RELATIVE) relative relocations at load"
  done
fi

echo "== keys from a URL: warm cache vs a local JWKS file, then a cold HTTPS fetch"
export JWTX_CACHE_DIR=$out/cache
rm -rf "$JWTX_CACHE_DIR" "$out/www" "$out/requests.log"
mkdir -p "$out/www"
cp samples/jwks.json "$out/www/jwks.json"
python3 bench/serve_https.py "$out/www" tests/fixtures/tls/server.pem tests/fixtures/tls/server.key "$out/requests.log" > "$out/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$out/port" ] && break; sleep 0.1; done
url="https://127.0.0.1:$(cat "$out/port")/jwks.json"
ca=tests/fixtures/tls/ca.pem
"$after" verify --ca-file $ca --key "$url" --now $now "$token" > /dev/null
hyperfine -N --warmup 20 --runs 300 \
  "$after verify --key samples/jwks.json --now $now $token" \
  "$after verify --ca-file $ca --key $url --now $now $token"
echo "requests after the warm runs (1 expected): $(wc -l < "$out/requests.log")"
if command -v valgrind >/dev/null 2>&1; then
  for key in samples/jwks.json "$url"; do
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$after" verify --ca-file $ca --key "$key" --now $now "$token" 2>&1 >/dev/null \
      | awk -v k="$key" '/Collected/ {print "verify --key " k ": " $4 " instructions"}'
  done
fi
hyperfine -N --warmup 5 --runs 100 --prepare "rm -rf $JWTX_CACHE_DIR" \
  "$after verify --ca-file $ca --key $url --now $now $token"
echo "requests in all: $(wc -l < "$out/requests.log")"
