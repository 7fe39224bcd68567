#!/usr/bin/env bash
# Whole-command benchmarks for jwtx. Prints the figures quoted in the issue notes.
# Needs: python3, openssl, hyperfine (apt install hyperfine); jwt-cli for the
# start-up comparison (cargo install jwt-cli), found as `jwt` on PATH or $JWT_CLI.
# Inputs are generated once under bench/out/ (about 1 GB in all).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
cargo build --release --quiet
jwtx=target/release/jwtx
now=2026-06-01T00:00:00Z

[ -s $out/hs256-1m.txt ] || python3 bench/gen_tokens.py hs256 1000000 $out/hs256-1m.txt
[ -s $out/hs256-200k.txt ] || head -200000 $out/hs256-1m.txt > $out/hs256-200k.txt
[ -s $out/hs256-2k.txt ] || head -2000 $out/hs256-1m.txt > $out/hs256-2k.txt
if [ ! -s $out/es256-20k.txt ]; then
  python3 bench/gen_tokens.py es256 2000 $out/es256-2k.txt
  for _ in $(seq 10); do cat $out/es256-2k.txt; done > $out/es256-20k.txt
fi
[ -d $out/logs ] || python3 bench/gen_logs.py $out/logs 300 100

echo "== machine"
nproc; grep -m1 'model name' /proc/cpuinfo || true
ls -l $jwtx | awk '{print "release binary:", $5, "bytes"}'

echo "== verify: 1,000,000 HS256 tokens on one stdin stream"
hyperfine --warmup 1 --runs 5 \
  "$jwtx verify --secret bench-secret-of-thirty-two-bytes --now $now < $out/hs256-1m.txt > /dev/null 2>&1"

echo "== verify: 20,000 ES256 tokens (all cores, then one thread)"
hyperfine --warmup 1 --runs 5 \
  "$jwtx verify --key $out/es256.pub.pem --now $now < $out/es256-20k.txt > /dev/null 2>&1" \
  "RAYON_NUM_THREADS=1 $jwtx verify --key $out/es256.pub.pem --now $now < $out/es256-20k.txt > /dev/null 2>&1"

echo "== in-process: aws-lc raw ES256 rate and weak-secret candidates/s"
cargo bench --quiet --bench throughput

echo "== audit: 200,000 HS256 tokens, rules without the weak-secret search"
hyperfine --warmup 1 --runs 3 \
  "$jwtx audit --now $now --fail-on none --format json --ignore-rule hmac-weak-secret --ignore-rule hmac-empty-secret < $out/hs256-200k.txt > /dev/null"

echo "== audit: 2,000 HS256 tokens with the built-in weak-secret list"
$jwtx audit --list-rules > /dev/null
hyperfine --warmup 1 --runs 3 \
  "$jwtx audit --now $now --fail-on none --format json < $out/hs256-2k.txt > /dev/null"

echo "== audit --scan: $(du -sm $out/logs | cut -f1) MB of logs"
hyperfine --warmup 1 --runs 3 \
  "$jwtx audit --now $now --fail-on none --format json --scan $out/logs > /dev/null"

echo "== start-up: jwtx decode TOKEN vs jwt-cli"
token=$(head -1 $out/hs256-1m.txt)
jwt_cli=${JWT_CLI:-$(command -v jwt || true)}
if [ -n "$jwt_cli" ]; then
  hyperfine -N --warmup 20 --runs 300 "$jwtx decode --color never $token" "$jwt_cli decode $token"
else
  hyperfine -N --warmup 20 --runs 300 "$jwtx decode --color never $token"
fi
