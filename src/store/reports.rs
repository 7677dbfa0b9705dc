//! The revenue and billing report: forecast, billing, revenue and adjustments per group
//! (project, account or business unit), currency and month, as SQL aggregates over minor
//! units (exact to the cent); and what each figure is made of. `domain::report` says what the
//! figures mean.

use super::Store;
use super::adjustments::Adjustment;
use super::cost_rates::{COST_OF_REPORT, RATE_OF_REPORT};
use super::error::{Result, StoreError};
use super::filter_sql::report_term;
use super::list_query::like_pattern;
pub use super::report_tally::Group;
use super::report_tally::Tally;
use crate::domain::filter_query::{self, FilterQuery, ListKind};
use crate::domain::report::{Figures, GroupBy, Measure, YearMonth};
use crate::domain::scaled::from_micros;
use crate::domain::{Currency, Money};
use rusqlite::types::Value;
use std::collections::HashSet;

/// Which projects, accounts or business units the report sums: what the user typed after `/`.
/// Words match the group as the report is grouped (a project's code or name, an account's
/// name, a business unit); the terms `project:` `account:` `bu:` narrow whatever the grouping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub text: String,
}

impl ReportFilter {
    /// The typed filter read: refused with the term and what is wrong with it.
    pub fn query(&self) -> Result<FilterQuery> {
        filter_query::parse(&self.text, ListKind::Report)
            .map_err(|e| StoreError::refused(e.to_string()))
    }

    /// The conditions (each after AND) on the project `p` and the account `a` of what a sum
    /// reads, with their parameters: anonymous, so numbered after those of the query before.
    fn sql(&self, group: GroupBy) -> Result<(String, Vec<Value>)> {
        let query = self.query()?;
        let mut sql = String::new();
        let mut args = Vec::new();
        for term in &query.terms {
            let (cond, a) = report_term(term);
            sql.push_str(" AND ");
            sql.push_str(&cond);
            args.extend(a);
        }
        if !query.words.is_empty() {
            let pattern = Value::Text(like_pattern(&query.words));
            let cond = match group {
                GroupBy::Project => {
                    args.push(pattern.clone());
                    "p.id IN (SELECT id FROM projects WHERE code LIKE ? ESCAPE '\\' \
                     OR name LIKE ? ESCAPE '\\')"
                }
                GroupBy::Account => {
                    "a.id IN (SELECT id FROM accounts WHERE name LIKE ? ESCAPE '\\')"
                }
                GroupBy::BusinessUnit => {
                    "a.id IN (SELECT id FROM accounts WHERE business_unit LIKE ? ESCAPE '\\')"
                }
                GroupBy::Person => "t.person LIKE ? ESCAPE '\\'",
            };
            args.push(pattern);
            sql.push_str(" AND ");
            sql.push_str(cond);
        }
        Ok((sql, args))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportQuery {
    pub from: YearMonth,
    pub to: YearMonth,
    pub group: GroupBy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub group: Group,
    pub currency: Currency,
    pub month: YearMonth,
    pub figures: Figures,
}

/// (id, key, label) of the group, for each grouping. Items and adjustments see the project
/// (`p`) and its account (`a`); documents see the line's project and the invoice's account;
/// time reports (`t`, the only rows a person's group has) their project and its account.
fn group_columns(g: GroupBy) -> &'static str {
    match g {
        GroupBy::Project => "p.id, p.code, p.name",
        GroupBy::Account => "a.id, a.name, a.name",
        GroupBy::BusinessUnit => "0, a.business_unit, a.business_unit",
        GroupBy::Person => "0, t.person, t.person",
    }
}

fn group_filter(g: GroupBy) -> &'static str {
    match g {
        GroupBy::Project => "p.id = ?3",
        GroupBy::Account => "a.id = ?3",
        GroupBy::BusinessUnit => "a.business_unit = ?4",
        GroupBy::Person => "t.person = ?4",
    }
}

/// Day bounds of a month range: [first day of `from`, first day after `to`).
fn days(q: &ReportQuery) -> (String, String) {
    (
        q.from.first_day().to_string(),
        q.to.plus(1).first_day().to_string(),
    )
}

const ITEMS: &str = "FROM revenue_items i JOIN projects p ON p.id = i.project_id
                     JOIN accounts a ON a.id = i.account_id
                     WHERE i.status IN ('open', 'billable')
                       AND i.planned_invoice_date >= ?1 AND i.planned_invoice_date < ?2";
/// The forecast sums the triggers keep (`forecast_months`), for the report's totals.
const FORECAST: &str = "FROM forecast_months f JOIN projects p ON p.id = f.project_id
                        JOIN accounts a ON a.id = p.account_id
                        WHERE f.month >= substr(?1, 1, 7) AND f.month < substr(?2, 1, 7)";
const LINES: &str = "FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
                     JOIN projects p ON p.id = l.project_id JOIN accounts a ON a.id = v.account_id
                     WHERE v.invoice_date >= ?1 AND v.invoice_date < ?2";
const ADJUSTMENTS: &str = "FROM revenue_adjustments r JOIN projects p ON p.id = r.project_id
                           JOIN accounts a ON a.id = p.account_id
                           WHERE r.month >= substr(?1, 1, 7) AND r.month < substr(?2, 1, 7)";
/// Time reports with their project, its account and the cost rate of each (`c`, NULL where
/// none was valid on the report's date), in the project's currency.
fn time_reports() -> String {
    format!(
        "FROM time_reports t JOIN projects p ON p.id = t.project_id
         JOIN accounts a ON a.id = p.account_id
         LEFT JOIN cost_rates c ON c.id = {RATE_OF_REPORT}
         WHERE t.work_date >= ?1 AND t.work_date < ?2"
    )
}
/// A line's net with the document's sign: credit notes take away.
const SIGNED: &str = "CASE v.kind WHEN 'credit_note' THEN -l.net_minor ELSE l.net_minor END";

impl Store {
    /// Every non-zero (group, currency, month) of the range, by group, currency and month.
    pub fn report(&self, q: &ReportQuery) -> Result<Vec<ReportRow>> {
        self.report_narrowed(q, &ReportFilter::default())
    }

    /// The report of what `filter` narrows it to: its rows, and so its totals, read only the
    /// items, document lines and adjustments of the projects and accounts the filter names.
    pub fn report_narrowed(
        &self,
        q: &ReportQuery,
        filter: &ReportFilter,
    ) -> Result<Vec<ReportRow>> {
        let (parts, args) = statements(q, filter)?;
        let mut tally = Tally::default();
        // One read transaction: the sums see one moment of the database, so a document
        // confirmed meanwhile is in both billing and revenue or in neither.
        let _snapshot = self.conn().unchecked_transaction()?;
        for (slot, sql) in parts {
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let width = stmt.column_count() - 5;
            let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
            while let Some(r) = rows.next()? {
                tally.add(r, slot, width)?;
            }
        }
        let sums = tally.into_sorted();
        let mut out = Vec::with_capacity(sums.len());
        for (group, currency, month, [f, b, r, a, cost, h, billable, uncosted]) in sums {
            let figures = Figures {
                forecast: currency.from_minor(f),
                billing: currency.from_minor(b),
                invoiced_revenue: currency.from_minor(r),
                adjustments: currency.from_minor(a),
                cost: currency.from_minor(cost),
                hours: from_micros(h),
                billable_hours: from_micros(billable),
                hours_without_cost: from_micros(uncosted),
            };
            if figures.is_zero() {
                continue;
            }
            out.push(ReportRow {
                group,
                currency,
                month,
                figures,
            });
        }
        Ok(out)
    }
}

/// The statements the report runs, each with the first of the sums its figures go to (see
/// `report_tally::Sums`): every row is `id, key, label, currency, month, figure...`.
pub type Statements = Vec<(usize, String)>;

/// The report's statements and their parameters. Public so that the benchmark times SQLite
/// alone on the very same statements.
pub fn statements(q: &ReportQuery, filter: &ReportFilter) -> Result<(Statements, Vec<Value>)> {
    let g = group_columns(q.group);
    let (from, to) = days(q);
    let (narrow, narrow_args) = filter.sql(q.group)?;
    let mut args = vec![Value::Text(from), Value::Text(to)];
    args.extend(narrow_args);
    let time = time_reports();
    let mut parts: Statements = vec![(
        4,
        format!(
            "SELECT {g}, p.currency, substr(t.work_date, 1, 7),
                    sum(CASE WHEN c.id IS NULL THEN 0 ELSE {COST_OF_REPORT} END),
                    sum(t.hours_micros),
                    sum(CASE WHEN t.billable THEN t.hours_micros ELSE 0 END),
                    sum(CASE WHEN c.id IS NULL THEN t.hours_micros ELSE 0 END)
             {time}{narrow} GROUP BY 1, 2, 4, 5"
        ),
    )];
    if q.group.has_revenue() {
        parts.extend([
            (
                0,
                format!(
                    // One row per project, currency and month already (the table's key):
                    // summed below, without SQLite sorting them first.
                    "SELECT {g}, f.currency, f.month, f.amount_minor {FORECAST}{narrow}"
                ),
            ),
            (
                1,
                format!(
                    "SELECT {g}, v.currency, substr(v.invoice_date, 1, 7), sum({SIGNED}) {LINES}{narrow} GROUP BY 1, 2, 4, 5"
                ),
            ),
            (
                2,
                format!(
                    "SELECT {g}, v.currency, substr(v.invoice_date, 1, 7), sum({SIGNED}) {LINES} AND v.status = 'confirmed'{narrow} GROUP BY 1, 2, 4, 5"
                ),
            ),
            (
                3,
                format!(
                    "SELECT {g}, r.currency, r.month, sum(r.amount_minor) {ADJUSTMENTS}{narrow} GROUP BY 1, 2, 4, 5"
                ),
            ),
        ]);
    }
    Ok((parts, args))
}

impl Store {
    /// The adjustments of a range of months (both included) that `filter` keeps, its words
    /// read as the report is grouped (`group`): the ones the report's adjustments add up.
    pub fn adjustments_narrowed(
        &self,
        from: YearMonth,
        to: YearMonth,
        group: GroupBy,
        filter: &ReportFilter,
    ) -> Result<Vec<Adjustment>> {
        let all = self.adjustments(from, to)?;
        // Adjustments belong to projects, not people: grouped by person, the filter's words
        // name people, so every adjustment of the range is listed.
        if filter.text.trim().is_empty() || !group.has_revenue() {
            return Ok(all);
        }
        let (narrow, narrow_args) = filter.sql(group)?;
        let (first, after) = days(&ReportQuery { from, to, group });
        let mut args = vec![Value::Text(first), Value::Text(after)];
        args.extend(narrow_args);
        let kept: HashSet<i64> = self
            .conn()
            .prepare_cached(&format!("SELECT r.id {ADJUSTMENTS}{narrow}"))?
            .query_map(rusqlite::params_from_iter(&args), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(all.into_iter().filter(|a| kept.contains(&a.id)).collect())
    }
}

/// What one figure is made of: an item, a document or an adjustment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    pub id: i64,
    pub date: String,
    /// Project code, invoice number (or "draft N"), or adjustment's project.
    pub reference: String,
    pub text: String,
    pub status: String,
    pub amount: Money,
    /// A time report's hours.
    pub time: Option<PartHours>,
}

/// The hours of a time report in a breakdown, and whether they are billable and have a cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartHours {
    pub hours: rust_decimal::Decimal,
    pub billable: bool,
    /// Whether a cost rate was valid on its date (else its cost is none, not zero).
    pub costed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Item,
    Document,
    Adjustment,
    TimeReport,
}

/// The cell of the report a breakdown is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub group_by: GroupBy,
    pub group: Group,
    pub currency: Currency,
    pub month: YearMonth,
    pub measure: Measure,
    /// What the report was narrowed to: the figure reads the same rows.
    pub filter: ReportFilter,
}

/// At most this many parts of each kind are listed.
pub const PARTS_LIMIT: usize = 2000;

impl Store {
    /// The items, documents and adjustments a figure adds up, and whether a list stopped at
    /// [`PARTS_LIMIT`] (then the parts add up to less than the figure).
    pub fn report_parts(&self, c: &Cell) -> Result<(Vec<Part>, bool)> {
        if !c.measure.applies_to(c.group_by) {
            // A person's row has no revenue: nothing makes up what it does not have.
            return Ok((Vec::new(), false));
        }
        let q = ReportQuery {
            from: c.month,
            to: c.month,
            group: c.group_by,
        };
        let (from, to) = days(&q);
        let group = group_filter(c.group_by);
        // After the numbered parameters, so that its own are numbered from 6 on.
        let (narrow, narrow_args) = c.filter.sql(c.group_by)?;
        let mut args: Vec<Value> = vec![
            Value::Text(from),
            Value::Text(to),
            Value::Integer(c.group.id),
            Value::Text(c.group.key.clone()),
            Value::Text(c.currency.code().to_string()),
        ];
        args.extend(narrow_args);
        let limit = PARTS_LIMIT;
        let items = format!(
            "SELECT 0, i.id, i.planned_invoice_date, p.code, i.name, i.status, i.planned_amount_minor
             {ITEMS} AND {group} AND i.currency = ?5{narrow} ORDER BY i.planned_invoice_date, i.id LIMIT {limit}"
        );
        // Which documents, and the sign they count with: billing takes every document,
        // revenue the confirmed ones; the difference (revenue less billing) is what is billed
        // but not confirmed, taken away.
        let docs = |status: &str, sign: &str| {
            format!(
                "SELECT 1, v.id, v.invoice_date, coalesce(v.number, 'draft ' || v.id), a.name,
                        v.kind || ' ' || v.status, {sign}sum({SIGNED})
                 {LINES} AND {group} AND v.currency = ?5{narrow} {status}
                 GROUP BY v.id ORDER BY v.invoice_date, v.id LIMIT {limit}"
            )
        };
        let adjustments = format!(
            "SELECT 2, r.id, r.month, p.code, r.reason, 'adjustment', r.amount_minor
             {ADJUSTMENTS} AND {group} AND r.currency = ?5{narrow} ORDER BY r.month, r.id LIMIT {limit}"
        );
        // A time report with its cost (with the sign it counts with), hours, billable flag and
        // whether a cost rate was valid on its date.
        let time = |sign: &str| {
            format!(
                "SELECT 3, t.id, t.work_date, t.person, t.role || coalesce(': ' || nullif(t.description, ''), ''),
                        CASE WHEN c.id IS NULL THEN 'no cost rate' ELSE 'at ' || c.hourly_cost_minor END,
                        {sign}coalesce({COST_OF_REPORT}, 0), t.hours_micros, t.billable, c.id IS NOT NULL
                 {} AND {group} AND p.currency = ?5{narrow}
                 ORDER BY t.work_date, t.id LIMIT {limit}",
                time_reports()
            )
        };
        let queries: Vec<String> = match c.measure {
            Measure::Forecast => vec![items],
            Measure::Billing => vec![docs("", "")],
            Measure::Revenue => vec![docs("AND v.status = 'confirmed'", ""), adjustments],
            Measure::Adjustments => vec![adjustments],
            Measure::Difference => vec![docs("AND v.status <> 'confirmed'", "-"), adjustments],
            Measure::Cost | Measure::Utilisation => vec![time("")],
            Measure::Margin => vec![
                docs("AND v.status = 'confirmed'", ""),
                adjustments,
                time("-"),
            ],
        };
        let mut out = Vec::new();
        let mut truncated = false;
        for sql in queries {
            let before = out.len();
            // Unused parameters are fine for SQLite only when numbered: bind all five.
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
            while let Some(r) = rows.next()? {
                let kind = match r.get::<_, i64>(0)? {
                    0 => PartKind::Item,
                    1 => PartKind::Document,
                    2 => PartKind::Adjustment,
                    _ => PartKind::TimeReport,
                };
                let time = match kind {
                    PartKind::TimeReport => Some(PartHours {
                        hours: from_micros(r.get(7)?),
                        billable: r.get(8)?,
                        costed: r.get(9)?,
                    }),
                    _ => None,
                };
                let mut status: String = r.get(5)?;
                if let Some(minor) = status.strip_prefix("at ").and_then(|m| m.parse().ok()) {
                    // The rate as an amount: `at 62.50 an hour`.
                    status = format!("at {} an hour", c.currency.from_minor(minor));
                }
                out.push(Part {
                    kind,
                    id: r.get(1)?,
                    date: r.get(2)?,
                    reference: r.get(3)?,
                    text: r.get(4)?,
                    status,
                    amount: Money::from_minor(r.get(6)?, c.currency),
                    time,
                });
            }
            truncated |= out.len() - before >= PARTS_LIMIT;
        }
        Ok((out, truncated))
    }
}
