//! Secrets the server keeps in its database (the SMTP password), sealed with AES-256-GCM
//! under a key derived (HKDF-SHA256) from the server's own secret, so a copy of the
//! database alone does not give them away. Every server of one installation shares that
//! secret (`CRM_JWT_SECRET` or the data dir's `jwt_secret`), so each can open what another
//! sealed; a new secret leaves old seals unreadable, and the settings say a password must
//! be entered again.

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::hkdf::{Salt, HKDF_SHA256};
use ring::rand::{SecureRandom, SystemRandom};

#[derive(Clone)]
pub struct SecretBox {
    key: [u8; 32],
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(..)")
    }
}

/// The HKDF output length: an AES-256 key.
struct KeyLen;

impl ring::hkdf::KeyType for KeyLen {
    fn len(&self) -> usize {
        32
    }
}

impl SecretBox {
    /// The box for settings under `master` (the server's secret).
    pub fn derive(master: &[u8]) -> Self {
        let mut key = [0u8; 32];
        let prk = Salt::new(HKDF_SHA256, b"crm settings").extract(master);
        // Both fail only for an output longer than HKDF allows, which 32 bytes is not.
        if let Ok(okm) = prk.expand(&[b"secret-box v1"], KeyLen) {
            let _ = okm.fill(&mut key);
        }
        Self { key }
    }

    fn cipher(&self) -> Option<LessSafeKey> {
        UnboundKey::new(&AES_256_GCM, &self.key).ok().map(LessSafeKey::new)
    }

    /// `plain` sealed under a fresh nonce, as hex (nonce, then ciphertext and tag).
    pub fn seal(&self, plain: &str) -> Option<String> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new().fill(&mut nonce).ok()?;
        let mut data = plain.as_bytes().to_vec();
        self.cipher()?.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut data).ok()?;
        let mut out = nonce.to_vec();
        out.extend(data);
        Some(hex::encode(out))
    }

    /// What `seal` sealed, or `None` when it was sealed under another key or altered.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = hex::decode(sealed).ok()?;
        let (nonce, data) = bytes.split_at_checked(NONCE_LEN)?;
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut data = data.to_vec();
        let plain = self.cipher()?.open_in_place(nonce, Aad::empty(), &mut data).ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_open_under_the_same_secret_only() {
        let a = SecretBox::derive(b"one secret of the installation");
        let sealed = a.seal("smtp-密码").unwrap_or_default();
        assert_ne!(sealed, "smtp-密码");
        assert_ne!(a.seal("smtp-密码"), Some(sealed.clone()), "a fresh nonce each time");
        assert_eq!(a.open(&sealed).as_deref(), Some("smtp-密码"));
        assert_eq!(SecretBox::derive(b"another secret").open(&sealed), None);
        let mut altered = sealed.clone();
        altered.replace_range(30..32, if &sealed[30..32] == "00" { "11" } else { "00" });
        assert_eq!(a.open(&altered), None);
        assert_eq!(a.open("zz"), None);
    }
}
