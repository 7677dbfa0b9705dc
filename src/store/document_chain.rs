//! The chains over confirmed documents, kept and checked: the SHA-256 hash chain in the
//! invoices themselves, and since schema 16 the keyed chain in `document_chain` with its
//! keyed head (`domain::document_hash`). A confirmation seals its document in both; the
//! migration to keyed chains seals what was confirmed before, once the hash chain holds.

use super::documents::load_invoice;
use super::error::Result;
use crate::domain::chain_key::{ChainKey, GENESIS};
use crate::domain::document_hash::{
    Confirmation, chain_hash, document_head_mac, document_mac, document_mac_of,
};
use rusqlite::{Connection, OptionalExtension, params};

/// A confirmed document as the chains see it: id, chain position, previous hash, hash, who
/// confirmed it and when.
struct Link {
    id: i64,
    seq: Option<i64>,
    prev: Option<String>,
    hash: Option<String>,
    by: String,
    at: String,
}

fn links(conn: &Connection) -> Result<Vec<Link>> {
    Ok(conn
        .prepare(
            "SELECT id, chain_seq, prev_hash, hash, COALESCE(confirmed_by, ''),
                    COALESCE(confirmed_at, '')
             FROM invoices WHERE status = 'confirmed' ORDER BY chain_seq",
        )?
        .query_map([], |r| {
            Ok(Link {
                id: r.get(0)?,
                seq: r.get(1)?,
                prev: r.get(2)?,
                hash: r.get(3)?,
                by: r.get(4)?,
                at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Where the hash chain (no key) does not hold, each named by its document.
pub(super) fn hash_chain_breaks(conn: &Connection) -> Result<Vec<String>> {
    let links = links(conn)?;
    let mut out = Vec::new();
    let mut previous = GENESIS.to_string();
    for (expected_seq, link) in (1i64..).zip(&links) {
        let inv = load_invoice(conn, link.id)?;
        let name = inv.number.clone().unwrap_or_default();
        if link.seq != Some(expected_seq) {
            out.push(format!(
                "invoice {name}: chain position {:?}, expected {expected_seq}",
                link.seq
            ));
        }
        if link.prev.as_deref() != Some(previous.as_str()) {
            out.push(format!(
                "invoice {name}: does not follow the previous confirmed document"
            ));
        }
        let computed = chain_hash(link.prev.as_deref().unwrap_or(GENESIS), &inv.content());
        if link.hash.as_deref() != Some(computed.as_str()) {
            out.push(format!(
                "invoice {name}: its content does not match its hash: it was changed after confirmation"
            ));
        }
        previous = link.hash.clone().unwrap_or_default();
    }
    // No row is a chain not started yet; a failed read is an error, not an answer.
    let head: Option<(i64, String)> = conn
        .query_row(
            "SELECT last_seq, last_hash FROM chain_head WHERE id = 1",
            params![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let expected = (!links.is_empty()).then_some((links.len() as i64, previous));
    if head != expected {
        out.push(
            "the chain head does not match the last confirmed document: a document was removed"
                .into(),
        );
    }
    Ok(out)
}

/// Where the keyed chain does not hold, each named by its document.
pub(super) fn keyed_chain_breaks(conn: &Connection, key: &ChainKey) -> Result<Vec<String>> {
    let links = links(conn)?;
    let mut out = Vec::new();
    let mut previous = GENESIS.to_string();
    let mut read = conn.prepare("SELECT seq, mac FROM document_chain WHERE invoice_id = ?1")?;
    for (seq, link) in (1i64..).zip(&links) {
        let inv = load_invoice(conn, link.id)?;
        let name = inv.number.clone().unwrap_or_default();
        let stored: Option<(i64, String)> = read
            .query_row([link.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((stored_seq, mac)) = stored else {
            out.push(format!(
                "invoice {name}: has no keyed chain value: it was not confirmed by finctl"
            ));
            continue;
        };
        let confirmation = Confirmation {
            seq,
            by: &link.by,
            at: &link.at,
        };
        if stored_seq != seq {
            out.push(format!(
                "invoice {name}: keyed chain position {stored_seq}, expected {seq}: a document before it was removed"
            ));
        } else if document_mac(key, &previous, &inv.content(), confirmation) != mac {
            out.push(format!(
                "invoice {name}: its content, who confirmed it or when does not match its keyed chain value, or a document before it was removed: it was changed after confirmation"
            ));
        }
        previous = mac;
    }
    let extra: i64 = conn.query_row(
        "SELECT count(*) FROM document_chain c JOIN invoices i ON i.id = c.invoice_id
         WHERE i.status <> 'confirmed'",
        [],
        |r| r.get(0),
    )?;
    if extra > 0 {
        out.push(format!(
            "{extra} keyed chain value(s) belong to documents that are not confirmed"
        ));
    }
    let head: Option<Option<String>> = conn
        .query_row("SELECT keyed_head FROM chain_head WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    let expected =
        (!links.is_empty()).then(|| document_head_mac(key, links.len() as i64, &previous));
    if head.flatten() != expected {
        out.push(
            "the keyed chain head does not match the last confirmed document: a document was removed or the head changed"
                .into(),
        );
    }
    Ok(out)
}

/// Seals document `invoice_id`, just confirmed, at position `seq` in the keyed chain, and
/// moves the keyed head (the caller has moved the hash chain's head). `canonical` is its
/// content as the hash chain covered it (`DocumentContent::canonical`).
pub(super) fn seal(
    conn: &Connection,
    key: &ChainKey,
    invoice_id: i64,
    canonical: &[u8],
    confirmation: Confirmation<'_>,
) -> Result<String> {
    let previous: String = conn
        .prepare_cached("SELECT mac FROM document_chain WHERE seq = ?1")?
        .query_row([confirmation.seq - 1], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let mac = document_mac_of(key, &previous, canonical, confirmation);
    conn.prepare_cached("INSERT INTO document_chain (invoice_id, seq, mac) VALUES (?1, ?2, ?3)")?
        .execute(params![invoice_id, confirmation.seq, mac])?;
    conn.prepare_cached("UPDATE chain_head SET keyed_head = ?1 WHERE id = 1")?
        .execute([document_head_mac(key, confirmation.seq, &mac)])?;
    Ok(mac)
}

/// Migration 16: seals every document confirmed so far, in chain order, once the hash
/// chain is found to hold (a chain already broken is not vouched for with a key).
pub(super) fn adopt(conn: &Connection, key: &ChainKey) -> Result<()> {
    let breaks = hash_chain_breaks(conn)?;
    if !breaks.is_empty() {
        return Err(super::error::StoreError::Refused(format!(
            "the document chain does not hold, so it was not sealed with a key and the database was left as it was: {}",
            breaks.join("; ")
        )));
    }
    for (seq, link) in (1i64..).zip(links(conn)?) {
        let confirmation = Confirmation {
            seq,
            by: &link.by,
            at: &link.at,
        };
        let content = load_invoice(conn, link.id)?.content();
        seal(conn, key, link.id, &content.canonical(), confirmation)?;
    }
    Ok(())
}
