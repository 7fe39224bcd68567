//! AES Key Wrap (RFC 3394), for A128KW, A192KW and A256KW and the key-wrapping steps of
//! ECDH-ES+AxxxKW and PBES2. aws-lc-rs wraps with 128- and 256-bit keys; the 192-bit
//! case is the RFC 3394 algorithm over single AES-192 block operations.

use aws_lc_rs::cipher::{
    AES_192, DecryptingKey, DecryptionContext, EncryptingKey, UnboundCipherKey,
};
use aws_lc_rs::constant_time;
use aws_lc_rs::key_wrap::{AES_128, AES_256, AesKek, KeyWrap};
use zeroize::Zeroizing;

/// The RFC 3394 §2.2.3.1 default initial value.
const IV: [u8; 8] = [0xa6; 8];

/// Key wrap failed: a wrong key, a changed wrapped key, or bad lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WrapError;

pub(super) fn wrap(kek: &[u8], key: &[u8]) -> Result<Vec<u8>, WrapError> {
    if key.len() < 16 || !key.len().is_multiple_of(8) {
        return Err(WrapError);
    }
    let mut out = vec![0; key.len() + 8];
    match kek.len() {
        16 | 32 => {
            let cipher = if kek.len() == 16 { &AES_128 } else { &AES_256 };
            let kek = AesKek::new(cipher, kek).map_err(|_| WrapError)?;
            let n = kek.wrap(key, &mut out).map_err(|_| WrapError)?.len();
            out.truncate(n);
            Ok(out)
        }
        24 => rfc3394_wrap(kek, key),
        _ => Err(WrapError),
    }
}

pub(super) fn unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, WrapError> {
    if wrapped.len() < 24 || !wrapped.len().is_multiple_of(8) {
        return Err(WrapError);
    }
    match kek.len() {
        16 | 32 => {
            let cipher = if kek.len() == 16 { &AES_128 } else { &AES_256 };
            let kek = AesKek::new(cipher, kek).map_err(|_| WrapError)?;
            let mut out = Zeroizing::new(vec![0; wrapped.len() - 8]);
            let n = kek.unwrap(wrapped, &mut out).map_err(|_| WrapError)?.len();
            out.truncate(n);
            Ok(out)
        }
        24 => rfc3394_unwrap(kek, wrapped),
        _ => Err(WrapError),
    }
}

/// RFC 3394 §2.2.1, the index-based form, over AES-192 in single-block (ECB) steps.
fn rfc3394_wrap(kek: &[u8], key: &[u8]) -> Result<Vec<u8>, WrapError> {
    let aes = EncryptingKey::ecb(UnboundCipherKey::new(&AES_192, kek).map_err(|_| WrapError)?)
        .map_err(|_| WrapError)?;
    let n = key.len() / 8;
    let mut a = IV;
    let mut r = Zeroizing::new(key.to_vec());
    let mut block = Zeroizing::new([0u8; 16]);
    for j in 0..6u64 {
        for i in 0..n {
            block[..8].copy_from_slice(&a);
            block[8..].copy_from_slice(&r[i * 8..i * 8 + 8]);
            aes.encrypt(&mut block[..]).map_err(|_| WrapError)?;
            let t = (n as u64) * j + (i as u64 + 1);
            a.copy_from_slice(&block[..8]);
            for (b, x) in a.iter_mut().zip(t.to_be_bytes()) {
                *b ^= x;
            }
            r[i * 8..i * 8 + 8].copy_from_slice(&block[8..]);
        }
    }
    let mut out = a.to_vec();
    out.extend_from_slice(&r);
    Ok(out)
}

/// RFC 3394 §2.2.2, with the integrity check of §2.2.3 in constant time.
fn rfc3394_unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, WrapError> {
    let aes = DecryptingKey::ecb(UnboundCipherKey::new(&AES_192, kek).map_err(|_| WrapError)?)
        .map_err(|_| WrapError)?;
    let n = wrapped.len() / 8 - 1;
    let mut a = [0u8; 8];
    a.copy_from_slice(&wrapped[..8]);
    let mut r = Zeroizing::new(wrapped[8..].to_vec());
    let mut block = Zeroizing::new([0u8; 16]);
    for j in (0..6u64).rev() {
        for i in (0..n).rev() {
            let t = (n as u64) * j + (i as u64 + 1);
            for (b, x) in a.iter_mut().zip(t.to_be_bytes()) {
                *b ^= x;
            }
            block[..8].copy_from_slice(&a);
            block[8..].copy_from_slice(&r[i * 8..i * 8 + 8]);
            aes.decrypt(&mut block[..], DecryptionContext::None)
                .map_err(|_| WrapError)?;
            a.copy_from_slice(&block[..8]);
            r[i * 8..i * 8 + 8].copy_from_slice(&block[8..]);
        }
    }
    constant_time::verify_slices_are_equal(&a, &IV).map_err(|_| WrapError)?;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// RFC 3394 §4.2 and §4.3: 192-bit KEK wrapping 128 and 192 bits of key data.
    #[test]
    fn rfc3394_vectors_with_a_192_bit_kek() {
        let kek = hex("000102030405060708090A0B0C0D0E0F1011121314151617");
        let data = hex("00112233445566778899AABBCCDDEEFF");
        let wrapped = hex("96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D");
        assert_eq!(wrap(&kek, &data).unwrap(), wrapped);
        assert_eq!(unwrap(&kek, &wrapped).unwrap().as_slice(), data.as_slice());
        let data = hex("00112233445566778899AABBCCDDEEFF0001020304050607");
        let wrapped = hex("031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2");
        assert_eq!(wrap(&kek, &data).unwrap(), wrapped);
        let mut bad = wrapped.clone();
        bad[20] ^= 1;
        assert_eq!(unwrap(&kek, &bad), Err(WrapError));
    }

    /// The hand-written RFC 3394 steps agree with aws-lc's key wrap where both exist.
    #[test]
    fn the_block_steps_match_aws_lc_for_128_and_256_bit_keks() {
        for kek_len in [16, 32] {
            let kek: Vec<u8> = (0..kek_len as u8).collect();
            let data: Vec<u8> = (100..132).collect();
            let ours = {
                // The same steps, with an ECB key of the KEK's size.
                let alg = if kek_len == 16 {
                    &aws_lc_rs::cipher::AES_128
                } else {
                    &aws_lc_rs::cipher::AES_256
                };
                let aes = EncryptingKey::ecb(UnboundCipherKey::new(alg, &kek).unwrap()).unwrap();
                let n = data.len() / 8;
                let mut a = IV;
                let mut r = data.clone();
                for j in 0..6u64 {
                    for i in 0..n {
                        let mut block = [0u8; 16];
                        block[..8].copy_from_slice(&a);
                        block[8..].copy_from_slice(&r[i * 8..i * 8 + 8]);
                        aes.encrypt(&mut block).unwrap();
                        let t = (n as u64) * j + (i as u64 + 1);
                        a.copy_from_slice(&block[..8]);
                        for (b, x) in a.iter_mut().zip(t.to_be_bytes()) {
                            *b ^= x;
                        }
                        r[i * 8..i * 8 + 8].copy_from_slice(&block[8..]);
                    }
                }
                let mut out = a.to_vec();
                out.extend_from_slice(&r);
                out
            };
            assert_eq!(wrap(&kek, &data).unwrap(), ours);
        }
    }

    #[test]
    fn bad_lengths_are_refused() {
        assert_eq!(wrap(&[0; 20], &[0; 16]), Err(WrapError));
        assert_eq!(unwrap(&[0; 16], &[0; 16]), Err(WrapError));
        assert_eq!(unwrap(&[0; 16], &[0; 25]), Err(WrapError));
    }
}
