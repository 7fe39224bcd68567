
use builtin;
use str;

set edit:completion:arg-completer[jwtx] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'jwtx'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'jwtx'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand decode 'Show a token''s header, claims and signature, without verifying it'
            cand verify 'Verify tokens'' signatures and claims against a key, a JWKS or a secret'
            cand sign 'Create a signed token from claims'
            cand expiry 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime'
            cand exp 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime'
            cand audit 'Review tokens (or files where tokens hide) for security problems'
            cand cache 'Show or empty the cache of keys fetched from URLs'
            cand completions 'Print a shell completion script'
            cand man 'Print a man page (roff), for jwtx or one of its commands'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;decode'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --claim 'Print only this claim''s value (strings unquoted); a dotted path reaches into objects'
            cand --now 'Evaluate relative times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --format 'Output format'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;verify'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -k 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --key 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --secret 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)'
            cand --secret-file 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin'
            cand --secret-env 'Read the HMAC secret from an environment variable'
            cand --secret-encoding 'How the secret''s text stands for its bytes (applies to every secret source)'
            cand --oidc 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER unless --iss says otherwise'
            cand --timeout 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s'
            cand --ca-file 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots'
            cand --alg 'Accept only this algorithm (repeatable); by default every algorithm the key serves'
            cand --iss 'Require this issuer (repeatable: any of them)'
            cand --aud 'Require this audience (repeatable: the token must name at least one)'
            cand --sub 'Require this subject'
            cand --require 'Require this claim to be present (repeatable)'
            cand --now 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --leeway 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m)'
            cand --format 'Output format'
            cand --prompt-secret 'Ask for the HMAC secret on the terminal, without echo'
            cand --allow-weak-key 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
            cand --allow-http 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
            cand --offline 'Use only cached copies of fetched keys, whatever their age; never the network'
            cand --refresh-keys 'Fetch keys from their URL even when the cached copy is fresh'
            cand --ignore-exp 'Do not check exp: a signature-only check (nbf and iat still apply)'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;sign'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --claims-file 'Read the claims (a JSON object) from a file; - reads stdin'
            cand --from-json 'Start from the {header, payload} object `jwtx decode --json` prints; - reads stdin'
            cand --payload-file 'Sign this file''s bytes as the payload of a plain JWS (no claims are added)'
            cand -c 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)'
            cand --claim 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)'
            cand --iss 'Issuer (iss)'
            cand --sub 'Subject (sub)'
            cand --aud 'Audience (aud); repeat for several, which makes aud an array'
            cand --jti 'JWT ID (jti)'
            cand --exp 'Expiry: a duration from now (15m, +7d, -1h) or a time: RFC 3339, a date (2026-12-01, midnight UTC), a date and time read as UTC (2026-12-01T10:00:00), or Unix seconds (10 digits or more: a bare 3600 is refused, write 3600s or 1h)'
            cand --nbf 'Not before: a duration from now (+5m, -1h) or a time, as for --exp'
            cand --kid 'Key ID header (kid); defaults to the JWK''s kid, if any'
            cand --typ 'Type header (typ); default JWT for claims, none for --payload-file; "" leaves it out'
            cand --header 'Set a header parameter: key=value or key:=json (repeatable, once per parameter)'
            cand --alg 'Algorithm; by default the key''s: HS256 for a secret, RS256 for RSA, ES256/384/512 by curve, EdDSA for Ed25519'
            cand -k 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --key 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --secret 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)'
            cand --secret-file 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin'
            cand --secret-env 'Read the HMAC secret from an environment variable'
            cand --secret-encoding 'How the secret''s text stands for its bytes (applies to every secret source)'
            cand --now 'Take iat and relative times from this instant instead of the clock: RFC 3339, a date or a date and time read as UTC, or Unix seconds'
            cand --format 'Output format'
            cand --random-jti 'Set jti to a random 128-bit identifier'
            cand --no-iat 'Leave out iat, which is otherwise set to now'
            cand --prompt-secret 'Ask for the HMAC secret on the terminal, without echo'
            cand --allow-weak-key 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
            cand --unsecured 'Make an unsecured token (alg none, no signature); only for tests'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;expiry'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --within 'Exit 3 when the token expires within this duration ("fail if less than 10m left"); leeway does not widen it'
            cand --max-lifetime 'Exit 4 when exp - iat exceeds this duration, or iat is missing'
            cand -k 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --key 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --secret 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)'
            cand --secret-file 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin'
            cand --secret-env 'Read the HMAC secret from an environment variable'
            cand --secret-encoding 'How the secret''s text stands for its bytes (applies to every secret source)'
            cand --oidc 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER unless --iss says otherwise'
            cand --timeout 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s'
            cand --ca-file 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots'
            cand --alg 'With a key: accept only this algorithm (repeatable)'
            cand --now 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --leeway 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m)'
            cand --format 'Output format'
            cand --allow-no-exp 'Accept a token without exp (otherwise exit 4)'
            cand --prompt-secret 'Ask for the HMAC secret on the terminal, without echo'
            cand --allow-weak-key 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
            cand --allow-http 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
            cand --offline 'Use only cached copies of fetched keys, whatever their age; never the network'
            cand --refresh-keys 'Fetch keys from their URL even when the cached copy is fresh'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;exp'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --within 'Exit 3 when the token expires within this duration ("fail if less than 10m left"); leeway does not widen it'
            cand --max-lifetime 'Exit 4 when exp - iat exceeds this duration, or iat is missing'
            cand -k 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --key 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --secret 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)'
            cand --secret-file 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin'
            cand --secret-env 'Read the HMAC secret from an environment variable'
            cand --secret-encoding 'How the secret''s text stands for its bytes (applies to every secret source)'
            cand --oidc 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER unless --iss says otherwise'
            cand --timeout 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s'
            cand --ca-file 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots'
            cand --alg 'With a key: accept only this algorithm (repeatable)'
            cand --now 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --leeway 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m)'
            cand --format 'Output format'
            cand --allow-no-exp 'Accept a token without exp (otherwise exit 4)'
            cand --prompt-secret 'Ask for the HMAC secret on the terminal, without echo'
            cand --allow-weak-key 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
            cand --allow-http 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
            cand --offline 'Use only cached copies of fetched keys, whatever their age; never the network'
            cand --refresh-keys 'Fetch keys from their URL even when the cached copy is fresh'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;audit'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --scan 'Find tokens inside files and directories (recursively, honouring .gitignore); - scans text on standard input'
            cand --exclude 'With --scan: skip paths matching this glob (repeatable), e.g. ''tests/fixtures/**''; relative to each scanned directory, or a path as the report prints it'
            cand -k 'Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one): report HS tokens MACed with its bytes; - reads stdin'
            cand --key 'Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one): report HS tokens MACed with its bytes; - reads stdin'
            cand --oidc 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER unless --iss says otherwise'
            cand --timeout 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s'
            cand --ca-file 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots'
            cand --wordlist 'Also try every line of this file as an HMAC secret (streamed, any size); - reads stdin'
            cand --ignore-rule 'Skip a rule (repeatable); see --list-rules'
            cand --severity 'Re-rank a rule: ID=LEVEL, LEVEL one of critical, high, medium, low, info (repeatable)'
            cand --baseline 'Suppress findings recorded in an earlier `--format json` report (by fingerprint); - reads stdin'
            cand --fail-on 'Exit 1 when a finding is at or above this severity'
            cand --max-lifetime 'Longest acceptable token lifetime (exp - iat) before lifetime-too-long'
            cand --profile 'Also check the claims this kind of token must carry'
            cand --format 'Output format'
            cand -o 'Write the report to FILE (whole, or not at all) instead of standard output; the summary line, and why the gate failed, still go to standard error'
            cand --output 'Write the report to FILE (whole, or not at all) instead of standard output; the summary line, and why the gate failed, still go to standard error'
            cand --now 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --leeway 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m)'
            cand --allow-http 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
            cand --offline 'Use only cached copies of fetched keys, whatever their age; never the network'
            cand --refresh-keys 'Fetch keys from their URL even when the cached copy is fresh'
            cand --reveal-secrets 'Show found HMAC secrets in full instead of masked'
            cand --reveal-tokens 'Print whole tokens instead of their fingerprints'
            cand --treat-as-leaks 'Report each token given (argument, @FILE, standard input) as exposed, as if --scan had found it in a file (token-exposed); for lists of tokens pulled out of logs'
            cand --list-rules 'Print the rule registry and exit'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;cache'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the cached documents: URL, age, freshness, validators'
            cand clear 'Remove cached documents: every one, or those of the URLs given'
            cand dir 'Print the cache directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;cache;list'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --json 'One JSON object per document (JSON Lines)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;cache;clear'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;cache;dir'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;cache;help'= {
            cand list 'List the cached documents: URL, age, freshness, validators'
            cand clear 'Remove cached documents: every one, or those of the URLs given'
            cand dir 'Print the cache directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;cache;help;list'= {
        }
        &'jwtx;cache;help;clear'= {
        }
        &'jwtx;cache;help;dir'= {
        }
        &'jwtx;cache;help;help'= {
        }
        &'jwtx;completions'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;man'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;help'= {
            cand decode 'Show a token''s header, claims and signature, without verifying it'
            cand verify 'Verify tokens'' signatures and claims against a key, a JWKS or a secret'
            cand sign 'Create a signed token from claims'
            cand expiry 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime'
            cand audit 'Review tokens (or files where tokens hide) for security problems'
            cand cache 'Show or empty the cache of keys fetched from URLs'
            cand completions 'Print a shell completion script'
            cand man 'Print a man page (roff), for jwtx or one of its commands'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;help;decode'= {
        }
        &'jwtx;help;verify'= {
        }
        &'jwtx;help;sign'= {
        }
        &'jwtx;help;expiry'= {
        }
        &'jwtx;help;audit'= {
        }
        &'jwtx;help;cache'= {
        }
        &'jwtx;help;completions'= {
        }
        &'jwtx;help;man'= {
        }
        &'jwtx;help;help'= {
        }
    ]
    $completions[$command]
}
