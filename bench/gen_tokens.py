#!/usr/bin/env python3
"""Writes N JWTs, one per line, for jwtx's benchmarks. Standard library only.

usage: gen_tokens.py KIND N OUT
  KIND  hs256      HS256 tokens, secret "bench-secret-of-thirty-two-bytes" (about 200-byte signing input)
        hs256-weak HS256 tokens whose secret is "secret" (found by the built-in list)
        es256      ES256 tokens signed with bench/out/es256.pem (needs openssl; slow: use
                   a small N and repeat the file)
"""
import base64, hashlib, hmac, json, subprocess, sys


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(i: int) -> dict:
    return {
        "iss": "https://auth.example.com",
        "sub": f"user-{i:08d}",
        "aud": "api",
        "iat": 1767225600,
        "exp": 4070908800,
        "jti": f"{i:016x}",
        "scope": "read write",
    }


def hs256(n: int, secret: bytes, out) -> None:
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    for i in range(n):
        payload = b64(json.dumps(claims(i), separators=(",", ":")).encode())
        signing_input = f"{header}.{payload}".encode()
        sig = hmac.new(secret, signing_input, hashlib.sha256).digest()
        out.write(f"{header}.{payload}.{b64(sig)}\n")


def es256(n: int, out) -> None:
    subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout",
                    "-out", "bench/out/es256.pem"], check=True)
    subprocess.run(["openssl", "ec", "-in", "bench/out/es256.pem", "-pubout", "-out",
                    "bench/out/es256.pub.pem"], check=True, capture_output=True)
    header = b64(json.dumps({"alg": "ES256", "typ": "JWT"}, separators=(",", ":")).encode())
    for i in range(n):
        payload = b64(json.dumps(claims(i), separators=(",", ":")).encode())
        signing_input = f"{header}.{payload}".encode()
        der = subprocess.run(["openssl", "dgst", "-sha256", "-sign", "bench/out/es256.pem"],
                             input=signing_input, check=True, capture_output=True).stdout
        out.write(f"{header}.{payload}.{b64(der_to_raw(der))}\n")


def der_to_raw(der: bytes) -> bytes:
    # SEQUENCE { INTEGER r, INTEGER s } -> r || s, 32 bytes each (RFC 7518 §3.4).
    assert der[0] == 0x30
    i = 2
    parts = []
    for _ in range(2):
        assert der[i] == 0x02
        length = der[i + 1]
        parts.append(int.from_bytes(der[i + 2:i + 2 + length], "big").to_bytes(32, "big"))
        i += 2 + length
    return b"".join(parts)


def main() -> None:
    kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(path, "w") as out:
        if kind == "hs256":
            hs256(n, b"bench-secret-of-thirty-two-bytes", out)
        elif kind == "hs256-weak":
            hs256(n, b"secret", out)
        elif kind == "es256":
            es256(n, out)
        else:
            sys.exit(f"unknown kind {kind}")


if __name__ == "__main__":
    main()
