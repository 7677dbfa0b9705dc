//! `finctl verify --handoff DIR`: a hand-off folder checked against the database. The ERP's
//! copy of the folder is outside the reach of whoever can write the database file, so it
//! anchors the chains: every journal line names a document the database must still hold,
//! under the same keyed chain value; every mark of the folder must match the file it names
//! (SHA-256, where the ERP left the file) and its journal line (where the journal still holds
//! it). Nothing is written.

use super::{files, folder, journal};
use crate::store::Store;
use crate::store::verify::Violation;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What the check found, and how much it looked at.
#[derive(Debug, Default)]
pub struct FolderCheck {
    pub violations: Vec<Violation>,
    pub marks: usize,
    pub files_checked: usize,
    pub lines_checked: usize,
}

fn found(out: &mut Vec<Violation>, message: String) {
    out.push(Violation {
        check: "hand-off folder",
        message,
    });
}

pub fn verify_folder(store: &Store, dir: &Path) -> anyhow::Result<FolderCheck> {
    let mut check = FolderCheck::default();
    let out = &mut check.violations;
    folder::refuse_links(dir)?;
    let Some(identity) = folder::read_identity(dir)? else {
        anyhow::bail!(
            "{} holds no {}: it is not a hand-off folder (or its identity file was removed)",
            dir.display(),
            folder::IDENTITY_FILE
        );
    };
    let ours = store.database_identity()?;
    if identity.database != ours {
        found(
            out,
            format!(
                "the folder is the hand-off folder of another database ({}, identity {}), not of this one (identity {ours})",
                identity.database_file, identity.database
            ),
        );
        return Ok(check);
    }
    let marks = store.handoff_marks(&identity.folder)?;
    check.marks = marks.len();
    let journal_path = dir.join(journal::FILE);
    let lines = journal::read(&journal_path)?;
    let texts: BTreeSet<String> = journal::entries(&journal_path)?
        .into_iter()
        .filter_map(|e| String::from_utf8(e.bytes).ok())
        .collect();
    let mut shas: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for mark in &marks {
        shas.entry(mark.number.as_str())
            .or_default()
            .insert(mark.sha256.as_str());
        if let Some(sha) = files::file_sha256(&dir.join(&mark.file))? {
            check.files_checked += 1;
            if sha != mark.sha256 {
                found(
                    out,
                    format!(
                        "{}: the file is not what was handed off (SHA-256 {sha}, handed off as {})",
                        mark.file, mark.sha256
                    ),
                );
            }
        }
        let line = journal::parse_line(&mark.journal_line);
        let journaled = texts.contains(&mark.journal_line);
        if let (true, Some(line)) = (journaled, line)
            && line.sha256 != mark.sha256
        {
            found(
                out,
                format!(
                    "{}: its journal line names another file content",
                    mark.number
                ),
            );
        }
    }
    for (at, line) in lines {
        let Some(line) = line else {
            found(
                out,
                format!("journal.csv line {at}: not a line a hand-off writes"),
            );
            continue;
        };
        check.lines_checked += 1;
        let Some(id) = store.invoice_id_by_number(&line.number)? else {
            found(
                out,
                format!(
                    "journal.csv line {at}: {} was handed off but the database holds no document under that number: it was removed",
                    line.number
                ),
            );
            continue;
        };
        if !shas
            .get(line.number.as_str())
            .is_some_and(|s| s.contains(line.sha256.as_str()))
        {
            found(
                out,
                format!(
                    "journal.csv line {at}: {} with SHA-256 {} was not handed off from this database",
                    line.number, line.sha256
                ),
            );
        }
        if let Some(chain) = &line.chain
            && store.document_chain_value(id)?.as_deref() != Some(chain.as_str())
        {
            found(
                out,
                format!(
                    "journal.csv line {at}: {}'s keyed chain value in the database is not the one handed off: the document or its place in the chain changed since",
                    line.number
                ),
            );
        }
    }
    Ok(check)
}
