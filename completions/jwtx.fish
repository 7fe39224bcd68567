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
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "audit" -d 'Review tokens (or files where tokens hide) for security problems'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "cache" -d 'Show or empty the cache of keys fetched from URLs'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "man" -d 'Print a man page (roff), for jwtx or one of its commands'
complete -c jwtx -n "__fish_jwtx_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -l claim -d 'Print only this claim\'s value (strings unquoted); a dotted path reaches into objects' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand decode" -l now -d 'Evaluate relative times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds' -r
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
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l oidc -d 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token\'s iss to be exactly ISSUER unless --iss says otherwise' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l timeout -d 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l ca-file -d 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots' -r -F
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
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l require -d 'Require this claim to be present (repeatable)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l now -d 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l leeway -d 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l prompt-secret -d 'Ask for the HMAC secret on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l allow-weak-key -d 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l allow-http -d 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l offline -d 'Use only cached copies of fetched keys, whatever their age; never the network'
complete -c jwtx -n "__fish_jwtx_using_subcommand verify" -l refresh-keys -d 'Fetch keys from their URL even when the cached copy is fresh'
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
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -s k -l key -d 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l secret -d 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l secret-file -d 'Read the HMAC secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l secret-env -d 'Read the HMAC secret from an environment variable' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l secret-encoding -d 'How the secret\'s text stands for its bytes (applies to every secret source)' -r -f -a "utf8\t''
base64\t''
base64url\t''
hex\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l oidc -d 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token\'s iss to be exactly ISSUER unless --iss says otherwise' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l timeout -d 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l ca-file -d 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots' -r -F
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
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l leeway -d 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l allow-no-exp -d 'Accept a token without exp (otherwise exit 4)'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l prompt-secret -d 'Ask for the HMAC secret on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l allow-weak-key -d 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l allow-http -d 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l offline -d 'Use only cached copies of fetched keys, whatever their age; never the network'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l refresh-keys -d 'Fetch keys from their URL even when the cached copy is fresh'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand expiry" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l within -d 'Exit 3 when the token expires within this duration ("fail if less than 10m left"); leeway does not widen it' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l max-lifetime -d 'Exit 4 when exp - iat exceeds this duration, or iat is missing' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -s k -l key -d 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l secret -d 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l secret-file -d 'Read the HMAC secret from a file, less one trailing newline (\\n or \\r\\n); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l secret-env -d 'Read the HMAC secret from an environment variable' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l secret-encoding -d 'How the secret\'s text stands for its bytes (applies to every secret source)' -r -f -a "utf8\t''
base64\t''
base64url\t''
hex\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l oidc -d 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token\'s iss to be exactly ISSUER unless --iss says otherwise' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l timeout -d 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l ca-file -d 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots' -r -F
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
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l leeway -d 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l format -d 'Output format' -r -f -a "text\t'Human-readable text'
json\t'JSON Lines: one object per token per line'"
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l allow-no-exp -d 'Accept a token without exp (otherwise exit 4)'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l prompt-secret -d 'Ask for the HMAC secret on the terminal, without echo'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l allow-weak-key -d 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l allow-http -d 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l offline -d 'Use only cached copies of fetched keys, whatever their age; never the network'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l refresh-keys -d 'Fetch keys from their URL even when the cached copy is fresh'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand exp" -s V -l version -d 'Print version'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l color -d 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l scan -d 'Find tokens inside files and directories (recursively, honouring .gitignore); - scans text on standard input' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l exclude -d 'With --scan: skip paths matching this glob (repeatable), e.g. \'tests/fixtures/**\'; relative to each scanned directory, or a path as the report prints it' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -s k -l key -d 'Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one): report HS tokens MACed with its bytes; - reads stdin' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l oidc -d 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token\'s iss to be exactly ISSUER unless --iss says otherwise' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l timeout -d 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l ca-file -d 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l wordlist -d 'Also try every line of this file as an HMAC secret (streamed, any size); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l ignore-rule -d 'Skip a rule (repeatable); see --list-rules' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l severity -d 'Re-rank a rule: ID=LEVEL, LEVEL one of critical, high, medium, low, info (repeatable)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l baseline -d 'Suppress findings recorded in an earlier `--format json` report (by fingerprint); - reads stdin' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l fail-on -d 'Exit 1 when a finding is at or above this severity' -r -f -a "critical\t''
high\t''
medium\t''
low\t''
info\t''
none\t'Never fail because of findings'"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l max-lifetime -d 'Longest acceptable token lifetime (exp - iat) before lifetime-too-long' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l profile -d 'Also check the claims this kind of token must carry' -r -f -a "access-token\t'RFC 9068 JWT access tokens'
id-token\t'OpenID Connect ID tokens'"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by token, with a summary'
json\t'JSON Lines: one object per token, then a summary object'
sarif\t'SARIF 2.1.0, for code scanning'"
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -s o -l output -d 'Write the report to FILE (whole, or not at all) instead of standard output; the summary line, and why the gate failed, still go to standard error' -r -F
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l now -d 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l leeway -d 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m)' -r
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l allow-http -d 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l offline -d 'Use only cached copies of fetched keys, whatever their age; never the network'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l refresh-keys -d 'Fetch keys from their URL even when the cached copy is fresh'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l reveal-secrets -d 'Show found HMAC secrets in full instead of masked'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l reveal-tokens -d 'Print whole tokens instead of their fingerprints'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l treat-as-leaks -d 'Report each token given (argument, @FILE, standard input) as exposed, as if --scan had found it in a file (token-exposed); for lists of tokens pulled out of logs'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l list-rules -d 'Print the rule registry and exit'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -l json -d 'Short for --format json'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtx -n "__fish_jwtx_using_subcommand audit" -s V -l version -d 'Print version'
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
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit cache completions man help" -f -a "decode" -d 'Show a token\'s header, claims and signature, without verifying it'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit cache completions man help" -f -a "verify" -d 'Verify tokens\' signatures and claims against a key, a JWKS or a secret'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit cache completions man help" -f -a "sign" -d 'Create a signed token from claims'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit cache completions man help" -f -a "expiry" -d 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit cache completions man help" -f -a "audit" -d 'Review tokens (or files where tokens hide) for security problems'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit cache completions man help" -f -a "cache" -d 'Show or empty the cache of keys fetched from URLs'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit cache completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit cache completions man help" -f -a "man" -d 'Print a man page (roff), for jwtx or one of its commands'
complete -c jwtx -n "__fish_jwtx_using_subcommand help; and not __fish_seen_subcommand_from decode verify sign expiry audit cache completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
