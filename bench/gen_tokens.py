#!/usr/bin/env python3
"""Writes N JWTs, one per line, for jwtx's benchmarks. Standard library only.

usage: gen_tokens.py KIND N OUT
  KIND  hs256      HS256 tokens, secret "bench-secret-of-thirty-two-bytes" (about 200-byte signing input)
        hs256-weak HS256 tokens whose secret is "secret" (found by the built-in list)
        es256      ES256 tokens signed with bench/out/es256.pem (needs openssl; slow: use
                   a small N and repeat the file)
        access     realistic access tokens of about 830 bytes (email, name, roles, a nested
                   org object, scope; every token distinct), 90 % ES256 and 10 % RS256, signed
                   with the Python `cryptography` package (keys written to bench/out/)
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


def access(n: int, out) -> None:
    import random
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    rng = random.Random(830)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for name, key in (("access-es256", ec_key), ("access-rs256", rsa_key)):
        with open(f"bench/out/{name}.pub.pem", "wb") as f:
            f.write(key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    headers = {
        alg: b64(json.dumps({"alg": alg, "typ": "at+jwt", "kid": kid},
                            separators=(",", ":")).encode())
        for alg, kid in (("ES256", "es-2026-01"), ("RS256", "rs-2026-01"))
    }
    first = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken"]
    last = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson"]
    roles = ["admin", "editor", "viewer", "billing", "support", "auditor", "developer"]
    for i in range(n):
        given, family = rng.choice(first), rng.choice(last)
        claims = {
            "iss": "https://auth.example.com/",
            "sub": f"{i:08x}-{rng.getrandbits(32):08x}-4a1b-9c2d-{rng.getrandbits(48):012x}",
            "aud": "https://api.example.com",
            "iat": 1767225600 + i,
            "nbf": 1767225600 + i,
            "exp": 1767225600 + i + 900,
            "jti": f"{rng.getrandbits(128):032x}",
            "email": f"{given.lower()}.{family.lower()}{i}@example.com",
            "email_verified": True,
            "name": f"{given} {family}",
            "preferred_username": f"{given.lower()}{i}",
            "roles": rng.sample(roles, 3),
            "org": {"id": f"org_{rng.getrandbits(40):010x}", "name": "Example Corp",
                    "plan": "enterprise"},
            "scope": "openid profile email api:read api:write",
        }
        alg = "RS256" if i % 10 == 9 else "ES256"
        payload = b64(json.dumps(claims, separators=(",", ":")).encode())
        signing_input = f"{headers[alg]}.{payload}".encode()
        if alg == "ES256":
            r, s = decode_dss_signature(ec_key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
            sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
        else:
            sig = rsa_key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        out.write(f"{headers[alg]}.{payload}.{b64(sig)}\n")


def main() -> None:
    kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(path, "w") as out:
        if kind == "hs256":
            hs256(n, b"bench-secret-of-thirty-two-bytes", out)
        elif kind == "hs256-weak":
            hs256(n, b"secret", out)
        elif kind == "es256":
            es256(n, out)
        elif kind == "access":
            access(n, out)
        else:
            sys.exit(f"unknown kind {kind}")


if __name__ == "__main__":
    main()
