//! The chains over confirmed documents. The hash chain (SHA-256, no key) covers each
//! document's content and the previous hash; anyone can recompute it, so since schema 16 a
//! keyed chain (`chain_key.rs`) also covers the document, its place in the chain and who
//! confirmed it when: a change made in the file behind the store's back cannot be hidden by
//! recomputing the chain without the key.

use super::chain_key::ChainKey;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The value both chains start from.
pub use super::chain_key::GENESIS;

/// Everything that makes a confirmed document what it is, amounts as exact decimal strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentContent {
    pub number: String,
    pub kind: String,
    pub account_id: i64,
    pub currency: String,
    pub invoice_date: String,
    pub due_date: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub credited_invoice: Option<String>,
    pub lines: Vec<LineContent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineContent {
    pub position: i64,
    pub revenue_item_id: Option<i64>,
    pub project_id: i64,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub vat_rate: String,
    pub net: String,
    pub credited_line_id: Option<i64>,
}

impl DocumentContent {
    /// The canonical JSON both chains cover: made once for both when a document is sealed.
    pub fn canonical(&self) -> Vec<u8> {
        // Serializing a struct of strings and integers cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// sha256(previous hash, newline, canonical JSON of the content) in lower-case hex.
pub fn chain_hash(previous: &str, content: &DocumentContent) -> String {
    chain_hash_of(previous, &content.canonical())
}

/// As [`chain_hash`], of content already made canonical.
pub fn chain_hash_of(previous: &str, canonical: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical);
    hex::encode(hasher.finalize())
}

/// Who confirmed a document, when, and where it stands in the chain: what the keyed value
/// covers besides the content.
#[derive(Debug, Clone, Copy)]
pub struct Confirmation<'a> {
    pub seq: i64,
    pub by: &'a str,
    pub at: &'a str,
}

/// The keyed chain value of a document after one whose keyed value is `previous`.
pub fn document_mac(
    key: &ChainKey,
    previous: &str,
    content: &DocumentContent,
    confirmation: Confirmation<'_>,
) -> String {
    document_mac_of(key, previous, &content.canonical(), confirmation)
}

/// As [`document_mac`], of content already made canonical.
pub fn document_mac_of(
    key: &ChainKey,
    previous: &str,
    canonical: &[u8],
    confirmation: Confirmation<'_>,
) -> String {
    key.mac(&[
        b"document",
        previous.as_bytes(),
        confirmation.seq.to_string().as_bytes(),
        canonical,
        confirmation.by.as_bytes(),
        confirmation.at.as_bytes(),
    ])
}

/// The keyed head of the document chain: how many documents it holds and the last value.
pub fn document_head_mac(key: &ChainKey, last_seq: i64, last_mac: &str) -> String {
    key.mac(&[
        b"document head",
        last_seq.to_string().as_bytes(),
        last_mac.as_bytes(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyed_value_covers_who_and_when_and_needs_the_key() {
        let key = ChainKey::from_bytes([3; 32]);
        let c = Confirmation {
            seq: 1,
            by: "ann",
            at: "2026-12-01T10:00:00.000Z",
        };
        let a = document_mac(&key, GENESIS, &doc("100.00"), c);
        assert_eq!(a, document_mac(&key, GENESIS, &doc("100.00"), c));
        for other in [
            Confirmation { by: "bob", ..c },
            Confirmation {
                at: "2026-12-01T10:00:01.000Z",
                ..c
            },
            Confirmation { seq: 2, ..c },
        ] {
            assert_ne!(a, document_mac(&key, GENESIS, &doc("100.00"), other));
        }
        assert_ne!(a, document_mac(&key, GENESIS, &doc("100.01"), c));
        let other_key = ChainKey::from_bytes([4; 32]);
        assert_ne!(a, document_mac(&other_key, GENESIS, &doc("100.00"), c));
    }

    fn doc(net: &str) -> DocumentContent {
        DocumentContent {
            number: "2026-000001".into(),
            kind: "invoice".into(),
            account_id: 1,
            currency: "EUR".into(),
            invoice_date: "2026-11-28".into(),
            due_date: "2026-12-28".into(),
            net: net.into(),
            vat: "24.00".into(),
            gross: "124.00".into(),
            credited_invoice: None,
            lines: vec![],
        }
    }

    #[test]
    fn any_change_changes_the_hash() {
        let a = chain_hash(GENESIS, &doc("100.00"));
        assert_eq!(a.len(), 64);
        assert_eq!(a, chain_hash(GENESIS, &doc("100.00")));
        assert_ne!(a, chain_hash(GENESIS, &doc("100.01")));
        assert_ne!(a, chain_hash(&a, &doc("100.00")));
    }
}
