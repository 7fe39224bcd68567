#!/usr/bin/env bash
# Regenerates completions/ and man/ from the CLI definition (src/cli.rs).
# A test (tests/cli/docs.rs) fails until the committed files match.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
jwtx=target/debug/jwtx
rm -f completions/* man/*
$jwtx completions bash > completions/jwtx.bash
$jwtx completions zsh > completions/_jwtx
$jwtx completions fish > completions/jwtx.fish
$jwtx completions powershell > completions/_jwtx.ps1
$jwtx completions elvish > completions/jwtx.elv
$jwtx man > man/jwtx.1
for page in decode verify sign expiry audit find key key-generate key-public key-convert \
  key-thumbprint key-set key-set-add key-set-remove key-set-list cache cache-list \
  cache-clear cache-dir config config-show config-check config-schema decrypt encrypt completions man; do
  $jwtx man "$page" > "man/jwtx-$page.1"
done
echo "regenerated completions/ and man/"
