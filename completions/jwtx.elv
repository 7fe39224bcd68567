
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
            cand audit '`audit`''s way into JWEs: a decryption key, a JWE secret, or a framework preset with its secret. The content is audited as well as the JWE header'
            cand find 'Find tokens in files, directories or standard input and print where they are'
            cand key 'Make, convert and fingerprint keys, and build key sets (JWKS)'
            cand cache 'Show or empty the cache of keys fetched from URLs'
            cand config 'Show or check the jwtx.toml settings verify, expiry and audit read'
            cand decrypt 'Decrypt JWEs (encrypted tokens) with a private key or a secret, and print the plaintext'
            cand encrypt 'Encrypt claims, bytes or a signed token into a JWE for a recipient''s key'
            cand completions 'Print a shell completion script'
            cand man 'Print a man page (roff), for jwtx or one of its commands'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;decode'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --claim 'Print only this claim''s value (strings unquoted); a dotted path reaches into objects'
            cand --now 'Evaluate relative times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --decrypt-key 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and show what is inside too (a nested token, claims or bytes); nothing is verified'
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
            cand --oidc 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER (in verify, --iss overrides that)'
            cand --timeout 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s'
            cand --ca-file 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)'
            cand --config 'Read settings from this file instead of looking for jwtx.toml'
            cand --profile-name 'With jwtx.toml: check every token against this issuer profile (its name or iss) instead of the one its iss selects'
            cand --alg 'Accept only this algorithm (repeatable); by default every algorithm the key serves'
            cand --iss 'Require this issuer (repeatable: any of them)'
            cand --aud 'Require this audience (repeatable: the token must name at least one)'
            cand --sub 'Require this subject'
            cand --require 'Require this claim to be present (repeatable); a dotted path reaches into objects (address.country)'
            cand --expect 'Require this claim value (repeatable): CLAIM=VALUE for a string, CLAIM:=JSON for any JSON value; a dotted path reaches into objects; replaces jwtx.toml''s expectation for the same claim'
            cand --decrypt-key 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) first, then verify the signed token inside with the verification key; a JWE whose content is not a signed JWS (an unsecured alg none token, say) fails with exit 1'
            cand --denylist 'Fail revoked tokens with exit 1 (id revoked): a FILE (one jti, whole token or token SHA-256 in hex per line) or redis://HOST:PORT/DB (see --denylist-key)'
            cand --denylist-key 'With a Redis denylist: the key that marks a token revoked; {jti}, {sha256} (of the token) and {token} are filled in [default: revoked:{jti}]'
            cand --claims-schema 'Check the claims against this JSON Schema (2020-12 by default; format asserted: email, date-time, uri, uuid...): every violation fails the token with exit 4'
            cand --now 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --leeway 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]'
            cand --format 'Output format'
            cand --prompt-secret 'Ask for the HMAC secret on the terminal, without echo'
            cand --allow-weak-key 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
            cand --allow-http 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
            cand --offline 'Use only cached copies of fetched keys, whatever their age; never the network'
            cand --refresh-keys 'Fetch keys from their URL even when the cached copy is fresh'
            cand --no-config 'Ignore any jwtx.toml'
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
            cand --claims-schema 'Check the claims against this JSON Schema: every violation is exit 4'
            cand --decrypt-key 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and judge the signed token inside; content that is not a signed JWS fails with exit 1'
            cand -k 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --key 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --secret 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)'
            cand --secret-file 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin'
            cand --secret-env 'Read the HMAC secret from an environment variable'
            cand --secret-encoding 'How the secret''s text stands for its bytes (applies to every secret source)'
            cand --oidc 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER (in verify, --iss overrides that)'
            cand --timeout 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s'
            cand --ca-file 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)'
            cand --config 'Read settings from this file instead of looking for jwtx.toml'
            cand --alg 'With a key: accept only this algorithm (repeatable)'
            cand --now 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --leeway 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]'
            cand --format 'Output format'
            cand --allow-no-exp 'Accept a token without exp (otherwise exit 4)'
            cand --prompt-secret 'Ask for the HMAC secret on the terminal, without echo'
            cand --allow-weak-key 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
            cand --allow-http 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
            cand --offline 'Use only cached copies of fetched keys, whatever their age; never the network'
            cand --refresh-keys 'Fetch keys from their URL even when the cached copy is fresh'
            cand --no-config 'Ignore any jwtx.toml'
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
            cand --claims-schema 'Check the claims against this JSON Schema: every violation is exit 4'
            cand --decrypt-key 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and judge the signed token inside; content that is not a signed JWS fails with exit 1'
            cand -k 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --key 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)'
            cand --secret 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)'
            cand --secret-file 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin'
            cand --secret-env 'Read the HMAC secret from an environment variable'
            cand --secret-encoding 'How the secret''s text stands for its bytes (applies to every secret source)'
            cand --oidc 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER (in verify, --iss overrides that)'
            cand --timeout 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s'
            cand --ca-file 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)'
            cand --config 'Read settings from this file instead of looking for jwtx.toml'
            cand --alg 'With a key: accept only this algorithm (repeatable)'
            cand --now 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --leeway 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]'
            cand --format 'Output format'
            cand --allow-no-exp 'Accept a token without exp (otherwise exit 4)'
            cand --prompt-secret 'Ask for the HMAC secret on the terminal, without echo'
            cand --allow-weak-key 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
            cand --allow-http 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
            cand --offline 'Use only cached copies of fetched keys, whatever their age; never the network'
            cand --refresh-keys 'Fetch keys from their URL even when the cached copy is fresh'
            cand --no-config 'Ignore any jwtx.toml'
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
            cand --jwks 'Audit this published key set instead of tokens: a JWKS (or a single JWK) file, - for standard input, or an https:// URL (fetched and cached as --key URLs are)'
            cand --previous 'With --jwks: an older snapshot of the same set (file, - or URL), to report kids reused for other keys, keys renamed, added and removed'
            cand --merge 'Combine JSON reports that `audit --format json` wrote (one per shard of a large tree) into one report, in any --format and gated by --fail-on; - reads stdin'
            cand --max-decompressed 'With --scan: read a gzip file up to this many bytes decompressed (K, M, G); a file that holds more is counted as skipped'
            cand -k 'Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one): report HS tokens MACed with its bytes; - reads stdin'
            cand --key 'Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one): report HS tokens MACed with its bytes; - reads stdin'
            cand --oidc 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER (in verify, --iss overrides that)'
            cand --timeout 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s'
            cand --ca-file 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)'
            cand --config 'Read settings from this file instead of looking for jwtx.toml'
            cand --wordlist 'Also try every line of this file as an HMAC secret (streamed, any size); - reads stdin'
            cand --ignore-rule 'Skip a rule (repeatable); see --list-rules'
            cand --severity 'Re-rank a rule: ID=LEVEL, LEVEL one of critical, high, medium, low, info (repeatable)'
            cand --baseline 'Suppress findings recorded in an earlier `--format json` report (by fingerprint); - reads stdin'
            cand --fail-on 'Exit 1 when a finding is at or above this severity [default: high, or what jwtx.toml says]'
            cand --max-lifetime 'Longest acceptable token lifetime (exp - iat; without iat, exp - nbf or exp - now) before lifetime-too-long [default: 24h, or what jwtx.toml says]'
            cand --profile 'Also check the claims this kind of token must carry'
            cand --claims-schema 'Report tokens whose claims do not match this JSON Schema (claims-schema)'
            cand --format 'Output format'
            cand -o 'Write the report to FILE (whole, or not at all) instead of standard output; the summary line, and why the gate failed, still go to standard error'
            cand --output 'Write the report to FILE (whole, or not at all) instead of standard output; the summary line, and why the gate failed, still go to standard error'
            cand --now 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds'
            cand --leeway 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]'
            cand --decrypt-key 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and audit the content too (a nested token or claims, reported as the inner layer); a JWE it does not open is a jwe-not-decrypted finding'
            cand --secret 'The JWE secret (dir, AES key wrap, a PBES2 password) or, with --preset, the framework''s secret, on the command line (visible in the process list; prefer --secret-file or --secret-env)'
            cand --secret-file 'Read the JWE or framework secret from a file, less one trailing newline; - reads stdin'
            cand --secret-env 'Read the JWE or framework secret from an environment variable (AUTH_SECRET...)'
            cand --secret-encoding 'How the secret''s text stands for its bytes'
            cand --preset 'The tokens are a web framework''s session cookies (authjs, nextauth-v4, auth0): search the framework secret among weak secrets (built-in list and --wordlist) through the framework''s key derivation, and with the secret, audit the content'
            cand --cookie-name 'With --preset: the session cookie''s name, instead of the framework''s defaults'
            cand --allow-http 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless'
            cand --offline 'Use only cached copies of fetched keys, whatever their age; never the network'
            cand --refresh-keys 'Fetch keys from their URL even when the cached copy is fresh'
            cand --no-config 'Ignore any jwtx.toml'
            cand --reveal-secrets 'Show found HMAC secrets in full instead of masked'
            cand --reveal-tokens 'Print whole tokens instead of their fingerprints'
            cand --treat-as-leaks 'Report each token given (argument, @FILE, standard input) as exposed, as if --scan had found it in a file (token-exposed); for lists of tokens pulled out of logs'
            cand --list-rules 'Print the rule registry and exit'
            cand --json 'Short for --format json'
            cand --prompt-secret 'Ask for the JWE or framework secret on the terminal, without echo'
            cand --allow-rsa1-5 'Also open RSA1_5 JWEs to audit their content (jwe-rsa1-5 is reported either way)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;find'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --exclude 'Skip paths matching this glob (repeatable), as `audit --exclude` does'
            cand --max-decompressed 'Read a gzip file up to this many bytes decompressed (K, M, G); a file that holds more is counted as skipped'
            cand --format 'Output format'
            cand --unique 'Print each token once, where it was first found'
            cand --files 'Print the files a search would read, one per line, and search nothing (to split a search or an audit across processes)'
            cand --json 'Short for --format json'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;key'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate 'Generate a private key, or an HMAC secret of the algorithm''s full size'
            cand public 'Write the public half of a key'
            cand convert 'Convert a key between PEM (PKCS#8, PKCS#1, SEC 1, SPKI), DER and JWK'
            cand thumbprint 'Print a key''s RFC 7638 JWK thumbprint'
            cand set 'Build and edit a key set (JWKS): add, remove and list keys'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;key;generate'= {
            cand --alg 'The algorithm the key is for; its JWK gets this "alg"'
            cand --bits 'RSA modulus size: 2048 (the default), 3072, 4096 or 8192; smaller is refused'
            cand --format 'Output format: pem (the default for RSA, EC and EdDSA), der, jwk (the default for HMAC secrets), pkcs8, pkcs1, sec1, base64url'
            cand --to 'Output format: pem (the default for RSA, EC and EdDSA), der, jwk (the default for HMAC secrets), pkcs8, pkcs1, sec1, base64url'
            cand --kid 'Key ID (kid) for JWK output'
            cand --use 'The JWK''s "use" member: sig (signatures) or enc (encryption)'
            cand -o 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output'
            cand --out 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output'
            cand --public-out 'Also write the public half to FILE (SPKI PEM or DER, or a public JWK, as --format)'
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --der 'With pem, pkcs8, pkcs1 or sec1: write DER instead of PEM'
            cand --kid-thumbprint 'Set the kid to the key''s RFC 7638 SHA-256 thumbprint'
            cand --force 'Replace output files that already exist'
            cand --unsafe-print-private 'Print private key material even when standard output is a terminal'
            cand --json 'Describe the key as one JSON object on standard output (alg, kty, curve or bits, kid, thumbprint, files written); without --out the key itself is its "key" member'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;key;public'= {
            cand --format 'Output format: pem (the default: SubjectPublicKeyInfo), der, jwk, spki, pkcs1'
            cand --to 'Output format: pem (the default: SubjectPublicKeyInfo), der, jwk, spki, pkcs1'
            cand --kid 'Key ID (kid) for JWK output'
            cand --use 'The JWK''s "use" member: sig (signatures) or enc (encryption)'
            cand --alg 'The JWK''s "alg" member; it must suit the key (the key''s own by default)'
            cand -o 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output'
            cand --out 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output'
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --der 'With pem, spki or pkcs1: write DER instead of PEM'
            cand --kid-thumbprint 'Set the kid to the key''s RFC 7638 SHA-256 thumbprint'
            cand --force 'Replace output files that already exist'
            cand --unsafe-print-private 'Print private key material even when standard output is a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;key;convert'= {
            cand --to 'Output format: pem, der, jwk, pkcs8, pkcs1, sec1, spki (the public half) or base64url (an HMAC secret)'
            cand --format 'Output format: pem, der, jwk, pkcs8, pkcs1, sec1, spki (the public half) or base64url (an HMAC secret)'
            cand --kid 'Key ID (kid) for JWK output'
            cand --use 'The JWK''s "use" member: sig (signatures) or enc (encryption)'
            cand --alg 'The JWK''s "alg" member; it must suit the key (the key''s own by default)'
            cand -o 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output'
            cand --out 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output'
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --der 'With pem, pkcs8, pkcs1, sec1 or spki: write DER instead of PEM'
            cand --kid-thumbprint 'Set the kid to the key''s RFC 7638 SHA-256 thumbprint'
            cand --force 'Replace output files that already exist'
            cand --unsafe-print-private 'Print private key material even when standard output is a terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;key;thumbprint'= {
            cand --hash 'The hash'
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --uri 'Print the RFC 9278 URI (urn:ietf:params:oauth:jwk-thumbprint:sha-256:...)'
            cand --json 'Print a JSON object with the thumbprint, its URI, the hash and the key''s kid'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;key;set'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a key to a JWKS file (created if missing) and print its kid'
            cand remove 'Remove the key with a kid from a JWKS file'
            cand list 'List a JWKS''s keys: kid, type, alg, use and thumbprint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;key;set;add'= {
            cand --kid 'Key ID (kid) for JWK output'
            cand --use 'The JWK''s "use" member: sig (signatures) or enc (encryption)'
            cand --alg 'The JWK''s "alg" member; it must suit the key (the key''s own by default)'
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --kid-thumbprint 'Set the kid to the key''s RFC 7638 SHA-256 thumbprint'
            cand --allow-private 'Store a private key or an HMAC secret as it is; without this, a private key is refused (a published key set must hold public keys only)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;key;set;remove'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;key;set;list'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --json 'JSON Lines: one object per key'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;key;set;help'= {
            cand add 'Add a key to a JWKS file (created if missing) and print its kid'
            cand remove 'Remove the key with a kid from a JWKS file'
            cand list 'List a JWKS''s keys: kid, type, alg, use and thumbprint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;key;set;help;add'= {
        }
        &'jwtx;key;set;help;remove'= {
        }
        &'jwtx;key;set;help;list'= {
        }
        &'jwtx;key;set;help;help'= {
        }
        &'jwtx;key;help'= {
            cand generate 'Generate a private key, or an HMAC secret of the algorithm''s full size'
            cand public 'Write the public half of a key'
            cand convert 'Convert a key between PEM (PKCS#8, PKCS#1, SEC 1, SPKI), DER and JWK'
            cand thumbprint 'Print a key''s RFC 7638 JWK thumbprint'
            cand set 'Build and edit a key set (JWKS): add, remove and list keys'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;key;help;generate'= {
        }
        &'jwtx;key;help;public'= {
        }
        &'jwtx;key;help;convert'= {
        }
        &'jwtx;key;help;thumbprint'= {
        }
        &'jwtx;key;help;set'= {
            cand add 'Add a key to a JWKS file (created if missing) and print its kid'
            cand remove 'Remove the key with a kid from a JWKS file'
            cand list 'List a JWKS''s keys: kid, type, alg, use and thumbprint'
        }
        &'jwtx;key;help;set;add'= {
        }
        &'jwtx;key;help;set;remove'= {
        }
        &'jwtx;key;help;set;list'= {
        }
        &'jwtx;key;help;help'= {
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
        &'jwtx;config'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print the effective settings and where each came from'
            cand check 'Check a file: exit 0 when it is valid, 2 with its errors'
            cand schema 'Print the JSON Schema of jwtx.toml, for editors'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;config;show'= {
            cand --config 'Read settings from this file instead of looking for jwtx.toml'
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --no-config 'Ignore any jwtx.toml'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;config;check'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;config;schema'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;config;help'= {
            cand show 'Print the effective settings and where each came from'
            cand check 'Check a file: exit 0 when it is valid, 2 with its errors'
            cand schema 'Print the JSON Schema of jwtx.toml, for editors'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtx;config;help;show'= {
        }
        &'jwtx;config;help;check'= {
        }
        &'jwtx;config;help;schema'= {
        }
        &'jwtx;config;help;help'= {
        }
        &'jwtx;decrypt'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --secret-encoding 'How the secret''s text stands for its bytes (applies to every secret source)'
            cand --alg 'Accept only this key-management algorithm (repeatable); by default every one the key serves'
            cand --enc 'Accept only this content encryption (repeatable); by default all six'
            cand --preset 'Open a web framework''s session cookie: derive its key from the framework''s secret (--secret-env AUTH_SECRET...) as the framework does. authjs: Auth.js v5 (@auth/core, next-auth 5); nextauth-v4: NextAuth.js 4; auth0: @auth0/nextjs-auth0 and express-openid-connect'
            cand --cookie-name 'With --preset: the session cookie''s name, instead of the framework''s defaults (Auth.js derives its key from the name: authjs.session-token and __Secure-authjs.session-token are tried)'
            cand --format 'Output format'
            cand -k 'Decryption key file: a private PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), a private or oct JWK, or a JWKS of them; - reads stdin'
            cand --key 'Decryption key file: a private PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), a private or oct JWK, or a JWKS of them; - reads stdin'
            cand --secret 'The JWE secret on the command line: a dir or AES key-wrap key of the algorithm''s size, or a PBES2 password (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)'
            cand --secret-file 'Read the JWE secret from a file, less one trailing newline (\n or \r\n); - reads stdin'
            cand --secret-env 'Read the JWE secret from an environment variable'
            cand --allow-rsa1-5 'Also decrypt RSA1_5 (RSAES-PKCS1-v1_5) tokens, a legacy padding open to padding-oracle attacks; jwtx answers every padding error like a wrong key (RFC 7518 §4.2)'
            cand --json 'Short for --format json'
            cand --prompt-secret 'Ask for the JWE secret (a PBES2 password, say) on the terminal, without echo'
            cand --allow-weak-key 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtx;encrypt'= {
            cand --color 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never'
            cand --claims-file 'Read the claims (a JSON object) from a file; - reads stdin'
            cand --payload-file 'Encrypt this file''s bytes as they are (no claims are added); - reads stdin'
            cand --jws 'Encrypt this signed token (JWS) as a nested JWT (cty "JWT"): the token, @FILE, or - for standard input'
            cand -c 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)'
            cand --claim 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)'
            cand --iss 'Issuer (iss)'
            cand --sub 'Subject (sub)'
            cand --aud 'Audience (aud); repeat for several, which makes aud an array'
            cand --jti 'JWT ID (jti)'
            cand --exp 'Expiry: a duration from now (15m, +7d, -1h) or a time: RFC 3339, a date (2026-12-01, midnight UTC), a date and time read as UTC (2026-12-01T10:00:00), or Unix seconds (10 digits or more: a bare 3600 is refused, write 3600s or 1h)'
            cand --nbf 'Not before: a duration from now (+5m, -1h) or a time, as for --exp'
            cand --alg 'Key-management algorithm; by default RSA-OAEP-256 for an RSA key and ECDH-ES for an EC or X25519 key (a secret needs one)'
            cand --enc 'Content encryption'
            cand --p2c 'PBES2 iteration count (p2c), from 1000 to 1000000'
            cand --kid 'Key ID header (kid); defaults to the JWK''s kid, if any'
            cand --typ 'Type header (typ); none by default'
            cand --header 'Set a protected-header parameter: key=value or key:=json (repeatable); alg, enc, zip and the key-management members are jwtx''s to write'
            cand --secret-encoding 'How the secret''s text stands for its bytes (applies to every secret source)'
            cand --now 'Take iat and relative times from this instant instead of the clock: RFC 3339, a date or a date and time read as UTC, or Unix seconds'
            cand --format 'Output format'
            cand -k 'The recipient''s key file: a public (or private) PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), or a JWK; - reads stdin'
            cand --key 'The recipient''s key file: a public (or private) PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), or a JWK; - reads stdin'
            cand --secret 'The JWE secret on the command line: a dir or AES key-wrap key of the algorithm''s size, or a PBES2 password (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)'
            cand --secret-file 'Read the JWE secret from a file, less one trailing newline (\n or \r\n); - reads stdin'
            cand --secret-env 'Read the JWE secret from an environment variable'
            cand --random-jti 'Set jti to a random 128-bit identifier'
            cand --no-iat 'Leave out iat, which is otherwise set to now'
            cand --zip 'Compress the plaintext with DEFLATE first (zip "DEF"); beware compressing secrets an attacker can mix their own text into'
            cand --json 'Short for --format json'
            cand --prompt-secret 'Ask for the JWE secret (a PBES2 password, say) on the terminal, without echo'
            cand --allow-weak-key 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
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
            cand find 'Find tokens in files, directories or standard input and print where they are'
            cand key 'Make, convert and fingerprint keys, and build key sets (JWKS)'
            cand cache 'Show or empty the cache of keys fetched from URLs'
            cand config 'Show or check the jwtx.toml settings verify, expiry and audit read'
            cand decrypt 'Decrypt JWEs (encrypted tokens) with a private key or a secret, and print the plaintext'
            cand encrypt 'Encrypt claims, bytes or a signed token into a JWE for a recipient''s key'
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
        &'jwtx;help;find'= {
        }
        &'jwtx;help;key'= {
        }
        &'jwtx;help;cache'= {
        }
        &'jwtx;help;config'= {
        }
        &'jwtx;help;decrypt'= {
        }
        &'jwtx;help;encrypt'= {
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
