#!/usr/bin/env bash
# The framework-secret search of `jwtx audit --preset authjs` on one core: an Auth.js v5
# session cookie (made by @auth/core, tests/fixtures/cookies/cookies.json) whose secret
# is in no list, searched through a wordlist of COUNT candidates (default 1,000,000), so
# every candidate is derived for both default cookie names and tested. The run without
# a wordlist (the built-in list alone) is subtracted.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
out=bench/out
mkdir -p "$out"
cargo build --release --quiet
jwtx=target/release/jwtx
words=$out/wordlist-$count.txt
[ -s "$words" ] || python3 -c "
import sys
with open(sys.argv[1], 'w') as f:
    for i in range(int(sys.argv[2])):
        f.write(f'candidate-{i:08d}-x\n')
" "$words" "$count"
cookie=$(python3 -c "import json; print(json.load(open('tests/fixtures/cookies/cookies.json'))['cookies']['authjs']['value'])")

echo "== machine load"
uptime
seconds() {
  local start end
  start=$(date +%s.%N)
  RAYON_NUM_THREADS=1 taskset -c 0 $jwtx audit --now 2026-06-01T00:00:00Z --preset authjs "$@" "$cookie" > /dev/null || true
  end=$(date +%s.%N)
  python3 -c "print($end - $start)"
}
base=$(seconds)
for _ in 1 2 3; do
  t=$(seconds --wordlist "$words")
  python3 -c "t=$t-$base; print(f'audit --preset authjs, 1 core: {$count/t:,.0f} secrets/s ({$count:,} candidates x 2 cookie names in {t:.2f} s; built-in list alone {$base:.2f} s)')"
done
