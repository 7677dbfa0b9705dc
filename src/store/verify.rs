//! `finctl verify`: SQLite's own integrity check plus the invariants of the domain, each
//! violation named so that a person can find it.

use super::Store;
use super::documents::load_invoice;
use super::error::{Result, StoreError};
use super::tm_amounts::stale_amounts;
use super::verify_pages::VERIFY_MMAP;
use crate::domain::dates;
use crate::domain::invoice_totals::line_net;
use crate::domain::numbering::{DocumentKind, format_number};
use crate::domain::report::YearMonth;
use rusqlite::{OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Which check found it.
    pub check: &'static str,
    pub message: String,
}

/// The tables whose rows carry a version, with the object name their history rows use.
const VERSIONED: &[(&str, &str)] = &[
    ("users", "user"),
    ("accounts", "account"),
    ("price_lists", "price_list"),
    ("projects", "project"),
    ("milestones", "milestone"),
    ("revenue_items", "revenue_item"),
    ("time_reports", "time_report"),
    ("expenses", "expense"),
    ("invoices", "invoice"),
    ("contract_lines", "contract_line"),
    ("progress_statuses", "progress_status"),
    ("billing_plans", "billing_plan"),
    ("settings", "setting"),
    ("revenue_adjustments", "revenue_adjustment"),
    ("plan_parts", "plan_part"),
    ("cost_rates", "cost_rate"),
    ("plan_templates", "plan_template"),
];

/// One of verify's checks: adds what it finds.
type Check = fn(&Store, &mut Vec<Violation>) -> Result<()>;

/// The checks in the order they run, each with the name its progress shows.
const CHECKS: &[(&str, Check)] = &[
    // SQLite's own page check runs beside these (`verify_pages.rs`).
    (
        "name index and references",
        Store::check_name_index_and_keys,
    ),
    ("invoiced items", Store::check_items_on_invoices),
    ("invoice totals", Store::check_totals),
    ("numbering", Store::check_numbering),
    ("credits", Store::check_credits),
    ("hash chain", Store::check_chain),
    ("change history", Store::check_history),
    ("progress", Store::check_progress),
    ("forecast sums", Store::check_forecast_months),
    ("time and materials amounts", Store::check_tm_amounts),
    ("hand-offs", Store::check_handoffs),
    ("hand-off lines", Store::check_handoff_lines),
    ("dates", Store::check_dates),
];

/// SQLite steps between two questions whether to stop, within one check.
const STEPS: i32 = 20_000;

/// What a stopped verify says.
pub const VERIFY_STOPPED: &str = "verify stopped before its end";

/// The columns that hold a date: table, column, the object and the date as a message names
/// them.
const DATE_COLUMNS: &[(&str, &str, &str, &str)] = &[
    ("projects", "start_date", "project", "start date"),
    ("milestones", "due_date", "milestone", "due date"),
    (
        "revenue_items",
        "planned_invoice_date",
        "revenue item",
        "planned invoice date",
    ),
    ("time_reports", "work_date", "time report", "date"),
    ("expenses", "expense_date", "expense", "date"),
    ("invoices", "invoice_date", "invoice", "invoice date"),
    ("invoices", "due_date", "invoice", "due date"),
    (
        "progress_statuses",
        "period_start",
        "progress period",
        "start",
    ),
    ("progress_statuses", "period_end", "progress period", "end"),
    (
        "progress_statuses",
        "invoice_date",
        "progress period",
        "invoice date",
    ),
    ("plan_parts", "planned_date", "plan part", "date"),
    ("cost_rates", "valid_from", "cost rate", "first day"),
];

/// A stored value as a message shows it: text as it is, anything else by its kind.
fn shown(value: &rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match value {
        Value::Text(t) if t.is_empty() => "\"\"".to_string(),
        Value::Text(t) => t.clone(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Null => "NULL".to_string(),
        Value::Blob(_) => "(bytes)".to_string(),
    }
}

impl Store {
    /// Runs every check; an empty list means the database is sound.
    pub fn verify(&self) -> Result<Vec<Violation>> {
        self.verify_watched(&mut |_, _, _| {}, || false)
    }

    /// As [`verify`](Self::verify), telling `checking` the name of each check as it starts,
    /// with how many of how many are done, and asking `stop` between checks and every few
    /// thousand SQLite steps within one: `true` ends it with an error (nothing is changed).
    pub fn verify_watched(
        &self,
        checking: &mut dyn FnMut(&'static str, usize, usize),
        stop: fn() -> bool,
    ) -> Result<Vec<Violation>> {
        // `true` interrupts the statement running.
        self.conn().progress_handler(STEPS, Some(stop));
        // Mapped while verify reads it (see `verify_pages.rs`); the console's connection
        // never maps the file.
        self.conn()
            .execute_batch(&format!("PRAGMA mmap_size = {VERIFY_MMAP};"))?;
        let out = self.run_checks(checking, stop);
        let unmapped = self.conn().execute_batch("PRAGMA mmap_size = 0;");
        self.conn().progress_handler(0, None::<fn() -> bool>);
        let out = out?;
        unmapped?;
        Ok(out)
    }

    fn run_checks(
        &self,
        checking: &mut dyn FnMut(&'static str, usize, usize),
        stop: fn() -> bool,
    ) -> Result<Vec<Violation>> {
        let path = self.path().to_path_buf();
        std::thread::scope(|scope| {
            // SQLite's own page check runs beside the others, on a connection of its own.
            let pages = scope.spawn(move || {
                let started = std::time::Instant::now();
                let found = super::verify_pages::check_pages(&path, stop);
                tracing::info!(
                    check = "pages",
                    ms = started.elapsed().as_millis() as u64,
                    "verified"
                );
                found
            });
            let mut out = Vec::new();
            let steps = CHECKS.len() + 1;
            let ran = self.run_in_turn(&mut out, checking, stop, steps);
            // Waiting for the page check is the last step; its findings come first, as the
            // most basic ones.
            checking("integrity", CHECKS.len(), steps);
            let pages = pages
                .join()
                .map_err(|_| StoreError::Refused("the integrity check failed".into()))?;
            ran?;
            let mut found: Vec<Violation> = match pages {
                Ok(messages) => messages
                    .into_iter()
                    .map(|message| Violation {
                        check: "integrity",
                        message,
                    })
                    .collect(),
                Err(e) if super::long_work::is_stopped(&e) => {
                    return Err(StoreError::Refused(VERIFY_STOPPED.into()));
                }
                Err(e) => return Err(e.into()),
            };
            found.extend(out);
            Ok(found)
        })
    }

    /// The checks of [`CHECKS`] one after the other, telling `checking` each one's start.
    fn run_in_turn(
        &self,
        out: &mut Vec<Violation>,
        checking: &mut dyn FnMut(&'static str, usize, usize),
        stop: fn() -> bool,
        steps: usize,
    ) -> Result<()> {
        for (done, (name, check)) in CHECKS.iter().enumerate() {
            if stop() {
                return Err(StoreError::Refused(VERIFY_STOPPED.into()));
            }
            checking(name, done, steps);
            let started = std::time::Instant::now();
            let checked = check(self, out);
            // The log says what each check cost: what to look at when `verify` grows slow.
            tracing::info!(
                check = name,
                ms = started.elapsed().as_millis() as u64,
                "verified"
            );
            checked.map_err(|e| match e {
                StoreError::Sqlite(e) if super::long_work::is_stopped(&e) => {
                    StoreError::Refused(VERIFY_STOPPED.into())
                }
                e => e,
            })?;
        }
        Ok(())
    }

    fn check_tm_amounts(&self, out: &mut Vec<Violation>) -> Result<()> {
        for message in stale_amounts(self.conn())? {
            out.push(Violation {
                check: "time and materials amounts",
                message,
            });
        }
        Ok(())
    }

    fn collect(
        &self,
        out: &mut Vec<Violation>,
        check: &'static str,
        sql: &str,
        message: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<String>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            out.push(Violation {
                check,
                message: message(r)?,
            });
        }
        Ok(())
    }

    /// Every stored date is a real day inside the dates finctl keeps (`domain::dates`), and
    /// every adjustment's month one of their months: migration 18 refuses others from then on,
    /// so one found here was written before it (or by hand with its trigger dropped).
    fn check_dates(&self, out: &mut Vec<Violation>) -> Result<()> {
        let (first, last) = (dates::FIRST.to_string(), dates::LAST.to_string());
        for (table, column, object, label) in DATE_COLUMNS {
            let mut stmt = self.conn().prepare(&format!(
                "SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL
                   AND (date({column}) IS NOT {column} OR {column} NOT BETWEEN ?1 AND ?2)
                 ORDER BY id"
            ))?;
            let mut rows = stmt.query(params![first, last])?;
            while let Some(r) = rows.next()? {
                let (id, value): (i64, rusqlite::types::Value) = (r.get(0)?, r.get(1)?);
                out.push(Violation {
                    check: "dates",
                    message: format!(
                        "{object} {id}: {label} {} is outside {}",
                        shown(&value),
                        dates::range_text()
                    ),
                });
            }
        }
        let (first, last) = (YearMonth::FIRST.to_string(), YearMonth::LAST.to_string());
        self.collect(
            out,
            "dates",
            &format!(
                "SELECT id, month FROM revenue_adjustments
                 WHERE date(month || '-01') IS NOT month || '-01'
                    OR month NOT BETWEEN '{first}' AND '{last}' ORDER BY id"
            ),
            |r| {
                Ok(format!(
                    "revenue adjustment {}: month {} is outside {first} to {last}",
                    r.get::<_, i64>(0)?,
                    shown(&r.get(1)?)
                ))
            },
        )
    }

    fn check_name_index_and_keys(&self, out: &mut Vec<Violation>) -> Result<()> {
        // The name index must hold exactly the names of the items (the store keeps it so).
        const FTS_CHECK: &str = "INSERT INTO revenue_item_search (revenue_item_search, rank) VALUES ('integrity-check', 1)";
        let checked = match self.conn().execute(FTS_CHECK, []) {
            // FTS5's check is spelled as an insert (it writes nothing) and so needs a
            // connection that may write: a read-only store asks one without creating anything.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {
                rusqlite::Connection::open_with_flags(
                    &self.path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .and_then(|rw| rw.execute(FTS_CHECK, []))
            }
            other => other,
        };
        match checked {
            Ok(_) => {}
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                out.push(Violation {
                    check: "name index",
                    message: format!("the name search index does not match the items: {e}"),
                });
            }
            Err(e) => return Err(e.into()),
        }
        // Every item's name is among the names seen: a short filter that finds its text in
        // none of them shows no item without looking (`item_list::names_of`).
        self.collect(
            out,
            "name index",
            "SELECT i.id, i.name FROM revenue_items i
             WHERE NOT EXISTS (SELECT 1 FROM item_names n WHERE n.name = i.name)
             ORDER BY i.id LIMIT 20",
            |r| {
                Ok(format!(
                    "item {}'s name {:?} is missing from the names short filters look in",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?
                ))
            },
        )?;
        // An item's account and currency are its project's (copied for the lists, never
        // changed while the project has items): the totals read them from the project.
        self.collect(
            out,
            "foreign keys",
            "SELECT i.id, p.code FROM revenue_items i JOIN projects p ON p.id = i.project_id
             WHERE i.account_id <> p.account_id OR i.currency <> p.currency
             ORDER BY i.id LIMIT 20",
            |r| {
                Ok(format!(
                    "item {} is billed to another account or currency than its project {}",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?
                ))
            },
        )?;
        self.collect(out, "foreign keys", "PRAGMA foreign_key_check", |r| {
            Ok(format!(
                "{} row {} refers to a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                r.get::<_, String>(2)?
            ))
        })
    }

    fn check_items_on_invoices(&self, out: &mut Vec<Violation>) -> Result<()> {
        // A confirmed line is "live" while credit notes have not credited all of it.
        self.collect(
            out,
            "invoiced items",
            "WITH credited AS (
                 SELECT c.credited_line_id AS line_id, sum(c.net_minor) AS amount
                 FROM invoice_lines c JOIN invoices ci ON ci.id = c.invoice_id
                 WHERE ci.status = 'confirmed' AND c.credited_line_id IS NOT NULL
                 GROUP BY c.credited_line_id),
             lines AS (
                 SELECT l.revenue_item_id AS item_id,
                        sum(i.status = 'confirmed' AND coalesce(cr.amount, 0) < l.net_minor) AS live,
                        sum(i.status = 'confirmed') AS confirmed,
                        sum(i.status = 'draft') AS drafts
                 FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                 LEFT JOIN credited cr ON cr.line_id = l.id
                 WHERE i.kind = 'invoice' AND l.revenue_item_id IS NOT NULL
                 GROUP BY l.revenue_item_id)
             SELECT r.id, r.status, coalesce(x.live, 0), coalesce(x.confirmed, 0), coalesce(x.drafts, 0)
             FROM revenue_items r LEFT JOIN lines x ON x.item_id = r.id
             WHERE (r.status = 'invoiced' AND NOT (coalesce(x.live, 0) = 1
                                                   OR (coalesce(x.live, 0) = 0 AND coalesce(x.confirmed, 0) >= 1)))
                OR (r.status <> 'invoiced' AND coalesce(x.live, 0) > 0)
                OR (r.status = 'draft_invoice' AND coalesce(x.drafts, 0) <> 1)
                OR (r.status <> 'draft_invoice' AND coalesce(x.drafts, 0) > 0)",
            |r| {
                Ok(format!(
                    "revenue item {} is {} but is on {} uncredited confirmed invoice(s) and {} draft(s)",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(4)?
                ))
            },
        )
    }

    fn check_totals(&self, out: &mut Vec<Violation>) -> Result<()> {
        // An invoice line bills something: a line at or below zero would let its item be
        // "fully credited" without a credit note and invoiced again.
        self.collect(
            out,
            "invoice totals",
            "SELECT coalesce(v.number, 'draft ' || v.id), l.position, l.net_minor
             FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
             WHERE v.kind = 'invoice' AND l.net_minor <= 0",
            |r| {
                Ok(format!(
                    "invoice {} line {}: net {} minor units, not above zero",
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?
                ))
            },
        )?;
        let ids: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM invoices ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let inv = load_invoice(self.conn(), id)?;
            let name = inv.number.clone().unwrap_or_else(|| format!("draft {id}"));
            for l in &inv.lines {
                let expected = line_net(l.quantity, l.unit_price, inv.currency);
                if expected != l.net {
                    out.push(Violation {
                        check: "invoice totals",
                        message: format!(
                            "invoice {name} line {}: net {} but {} x {} = {}",
                            l.position, l.net, l.quantity, l.unit_price, expected
                        ),
                    });
                }
            }
            let t = inv.computed_totals();
            if (t.net, t.vat, t.gross) != (inv.net, inv.vat, inv.gross) {
                out.push(Violation {
                    check: "invoice totals",
                    message: format!(
                        "invoice {name}: stored net {} vat {} gross {}, but its lines give net {} vat {} gross {}",
                        inv.net, inv.vat, inv.gross, t.net, t.vat, t.gross
                    ),
                });
            }
        }
        Ok(())
    }

    fn check_numbering(&self, out: &mut Vec<Violation>) -> Result<()> {
        self.collect(
            out,
            "numbering",
            "SELECT i.series, i.series_year, count(*), count(DISTINCT i.series_seq), min(i.series_seq),
                    max(i.series_seq), n.last_seq
             FROM invoices i LEFT JOIN number_series n ON n.series = i.series AND n.year = i.series_year
             WHERE i.status = 'confirmed'
             GROUP BY i.series, i.series_year
             HAVING count(*) <> max(i.series_seq) OR count(DISTINCT i.series_seq) <> count(*)
                 OR min(i.series_seq) <> 1 OR n.last_seq IS NOT max(i.series_seq)",
            |r| {
                Ok(format!(
                    "series {} {}: {} documents numbered {}..{} (series counter at {}): numbers are missing or repeated",
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Option<i64>>(6)?.map_or("none".into(), |v| v.to_string())
                ))
            },
        )?;
        // A series that gave numbers but has no confirmed document left.
        self.collect(
            out,
            "numbering",
            "SELECT n.series, n.year, n.last_seq FROM number_series n
             WHERE n.last_seq > 0 AND NOT EXISTS (SELECT 1 FROM invoices i
                 WHERE i.status = 'confirmed' AND i.series = n.series AND i.series_year = n.year)",
            |r| {
                Ok(format!(
                    "series {} {}: the series counter is at {} but no document has a number of it: numbers are missing",
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?
                ))
            },
        )?;
        let mut stmt = self.conn().prepare(
            "SELECT id, kind, number, series, series_year, series_seq FROM invoices WHERE status = 'confirmed'",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, kind, number): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let (series, year, seq): (String, i32, i64) = (r.get(3)?, r.get(4)?, r.get(5)?);
            let kind = super::codec::parse::<DocumentKind>(&kind)?;
            if series != kind.series() || number != format_number(kind, year, seq) {
                out.push(Violation {
                    check: "numbering",
                    message: format!(
                        "invoice {id}: number {number} does not match its series {series} {year} #{seq}"
                    ),
                });
            }
        }
        Ok(())
    }

    fn check_credits(&self, out: &mut Vec<Violation>) -> Result<()> {
        self.collect(
            out,
            "credits",
            "SELECT o.id, oi.number, o.position, o.net_minor, sum(c.net_minor), oi.currency
             FROM invoice_lines c JOIN invoice_lines o ON o.id = c.credited_line_id
             JOIN invoices oi ON oi.id = o.invoice_id
             GROUP BY o.id HAVING sum(c.net_minor) > o.net_minor OR min(c.net_minor) < 0",
            |r| {
                let cur = super::codec::currency(&r.get::<_, String>(5)?)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
                Ok(format!(
                    "invoice {} line {}: credited {} of a net of {}",
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    r.get::<_, i64>(2)?,
                    cur.from_minor(r.get(4)?),
                    cur.from_minor(r.get(3)?)
                ))
            },
        )?;
        self.collect(
            out,
            "credits",
            "SELECT c.id FROM invoices c LEFT JOIN invoices o ON o.id = c.credited_invoice_id
             WHERE c.kind = 'credit_note' AND (o.id IS NULL OR o.status <> 'confirmed' OR o.kind <> 'invoice')",
            |r| Ok(format!("credit note {} does not credit a confirmed invoice", r.get::<_, i64>(0)?)),
        )
    }

    fn check_chain(&self, out: &mut Vec<Violation>) -> Result<()> {
        for message in super::document_chain::hash_chain_breaks(self.conn())? {
            out.push(Violation {
                check: "hash chain",
                message,
            });
        }
        let mut keyed =
            |check: &'static str, message: String| out.push(Violation { check, message });
        let Some(key) = self.key.as_deref() else {
            keyed(
                "keyed chain",
                format!(
                    "the chain key {} is missing: the keyed chains of documents and history were not checked",
                    super::chain_key_file::key_path(&self.path).display()
                ),
            );
            return Ok(());
        };
        let recorded: Option<String> = self
            .conn()
            .query_row("SELECT fingerprint FROM chain_key WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        if recorded.as_deref() != Some(key.fingerprint().as_str()) {
            keyed(
                "keyed chain",
                format!(
                    "the database was sealed with another key (fingerprint {}, the key file's is {}): the keyed chains were not checked",
                    recorded.unwrap_or_else(|| "none".into()),
                    key.fingerprint()
                ),
            );
            return Ok(());
        }
        for message in super::document_chain::keyed_chain_breaks(self.conn(), key)? {
            keyed("keyed chain", message);
        }
        for finding in super::history_seal::check(self.conn(), key)? {
            keyed("history chain", finding.message());
        }
        Ok(())
    }

    /// The report's forecast sums (kept by triggers) equal the open and billable items.
    fn check_forecast_months(&self, out: &mut Vec<Violation>) -> Result<()> {
        self.collect(
            out,
            "forecast sums",
            "WITH items AS (
                 SELECT project_id, currency, substr(planned_invoice_date, 1, 7) AS month,
                        sum(planned_amount_minor) AS amount, count(*) AS n
                 FROM revenue_items WHERE status IN ('open', 'billable')
                 GROUP BY 1, 2, 3)
             SELECT i.project_id, i.month, i.amount, f.amount_minor FROM items i
             LEFT JOIN forecast_months f USING (project_id, currency, month)
             WHERE f.amount_minor IS NOT i.amount OR f.items IS NOT i.n
             UNION ALL
             SELECT f.project_id, f.month, NULL, f.amount_minor FROM forecast_months f
             WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.project_id = f.project_id
                               AND i.currency = f.currency AND i.month = f.month)",
            |r| {
                Ok(format!(
                    "project {} in {}: the items sum to {:?}, the forecast table says {:?}",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<i64>>(3)?
                ))
            },
        )
    }

    fn check_progress(&self, out: &mut Vec<Violation>) -> Result<()> {
        // The scheduled items of a line (validated periods' items and the forecast) total it.
        self.collect(
            out,
            "progress",
            "SELECT l.id, l.total_minor,
                    coalesce((SELECT sum(i.planned_amount_minor) FROM progress_statuses s
                              JOIN revenue_items i ON i.id = s.revenue_item_id WHERE s.line_id = l.id), 0)
                  + coalesce((SELECT planned_amount_minor FROM revenue_items WHERE id = l.forecast_item_id), 0)
             FROM contract_lines l
             WHERE l.total_minor <> coalesce((SELECT sum(i.planned_amount_minor) FROM progress_statuses s
                              JOIN revenue_items i ON i.id = s.revenue_item_id WHERE s.line_id = l.id), 0)
                  + coalesce((SELECT planned_amount_minor FROM revenue_items WHERE id = l.forecast_item_id), 0)",
            |r| {
                Ok(format!(
                    "contract line {}: its scheduled items total {} minor units, the line {}",
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(1)?
                ))
            },
        )?;
        // Each validated period's item bills exactly its billed amount; no period bills less
        // than nothing; the periods never bill more than the line or 100%.
        self.collect(
            out,
            "progress",
            "SELECT s.id, s.billed_amount_minor, i.planned_amount_minor FROM progress_statuses s
             JOIN revenue_items i ON i.id = s.revenue_item_id
             WHERE i.planned_amount_minor <> s.billed_amount_minor",
            |r| {
                Ok(format!(
                    "progress status {}: billed {} minor units but its item says {}",
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?
                ))
            },
        )?;
        self.collect(
            out,
            "progress",
            "SELECT l.id FROM contract_lines l
             WHERE (SELECT coalesce(sum(billed_amount_minor), 0) FROM progress_statuses
                    WHERE line_id = l.id AND status = 'validated') > l.total_minor
                OR (SELECT coalesce(sum(billed_percent_micros), 0) FROM progress_statuses
                    WHERE line_id = l.id AND status = 'validated') > 100000000
                OR EXISTS (SELECT 1 FROM progress_statuses WHERE line_id = l.id
                           AND status = 'validated' AND billed_amount_minor <= 0)
                OR (SELECT count(*) FROM progress_statuses WHERE line_id = l.id AND status = 'pending') > 1",
            |r| {
                Ok(format!(
                    "contract line {}: its validated periods bill more than the line or nothing, or it has more than one pending period",
                    r.get::<_, i64>(0)?
                ))
            },
        )
    }

    fn check_handoffs(&self, out: &mut Vec<Violation>) -> Result<()> {
        // A mark names a confirmed document by its number; a repeat follows a first hand-off.
        self.collect(
            out,
            "hand-off",
            "SELECT h.id, h.number, coalesce(i.status, 'missing'), i.number FROM handoffs h
             LEFT JOIN invoices i ON i.id = h.invoice_id
             WHERE i.status IS NOT 'confirmed' OR i.number IS NOT h.number
                OR (h.again = 1 AND NOT EXISTS (SELECT 1 FROM handoffs f
                        WHERE f.invoice_id = h.invoice_id AND f.again = 0 AND f.id < h.id))",
            |r| {
                Ok(format!(
                    "hand-off mark {} of {} refers to a {} document numbered {}, or repeats one never handed off",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?.unwrap_or_else(|| "-".into())
                ))
            },
        )
    }

    /// Each mark keeps the journal line it appended: that line names its number and ends with
    /// the SHA-256 of its file.
    fn check_handoff_lines(&self, out: &mut Vec<Violation>) -> Result<()> {
        self.collect(
            out,
            "hand-off journal",
            "SELECT id, number FROM handoffs
             WHERE substr(journal_line, 1, length(number) + 1) IS NOT number || ','
                OR (substr(journal_line, -66) IS NOT ',' || sha256 || char(10)
                    AND substr(journal_line, -131, 66) IS NOT ',' || sha256 || ',')",
            |r| {
                Ok(format!(
                    "hand-off mark {} of {}: its journal line does not name that number and the file's SHA-256",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?
                ))
            },
        )
    }

    fn check_history(&self, out: &mut Vec<Violation>) -> Result<()> {
        for (table, object) in VERSIONED {
            let sql = format!(
                "SELECT t.id, t.version, h.versions, h.top FROM {table} t
                 LEFT JOIN (SELECT object_id, count(DISTINCT version) AS versions, max(version) AS top
                            FROM change_history WHERE object = '{object}' GROUP BY object_id) h
                   ON h.object_id = t.id
                 WHERE h.versions IS NULL OR h.versions <> t.version OR h.top <> t.version"
            );
            self.collect(out, "change history", &sql, |r| {
                Ok(format!(
                    "{object} {} is at version {} but the change history records {} version(s)",
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i64>>(2)?.unwrap_or(0)
                ))
            })?;
        }
        Ok(())
    }
}
