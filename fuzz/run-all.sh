#!/bin/sh
# Runs fuzz targets one after another, SECONDS each (default 600), at low priority.
#   fuzz/run-all.sh              every target, 10 minutes each
#   fuzz/run-all.sh 60 load_key  one target, one minute
# Builds once, then runs the built binaries directly (as `cargo fuzz run` would), so a
# source edit during the runs does not trigger a rebuild. Seeds the corpora if they do
# not exist yet. Logs go to fuzz/logs/<target>.log, crashes to fuzz/artifacts/<target>/.
set -eu
cd "$(dirname "$0")"
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-$(cargo +nightly fuzz list)}
[ -d corpus ] || ./seed.sh
cargo +nightly fuzz build
host=$(rustc +nightly -vV | sed -n 's/^host: //p')
mkdir -p logs
failed=
for target in $targets; do
    mkdir -p "corpus/$target" "artifacts/$target"
    echo "== $target: $secs s"
    if nice -n "${NICE:-19}" "target/$host/release/$target" \
        -max_total_time="$secs" -print_final_stats=1 \
        -artifact_prefix="artifacts/$target/" "corpus/$target" > "logs/$target.log" 2>&1; then
        :
    else
        failed="$failed $target"
    fi
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec)|^#[0-9]+.*DONE' "logs/$target.log" || true
    echo "corpus: $(ls "corpus/$target" | wc -l) files"
done
if [ -n "$failed" ]; then
    echo "found something in:$failed (see fuzz/logs and fuzz/artifacts)" >&2
    exit 1
fi
