//! `finctl verify [--handoff DIR]...`: what the checks found, one line each, and the verdict.

use crate::store::Store;
use crate::store::verify::Violation;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(store: &Store, db: &Path, folders: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut violations: Vec<Violation> = store.verify()?;
    let mut looked_at = Vec::new();
    for dir in folders {
        let check = crate::handoff::verify_folder(store, dir)?;
        looked_at.push(format!(
            "{}: {} mark(s), {} file(s) and {} journal line(s) checked",
            dir.display(),
            check.marks,
            check.files_checked,
            check.lines_checked
        ));
        violations.extend(check.violations);
    }
    for v in &violations {
        println!("{}: {}", v.check, v.message);
    }
    for line in &looked_at {
        println!("{line}");
    }
    if violations.is_empty() {
        println!("{}: ok (integrity and all invariants hold)", db.display());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "finctl: {} violation(s) found in {}",
            violations.len(),
            db.display()
        );
        Ok(ExitCode::from(1))
    }
}
