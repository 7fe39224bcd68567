//! HMAC secrets, with their keyed states prepared once.

use std::sync::OnceLock;

use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

use crate::token::alg::Alg;
use crate::token::secret::Secret;

/// An HMAC secret with its keyed states (the hashed ipad and opad blocks) computed once
/// per algorithm and cloned for each token.
pub(super) struct HmacKeys {
    secret: Secret,
    hs256: OnceLock<Option<Hmac<Sha256>>>,
    hs384: OnceLock<Option<Hmac<Sha384>>>,
    hs512: OnceLock<Option<Hmac<Sha512>>>,
}

impl HmacKeys {
    pub(super) fn new(secret: Secret) -> HmacKeys {
        HmacKeys {
            secret,
            hs256: OnceLock::new(),
            hs384: OnceLock::new(),
            hs512: OnceLock::new(),
        }
    }

    pub(super) fn secret(&self) -> &Secret {
        &self.secret
    }

    /// A fresh copy of the keyed state. HMAC takes keys of any length (RFC 2104 §2),
    /// so the `None` of the crate's general `new_from_slice` never happens.
    fn keyed<M: Mac + hmac::digest::KeyInit + Clone>(
        &self,
        cell: &OnceLock<Option<M>>,
    ) -> Option<M> {
        cell.get_or_init(|| <M as Mac>::new_from_slice(self.secret.expose()).ok())
            .clone()
    }

    /// Whether `tag` is the MAC of `input` (compared in constant time); `None` when
    /// `alg` is not an HMAC algorithm.
    pub(super) fn verify(&self, alg: Alg, input: &[u8], tag: &[u8]) -> Option<bool> {
        fn check<M: Mac>(mac: Option<M>, input: &[u8], tag: &[u8]) -> bool {
            mac.is_some_and(|mut m| {
                m.update(input);
                m.verify_slice(tag).is_ok()
            })
        }
        Some(match alg {
            Alg::HS256 => check(self.keyed(&self.hs256), input, tag),
            Alg::HS384 => check(self.keyed(&self.hs384), input, tag),
            Alg::HS512 => check(self.keyed(&self.hs512), input, tag),
            _ => return None,
        })
    }

    pub(super) fn sign(&self, alg: Alg, input: &[u8]) -> Option<Vec<u8>> {
        fn tag<M: Mac>(mac: Option<M>, input: &[u8]) -> Option<Vec<u8>> {
            let mut m = mac?;
            m.update(input);
            Some(m.finalize().into_bytes().to_vec())
        }
        match alg {
            Alg::HS256 => tag(self.keyed(&self.hs256), input),
            Alg::HS384 => tag(self.keyed(&self.hs384), input),
            Alg::HS512 => tag(self.keyed(&self.hs512), input),
            _ => None,
        }
    }
}
