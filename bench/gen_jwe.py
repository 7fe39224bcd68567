"""Writes compact JWEs for bench/jwe.sh, one per line, each with distinct claims:
    gen_jwe.py dir COUNT KEYHEX OUT          dir + A256GCM under a 32-byte key
    gen_jwe.py rsa COUNT PUBLIC.pem OUT      RSA-OAEP-256 + A256GCM to an RSA public key
Needs Python's `cryptography` (tests/fixtures/jwe/jwcrypto/requirements.txt pins one).
"""

import base64
import json
import os
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main():
    kind, count, key, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    if kind == "dir":
        header = b64(json.dumps({"alg": "dir", "enc": "A256GCM"}, separators=(",", ":")).encode())
        cek_fixed = bytes.fromhex(key)
    else:
        header = b64(json.dumps({"alg": "RSA-OAEP-256", "enc": "A256GCM"}, separators=(",", ":")).encode())
        public = serialization.load_pem_public_key(open(key, "rb").read())
        oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    with open(out, "w") as f:
        for i in range(count):
            claims = json.dumps({"sub": f"user-{i:08d}", "iss": "https://auth.example.com", "aud": "api",
                                 "exp": 4070908800, "iat": 1764633600, "scope": "read write",
                                 "email": f"user{i}@example.com", "jti": f"{i:016x}"},
                                separators=(",", ":")).encode()
            if kind == "dir":
                cek, wrapped = cek_fixed, b""
            else:
                cek = os.urandom(32)
                wrapped = public.encrypt(cek, oaep)
            iv = os.urandom(12)
            sealed = AESGCM(cek).encrypt(iv, claims, header.encode())
            f.write(f"{header}.{b64(wrapped)}.{b64(iv)}.{b64(sealed[:-16])}.{b64(sealed[-16:])}\n")


main()
