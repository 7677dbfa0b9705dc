//! What an import did to each kind: how many rows were new, changed (and which fields, how
//! often), unchanged and refused; the line a dry run (and every import) prints per kind.

use super::kind::Kind;
use super::refusals::changed_field;
use crate::store::master_data::Upserted;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub kind: Kind,
    pub new: u64,
    pub changed: u64,
    /// Each changed field (the import's name) and how many rows changed it, in the order
    /// first met.
    pub fields: Vec<(&'static str, u64)>,
    pub unchanged: u64,
    /// Rows (records) refused, by the reading or by the store.
    pub refused: u64,
}

impl Tally {
    pub fn new(kind: Kind) -> Tally {
        Tally {
            kind,
            new: 0,
            changed: 0,
            fields: Vec::new(),
            unchanged: 0,
            refused: 0,
        }
    }

    /// Counts what the store did to one row.
    pub fn count(&mut self, done: &Upserted) {
        match done {
            Upserted::New(_) => self.new += 1,
            Upserted::Unchanged(_) => self.unchanged += 1,
            Upserted::Changed(_, fields) => {
                self.changed += 1;
                // A row counts once per field, whatever number of history rows it took.
                let mut named: Vec<&'static str> = Vec::new();
                for name in fields.iter().map(|f| changed_field(f)) {
                    if !named.contains(&name) {
                        named.push(name);
                    }
                }
                for name in named {
                    match self.fields.iter_mut().find(|(f, _)| *f == name) {
                        Some((_, n)) => *n += 1,
                        None => self.fields.push((name, 1)),
                    }
                }
            }
        }
    }

    /// Every row it read.
    pub fn rows(&self) -> u64 {
        self.new + self.changed + self.unchanged + self.refused
    }
}

impl fmt::Display for Tally {
    /// `projects: 3 new, 2 changed (name 1, manager 2), 10 unchanged, 0 refused`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} new, {} changed",
            self.kind, self.new, self.changed
        )?;
        if !self.fields.is_empty() {
            let fields: Vec<String> = self
                .fields
                .iter()
                .map(|(name, n)| format!("{name} {n}"))
                .collect();
            write!(f, " ({})", fields.join(", "))?;
        }
        write!(
            f,
            ", {} unchanged, {} refused",
            self.unchanged, self.refused
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_the_dry_run_prints_it() {
        let mut t = Tally::new(Kind::Projects);
        for _ in 0..3 {
            t.count(&Upserted::New(1));
        }
        t.count(&Upserted::Changed(1, vec!["name", "manager"]));
        t.count(&Upserted::Changed(2, vec!["manager", "account_id"]));
        t.count(&Upserted::Unchanged(3));
        t.refused += 1;
        assert_eq!(
            t.to_string(),
            "projects: 3 new, 2 changed (name 1, manager 2, account 1), 1 unchanged, 1 refused"
        );
        assert_eq!(t.rows(), 7);
    }
}
