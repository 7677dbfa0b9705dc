//! The change history of an object as the console lists it: newest first, a window at a time
//! (by the history row's id, read through the index `change_history_object_row` of version
//! 19), the object's own rows together with those of its parts, each labelled: a contract
//! line's periods, a billing plan's parts. An invoice's lines keep their changes on the invoice
//! itself (`line 2 amount`), so its history holds them already.

use super::Store;
use super::error::Result;
use super::list_query::Bound;
use crate::domain::change_row::ChangeRow;
use crate::domain::object_kind::ObjectKind;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::Serialize;

/// One object whose rows a history lists, and how its rows are labelled there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub kind: ObjectKind,
    pub id: i64,
    /// `invoice`, `period 3`, `part 2`, `account Acme`.
    pub label: String,
}

/// One row of the change history, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryRow {
    /// The row's own id: the order the changes were made in.
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

/// The columns of a [`HistoryRow`], in `HistoryRow::from_row`'s order.
pub(super) const HISTORY_COLUMNS: &str =
    "id, at, user, object, object_id, version, field, old, new, reason";

impl HistoryRow {
    pub(super) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<HistoryRow> {
        Ok(HistoryRow {
            id: r.get(0)?,
            at: r.get(1)?,
            user: r.get(2)?,
            object: r.get(3)?,
            object_id: r.get(4)?,
            version: r.get(5)?,
            field: r.get(6)?,
            old: r.get(7)?,
            new: r.get(8)?,
            reason: r.get(9)?,
        })
    }

    /// The row as the history sentences read it.
    pub fn as_row(&self) -> ChangeRow<'_> {
        ChangeRow {
            at: &self.at,
            user: &self.user,
            field: &self.field,
            old: self.old.as_deref(),
            new: self.new.as_deref(),
            reason: self.reason.as_deref(),
        }
    }

    /// Whether the row is one of `subject`'s.
    pub fn is_of(&self, subject: &Subject) -> bool {
        self.object == subject.kind.as_str() && self.object_id == subject.id
    }
}

impl Store {
    /// The objects whose rows the history of object `id` of `kind` lists, itself first: a
    /// contract line with its periods, a billing plan with its parts, any other object alone.
    /// An object deleted since keeps its history: it is listed by its kind.
    pub fn history_subjects(&self, kind: ObjectKind, id: i64) -> Result<Vec<Subject>> {
        // The object's label as it stands, or its kind once it is gone.
        let named = |sql: &str| -> Result<String> {
            let name: Option<String> = self.conn().query_row(sql, [id], |r| r.get(0)).optional()?;
            Ok(name.unwrap_or_else(|| kind.label()))
        };
        let label = match kind {
            ObjectKind::RevenueItem => "item".to_string(),
            ObjectKind::Invoice => {
                named("SELECT replace(kind, '_', ' ') FROM invoices WHERE id = ?1")?
            }
            ObjectKind::ProgressStatus => {
                named("SELECT 'period ' || seq FROM progress_statuses WHERE id = ?1")?
            }
            ObjectKind::PlanPart => {
                named("SELECT 'part ' || position FROM plan_parts WHERE id = ?1")?
            }
            ObjectKind::Milestone => {
                named("SELECT 'milestone ' || code FROM milestones WHERE id = ?1")?
            }
            ObjectKind::Project => named("SELECT 'project ' || code FROM projects WHERE id = ?1")?,
            ObjectKind::Account => named("SELECT 'account ' || name FROM accounts WHERE id = ?1")?,
            ObjectKind::BillingPlan => "plan".to_string(),
            ObjectKind::RevenueAdjustment => "adjustment".to_string(),
            other => other.label(),
        };
        let mut subjects = vec![Subject { kind, id, label }];
        let children = match kind {
            ObjectKind::ContractLine => Some((
                ObjectKind::ProgressStatus,
                "SELECT id, 'period ' || seq FROM progress_statuses WHERE line_id = ?1 ORDER BY seq",
            )),
            ObjectKind::BillingPlan => Some((
                ObjectKind::PlanPart,
                "SELECT id, 'part ' || position FROM plan_parts WHERE plan_id = ?1 ORDER BY position",
            )),
            _ => None,
        };
        if let Some((child, sql)) = children {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map([id], |r| {
                Ok(Subject {
                    kind: child,
                    id: r.get(0)?,
                    label: r.get(1)?,
                })
            })?;
            for s in rows {
                subjects.push(s?);
            }
        }
        Ok(subjects)
    }

    /// The billing plan of a project with its parts (nothing when it has no plan).
    pub fn plan_history_subjects(&self, project_id: i64) -> Result<Vec<Subject>> {
        let plan: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM billing_plans WHERE project_id = ?1",
                [project_id],
                |r| r.get(0),
            )
            .optional()?;
        match plan {
            Some(id) => self.history_subjects(ObjectKind::BillingPlan, id),
            None => Ok(Vec::new()),
        }
    }

    /// At most `limit` rows of the subjects' history from `bound`, newest first (the list's
    /// order: by the rows' ids, descending; `Bound::Before(k)` is the rows just newer than
    /// `k`). Each kind of subject is read by its index from the bound on, so a window costs
    /// the rows it holds, however long the history is.
    pub fn history_window(
        &self,
        subjects: &[Subject],
        bound: &Bound<i64>,
        limit: usize,
    ) -> Result<Vec<HistoryRow>> {
        if subjects.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let (sql, params, newest_first) = window_query(subjects, bound, limit);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), HistoryRow::from_row)?;
        let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        if !newest_first {
            rows.reverse();
        }
        Ok(rows)
    }

    /// How SQLite reads a window of `history_window` (its `EXPLAIN QUERY PLAN`, one step a
    /// line): what the tests hold it to (the index, no sort of an object's whole history).
    pub fn history_window_plan(&self, subjects: &[Subject], bound: &Bound<i64>) -> Result<String> {
        let (sql, params, _) = window_query(subjects, bound, 100);
        let mut stmt = self.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let steps = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            r.get::<_, String>(3)
        })?;
        Ok(steps.collect::<rusqlite::Result<Vec<_>>>()?.join("\n"))
    }

    /// How many rows the subjects' history holds (counted in the index).
    pub fn history_count(&self, subjects: &[Subject]) -> Result<usize> {
        let mut total = 0i64;
        for (kind, ids) in by_kind(subjects) {
            let marks = vec!["?"; ids.len()].join(", ");
            let sql = format!(
                "SELECT count(*) FROM change_history WHERE object = ? AND object_id IN ({marks})"
            );
            let mut params = vec![Value::Text(kind.as_str().to_string())];
            params.extend(ids.into_iter().map(Value::Integer));
            let n: i64 = self
                .conn()
                .prepare_cached(&sql)?
                .query_row(rusqlite::params_from_iter(params), |r| r.get(0))?;
            total += n;
        }
        Ok(usize::try_from(total).unwrap_or(0))
    }
}

/// The query of a window of the subjects' rows from `bound`, its parameters, and whether it
/// reads newest first (else its rows come oldest first and are turned round).
fn window_query(
    subjects: &[Subject],
    bound: &Bound<i64>,
    limit: usize,
) -> (String, Vec<Value>, bool) {
    let (condition, key, newest_first) = match bound {
        Bound::Start => ("", None, true),
        Bound::From(k) => (" AND id <= ?", Some(*k), true),
        Bound::After(k) => (" AND id < ?", Some(*k), true),
        Bound::Before(k) => (" AND id > ?", Some(*k), false),
        Bound::End => ("", None, false),
    };
    let order = if newest_first { "DESC" } else { "ASC" };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut params: Vec<Value> = Vec::new();
    let mut parts = Vec::new();
    for (kind, ids) in by_kind(subjects) {
        let marks = vec!["?"; ids.len()].join(", ");
        parts.push(format!(
            "SELECT * FROM (SELECT {HISTORY_COLUMNS} FROM change_history
             WHERE object = ? AND object_id IN ({marks}){condition}
             ORDER BY id {order} LIMIT ?)"
        ));
        params.push(Value::Text(kind.as_str().to_string()));
        params.extend(ids.into_iter().map(Value::Integer));
        params.extend(key.map(Value::Integer));
        params.push(Value::Integer(limit));
    }
    params.push(Value::Integer(limit));
    let sql = format!(
        "SELECT {HISTORY_COLUMNS} FROM ({}) ORDER BY id {order} LIMIT ?",
        parts.join(" UNION ALL ")
    );
    (sql, params, newest_first)
}

/// The subjects' ids by kind, kinds in their first subject's order.
fn by_kind(subjects: &[Subject]) -> Vec<(ObjectKind, Vec<i64>)> {
    let mut out: Vec<(ObjectKind, Vec<i64>)> = Vec::new();
    for s in subjects {
        match out.iter_mut().find(|(k, _)| *k == s.kind) {
            Some((_, ids)) if ids.contains(&s.id) => {}
            Some((_, ids)) => ids.push(s.id),
            None => out.push((s.kind, vec![s.id])),
        }
    }
    out
}
