//! Brings the database up to date with its folder before anything new is written. What the
//! folder holds is what the ERP was given (or may take), and the database may be behind it: a
//! run that died before its commit, or a database restored from a backup, has files and
//! journal lines in the folder without their marks. So every line of the journal is read and
//! the folder either recognised, repaired or refused, all decided ([`plan`]) before anything
//! changes ([`apply`]). Nothing is ever rendered again from data that may have changed since.
//!
//! A journal line without a mark of this folder (a repeat can give the very same line twice,
//! so lines are counted against their marks):
//! - a whole line, exactly as finctl writes it, of a document still to hand off and naming
//!   `NUMBER.xml`: the document is in the folder already. If the document as this database
//!   would write it now has that SHA-256 (and the file, where the ERP left it, too), it is
//!   recognised: marked with that line and its SHA-256, and neither written nor journaled
//!   again. If not, another document under that number is in the folder (or this one was
//!   written before the seller's settings or its account changed): refused, nothing written.
//! - the last line, cut short by a crash or not as finctl writes it, or of a document handed
//!   off before (into another folder that got it first, or an unfinished repeat): dropped, the
//!   journal cut back to before it. Such a line before the last is refused (something other
//!   than a hand-off wrote into the journal) or, for a document handed off before, left alone.
//! - of a number under which this database has no confirmed document (it is ahead of the
//!   database): left alone; once a document gets that number, the line is compared with it.
//!
//! A document still to hand off whose `NUMBER.xml` is in the folder without a journal line
//! (a run that died after renaming it) is written again by this run if the file is what it
//! would write; another file under its name is refused, never written over. Temporary files
//! are removed. Lines with a mark are never touched; a journal the ERP moved away or truncated
//! is left as it is.

use super::folder::Folder;
use super::{files, journal};
use crate::store::Store;
use crate::store::handoff::{Marked, NewMark};
use anyhow::bail;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Default)]
pub struct Repaired {
    pub temporaries_removed: usize,
    /// Documents found in the folder and marked now.
    pub marked: Vec<String>,
    /// The last line of the journal had no mark and was dropped.
    pub journal_line_dropped: bool,
    /// The numbers of journal lines without a mark of this folder that were left as they are.
    pub left: Vec<String>,
}

/// What [`apply`] does: decided, and refused where it must be, before anything changes.
#[derive(Debug, Default)]
pub struct Plan {
    /// Documents found in the folder, each with where its line starts if it is the journal's
    /// last.
    found: Vec<(NewMark, Option<u64>)>,
    /// Where the journal is cut back to, to drop its last line.
    cut_at: Option<u64>,
    left: Vec<String>,
}

impl Plan {
    /// The numbers of the documents found in the folder, to be marked rather than written.
    pub fn found(&self) -> impl Iterator<Item = &str> {
        self.found.iter().map(|(m, _)| m.number.as_str())
    }
}

/// Reads the folder against the database. `pending` are the confirmed documents not handed
/// off yet, `sha_of` gives the SHA-256 of one as this run would write it, and `writes` says
/// whether this run writes them (not with `--again`).
pub fn plan(
    store: &Store,
    folder: &Folder,
    pending: &[(i64, String)],
    sha_of: &mut dyn FnMut(i64) -> anyhow::Result<String>,
    writes: bool,
) -> anyhow::Result<Plan> {
    let dir = folder.path.as_path();
    let journal_path = dir.join(journal::FILE);
    let entries = journal::entries(&journal_path)?;
    let mut marked: HashMap<String, usize> = HashMap::new();
    for m in store.handoff_marks(folder.key())? {
        *marked.entry(m.journal_line).or_default() += 1;
    }
    let pending_ids: HashMap<&str, i64> = pending.iter().map(|(id, n)| (n.as_str(), *id)).collect();
    let mut plan = Plan::default();
    let mut found = HashSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let last = i + 1 == entries.len();
        let text = std::str::from_utf8(&entry.bytes).ok();
        if let Some(count) = text.and_then(|t| marked.get_mut(t)).filter(|c| **c > 0) {
            *count -= 1;
            continue;
        }
        let line = text
            .and_then(journal::parse_line)
            .filter(|l| l.file == format!("{}.xml", l.number));
        let (Some(text), Some(line)) = (text, line) else {
            if last {
                plan.cut_at = Some(entry.start);
                continue;
            }
            bail!(
                "line {} of {} is not a journal line as finctl writes it, and no hand-off of this database wrote it: something else wrote into the journal. Nothing was written: find out what, before handing off into {}",
                entry.line,
                journal_path.display(),
                dir.display()
            );
        };
        let number = line.number.clone();
        match pending_ids.get(number.as_str()) {
            Some(&id) if !found.contains(&number) => {
                let file = dir.join(&line.file);
                let ours = sha_of(id)?;
                if line.sha256 != ours {
                    bail!(
                        "{number} is in {} already (line {} of journal.csv), as another document than this database's {number}: the folder's has SHA-256 {}, this database's {ours}. {}",
                        dir.display(),
                        entry.line,
                        line.sha256,
                        different(&number)
                    );
                }
                if let Some(on_disk) = files::file_sha256(&file)?
                    && on_disk != line.sha256
                {
                    bail!(
                        "{} is not the file its journal line (line {} of journal.csv) names: the file's SHA-256 is {on_disk}, the line's {}. Nothing was written: find out who changed it",
                        file.display(),
                        entry.line,
                        line.sha256
                    );
                }
                found.insert(number.clone());
                let mark = NewMark {
                    invoice_id: id,
                    number,
                    dir: dir.to_string_lossy().into_owned(),
                    folder: folder.key().to_string(),
                    file: line.file,
                    sha256: line.sha256,
                    journal_line: text.to_string(),
                    again: false,
                };
                plan.found.push((mark, last.then_some(entry.start)));
            }
            _ => {
                let handed_off =
                    found.contains(&number) || store.invoice_id_by_number(&number)?.is_some();
                if last && handed_off {
                    plan.cut_at = Some(entry.start);
                } else {
                    plan.left.push(number);
                }
            }
        }
    }
    if writes {
        for (id, number) in pending.iter().filter(|(_, n)| !found.contains(n)) {
            let file = dir.join(format!("{number}.xml"));
            let Some(on_disk) = files::file_sha256(&file)? else {
                continue;
            };
            let ours = sha_of(*id)?;
            if on_disk != ours {
                bail!(
                    "{} is another document than this database's {number} (the file's SHA-256 is {on_disk}, this database's {ours}), and finctl does not write over it. {}",
                    file.display(),
                    different(number)
                );
            }
        }
    }
    Ok(plan)
}

/// What a refusal of another document under a number says to do.
fn different(number: &str) -> String {
    format!(
        "The folder is ahead of this database (restored from a backup, and {number} given to another document since), or the seller's settings or the account changed after the folder got {number}. Nothing was written: find out which {number} the ERP has; if only the settings or the account changed, set them back as they were, hand off, then change them again"
    )
}

/// Carries out `plan`: removes temporary files, drops the last line it drops, and marks the
/// documents found in the folder.
pub fn apply(store: &mut Store, folder: &Folder, plan: Plan) -> anyhow::Result<Repaired> {
    let dir = folder.path.as_path();
    let journal_path = dir.join(journal::FILE);
    let mut out = Repaired {
        temporaries_removed: files::remove_temporaries(dir)?,
        left: plan.left,
        ..Repaired::default()
    };
    let mut cut_at = plan.cut_at;
    for (mark, last_start) in plan.found {
        match store.mark_handed_off(&mark, || Ok(()))? {
            Marked::Done => {
                tracing::info!(number = %mark.number, "marked a document found in the hand-off folder");
                out.marked.push(mark.number);
            }
            // Another folder's run got it first, since this run looked: as any last line of a
            // document handed off before, it is dropped.
            Marked::AlreadyHandedOff => match last_start {
                Some(start) => cut_at = Some(start),
                None => out.left.push(mark.number),
            },
        }
    }
    if let Some(at) = cut_at {
        journal::cut(&journal_path, at)?;
        out.journal_line_dropped = true;
        tracing::info!(dir = %dir.display(), "dropped the last journal line, which had no mark");
    }
    Ok(out)
}
