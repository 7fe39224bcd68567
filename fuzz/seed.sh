#!/bin/sh
# Seeds fuzz/corpus/<target>/ from the repository's fixtures and samples. The corpora
# grow as the fuzzers run and are not committed; rerun this script to start afresh.
# Needs only POSIX sh, grep and coreutils (sha1sum, basenc).
set -eu
cd "$(dirname "$0")"
root=..
fixtures=$root/tests/fixtures

# put TARGET: stores standard input as one seed, named by its SHA-1 like libFuzzer does.
put() {
    mkdir -p "corpus/$1"
    tmp=$(mktemp)
    cat > "$tmp"
    if [ -s "$tmp" ]; then
        mv "$tmp" "corpus/$1/$(sha1sum < "$tmp" | cut -c1-40)"
    else
        rm -f "$tmp"
    fi
}

b64() { printf '%s' "$1" | basenc --base64url | tr -d '=\n'; }

# Every token-shaped string in the fixtures and samples...
tokens=$(mktemp)
trap 'rm -f "$tokens"' EXIT
grep -rhoE 'ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_.=+/-]*' "$fixtures" "$root/samples" | sort -u > "$tokens"
# ...and a few shapes they lack: padding, the standard alphabet, non-canonical trailing
# bits, duplicate members, a missing alg, crit, a nested token, a JWE, a plain payload.
h=$(b64 '{"alg":"HS256","typ":"JWT"}')
p=$(b64 '{"sub":"1234567890","aud":["api","web"],"exp":1767229200,"nbf":1767225600,"iat":1767225600}')
{
    echo "$h.$p.AAAA"
    echo "$h==.$p.AAAA"
    echo "$(b64 '{"alg":"HS256","kid":"a/b?"}' | tr -- '-_' '+/').$p.AA+/"
    echo "$h.$p.QR"
    echo "$(b64 '{"alg":"HS256","alg":"none"}').$(b64 '{"exp":1,"exp":"2"}').AAAA"
    echo "$(b64 '{"typ":"JWT"}').$(b64 '{}').AAAA"
    echo "$(b64 '{"alg":"ES256","crit":["b64"],"b64":false}').$(b64 'Payload').AAAA"
    echo "$(b64 '{"alg":"HS256","cty":"JWT"}').$(b64 "$h.$p.AAAA").AAAA"
    echo "$(b64 '{"alg":"RSA-OAEP","enc":"A256GCM"}').AAAA.AAAA.AAAA.AAAA"
    echo "$(b64 '{"alg":"EdDSA","jku":"https://10.0.0.8\\@auth.example.com/keys","x5u":"http://localhost/k"}').$(b64 '{"email":"a@example.com","exp":"soon","iat":1e300}').AAAA"
} >> "$tokens"

while IFS= read -r token; do
    for target in parse_token strict_vs_full audit_check; do
        printf '%s' "$token" | put "$target"
    done
    # claims_time: the token, a newline, then bytes choosing clock and policy.
    printf '%s\n' "$token" | put claims_time
    printf '%s\n\000\001\000\000\010\000\000\000\001\001\001\000\001' "$token" | put claims_time
done < "$tokens"

# finder_chunks: one byte choosing read sizes, then text with tokens in it.
for file in "$fixtures/audit/tokens.txt" "$root/samples/audit-tokens.txt"; do
    { printf 'A'; cat "$file"; } | put finder_chunks
done
t=$(head -n 1 "$root/samples/token.jwt")
printf 'Authorization: Bearer %s\n{"id_token":"%s."}\nhttps://x.test/?t=%s&u=%%22%s\ncaf\303\251 %s== eyeglasses.example.com\n' \
    "$t" "$t" "$t" "$t" "$t" | { printf 'z'; cat; } | put finder_chunks

# load_key: every key file, as `--key` would read it.
for file in "$fixtures"/keys/* "$root"/samples/*.pem "$root"/samples/jwks.json; do
    put load_key < "$file"
done

# time_parse: the forms --now, --exp, --nbf, --leeway and --max-lifetime accept.
for text in 0 90 1300819380 1300819380.5 -62135596800 253402300799 90s 15m 1h30m 7d 2w \
    '1h 30m' +15m -1h +7d 2011-03-22T18:43:00Z 2011-03-22T19:43:00+01:00 \
    2026-12-01 2026-12-01T12:00:00 9999-12-31T23:59:59Z 0001-01-01T00:00:00Z \
    1970-01-01T00:00:00.123456789Z; do
    printf '%s' "$text" | put time_parse
done

for dir in corpus/*; do
    echo "$dir: $(ls "$dir" | wc -l) seeds"
done
