# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_jwtx_global_optspecs
    string join \n color= h/help V/version
end

function __fish_jwtx_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_jwtx_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_jwtx_using_subcommand
    set -l cmd (__fish_jwtx_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c jwtx -n "__fish_jwtx_needs_command" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_needs_command" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "decode" -d 'Show a token\'s header, claims and signature, without verifying it'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "verify" -d 'Verify tokens\' signatures and claims against a key, a JWKS or a secret'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "sign" -d 'Create a signed token from claims'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "expiry" -d 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "exp" -d 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "audit" -d '`audit`\'s way into JWEs: a decryption key, a JWE secret, or a framework preset with its secret. The content is audited as well as the JWE header'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "find" -d 'Find tokens in files, directories or standard input and print where they are'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "key" -d 'Make, convert and fingerprint keys, and build key sets (JWKS)'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "cache" -d 'Show or empty the cache of keys fetched from URLs'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "config" -d 'Show or check the jwtx.toml settings verify, expiry and audit read'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "decrypt" -d 'Decrypt JWEs (encrypted tokens) with a private key or a secret, and print the plaintext'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "encrypt" -d 'Encrypt claims, bytes or a signed token into a JWE for a recipient\'s key'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "man" -d 'Print a man page (roff), for jwtx or one of its commands'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -l claim -d 'Print only this claim\'s value (strings unquoted); a dotted path reaches into objects' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -l now -d 'Evaluate relative times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -l decrypt-key -d 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and show what is inside too (a nested token, claims or bytes); nothing is verified' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -s k -l key -d 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l secret -d 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l secret-file -d 'Read the HMAC secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l secret-env -d 'Read the HMAC secret from an environment variable' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l secret-encoding -d 'How the secret\'s text stands for its bytes (applies to every secret source)' -r -f -a "utf8\t''
base64\t''
base64url\t''
hex\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l oidc -d 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token\'s iss to be exactly ISSUER (in verify, --iss overrides that)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l timeout -d 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l ca-file -d 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l config -d 'Read settings from this file instead of looking for jwtx.toml' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l profile-name -d 'With jwtx.toml: check every token against this issuer profile (its name or iss) instead of the one its iss selects' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l alg -d 'Accept only this algorithm (repeatable); by default every algorithm the key serves' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l iss -d 'Require this issuer (repeatable: any of them)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l aud -d 'Require this audience (repeatable: the token must name at least one)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l sub -d 'Require this subject' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l require -d 'Require this claim to be present (repeatable); a dotted path reaches into objects (address.country)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l expect -d 'Require this claim value (repeatable): CLAIM=VALUE for a string, CLAIM:=JSON for any JSON value; a dotted path reaches into objects; replaces jwtx.toml\'s expectation for the same claim' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l decrypt-key -d 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) first, then verify the signed token inside with the verification key; a JWE whose content is not a signed JWS (an unsecured alg none token, say) fails with exit 1' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l denylist -d 'Fail revoked tokens with exit 1 (id revoked): a FILE (one jti, whole token or token SHA-256 in hex per line) or redis://HOST:PORT/DB (see --denylist-key)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l denylist-key -d 'With a Redis denylist: the key that marks a token revoked; {jti}, {sha256} (of the token) and {token} are filled in [default: revoked:{jti}]' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l claims-schema -d 'Check the claims against this JSON Schema (2020-12 by default; format asserted: email, date-time, uri, uuid...): every violation fails the token with exit 4' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l now -d 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l leeway -d 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l prompt-secret -d 'Ask for the HMAC secret on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l allow-weak-key -d 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l allow-http -d 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l offline -d 'Use only cached copies of fetched keys, whatever their age; never the network'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l refresh-keys -d 'Fetch keys from their URL even when the cached copy is fresh'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l no-config -d 'Ignore any jwtx.toml'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l ignore-exp -d 'Do not check exp: a signature-only check (nbf and iat still apply)'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l claims-file -d 'Read the claims (a JSON object) from a file; - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l from-json -d 'Start from the {header, payload} object `jwtx decode --json` prints; - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l payload-file -d 'Sign this file\'s bytes as the payload of a plain JWS (no claims are added)' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -s c -l claim -d 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l iss -d 'Issuer (iss)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l sub -d 'Subject (sub)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l aud -d 'Audience (aud); repeat for several, which makes aud an array' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l jti -d 'JWT ID (jti)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l exp -d 'Expiry: a duration from now (15m, +7d, -1h) or a time: RFC 3339, a date (2026-12-01, midnight UTC), a date and time read as UTC (2026-12-01T10:00:00), or Unix seconds (10 digits or more: a bare 3600 is refused, write 3600s or 1h)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l nbf -d 'Not before: a duration from now (+5m, -1h) or a time, as for --exp' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l kid -d 'Key ID header (kid); defaults to the JWK\'s kid, if any' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l typ -d 'Type header (typ); default JWT for claims, none for --payload-file; "" leaves it out' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l header -d 'Set a header parameter: key=value or key:=json (repeatable, once per parameter)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l alg -d 'Algorithm; by default the key\'s: HS256 for a secret, RS256 for RSA, ES256/384/512 by curve, EdDSA for Ed25519' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -s k -l key -d 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l secret -d 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l secret-file -d 'Read the HMAC secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l secret-env -d 'Read the HMAC secret from an environment variable' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l secret-encoding -d 'How the secret\'s text stands for its bytes (applies to every secret source)' -r -f -a "utf8\t''
base64\t''
base64url\t''
hex\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l now -d 'Take iat and relative times from this instant instead of the clock: RFC 3339, a date or a date and time read as UTC, or Unix seconds' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l random-jti -d 'Set jti to a random 128-bit identifier'
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l no-iat -d 'Leave out iat, which is otherwise set to now'
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l prompt-secret -d 'Ask for the HMAC secret on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l allow-weak-key -d 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l unsecured -d 'Make an unsecured token (alg none, no signature); only for tests'
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand sign" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l within -d 'Exit 3 when the token expires within this duration ("fail if less than 10m left"); leeway does not widen it' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l max-lifetime -d 'Exit 4 when exp - iat exceeds this duration, or iat is missing' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l claims-schema -d 'Check the claims against this JSON Schema: every violation is exit 4' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l decrypt-key -d 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and judge the signed token inside; content that is not a signed JWS fails with exit 1' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -s k -l key -d 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l secret -d 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l secret-file -d 'Read the HMAC secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l secret-env -d 'Read the HMAC secret from an environment variable' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l secret-encoding -d 'How the secret\'s text stands for its bytes (applies to every secret source)' -r -f -a "utf8\t''
base64\t''
base64url\t''
hex\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l oidc -d 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token\'s iss to be exactly ISSUER (in verify, --iss overrides that)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l timeout -d 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l ca-file -d 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l config -d 'Read settings from this file instead of looking for jwtx.toml' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l alg -d 'With a key: accept only this algorithm (repeatable)' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l now -d 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l leeway -d 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l allow-no-exp -d 'Accept a token without exp (otherwise exit 4)'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l prompt-secret -d 'Ask for the HMAC secret on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l allow-weak-key -d 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l allow-http -d 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l offline -d 'Use only cached copies of fetched keys, whatever their age; never the network'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l refresh-keys -d 'Fetch keys from their URL even when the cached copy is fresh'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l no-config -d 'Ignore any jwtx.toml'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l within -d 'Exit 3 when the token expires within this duration ("fail if less than 10m left"); leeway does not widen it' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l max-lifetime -d 'Exit 4 when exp - iat exceeds this duration, or iat is missing' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l claims-schema -d 'Check the claims against this JSON Schema: every violation is exit 4' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l decrypt-key -d 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and judge the signed token inside; content that is not a signed JWS fails with exit 1' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -s k -l key -d 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l secret -d 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l secret-file -d 'Read the HMAC secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l secret-env -d 'Read the HMAC secret from an environment variable' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l secret-encoding -d 'How the secret\'s text stands for its bytes (applies to every secret source)' -r -f -a "utf8\t''
base64\t''
base64url\t''
hex\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l oidc -d 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token\'s iss to be exactly ISSUER (in verify, --iss overrides that)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l timeout -d 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l ca-file -d 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l config -d 'Read settings from this file instead of looking for jwtx.toml' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l alg -d 'With a key: accept only this algorithm (repeatable)' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l now -d 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l leeway -d 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l allow-no-exp -d 'Accept a token without exp (otherwise exit 4)'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l prompt-secret -d 'Ask for the HMAC secret on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l allow-weak-key -d 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l allow-http -d 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l offline -d 'Use only cached copies of fetched keys, whatever their age; never the network'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l refresh-keys -d 'Fetch keys from their URL even when the cached copy is fresh'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l no-config -d 'Ignore any jwtx.toml'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l scan -d 'Find tokens inside files and directories (recursively, honouring .gitignore); - scans text on standard input' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l exclude -d 'With --scan: skip paths matching this glob (repeatable), e.g. \'tests/fixtures/**\'; relative to each scanned directory, or a path as the report prints it' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l jwks -d 'Audit this published key set instead of tokens: a JWKS (or a single JWK) file, - for standard input, or an https:// URL (fetched and cached as --key URLs are)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l previous -d 'With --jwks: an older snapshot of the same set (file, - or URL), to report kids reused for other keys, keys renamed, added and removed' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l merge -d 'Combine JSON reports that `audit --format json` wrote (one per shard of a large tree) into one report, in any --format and gated by --fail-on; - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l max-decompressed -d 'With --scan: read a gzip file up to this many bytes decompressed (K, M, G); a file that holds more is counted as skipped' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -s k -l key -d 'Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one): report HS tokens MACed with its bytes; - reads stdin' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l oidc -d 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token\'s iss to be exactly ISSUER (in verify, --iss overrides that)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l timeout -d 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l ca-file -d 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l config -d 'Read settings from this file instead of looking for jwtx.toml' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l wordlist -d 'Also try every line of this file as an HMAC secret (streamed, any size); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l ignore-rule -d 'Skip a rule (repeatable); see --list-rules' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l severity -d 'Re-rank a rule: ID=LEVEL, LEVEL one of critical, high, medium, low, info (repeatable)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l baseline -d 'Suppress findings recorded in an earlier `--format json` report (by fingerprint); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l fail-on -d 'Exit 1 when a finding is at or above this severity [default: high, or what jwtx.toml says]' -r -f -a "critical\t''
high\t''
medium\t''
low\t''
info\t''
none\t'Never fail because of findings'"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l max-lifetime -d 'Longest acceptable token lifetime (exp - iat; without iat, exp - nbf or exp - now) before lifetime-too-long [default: 24h, or what jwtx.toml says]' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l profile -d 'Also check the claims this kind of token must carry' -r -f -a "access-token\t'RFC 9068 JWT access tokens'
id-token\t'OpenID Connect ID tokens'"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l claims-schema -d 'Report tokens whose claims do not match this JSON Schema (claims-schema)' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by token, with a summary'
json\t'JSON Lines: one object per token, then a summary object'
sarif\t'SARIF 2.1.0, for code scanning'"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -s o -l output -d 'Write the report to FILE (whole, or not at all) instead of standard output; the summary line, and why the gate failed, still go to standard error' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l now -d 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l leeway -d 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l decrypt-key -d 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and audit the content too (a nested token or claims, reported as the inner layer); a JWE it does not open is a jwe-not-decrypted finding' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l secret -d 'The JWE secret (dir, AES key wrap, a PBES2 password) or, with --preset, the framework\'s secret, on the command line (visible in the process list; prefer --secret-file or --secret-env)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l secret-file -d 'Read the JWE or framework secret from a file, less one trailing newline; - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l secret-env -d 'Read the JWE or framework secret from an environment variable (AUTH_SECRET...)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l secret-encoding -d 'How the secret\'s text stands for its bytes' -r -f -a "utf8\t''
base64\t''
base64url\t''
hex\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l preset -d 'The tokens are a web framework\'s session cookies (authjs, nextauth-v4, auth0): search the framework secret among weak secrets (built-in list and --wordlist) through the framework\'s key derivation, and with the secret, audit the content' -r -f -a "authjs\t''
nextauth-v4\t''
auth0\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l cookie-name -d 'With --preset: the session cookie\'s name, instead of the framework\'s defaults' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l allow-http -d 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l offline -d 'Use only cached copies of fetched keys, whatever their age; never the network'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l refresh-keys -d 'Fetch keys from their URL even when the cached copy is fresh'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l no-config -d 'Ignore any jwtx.toml'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l reveal-secrets -d 'Show found HMAC secrets in full instead of masked'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l reveal-tokens -d 'Print whole tokens instead of their fingerprints'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l treat-as-leaks -d 'Report each token given (argument, @FILE, standard input) as exposed, as if --scan had found it in a file (token-exposed); for lists of tokens pulled out of logs'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l list-rules -d 'Print the rule registry and exit'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l prompt-secret -d 'Ask for the JWE or framework secret on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l allow-rsa1-5 -d 'Also open RSA1_5 JWEs to audit their content (jwe-rsa1-5 is reported either way)'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand find" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand find" -l exclude -d 'Skip paths matching this glob (repeatable), as `audit --exclude` does' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand find" -l max-decompressed -d 'Read a gzip file up to this many bytes decompressed (K, M, G); a file that holds more is counted as skipped' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand find" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand find" -l unique -d 'Print each token once, where it was first found'
complete -c jwtx -n "__fish_jwtx_using_subcommand find" -l files -d 'Print the files a search would read, one per line, and search nothing (to split a search or an audit across processes)'
complete -c jwtx -n "__fish_jwtx_using_subcommand find" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand find" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand find" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "generate" -d 'Generate a private key, or an HMAC secret of the algorithm\'s full size'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "public" -d 'Write the public half of a key'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "convert" -d 'Convert a key between PEM (PKCS#8, PKCS#1, SEC 1, SPKI), DER and JWK'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "thumbprint" -d 'Print a key\'s RFC 7638 JWK thumbprint'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "set" -d 'Build and edit a key set (JWKS): add, remove and list keys'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and not __fish_seen_subcommand_from generate public convert thumbprint set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l alg -d 'The algorithm the key is for; its JWK gets this "alg"' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l bits -d 'RSA modulus size: 2048 (the default), 3072, 4096 or 8192; smaller is refused' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l format -l to -d 'Output format: pem (the default for RSA, EC and EdDSA), der, jwk (the default for HMAC secrets), pkcs8, pkcs1, sec1, base64url' -r -f -a "pem\t'PEM: PKCS#8 for a private key, SubjectPublicKeyInfo for a public one'
der\t'DER: PKCS#8 for a private key, SubjectPublicKeyInfo for a public one'
jwk\t'A JWK (RFC 7517); the only form, with base64url, for an HMAC secret'
pkcs8\t'PKCS#8 private key (PEM "PRIVATE KEY")'
pkcs1\t'PKCS#1, RSA only (PEM "RSA PRIVATE KEY" or "RSA PUBLIC KEY")'
sec1\t'SEC 1, EC private keys only (PEM "EC PRIVATE KEY")'
spki\t'SubjectPublicKeyInfo: the public half (PEM "PUBLIC KEY")'
base64url\t'An HMAC secret\'s bytes as base64url text, for --secret-file with --secret-encoding base64url'"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l kid -d 'Key ID (kid) for JWK output' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l use -d 'The JWK\'s "use" member: sig (signatures) or enc (encryption)' -r -f -a "sig\t''
enc\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -s o -l out -d 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l public-out -d 'Also write the public half to FILE (SPKI PEM or DER, or a public JWK, as --format)' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l der -d 'With pem, pkcs8, pkcs1 or sec1: write DER instead of PEM'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l kid-thumbprint -d 'Set the kid to the key\'s RFC 7638 SHA-256 thumbprint'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l force -d 'Replace output files that already exist'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l unsafe-print-private -d 'Print private key material even when standard output is a terminal'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -l json -d 'Describe the key as one JSON object on standard output (alg, kty, curve or bits, kid, thumbprint, files written); without --out the key itself is its "key" member'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -l format -l to -d 'Output format: pem (the default: SubjectPublicKeyInfo), der, jwk, spki, pkcs1' -r -f -a "pem\t'PEM: PKCS#8 for a private key, SubjectPublicKeyInfo for a public one'
der\t'DER: PKCS#8 for a private key, SubjectPublicKeyInfo for a public one'
jwk\t'A JWK (RFC 7517); the only form, with base64url, for an HMAC secret'
pkcs8\t'PKCS#8 private key (PEM "PRIVATE KEY")'
pkcs1\t'PKCS#1, RSA only (PEM "RSA PRIVATE KEY" or "RSA PUBLIC KEY")'
sec1\t'SEC 1, EC private keys only (PEM "EC PRIVATE KEY")'
spki\t'SubjectPublicKeyInfo: the public half (PEM "PUBLIC KEY")'
base64url\t'An HMAC secret\'s bytes as base64url text, for --secret-file with --secret-encoding base64url'"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -l kid -d 'Key ID (kid) for JWK output' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -l use -d 'The JWK\'s "use" member: sig (signatures) or enc (encryption)' -r -f -a "sig\t''
enc\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -l alg -d 'The JWK\'s "alg" member; it must suit the key (the key\'s own by default)' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -s o -l out -d 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -l der -d 'With pem, spki or pkcs1: write DER instead of PEM'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -l kid-thumbprint -d 'Set the kid to the key\'s RFC 7638 SHA-256 thumbprint'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -l force -d 'Replace output files that already exist'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -l unsafe-print-private -d 'Print private key material even when standard output is a terminal'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from public" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -l to -l format -d 'Output format: pem, der, jwk, pkcs8, pkcs1, sec1, spki (the public half) or base64url (an HMAC secret)' -r -f -a "pem\t'PEM: PKCS#8 for a private key, SubjectPublicKeyInfo for a public one'
der\t'DER: PKCS#8 for a private key, SubjectPublicKeyInfo for a public one'
jwk\t'A JWK (RFC 7517); the only form, with base64url, for an HMAC secret'
pkcs8\t'PKCS#8 private key (PEM "PRIVATE KEY")'
pkcs1\t'PKCS#1, RSA only (PEM "RSA PRIVATE KEY" or "RSA PUBLIC KEY")'
sec1\t'SEC 1, EC private keys only (PEM "EC PRIVATE KEY")'
spki\t'SubjectPublicKeyInfo: the public half (PEM "PUBLIC KEY")'
base64url\t'An HMAC secret\'s bytes as base64url text, for --secret-file with --secret-encoding base64url'"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -l kid -d 'Key ID (kid) for JWK output' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -l use -d 'The JWK\'s "use" member: sig (signatures) or enc (encryption)' -r -f -a "sig\t''
enc\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -l alg -d 'The JWK\'s "alg" member; it must suit the key (the key\'s own by default)' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -s o -l out -d 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -l der -d 'With pem, pkcs8, pkcs1, sec1 or spki: write DER instead of PEM'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -l kid-thumbprint -d 'Set the kid to the key\'s RFC 7638 SHA-256 thumbprint'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -l force -d 'Replace output files that already exist'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -l unsafe-print-private -d 'Print private key material even when standard output is a terminal'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from convert" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from thumbprint" -l hash -d 'The hash' -r -f -a "sha256\t''
sha384\t''
sha512\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from thumbprint" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from thumbprint" -l uri -d 'Print the RFC 9278 URI (urn:ietf:params:oauth:jwk-thumbprint:sha-256:...)'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from thumbprint" -l json -d 'Print a JSON object with the thumbprint, its URI, the hash and the key\'s kid'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from thumbprint" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from thumbprint" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from set" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from set" -f -a "add" -d 'Add a key to a JWKS file (created if missing) and print its kid'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from set" -f -a "remove" -d 'Remove the key with a kid from a JWKS file'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from set" -f -a "list" -d 'List a JWKS\'s keys: kid, type, alg, use and thumbprint'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from set" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Generate a private key, or an HMAC secret of the algorithm\'s full size'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "public" -d 'Write the public half of a key'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Convert a key between PEM (PKCS#8, PKCS#1, SEC 1, SPKI), DER and JWK'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "thumbprint" -d 'Print a key\'s RFC 7638 JWK thumbprint'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "set" -d 'Build and edit a key set (JWKS): add, remove and list keys'
complete -c jwtx -n "__fish_jwtx_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and not __fish_seen_subcommand_from list clear dir help" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and not __fish_seen_subcommand_from list clear dir help" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and not __fish_seen_subcommand_from list clear dir help" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and not __fish_seen_subcommand_from list clear dir help" -f -a "list" -d 'List the cached documents: URL, age, freshness, validators'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and not __fish_seen_subcommand_from list clear dir help" -f -a "clear" -d 'Remove cached documents: every one, or those of the URLs given'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and not __fish_seen_subcommand_from list clear dir help" -f -a "dir" -d 'Print the cache directory'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and not __fish_seen_subcommand_from list clear dir help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from list" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from list" -l json -d 'One JSON object per document (JSON Lines)'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from clear" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from dir" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from dir" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from dir" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the cached documents: URL, age, freshness, validators'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove cached documents: every one, or those of the URLs given'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "dir" -d 'Print the cache directory'
complete -c jwtx -n "__fish_jwtx_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and not __fish_seen_subcommand_from show check schema help" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and not __fish_seen_subcommand_from show check schema help" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and not __fish_seen_subcommand_from show check schema help" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and not __fish_seen_subcommand_from show check schema help" -f -a "show" -d 'Print the effective settings and where each came from'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and not __fish_seen_subcommand_from show check schema help" -f -a "check" -d 'Check a file: exit 0 when it is valid, 2 with its errors'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and not __fish_seen_subcommand_from show check schema help" -f -a "schema" -d 'Print the JSON Schema of jwtx.toml, for editors'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and not __fish_seen_subcommand_from show check schema help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Read settings from this file instead of looking for jwtx.toml' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from show" -l no-config -d 'Ignore any jwtx.toml'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from check" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from schema" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from schema" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from schema" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective settings and where each came from'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a file: exit 0 when it is valid, 2 with its errors'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "schema" -d 'Print the JSON Schema of jwtx.toml, for editors'
complete -c jwtx -n "__fish_jwtx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l secret-encoding -d 'How the secret\'s text stands for its bytes (applies to every secret source)' -r -f -a "utf8\t''
base64\t''
base64url\t''
hex\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l alg -d 'Accept only this key-management algorithm (repeatable); by default every one the key serves' -r -f -a "dir\t''
A128KW\t''
A192KW\t''
A256KW\t''
A128GCMKW\t''
A192GCMKW\t''
A256GCMKW\t''
RSA-OAEP\t''
RSA-OAEP-256\t''
RSA-OAEP-384\t''
RSA-OAEP-512\t''
RSA1_5\t''
ECDH-ES\t''
ECDH-ES+A128KW\t''
ECDH-ES+A192KW\t''
ECDH-ES+A256KW\t''
PBES2-HS256+A128KW\t''
PBES2-HS384+A192KW\t''
PBES2-HS512+A256KW\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l enc -d 'Accept only this content encryption (repeatable); by default all six' -r -f -a "A128GCM\t''
A192GCM\t''
A256GCM\t''
A128CBC-HS256\t''
A192CBC-HS384\t''
A256CBC-HS512\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l preset -d 'Open a web framework\'s session cookie: derive its key from the framework\'s secret (--secret-env AUTH_SECRET...) as the framework does. authjs: Auth.js v5 (@auth/core, next-auth 5); nextauth-v4: NextAuth.js 4; auth0: @auth0/nextjs-auth0 and express-openid-connect' -r -f -a "authjs\t''
nextauth-v4\t''
auth0\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l cookie-name -d 'With --preset: the session cookie\'s name, instead of the framework\'s defaults (Auth.js derives its key from the name: authjs.session-token and __Secure-authjs.session-token are tried)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -s k -l key -d 'Decryption key file: a private PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), a private or oct JWK, or a JWKS of them; - reads stdin' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l secret -d 'The JWE secret on the command line: a dir or AES key-wrap key of the algorithm\'s size, or a PBES2 password (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l secret-file -d 'Read the JWE secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l secret-env -d 'Read the JWE secret from an environment variable' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l allow-rsa1-5 -d 'Also decrypt RSA1_5 (RSAES-PKCS1-v1_5) tokens, a legacy padding open to padding-oracle attacks; jwtx answers every padding error like a wrong key (RFC 7518 §4.2)'
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l prompt-secret -d 'Ask for the JWE secret (a PBES2 password, say) on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -l allow-weak-key -d 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand decrypt" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l claims-file -d 'Read the claims (a JSON object) from a file; - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l payload-file -d 'Encrypt this file\'s bytes as they are (no claims are added); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l jws -d 'Encrypt this signed token (JWS) as a nested JWT (cty "JWT"): the token, @FILE, or - for standard input' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -s c -l claim -d 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l iss -d 'Issuer (iss)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l sub -d 'Subject (sub)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l aud -d 'Audience (aud); repeat for several, which makes aud an array' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l jti -d 'JWT ID (jti)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l exp -d 'Expiry: a duration from now (15m, +7d, -1h) or a time: RFC 3339, a date (2026-12-01, midnight UTC), a date and time read as UTC (2026-12-01T10:00:00), or Unix seconds (10 digits or more: a bare 3600 is refused, write 3600s or 1h)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l nbf -d 'Not before: a duration from now (+5m, -1h) or a time, as for --exp' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l alg -d 'Key-management algorithm; by default RSA-OAEP-256 for an RSA key and ECDH-ES for an EC or X25519 key (a secret needs one)' -r -f -a "dir\t''
A128KW\t''
A192KW\t''
A256KW\t''
A128GCMKW\t''
A192GCMKW\t''
A256GCMKW\t''
RSA-OAEP\t''
RSA-OAEP-256\t''
RSA-OAEP-384\t''
RSA-OAEP-512\t''
RSA1_5\t''
ECDH-ES\t''
ECDH-ES+A128KW\t''
ECDH-ES+A192KW\t''
ECDH-ES+A256KW\t''
PBES2-HS256+A128KW\t''
PBES2-HS384+A192KW\t''
PBES2-HS512+A256KW\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l enc -d 'Content encryption' -r -f -a "A128GCM\t''
A192GCM\t''
A256GCM\t''
A128CBC-HS256\t''
A192CBC-HS384\t''
A256CBC-HS512\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l p2c -d 'PBES2 iteration count (p2c), from 1000 to 1000000' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l kid -d 'Key ID header (kid); defaults to the JWK\'s kid, if any' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l typ -d 'Type header (typ); none by default' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l header -d 'Set a protected-header parameter: key=value or key:=json (repeatable); alg, enc, zip and the key-management members are jwtx\'s to write' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l secret-encoding -d 'How the secret\'s text stands for its bytes (applies to every secret source)' -r -f -a "utf8\t''
base64\t''
base64url\t''
hex\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l now -d 'Take iat and relative times from this instant instead of the clock: RFC 3339, a date or a date and time read as UTC, or Unix seconds' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -s k -l key -d 'The recipient\'s key file: a public (or private) PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), or a JWK; - reads stdin' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l secret -d 'The JWE secret on the command line: a dir or AES key-wrap key of the algorithm\'s size, or a PBES2 password (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l secret-file -d 'Read the JWE secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l secret-env -d 'Read the JWE secret from an environment variable' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l random-jti -d 'Set jti to a random 128-bit identifier'
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l no-iat -d 'Leave out iat, which is otherwise set to now'
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l zip -d 'Compress the plaintext with DEFLATE first (zip "DEF"); beware compressing secrets an attacker can mix their own text into'
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l prompt-secret -d 'Ask for the JWE secret (a PBES2 password, say) on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -l allow-weak-key -d 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand encrypt" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand completions" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand completions" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand completions" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand man" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand man" -s h -l help -d 'Print help'
complete -c jwtx -n "__fish_jwtx_using_subcommand man" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "decode" -d 'Show a token\'s header, claims and signature, without verifying it'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "verify" -d 'Verify tokens\' signatures and claims against a key, a JWKS or a secret'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "sign" -d 'Create a signed token from claims'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "expiry" -d 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "audit" -d 'Review tokens (or files where tokens hide) for security problems'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "find" -d 'Find tokens in files, directories or standard input and print where they are'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "key" -d 'Make, convert and fingerprint keys, and build key sets (JWKS)'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "cache" -d 'Show or empty the cache of keys fetched from URLs'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "config" -d 'Show or check the jwtx.toml settings verify, expiry and audit read'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "decrypt" -d 'Decrypt JWEs (encrypted tokens) with a private key or a secret, and print the plaintext'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "encrypt" -d 'Encrypt claims, bytes or a signed token into a JWE for a recipient\'s key'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "man" -d 'Print a man page (roff), for jwtx or one of its commands'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit find key cache config decrypt encrypt completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
