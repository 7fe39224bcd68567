//! Content encryption (RFC 7518 §5): AES-GCM, and the AES-CBC + HMAC-SHA2 composition of
//! §5.2, whose tag is checked, in constant time, before any padding is looked at.

use aws_lc_rs::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::cipher::{
    self, DecryptionContext, EncryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey,
    UnboundCipherKey,
};
use aws_lc_rs::{constant_time, hmac};
use zeroize::Zeroizing;

use super::alg::Enc;

/// The content did not decrypt: wrong key, or a changed token. Deliberately without detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Undecryptable;

fn gcm_alg(enc: Enc) -> &'static aead::Algorithm {
    match enc {
        Enc::A128Gcm => &aead::AES_128_GCM,
        Enc::A192Gcm => &aead::AES_192_GCM,
        _ => &aead::AES_256_GCM,
    }
}

fn cbc_parts(enc: Enc) -> (&'static cipher::Algorithm, hmac::Algorithm) {
    match enc {
        Enc::A128CbcHs256 => (&cipher::AES_128, hmac::HMAC_SHA256),
        Enc::A192CbcHs384 => (&cipher::AES_192, hmac::HMAC_SHA384),
        _ => (&cipher::AES_256, hmac::HMAC_SHA512),
    }
}

/// The full CBC-HMAC authentication tag (before truncation), RFC 7518 §5.2.2.1 step 5.
fn cbc_mac(enc: Enc, mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> hmac::Tag {
    let (_, mac) = cbc_parts(enc);
    let key = hmac::Key::new(mac, mac_key);
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(aad);
    ctx.update(iv);
    ctx.update(ciphertext);
    ctx.update(&((aad.len() as u64) * 8).to_be_bytes());
    ctx.sign()
}

/// Decrypts and authenticates. The caller has checked the CEK, IV and tag lengths.
pub(super) fn decrypt(
    enc: Enc,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Undecryptable> {
    if cek.len() != enc.cek_len() || iv.len() != enc.iv_len() || tag.len() != enc.tag_len() {
        return Err(Undecryptable);
    }
    if enc.is_gcm() {
        let key = UnboundKey::new(gcm_alg(enc), cek).map_err(|_| Undecryptable)?;
        let key = LessSafeKey::new(key);
        let nonce = Nonce::try_assume_unique_for_key(iv).map_err(|_| Undecryptable)?;
        let mut buf = Zeroizing::new(Vec::with_capacity(ciphertext.len() + tag.len()));
        buf.extend_from_slice(ciphertext);
        buf.extend_from_slice(tag);
        let n = key
            .open_in_place(nonce, Aad::from(aad), &mut buf)
            .map_err(|_| Undecryptable)?
            .len();
        buf.truncate(n);
        return Ok(buf);
    }
    let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
    let expected = cbc_mac(enc, mac_key, aad, iv, ciphertext);
    constant_time::verify_slices_are_equal(&expected.as_ref()[..enc.tag_len()], tag)
        .map_err(|_| Undecryptable)?;
    let (aes, _) = cbc_parts(enc);
    let key = UnboundCipherKey::new(aes, enc_key).map_err(|_| Undecryptable)?;
    let key = PaddedBlockDecryptingKey::cbc_pkcs7(key).map_err(|_| Undecryptable)?;
    let iv: [u8; 16] = iv.try_into().map_err(|_| Undecryptable)?;
    let mut buf = Zeroizing::new(ciphertext.to_vec());
    let n = key
        .decrypt(&mut buf, DecryptionContext::Iv128(iv.into()))
        .map_err(|_| Undecryptable)?
        .len();
    buf.truncate(n);
    Ok(buf)
}

/// What content encryption produced.
pub(super) struct Sealed {
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

/// Encrypts under a fresh random IV.
pub(super) fn encrypt(
    enc: Enc,
    cek: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed, Undecryptable> {
    let mut iv = vec![0; enc.iv_len()];
    aws_lc_rs::rand::fill(&mut iv).map_err(|_| Undecryptable)?;
    encrypt_with_iv(enc, cek, &iv, aad, plaintext)
}

/// Encrypts under the IV given (tests reproduce published vectors with it).
pub(super) fn encrypt_with_iv(
    enc: Enc,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed, Undecryptable> {
    if cek.len() != enc.cek_len() || iv.len() != enc.iv_len() {
        return Err(Undecryptable);
    }
    let mut buf = plaintext.to_vec();
    if enc.is_gcm() {
        let key = LessSafeKey::new(UnboundKey::new(gcm_alg(enc), cek).map_err(|_| Undecryptable)?);
        let nonce = Nonce::try_assume_unique_for_key(iv).map_err(|_| Undecryptable)?;
        let tag = key
            .seal_in_place_separate_tag(nonce, Aad::from(aad), &mut buf)
            .map_err(|_| Undecryptable)?;
        return Ok(Sealed {
            iv: iv.to_vec(),
            ciphertext: buf,
            tag: tag.as_ref().to_vec(),
        });
    }
    let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
    let (aes, _) = cbc_parts(enc);
    let key = UnboundCipherKey::new(aes, enc_key).map_err(|_| Undecryptable)?;
    let key = PaddedBlockEncryptingKey::cbc_pkcs7(key).map_err(|_| Undecryptable)?;
    let iv_block: [u8; 16] = iv.try_into().map_err(|_| Undecryptable)?;
    key.less_safe_encrypt(&mut buf, EncryptionContext::Iv128(iv_block.into()))
        .map_err(|_| Undecryptable)?;
    let tag = cbc_mac(enc, mac_key, aad, iv, &buf).as_ref()[..enc.tag_len()].to_vec();
    Ok(Sealed {
        iv: iv.to_vec(),
        ciphertext: buf,
        tag,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        s.split_whitespace()
            .flat_map(|w| {
                (0..w.len())
                    .step_by(2)
                    .map(move |i| u8::from_str_radix(&w[i..i + 2], 16).unwrap())
            })
            .collect()
    }

    /// RFC 7518 Appendix B.1: AES_128_CBC_HMAC_SHA_256.
    #[test]
    fn rfc7518_b1_cbc_hmac() {
        let k = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        let p = hex(
            "41206369706865722073797374656d206d757374206e6f742062652072657175
             6972656420746f206265207365637265742c20616e64206974206d7573742062
             652061626c6520746f2066616c6c20696e746f207468652068616e6473206f66
             2074686520656e656d7920776974686f757420696e636f6e76656e69656e6365",
        );
        let iv = hex("1af38c2dc2b96ffdd86694092341bc04");
        let a = hex(
            "546865207365636f6e64207072696e6369706c65206f66204175677573746520
             4b6572636b686f666673",
        );
        let sealed = encrypt_with_iv(Enc::A128CbcHs256, &k, &iv, &a, &p).unwrap();
        assert_eq!(
            sealed.ciphertext,
            hex(
                "c80edfa32ddf39d5ef00c0b468834279a2e46a1b8049f792f76bfe54b903a9c9
                 a94ac9b47ad2655c5f10f9aef71427e2fc6f9b3f399a221489f16362c7032336
                 09d45ac69864e3321cf82935ac4096c86e133314c54019e8ca7980dfa4b9cf1b
                 384c486f3a54c51078158ee5d79de59fbd34d848b3d69550a67646344427ade5
                 4b8851ffb598f7f80074b9473c82e2db"
            )
        );
        assert_eq!(sealed.tag, hex("652c3fa36b0a7c5b3219fab3a30bc1c4"));
        let opened = decrypt(
            Enc::A128CbcHs256,
            &k,
            &iv,
            &a,
            &sealed.ciphertext,
            &sealed.tag,
        )
        .unwrap();
        assert_eq!(opened.as_slice(), p.as_slice());
        let mut bad = sealed.tag.clone();
        bad[0] ^= 1;
        assert_eq!(
            decrypt(Enc::A128CbcHs256, &k, &iv, &a, &sealed.ciphertext, &bad),
            Err(Undecryptable)
        );
    }

    #[test]
    fn every_enc_round_trips_and_refuses_a_changed_aad() {
        for enc in Enc::ALL {
            let cek = vec![7; enc.cek_len()];
            let sealed = encrypt(enc, &cek, b"aad", b"hello").unwrap();
            assert_eq!(sealed.tag.len(), enc.tag_len());
            let opened = decrypt(
                enc,
                &cek,
                &sealed.iv,
                b"aad",
                &sealed.ciphertext,
                &sealed.tag,
            );
            assert_eq!(opened.unwrap().as_slice(), b"hello");
            let wrong = decrypt(
                enc,
                &cek,
                &sealed.iv,
                b"aaD",
                &sealed.ciphertext,
                &sealed.tag,
            );
            assert_eq!(wrong, Err(Undecryptable), "{enc}");
        }
    }
}
