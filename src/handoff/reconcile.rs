//! Repairs a folder a hand-off died in before anything new is written. It trusts what is on
//! disk and in the marks, and never renders a document or a journal line again from data that
//! may have changed since (settings, an account's name).
//!
//! A document's mark is committed only after its file is renamed into place and its journal
//! line appended and synced, and the next run repairs the folder before it appends anything,
//! so what a crash can leave is:
//! - a temporary file: removed (its document is handed off by this run);
//! - a finished file without a journal line: written again by this run (no journal line means
//!   the ERP was never given it);
//! - at the end of the journal, one line without a mark. If it is a whole line, exactly as
//!   finctl writes it, of a document still to hand off and named `NUMBER.xml`, its run died
//!   after its last step and before its commit: the document is marked as it is, with that line
//!   and its SHA-256, and not written again (the line is appended only once the file is in
//!   place, so the line vouches for it; its file is normally still there with that hash, unless
//!   the ERP took it). Any other last line without a mark (cut short by the crash, or of a
//!   document another folder got first, or of a repeat that did not finish) is dropped.
//!
//! Lines with a mark are never touched, nor lines before the last one; a journal the ERP moved
//! away or truncated is left as it is.

use super::folder::Folder;
use super::{files, journal};
use crate::store::Store;
use crate::store::handoff::{Marked, NewMark};

#[derive(Debug, Default)]
pub struct Repaired {
    pub temporaries_removed: usize,
    /// Documents found finished and marked now.
    pub marked: Vec<String>,
    /// The last line of the journal had no mark and was dropped.
    pub journal_line_dropped: bool,
}

pub fn reconcile(
    store: &mut Store,
    folder: &Folder,
    pending: &[(i64, String)],
) -> anyhow::Result<Repaired> {
    let dir = folder.path.as_path();
    let mut out = Repaired {
        temporaries_removed: files::remove_temporaries(dir)?,
        ..Repaired::default()
    };
    let journal_path = dir.join(journal::FILE);
    let Some(tail) = journal::tail(&journal_path)? else {
        return Ok(out);
    };
    if tail.is_header {
        return Ok(out);
    }
    let text = std::str::from_utf8(&tail.bytes).ok();
    if let Some(text) = text {
        // A line that appears as often as it was marked into this folder (a repeat can give
        // the very same line twice) is the ERP's already. The same line marked into another
        // folder does not count: that folder got the document first.
        let marked = store
            .handoff_marks(folder.key())?
            .iter()
            .filter(|m| m.journal_line == text)
            .count();
        if tail.occurrences <= marked {
            return Ok(out);
        }
        if let Some(mark) = finished(text, pending, folder) {
            let on_disk = files::file_sha256(&dir.join(&mark.file))?;
            if store.mark_handed_off(&mark, || Ok(()))? == Marked::Done {
                if on_disk.as_deref() != Some(mark.sha256.as_str()) {
                    tracing::warn!(
                        number = %mark.number,
                        found = on_disk.as_deref().unwrap_or("no file"),
                        "a finished document's file is gone or changed since its journal line; marked as its line says"
                    );
                }
                tracing::info!(number = %mark.number, "marked a document a hand-off finished before dying");
                out.marked.push(mark.number);
                return Ok(out);
            }
        }
    }
    journal::cut(&journal_path, tail.start)?;
    out.journal_line_dropped = true;
    tracing::info!(dir = %dir.display(), "dropped the last journal line, which had no mark");
    Ok(out)
}

/// The mark of the document `text` is the journal line of, if it is a whole line of a document
/// still to hand off, naming its own file.
fn finished(text: &str, pending: &[(i64, String)], folder: &Folder) -> Option<NewMark> {
    let line = journal::parse_line(text)?;
    let (id, number) = pending.iter().find(|(_, n)| *n == line.number)?;
    (line.file == format!("{number}.xml")).then(|| NewMark {
        invoice_id: *id,
        number: number.clone(),
        dir: folder.path.to_string_lossy().into_owned(),
        folder: folder.key().to_string(),
        file: line.file,
        sha256: line.sha256,
        journal_line: text.to_string(),
        again: false,
    })
}
