//! Algorithm confusion: the byte strings a careless verifier might use as the HMAC
//! secret when handed a public key, so that `key-confusion` can try each one.

use std::collections::HashSet;

use crate::token::{KeySet, Secret, VerifyingKey};

/// The byte strings a careless verifier might use as an HMAC secret when handed these
/// public keys: the bytes as given (with and without a final newline), each key's
/// canonical PEM (likewise), DER and JWK JSON. Labelled, distinct and non-empty.
pub fn confusion_secrets(set: &KeySet) -> Vec<(&'static str, Vec<u8>)> {
    let original = set.original();
    let mut out: Vec<(&'static str, Vec<u8>)> = vec![("file bytes", original.to_vec())];
    if let Some(stripped) = original.strip_suffix(b"\n") {
        out.push(("file bytes without the final newline", stripped.to_vec()));
    }
    for key in set.keys() {
        if let Some(der) = key.spki_der() {
            if let Ok(pem) =
                pem_rfc7468::encode_string("PUBLIC KEY", pem_rfc7468::LineEnding::LF, &der)
            {
                if let Some(stripped) = pem.strip_suffix('\n') {
                    out.push((
                        "PEM text without the final newline",
                        stripped.as_bytes().to_vec(),
                    ));
                }
                out.push(("PEM text", pem.into_bytes()));
            }
            out.push(("DER bytes", der));
        }
        if let Some(jwk) = key.public_jwk() {
            out.push(("JWK JSON", jwk.to_string().into_bytes()));
        }
    }
    let mut seen = HashSet::new();
    out.retain(|(_, bytes)| !bytes.is_empty() && seen.insert(bytes.clone()));
    out
}

/// [`confusion_secrets`] as HMAC verifying keys, with their labels.
pub fn confusion_keys(set: &KeySet) -> Vec<(String, VerifyingKey)> {
    confusion_secrets(set)
        .into_iter()
        .filter_map(|(label, secret)| {
            VerifyingKey::from_secret(Secret::new(secret))
                .ok()
                .map(|k| (label.to_owned(), k))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str) -> KeySet {
        let path = format!("{}/tests/fixtures/keys/{name}", env!("CARGO_MANIFEST_DIR"));
        KeySet::load(&std::fs::read(&path).unwrap()).unwrap()
    }

    #[test]
    fn pem_file_gives_its_bytes_pem_der_and_jwk() {
        let set = load("rsa2048.pub.pem");
        let secrets = confusion_secrets(&set);
        let labels: Vec<&str> = secrets.iter().map(|(l, _)| *l).collect();
        // The file is the canonical PEM, so the PEM forms are not repeated.
        assert_eq!(
            labels,
            [
                "file bytes",
                "file bytes without the final newline",
                "DER bytes",
                "JWK JSON"
            ]
        );
        assert_eq!(secrets[0].1, set.original());
        assert_eq!(Some(secrets[2].1.clone()), set.keys()[0].spki_der());
    }

    #[test]
    fn forms_are_distinct_and_non_empty() {
        for name in [
            "rsa2048.pub.der",
            "ec-p256.pub.pem",
            "jwks.json",
            "rsa2048.pkcs8.pem",
        ] {
            let secrets = confusion_secrets(&load(name));
            let distinct: HashSet<&Vec<u8>> = secrets.iter().map(|(_, b)| b).collect();
            assert_eq!(distinct.len(), secrets.len(), "{name}");
            assert!(secrets.iter().all(|(_, b)| !b.is_empty()), "{name}");
            assert!(secrets.iter().any(|(l, _)| *l == "PEM text") || name.ends_with(".pem"));
        }
    }

    #[test]
    fn der_file_gives_pem_forms_and_jwk() {
        let set = load("rsa2048.pub.der");
        let secrets = confusion_secrets(&set);
        let labels: Vec<&str> = secrets.iter().map(|(l, _)| *l).collect();
        // The file is the DER, so "DER bytes" repeats "file bytes" and is dropped.
        assert_eq!(
            labels,
            [
                "file bytes",
                "PEM text without the final newline",
                "PEM text",
                "JWK JSON"
            ]
        );
        let pem = std::fs::read(format!(
            "{}/tests/fixtures/keys/rsa2048.pub.pem",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(secrets[2].1, pem, "the canonical PEM is the PEM fixture");
    }
}
