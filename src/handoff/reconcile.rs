//! Repairs a folder a hand-off died in before anything new is written. Because a document's
//! mark is committed only after its file is in place and its journal line synced, what a crash
//! can leave is: a temporary file (removed); a finished file without a journal line (written
//! again by this run); a finished file and journal line without a mark (marked now, not
//! written again); a journal line of an attempt that did not finish (dropped: the journal is
//! rewritten to exactly one line per mark, in mark order).

use super::document::Seller;
use super::{Built, build, files, journal};
use crate::store::Store;
use crate::store::handoff::{Marked, NewMark};
use std::collections::HashSet;
use std::path::Path;

#[derive(Debug, Default)]
pub struct Repaired {
    pub temporaries_removed: usize,
    /// Documents found finished and marked now.
    pub marked: Vec<String>,
    pub journal_rewritten: bool,
}

pub fn reconcile(
    store: &mut Store,
    seller: &Seller<'_>,
    dir: &Path,
    dir_key: &str,
    pending: &[(i64, String)],
) -> anyhow::Result<Repaired> {
    let mut out = Repaired {
        temporaries_removed: files::remove_temporaries(dir)?,
        ..Repaired::default()
    };
    let journal_path = dir.join(journal::FILE);
    // A journal cut short by a crash does not parse: it is rebuilt from the marks below, and
    // documents whose lines it held are written again.
    let (lines, readable) = match journal::read(&journal_path) {
        Ok(lines) => (lines, true),
        Err(_) => (Vec::new(), false),
    };
    let journaled: HashSet<(&str, &str, &str)> = lines
        .iter()
        .map(|l| (l.number.as_str(), l.file.as_str(), l.sha256.as_str()))
        .collect();
    for (id, number) in pending {
        if !lines.iter().any(|l| &l.number == number) {
            continue;
        }
        let built: Built = build(store, seller, *id)?;
        let on_disk = files::file_sha256(&dir.join(&built.file))?;
        let finished = on_disk.as_deref() == Some(built.sha256.as_str())
            && journaled.contains(&(built.number(), built.file.as_str(), built.sha256.as_str()));
        if !finished {
            continue;
        }
        let mark = NewMark {
            invoice_id: *id,
            number: number.clone(),
            dir: dir_key.to_string(),
            file: built.file.clone(),
            sha256: built.sha256.clone(),
            again: false,
        };
        if store.mark_handed_off(&mark, || Ok(()))? == Marked::Done {
            out.marked.push(number.clone());
        }
    }
    let mut expected = Vec::new();
    for m in store.handoff_marks(dir_key)? {
        let invoice = store.invoice(m.invoice_id)?;
        expected.push(journal::Line::new(&invoice, &m.file, &m.sha256));
    }
    let existed = journal_path.exists();
    if !existed || !readable || lines != expected {
        files::replace(dir, journal::FILE, &journal::render(&expected)?)?;
        out.journal_rewritten = existed;
    }
    Ok(out)
}
