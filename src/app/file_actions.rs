//! `X` writes what the list on screen shows to an Excel workbook; `v` writes a PDF of the
//! invoice or revenue item under the cursor. Files go to the export folder (the folder finctl
//! was started in), never over an earlier file.

use super::keymap::Context;
use super::state::{App, Overlay, Tab};
use crate::domain::report::{Measure, YearMonth};
use crate::files::xlsx::{CellKind, Column, TableWriter, Value};
use crate::store::Bound;
use crate::store::progress::ProgressState;
use anyhow::Context as _;
use chrono::NaiveDate;
use std::path::PathBuf;

impl App {
    /// Where `X` and `v` write (the current folder unless told otherwise).
    pub fn set_export_dir(&mut self, dir: PathBuf) {
        self.export_dir = dir;
    }

    /// A new file name in the export folder: `stem-YYYY-MM-DD.ext`, then `-2`, `-3`...
    fn fresh_path(&self, stem: &str, ext: &str) -> PathBuf {
        let base = format!("{stem}-{}", self.today);
        let mut path = self.export_dir.join(format!("{base}.{ext}"));
        let mut n = 2;
        while path.exists() {
            path = self.export_dir.join(format!("{base}-{n}.{ext}"));
            n += 1;
        }
        path
    }

    pub(super) fn write_excel(&mut self, ctx: Context) {
        let result = match ctx {
            Context::FinanceControl | Context::RevenueItems => {
                let (stem, tab) = if ctx == Context::FinanceControl {
                    ("finance-control", Tab::FinanceControl)
                } else {
                    ("revenue-items", Tab::RevenueItems)
                };
                let path = self.fresh_path(stem, "xlsx");
                let filter = self.item_list(tab).filter.clone();
                crate::files::write_revenue_items(&self.store, &filter, self.today, &path)
                    .map(|n| (n, path))
            }
            Context::Invoices => {
                let path = self.fresh_path("invoices", "xlsx");
                crate::files::write_invoices(&self.store, &self.invoices.filter, &path)
                    .map(|n| (n, path))
            }
            Context::ProgressLines => self.write_contract_lines(),
            Context::ProgressPeriods => self.write_periods(),
            Context::Milestones => self.write_milestones(),
            Context::Reports => self.write_report(),
            Context::Breakdown => self.write_breakdown(),
            _ => return,
        };
        match result {
            Ok((n, path)) => self.info(format!("{n} row(s) written to {}", path.display())),
            Err(e) => self.error(format!("no Excel file written: {e:#}")),
        }
    }

    fn write_contract_lines(&self) -> anyhow::Result<(usize, PathBuf)> {
        let path = self.fresh_path("contract-lines", "xlsx");
        let cols = [
            Column::new("Line", CellKind::Integer, 6.0),
            Column::new("Project", CellKind::Text, 9.0),
            Column::new("Milestone", CellKind::Text, 9.0),
            Column::new("Description", CellKind::Text, 30.0),
            Column::new("Term", CellKind::Text, 11.0),
            Column::new("Quantity", CellKind::Decimal, 10.0),
            Column::new("Unit price", CellKind::Decimal, 12.0),
            Column::new("Total", CellKind::Amount, 15.0),
            Column::new("Billed", CellKind::Amount, 15.0),
            Column::new("Estimated %", CellKind::Decimal, 11.0),
            Column::new("Pending period", CellKind::Integer, 8.0),
            Column::new("Pending until", CellKind::Date, 12.0),
            Column::new("Refresh requested", CellKind::Bool, 9.0),
        ];
        let mut w = TableWriter::create(&path, "Contract lines", &cols)?;
        let mut bound = Bound::Start;
        loop {
            let rows = self.store.progress_line_rows(&bound, 500)?;
            for r in &rows {
                w.push(&[
                    Value::Integer(r.id),
                    Value::text(&r.project_code),
                    Value::opt_text(r.milestone_code.as_deref()),
                    Value::text(&r.description),
                    Value::text(&r.term),
                    Value::Decimal(r.quantity),
                    Value::Decimal(r.unit_price),
                    Value::Amount(r.total, r.currency),
                    Value::Amount(r.billed, r.currency),
                    Value::Decimal(r.estimated_progress),
                    r.pending
                        .as_ref()
                        .map_or(Value::Empty, |p| Value::Integer(p.seq)),
                    r.pending
                        .as_ref()
                        .map_or(Value::Empty, |p| Value::Date(p.period_end)),
                    Value::Bool(r.pending.as_ref().is_some_and(|p| p.refresh_requested)),
                ])?;
            }
            match rows.last() {
                Some(last) if rows.len() == 500 => bound = Bound::After(last.id),
                _ => break,
            }
        }
        Ok((w.finish()?, path))
    }

    /// The periods pane: the periods of the line on screen, its amounts in its currency.
    fn write_periods(&self) -> anyhow::Result<(usize, PathBuf)> {
        let Some(line) = &self.progress.line else {
            anyhow::bail!("no contract line on screen");
        };
        let path = self.fresh_path(&format!("periods-line-{}", line.id), "xlsx");
        let cols = [
            Column::new("Line", CellKind::Integer, 6.0),
            Column::new("Period", CellKind::Integer, 7.0),
            Column::new("Start", CellKind::Date, 12.0),
            Column::new("End", CellKind::Date, 12.0),
            Column::new("Invoice date", CellKind::Date, 12.0),
            Column::new("State", CellKind::Text, 11.0),
            Column::new("Estimated %", CellKind::Decimal, 11.0),
            Column::new("Estimated quantity", CellKind::Decimal, 11.0),
            Column::new("Estimated amount", CellKind::Amount, 15.0),
            Column::new("Billed %", CellKind::Decimal, 10.0),
            Column::new("Billed quantity", CellKind::Decimal, 11.0),
            Column::new("Billed amount", CellKind::Amount, 15.0),
            Column::new("Revenue item", CellKind::Integer, 9.0),
            Column::new("Refresh requested", CellKind::Bool, 9.0),
        ];
        let sheet = format!("Periods of line {}", line.id);
        let mut w = TableWriter::create(&path, &sheet, &cols)?;
        let c = line.currency;
        for p in &self.progress.periods {
            w.push(&[
                Value::Integer(p.line_id),
                Value::Integer(p.seq),
                Value::Date(p.period_start),
                Value::Date(p.period_end),
                Value::Date(p.invoice_date),
                Value::text(match p.state {
                    ProgressState::Pending => "pending",
                    ProgressState::ToBeInvoiced => "to invoice",
                    ProgressState::Invoiced => "invoiced",
                }),
                Value::Decimal(p.estimated.percent),
                Value::Decimal(p.estimated.quantity),
                Value::Amount(p.estimated.amount, c),
                Value::Decimal(p.billed.percent),
                Value::Decimal(p.billed.quantity),
                Value::Amount(p.billed.amount, c),
                p.revenue_item_id.map_or(Value::Empty, Value::Integer),
                Value::Bool(p.refresh_requested),
            ])?;
        }
        Ok((w.finish()?, path))
    }

    fn write_milestones(&self) -> anyhow::Result<(usize, PathBuf)> {
        let path = self.fresh_path("milestones", "xlsx");
        let cols = [
            Column::new("Due", CellKind::Date, 12.0),
            Column::new("Project", CellKind::Text, 9.0),
            Column::new("Milestone", CellKind::Text, 9.0),
            Column::new("Name", CellKind::Text, 28.0),
            Column::new("Reached", CellKind::Date, 12.0),
            Column::new("Reached by", CellKind::Text, 14.0),
            Column::new("Items", CellKind::Integer, 7.0),
            Column::new("Open items", CellKind::Integer, 7.0),
            Column::new("Amount", CellKind::Amount, 15.0),
            Column::new("Estimated %", CellKind::Decimal, 11.0),
            Column::new("Warning", CellKind::Text, 16.0),
        ];
        let mut w = TableWriter::create(&path, "Milestones", &cols)?;
        let mut bound = Bound::Start;
        loop {
            let rows = self.store.milestone_rows(&bound, 500)?;
            for r in &rows {
                w.push(&[
                    Value::Date(r.due_date),
                    Value::text(&r.project_code),
                    Value::text(&r.code),
                    Value::text(&r.name),
                    r.reached
                        .as_ref()
                        .map_or(Value::Empty, |(d, _)| Value::Date(*d)),
                    r.reached
                        .as_ref()
                        .map_or(Value::Empty, |(_, by)| Value::text(by)),
                    Value::Integer(r.items),
                    Value::Integer(r.open_items),
                    Value::Amount(r.amount, r.currency),
                    Value::Decimal(r.estimated_progress),
                    r.warning(self.today)
                        .map_or(Value::Empty, |w| Value::text(w.label())),
                ])?;
            }
            match rows.last() {
                Some(last) if rows.len() == 500 => bound = Bound::After(last.key()),
                _ => break,
            }
        }
        Ok((w.finish()?, path))
    }

    fn write_report(&self) -> anyhow::Result<(usize, PathBuf)> {
        let r = &self.reports;
        let cur = r.currency.map(|c| c.code().to_string()).unwrap_or_default();
        let path = self.fresh_path(
            &format!("report-{}-{cur}", r.query.group.label().replace(' ', "-")),
            "xlsx",
        );
        let mut cols = vec![
            Column::new(&capital(r.query.group.label()), CellKind::Text, 12.0),
            Column::new("Name", CellKind::Text, 28.0),
            Column::new("Month", CellKind::Month, 9.0),
        ];
        for m in Measure::ALL {
            cols.push(Column::new(&capital(m.label()), CellKind::Amount, 15.0));
        }
        let mut w = TableWriter::create(&path, "Revenue and billing", &cols)?;
        for row in r.visible_rows() {
            let mut cells = vec![
                Value::text(&row.group.key),
                Value::text(&row.group.label),
                Value::Month(row.month),
            ];
            cells.extend(
                Measure::ALL
                    .iter()
                    .map(|m| Value::Amount(row.figures.get(*m), row.currency)),
            );
            w.push(&cells)?;
        }
        Ok((w.finish()?, path))
    }

    fn write_breakdown(&self) -> anyhow::Result<(usize, PathBuf)> {
        let Some(Overlay::Breakdown(b)) = self.overlays.last() else {
            anyhow::bail!("nothing listed");
        };
        let path = self.fresh_path("breakdown", "xlsx");
        let cols = [
            Column::new("Date", CellKind::Date, 12.0),
            Column::new("Reference", CellKind::Text, 16.0),
            Column::new("What", CellKind::Text, 36.0),
            Column::new("Status", CellKind::Text, 20.0),
            Column::new("Amount", CellKind::Amount, 15.0),
        ];
        let mut w = TableWriter::create(&path, "Breakdown", &cols)?;
        let currency = |i: usize| b.currencies.get(i).copied();
        for (i, p) in b.parts.iter().enumerate() {
            w.push(&[
                part_date(&p.date)?,
                Value::text(&p.reference),
                Value::text(&p.text),
                Value::text(&p.status.replace('_', " ")),
                currency(i).map_or(Value::Decimal(p.amount), |c| Value::Amount(p.amount, c)),
            ])?;
        }
        Ok((w.finish()?, path))
    }

    /// `v`: the PDF of the invoice or the revenue item under the cursor.
    pub(super) fn write_pdf(&mut self, ctx: Context) {
        enum Target {
            Invoice(i64, String),
            Item(i64),
        }
        let target = match (ctx, self.overlays.last()) {
            (Context::DraftView | Context::ConfirmedView, Some(Overlay::Invoice(v))) => {
                Some(Target::Invoice(
                    v.invoice.id,
                    invoice_stem(v.invoice.number.as_deref(), v.invoice.id),
                ))
            }
            (Context::ItemSummary, Some(Overlay::Summary(s))) => Some(Target::Item(s.item.id)),
            (Context::Invoices, _) => self
                .invoices
                .view
                .current()
                .map(|r| Target::Invoice(r.id, invoice_stem(r.number.as_deref(), r.id))),
            (Context::FinanceControl | Context::RevenueItems, _) => self
                .item_list(self.tab)
                .view
                .current()
                .map(|r| Target::Item(r.id)),
            _ => None,
        };
        let result = match target {
            None => return self.error("nothing here to write as PDF"),
            Some(Target::Invoice(id, stem)) => {
                let path = self.fresh_path(&stem, "pdf");
                crate::files::invoice_pdf(&self.store, id, &path).map(|n| (n, path))
            }
            Some(Target::Item(id)) => {
                let path = self.fresh_path(&format!("item-{id}"), "pdf");
                crate::files::item_summary_pdf(&self.store, id, self.today, &path)
                    .map(|n| (n, path))
            }
        };
        match result {
            Ok((pages, path)) => {
                self.info(format!("{pages} page(s) written to {}", path.display()))
            }
            Err(e) => self.error(format!("no PDF written: {e:#}")),
        }
    }
}

/// A breakdown part's date: a day (`2026-11-28`, items and documents) or a month (`2026-11`,
/// adjustments), as a date cell.
fn part_date(text: &str) -> anyhow::Result<Value> {
    if let Ok(day) = text.parse::<NaiveDate>() {
        return Ok(Value::Date(day));
    }
    let month = YearMonth::parse(text).with_context(|| format!("the date {text:?}"))?;
    Ok(Value::Month(month))
}

/// `2026-000123`, or `draft-17`; a file name, so no slashes.
fn invoice_stem(number: Option<&str>, id: i64) -> String {
    match number {
        Some(n) => n.replace(['/', '\\'], "-"),
        None => format!("draft-{id}"),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
