#!/usr/bin/env bash
# JWE decryption figures: jwtx decrypt's batch throughput on one core for 100,000
# dir/A256GCM tokens and 10,000 RSA-OAEP-256/A256GCM tokens, beside aws-lc-rs's raw
# AES-256-GCM open and RSA-2048 OAEP-SHA256 decrypt rates (examples/jwe_rates.rs) and
# node jose decrypting the same tokens in one process.
# Needs Python's cryptography for the inputs: the venv .ci/run makes
# (~/.cache/jwtx/jwcrypto-venv), or $JWTX_JWCRYPTO_PYTHON. Inputs go to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
python=${JWTX_JWCRYPTO_PYTHON:-${XDG_CACHE_HOME:-$HOME/.cache}/jwtx/jwcrypto-venv/bin/python}
cargo build --release --quiet
jwtx=target/release/jwtx
key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
[ -s $out/jwe-dir-100k.txt ] || "$python" bench/gen_jwe.py dir 100000 $key $out/jwe-dir-100k.txt
[ -s $out/jwe-rsa-10k.txt ] || "$python" bench/gen_jwe.py rsa 10000 tests/fixtures/keys/rsa2048.pub.pem $out/jwe-rsa-10k.txt

echo "== machine load"
uptime

# One core: taskset pins the process, and rayon runs one worker. Rates by the wall clock
# and by CPU time (user + system): on a shared machine the two differ.
run() {
  local label=$1 count=$2; shift 2
  local times
  times=$( { TIMEFORMAT='%R %U %S'; time RAYON_NUM_THREADS=1 taskset -c 0 "$@" > /dev/null 2>&1; } 2>&1 )
  python3 -c "import sys; r,u,s=map(float,'$times'.split()); print(f'$label: {$count/r:,.0f} tokens/s wall, {$count/(u+s):,.0f} tokens/s of CPU time ({r:.2f} s wall for $count)')"
}
for _ in 1 2 3; do
  run "jwtx decrypt, dir/A256GCM, 1 core" 100000 \
    $jwtx decrypt --secret $key --secret-encoding hex @$out/jwe-dir-100k.txt
done
for _ in 1 2 3; do
  run "jwtx decrypt, RSA-OAEP-256/A256GCM, 1 core" 10000 \
    $jwtx decrypt --key tests/fixtures/keys/rsa2048.pkcs8.pem @$out/jwe-rsa-10k.txt
done

if [ -d tests/fixtures/jwe/jose/node_modules ]; then
  echo "== node jose, one process on core 0"
  taskset -c 0 node bench/jose-decrypt.mjs $out/jwe-dir-100k.txt --secret-hex $key
  taskset -c 0 node bench/jose-decrypt.mjs $out/jwe-rsa-10k.txt --key tests/fixtures/keys/rsa2048.pkcs8.pem
else
  echo "(npm ci --prefix tests/fixtures/jwe/jose for node jose's figures)"
fi

echo "== aws-lc-rs raw rates, one thread on core 0"
cargo build --release --quiet --example jwe_rates
taskset -c 0 target/release/examples/jwe_rates
