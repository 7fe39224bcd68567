#!/usr/bin/env bash
# Throughput and peak memory of decode and audit on realistic access tokens, side by
# side in one run with the naive script a user would write instead (bench/naive_sub.py).
# Needs: python3 with the `cryptography` package (to sign the corpus), hyperfine, GNU time.
# Corpus: 200,000 distinct ES256/RS256 access tokens of about 830 bytes, made once under
# bench/out/. CPU=0 pins every command to one core for per-core figures.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
cargo build --release --quiet
jwtx=target/release/jwtx
corpus=$out/access-200k.txt
[ -s $corpus ] || python3 bench/gen_tokens.py access 200000 $corpus
pin=()
if [ -n "${CPU:-}" ]; then pin=(taskset -c "$CPU"); fi
audit="$jwtx audit --now 2026-01-01T00:10:00Z --fail-on none --format json --ignore-rule hmac-weak-secret --ignore-rule hmac-empty-secret"

echo "== $(wc -l < $corpus) tokens, $(( $(wc -c < $corpus) / $(wc -l < $corpus) )) bytes on average; load: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --warmup 1 --runs "${RUNS:-5}" \
  "${pin[*]} python3 bench/naive_sub.py < $corpus > /dev/null" \
  "${pin[*]} $jwtx decode --claim sub < $corpus > /dev/null" \
  "${pin[*]} $audit < $corpus > /dev/null"

echo "== peak memory (max RSS)"
for cmd in "$jwtx decode --claim sub" "$audit" "${audit/--format json/--format sarif}"; do
  /usr/bin/time -f "%M KB  %U s user  %e s wall  $cmd" "${pin[@]}" $cmd < $corpus > /dev/null
done

# A log's worth of repeats: 100,000 lines drawn from 3,000 distinct tokens.
repeats=$out/access-repeats-100k.txt
[ -s $repeats ] || python3 -c '
import random, sys
random.seed(7)
tokens = open(sys.argv[1]).read().split()[:3000]
sys.stdout.write("".join(random.choice(tokens) + "\n" for _ in range(100000)))
' $corpus > $repeats
echo "== repeated tokens: 100,000 lines, 3,000 distinct (with the weak-secret search)"
hyperfine --warmup 1 --runs "${RUNS:-5}" \
  "${pin[*]} $jwtx audit --now 2026-01-01T00:10:00Z --fail-on none --format json < $repeats > /dev/null"
