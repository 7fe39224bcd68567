//! Container detection: which of PEM, DER or JSON (a JWK or a JWKS) the key bytes are.

use serde_json::Value;

use super::KeyError;

pub(super) enum Container {
    Json(Value),
    Pem(String, Vec<u8>),
    Der(Vec<u8>),
}

/// Finds the key block in a PEM file that may hold several (`EC PARAMETERS` before
/// an `EC PRIVATE KEY`, a certificate chain...). The first key or certificate wins.
fn first_pem_key(text: &str) -> Result<(String, Vec<u8>), KeyError> {
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let block = &rest[start..];
        let label_end = block[11..]
            .find("-----")
            .ok_or_else(|| KeyError::Unrecognised("PEM header is not closed".into()))?;
        let label = &block[11..11 + label_end];
        let end_marker = format!("-----END {label}-----");
        let end = block.find(&end_marker).ok_or_else(|| {
            KeyError::Unrecognised(format!("PEM block {label:?} has no END line"))
        })? + end_marker.len();
        rest = &block[end..];
        match label {
            "EC PARAMETERS" => continue,
            "ENCRYPTED PRIVATE KEY" => return Err(KeyError::Encrypted),
            _ => {}
        }
        if block[..end].contains("Proc-Type: 4,ENCRYPTED") {
            return Err(KeyError::Encrypted);
        }
        let (label, der) = pem_rfc7468::decode_vec(&block.as_bytes()[..end])
            .map_err(|e| KeyError::Unrecognised(format!("PEM block {label:?}: {e}")))?;
        return Ok((label.to_owned(), der));
    }
    Err(KeyError::Unrecognised("PEM text holds no key".into()))
}

pub(super) fn detect(bytes: &[u8]) -> Result<Container, KeyError> {
    let trimmed = bytes.trim_ascii();
    if trimmed.is_empty() {
        return Err(KeyError::Unrecognised("the key is empty".into()));
    }
    if trimmed[0] == b'{' {
        let value: Value = serde_json::from_slice(trimmed).map_err(|e| {
            KeyError::Unrecognised(format!("looks like a JWK but is not JSON: {e}"))
        })?;
        return Ok(Container::Json(value));
    }
    if let Ok(text) = std::str::from_utf8(trimmed)
        && text.contains("-----BEGIN ")
    {
        let (label, der) = first_pem_key(text)?;
        return Ok(Container::Pem(label, der));
    }
    if trimmed[0] == 0x30 {
        return Ok(Container::Der(bytes.to_vec()));
    }
    Err(KeyError::UnknownFormat)
}
