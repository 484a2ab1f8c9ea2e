//! Short-lived signed download links, for `<img src>` and `<a href>`, which cannot send a
//! bearer header: the link names the file, when it expires and how it is to be shown, and
//! an HMAC over the three under a key of the server's secret. Whoever holds the link may
//! fetch that file until it expires (as with any pre-signed URL); the caller's right to
//! read the file is checked when the link is made.

use chrono::{DateTime, Utc};
use ring::hmac;
use uuid::Uuid;

/// How long a link works.
pub const TTL_SECS: i64 = 300;

#[derive(Clone)]
pub struct LinkKey(hmac::Key);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(..)")
    }
}

impl LinkKey {
    pub fn derive(secret: &[u8]) -> Self {
        let k = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, b"crm drive download links v1"), secret);
        Self(hmac::Key::new(hmac::HMAC_SHA256, k.as_ref()))
    }

    fn message(id: Uuid, expires: i64, inline: bool) -> String {
        format!("{id}.{expires}.{}", if inline { "inline" } else { "attachment" })
    }

    pub fn sign(&self, id: Uuid, expires: i64, inline: bool) -> String {
        hex::encode(hmac::sign(&self.0, Self::message(id, expires, inline).as_bytes()).as_ref())
    }

    /// A valid signature that has not expired by `now`.
    pub fn verify(&self, id: Uuid, expires: i64, inline: bool, signature: &str, now: DateTime<Utc>) -> bool {
        let Ok(sig) = hex::decode(signature) else { return false };
        expires >= now.timestamp() && hmac::verify(&self.0, Self::message(id, expires, inline).as_bytes(), &sig).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_bound_to_its_file_expiry_and_disposition() {
        let key = LinkKey::derive(b"secret");
        let id = Uuid::now_v7();
        let now = Utc::now();
        let exp = now.timestamp() + 60;
        let sig = key.sign(id, exp, true);
        assert!(key.verify(id, exp, true, &sig, now));
        assert!(!key.verify(id, exp, false, &sig, now));
        assert!(!key.verify(Uuid::now_v7(), exp, true, &sig, now));
        assert!(!key.verify(id, exp + 1, true, &sig, now));
        assert!(!key.verify(id, exp, true, &sig, now + chrono::Duration::seconds(61)));
        assert!(!key.verify(id, exp, true, "zz", now));
        assert!(!LinkKey::derive(b"other").verify(id, exp, true, &sig, now));
    }
}
