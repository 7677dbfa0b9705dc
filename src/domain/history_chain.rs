//! The keyed chain over the change history. Each row's chain value is an HMAC over the value
//! of the row before it and the row's own fields (its id included), so that a history row
//! rewritten, inserted or deleted behind finctl's back is found, and named, by `verify`. A
//! keyed head (the last row's id and value, under the key) finds the newest rows deleted.

use super::chain_key::{ChainKey, GENESIS};

/// One history row as the chain covers it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryRow {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub object: String,
    pub object_id: i64,
    pub version: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<String>,
}

impl HistoryRow {
    /// How a finding names the row: `row 12 (revenue_item 7 amount, by ann at 2026-...)`.
    pub fn describe(&self) -> String {
        format!(
            "row {} ({} {} {}, by {} at {})",
            self.id, self.object, self.object_id, self.field, self.user, self.at
        )
    }
}

fn opt(v: &Option<String>) -> Vec<u8> {
    // A missing value and an empty one differ.
    match v {
        None => vec![0],
        Some(s) => [&[1u8][..], s.as_bytes()].concat(),
    }
}

/// The chain value of `row` after a row whose value is `previous`.
pub fn history_mac(key: &ChainKey, previous: &str, row: &HistoryRow) -> String {
    key.mac(&[
        b"history row",
        previous.as_bytes(),
        row.id.to_string().as_bytes(),
        row.at.as_bytes(),
        row.user.as_bytes(),
        row.object.as_bytes(),
        row.object_id.to_string().as_bytes(),
        row.version.to_string().as_bytes(),
        row.field.as_bytes(),
        &opt(&row.old),
        &opt(&row.new),
        &opt(&row.reason),
    ])
}

/// The keyed head: the last row's id and chain value (id 0 and GENESIS for no rows).
pub fn history_head_mac(key: &ChainKey, last_id: i64, last_mac: &str) -> String {
    key.mac(&[
        b"history head",
        last_id.to_string().as_bytes(),
        last_mac.as_bytes(),
    ])
}

/// What a walk of the history found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A row without a chain value: finctl gives one to every row it writes.
    Unsealed(String),
    /// A row whose fields no longer match the value finctl gave it.
    Rewritten(String),
    /// A row finctl did not write, between two that follow each other.
    Inserted(String),
    /// Rows missing between two ids.
    Deleted { after: i64, before: i64 },
    /// The newest row (nothing follows to tell which): rewritten or inserted.
    LastChanged(String),
    /// A row that follows nothing before it, for no reason the walk can tell.
    Broken(String),
    /// The head names other rows than the history ends with.
    Head { last_id: i64 },
}

impl Finding {
    pub fn message(&self) -> String {
        match self {
            Finding::Unsealed(r) => format!("{r} has no chain value: it was not written by finctl"),
            Finding::Rewritten(r) => format!("{r} was rewritten after finctl wrote it"),
            Finding::Inserted(r) => format!("{r} was inserted: finctl did not write it"),
            Finding::Deleted { after, before } if before - after == 2 => {
                format!(
                    "row {} was deleted (between rows {after} and {before})",
                    after + 1
                )
            }
            Finding::Deleted { after, before } => {
                format!("rows {} to {} were deleted", after + 1, before - 1)
            }
            Finding::LastChanged(r) => {
                format!("{r}, the newest row, was rewritten or inserted after finctl wrote it")
            }
            Finding::Broken(r) => format!("{r} does not follow the row before it"),
            Finding::Head { last_id } => format!(
                "the history ends at row {last_id} but its keyed head names another end: the newest rows were deleted or the head changed"
            ),
        }
    }
}

/// A row whose value did not match, held until the next row tells why.
struct Pending {
    row: String,
    id: i64,
    stored: String,
    prev_mac: String,
    prev_id: i64,
}

/// Walks the history in id order, one row at a time (a million rows are never held).
pub struct Checker<'k> {
    key: &'k ChainKey,
    prev_mac: String,
    prev_id: i64,
    pending: Option<Pending>,
    findings: Vec<Finding>,
}

impl<'k> Checker<'k> {
    pub fn new(key: &'k ChainKey) -> Self {
        Checker {
            key,
            prev_mac: GENESIS.to_string(),
            prev_id: 0,
            pending: None,
            findings: Vec::new(),
        }
    }

    pub fn push(&mut self, row: &HistoryRow, stored: Option<&str>) {
        if let Some(p) = self.pending.take() {
            self.settle(p, row, stored);
        }
        let Some(stored) = stored else {
            // Not part of the chain: the next row follows the one before this.
            self.findings.push(Finding::Unsealed(row.describe()));
            return;
        };
        if history_mac(self.key, &self.prev_mac, row) == stored {
            self.prev_mac = stored.to_string();
            self.prev_id = row.id;
            return;
        }
        self.pending = Some(Pending {
            row: row.describe(),
            id: row.id,
            stored: stored.to_string(),
            prev_mac: std::mem::take(&mut self.prev_mac),
            prev_id: self.prev_id,
        });
    }

    /// Decides what was wrong with a pending row by the row after it.
    fn settle(&mut self, p: Pending, next: &HistoryRow, next_stored: Option<&str>) {
        let follows = |prev: &str| next_stored == Some(history_mac(self.key, prev, next).as_str());
        let gap = p.id != p.prev_id + 1;
        if gap {
            self.findings.push(Finding::Deleted {
                after: p.prev_id,
                before: p.id,
            });
            self.prev_mac = p.stored;
        } else if follows(&p.stored) {
            self.findings.push(Finding::Rewritten(p.row));
            self.prev_mac = p.stored;
        } else if follows(&p.prev_mac) {
            // The chain goes on from the row before: this one is extra. (Its id is taken, so
            // the next genuine row's id is one more than finctl gave it: the id is in the
            // value, and a row "inserted" with a renumbered tail reads as a broken chain.)
            self.findings.push(Finding::Inserted(p.row));
            self.prev_mac = p.prev_mac;
            self.prev_id = p.prev_id;
            return;
        } else {
            self.findings.push(Finding::Broken(p.row));
            self.prev_mac = p.stored;
        }
        self.prev_id = p.id;
    }

    /// Ends the walk: checks the stored head (`None`: no head, an empty history) and returns
    /// what was found.
    pub fn finish(mut self, head: Option<(i64, &str)>) -> Vec<Finding> {
        if let Some(p) = self.pending.take() {
            if p.id != p.prev_id + 1 {
                self.findings.push(Finding::Deleted {
                    after: p.prev_id,
                    before: p.id,
                });
            } else {
                self.findings.push(Finding::LastChanged(p.row));
            }
            self.prev_mac = p.stored;
            self.prev_id = p.id;
        }
        let expected = history_head_mac(self.key, self.prev_id, &self.prev_mac);
        let sound = match head {
            None => self.prev_id == 0,
            Some((id, mac)) => id == self.prev_id && mac == expected,
        };
        if !sound {
            self.findings.push(Finding::Head {
                last_id: self.prev_id,
            });
        }
        self.findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key() -> ChainKey {
        ChainKey::from_bytes([9; 32])
    }

    fn row(id: i64) -> HistoryRow {
        HistoryRow {
            id,
            at: format!("2026-12-01T10:00:{:02}.000Z", id % 60),
            user: "ann".into(),
            object: "revenue_item".into(),
            object_id: id * 3,
            version: 2,
            field: "amount".into(),
            old: Some("100.00".into()),
            new: Some(format!("{id}.00")),
            reason: None,
        }
    }

    /// Rows with their stored values.
    type Rows = Vec<(HistoryRow, Option<String>)>;

    /// Rows 1..=n with the values and head finctl would give them.
    fn sealed(n: i64) -> (Rows, (i64, String)) {
        let k = key();
        let mut prev = GENESIS.to_string();
        let mut rows = Vec::new();
        for id in 1..=n {
            let r = row(id);
            prev = history_mac(&k, &prev, &r);
            rows.push((r, Some(prev.clone())));
        }
        let head = (n, history_head_mac(&k, n, &prev));
        (rows, head)
    }

    fn walk(rows: &[(HistoryRow, Option<String>)], head: &(i64, String)) -> Vec<Finding> {
        let k = key();
        let mut c = Checker::new(&k);
        for (r, m) in rows {
            c.push(r, m.as_deref());
        }
        c.finish(Some((head.0, &head.1)))
    }

    #[test]
    fn a_sound_history_has_no_findings() {
        let (rows, head) = sealed(5);
        assert_eq!(walk(&rows, &head), vec![]);
        assert_eq!(Checker::new(&key()).finish(None), vec![]);
    }

    #[test]
    fn a_rewritten_row_is_named() {
        let (mut rows, head) = sealed(5);
        rows[2].0.new = Some("1.00".into());
        assert_eq!(
            walk(&rows, &head),
            vec![Finding::Rewritten(rows[2].0.describe())]
        );
    }

    #[test]
    fn an_inserted_row_is_named_wherever_it_is() {
        let (rows, head) = sealed(4);
        // A row appended with a made-up value, and one without any.
        let mut more = rows.clone();
        more.push((row(5), Some("f".repeat(64))));
        let found = walk(&more, &head);
        assert!(
            found.contains(&Finding::LastChanged(row(5).describe())),
            "{found:?}"
        );
        let mut bare = rows.clone();
        bare.push((row(5), None));
        assert_eq!(
            walk(&bare, &head),
            vec![Finding::Unsealed(row(5).describe())]
        );
    }

    #[test]
    fn deleted_rows_are_named_in_the_middle_and_at_the_end() {
        let (rows, head) = sealed(6);
        let mut middle = rows.clone();
        middle.remove(2);
        assert_eq!(
            walk(&middle, &head),
            vec![Finding::Deleted {
                after: 2,
                before: 4
            }]
        );
        // The newest two gone, the head left: the head says so; moved back by hand, it is
        // not a keyed head.
        let tail = &rows[..4];
        assert_eq!(walk(tail, &head), vec![Finding::Head { last_id: 4 }]);
        let moved = (4, rows[3].1.clone().unwrap());
        assert_eq!(walk(tail, &moved), vec![Finding::Head { last_id: 4 }]);
    }

    proptest! {
        #[test]
        fn any_single_change_is_found(n in 2i64..12, at in 0usize..12, what in 0u8..3) {
            let (mut rows, head) = sealed(n);
            let at = at % rows.len();
            match what {
                0 => rows[at].0.user = "mallory".into(),
                1 => { rows.remove(at); }
                _ => rows.insert(at, (row(at as i64 + 1), None)),
            }
            prop_assert!(!walk(&rows, &head).is_empty());
        }
    }
}
