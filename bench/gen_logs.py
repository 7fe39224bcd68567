#!/usr/bin/env python3
"""Writes a directory of log files with tokens hidden in them, for `audit --scan`.

usage: gen_logs.py OUT_DIR TOTAL_MB [FILES]
One line in 1,000 carries an `Authorization: Bearer` header with an RS256-shaped token
(its signature is random bytes: the scan and the rules are measured, not the crypto).
"""
import base64, json, os, random, sys


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main() -> None:
    out, total_mb = sys.argv[1], int(sys.argv[2])
    files = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    os.makedirs(out, exist_ok=True)
    rng = random.Random(7)
    header = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "k1"}).encode())
    per_file = total_mb * 1024 * 1024 // files
    for f in range(files):
        with open(os.path.join(out, f"app-{f:03d}.log"), "w") as fh:
            written = 0
            n = 0
            while written < per_file:
                n += 1
                if n % 1000 == 0:
                    claims = {"sub": f"user-{n}", "iss": "https://auth.example.com", "exp": 4070908800}
                    token = f"{header}.{b64(json.dumps(claims).encode())}.{b64(rng.randbytes(256))}"
                    line = f"2026-11-23T04:00:00Z INFO request GET /api/items Authorization: Bearer {token}\n"
                else:
                    line = (f"2026-11-23T04:00:{n % 60:02d}Z INFO request id={rng.getrandbits(64):016x} "
                            f"GET /api/items/{n} status=200 duration={rng.random():.4f}s user-agent=curl/8.5\n")
                fh.write(line)
                written += len(line)


if __name__ == "__main__":
    main()
