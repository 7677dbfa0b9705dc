//! `journal.csv`: one line per document handed off (and per repeat), for the ERP to book and
//! to check the files against: number, kind, date, account, currency, net, VAT, gross (exact,
//! with the currency's decimals), file name, its SHA-256 and the document's keyed chain value
//! (`chain`, since schema 16: the ERP's copy of the journal then anchors the database's chain,
//! see `verify_folder.rs`). A journal begun before keeps its header of ten columns and gets
//! lines of ten (`carries_chain`) until the ERP takes it away and a new one begins.
//!
//! The journal only ever grows: a line is rendered once, when its document is handed off,
//! stored in the document's mark and appended; it is never rendered again from data that may
//! have changed since. The ERP may move the journal away or truncate it between runs: the next
//! line then starts a new journal (with its header), and lines handed off before are not added
//! again. The only line a run ever removes is a last line without a mark, the leftover of a run
//! that died before its commit (see `reconcile`).

use super::files;
use super::xml::money;
use crate::store::documents::Invoice;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::Path;

pub const FILE: &str = "journal.csv";

const COLUMNS: [&str; 11] = [
    "number", "kind", "date", "account", "currency", "net", "vat", "gross", "file", "sha256",
    "chain",
];

/// The header of a journal begun before the chain column.
const COLUMNS_BEFORE_CHAIN: usize = 10;

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
    /// The document's keyed chain value; none on a line handed off before schema 16.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
}

impl Line {
    pub fn new(invoice: &Invoice, file: &str, sha256: &str, chain: Option<String>) -> Line {
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
            chain,
        }
    }
}

fn csv_error(e: csv::Error) -> io::Error {
    io::Error::other(e)
}

fn finish(w: csv::Writer<Vec<u8>>) -> io::Result<String> {
    let bytes = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

/// The header line a new journal starts with.
pub fn header() -> io::Result<String> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_record(COLUMNS).map_err(csv_error)?;
    finish(w)
}

/// Whether `bytes` is a journal's header: this finctl's, or that of a journal begun before
/// the chain column.
fn is_header(bytes: &[u8]) -> bool {
    let Ok(now) = header() else { return false };
    let before = format!("{}\n", COLUMNS[..COLUMNS_BEFORE_CHAIN].join(","));
    bytes == now.as_bytes() || bytes == before.as_bytes()
}

/// Whether lines appended to the journal in `dir` carry the chain value: yes unless the
/// journal there was begun with the header of before the chain column (a missing or empty
/// journal starts with this finctl's header).
pub fn carries_chain(dir: &Path) -> io::Result<bool> {
    let Some(bytes) = files::read_if_there(&dir.join(FILE))? else {
        return Ok(true);
    };
    let first = bytes
        .split_inclusive(|b| *b == b'\n')
        .next()
        .unwrap_or_default();
    Ok(first.is_empty() || !is_header(first) || first == header()?.as_bytes())
}

/// One line exactly as it is appended (ending in a newline) and kept in its mark.
pub fn render_line(line: &Line) -> io::Result<String> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.serialize(line).map_err(csv_error)?;
    finish(w)
}

/// `text` read back as a line, if it is one exactly as `render_line` writes it (a whole line,
/// its newline included, with a SHA-256 of 64 hexadecimal digits); None for anything else.
pub fn parse_line(text: &str) -> Option<Line> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let record = r.records().next()?.ok()?;
    let line: Line = record.deserialize(None).ok()?;
    let chain_ok = line
        .chain
        .as_ref()
        .is_none_or(|c| c.len() == 64 && c.bytes().all(|b| b.is_ascii_hexdigit()));
    let sha_ok = chain_ok
        && line.sha256.len() == 64
        && line
            .sha256
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (sha_ok && render_line(&line).ok()? == text).then_some(line)
}

/// Appends `line` to the journal in `dir` and syncs it; a journal that is missing (never
/// written, or moved away by the ERP) or empty starts with the header.
pub fn append(dir: &Path, line: &str) -> io::Result<()> {
    let path = dir.join(FILE);
    let mut f = files::open(files::no_follow().create(true).append(true), &path)?;
    let new = f.metadata()?.len() == 0;
    let bytes = if new {
        format!("{}{line}", header()?)
    } else {
        line.to_string()
    };
    f.write_all(bytes.as_bytes())?;
    f.sync_all()?;
    if new {
        // The journal's name must be as durable as its line.
        files::sync_dir(dir)?;
    }
    Ok(())
}

/// One line of a journal, as bytes, from its first byte to its newline (a line is one CSV
/// record: an account's name may hold a newline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where it starts: the journal is cut back to here to drop it (and what follows).
    pub start: u64,
    /// The line of the file it starts on, counting the header as 1.
    pub line: u64,
    pub bytes: Vec<u8>,
}

/// Every line of the journal at `path` after its header, exactly as the file holds them; none
/// when the journal is missing, empty or only its header.
pub fn entries(path: &Path) -> io::Result<Vec<Entry>> {
    let Some(bytes) = files::read_if_there(path)? else {
        return Ok(Vec::new());
    };
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut starts = Vec::new();
    let mut record = csv::ByteRecord::new();
    while r.read_byte_record(&mut record).map_err(csv_error)? {
        let (start, line) = record.position().map_or((0, 1), |p| (p.byte(), p.line()));
        let start = usize::try_from(start).map_err(io::Error::other)?;
        starts.push((start, line));
    }
    let ends = starts.iter().skip(1).map(|(s, _)| *s).chain([bytes.len()]);
    let mut out: Vec<Entry> = starts
        .iter()
        .zip(ends)
        .map(|(&(start, line), end)| Entry {
            start: start as u64,
            line,
            bytes: bytes[start..end].to_vec(),
        })
        .collect();
    if out.first().is_some_and(|e| is_header(&e.bytes)) {
        out.remove(0);
    }
    Ok(out)
}

/// Cuts the journal at `path` back to `len` bytes and syncs it.
pub fn cut(path: &Path, len: u64) -> io::Result<()> {
    let f = files::open(files::no_follow().write(true), path)?;
    f.set_len(len)?;
    f.sync_all()
}

/// Every line of a journal (without its header), as the ERP reads it, each with where it is
/// (its line in the file) or `None` where it is not a line a hand-off writes; none when the
/// journal is missing. Read by position, so that a journal begun before the chain column
/// gives the chain values of the lines appended since.
pub fn read(path: &Path) -> io::Result<Vec<(u64, Option<Line>)>> {
    Ok(entries(path)?
        .into_iter()
        .map(|e| {
            let text = String::from_utf8(e.bytes).ok();
            (e.line, text.as_deref().and_then(parse_line))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_begun_before_the_chain_column_reads_on() {
        let before = "number,kind,date,account,currency,net,vat,gross,file,sha256\n";
        assert!(is_header(before.as_bytes()));
        assert!(is_header(header().unwrap().as_bytes()));
        let legacy = format!(
            "2026-000001,invoice,2026-11-28,Acme,EUR,100.00,24.00,124.00,2026-000001.xml,{}\n",
            "a".repeat(64)
        );
        let read = parse_line(&legacy).expect("a line without a chain value");
        assert_eq!(read.chain, None);
        let mut chained = read.clone();
        chained.chain = Some("b".repeat(64));
        let text = render_line(&chained).unwrap();
        assert!(text.ends_with(&format!(",{},{}\n", "a".repeat(64), "b".repeat(64))));
        assert_eq!(parse_line(&text), Some(chained));
    }

    fn line(account: &str) -> Line {
        Line {
            number: "2026-000001".into(),
            kind: "invoice".into(),
            date: "2026-11-28".into(),
            account: account.into(),
            currency: "EUR".into(),
            net: "100.00".into(),
            vat: "24.00".into(),
            gross: "124.00".into(),
            file: "2026-000001.xml".into(),
            sha256: "0".repeat(64),
            chain: None,
        }
    }

    #[test]
    fn lines_are_appended_after_one_header_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let (a, b) = (line("Quarry & Stone, \"Ltd\""), line("Two\nlines"));
        append(dir.path(), &render_line(&a).unwrap()).unwrap();
        append(dir.path(), &render_line(&b).unwrap()).unwrap();
        assert_eq!(
            read(&path).unwrap(),
            vec![(2, Some(a.clone())), (3, Some(b.clone()))]
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(&header().unwrap()));
        assert_eq!(text.matches("number,kind").count(), 1);

        let all = entries(&path).unwrap();
        let rendered = render_line(&b).unwrap();
        assert_eq!(all.len(), 2);
        let t = &all[1];
        assert_eq!(t.bytes, rendered.as_bytes());
        assert_eq!(t.start as usize, text.len() - rendered.len());
        assert_eq!((all[0].line, t.line), (2, 3), "the account's newline");
        assert_eq!(parse_line(&rendered), Some(b));
        // A line cut short, or written otherwise than finctl writes it, is not a line.
        assert_eq!(parse_line(&rendered[..rendered.len() - 1]), None);
        assert_eq!(parse_line(&rendered.replace('\n', "\r\n")), None);

        cut(&path, t.start).unwrap();
        let all = entries(&path).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].start, header().unwrap().len() as u64);
        cut(&path, all[0].start).unwrap();
        assert_eq!(entries(&path).unwrap(), vec![], "the header alone");
        cut(&path, 0).unwrap();
        assert_eq!(entries(&path).unwrap(), vec![]);
        // Emptied by the ERP: the next line starts a new journal with its header.
        append(dir.path(), &render_line(&a).unwrap()).unwrap();
        assert_eq!(read(&path).unwrap(), vec![(2, Some(a))]);
    }

    #[test]
    fn the_journal_is_never_written_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("home-of-another.csv");
        std::os::unix::fs::symlink(&elsewhere, dir.path().join(FILE)).unwrap();
        let err = append(dir.path(), &render_line(&line("A")).unwrap()).unwrap_err();
        assert!(err.to_string().contains("is a symbolic link"), "{err}");
        assert!(!elsewhere.exists());
        std::fs::write(&elsewhere, "theirs\n").unwrap();
        assert!(append(dir.path(), "x\n").is_err());
        assert!(cut(&dir.path().join(FILE), 0).is_err());
        assert!(entries(&dir.path().join(FILE)).is_err());
        assert!(read(&dir.path().join(FILE)).is_err());
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "theirs\n");
    }

    #[test]
    fn a_repeated_line_is_there_each_time() {
        let dir = tempfile::tempdir().unwrap();
        let rendered = render_line(&line("A")).unwrap();
        append(dir.path(), &rendered).unwrap();
        append(dir.path(), &rendered).unwrap();
        let all = entries(&dir.path().join(FILE)).unwrap();
        assert_eq!(all.len(), 2);
        assert!(all.iter().all(|e| e.bytes == rendered.as_bytes()));
    }
}
