//! `finctl export`: CSV or JSON, streamed row by row to a file or standard output; or an Excel
//! workbook of the same rows, typed, to a file. The rows written so far (of all of them, where
//! they are counted ahead) show on standard error when it is a terminal, unless the rows
//! themselves go to that terminal. `export history` writes the change history, chosen by kind
//! of object and by days.

use super::progress::Progress;
use crate::domain::Currency;
use crate::domain::filter_query::{self, ListKind};
use crate::domain::object_kind::ObjectKind;
use crate::domain::report::{GroupBy, YearMonth};
use crate::store::export_history::HistoryFilter;
use crate::store::export_rows::{Counted, InvoiceLineRow, InvoiceRow};
use crate::store::invoice_list::InvoiceFilter;
use crate::store::item_list::ItemFilter;
use crate::store::{Store, StoreError};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum What {
    RevenueItems,
    Invoices,
    ContractLines,
    ProgressStatuses,
    /// Every change-history row (when, who, which object, field, old and new value, reason),
    /// oldest first; --object, --from and --to choose which.
    History,
    /// In the import's layout, as the rest of the kinds below (docs/import.md).
    Accounts,
    PriceLists,
    Projects,
    Milestones,
    TimeReports,
    Expenses,
    CostRates,
    /// The revenue and billing report as screen 6 shows it (--group, --from, --to, --currency,
    /// --filter): a row per group and month, every figure of the screen.
    Report,
}

/// A day (`YYYY-MM-DD`: the history's range) or a month (`YYYY-MM`: the report's), as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrMonth {
    Day(NaiveDate),
    Month(YearMonth),
}

/// `--from` and `--to`: a day when the text has one, else a month; each in the range finctl
/// keeps.
fn day_or_month(text: &str) -> Result<DayOrMonth, String> {
    if text.trim().matches('-').count() >= 2 {
        super::date_arg(text).map(DayOrMonth::Day)
    } else {
        YearMonth::parse(text)
            .map(DayOrMonth::Month)
            .map_err(|e| e.0)
    }
}

impl DayOrMonth {
    fn day(self, flag: &str) -> NaiveDate {
        match self {
            DayOrMonth::Day(d) => d,
            DayOrMonth::Month(m) => super::usage(
                "export",
                &format!("{flag} {m}: the history is chosen by days, YYYY-MM-DD"),
            ),
        }
    }

    pub(super) fn month(self, flag: &str) -> YearMonth {
        match self {
            DayOrMonth::Month(m) => m,
            DayOrMonth::Day(d) => super::usage(
                "export",
                &format!("{flag} {d}: the report's range is months, YYYY-MM"),
            ),
        }
    }
}

/// Which history rows `export history` writes (each left out: all), and the report's range.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct HistoryArgs {
    /// History only: the rows of one kind of object, by the name the rows carry.
    #[arg(
        long,
        value_name = "KIND",
        value_parser = PossibleValuesParser::new(ObjectKind::ALL.map(ObjectKind::as_str))
            .try_map(|s| s.parse::<ObjectKind>().map_err(|e| e.0))
    )]
    pub object: Option<ObjectKind>,
    /// History: the rows written on this day or later (the day of their UTC time stamp), a
    /// day from 1970-01-01 to 2100-12-31. Report: the first month (default: four months
    /// before this one, as screen 6 opens).
    #[arg(long, value_name = "YYYY-MM-DD|YYYY-MM", value_parser = day_or_month)]
    pub from: Option<DayOrMonth>,
    /// History: the rows written on this day or earlier (UTC), up to 2100-12-31. Report: the
    /// last month, included (default: the month after this one).
    #[arg(long, value_name = "YYYY-MM-DD|YYYY-MM", value_parser = day_or_month)]
    pub to: Option<DayOrMonth>,
    /// Report only: project, account, bu (business unit) or person (default: project).
    #[arg(long, value_name = "GROUP", value_parser = |s: &str| s.parse::<GroupBy>().map_err(|e| e.0))]
    pub group: Option<GroupBy>,
    /// Report only: the currency whose figures are written (amounts in different currencies
    /// are never added), e.g. EUR.
    #[arg(long, value_name = "CODE", value_parser = |s: &str| s.parse::<Currency>().map_err(|e| e.0))]
    pub currency: Option<Currency>,
}

impl HistoryArgs {
    fn filter(&self) -> HistoryFilter {
        HistoryFilter {
            object: self.object,
            from: self.from.map(|d| d.day("--from")),
            to: self.to.map(|d| d.day("--to")),
        }
    }

    fn given(&self) -> bool {
        self.object.is_some() || self.from.is_some() || self.to.is_some()
    }

    fn report_given(&self) -> bool {
        self.group.is_some() || self.currency.is_some()
    }
}

impl What {
    /// The import's kind whose layout is written: the master data always, revenue items with
    /// `--import-layout`.
    fn layout(self, import_layout: bool) -> Option<crate::import::Kind> {
        use crate::import::Kind;
        Some(match self {
            What::Accounts => Kind::Accounts,
            What::PriceLists => Kind::PriceLists,
            What::Projects => Kind::Projects,
            What::Milestones => Kind::Milestones,
            What::TimeReports => Kind::TimeReports,
            What::Expenses => Kind::Expenses,
            What::CostRates => Kind::CostRates,
            What::RevenueItems if import_layout => Kind::RevenueItems,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Json,
    /// An Excel workbook (needs --output): dates as dates, amounts as numbers.
    Xlsx,
}

/// The workbook of a report export; `None` for the import's layouts (CSV and JSON only).
fn table(w: What, history: &HistoryArgs) -> Option<crate::files::ExportTable> {
    use crate::files::ExportTable as T;
    Some(match w {
        What::RevenueItems => T::RevenueItems,
        What::Invoices => T::Invoices,
        What::ContractLines => T::ContractLines,
        What::ProgressStatuses => T::ProgressStatuses,
        What::History => T::History(history.filter()),
        _ => return None,
    })
}

/// Refuses `--format xlsx` without `--output` as the usage error it is (exit 2, clap's way): a
/// workbook is a zip file, not something to print on a terminal. The history's choices belong
/// to `export history`, and its days run forwards.
pub fn check_usage(
    what: What,
    format: Format,
    output: Option<&Path>,
    import_layout: bool,
    filter: Option<&str>,
    history: &HistoryArgs,
) {
    if let Some(text) = filter {
        let list = match what {
            What::RevenueItems if import_layout => super::usage(
                "export",
                "--filter narrows revenue items and invoices, not the import's layout",
            ),
            What::RevenueItems => ListKind::Items,
            What::Invoices => ListKind::Invoices,
            What::Report => ListKind::Report,
            _ => super::usage(
                "export",
                "--filter narrows revenue-items and invoices (as / does on screens 2 and 3) and the report (as / on screen 6)",
            ),
        };
        if let Err(e) = filter_query::parse(text, list) {
            super::usage("export", &format!("--filter {text:?}: {e}"))
        }
    }
    if what == What::Report {
        // The report's own choices are checked by `export_report::check_usage`.
    } else if history.report_given() {
        super::usage(
            "export",
            "--group and --currency choose the report's rows: use them with `finctl export report`",
        )
    } else if history.given() && what != What::History {
        super::usage(
            "export",
            "--object, --from and --to choose rows of the change history: use them with `finctl export history`",
        )
    } else {
        let filter = history.filter();
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            super::usage(
                "export",
                &format!(
                    "--from {from} is after --to {to}: the days are from the first to the last, both included"
                ),
            )
        }
    }
    if !matches!(format, Format::Xlsx) {
        return;
    }
    if output.is_none() {
        super::usage(
            "export",
            "--format xlsx writes a file: give it with --output FILE (or -o FILE)",
        )
    }
    if what.layout(import_layout).is_some() {
        super::usage(
            "export",
            "the import's layout is written as csv or json: use --format csv or --format json",
        )
    }
}

/// What the progress line counts for `what`, and whether the store counts it ahead.
fn counted(what: What) -> (&'static str, Option<Counted>) {
    match what {
        What::RevenueItems => ("revenue items", Some(Counted::RevenueItems)),
        What::Invoices => ("invoices", Some(Counted::Invoices)),
        What::ContractLines => ("contract lines", Some(Counted::ContractLines)),
        What::ProgressStatuses => ("progress statuses", Some(Counted::ProgressStatuses)),
        What::Accounts => ("accounts", None),
        What::PriceLists => ("price lists", None),
        What::Projects => ("projects", None),
        What::Milestones => ("milestones", None),
        What::TimeReports => ("time reports", None),
        What::Expenses => ("expenses", None),
        What::CostRates => ("cost rates", None),
        What::Report => ("report rows", None),
        What::History => ("history rows", None),
    }
}

/// The rows written so far on the progress line, of `total` when known.
pub(super) fn rows_shown(
    progress: &mut Progress,
    what: What,
    total: Option<u64>,
) -> impl FnMut(u64) {
    let (name, _) = counted(what);
    progress.step(name, 0, total);
    move |done| progress.set(done)
}

fn xlsx(
    store: &Store,
    what: What,
    filter: &str,
    history: &HistoryArgs,
    path: &Path,
    progress: &mut Progress,
) -> Result<usize> {
    let Some(table) = table(what, history) else {
        anyhow::bail!("the import's layout is written as csv or json");
    };
    // One moment of the database for the count and the rows (the export's own snapshot is
    // this one).
    let _snapshot = store.read_snapshot()?;
    let total = total(store, what, filter)?;
    let mut shown = rows_shown(progress, what, total);
    crate::files::write_export_counted(store, table, filter, path, &mut shown)
}

/// The rows `what` walks now, where the store counts them ahead.
fn total(store: &Store, what: What, filter: &str) -> Result<Option<u64>> {
    Ok(match counted(what).1 {
        Some(c) => Some(store.export_count_where(c, filter)?),
        None => None,
    })
}

/// One CSV row per invoice line, the invoice's fields repeated.
#[derive(Serialize)]
struct InvoiceCsvRow<'a> {
    id: i64,
    number: Option<&'a str>,
    kind: &'a str,
    status: &'a str,
    account: &'a str,
    currency: &'a str,
    invoice_date: &'a str,
    due_date: &'a str,
    net: &'a str,
    vat: &'a str,
    gross: &'a str,
    credited_invoice: Option<&'a str>,
    line_position: Option<i64>,
    revenue_item_id: Option<i64>,
    project: Option<&'a str>,
    description: Option<&'a str>,
    quantity: Option<&'a str>,
    unit_price: Option<&'a str>,
    vat_rate: Option<&'a str>,
    line_net: Option<&'a str>,
}

fn csv_row<'a>(inv: &'a InvoiceRow, line: Option<&'a InvoiceLineRow>) -> InvoiceCsvRow<'a> {
    InvoiceCsvRow {
        id: inv.id,
        number: inv.number.as_deref(),
        kind: &inv.kind,
        status: &inv.status,
        account: &inv.account,
        currency: &inv.currency,
        invoice_date: &inv.invoice_date,
        due_date: &inv.due_date,
        net: &inv.net,
        vat: &inv.vat,
        gross: &inv.gross,
        credited_invoice: inv.credited_invoice.as_deref(),
        line_position: line.map(|l| l.position),
        revenue_item_id: line.and_then(|l| l.revenue_item_id),
        project: line.map(|l| l.project.as_str()),
        description: line.map(|l| l.description.as_str()),
        quantity: line.map(|l| l.quantity.as_str()),
        unit_price: line.map(|l| l.unit_price.as_str()),
        vat_rate: line.map(|l| l.vat_rate.as_str()),
        line_net: line.map(|l| l.net.as_str()),
    }
}

fn csv_rows(inv: &InvoiceRow) -> Vec<InvoiceCsvRow<'_>> {
    if inv.lines.is_empty() {
        vec![csv_row(inv, None)]
    } else {
        inv.lines.iter().map(|l| csv_row(inv, Some(l))).collect()
    }
}

/// Writes a JSON array one element at a time.
pub(super) struct JsonArray<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonArray<W> {
    pub(super) fn new(mut out: W) -> Result<Self> {
        out.write_all(b"[")?;
        Ok(JsonArray { out, first: true })
    }

    pub(super) fn push(&mut self, value: &impl Serialize) -> Result<()> {
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, value)?;
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<()> {
        self.out.write_all(b"\n]\n")?;
        self.out.flush()?;
        Ok(())
    }
}

/// Keeps an I/O error (a closed pipe, a full disk) recognisable through the store's callback.
fn to_store(e: anyhow::Error) -> StoreError {
    match e.downcast::<std::io::Error>() {
        Ok(io) => StoreError::Io(io),
        Err(e) => match e.downcast::<serde_json::Error>() {
            Ok(json) => StoreError::Io(json.into()),
            Err(other) => StoreError::refused(other.to_string()),
        },
    }
}

fn csv_error(e: csv::Error) -> StoreError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => StoreError::Io(io),
        other => StoreError::refused(format!("CSV: {other:?}")),
    }
}

pub fn run(
    store: &Store,
    what: What,
    format: Format,
    output: Option<&Path>,
    import_layout: bool,
    filter: Option<&str>,
    history: &HistoryArgs,
) -> Result<()> {
    check_usage(what, format, output, import_layout, filter, history);
    let filter = filter.unwrap_or("");
    let started = std::time::Instant::now();
    let mut progress = match output {
        Some(_) => Progress::on_stderr(),
        None => Progress::beside_rows_on_stdout(),
    };
    let json = matches!(format, Format::Json);
    let written = if let Some(kind) = what.layout(import_layout) {
        let mut shown = rows_shown(&mut progress, what, None);
        super::export_layout::write(store, kind, json, output, &mut shown)
    } else {
        match (format, output) {
            (Format::Xlsx, Some(path)) => xlsx(store, what, filter, history, path, &mut progress)
                .and_then(|rows| {
                    progress.clear();
                    outln!(
                        "{}: {rows} rows written in {:.1} s",
                        path.display(),
                        started.elapsed().as_secs_f64()
                    );
                    Ok(())
                }),
            _ => stream(
                store,
                what,
                filter,
                json,
                output,
                &history.filter(),
                &mut progress,
            ),
        }
    };
    progress.clear();
    written
}

/// CSV or JSON.
fn stream(
    store: &Store,
    what: What,
    filter: &str,
    json: bool,
    output: Option<&Path>,
    history: &HistoryFilter,
    progress: &mut Progress,
) -> Result<()> {
    // One moment of the database: the count ahead is the rows written.
    let _snapshot = store.read_snapshot()?;
    let total = total(store, what, filter)?;
    let mut shown = rows_shown(progress, what, total);
    let mut rows = 0;
    let items = ItemFilter {
        text: filter.to_string(),
        ..ItemFilter::all()
    };
    let invoices = InvoiceFilter {
        text: filter.to_string(),
    };
    let mut done = move || {
        rows += 1;
        shown(rows);
    };
    let out: Box<dyn Write> = match output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot write {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let out = BufWriter::new(out);
    if json {
        let mut arr = JsonArray::new(out)?;
        match what {
            What::RevenueItems => store.for_each_revenue_item_row_where(&items, |row| {
                done();
                arr.push(&row).map_err(to_store)
            })?,
            What::Invoices => store.for_each_invoice_row_where(&invoices, |row| {
                done();
                arr.push(&row).map_err(to_store)
            })?,
            What::ContractLines => store.for_each_contract_line_row(|row| {
                done();
                arr.push(&row).map_err(to_store)
            })?,
            What::ProgressStatuses => store.for_each_progress_status_row(|row| {
                done();
                arr.push(&row).map_err(to_store)
            })?,
            What::History => store.for_each_history_row(history, |row| {
                done();
                arr.push(&row).map_err(to_store)
            })?,
            _ => anyhow::bail!("{what:?} is written in the import's layout"),
        }
        arr.finish()
    } else {
        let mut w = csv::Writer::from_writer(out);
        match what {
            What::RevenueItems => store.for_each_revenue_item_row_where(&items, |row| {
                done();
                w.serialize(row).map_err(csv_error)
            })?,
            What::Invoices => store.for_each_invoice_row_where(&invoices, |inv| {
                done();
                for row in csv_rows(&inv) {
                    w.serialize(row).map_err(csv_error)?;
                }
                Ok(())
            })?,
            What::ContractLines => store.for_each_contract_line_row(|row| {
                done();
                w.serialize(row).map_err(csv_error)
            })?,
            What::ProgressStatuses => store.for_each_progress_status_row(|row| {
                done();
                w.serialize(row).map_err(csv_error)
            })?,
            What::History => store.for_each_history_row(history, |row| {
                done();
                w.serialize(row).map_err(csv_error)
            })?,
            _ => anyhow::bail!("{what:?} is written in the import's layout"),
        }
        w.flush()?;
        Ok(())
    }
}
