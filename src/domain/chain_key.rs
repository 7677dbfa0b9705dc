//! The key of the keyed chains. A chain value is an HMAC-SHA256 under a key kept outside the
//! database (a file only finctl can read in the group install), so that someone who can write
//! the database file but not read the key cannot recompute the chain after changing a
//! confirmed document or a history row.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The bytes of a key.
pub const KEY_BYTES: usize = 32;

/// The value a chain starts from.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Clone)]
pub struct ChainKey {
    bytes: [u8; KEY_BYTES],
    /// HMAC's state once the key is taken in: each value starts from a copy of it instead of
    /// hashing the key's pads again (two of the six or so blocks a history row's value hashes;
    /// confirming 1,000 drafts makes 150,000 values).
    keyed: Hmac<Sha256>,
}

impl PartialEq for ChainKey {
    fn eq(&self, other: &ChainKey) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for ChainKey {}

impl std::fmt::Debug for ChainKey {
    // A key never reaches a log or a message, only its fingerprint.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChainKey({})", self.fingerprint())
    }
}

impl ChainKey {
    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> ChainKey {
        // A key of any length is accepted by HMAC: this cannot fail.
        let keyed = <Hmac<Sha256> as Mac>::new_from_slice(&bytes).expect("HMAC takes any key");
        ChainKey { bytes, keyed }
    }

    /// Reads a key file's text: the key in 64 hexadecimal digits (a trailing newline allowed).
    pub fn parse(text: &str) -> Option<ChainKey> {
        let hex = text.trim_end_matches(['\n', '\r']);
        if hex.len() != KEY_BYTES * 2 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut out = [0u8; KEY_BYTES];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(ChainKey::from_bytes(out))
    }

    /// The key file's text.
    pub fn to_text(&self) -> String {
        format!("{}\n", hex::encode(self.bytes))
    }

    /// What the database records of its key: a hash that names the key without revealing it,
    /// so that a database opened with another key says so rather than reporting every
    /// document as changed.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"finctl chain key fingerprint\n");
        h.update(self.bytes);
        hex::encode(&h.finalize()[..8])
    }

    /// HMAC-SHA256 of `parts`, each preceded by its length so that no two lists of parts
    /// give the same input, in lower-case hex.
    pub fn mac(&self, parts: &[&[u8]]) -> String {
        let mut m = self.keyed.clone();
        for part in parts {
            m.update(&(part.len() as u64).to_be_bytes());
            m.update(part);
        }
        hex::encode(m.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_hmac_sha256_of_the_parts_each_after_its_length() {
        let key = ChainKey::from_bytes([9; KEY_BYTES]);
        let parts: [&[u8]; 3] = [b"history row", b"", b"ann"];
        let mut fresh = <Hmac<Sha256> as Mac>::new_from_slice(&[9; KEY_BYTES]).unwrap();
        for part in parts {
            fresh.update(&(part.len() as u64).to_be_bytes());
            fresh.update(part);
        }
        let expected = hex::encode(fresh.finalize().into_bytes());
        assert_eq!(key.mac(&parts), expected);
        // The key's state is copied for each value, never used up.
        assert_eq!(key.mac(&parts), expected);
        assert_ne!(key.mac(&[b"history row", b"x", b"ann"]), expected);
    }

    #[test]
    fn a_key_reads_back_from_its_text_and_names_itself_without_showing() {
        let key = ChainKey::from_bytes([7; KEY_BYTES]);
        assert_eq!(ChainKey::parse(&key.to_text()), Some(key.clone()));
        assert_eq!(ChainKey::parse("07"), None);
        assert_eq!(ChainKey::parse(&"zz".repeat(32)), None);
        assert_eq!(key.fingerprint().len(), 16);
        assert!(!format!("{key:?}").contains("0707"));
    }

    #[test]
    fn a_mac_depends_on_the_key_and_on_how_the_parts_split() {
        let a = ChainKey::from_bytes([1; KEY_BYTES]);
        let b = ChainKey::from_bytes([2; KEY_BYTES]);
        assert_eq!(a.mac(&[b"x", b"y"]), a.mac(&[b"x", b"y"]));
        assert_ne!(a.mac(&[b"x", b"y"]), b.mac(&[b"x", b"y"]));
        assert_ne!(a.mac(&[b"xy", b""]), a.mac(&[b"x", b"y"]));
        assert_eq!(a.mac(&[]).len(), 64);
    }
}
