//! The one verifier: which algorithms a token may use comes from the user's key (and
//! `--alg`), never from the token; `none` never verifies; a token with anomalies never
//! verifies; a JWKS key is chosen by `kid`, `kty`, its `alg` pin and its `use`.

use std::fmt;

use super::alg::Alg;
use super::keys::strength::{self, Weakness};
use super::keys::{KeyError, KeyKind, KeySet, VerifyingKey};
use super::secret::Secret;
use serde_json::Value;

use super::parse::{AlgField, Anomaly, Form};

/// What the verifier reads from a token. A full parse ([`super::Token::signed`]) and the
/// fast path ([`super::strict::Strict::signed`]) both produce it, so both are judged by
/// the same code.
pub struct Signed<'a> {
    pub form: Form,
    pub anomalies: &'a [Anomaly],
    pub alg: &'a AlgField,
    pub kid: Option<&'a str>,
    /// The header's `crit` member, if any.
    pub crit: Option<&'a Value>,
    pub signing_input: &'a [u8],
    pub signature: &'a [u8],
}

/// Why a signature check did not succeed.
#[derive(Clone, Debug, PartialEq)]
pub enum SigFailure {
    /// The token is a JWE; jwtx verifies signatures only.
    Encrypted,
    /// The parser had to forgive something; a verifier must not.
    Anomalies(Vec<Anomaly>),
    /// `alg: none` (in any letter case).
    Unsecured,
    /// The header lists critical extensions (RFC 7515 §4.1.11); jwtx supports none.
    Critical(String),
    /// The header's `alg` is outside what the key (and `--alg`) allow. `allowed` lists
    /// only what the relevant keys accept: those the token's `kid` selected, when it
    /// selected any (then `kid` is set and `selected` holds their kinds), else all.
    AlgNotAllowed {
        alg: String,
        allowed: Vec<Alg>,
        kid: Option<String>,
        selected: Vec<KeyKind>,
    },
    NoKeyForKid(String),
    AmbiguousKid(String, usize),
    /// The chosen key could not be used after all.
    Key(String),
    /// The chosen key is weak for the token's algorithm, and weak keys were not accepted.
    WeakKey(Weakness),
    BadSignature,
}

impl SigFailure {
    pub fn id(&self) -> &'static str {
        match self {
            SigFailure::Encrypted => "encrypted",
            SigFailure::Anomalies(_) => "malformed",
            SigFailure::Unsecured => "unsecured",
            SigFailure::Critical(_) => "unsupported-crit",
            SigFailure::AlgNotAllowed { .. } => "alg-not-allowed",
            SigFailure::NoKeyForKid(_) => "no-key-for-kid",
            SigFailure::AmbiguousKid(..) => "ambiguous-kid",
            SigFailure::Key(_) => "key-unusable",
            SigFailure::WeakKey(_) => "weak-key",
            SigFailure::BadSignature => "bad-signature",
        }
    }
}

impl fmt::Display for SigFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SigFailure::Encrypted => {
                f.write_str("token is a JWE (encrypted); jwtx verifies signed tokens (JWS) only")
            }
            SigFailure::Anomalies(list) => {
                f.write_str("token is not strictly well-formed: ")?;
                for (i, a) in list.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{a}")?;
                }
                Ok(())
            }
            SigFailure::Unsecured => {
                f.write_str("token is unsecured (alg \"none\"); it can never verify")
            }
            SigFailure::Critical(names) => write!(
                f,
                "header marks extensions as critical (crit: {names}) and jwtx supports none of them"
            ),
            SigFailure::AlgNotAllowed {
                alg,
                allowed,
                kid,
                selected,
            } => {
                match kid {
                    Some(kid) => {
                        write!(
                            f,
                            "algorithm {alg:?} is not allowed for the key with kid {kid:?}"
                        )?;
                        f.write_str(" (")?;
                        for (i, kind) in selected.iter().enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "{kind}")?;
                        }
                        f.write_str(if selected.len() > 1 {
                            "; they allow: "
                        } else {
                            "; it allows: "
                        })?;
                    }
                    None => write!(
                        f,
                        "algorithm {alg:?} is not allowed for this key (allowed: "
                    )?,
                }
                if allowed.is_empty() {
                    f.write_str("none")?;
                }
                for (i, a) in allowed.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(a.name())?;
                }
                f.write_str(")")
            }
            SigFailure::NoKeyForKid(kid) => write!(f, "{}", KeyError::NoKeyForKid(kid.clone())),
            SigFailure::AmbiguousKid(kid, n) => {
                write!(f, "{}", KeyError::AmbiguousKid(kid.clone(), *n))
            }
            SigFailure::Key(message) => f.write_str(message),
            SigFailure::WeakKey(weakness) => write!(f, "{weakness}"),
            SigFailure::BadSignature => f.write_str("signature does not match"),
        }
    }
}

/// Verifies signatures with the user's keys, restricted to the algorithms they allow.
#[derive(Debug)]
pub struct Verifier {
    keys: KeySet,
    forced: Vec<Alg>,
    allow_weak: bool,
    warnings: Vec<Weakness>,
}

impl Verifier {
    /// `forced` narrows the algorithms (`--alg`); each forced algorithm must be one some
    /// key can serve, or the key is the problem (exit 6) before any token is read.
    ///
    /// An RSA key with the ROCA fingerprint is refused whatever else holds. A key set
    /// that mixes HMAC secrets with public keys is refused: that is the shape
    /// algorithm-confusion attacks need. Weak keys (short HMAC secrets, RSA under 2048
    /// bits) are refused unless `allow_weak`; when every key is weak for every
    /// algorithm it could serve, that is an error before any token is read, otherwise a
    /// token that would need a weak key fails alone. Accepted weak keys are listed in
    /// [`Verifier::warnings`].
    pub fn new(keys: KeySet, forced: Vec<Alg>, allow_weak: bool) -> Result<Verifier, KeyError> {
        if let Some(key) = keys.keys().iter().find(|k| k.is_roca()) {
            return Err(KeyError::Roca(key.describe()));
        }
        for &alg in &forced {
            if alg == Alg::None {
                return Err(KeyError::AlgMismatch {
                    alg,
                    key: "any".into(),
                });
            }
            if !keys.keys().iter().any(|k| k.accepts(alg)) {
                return Err(KeyError::AlgMismatch {
                    alg,
                    key: keys.keys()[0].kind().to_string(),
                });
            }
        }
        let symmetric = keys
            .keys()
            .iter()
            .filter(|k| matches!(k.kind(), KeyKind::Hmac(_)))
            .count();
        if symmetric > 0 && symmetric < keys.keys().len() {
            return Err(KeyError::MixedSet);
        }
        let mut verifier = Verifier {
            keys,
            forced,
            allow_weak,
            warnings: Vec::new(),
        };
        // For each key, its weakness for the least demanding algorithm it is weak for,
        // and whether it has any algorithm left that it is strong enough for.
        let mut any_strong = false;
        let mut first_weak = None;
        for key in verifier.keys.keys() {
            let algs: Vec<Alg> = key
                .kind()
                .allowed_algs()
                .iter()
                .copied()
                .filter(|&a| verifier.allowed(a) && key.accepts(a))
                .collect();
            let weak: Vec<Weakness> = algs
                .iter()
                .filter_map(|&a| strength::weakness(key.kind(), a))
                .collect();
            any_strong |= weak.len() < algs.len();
            if let Some(&w) = weak.first() {
                first_weak.get_or_insert(w);
                if allow_weak && !verifier.warnings.contains(&w) {
                    verifier.warnings.push(w);
                }
            }
        }
        if !allow_weak
            && !any_strong
            && let Some(w) = first_weak
        {
            return Err(KeyError::Weak(w));
        }
        Ok(verifier)
    }

    /// The weak keys this verifier accepted (empty unless weak keys were allowed).
    pub fn warnings(&self) -> &[Weakness] {
        &self.warnings
    }

    /// How weak the key at `index` is for `alg`, if it is.
    pub fn weakness(&self, index: usize, alg: Alg) -> Option<Weakness> {
        let key = self.keys.keys().get(index)?;
        strength::weakness(key.kind(), alg)
    }

    pub fn keys(&self) -> &KeySet {
        &self.keys
    }

    fn allowed(&self, alg: Alg) -> bool {
        alg != Alg::None && (self.forced.is_empty() || self.forced.contains(&alg))
    }

    /// Every algorithm some key would accept, after `--alg`.
    pub fn allowed_algs(&self) -> Vec<Alg> {
        Alg::SIGNED
            .into_iter()
            .filter(|&a| self.allowed(a) && self.keys.keys().iter().any(|k| k.accepts(a)))
            .collect()
    }

    /// Checks the token's signature; returns the position of the key that verified it.
    pub fn verify(&self, token: &Signed<'_>) -> Result<usize, SigFailure> {
        if token.form == Form::Jwe {
            return Err(SigFailure::Encrypted);
        }
        if !token.anomalies.is_empty() {
            return Err(SigFailure::Anomalies(token.anomalies.to_vec()));
        }
        let alg = match token.alg {
            AlgField::Known(Alg::None) => return Err(SigFailure::Unsecured),
            AlgField::Known(alg) => *alg,
            AlgField::Unknown(s) if s.eq_ignore_ascii_case("none") => {
                return Err(SigFailure::Unsecured);
            }
            AlgField::Unknown(s) => return Err(self.not_allowed(s)),
            // The parser reports these as anomalies, refused above.
            AlgField::Missing | AlgField::NotString(_) => {
                return Err(SigFailure::Anomalies(token.anomalies.to_vec()));
            }
        };
        if let Some(crit) = token.crit {
            return Err(SigFailure::Critical(crit.to_string()));
        }
        if !self.allowed(alg) {
            return Err(self.not_allowed(alg.name()));
        }
        let kid = token.kid.filter(|_| self.keys.is_set());
        let mut by_kid = 0;
        let mut candidates = Vec::with_capacity(1);
        for (index, key) in self.keys.keys().iter().enumerate() {
            if let Some(kid) = kid
                && key.kid() != Some(kid)
            {
                continue;
            }
            by_kid += 1;
            if key.accepts(alg) {
                candidates.push((index, key));
            }
        }
        if let Some(kid) = kid {
            if by_kid == 0 {
                return Err(SigFailure::NoKeyForKid(kid.to_owned()));
            }
            if candidates.len() > 1 {
                return Err(SigFailure::AmbiguousKid(kid.to_owned(), candidates.len()));
            }
            if candidates.is_empty() {
                return Err(self.not_allowed_for_kid(alg.name(), kid));
            }
        }
        if candidates.is_empty() {
            return Err(self.not_allowed(alg.name()));
        }
        let mut unusable = None;
        let mut weak = None;
        let mut tried = false;
        for (index, key) in candidates {
            if !self.allow_weak
                && let Some(w) = strength::weakness(key.kind(), alg)
            {
                weak = Some(w);
                continue;
            }
            match key.verify(alg, token.signing_input, token.signature) {
                Ok(true) => return Ok(index),
                Ok(false) => tried = true,
                // A key that turns out unusable is a key problem, never a "bad signature".
                Err(e) => unusable = Some(e.to_string()),
            }
        }
        // A weak key that was skipped explains the failure only when no strong key
        // was tried: a forgery checked against the strong keys is a bad signature,
        // and weakening the check would not change that.
        if let Some(w) = weak.filter(|_| !tried && unusable.is_none()) {
            return Err(SigFailure::WeakKey(w));
        }
        Err(unusable.map_or(SigFailure::BadSignature, SigFailure::Key))
    }

    fn not_allowed(&self, alg: &str) -> SigFailure {
        SigFailure::AlgNotAllowed {
            alg: alg.to_owned(),
            allowed: self.allowed_algs(),
            kid: None,
            selected: Vec::new(),
        }
    }

    /// The token's `kid` selected keys, none of which accepts `alg`: name those keys
    /// and only the algorithms they accept.
    fn not_allowed_for_kid(&self, alg: &str, kid: &str) -> SigFailure {
        let chosen: Vec<&VerifyingKey> = self
            .keys
            .keys()
            .iter()
            .filter(|k| k.kid() == Some(kid))
            .collect();
        let allowed = Alg::SIGNED
            .into_iter()
            .filter(|&a| self.allowed(a) && chosen.iter().any(|k| k.accepts(a)))
            .collect();
        let mut selected: Vec<KeyKind> = Vec::new();
        for key in chosen {
            if !selected.contains(&key.kind()) {
                selected.push(key.kind());
            }
        }
        SigFailure::AlgNotAllowed {
            alg: alg.to_owned(),
            allowed,
            kid: Some(kid.to_owned()),
            selected,
        }
    }

    /// Looks further into a failed check, for what a developer needs to fix it. Runs
    /// only after [`Verifier::verify`] failed, and at a bounded cost: at most
    /// [`MAX_TRIED_KEYS`] extra signature checks over the other keys, one for a DER
    /// signature, and one per entry of `secrets` (other readings of the HMAC secret the
    /// caller offers, judged in order; the first that verifies is named by position).
    pub fn diagnose<R>(
        &self,
        token: &Signed<'_>,
        failure: &SigFailure,
        secrets: &[(R, Secret)],
    ) -> Vec<Hint> {
        let mut hints = Vec::new();
        let alg = match token.alg {
            AlgField::Known(alg) if *alg != Alg::None => *alg,
            _ => return hints,
        };
        let kid = token.kid.filter(|_| self.keys.is_set());
        if let SigFailure::NoKeyForKid(_) = failure {
            let mut kids: Vec<String> = Vec::new();
            let mut more = 0;
            for k in self.keys.keys().iter().filter_map(VerifyingKey::kid) {
                if kids.iter().any(|seen| seen == k) {
                    continue;
                }
                if kids.len() < MAX_LISTED_KIDS {
                    kids.push(k.to_owned());
                } else {
                    more += 1;
                }
            }
            hints.push(Hint::KnownKids { kids, more });
        }
        let wrong_key = matches!(
            failure,
            SigFailure::NoKeyForKid(_)
                | SigFailure::BadSignature
                | SigFailure::AlgNotAllowed { .. }
        );
        if wrong_key && kid.is_some() && self.allowed(alg) {
            let other = self
                .keys
                .keys()
                .iter()
                .enumerate()
                .filter(|(_, k)| k.kid() != kid && k.accepts(alg))
                .filter(|(_, k)| self.allow_weak || strength::weakness(k.kind(), alg).is_none())
                .take(MAX_TRIED_KEYS)
                .find(|(_, k)| {
                    k.verify(alg, token.signing_input, token.signature)
                        .unwrap_or(false)
                });
            if let Some((index, _)) = other {
                hints.push(Hint::OtherKeyVerifies { index });
            }
        }
        if *failure == SigFailure::BadSignature
            && let Some(fixed) = der_to_fixed(alg, token.signature)
        {
            let verifies = self
                .candidates(alg, kid)
                .any(|k| k.verify(alg, token.signing_input, &fixed).unwrap_or(false));
            hints.push(Hint::DerSignature { verifies });
        }
        if *failure == SigFailure::BadSignature && alg.family() == super::alg::Family::Hmac {
            let index = secrets.iter().position(|(_, s)| {
                !s.is_empty()
                    && VerifyingKey::hmac_matches(
                        s.expose(),
                        alg,
                        token.signing_input,
                        token.signature,
                    )
            });
            if let Some(index) = index {
                hints.push(Hint::SecretReading(index));
            }
        }
        hints
    }

    /// The keys `verify` would try for `alg` and the token's `kid`.
    fn candidates<'s>(
        &'s self,
        alg: Alg,
        kid: Option<&'s str>,
    ) -> impl Iterator<Item = &'s VerifyingKey> + 's {
        self.keys
            .keys()
            .iter()
            .filter(move |k| kid.is_none_or(|kid| k.kid() == Some(kid)) && k.accepts(alg))
            .take(MAX_TRIED_KEYS)
    }
}

/// How many of a set's kids a diagnosis lists.
pub const MAX_LISTED_KIDS: usize = 10;
/// How many keys a diagnosis tries at most.
pub const MAX_TRIED_KEYS: usize = 16;

/// A fact found by [`Verifier::diagnose`] about why a token did not verify.
#[derive(Clone, Debug, PartialEq)]
pub enum Hint {
    /// The token's `kid` is not in the set; these are (the first few distinct ones, and
    /// how many more there are).
    KnownKids { kids: Vec<String>, more: usize },
    /// The key at this position (not the one the token's `kid` names) verifies it.
    OtherKeyVerifies { index: usize },
    /// The ECDSA signature is a DER `SEQUENCE { r, s }`, not JOSE's fixed r||s;
    /// `verifies` says whether it checks out once converted.
    DerSignature { verifies: bool },
    /// The caller's other reading of the secret at this position verifies the token.
    SecretReading(usize),
}

impl Hint {
    /// A stable identifier for machine-readable output.
    pub fn id(&self) -> &'static str {
        match self {
            Hint::KnownKids { .. } => "known-kids",
            Hint::OtherKeyVerifies { .. } => "other-key-verifies",
            Hint::DerSignature { .. } => "der-signature",
            Hint::SecretReading(_) => "secret-reading",
        }
    }
}

/// A DER-encoded ECDSA signature for `alg` converted to JOSE's fixed r||s, when the
/// signature is a well-formed DER `SEQUENCE` of two positive INTEGERs that fit the
/// curve.
pub fn der_to_fixed(alg: Alg, sig: &[u8]) -> Option<Vec<u8>> {
    if alg.family() != super::alg::Family::Ec {
        return None;
    }
    let half = alg.fixed_signature_len()? / 2;
    let (r, s) = super::der::ecdsa_parts(sig)?;
    let mut out = vec![0u8; half * 2];
    for (slot, value) in [r, s].into_iter().enumerate() {
        // Positive and minimally encoded: a leading zero only before a high bit.
        let magnitude = match value {
            [] => return None,
            [first, ..] if first & 0x80 != 0 => return None,
            [0, next, ..] if next & 0x80 == 0 => return None,
            [0, rest @ ..] => rest,
            v => v,
        };
        if magnitude.is_empty() || magnitude.len() > half {
            return None;
        }
        let end = (slot + 1) * half;
        out[end - magnitude.len()..end].copy_from_slice(magnitude);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_of_two_small_integers_becomes_fixed() {
        // SEQUENCE { INTEGER 0x01, INTEGER 0x00 0x80 }
        let der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80];
        let fixed = der_to_fixed(Alg::ES256, &der).expect("well-formed");
        assert_eq!(fixed.len(), 64);
        assert_eq!(fixed[31], 1);
        assert_eq!(fixed[63], 0x80);
        assert!(fixed[..31].iter().all(|&b| b == 0));
    }

    #[test]
    fn not_der_is_not_converted() {
        assert_eq!(der_to_fixed(Alg::ES256, &[0u8; 64]), None);
        // Trailing bytes, negative integer, needless leading zero, wrong family.
        assert_eq!(
            der_to_fixed(
                Alg::ES256,
                &[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]
            ),
            None
        );
        assert_eq!(
            der_to_fixed(
                Alg::ES256,
                &[0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01]
            ),
            None
        );
        assert_eq!(
            der_to_fixed(
                Alg::ES256,
                &[0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]
            ),
            None
        );
        assert_eq!(
            der_to_fixed(
                Alg::RS256,
                &[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]
            ),
            None
        );
    }

    #[test]
    fn integer_too_long_for_the_curve_is_not_converted() {
        let mut der = vec![0x30, 0x26, 0x02, 0x21];
        der.extend([0x7f; 33]);
        der.extend([0x02, 0x01, 0x01]);
        assert_eq!(der_to_fixed(Alg::ES256, &der), None);
        assert!(der_to_fixed(Alg::ES384, &der).is_some());
    }
}
