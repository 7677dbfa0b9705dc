//! `journal.csv`: one line per document handed off (and per repeat), for the ERP to book and
//! to check the files against: number, kind, date, account, currency, net, VAT, gross (exact,
//! with the currency's decimals), file name and its SHA-256.

use super::xml::money;
use crate::store::documents::Invoice;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::Path;

pub const FILE: &str = "journal.csv";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub number: String,
    pub kind: String,
    pub date: String,
    pub account: String,
    pub currency: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub file: String,
    pub sha256: String,
}

impl Line {
    pub fn new(invoice: &Invoice, file: &str, sha256: &str) -> Line {
        let c = invoice.currency;
        Line {
            number: invoice.number.clone().unwrap_or_default(),
            kind: invoice.kind.as_str().to_string(),
            date: invoice.invoice_date.to_string(),
            account: invoice.account_name.clone(),
            currency: c.code().to_string(),
            net: money(invoice.net, c),
            vat: money(invoice.vat, c),
            gross: money(invoice.gross, c),
            file: file.to_string(),
            sha256: sha256.to_string(),
        }
    }
}

fn csv_error(e: csv::Error) -> io::Error {
    io::Error::other(e)
}

/// The lines of a journal; none when there is no file yet.
pub fn read(path: &Path) -> io::Result<Vec<Line>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut r = csv::Reader::from_path(path).map_err(csv_error)?;
    r.deserialize()
        .collect::<Result<Vec<Line>, _>>()
        .map_err(csv_error)
}

/// The whole journal as bytes: the header and `lines`.
pub fn render(lines: &[Line]) -> io::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_record([
        "number", "kind", "date", "account", "currency", "net", "vat", "gross", "file", "sha256",
    ])
    .map_err(csv_error)?;
    for line in lines {
        w.serialize(line).map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// One line as it is appended to an existing journal.
pub fn render_line(line: &Line) -> io::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.serialize(line).map_err(csv_error)?;
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let line = Line {
            number: "2026-000001".into(),
            kind: "invoice".into(),
            date: "2026-11-28".into(),
            account: "Quarry & Stone, \"Ltd\"".into(),
            currency: "EUR".into(),
            net: "100.00".into(),
            vat: "24.00".into(),
            gross: "124.00".into(),
            file: "2026-000001.xml".into(),
            sha256: "0".repeat(64),
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let mut bytes = render(std::slice::from_ref(&line)).unwrap();
        bytes.extend(render_line(&line).unwrap());
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(read(&path).unwrap(), vec![line.clone(), line]);
    }
}
