
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'jwtx' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'jwtx'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'jwtx' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a token''s header, claims and signature, without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify tokens'' signatures and claims against a key, a JWKS or a secret')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Create a signed token from claims')
            [CompletionResult]::new('expiry', 'expiry', [CompletionResultType]::ParameterValue, 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime')
            [CompletionResult]::new('exp', 'exp', [CompletionResultType]::ParameterValue, 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, '`audit`''s way into JWEs: a decryption key, a JWE secret, or a framework preset with its secret. The content is audited as well as the JWE header')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Find tokens in files, directories or standard input and print where they are')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Make, convert and fingerprint keys, and build key sets (JWKS)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Show or empty the cache of keys fetched from URLs')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or check the jwtx.toml settings verify, expiry and audit read')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Decrypt JWEs (encrypted tokens) with a private key or a secret, and print the plaintext')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Encrypt claims, bytes or a signed token into a JWE for a recipient''s key')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff), for jwtx or one of its commands')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;decode' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Print only this claim''s value (strings unquoted); a dotted path reaches into objects')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Evaluate relative times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds')
            [CompletionResult]::new('--decrypt-key', '--decrypt-key', [CompletionResultType]::ParameterName, 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and show what is inside too (a nested token, claims or bytes); nothing is verified')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;verify' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read the HMAC secret from an environment variable')
            [CompletionResult]::new('--secret-encoding', '--secret-encoding', [CompletionResultType]::ParameterName, 'How the secret''s text stands for its bytes (applies to every secret source)')
            [CompletionResult]::new('--oidc', '--oidc', [CompletionResultType]::ParameterName, 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER (in verify, --iss overrides that)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of looking for jwtx.toml')
            [CompletionResult]::new('--profile-name', '--profile-name', [CompletionResultType]::ParameterName, 'With jwtx.toml: check every token against this issuer profile (its name or iss) instead of the one its iss selects')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Accept only this algorithm (repeatable); by default every algorithm the key serves')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Require this issuer (repeatable: any of them)')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Require this audience (repeatable: the token must name at least one)')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'Require this subject')
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Require this claim to be present (repeatable); a dotted path reaches into objects (address.country)')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'Require this claim value (repeatable): CLAIM=VALUE for a string, CLAIM:=JSON for any JSON value; a dotted path reaches into objects; replaces jwtx.toml''s expectation for the same claim')
            [CompletionResult]::new('--decrypt-key', '--decrypt-key', [CompletionResultType]::ParameterName, 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) first, then verify the signed token inside with the verification key; a JWE whose content is not a signed JWS (an unsecured alg none token, say) fails with exit 1')
            [CompletionResult]::new('--denylist', '--denylist', [CompletionResultType]::ParameterName, 'Fail revoked tokens with exit 1 (id revoked): a FILE (one jti, whole token or token SHA-256 in hex per line) or redis://HOST:PORT/DB (see --denylist-key)')
            [CompletionResult]::new('--denylist-key', '--denylist-key', [CompletionResultType]::ParameterName, 'With a Redis denylist: the key that marks a token revoked; {jti}, {sha256} (of the token) and {token} are filled in [default: revoked:{jti}]')
            [CompletionResult]::new('--claims-schema', '--claims-schema', [CompletionResultType]::ParameterName, 'Check the claims against this JSON Schema (2020-12 by default; format asserted: email, date-time, uri, uuid...): every violation fails the token with exit 4')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--prompt-secret', '--prompt-secret', [CompletionResultType]::ParameterName, 'Ask for the HMAC secret on the terminal, without echo')
            [CompletionResult]::new('--allow-weak-key', '--allow-weak-key', [CompletionResultType]::ParameterName, 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits')
            [CompletionResult]::new('--allow-http', '--allow-http', [CompletionResultType]::ParameterName, 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Use only cached copies of fetched keys, whatever their age; never the network')
            [CompletionResult]::new('--refresh-keys', '--refresh-keys', [CompletionResultType]::ParameterName, 'Fetch keys from their URL even when the cached copy is fresh')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any jwtx.toml')
            [CompletionResult]::new('--ignore-exp', '--ignore-exp', [CompletionResultType]::ParameterName, 'Do not check exp: a signature-only check (nbf and iat still apply)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;sign' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--claims-file', '--claims-file', [CompletionResultType]::ParameterName, 'Read the claims (a JSON object) from a file; - reads stdin')
            [CompletionResult]::new('--from-json', '--from-json', [CompletionResultType]::ParameterName, 'Start from the {header, payload} object `jwtx decode --json` prints; - reads stdin')
            [CompletionResult]::new('--payload-file', '--payload-file', [CompletionResultType]::ParameterName, 'Sign this file''s bytes as the payload of a plain JWS (no claims are added)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Issuer (iss)')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'Subject (sub)')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Audience (aud); repeat for several, which makes aud an array')
            [CompletionResult]::new('--jti', '--jti', [CompletionResultType]::ParameterName, 'JWT ID (jti)')
            [CompletionResult]::new('--exp', '--exp', [CompletionResultType]::ParameterName, 'Expiry: a duration from now (15m, +7d, -1h) or a time: RFC 3339, a date (2026-12-01, midnight UTC), a date and time read as UTC (2026-12-01T10:00:00), or Unix seconds (10 digits or more: a bare 3600 is refused, write 3600s or 1h)')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Not before: a duration from now (+5m, -1h) or a time, as for --exp')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID header (kid); defaults to the JWK''s kid, if any')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Type header (typ); default JWT for claims, none for --payload-file; "" leaves it out')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Set a header parameter: key=value or key:=json (repeatable, once per parameter)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm; by default the key''s: HS256 for a secret, RS256 for RSA, ES256/384/512 by curve, EdDSA for Ed25519')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read the HMAC secret from an environment variable')
            [CompletionResult]::new('--secret-encoding', '--secret-encoding', [CompletionResultType]::ParameterName, 'How the secret''s text stands for its bytes (applies to every secret source)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Take iat and relative times from this instant instead of the clock: RFC 3339, a date or a date and time read as UTC, or Unix seconds')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--random-jti', '--random-jti', [CompletionResultType]::ParameterName, 'Set jti to a random 128-bit identifier')
            [CompletionResult]::new('--no-iat', '--no-iat', [CompletionResultType]::ParameterName, 'Leave out iat, which is otherwise set to now')
            [CompletionResult]::new('--prompt-secret', '--prompt-secret', [CompletionResultType]::ParameterName, 'Ask for the HMAC secret on the terminal, without echo')
            [CompletionResult]::new('--allow-weak-key', '--allow-weak-key', [CompletionResultType]::ParameterName, 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits')
            [CompletionResult]::new('--unsecured', '--unsecured', [CompletionResultType]::ParameterName, 'Make an unsecured token (alg none, no signature); only for tests')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;expiry' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--within', '--within', [CompletionResultType]::ParameterName, 'Exit 3 when the token expires within this duration ("fail if less than 10m left"); leeway does not widen it')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'Exit 4 when exp - iat exceeds this duration, or iat is missing')
            [CompletionResult]::new('--claims-schema', '--claims-schema', [CompletionResultType]::ParameterName, 'Check the claims against this JSON Schema: every violation is exit 4')
            [CompletionResult]::new('--decrypt-key', '--decrypt-key', [CompletionResultType]::ParameterName, 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and judge the signed token inside; content that is not a signed JWS fails with exit 1')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read the HMAC secret from an environment variable')
            [CompletionResult]::new('--secret-encoding', '--secret-encoding', [CompletionResultType]::ParameterName, 'How the secret''s text stands for its bytes (applies to every secret source)')
            [CompletionResult]::new('--oidc', '--oidc', [CompletionResultType]::ParameterName, 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER (in verify, --iss overrides that)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of looking for jwtx.toml')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'With a key: accept only this algorithm (repeatable)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--allow-no-exp', '--allow-no-exp', [CompletionResultType]::ParameterName, 'Accept a token without exp (otherwise exit 4)')
            [CompletionResult]::new('--prompt-secret', '--prompt-secret', [CompletionResultType]::ParameterName, 'Ask for the HMAC secret on the terminal, without echo')
            [CompletionResult]::new('--allow-weak-key', '--allow-weak-key', [CompletionResultType]::ParameterName, 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits')
            [CompletionResult]::new('--allow-http', '--allow-http', [CompletionResultType]::ParameterName, 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Use only cached copies of fetched keys, whatever their age; never the network')
            [CompletionResult]::new('--refresh-keys', '--refresh-keys', [CompletionResultType]::ParameterName, 'Fetch keys from their URL even when the cached copy is fresh')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any jwtx.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;exp' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--within', '--within', [CompletionResultType]::ParameterName, 'Exit 3 when the token expires within this duration ("fail if less than 10m left"); leeway does not widen it')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'Exit 4 when exp - iat exceeds this duration, or iat is missing')
            [CompletionResult]::new('--claims-schema', '--claims-schema', [CompletionResultType]::ParameterName, 'Check the claims against this JSON Schema: every violation is exit 4')
            [CompletionResult]::new('--decrypt-key', '--decrypt-key', [CompletionResultType]::ParameterName, 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and judge the signed token inside; content that is not a signed JWS fails with exit 1')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM (public, private or certificate), DER, a JWK or a JWKS; - reads stdin. To verify, also an https:// URL serving a JWKS, a JWK or a PEM (cached)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret given on the command line (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the HMAC secret from a file, less one trailing newline (\n or \r\n); - reads stdin')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read the HMAC secret from an environment variable')
            [CompletionResult]::new('--secret-encoding', '--secret-encoding', [CompletionResultType]::ParameterName, 'How the secret''s text stands for its bytes (applies to every secret source)')
            [CompletionResult]::new('--oidc', '--oidc', [CompletionResultType]::ParameterName, 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER (in verify, --iss overrides that)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of looking for jwtx.toml')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'With a key: accept only this algorithm (repeatable)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--allow-no-exp', '--allow-no-exp', [CompletionResultType]::ParameterName, 'Accept a token without exp (otherwise exit 4)')
            [CompletionResult]::new('--prompt-secret', '--prompt-secret', [CompletionResultType]::ParameterName, 'Ask for the HMAC secret on the terminal, without echo')
            [CompletionResult]::new('--allow-weak-key', '--allow-weak-key', [CompletionResultType]::ParameterName, 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits')
            [CompletionResult]::new('--allow-http', '--allow-http', [CompletionResultType]::ParameterName, 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Use only cached copies of fetched keys, whatever their age; never the network')
            [CompletionResult]::new('--refresh-keys', '--refresh-keys', [CompletionResultType]::ParameterName, 'Fetch keys from their URL even when the cached copy is fresh')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any jwtx.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;audit' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--scan', '--scan', [CompletionResultType]::ParameterName, 'Find tokens inside files and directories (recursively, honouring .gitignore); - scans text on standard input')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'With --scan: skip paths matching this glob (repeatable), e.g. ''tests/fixtures/**''; relative to each scanned directory, or a path as the report prints it')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'Audit this published key set instead of tokens: a JWKS (or a single JWK) file, - for standard input, or an https:// URL (fetched and cached as --key URLs are)')
            [CompletionResult]::new('--previous', '--previous', [CompletionResultType]::ParameterName, 'With --jwks: an older snapshot of the same set (file, - or URL), to report kids reused for other keys, keys renamed, added and removed')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'Combine JSON reports that `audit --format json` wrote (one per shard of a large tree) into one report, in any --format and gated by --fail-on; - reads stdin')
            [CompletionResult]::new('--max-decompressed', '--max-decompressed', [CompletionResultType]::ParameterName, 'With --scan: read a gzip file up to this many bytes decompressed (K, M, G); a file that holds more is counted as skipped')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one): report HS tokens MACed with its bytes; - reads stdin')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Public key (PEM, DER, certificate, JWK, JWKS, or an https:// URL serving one): report HS tokens MACed with its bytes; - reads stdin')
            [CompletionResult]::new('--oidc', '--oidc', [CompletionResultType]::ParameterName, 'OpenID Connect issuer: verify with the keys its discovery document publishes (ISSUER/.well-known/openid-configuration), and require the token''s iss to be exactly ISSUER (in verify, --iss overrides that)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Limit on fetching each document (connecting, TLS and the whole answer), e.g. 30s; connecting alone is limited to 5s')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the CA certificates in this PEM file instead of the built-in web PKI roots (SSL_CERT_FILE in the environment does the same)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of looking for jwtx.toml')
            [CompletionResult]::new('--wordlist', '--wordlist', [CompletionResultType]::ParameterName, 'Also try every line of this file as an HMAC secret (streamed, any size); - reads stdin')
            [CompletionResult]::new('--ignore-rule', '--ignore-rule', [CompletionResultType]::ParameterName, 'Skip a rule (repeatable); see --list-rules')
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'Re-rank a rule: ID=LEVEL, LEVEL one of critical, high, medium, low, info (repeatable)')
            [CompletionResult]::new('--baseline', '--baseline', [CompletionResultType]::ParameterName, 'Suppress findings recorded in an earlier `--format json` report (by fingerprint); - reads stdin')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding is at or above this severity [default: high, or what jwtx.toml says]')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'Longest acceptable token lifetime (exp - iat; without iat, exp - nbf or exp - now) before lifetime-too-long [default: 24h, or what jwtx.toml says]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Also check the claims this kind of token must carry')
            [CompletionResult]::new('--claims-schema', '--claims-schema', [CompletionResultType]::ParameterName, 'Report tokens whose claims do not match this JSON Schema (claims-schema)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the report to FILE (whole, or not at all) instead of standard output; the summary line, and why the gate failed, still go to standard error')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to FILE (whole, or not at all) instead of standard output; the summary line, and why the gate failed, still go to standard error')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Evaluate times at this instant instead of the clock: RFC 3339, a date or a date and time read as UTC (2026-12-01, 2026-12-01T10:00:00), or Unix seconds')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock skew to tolerate on exp, nbf and a future iat: seconds or units (30s, 2m) [default: 0, or what jwtx.toml says]')
            [CompletionResult]::new('--decrypt-key', '--decrypt-key', [CompletionResultType]::ParameterName, 'Decrypt JWEs with this private key (PEM, DER, JWK or JWKS) and audit the content too (a nested token or claims, reported as the inner layer); a JWE it does not open is a jwe-not-decrypted finding')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The JWE secret (dir, AES key wrap, a PBES2 password) or, with --preset, the framework''s secret, on the command line (visible in the process list; prefer --secret-file or --secret-env)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the JWE or framework secret from a file, less one trailing newline; - reads stdin')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read the JWE or framework secret from an environment variable (AUTH_SECRET...)')
            [CompletionResult]::new('--secret-encoding', '--secret-encoding', [CompletionResultType]::ParameterName, 'How the secret''s text stands for its bytes')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'The tokens are a web framework''s session cookies (authjs, nextauth-v4, auth0): search the framework secret among weak secrets (built-in list and --wordlist) through the framework''s key derivation, and with the secret, audit the content')
            [CompletionResult]::new('--cookie-name', '--cookie-name', [CompletionResultType]::ParameterName, 'With --preset: the session cookie''s name, instead of the framework''s defaults')
            [CompletionResult]::new('--allow-http', '--allow-http', [CompletionResultType]::ParameterName, 'Allow plain http:// key URLs to hosts other than this machine (loopback is always allowed); a redirect from https to http is refused regardless')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Use only cached copies of fetched keys, whatever their age; never the network')
            [CompletionResult]::new('--refresh-keys', '--refresh-keys', [CompletionResultType]::ParameterName, 'Fetch keys from their URL even when the cached copy is fresh')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any jwtx.toml')
            [CompletionResult]::new('--reveal-secrets', '--reveal-secrets', [CompletionResultType]::ParameterName, 'Show found HMAC secrets in full instead of masked')
            [CompletionResult]::new('--reveal-tokens', '--reveal-tokens', [CompletionResultType]::ParameterName, 'Print whole tokens instead of their fingerprints')
            [CompletionResult]::new('--treat-as-leaks', '--treat-as-leaks', [CompletionResultType]::ParameterName, 'Report each token given (argument, @FILE, standard input) as exposed, as if --scan had found it in a file (token-exposed); for lists of tokens pulled out of logs')
            [CompletionResult]::new('--list-rules', '--list-rules', [CompletionResultType]::ParameterName, 'Print the rule registry and exit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('--prompt-secret', '--prompt-secret', [CompletionResultType]::ParameterName, 'Ask for the JWE or framework secret on the terminal, without echo')
            [CompletionResult]::new('--allow-rsa1-5', '--allow-rsa1-5', [CompletionResultType]::ParameterName, 'Also open RSA1_5 JWEs to audit their content (jwe-rsa1-5 is reported either way)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;find' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Skip paths matching this glob (repeatable), as `audit --exclude` does')
            [CompletionResult]::new('--max-decompressed', '--max-decompressed', [CompletionResultType]::ParameterName, 'Read a gzip file up to this many bytes decompressed (K, M, G); a file that holds more is counted as skipped')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--unique', '--unique', [CompletionResultType]::ParameterName, 'Print each token once, where it was first found')
            [CompletionResult]::new('--files', '--files', [CompletionResultType]::ParameterName, 'Print the files a search would read, one per line, and search nothing (to split a search or an audit across processes)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;key' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a private key, or an HMAC secret of the algorithm''s full size')
            [CompletionResult]::new('public', 'public', [CompletionResultType]::ParameterValue, 'Write the public half of a key')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a key between PEM (PKCS#8, PKCS#1, SEC 1, SPKI), DER and JWK')
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print a key''s RFC 7638 JWK thumbprint')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Build and edit a key set (JWKS): add, remove and list keys')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;key;generate' {
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'The algorithm the key is for; its JWK gets this "alg"')
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'RSA modulus size: 2048 (the default), 3072, 4096 or 8192; smaller is refused')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: pem (the default for RSA, EC and EdDSA), der, jwk (the default for HMAC secrets), pkcs8, pkcs1, sec1, base64url')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Output format: pem (the default for RSA, EC and EdDSA), der, jwk (the default for HMAC secrets), pkcs8, pkcs1, sec1, base64url')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID (kid) for JWK output')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'The JWK''s "use" member: sig (signatures) or enc (encryption)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output')
            [CompletionResult]::new('--public-out', '--public-out', [CompletionResultType]::ParameterName, 'Also write the public half to FILE (SPKI PEM or DER, or a public JWK, as --format)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--der', '--der', [CompletionResultType]::ParameterName, 'With pem, pkcs8, pkcs1 or sec1: write DER instead of PEM')
            [CompletionResult]::new('--kid-thumbprint', '--kid-thumbprint', [CompletionResultType]::ParameterName, 'Set the kid to the key''s RFC 7638 SHA-256 thumbprint')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace output files that already exist')
            [CompletionResult]::new('--unsafe-print-private', '--unsafe-print-private', [CompletionResultType]::ParameterName, 'Print private key material even when standard output is a terminal')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Describe the key as one JSON object on standard output (alg, kty, curve or bits, kid, thumbprint, files written); without --out the key itself is its "key" member')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;key;public' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: pem (the default: SubjectPublicKeyInfo), der, jwk, spki, pkcs1')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Output format: pem (the default: SubjectPublicKeyInfo), der, jwk, spki, pkcs1')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID (kid) for JWK output')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'The JWK''s "use" member: sig (signatures) or enc (encryption)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'The JWK''s "alg" member; it must suit the key (the key''s own by default)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--der', '--der', [CompletionResultType]::ParameterName, 'With pem, spki or pkcs1: write DER instead of PEM')
            [CompletionResult]::new('--kid-thumbprint', '--kid-thumbprint', [CompletionResultType]::ParameterName, 'Set the kid to the key''s RFC 7638 SHA-256 thumbprint')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace output files that already exist')
            [CompletionResult]::new('--unsafe-print-private', '--unsafe-print-private', [CompletionResultType]::ParameterName, 'Print private key material even when standard output is a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;key;convert' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Output format: pem, der, jwk, pkcs8, pkcs1, sec1, spki (the public half) or base64url (an HMAC secret)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: pem, der, jwk, pkcs8, pkcs1, sec1, spki (the public half) or base64url (an HMAC secret)')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID (kid) for JWK output')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'The JWK''s "use" member: sig (signatures) or enc (encryption)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'The JWK''s "alg" member; it must suit the key (the key''s own by default)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the key to FILE (whole or not at all; owner-only for private material) instead of standard output')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--der', '--der', [CompletionResultType]::ParameterName, 'With pem, pkcs8, pkcs1, sec1 or spki: write DER instead of PEM')
            [CompletionResult]::new('--kid-thumbprint', '--kid-thumbprint', [CompletionResultType]::ParameterName, 'Set the kid to the key''s RFC 7638 SHA-256 thumbprint')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace output files that already exist')
            [CompletionResult]::new('--unsafe-print-private', '--unsafe-print-private', [CompletionResultType]::ParameterName, 'Print private key material even when standard output is a terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;key;thumbprint' {
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'The hash')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--uri', '--uri', [CompletionResultType]::ParameterName, 'Print the RFC 9278 URI (urn:ietf:params:oauth:jwk-thumbprint:sha-256:...)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object with the thumbprint, its URI, the hash and the key''s kid')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;key;set' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a key to a JWKS file (created if missing) and print its kid')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the key with a kid from a JWKS file')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a JWKS''s keys: kid, type, alg, use and thumbprint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;key;set;add' {
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID (kid) for JWK output')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'The JWK''s "use" member: sig (signatures) or enc (encryption)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'The JWK''s "alg" member; it must suit the key (the key''s own by default)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--kid-thumbprint', '--kid-thumbprint', [CompletionResultType]::ParameterName, 'Set the kid to the key''s RFC 7638 SHA-256 thumbprint')
            [CompletionResult]::new('--allow-private', '--allow-private', [CompletionResultType]::ParameterName, 'Store a private key or an HMAC secret as it is; without this, a private key is refused (a published key set must hold public keys only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;key;set;remove' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;key;set;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON Lines: one object per key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;key;set;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a key to a JWKS file (created if missing) and print its kid')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the key with a kid from a JWKS file')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a JWKS''s keys: kid, type, alg, use and thumbprint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;key;set;help;add' {
            break
        }
        'jwtx;key;set;help;remove' {
            break
        }
        'jwtx;key;set;help;list' {
            break
        }
        'jwtx;key;set;help;help' {
            break
        }
        'jwtx;key;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a private key, or an HMAC secret of the algorithm''s full size')
            [CompletionResult]::new('public', 'public', [CompletionResultType]::ParameterValue, 'Write the public half of a key')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a key between PEM (PKCS#8, PKCS#1, SEC 1, SPKI), DER and JWK')
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print a key''s RFC 7638 JWK thumbprint')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Build and edit a key set (JWKS): add, remove and list keys')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;key;help;generate' {
            break
        }
        'jwtx;key;help;public' {
            break
        }
        'jwtx;key;help;convert' {
            break
        }
        'jwtx;key;help;thumbprint' {
            break
        }
        'jwtx;key;help;set' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a key to a JWKS file (created if missing) and print its kid')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the key with a kid from a JWKS file')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a JWKS''s keys: kid, type, alg, use and thumbprint')
            break
        }
        'jwtx;key;help;set;add' {
            break
        }
        'jwtx;key;help;set;remove' {
            break
        }
        'jwtx;key;help;set;list' {
            break
        }
        'jwtx;key;help;help' {
            break
        }
        'jwtx;cache' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the cached documents: URL, age, freshness, validators')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove cached documents: every one, or those of the URLs given')
            [CompletionResult]::new('dir', 'dir', [CompletionResultType]::ParameterValue, 'Print the cache directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;cache;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per document (JSON Lines)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;cache;clear' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;cache;dir' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;cache;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the cached documents: URL, age, freshness, validators')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove cached documents: every one, or those of the URLs given')
            [CompletionResult]::new('dir', 'dir', [CompletionResultType]::ParameterValue, 'Print the cache directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;cache;help;list' {
            break
        }
        'jwtx;cache;help;clear' {
            break
        }
        'jwtx;cache;help;dir' {
            break
        }
        'jwtx;cache;help;help' {
            break
        }
        'jwtx;config' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a file: exit 0 when it is valid, 2 with its errors')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of jwtx.toml, for editors')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of looking for jwtx.toml')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any jwtx.toml')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;config;check' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;config;schema' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a file: exit 0 when it is valid, 2 with its errors')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of jwtx.toml, for editors')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;config;help;show' {
            break
        }
        'jwtx;config;help;check' {
            break
        }
        'jwtx;config;help;schema' {
            break
        }
        'jwtx;config;help;help' {
            break
        }
        'jwtx;decrypt' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--secret-encoding', '--secret-encoding', [CompletionResultType]::ParameterName, 'How the secret''s text stands for its bytes (applies to every secret source)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Accept only this key-management algorithm (repeatable); by default every one the key serves')
            [CompletionResult]::new('--enc', '--enc', [CompletionResultType]::ParameterName, 'Accept only this content encryption (repeatable); by default all six')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Open a web framework''s session cookie: derive its key from the framework''s secret (--secret-env AUTH_SECRET...) as the framework does. authjs: Auth.js v5 (@auth/core, next-auth 5); nextauth-v4: NextAuth.js 4; auth0: @auth0/nextjs-auth0 and express-openid-connect')
            [CompletionResult]::new('--cookie-name', '--cookie-name', [CompletionResultType]::ParameterName, 'With --preset: the session cookie''s name, instead of the framework''s defaults (Auth.js derives its key from the name: authjs.session-token and __Secure-authjs.session-token are tried)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Decryption key file: a private PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), a private or oct JWK, or a JWKS of them; - reads stdin')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Decryption key file: a private PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), a private or oct JWK, or a JWKS of them; - reads stdin')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The JWE secret on the command line: a dir or AES key-wrap key of the algorithm''s size, or a PBES2 password (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the JWE secret from a file, less one trailing newline (\n or \r\n); - reads stdin')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read the JWE secret from an environment variable')
            [CompletionResult]::new('--allow-rsa1-5', '--allow-rsa1-5', [CompletionResultType]::ParameterName, 'Also decrypt RSA1_5 (RSAES-PKCS1-v1_5) tokens, a legacy padding open to padding-oracle attacks; jwtx answers every padding error like a wrong key (RFC 7518 §4.2)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('--prompt-secret', '--prompt-secret', [CompletionResultType]::ParameterName, 'Ask for the JWE secret (a PBES2 password, say) on the terminal, without echo')
            [CompletionResult]::new('--allow-weak-key', '--allow-weak-key', [CompletionResultType]::ParameterName, 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;encrypt' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('--claims-file', '--claims-file', [CompletionResultType]::ParameterName, 'Read the claims (a JSON object) from a file; - reads stdin')
            [CompletionResult]::new('--payload-file', '--payload-file', [CompletionResultType]::ParameterName, 'Encrypt this file''s bytes as they are (no claims are added); - reads stdin')
            [CompletionResult]::new('--jws', '--jws', [CompletionResultType]::ParameterName, 'Encrypt this signed token (JWS) as a nested JWT (cty "JWT"): the token, @FILE, or - for standard input')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Set a claim: key=value sets a string, key:=json sets any JSON value (repeatable)')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Issuer (iss)')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'Subject (sub)')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Audience (aud); repeat for several, which makes aud an array')
            [CompletionResult]::new('--jti', '--jti', [CompletionResultType]::ParameterName, 'JWT ID (jti)')
            [CompletionResult]::new('--exp', '--exp', [CompletionResultType]::ParameterName, 'Expiry: a duration from now (15m, +7d, -1h) or a time: RFC 3339, a date (2026-12-01, midnight UTC), a date and time read as UTC (2026-12-01T10:00:00), or Unix seconds (10 digits or more: a bare 3600 is refused, write 3600s or 1h)')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Not before: a duration from now (+5m, -1h) or a time, as for --exp')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Key-management algorithm; by default RSA-OAEP-256 for an RSA key and ECDH-ES for an EC or X25519 key (a secret needs one)')
            [CompletionResult]::new('--enc', '--enc', [CompletionResultType]::ParameterName, 'Content encryption')
            [CompletionResult]::new('--p2c', '--p2c', [CompletionResultType]::ParameterName, 'PBES2 iteration count (p2c), from 1000 to 1000000')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key ID header (kid); defaults to the JWK''s kid, if any')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'Type header (typ); none by default')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Set a protected-header parameter: key=value or key:=json (repeatable); alg, enc, zip and the key-management members are jwtx''s to write')
            [CompletionResult]::new('--secret-encoding', '--secret-encoding', [CompletionResultType]::ParameterName, 'How the secret''s text stands for its bytes (applies to every secret source)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Take iat and relative times from this instant instead of the clock: RFC 3339, a date or a date and time read as UTC, or Unix seconds')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The recipient''s key file: a public (or private) PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), or a JWK; - reads stdin')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The recipient''s key file: a public (or private) PEM or DER key (RSA, EC P-256/P-384/P-521, X25519), or a JWK; - reads stdin')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The JWE secret on the command line: a dir or AES key-wrap key of the algorithm''s size, or a PBES2 password (visible to other local users in the process list; prefer --secret-file, --secret-env or --prompt-secret)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the JWE secret from a file, less one trailing newline (\n or \r\n); - reads stdin')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Read the JWE secret from an environment variable')
            [CompletionResult]::new('--random-jti', '--random-jti', [CompletionResultType]::ParameterName, 'Set jti to a random 128-bit identifier')
            [CompletionResult]::new('--no-iat', '--no-iat', [CompletionResultType]::ParameterName, 'Leave out iat, which is otherwise set to now')
            [CompletionResult]::new('--zip', '--zip', [CompletionResultType]::ParameterName, 'Compress the plaintext with DEFLATE first (zip "DEF"); beware compressing secrets an attacker can mix their own text into')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('--prompt-secret', '--prompt-secret', [CompletionResultType]::ParameterName, 'Ask for the JWE secret (a PBES2 password, say) on the terminal, without echo')
            [CompletionResult]::new('--allow-weak-key', '--allow-weak-key', [CompletionResultType]::ParameterName, 'Use a key below the safe size anyway, with a warning: an HMAC secret shorter than its hash (RFC 7518 §3.2) or, to verify only, an RSA key of 1024 to 2047 bits')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always or never')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtx;help' {
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a token''s header, claims and signature, without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify tokens'' signatures and claims against a key, a JWKS or a secret')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Create a signed token from claims')
            [CompletionResult]::new('expiry', 'expiry', [CompletionResultType]::ParameterValue, 'Is the token still good, and for how long? Check exp, nbf, iat and lifetime')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Review tokens (or files where tokens hide) for security problems')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Find tokens in files, directories or standard input and print where they are')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Make, convert and fingerprint keys, and build key sets (JWKS)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Show or empty the cache of keys fetched from URLs')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or check the jwtx.toml settings verify, expiry and audit read')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Decrypt JWEs (encrypted tokens) with a private key or a secret, and print the plaintext')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Encrypt claims, bytes or a signed token into a JWE for a recipient''s key')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff), for jwtx or one of its commands')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtx;help;decode' {
            break
        }
        'jwtx;help;verify' {
            break
        }
        'jwtx;help;sign' {
            break
        }
        'jwtx;help;expiry' {
            break
        }
        'jwtx;help;audit' {
            break
        }
        'jwtx;help;find' {
            break
        }
        'jwtx;help;key' {
            break
        }
        'jwtx;help;cache' {
            break
        }
        'jwtx;help;config' {
            break
        }
        'jwtx;help;decrypt' {
            break
        }
        'jwtx;help;encrypt' {
            break
        }
        'jwtx;help;completions' {
            break
        }
        'jwtx;help;man' {
            break
        }
        'jwtx;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
