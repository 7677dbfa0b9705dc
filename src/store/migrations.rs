//! Versioned schema migrations. `PRAGMA user_version` holds the version a file is at; each
//! migration runs in the transaction that also moves the version on, together with the data
//! it moves that SQL alone cannot (`move_data`).

use super::error::Result;
use super::tm_amounts::reprice_all;
use super::writer::WrittenBy;
use crate::domain::account::split_address;
use crate::domain::chain_key::ChainKey;
use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, params};

/// The migrations in order; version N is reached by running the first N.
pub const MIGRATIONS: &[&str] = &[
    include_str!("sql/001_core.sql"),
    include_str!("sql/002_list_indexes.sql"),
    include_str!("sql/003_list_totals.sql"),
    include_str!("sql/004_drop_status_index.sql"),
    include_str!("sql/005_name_search.sql"),
    include_str!("sql/006_no_replace.sql"),
    include_str!("sql/007_progress_billing.sql"),
    include_str!("sql/008_billing_plans.sql"),
    include_str!("sql/009_milestone_list.sql"),
    include_str!("sql/010_revenue_adjustments.sql"),
    include_str!("sql/011_settings_handoff.sql"),
    include_str!("sql/012_master_data.sql"),
    include_str!("sql/013_tm_amounts.sql"),
    include_str!("sql/014_project_sums.sql"),
    include_str!("sql/015_user_number_format.sql"),
    include_str!("sql/016_keyed_chains.sql"),
    include_str!("sql/017_database_identity.sql"),
    include_str!("sql/018_date_range.sql"),
    include_str!("sql/019_history_windows.sql"),
    include_str!("sql/020_cost_rates.sql"),
    PLANS_AND_LINES,
    include_str!("sql/022_rare_rules.sql"),
    include_str!("sql/023_item_names.sql"),
    include_str!("sql/024_one_history_index.sql"),
];

/// Named plan templates, plan parts tied to milestones, progress forecasts on their line's
/// next period.
const PLANS_AND_LINES: &str = include_str!("sql/021_plans_and_lines.sql");

/// The version a migration's SQL brings a file to: its place in `MIGRATIONS`, so that its Rust
/// step (`move_data`) keeps to it whatever number its file is given when branches merge.
fn version_of(sql: &str) -> i64 {
    MIGRATIONS
        .iter()
        .position(|m| std::ptr::eq(*m, sql) || *m == sql)
        .map_or(0, |i| i as i64 + 1)
}

/// The schema version this finctl writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Marks a file as a finctl database ("FNCT").
pub const APPLICATION_ID: i64 = 0x464E_4354;

pub fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Runs the migrations from the file's version up to `target`. The version is read inside each
/// write transaction, so two processes opening a new file at once migrate it only once.
pub fn migrate_to(conn: &mut Connection, target: i64, key: &ChainKey) -> Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let from = current_version(&tx)?;
        if from >= target {
            return Ok(());
        }
        let version = from + 1;
        // (Before the first migration there is no history to look at.)
        let history_from = if version > KEYED {
            super::history_seal::newest_row(&tx)?
        } else {
            0
        };
        tx.execute_batch(MIGRATIONS[from as usize])?;
        move_data(&tx, version, key)?;
        if version > KEYED {
            // What a later migration writes to the history is sealed as any write is.
            super::history_seal::seal(&tx, key, history_from)?;
        }
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {version};"
        ))?;
        tx.commit()?;
        tracing::info!(version, "migrated schema");
    }
}

/// What migration `version` moves in Rust, in its transaction, after its SQL.
fn move_data(conn: &Connection, version: i64, key: &ChainKey) -> Result<()> {
    if version == 12 {
        split_account_addresses(conn)?;
    }
    if version == 13 {
        price_time_and_materials(conn)?;
    }
    if version == KEYED {
        start_keyed_chains(conn, key)?;
    }
    if version == version_of(PLANS_AND_LINES) {
        move_forecasts(conn)?;
    }
    Ok(())
}

/// Who the history says moved the forecasts (the migration that brought plan templates in).
pub const FORECAST_MIGRATION_USER: &str = "finctl migration: forecasts follow the next period";

/// A progress forecast used to stay on its line's first date, overdue for good once that
/// passed and all of its amount counted in that month: each moves to the invoice date of its
/// line's next period, with a new version and a history row; the forecast sums follow through
/// their triggers.
fn move_forecasts(conn: &Connection) -> Result<()> {
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let by = WrittenBy {
        user: FORECAST_MIGRATION_USER,
        at: &at,
    };
    let moved = super::forecast_dates::follow_next_periods(conn, &by)?;
    tracing::info!(moved, "progress forecasts moved to their next period");
    Ok(())
}

/// The first schema with keyed chains (`016_keyed_chains.sql`).
pub const KEYED: i64 = 16;

/// Version 16: records which key seals this database, seals the
/// documents confirmed so far once their hash chain is found to hold, and seals the whole
/// history as it stands (nothing before could tell a forged history row, so what is there is
/// what the chain starts from: `verify` of the older finctl is the check to run first).
fn start_keyed_chains(conn: &Connection, key: &ChainKey) -> Result<()> {
    conn.execute(
        "INSERT INTO chain_key (id, fingerprint) VALUES (1, ?1)",
        [key.fingerprint()],
    )?;
    super::document_chain::adopt(conn, key)?;
    super::history_seal::seal(conn, key, 0)?;
    Ok(())
}

/// Who the history says made the changes of migration 13.
pub const MIGRATION_13_USER: &str = "finctl migration 13";

/// Version 13: the amount of every open or billable time-and-materials item becomes what it
/// would invoice now (its SQL kept the typed amount as the estimate), a rejected one's 0. The
/// amounts users saw change, so each changed item moves to its next version with a history
/// row, as any change of money does; the forecast sums follow through their triggers.
fn price_time_and_materials(conn: &Connection) -> Result<()> {
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let by = WrittenBy {
        user: MIGRATION_13_USER,
        at: &at,
    };
    let changed = reprice_all(
        conn,
        &by,
        "the amount of a time-and-materials item is what it would invoice now; the amount typed is kept as its estimate",
    )?;
    tracing::info!(changed, "time-and-materials amounts priced");
    Ok(())
}

/// Version 12: each account's one-line address is split into its parts, by the rule the ERP
/// hand-off read it by until then (`domain::account::split_address`), so that the hand-off
/// now reading the parts sends exactly what it sent before. The line itself stays as it was.
/// No version moves and no history row is written: the account holds what it held.
fn split_account_addresses(conn: &Connection) -> Result<()> {
    let accounts: Vec<(i64, String)> = conn
        .prepare("SELECT id, address FROM accounts WHERE address <> ''")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare(
        "UPDATE accounts SET address_line1 = ?1, address_line2 = ?2, postcode = ?3, city = ?4,
            country_code = ?5 WHERE id = ?6",
    )?;
    for (id, address) in accounts {
        let p = split_address(&address);
        update.execute(params![p.line1, p.line2, p.postcode, p.city, p.country, id])?;
    }
    Ok(())
}
