//! Algorithm rules: the header's `alg` and the signature's shape (unsecured tokens,
//! stripped or mis-sized signatures, ECDSA values outside 1..n, small RSA keys).

use crate::audit::checks::Out;
use crate::audit::registry::{Rule, Severity};
use crate::output::escape;
use crate::token::alg::Family;
use crate::token::{Alg, AlgField, Token, der};

const CATEGORY: &str = "algorithm";

pub static ALG_NONE: Rule = Rule {
    id: "alg-none",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "Unsecured token (alg \"none\")",
    why: "A token with alg none carries no signature; any library that accepts it lets anyone forge tokens. The check matches none in any letter case, which some libraries have failed to reject.",
    fix: "Never issue unsecured tokens; configure verifiers with an explicit allow-list of signing algorithms.",
    reference: "RFC 8725 §2.1, §3.1; RFC 7518 §3.6; CVE-2015-9235",
};

pub static EMPTY_SIGNATURE: Rule = Rule {
    id: "empty-signature",
    category: CATEGORY,
    severity: Severity::High,
    title: "Empty signature with a signing algorithm",
    why: "The header names a signing algorithm but the signature is empty: the token was stripped of its signature, which verifiers with lax handling may accept.",
    fix: "Reject the token; find where it was produced or altered.",
    reference: "RFC 7515 §5.2; RFC 8725 §3.1",
};

pub static ALG_MISSING: Rule = Rule {
    id: "alg-missing",
    category: CATEGORY,
    severity: Severity::High,
    title: "Header has no alg",
    why: "Without alg the verifier must guess the algorithm, which is how algorithm-confusion attacks start.",
    fix: "Always set alg in the protected header.",
    reference: "RFC 7515 §4.1.1; RFC 8725 §3.1",
};

pub static ALG_NOT_STRING: Rule = Rule {
    id: "alg-not-string",
    category: CATEGORY,
    severity: Severity::High,
    title: "Header alg is not a string",
    why: "A non-string alg is invalid and is handled differently by different parsers.",
    fix: "Set alg to a registered algorithm name.",
    reference: "RFC 7515 §4.1.1",
};

pub static ALG_UNREGISTERED: Rule = Rule {
    id: "alg-unregistered",
    category: CATEGORY,
    severity: Severity::Medium,
    title: "Algorithm is not a registered JWS algorithm",
    why: "An alg outside the IANA JWS registry (or a misspelt one, such as hs256) means a verifier either rejects the token or does something unspecified with it.",
    fix: "Use a registered algorithm name, with its exact capitalisation.",
    reference: "RFC 7518 §3.1; IANA JSON Web Signature and Encryption Algorithms",
};

pub static SIGNATURE_LENGTH: Rule = Rule {
    id: "signature-length",
    category: CATEGORY,
    severity: Severity::High,
    title: "Signature length does not fit the algorithm",
    why: "Each algorithm has a fixed signature length (ES256: 64 bytes as R||S); a different length means a DER-encoded ECDSA signature, a truncated MAC or a tampered token.",
    fix: "Produce JOSE signatures in the format RFC 7518 requires (raw R||S for ECDSA).",
    reference: "RFC 7518 §3.2, §3.4",
};

pub static ECDSA_PSYCHIC_SIGNATURE: Rule = Rule {
    id: "ecdsa-psychic-signature",
    category: CATEGORY,
    severity: Severity::Critical,
    title: "ECDSA signature with r or s zero or not below the group order",
    why: "A valid ECDSA signature has 1 <= r, s < n (the curve's group order). Java 15–18 accepted r = s = 0 for any message (the \"psychic signature\" bug), and verifiers that skip the range check accept the same forgery with r or s equal to n (which is 0 mod n) or above it: such a token is a forgery attempt.",
    fix: "Reject the token; patch Java runtimes (CVE-2022-21449) and any verifier that accepted it, and check 0 < r, s < n before verifying.",
    reference: "CVE-2022-21449; RFC 7518 §3.4",
};

pub static RSA_KEY_TOO_SMALL: Rule = Rule {
    id: "rsa-key-too-small",
    category: CATEGORY,
    severity: Severity::High,
    title: "RSA key under 2048 bits",
    why: "The signature length reveals the RSA modulus size; keys under 2048 bits are below what RFC 7518 requires and can be factored by well-resourced attackers.",
    fix: "Sign with RSA keys of 2048 bits or more (or move to ES256/EdDSA).",
    reference: "RFC 7518 §3.3, §3.5; NIST SP 800-131A",
};

/// JWS algorithm names registered with IANA that jwtx does not implement.
const OTHER_REGISTERED: [&str; 3] = ["ES256K", "Ed25519", "Ed448"];

pub(crate) fn check(token: &Token, out: &mut Out<'_>) {
    let sig = token.signature();
    let alg = match token.alg() {
        AlgField::Known(Alg::None) => {
            out.add(
                &ALG_NONE,
                "alg is \"none\": the token is unsecured".into(),
                Some("header.alg".into()),
            );
            return;
        }
        AlgField::Unknown(s) if s.eq_ignore_ascii_case("none") => {
            out.add(
                &ALG_NONE,
                format!("alg is {:?}, a letter-case variant of none", escape(s)),
                Some("header.alg".into()),
            );
            return;
        }
        AlgField::Unknown(s) => {
            if !OTHER_REGISTERED.contains(&s.as_str()) {
                out.add(
                    &ALG_UNREGISTERED,
                    format!("alg {:?} is not a registered JWS algorithm", escape(s)),
                    Some("header.alg".into()),
                );
            }
            if sig.is_empty() {
                out.add(
                    &EMPTY_SIGNATURE,
                    format!("alg is {:?} but the signature is empty", escape(s)),
                    Some("signature".into()),
                );
            }
            return;
        }
        AlgField::Known(alg) => *alg,
        AlgField::Missing | AlgField::NotString(_) => return,
    };
    if sig.is_empty() {
        out.add(
            &EMPTY_SIGNATURE,
            format!("alg is {alg} but the signature is empty"),
            Some("signature".into()),
        );
        return;
    }
    if let Some(expected) = alg.fixed_signature_len()
        && sig.len() != expected
    {
        let der = alg.family() == Family::Ec && sig[0] == 0x30;
        let hint = if der {
            " (it looks DER-encoded; JOSE uses raw R||S)"
        } else {
            ""
        };
        out.add(
            &SIGNATURE_LENGTH,
            format!(
                "{alg} signatures are {expected} bytes, this one is {}{hint}",
                sig.len()
            ),
            Some("signature".into()),
        );
    }
    if alg.family() == Family::Ec
        && let Some(problem) = ecdsa_out_of_range(alg, sig)
    {
        out.add(
            &ECDSA_PSYCHIC_SIGNATURE,
            format!("ECDSA signature has {problem} (CVE-2022-21449)"),
            Some("signature".into()),
        );
    }
    if matches!(
        alg,
        Alg::RS256 | Alg::RS384 | Alg::RS512 | Alg::PS256 | Alg::PS384 | Alg::PS512
    ) && sig.len() < 256
    {
        out.add(
            &RSA_KEY_TOO_SMALL,
            format!(
                "the {}-byte signature means a {}-bit RSA key",
                sig.len(),
                sig.len() * 8
            ),
            Some("signature".into()),
        );
    }
}

/// The order n of the curve behind each ECDSA algorithm, big-endian (SEC 2 §2.4.2,
/// §2.5.1, §2.6.1). A valid signature has 1 <= r, s < n.
fn group_order(alg: Alg) -> Option<&'static [u8]> {
    const P256: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63,
        0x25, 0x51,
    ];
    const P384: [u8; 48] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37,
        0x2d, 0xdf, 0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc,
        0xc5, 0x29, 0x73,
    ];
    const P521: [u8; 66] = [
        0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b, 0x7f, 0xcc, 0x01,
        0x48, 0xf7, 0x09, 0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89, 0x9c, 0x47, 0xae, 0xbb, 0x6f,
        0xb7, 0x1e, 0x91, 0x38, 0x64, 0x09,
    ];
    match alg {
        Alg::ES256 => Some(&P256),
        Alg::ES384 => Some(&P384),
        Alg::ES512 => Some(&P521),
        _ => None,
    }
}

/// Where one ECDSA signature component stands against the range 1..n.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Component {
    InRange,
    Zero,
    Negative,
    EqualToOrder,
    AboveOrder,
}

impl Component {
    /// Classifies a big-endian magnitude (leading zeros allowed) against `order`.
    fn of(value: &[u8], order: &[u8]) -> Component {
        let value = strip_leading_zeros(value);
        if value.is_empty() {
            return Component::Zero;
        }
        let order = strip_leading_zeros(order);
        match value.len().cmp(&order.len()).then_with(|| value.cmp(order)) {
            std::cmp::Ordering::Less => Component::InRange,
            std::cmp::Ordering::Equal => Component::EqualToOrder,
            std::cmp::Ordering::Greater => Component::AboveOrder,
        }
    }

    fn describe(self) -> Option<&'static str> {
        match self {
            Component::InRange => None,
            Component::Zero => Some("equal to zero"),
            Component::Negative => Some("negative"),
            Component::EqualToOrder => Some("equal to the group order n"),
            Component::AboveOrder => Some("above the group order n"),
        }
    }
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// What is wrong with r and s, if either lies outside 1..n: in raw R||S form, or as a
/// DER `SEQUENCE { r, s }` (a DER signature is already reported for its length).
fn ecdsa_out_of_range(alg: Alg, sig: &[u8]) -> Option<String> {
    let order = group_order(alg)?;
    let (r, s) = if Some(sig.len()) == alg.fixed_signature_len() {
        let (r, s) = sig.split_at(sig.len() / 2);
        (Component::of(r, order), Component::of(s, order))
    } else {
        let (r, s) = der::ecdsa_parts(sig)?;
        let classify = |v: &[u8]| match v.first() {
            Some(b) if b & 0x80 != 0 => Component::Negative,
            _ => Component::of(v, order),
        };
        (classify(r), classify(s))
    };
    if r == Component::Zero && s == Component::Zero {
        return Some("r and s equal to zero".to_owned());
    }
    let parts: Vec<String> = [("r", r), ("s", s)]
        .into_iter()
        .filter_map(|(name, c)| c.describe().map(|d| format!("{name} {d}")))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" and "))
}
