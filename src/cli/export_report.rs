//! `finctl export report`: the revenue and billing report as screen 6 shows it, from the same
//! code: the screen's state (`app::reports::Reports`) sums the range, grouping and filter and
//! keeps the rows of one currency, and `files::report` lays the rows out, as `X` on the screen
//! does. So the file has the screen's figures, with the same definitions (docs/rules.md).

use super::export::{Format, HistoryArgs, JsonArray, What, rows_shown};
use super::progress::Progress;
use crate::app::reports::Reports;
use crate::domain::report::GroupBy;
use crate::files::report::{record, write_xlsx};
use crate::store::Store;
use crate::store::reports::ReportFilter;
use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Refuses what the report cannot be asked (exit 2, before any file or database is opened):
/// days for its months, a range that runs backwards, no currency. History's choice of objects
/// is not the report's.
pub fn check_usage(args: &HistoryArgs) {
    if args.object.is_some() {
        super::usage(
            "export",
            "--object chooses rows of the change history: use it with `finctl export history`",
        )
    }
    let from = args.from.map(|d| d.month("--from"));
    let to = args.to.map(|d| d.month("--to"));
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        super::usage(
            "export",
            &format!(
                "--from {from} is after --to {to}: the months are from the first to the last, both included"
            ),
        )
    }
    if args.currency.is_none() {
        super::usage(
            "export",
            "the report is written one currency at a time, as screen 6 shows it: give --currency CODE (e.g. --currency EUR)",
        )
    }
}

/// The report's rows as the screen shows them for these arguments (the screen's default range
/// where --from or --to is left out).
fn report(store: &Store, args: &HistoryArgs, filter: &str) -> Result<Reports> {
    let mut r = Reports::new(super::today());
    if let Some(from) = args.from {
        r.query.from = from.month("--from");
    }
    if let Some(to) = args.to {
        r.query.to = to.month("--to");
    }
    if r.query.from > r.query.to {
        // One given, the other the screen's default: said as the usage error it is.
        super::usage(
            "export",
            &format!(
                "--from {} is after --to {}: give both",
                r.query.from, r.query.to
            ),
        )
    }
    r.query.group = args.group.unwrap_or(GroupBy::Project);
    r.filter = ReportFilter {
        text: filter.to_string(),
    };
    r.sum_in(store)?;
    if let Some(c) = args.currency {
        r.show_currency(c);
    }
    Ok(r)
}

/// `finctl export report`: the rows written, their count said on standard error as they go and
/// on standard output once a file is written.
pub fn run(
    store: &Store,
    args: &HistoryArgs,
    filter: &str,
    format: Format,
    output: Option<&Path>,
) -> Result<()> {
    let started = std::time::Instant::now();
    let mut progress = match output {
        Some(_) => Progress::on_stderr(),
        None => Progress::beside_rows_on_stdout(),
    };
    let written = {
        let mut shown = rows_shown(&mut progress, What::Report, None);
        write(store, args, filter, format, output, &mut shown)
    };
    progress.clear();
    let rows = written?;
    if let Some(path) = output {
        outln!(
            "{}: {rows} rows written in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Writes the report to `output` (standard output when `None`, a workbook needs a file);
/// returns the rows written, telling `done` each.
fn write(
    store: &Store,
    args: &HistoryArgs,
    filter: &str,
    format: Format,
    output: Option<&Path>,
    done: &mut dyn FnMut(u64),
) -> Result<usize> {
    let r = report(store, args, filter)?;
    let group = r.query.group;
    let rows: Vec<_> = r.visible_rows().collect();
    if let (Format::Xlsx, Some(path)) = (format, output) {
        return write_xlsx(path, group, rows.iter().copied(), None);
    }
    let out: Box<dyn Write> = match output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot write {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let out = BufWriter::new(out);
    let mut written = 0;
    if matches!(format, Format::Json) {
        let mut arr = JsonArray::new(out)?;
        for row in &rows {
            arr.push(&record(row, group))?;
            written += 1;
            done(written);
        }
        arr.finish()?;
    } else {
        let mut w = csv::Writer::from_writer(out);
        for row in &rows {
            w.serialize(record(row, group))?;
            written += 1;
            done(written);
        }
        w.flush()?;
    }
    Ok(written as usize)
}
