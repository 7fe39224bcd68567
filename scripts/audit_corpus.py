#!/usr/bin/env python3
"""The labelled corpus of jwtx audit's detectors. Standard library only.

usage: audit_corpus.py generate      rewrite tests/fixtures/audit-corpus/generated.jsonl
       audit_corpus.py table [JWTX]  audit every case with JWTX (default target/debug/jwtx)
                                     and print precision and recall per detector

Each line of tests/fixtures/audit-corpus/*.jsonl is one case:
  {"id": "...", "claims": {...}, "expect": ["rule-id", ...],
   "omit": ["iat"], "profile": "id-token", "severities": {"rule-id": "low"}}
The claims are laid over a clean base (iss, sub, aud, iat = now, exp = now + 1h, jti =
the case id) with the members of "omit" removed; the token has an ES256 header and a
fixed signature that verifies with no key, so the weak-secret search never runs.
"expect" is the whole set of rules the audit must report. The bulk (generated.jsonl)
comes from `generate`, seeded, so it is reproducible; tricky.jsonl is written by hand.
Credential-shaped strings are written with one character as a JSON escape
(sk_live\\u005f...), so the files hold no literal key for secret scanners to flag.
tests/cli/audit_corpus.rs runs the same corpus in `cargo test`.
"""
import base64
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "fixtures", "audit-corpus")
NOW = 1767225600  # 2026-01-01T00:00:00Z, the tests' instant
NOW_TEXT = "2026-01-01T00:00:00Z"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
KEYCHARS = ALNUM + "_-"

# Prefixes written with one escaped character in the fixture files.
ESCAPES = [
    ("sk_live_", "sk_live\\u005f"),
    ("rk_live_", "rk_live\\u005f"),
    ("sk_test_", "sk_test\\u005f"),
    ("rk_test_", "rk_test\\u005f"),
    ("pk_live_", "pk_live\\u005f"),
    ("glpat-", "glpat\\u002d"),
    ("npm_", "npm\\u005f"),
    ("AIza", "AIz\\u0061"),
    ("T3BlbkFJ", "T3Blbk\\u0046J"),
    ("ghp_", "ghp\\u005f"),
    ("xoxb-", "xoxb\\u002d"),
    ("AKIA", "AKI\\u0041"),
    ("PRIVATE KEY", "PRIVATE\\u0020KEY"),
]


def rand(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def luhn_complete(prefix, length, rng):
    digits = [int(c) for c in prefix] + [rng.randrange(10) for _ in range(length - len(prefix) - 1)]
    for check in range(10):
        candidate = digits + [check]
        total = 0
        for i, d in enumerate(reversed(candidate)):
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return "".join(map(str, candidate))
    raise AssertionError("no Luhn digit")


def iban(country, bban):
    rearranged = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    return f"{country}{98 - number % 97:02d}{bban}"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def compact(header, claims, sig=b"\x5a" * 64):
    enc = lambda v: b64url(json.dumps(v, separators=(",", ":")).encode())
    return f"{enc(header)}.{enc(claims)}.{b64url(sig)}"


FIRST = ["Jane", "John", "Ada", "Grace", "Alan", "Maria", "Wei", "Fatima", "Olu", "Sven",
         "Priya", "Mateo", "Chloé", "Noah", "Aiko", "Liam"]
LAST = ["Doe", "Lovelace", "Hopper", "Turing", "Garcia", "Zhang", "Khan", "Okafor",
        "Larsen", "Patel", "Rossi", "Dubois", "O'Brien", "Nakamura", "Smith", "Müller"]
DOMAINS = ["example.com", "example.org", "mail.example.net", "corp.example", "example.co.uk"]
SERVICES = ["api-gateway", "Build Service", "billing-worker", "Deploy Bot", "ci-runner",
            "Payments API", "Nightly Sync Job", "orders-service", "Monitoring Agent",
            "auth-proxy", "Report Scheduler", "Web Client", "data-pipeline", "Backup Daemon"]


def generate():
    rng = random.Random(13)
    cases = []

    def case(kind, claims, expect, **extra):
        n = sum(1 for c in cases if c["id"].startswith(kind + "-"))
        entry = {"id": f"{kind}-{n + 1:03d}", "claims": claims, "expect": sorted(expect)}
        entry.update(extra)
        cases.append(entry)

    def person():
        return rng.choice(FIRST), rng.choice(LAST)

    def email():
        first, last = person()
        local = f"{first}.{last}".lower().replace("'", "").replace("é", "e").replace("ü", "u")
        return f"{local}@{rng.choice(DOMAINS)}"

    # ---- personal data ------------------------------------------------------------
    for _ in range(8):
        case("email", {"email": email()}, ["pii-email"])
    for _ in range(6):
        case("email-sub", {"sub": email()}, ["pii-email"])
    for _ in range(5):
        case("email-act", {"act": {"sub": email()}}, ["pii-email"])
    for _ in range(3):
        case("email-act-nested", {"act": {"sub": "svc-1", "act": {"sub": email()}}}, ["pii-email"])
    for _ in range(5):
        case("email-text", {"note": f"forward to {email()} please"}, ["pii-email"])
    for _ in range(4):
        case("email-nested", {"user": {"contact": {"mail": email()}}}, ["pii-email"])
    for _ in range(6):
        n = f"+{rng.choice(['1', '44', '49', '33', '81'])}{rand(rng, '0123456789', 9)}"
        case("phone-e164", {rng.choice(["x_val", "contact", "msisdn"]): n}, ["pii-phone"])
    for _ in range(5):
        n = f"0{rng.randrange(20, 99)} {rand(rng, '0123456789', 7)}"
        case("phone-hinted", {rng.choice(["phone", "mobile", "home_phone", "tel"]): n}, ["pii-phone"])
    for _ in range(8):
        area, exch = rng.randrange(201, 989), rng.randrange(200, 999)
        line = rand(rng, "0123456789", 4)
        text = rng.choice([
            f"call me at ({area}) {exch}-{line} after six",
            f"Reach the desk on {area}.{exch}.{line} today",
            f"on-call: +1 {area} {exch} {line} (pager)",
            f"Emergency contact {area}-{exch}-{line}, ask for the lead",
        ])
        case("phone-text", {"comment": text}, ["pii-phone"])
    for _ in range(6):
        ssn = f"{rng.randrange(1, 665):03d}-{rng.randrange(1, 99):02d}-{rng.randrange(1, 9999):04d}"
        case("ssn", {rng.choice(["ssn", "note", "tax_info"]): ssn}, ["pii-ssn"])
    for prefix, length in [("4", 16), ("51", 16), ("37", 15), ("6011", 16), ("3530", 16), ("4", 13),
                           ("55", 16), ("34", 15)]:
        case("card", {"card": luhn_complete(prefix, length, rng)}, ["pii-payment-card"])
    for country, bban in [("DE", rand(rng, "0123456789", 18)), ("GB", "WEST" + rand(rng, "0123456789", 14)),
                          ("FR", rand(rng, "0123456789", 23)), ("NL", "ABNA" + rand(rng, "0123456789", 10)),
                          ("BE", rand(rng, "0123456789", 12)), ("CH", rand(rng, "0123456789", 17))]:
        case("iban", {"payout": iban(country, bban)}, ["pii-iban"])
    for _ in range(5):
        ip = f"{rng.choice([198, 203, 192])}.{rng.randrange(0, 255)}.{rng.randrange(0, 255)}.{rng.randrange(1, 254)}"
        case("ip", {rng.choice(["client_ip", "origin", "ip"]): ip}, ["pii-ip-address"])
    case("ip", {"ip": "2001:db8::17"}, ["pii-ip-address"])
    for _ in range(6):
        dob = f"{rng.randrange(1940, 2005)}-{rng.randrange(1, 12):02d}-{rng.randrange(1, 28):02d}"
        case("dob", {rng.choice(["birthdate", "date_of_birth", "dob"]): dob}, ["pii-date-of-birth"])
    for _ in range(6):
        case("address", {"address": {"street_address": f"{rng.randrange(1, 999)} Main St",
                                     "locality": "Springfield", "postal_code": f"{rng.randrange(10000, 99999)}",
                                     "country": "US"}}, ["pii-postal-address"])
    for _ in range(3):
        case("address-list", {"addresses": [{"street": "1 Elm St"}, {"zip": "90210"}]}, ["pii-postal-address"])
    for _ in range(10):
        first, last = person()
        claims = rng.choice([{"name": f"{first} {last}"}, {"given_name": first}, {"family_name": last},
                             {"user": {"name": f"{first} {last}"}}, {"nickname": first}])
        case("name", claims, ["pii-personal-name"])

    # ---- secrets --------------------------------------------------------------------
    for _ in range(8):
        value = rand(rng, ALNUM, rng.randrange(8, 24)) + rng.choice(["!", "#", "9", "x"])
        name = rng.choice(["password", "db_password", "client_secret", "apiKey", "x-api-key", "passphrase"])
        case("password", {name: value}, ["secret-password-field"], severities={"secret-password-field": "critical"})
    for _ in range(3):
        case("aws", {"cfg": "AKIA" + rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}, ["secret-aws-key"])
    for _ in range(3):
        case("github", {"vcs": "ghp_" + rand(rng, ALNUM, 36)}, ["secret-github-token"])
    for _ in range(3):
        case("slack", {"hook": "xoxb-" + rand(rng, "0123456789", 11) + "-" + rand(rng, ALNUM, 24)}, ["secret-slack-token"])
    for _ in range(2):
        case("private-key", {"k": "-----BEGIN PRIVATE KEY-----\nMIIEvQ" + rand(rng, ALNUM, 40) + "\n-----END PRIVATE KEY-----"},
             ["secret-private-key"])
    for _ in range(5):
        inner = compact({"alg": "HS256", "typ": "JWT"}, {"sub": rand(rng, ALNUM, 8)}, b"\x11" * 32)
        holder = rng.choice([{"upstream": inner}, {"note": f"forwarded Bearer {inner} upstream"},
                             {"ctx": {"id_token_hint": inner}}])
        case("nested-token", holder, ["secret-nested-token"])
    for _ in range(6):
        prefix = rng.choice(["sk_live_", "rk_live_"])
        case("stripe-live", {rng.choice(["billing", "note", "k"]): prefix + rand(rng, ALNUM, rng.choice([24, 99]))},
             ["secret-stripe-key"], severities={"secret-stripe-key": "critical"})
    for _ in range(4):
        prefix = rng.choice(["sk_test_", "rk_test_"])
        case("stripe-test", {"k": prefix + rand(rng, ALNUM, 24)}, ["secret-stripe-key"],
             severities={"secret-stripe-key": "medium"})
    for _ in range(6):
        case("google", {rng.choice(["maps", "cfg", "x"]): "AIza" + rand(rng, KEYCHARS, 35)}, ["secret-google-api-key"])
    for _ in range(6):
        case("gitlab", {"ci": "glpat-" + rand(rng, KEYCHARS, 20)}, ["secret-gitlab-token"])
    for _ in range(3):
        key = f"sk-{rand(rng, ALNUM, 20)}T3BlbkFJ{rand(rng, ALNUM, 20)}"
        case("openai-legacy", {"llm": key}, ["secret-openai-key"])
    for _ in range(4):
        key = f"sk-proj-{rand(rng, KEYCHARS, 74)}T3BlbkFJ{rand(rng, KEYCHARS, 74)}"
        case("openai-project", {"llm": key}, ["secret-openai-key"])
    for _ in range(6):
        case("npm", {"registry_auth": "npm_" + rand(rng, ALNUM, 36)}, ["secret-npm-token"])
    for scheme in ["postgres", "postgresql", "mysql", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps",
                   "mariadb"]:
        user = rng.choice(["app", "svc", "root", ""])
        url = f"{scheme}://{user}:{rand(rng, ALNUM, 12)}@db{rng.randrange(9)}.internal:{rng.randrange(1000, 9999)}/main"
        case("database-url", {rng.choice(["dsn", "db", "note"]): url}, ["secret-database-url"])
    for _ in range(6):
        creds = f"{rng.choice(['admin', 'svc', 'jdoe'])}:{rand(rng, ALNUM, 10)}"
        b = base64.b64encode(creds.encode()).decode()
        case("basic", {rng.choice(["upstream", "auth"]): f"Basic {b}"}, ["secret-basic-credentials"])

    # ---- lifetimes ------------------------------------------------------------------
    for years in [2, 5, 10, 30]:
        case("no-iat-long", {"exp": NOW + years * 365 * 86400}, ["missing-iat", "lifetime-too-long"], omit=["iat"])
    for hours in [1, 6, 23]:
        case("no-iat-short", {"exp": NOW + hours * 3600}, ["missing-iat"], omit=["iat"])
    for days in [2, 30]:
        case("no-iat-nbf", {"nbf": NOW - days * 86400}, ["missing-iat", "lifetime-too-long"], omit=["iat"])
    for days in [2, 90, 3650]:
        case("iat-long", {"exp": NOW + days * 86400}, ["lifetime-too-long"])

    # ---- look-alikes that must stay quiet ----------------------------------------------
    for name in SERVICES:
        case("quiet-service-name", {"name": name}, [])
    for handle in ["jdoe", "ada", "gh0st", "neo", "mx"]:
        case("quiet-handle", {"nickname": handle}, [])
    for claims in [{"gty": "client-credentials", "sub": "abc@clients", "name": "Reporting"},
                   {"sub": "app-7", "client_id": "app-7", "name": "Ledger"},
                   {"sub": "xyz@clients", "name": "Invoice Exporter"}]:
        case("quiet-client-credentials", claims, [])
    for name, value in [("secret_santa", "yes"), ("password_set", "true"), ("has_secret", "no"),
                        ("api_key_enabled", "on"), ("password_hint", "first pet"), ("secret_level", "ok"),
                        ("password_changed_at", "2025-01-01"), ("api_key_name", "ci-key")]:
        case("quiet-secret-name", {name: value}, [])
    for value in ["pk_live_" + rand(rng, ALNUM, 24), "sk_live_" + rand(rng, ALNUM, 12),
                  "desk_live_" + rand(rng, ALNUM, 24), "AIza" + rand(rng, KEYCHARS, 20),
                  "glpat-" + rand(rng, KEYCHARS, 12), "npm_" + rand(rng, ALNUM, 20), "npm_config_cache",
                  "sk-" + rand(rng, ALNUM, 48), "sk-proj-" + rand(rng, KEYCHARS, 60),
                  "task-" + rand(rng, ALNUM, 20) + "T3BlbkFJ" + rand(rng, ALNUM, 20),
                  "Basic plan", "Basic dGVzdA==", "Basic realm=\"api\"",
                  "postgres://app@db.internal/main", "postgres://db.internal:5432/main",
                  "postgres://app:${DB_PASSWORD}@db/main", "mysql://root:****@localhost/app",
                  "postgres://user:password@localhost/db", "https://user:<" + rand(rng, ALNUM, 8) + ">@example.com/",
                  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0", "eyJub3QganNvbg.a.b",
                  "redis://cache:6379/0", "amqp://mq.internal/vhost"]:
        case("quiet-credential-lookalike", {"value": value}, [])
    for value in ["1.2.3.4.5", "10.0.19041.1", "v1.2.3", "2024-01-15", "order 123-456-7890 shipped",
                  "build 2024-01-15 10:30:00", "4111111111111112", "DE88370400440532013000", "icon@2x.png",
                  "user@localhost", "ticket 4155552671 closed", "score +12 and +34 today", "000-12-3456",
                  "1234567812345670", "uuid 123e4567-e89b-12d3-a456-426614174000", "0x52908400098527886E0F7030069857D2E4169EE7"]:
        case("quiet-pii-lookalike", {"value": value}, [])
    for claims in [{"org": {"name": "Acme Corporation"}}, {"roles": [{"name": "admin"}]},
                   {"wallet": {"address": "0x52908400098527886E0F7030069857D2E4169EE7"}},
                   {"zip": "gzip"}, {"app_version": "1.2.3.4"}, {"scope": "openid email phone"},
                   {"amr": ["pwd", "mfa"]}, {"email_verified": True}, {"act": {"sub": "svc-7"}}]:
        case("quiet-structure", claims, [])
    oidc = {"email": "jane.doe@example.com", "email_verified": True, "name": "Jane Doe", "given_name": "Jane",
            "family_name": "Doe", "phone_number": "+1 (425) 555-1212", "birthdate": "1990-04-01",
            "picture": "https://example.com/jane.jpg", "locale": "en-US",
            "address": {"street_address": "1 Main St", "locality": "Springfield"}}
    for i in range(4):
        claims = {k: v for j, (k, v) in enumerate(oidc.items()) if (j + i) % 4 != 0}
        case("quiet-id-token", claims, [], omit=["jti"], profile="id-token")

    # ---- URLs with a password (their own generator, so the cases above stay as they were)
    rng2 = random.Random(31)
    for scheme in ["https", "http", "ftp", "sftp", "smtp", "git+https", "ldap", "ws"]:
        user = rng2.choice(["deploy", "svc", "bot", "backup"])
        host = rng2.choice(["git.corp.internal", "files.internal", "10.1.2.3", "hooks.acme.io"])
        url = f"{scheme}://{user}:{rand(rng2, KEYCHARS, 14)}@{host}/{rand(rng2, ALNUM, 6)}"
        case("url-password", {rng2.choice(["feed", "callback", "note"]): url}, ["secret-url-password"],
             severities={"secret-url-password": "high"})
    for value in ["ssh://git@github.com/acme/app.git", "https://user:pass@example.com/",
                  "https://deploy:${GIT_TOKEN}@git.corp.internal/app", "https://api.acme.io:8443/v1",
                  "https://acme.io/login?next=a:b@c", "http://[::1]:8080/health", "https://bot:@hooks.acme.io/x",
                  "https://svc:******@files.internal/"]:
        case("quiet-url", {"value": value}, [])
    return cases


def dump(case) -> str:
    text = json.dumps(case, ensure_ascii=False, separators=(", ", ": "))
    for raw, escaped in ESCAPES:
        text = text.replace(raw, escaped)
    return text


def load():
    cases = []
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith(".jsonl"):
            with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
                cases += [json.loads(line) for line in f if line.strip()]
    return cases


def token_of(case):
    claims = {"iss": "https://issuer.example.com", "sub": "user-1", "aud": "api", "iat": NOW,
              "exp": NOW + 3600, "jti": case["id"]}
    for name in case.get("omit", []):
        claims.pop(name, None)
    claims.update(case["claims"])
    return compact({"alg": "ES256", "typ": "JWT"}, claims)


def audit(jwtx, cases, profile):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("".join(token_of(c) + "\n" for c in cases))
        path = f.name
    try:
        args = [jwtx, "--color", "never", "audit", "--now", NOW_TEXT, "--no-config", "--format", "json",
                "--fail-on", "none", f"@{path}"]
        if profile:
            args[6:6] = ["--profile", profile]
        out = subprocess.run(args, capture_output=True, text=True, check=False).stdout
    finally:
        os.unlink(path)
    fired = [dict() for _ in cases]
    for line in out.splitlines():
        record = json.loads(line)
        if record.get("type") != "token":
            continue
        for loc in record["locations"]:
            for f in record["findings"]:
                fired[loc["line"] - 1][f["rule"]] = f["severity"]
    return fired


def table(jwtx):
    cases = load()
    results = [None] * len(cases)
    for profile in sorted({c.get("profile") for c in cases}, key=str):
        idx = [i for i, c in enumerate(cases) if c.get("profile") == profile]
        for i, fired in zip(idx, audit(jwtx, [cases[i] for i in idx], profile)):
            results[i] = fired
    rules = sorted({r for c in cases for r in c["expect"]} | {r for f in results for r in f})
    print(f"{len(cases)} cases ({sum(1 for c in cases if not c['expect'])} expecting no finding), audited by {jwtx}")
    print(f"{'rule':28} {'cases':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}")
    mismatches = 0
    for rule in rules:
        tp = sum(1 for c, f in zip(cases, results) if rule in c["expect"] and rule in f)
        fp = sum(1 for c, f in zip(cases, results) if rule not in c["expect"] and rule in f)
        fn = sum(1 for c, f in zip(cases, results) if rule in c["expect"] and rule not in f)
        mismatches += fp + fn
        precision = f"{tp / (tp + fp):.3f}" if tp + fp else "-"
        recall = f"{tp / (tp + fn):.3f}" if tp + fn else "-"
        print(f"{rule:28} {tp + fn:>5} {tp:>4} {fp:>4} {fn:>4} {precision:>9} {recall:>7}")
    for c, f in zip(cases, results):
        if set(c["expect"]) != set(f):
            print(f"  {c['id']}: expected {sorted(c['expect'])}, got {sorted(f)}")
    wrong_severity = sum(1 for c, f in zip(cases, results)
                         for r, s in c.get("severities", {}).items() if f.get(r) not in (None, s))
    print(f"{mismatches} rule mismatches, {wrong_severity} severity mismatches")
    return 1 if mismatches or wrong_severity else 0


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "generate":
        cases = generate()
        with open(os.path.join(CORPUS, "generated.jsonl"), "w", encoding="utf-8") as f:
            f.write("".join(dump(c) + "\n" for c in cases))
        print(f"{len(cases)} cases written")
    elif len(sys.argv) >= 2 and sys.argv[1] == "table":
        jwtx = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "debug", "jwtx")
        sys.exit(table(jwtx))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
