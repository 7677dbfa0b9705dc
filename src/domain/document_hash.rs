//! The hash chain over confirmed documents: each hash covers the document's content and the
//! previous document's hash, so a change made in the file behind the store's back is found.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash that starts the chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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

/// sha256(previous hash, newline, canonical JSON of the content) in lower-case hex.
pub fn chain_hash(previous: &str, content: &DocumentContent) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(b"\n");
    // Serializing a struct of strings and integers cannot fail.
    hasher.update(serde_json::to_vec(content).unwrap_or_default());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
