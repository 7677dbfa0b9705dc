//! What one `finctl import` call takes in: files of one or more kinds, written in dependency
//! order whatever order they were given in (accounts, price lists, projects, milestones, time
//! reports, expenses, revenue items), so that projects may name accounts of the same call.

use super::kind::Kind;
use super::mapping::Mapping;
use std::path::PathBuf;

/// The files of one kind, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub kind: Kind,
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// One part per kind, in dependency order.
    pub parts: Vec<Part>,
    /// How the files are read: only for a call of one kind.
    pub mapping: Option<Mapping>,
    /// Count what would happen, write nothing.
    pub dry_run: bool,
}

impl Plan {
    /// The plan of `given` (kinds with their files, in any order, a kind maybe more than once),
    /// or why it cannot be: a kind without a file, or a mapping for a call of several kinds
    /// (a mapping reads the files of one kind: import the mapped kind in a call of its own).
    pub fn new(
        given: Vec<(Kind, Vec<PathBuf>)>,
        mapping: Option<Mapping>,
        dry_run: bool,
    ) -> Result<Plan, String> {
        let mut parts: Vec<Part> = Vec::new();
        for (kind, files) in given {
            if files.is_empty() {
                return Err(format!("{kind}: name the files to import after it"));
            }
            match parts.iter_mut().find(|p| p.kind == kind) {
                Some(part) => part.files.extend(files),
                None => parts.push(Part { kind, files }),
            }
        }
        if parts.is_empty() {
            return Err("name a kind and its files: finctl import KIND FILE...".to_string());
        }
        parts.sort_by_key(|p| Kind::ALL.iter().position(|k| *k == p.kind));
        let plan = Plan {
            parts,
            mapping: None,
            dry_run,
        };
        match mapping {
            Some(m) => plan.with_mapping(m),
            None => Ok(plan),
        }
    }

    /// The plan reading its files through `mapping`: for a call of one kind, the mapping's.
    pub fn with_mapping(mut self, mapping: Mapping) -> Result<Plan, String> {
        if self.parts.len() > 1 {
            let kinds: Vec<&str> = self.parts.iter().map(|p| p.kind.as_str()).collect();
            return Err(format!(
                "--map reads the files of one kind, and this call imports {}: import the mapped files in a call of their own",
                kinds.join(", ")
            ));
        }
        if mapping.kind() != self.parts[0].kind {
            return Err(format!(
                "the mapping is for {}, not {}",
                mapping.kind(),
                self.parts[0].kind
            ));
        }
        self.mapping = Some(mapping);
        Ok(self)
    }

    /// Every file of the call.
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.parts.iter().flat_map(|p| p.files.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn kinds_go_in_dependency_order() {
        let plan = Plan::new(
            vec![
                (Kind::TimeReports, files(&["t.csv"])),
                (Kind::Projects, files(&["p.xlsx"])),
                (Kind::Accounts, files(&["a.csv"])),
                (Kind::TimeReports, files(&["t2.json"])),
            ],
            None,
            false,
        )
        .unwrap();
        let kinds: Vec<Kind> = plan.parts.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [Kind::Accounts, Kind::Projects, Kind::TimeReports]);
        assert_eq!(plan.parts[2].files, files(&["t.csv", "t2.json"]));
        assert!(Plan::new(vec![(Kind::Accounts, vec![])], None, false).is_err());
    }
}
