//! The revenue item lists (finance control and all items): a window of rows at a time in
//! (planned date, id) order, keyset-paged. Their count and totals are `item_totals.rs`.

use super::Store;
use super::error::{Result, StoreError};
use super::filter_sql::{item_candidates, item_term};
use super::list_query::{Bound, like_pattern};
use super::revenue_items::{ITEM_COLUMN_COUNT, ITEM_COLUMNS, RevenueItem};
use crate::domain::Money;
use crate::domain::billing_rule::BillingRule;
use crate::domain::filter_query::{self, FilterQuery, ListKind, Term};
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::warnings::{Warning, collect_warning, item_warning};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

/// Which items a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFilter {
    /// Finance control: only billable and draft-invoice items planned up to this day.
    pub due_until: Option<NaiveDate>,
    /// What the user typed: words, a substring of the name, project code, account or
    /// invoice number (any case), and terms (`domain::filter_query`).
    pub text: String,
    /// The day the warning terms (`warning:overdue`) are judged on; the local day when none.
    pub today: Option<NaiveDate>,
}

/// "No limit" for the finance control horizon: a date every planned date sorts before (dates
/// are compared as text in SQL, so chrono's MAX, "+262142-12-31", would sort first).
pub fn no_horizon() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

impl ItemFilter {
    /// The day finance control looks up to, unless it looks at every date.
    pub fn horizon(&self) -> Option<NaiveDate> {
        self.due_until.filter(|d| *d < no_horizon())
    }

    pub fn finance_control(until: NaiveDate) -> Self {
        ItemFilter {
            due_until: Some(until),
            text: String::new(),
            today: None,
        }
    }

    pub fn all() -> Self {
        ItemFilter {
            due_until: None,
            text: String::new(),
            today: None,
        }
    }

    /// The same filter judging warnings on `today`.
    pub fn on(self, today: NaiveDate) -> Self {
        ItemFilter {
            today: Some(today),
            ..self
        }
    }

    /// The typed filter read: refused with the term and what is wrong with it.
    pub fn query(&self) -> Result<FilterQuery> {
        filter_query::parse(&self.text, ListKind::Items)
            .map_err(|e| StoreError::refused(e.to_string()))
    }

    /// The terms' conditions, after the rest of a WHERE clause.
    fn terms_sql(&self, query: &FilterQuery, sql: &mut String, args: &mut Vec<Value>) {
        let today = self
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        for term in &query.terms {
            let (cond, a) = item_term(term, today);
            sql.push_str(" AND ");
            sql.push_str(&cond);
            args.extend(a);
        }
    }

    /// The WHERE clause (after `WHERE 1`) and its parameters, for scans in list order;
    /// `names` is what `item_names` said of the words (`Names::Unasked` when not asked).
    pub(super) fn sql(&self, names: Names) -> Result<(String, Vec<Value>)> {
        let query = self.query()?;
        let (mut sql, mut args) = self.scope_sql();
        self.terms_sql(&query, &mut sql, &mut args);
        if let Some((_, _, pattern)) = text_parts(&query.words, names) {
            // Accounts, projects and invoices answer once each; the scan of the items compares
            // the name and looks ids up. (The name index would first list every match: fine
            // when they are few, which is the other path's case.)
            let name = match names {
                Names::Nowhere => "? IS NULL",
                _ => "i.name LIKE ? ESCAPE '\\'",
            };
            let name_arg = Value::Text(pattern.clone());
            sql.push_str(&format!(
                " AND ({name}
                   OR i.account_id IN (SELECT id FROM accounts WHERE name LIKE ? ESCAPE '\\')
                   OR i.project_id IN (SELECT id FROM projects WHERE code LIKE ? ESCAPE '\\')
                   OR i.id IN (SELECT l.revenue_item_id FROM invoice_lines l
                               JOIN invoices v ON v.id = l.invoice_id
                               WHERE v.number LIKE ? ESCAPE '\\' AND l.revenue_item_id IS NOT NULL))"
            ));
            args.push(name_arg);
            args.extend(std::iter::repeat_n(Value::Text(pattern), 3));
        }
        Ok((sql, args))
    }

    /// The same filter as a set of matching ids, for queries driven by the matches (sparse
    /// filters, totals): " AND i.id IN (...)", from the words or else from a term with an
    /// index (`None` when neither narrows by an index: the rows are then scanned).
    pub(super) fn ids_sql(&self, names: Names) -> Result<Option<(String, Vec<Value>)>> {
        let query = self.query()?;
        let (mut sql, mut args) = self.scope_sql();
        self.terms_sql(&query, &mut sql, &mut args);
        if let Some((name, name_arg, pattern)) = text_parts(&query.words, names) {
            let name_ids = if names == Names::Nowhere {
                // No name has the text: the other sets answer alone (SQLite skips a loop
                // whose WHERE is constant and false).
                "SELECT id FROM revenue_items WHERE ? IS NULL".to_string()
            } else if name.starts_with("i.id IN") {
                "SELECT rowid FROM revenue_item_search WHERE name LIKE ?".to_string()
            } else {
                "SELECT id FROM revenue_items WHERE name LIKE ? ESCAPE '\\'".to_string()
            };
            sql.push_str(&format!(
                " AND i.id IN ({name_ids}
                   UNION SELECT id FROM revenue_items WHERE account_id IN
                       (SELECT id FROM accounts WHERE name LIKE ? ESCAPE '\\')
                   UNION SELECT id FROM revenue_items WHERE project_id IN
                       (SELECT id FROM projects WHERE code LIKE ? ESCAPE '\\')
                   UNION SELECT l.revenue_item_id FROM invoice_lines l
                       JOIN invoices v ON v.id = l.invoice_id
                       WHERE v.number LIKE ? ESCAPE '\\' AND l.revenue_item_id IS NOT NULL)"
            ));
            args.push(name_arg);
            args.extend(std::iter::repeat_n(Value::Text(pattern), 3));
        } else if let Some((ids, a)) = item_candidates(&query.terms) {
            sql.push_str(&format!(" AND i.id IN ({ids})"));
            args.extend(a);
        } else {
            return Ok(None);
        }
        Ok(Some((sql, args)))
    }

    /// The WHERE conditions (after `WHERE 1`) of a walk of every row the filter shows, with
    /// the row as `i`.
    pub(crate) fn scan_sql(&self) -> Result<(String, Vec<Value>)> {
        self.sql(Names::Unasked)
    }

    /// Status and horizon of the finance control list.
    pub(super) fn scope_sql(&self) -> (String, Vec<Value>) {
        match self.due_until {
            // The same expression as the partial index, so SQLite can use it.
            Some(until) => (
                " AND i.status IN ('billable', 'draft_invoice') AND i.planned_invoice_date <= ?"
                    .into(),
                vec![Value::Text(until.to_string())],
            ),
            None => (String::new(), Vec::new()),
        }
    }

    /// Where a scan of every row the filter shows reads. The finance control list reads its
    /// covering partial index when that holds every column the filter asks (dates, currencies,
    /// amounts): SQLite would otherwise pick the (status, date) index and sort a quarter of a
    /// million rows. Any other filter reads the table in its own order: looking each row of the
    /// partial index up in the table jumps all over the file (`services` on the finance control
    /// list of 1,000,000 items: 0.44 s through the index, 0.15 s by the table), and so does
    /// reading many rows through the date index (`warning:overdue`'s totals over all items:
    /// 1.5 s through the index, 0.4 s by the table). This scan runs only when the filter's
    /// candidates are many.
    pub(super) fn items_source(&self) -> Result<&'static str> {
        let query = self.query()?;
        let covered = query.words.trim().is_empty()
            && query
                .terms
                .iter()
                .all(|t| matches!(t, Term::Date(_) | Term::Currency(_) | Term::Amount(_)));
        Ok(if self.due_until.is_some() && covered {
            "FROM revenue_items i INDEXED BY revenue_items_finance_control"
        } else {
            "FROM revenue_items i NOT INDEXED"
        })
    }

    /// The window's scan walks the list's own order: with a term that an index also answers
    /// (`account:` matching a third of the items) SQLite would otherwise read every match from
    /// that index and sort them all, 0.5 s on 1,000,000 items, to show the first 50.
    fn window_source(&self) -> &'static str {
        if self.due_until.is_some() {
            "FROM revenue_items i INDEXED BY revenue_items_finance_control"
        } else {
            "FROM revenue_items i INDEXED BY revenue_items_date"
        }
    }
}

/// What the names seen (`item_names`) say of a filter's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Names {
    /// Not asked (a scan of every row follows anyway, as for an export).
    Unasked,
    /// Some name has the text, or the trigram index answers it.
    Somewhere,
    /// No item's name contains the text.
    Nowhere,
}

/// Whether any item's name could contain the filter's words. Asked only of text the trigram
/// index cannot answer (one or two letters, wildcards): the few thousand distinct names say in
/// a millisecond what a scan of a million items takes 150 ms to find, that none has it.
pub(super) fn names_of(conn: &Connection, filter: &ItemFilter) -> Result<Names> {
    let query = filter.query()?;
    let text = query.words.trim();
    if text.is_empty() || trigram_answers(text) {
        return Ok(Names::Somewhere);
    }
    let any: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM item_names WHERE name LIKE ? ESCAPE '\\')")?
        .query_row([like_pattern(text)], |r| r.get(0))?;
    Ok(if any {
        Names::Somewhere
    } else {
        Names::Nowhere
    })
}

/// The trigram index answers substrings of three characters or more without wildcards (it
/// cannot honour ESCAPE).
fn trigram_answers(text: &str) -> bool {
    text.chars().count() >= 3 && !text.contains(['%', '_', '\\'])
}

/// The name condition, its argument, and the LIKE pattern for the other columns. Shorter
/// text than the trigram index takes matches so many names that a scan finds them fast, or
/// none (`Names::Nowhere`: the condition is false, its argument unused).
fn text_parts(words: &str, names: Names) -> Option<(&'static str, Value, String)> {
    let text = words.trim();
    if text.is_empty() {
        return None;
    }
    let pattern = like_pattern(text);
    let indexed = names != Names::Nowhere && trigram_answers(text);
    Some(if indexed {
        (
            "i.id IN (SELECT rowid FROM revenue_item_search WHERE name LIKE ?)",
            Value::Text(format!("%{text}%")),
            pattern,
        )
    } else {
        (
            "i.name LIKE ? ESCAPE '\\'",
            Value::Text(pattern.clone()),
            pattern,
        )
    })
}

/// The key of a row in list order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ItemKey {
    pub date: NaiveDate,
    pub id: i64,
}

/// One row of a revenue item list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    pub id: i64,
    pub version: i64,
    pub planned_invoice_date: NaiveDate,
    pub account: String,
    pub project: String,
    pub name: String,
    pub billing_rule: BillingRule,
    /// The collected (actual) amount once on an invoice, else the planned amount (for time and
    /// materials, what it would invoice now; never its estimate).
    pub amount: Money,
    pub status: RevenueStatus,
    /// The draft invoice the item is on.
    pub draft_invoice: Option<i64>,
    /// `Some(reached)` for items that wait for a milestone.
    pub milestone_reached: Option<bool>,
    /// Time and materials: why its time cannot be priced now (its amount is then 0).
    pub collect_error: Option<String>,
}

impl ItemRow {
    pub fn key(&self) -> ItemKey {
        ItemKey {
            date: self.planned_invoice_date,
            id: self.id,
        }
    }

    /// What the row warns of: first what a time-and-materials item cannot collect (it cannot
    /// be invoiced at all), then its dates (`domain::warnings`). Every list and its files say
    /// the same.
    pub fn warning(&self, today: NaiveDate) -> Option<Warning> {
        collect_warning(
            self.billing_rule,
            self.status,
            self.amount.amount,
            self.collect_error.is_some(),
        )
        .or_else(|| {
            item_warning(
                self.status,
                self.planned_invoice_date,
                self.milestone_reached,
                today,
            )
        })
    }
}

fn row_select(filter: &ItemFilter) -> String {
    row_select_from(filter.window_source())
}

/// The item's own columns, then what the list shows beside them: account, project, the draft
/// invoice it is on, whether its milestone is reached.
fn row_select_from(source: &str) -> String {
    format!(
        "SELECT {ITEM_COLUMNS}, a.name, p.code,
            (SELECT l.invoice_id FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
             WHERE l.revenue_item_id = i.id AND v.status = 'draft' AND v.kind = 'invoice' LIMIT 1),
            CASE WHEN i.milestone_id IS NULL THEN NULL ELSE m.reached_at IS NOT NULL END
         {source}
         JOIN projects p ON p.id = i.project_id
         JOIN accounts a ON a.id = i.account_id
         LEFT JOIN milestones m ON m.id = i.milestone_id
         WHERE 1"
    )
}

impl ItemRow {
    /// The row of a `row_select` result.
    fn from_row(r: &rusqlite::Row<'_>) -> Result<ItemRow> {
        let item = RevenueItem::from_row(r)?;
        let extra = ITEM_COLUMN_COUNT;
        Ok(ItemRow {
            id: item.id,
            version: item.version,
            planned_invoice_date: item.planned_invoice_date,
            account: r.get(extra)?,
            project: r.get(extra + 1)?,
            name: item.name,
            billing_rule: item.billing_rule,
            amount: Money::new(
                item.actual_amount.unwrap_or(item.planned_amount),
                item.currency,
            ),
            status: item.status,
            draft_invoice: r.get(extra + 2)?,
            milestone_reached: r.get(extra + 3)?,
            collect_error: item.collect_error,
        })
    }
}

/// A window of at most `limit` rows from `bound`, in list order: fast for dense and sparse
/// text filters alike (see `rows_within`).
pub fn item_rows(
    conn: &Connection,
    filter: &ItemFilter,
    bound: &Bound<ItemKey>,
    limit: usize,
) -> Result<Vec<ItemRow>> {
    rows_within(conn, filter, bound, limit, ORDERED_SCAN_BUDGET)
}

/// How a window query finds its rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Walk the list's index in order, testing each row: stops as soon as the window is full.
    Ordered,
    /// Start from the set of matching ids (name index, accounts, projects, invoices), look each
    /// up by rowid and sort: cost follows the number of matches.
    Matches,
}

/// A window of rows in list order.
fn window(
    conn: &Connection,
    filter: &ItemFilter,
    bound: &Bound<ItemKey>,
    limit: usize,
    source: Source,
) -> Result<Vec<ItemRow>> {
    let mut rows = Vec::new();
    scan_into(conn, filter, bound, limit, source, &mut rows)?;
    Ok(in_list_order(rows, bound))
}

/// Whether a window from `bound` is read backwards (newest first).
fn backwards(bound: &Bound<ItemKey>) -> bool {
    matches!(bound, Bound::Before(_) | Bound::End)
}

/// Rows read by [`scan_into`] (in the order of the scan) in list order.
fn in_list_order(mut rows: Vec<ItemRow>, bound: &Bound<ItemKey>) -> Vec<ItemRow> {
    if backwards(bound) {
        rows.reverse();
    }
    rows
}

/// Appends to `rows` at most `limit` rows from `bound`, in the order of the scan (backwards
/// for `Before` and `End`). Each row is appended as SQLite gives it: a scan stopped part-way
/// (an error) leaves the rows found until then, which are the window's first ones, since the
/// rows come out in their final order.
fn scan_into(
    conn: &Connection,
    filter: &ItemFilter,
    bound: &Bound<ItemKey>,
    limit: usize,
    source: Source,
    rows: &mut Vec<ItemRow>,
) -> Result<()> {
    let (select, (mut sql, mut args)) = match source {
        Source::Ordered => (row_select(filter), filter.sql(names_of(conn, filter)?)?),
        Source::Matches => match filter.ids_sql(names_of(conn, filter)?)? {
            Some(ids) => (row_select_from("FROM revenue_items i NOT INDEXED"), ids),
            // No index narrows the terms: every row is read once, the matches sorted.
            None => (
                row_select_from("FROM revenue_items i NOT INDEXED"),
                filter.sql(Names::Unasked)?,
            ),
        },
    };
    let (cond, order) = match bound {
        Bound::Start => ("", "ASC"),
        Bound::From(_) => (" AND (i.planned_invoice_date, i.id) >= (?, ?)", "ASC"),
        Bound::After(_) => (" AND (i.planned_invoice_date, i.id) > (?, ?)", "ASC"),
        Bound::Before(_) => (" AND (i.planned_invoice_date, i.id) < (?, ?)", "DESC"),
        Bound::End => ("", "DESC"),
    };
    if let Bound::From(k) | Bound::After(k) | Bound::Before(k) = bound {
        args.push(Value::Text(k.date.to_string()));
        args.push(Value::Integer(k.id));
    }
    sql.push_str(cond);
    let sql = format!(
        "{select}{sql} ORDER BY i.planned_invoice_date {order}, i.id {order} LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut found = stmt.query(rusqlite::params_from_iter(&args))?;
    while let Some(r) = found.next()? {
        rows.push(ItemRow::from_row(r)?);
    }
    Ok(())
}

/// Rows `dense` looks at, spread evenly over the ids.
const DENSITY_SAMPLE: i64 = 1_000;

/// Whether the filter shows more than an eighth of the rows its list holds, judged on
/// [`DENSITY_SAMPLE`] ids spread over the table (7–21 ms on 1,000,000 items in the page cache,
/// the filter's subqueries included). A text that common is totalled faster by one scan than by
/// finding each match in the name index and looking it up: on 1,000,000 items "services"
/// (317,000 matches) takes 0.6 s the one way and 0.3 s the other, while a rare text takes
/// milliseconds by its matches.
pub(super) fn dense(conn: &Connection, filter: &ItemFilter, names: Names) -> Result<bool> {
    let last: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM revenue_items")?
        .query_row([], |r| r.get(0))?;
    let step = (last / DENSITY_SAMPLE).max(1);
    // The list's rows and the filter's among them, counted in one pass over the sample: each
    // sampled row is looked up once.
    let (scope, mut args) = filter.scope_sql();
    let (cond, cond_args) = filter.sql(names)?;
    let sql = format!(
        "WITH RECURSIVE s(id) AS (SELECT ?1 UNION ALL SELECT id + ?1 FROM s WHERE id + ?1 <= ?2)
         SELECT count(*), coalesce(sum(1{cond}), 0) FROM revenue_items i
         WHERE i.id IN (SELECT id FROM s){scope}"
    );
    let mut all = vec![Value::Integer(step), Value::Integer(last)];
    // The parameters in the order their `?` stand: the filter's, then the scope's.
    all.extend(cond_args);
    all.append(&mut args);
    let (listed, shown): (i64, i64) = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(all), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(shown * 8 > listed)
}

impl Store {
    pub fn item_rows(
        &self,
        filter: &ItemFilter,
        bound: &Bound<ItemKey>,
        limit: usize,
    ) -> Result<Vec<ItemRow>> {
        item_rows(self.conn(), filter, bound, limit)
    }

    /// The first `limit` rows of a filter (what a newly typed filter shows).
    pub fn item_first_rows(&self, filter: &ItemFilter, limit: usize) -> Result<Vec<ItemRow>> {
        item_first_rows(self.conn(), filter, limit)
    }

    /// Where an item sorts in every item list, whatever the filter (`None` once deleted): a
    /// list follows the row the user acted on with it.
    pub fn item_key(&self, id: i64) -> Result<Option<ItemKey>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT planned_invoice_date FROM revenue_items WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .map(|date| ItemKey { date, id }))
    }
}

/// Progress-handler calls (of 1,000 SQLite steps each) the date-ordered scan may take before
/// a filter counts as sparse: 20 to 40 ms of a scan that finds its rows in memory. A scan that
/// looks each row up in the table (text on finance control) makes about 150 calls in 20 ms
/// and stops by the clock instead.
const ORDERED_SCAN_BUDGET: u32 = 1_500;

/// The longest the date-ordered scan may take before a filter counts as sparse, whatever its
/// steps (`u32::MAX` as the budget lifts it, for tests that compare the two paths). A scan
/// stopped with half its window goes on from there, so a short limit costs a dense filter
/// little, and every sparse filter waits this much less before its matches are read.
const ORDERED_SCAN_TIME: std::time::Duration = std::time::Duration::from_millis(20);

/// The first `limit` rows of a filter (what a newly typed filter shows).
pub fn item_first_rows(
    conn: &Connection,
    filter: &ItemFilter,
    limit: usize,
) -> Result<Vec<ItemRow>> {
    item_rows(conn, filter, &Bound::Start, limit)
}

/// A window with its scan budget given (0 goes straight to the sparse path; for tests).
/// Without text the list's index answers at once. With text, a filter that matches often fills
/// the window early in a scan in list order; one that matches rarely would make that scan
/// visit every row, so past the budget the query starts from the matching ids instead.
pub fn rows_within(
    conn: &Connection,
    filter: &ItemFilter,
    bound: &Bound<ItemKey>,
    limit: usize,
    budget: u32,
) -> Result<Vec<ItemRow>> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    if filter.query()?.is_empty() {
        return window(conn, filter, bound, limit, Source::Ordered);
    }
    if budget == 0 {
        return window(conn, filter, bound, limit, Source::Matches);
    }
    let over = Arc::new(AtomicBool::new(false));
    let flag = over.clone();
    let mut calls = 0u32;
    // Steps alone undercount a scan that reads its rows from disk (a term on a column the
    // list's index lacks looks each row up): past ORDERED_SCAN_TIME it counts as sparse too.
    let started = std::time::Instant::now();
    let timed = budget != u32::MAX;
    conn.progress_handler(
        1_000,
        Some(move || {
            calls += 1;
            let stop = calls > budget || (timed && started.elapsed() > ORDERED_SCAN_TIME);
            if stop {
                flag.store(true, Ordering::Relaxed);
            }
            stop
        }),
    );
    let mut rows = Vec::new();
    let ordered = scan_into(conn, filter, bound, limit, Source::Ordered, &mut rows);
    conn.progress_handler(0, None::<fn() -> bool>);
    match ordered {
        Ok(()) => Ok(in_list_order(rows, bound)),
        // Past the budget the filter looks sparse. But a scan that found half its window
        // within the budget (a busy machine, or a filter just dense enough: an account with
        // 1.5 % of the items, which takes 17 ms one way and 50 ms the other) finishes sooner by
        // going on from its last row than any other way. Short of that, a scan slowed by a
        // busy machine can still run out of time on a filter that matches a third of the rows,
        // and starting from that many matches would read and sort them all (1.4 s on
        // 1,000,000 items for the window of 50 the scan finds in a few milliseconds more): a
        // sample says which.
        Err(_) if over.load(Ordering::Relaxed) => {
            let go_on = rows.len() * 2 >= limit || dense(conn, filter, names_of(conn, filter)?)?;
            match rows.last() {
                Some(last) if go_on => {
                    let from = if backwards(bound) {
                        Bound::Before(last.key())
                    } else {
                        Bound::After(last.key())
                    };
                    let left = limit - rows.len();
                    scan_into(conn, filter, &from, left, Source::Ordered, &mut rows)?;
                    Ok(in_list_order(rows, bound))
                }
                None if go_on => window(conn, filter, bound, limit, Source::Ordered),
                _ => window(conn, filter, bound, limit, Source::Matches),
            }
        }
        Err(e) => Err(e),
    }
}
