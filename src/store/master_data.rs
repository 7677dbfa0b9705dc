//! What the writes of master data share (accounts, price lists, projects, milestones, time
//! reports and expenses: the data revenue items and invoices are made from): what an upsert
//! did, the version a user saw, the external key an edit keeps, the history of a creation and
//! of an edit (one row per changed field, with the caller's reason), and the rates of a price
//! list or a project. Each object's own reads and writes are in its file: `accounts.rs`,
//! `price_lists.rs`, `projects.rs`, `milestone_edits.rs`, `time_entries.rs`.

use super::Writer;
use super::codec;
use super::error::{Result, StoreError};
use crate::domain::Currency;
use crate::domain::master_field::{Change, FieldText, MasterField, as_json};
use crate::domain::rates::Rate;
use crate::domain::scaled::from_micros;
use rusqlite::{Connection, params};

/// What an upsert did to the row it was given: made it, changed these fields of it (their
/// history names), or found it as it was (and wrote nothing: no version, no history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upserted {
    New(i64),
    Changed(i64, Vec<&'static str>),
    Unchanged(i64),
}

impl Upserted {
    /// The row's id, whatever happened to it.
    pub fn id(&self) -> i64 {
        match self {
            Self::New(id) | Self::Changed(id, _) | Self::Unchanged(id) => *id,
        }
    }

    /// What an edit of row `id` changed.
    pub(super) fn of_edit(id: i64, changed: Vec<&'static str>) -> Upserted {
        if changed.is_empty() {
            Self::Unchanged(id)
        } else {
            Self::Changed(id, changed)
        }
    }
}

/// Who changed a row last, and to which version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

impl Stamp {
    /// Refuses an edit of a row seen at another version (`None`: whatever version it is at,
    /// as an import judges the row as it finds it), naming who changed it and when.
    pub(super) fn check_seen(
        &self,
        object: &'static str,
        id: i64,
        seen: Option<i64>,
    ) -> Result<()> {
        match seen {
            Some(v) if v != self.version => Err(StoreError::Stale {
                object,
                id,
                by: self.updated_by.clone(),
                at: self.updated_at.clone(),
            }),
            _ => Ok(()),
        }
    }
}

/// The external key an edit leaves: the stored one unless the input brings one. A stored key
/// never turns into another: it is how the source system finds the row again.
pub(super) fn merged_key(
    what: &str,
    stored: &Option<String>,
    input: &Option<String>,
) -> Result<Option<String>> {
    match (stored, input) {
        (Some(s), Some(i)) if s != i => Err(StoreError::Invalid {
            field: MasterField::ExtKey,
            message: format!(
                "{what} has key {s:?} from its source system, not {i:?}: a key never changes"
            ),
        }),
        (_, Some(i)) => Ok(Some(i.clone())),
        (s, None) => Ok(s.clone()),
    }
}

/// The creation row of the change history: the fields as JSON, with the caller's reason.
pub(super) fn history_created(
    w: &Writer<'_>,
    object: &str,
    id: i64,
    fields: &[FieldText],
    reason: Option<&str>,
) -> Result<()> {
    w.history_created_because(object, id, &as_json(fields), reason)
}

/// One history row per changed field, at version `v`, with the caller's reason; returns the
/// fields' history names.
pub(super) fn history_changes(
    w: &Writer<'_>,
    object: &str,
    id: i64,
    v: i64,
    changes: &[Change],
    reason: Option<&str>,
) -> Result<Vec<&'static str>> {
    for c in changes {
        w.history(
            object,
            id,
            v,
            c.field.as_str(),
            c.old.as_deref(),
            c.new.as_deref(),
            reason,
        )?;
    }
    Ok(changes.iter().map(|c| c.field.as_str()).collect())
}

/// Whether the changes touch `field`.
pub(super) fn touches(changes: &[Change], field: MasterField) -> bool {
    changes.iter().any(|c| c.field == field)
}

/// The owner column of rates: a price list's or a project's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RateOwner {
    PriceList,
    Project,
}

impl RateOwner {
    fn column(self) -> &'static str {
        match self {
            Self::PriceList => "price_list_id",
            Self::Project => "project_id",
        }
    }
}

/// The rates of a price list or a project, in their stored order (by role, then person).
pub(super) fn load_rates(conn: &Connection, owner: RateOwner, id: i64) -> Result<Vec<Rate>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT role, person, rate_micros FROM rates WHERE {} = ?1 ORDER BY role, person",
        owner.column()
    ))?;
    let rows = stmt.query_map([id], |r| {
        Ok(Rate {
            role: r.get(0)?,
            person: r.get(1)?,
            rate: from_micros(r.get(2)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets the rates of a price list or a project (checked by `domain::rates::check_rates`).
/// Rates are part of their owner: their history is the owner's `rates` row.
pub(super) fn write_rates(w: &Writer<'_>, owner: RateOwner, id: i64, rates: &[Rate]) -> Result<()> {
    let column = owner.column();
    w.tx()
        .prepare_cached(&format!("DELETE FROM rates WHERE {column} = ?1"))?
        .execute([id])?;
    let mut insert = w.tx().prepare_cached(&format!(
        "INSERT INTO rates ({column}, role, person, rate_micros) VALUES (?1, ?2, ?3, ?4)"
    ))?;
    for rate in rates {
        insert.execute(params![
            id,
            rate.role,
            rate.person,
            codec::micros(rate.rate)?
        ])?;
    }
    Ok(())
}

/// The currency of a project, or a clear error when the project does not exist.
pub(super) fn project_currency(w: &Writer<'_>, project_id: i64) -> Result<Currency> {
    let code: String = w
        .tx()
        .prepare_cached("SELECT currency FROM projects WHERE id = ?1")?
        .query_row([project_id], |r| r.get(0))
        .map_err(|_| StoreError::NotFound {
            object: "project",
            id: project_id,
        })?;
    codec::currency(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upsert_says_what_it_did() {
        assert_eq!(Upserted::of_edit(3, vec![]), Upserted::Unchanged(3));
        assert_eq!(
            Upserted::of_edit(3, vec!["name"]),
            Upserted::Changed(3, vec!["name"])
        );
        assert_eq!(Upserted::New(4).id(), 4);
    }

    #[test]
    fn a_key_is_set_once() {
        let none = None;
        let k1 = Some("K1".to_string());
        let k2 = Some("K2".to_string());
        assert_eq!(merged_key("account 1", &none, &k1).unwrap(), k1);
        assert_eq!(merged_key("account 1", &k1, &none).unwrap(), k1);
        assert_eq!(merged_key("account 1", &k1, &k1).unwrap(), k1);
        assert!(matches!(
            merged_key("account 1", &k1, &k2),
            Err(StoreError::Invalid {
                field: MasterField::ExtKey,
                ..
            })
        ));
    }
}
