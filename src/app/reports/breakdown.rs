//! What a report figure is made of: its items, documents and adjustments, with their sum (which
//! equals the figure), or every adjustment of the report's range.

use super::super::background::FileJob;
use super::super::history::{Root, open_history};
use super::super::invoices::InvoiceView;
use super::super::keymap::{Cmd, Context};
use super::super::list_view::move_index;
use super::super::revenue_item::ItemSummary;
use super::super::work::Ctx;
use super::super::work::{View, ViewStep};
use super::keys::BREAKDOWN;
use super::report_forms::{AdjustmentDefaults, open_adjustment_delete, open_adjustment_form};
use crate::domain::Money;
use crate::domain::object_kind::ObjectKind;
use crate::domain::report::{GroupBy, YearMonth};
use crate::files::xlsx::{CellKind, Column, TableWriter, Value};
use crate::store::reports::{Cell, Part, PartKind, ReportFilter};
use crate::store::{Result, Store};
use anyhow::Context as _;
use chrono::NaiveDate;

/// What the breakdown lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Figure(Cell),
    /// Every adjustment of a range of months that the report's filter keeps (words read as
    /// the report is grouped).
    Adjustments {
        from: YearMonth,
        to: YearMonth,
        group: GroupBy,
        filter: ReportFilter,
    },
}

/// Hours of the time reports a breakdown lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hours {
    pub all: rust_decimal::Decimal,
    pub billable: rust_decimal::Decimal,
    pub without_cost: rust_decimal::Decimal,
}

#[derive(Debug, Clone)]
pub struct Breakdown {
    pub source: Source,
    pub title: String,
    pub parts: Vec<Part>,
    /// The sum per currency of what is listed.
    pub totals: Vec<Money>,
    /// The hours of the time reports listed: all, billable, without a cost rate.
    pub hours: Option<Hours>,
    pub cursor: usize,
    /// Whether the store stopped at its limit.
    pub truncated: bool,
}

impl Breakdown {
    pub fn load(store: &Store, source: Source) -> Result<Breakdown> {
        let mut truncated = false;
        let (title, parts): (String, Vec<Part>) = match &source {
            Source::Figure(c) => {
                let (parts, cut) = store.report_parts(c)?;
                truncated = cut;
                (
                    format!(
                        "{} of {} {} in {} ({}){}",
                        capitalised(c.measure.label()),
                        c.group_by.label(),
                        c.group.key,
                        c.month,
                        c.currency,
                        narrowed(&c.filter)
                    ),
                    parts,
                )
            }
            Source::Adjustments {
                from,
                to,
                group,
                filter,
            } => {
                let list = store.adjustments_narrowed(*from, *to, *group, filter)?;
                let parts = list
                    .into_iter()
                    .map(|a| Part {
                        kind: PartKind::Adjustment,
                        id: a.id,
                        date: a.month.to_string(),
                        reference: a.project_code,
                        text: a.reason,
                        status: format!("by {}", a.updated_by),
                        amount: Money::new(a.amount, a.currency),
                        time: None,
                    })
                    .collect();
                (
                    format!("Revenue adjustments {from} to {to}{}", narrowed(filter)),
                    parts,
                )
            }
        };
        let mut totals: Vec<Money> = Vec::new();
        for p in &parts {
            match totals.iter_mut().find(|t| t.currency == p.amount.currency) {
                // Parts are stored amounts, at most a few thousand: their sum stays exact.
                Some(sum) => sum.amount += p.amount.amount,
                None => totals.push(p.amount),
            }
        }
        let hours = parts
            .iter()
            .filter_map(|p| p.time)
            .fold(None, |sum: Option<Hours>, t| {
                let mut h = sum.unwrap_or_default();
                h.all += t.hours;
                if t.billable {
                    h.billable += t.hours;
                }
                if !t.costed {
                    h.without_cost += t.hours;
                }
                Some(h)
            });
        Ok(Breakdown {
            hours,
            truncated,
            source,
            title,
            parts,
            totals,
            cursor: 0,
        })
    }

    pub fn current(&self) -> Option<&Part> {
        self.parts.get(self.cursor)
    }

    /// A new adjustment from here goes to the figure's month (and project, when the report is
    /// grouped by project); from the list of adjustments, to the first month of its range.
    fn adjustment_defaults(&self) -> Option<AdjustmentDefaults> {
        Some(match &self.source {
            Source::Figure(c) => AdjustmentDefaults {
                project: if c.group_by == GroupBy::Project {
                    c.group.key.clone()
                } else {
                    String::new()
                },
                month: c.month,
            },
            Source::Adjustments { from, .. } => AdjustmentDefaults {
                project: String::new(),
                month: *from,
            },
        })
    }
}

impl View for Breakdown {
    fn keys(&self) -> Context {
        BREAKDOWN
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> ViewStep {
        match cmd {
            Cmd::Back => return ViewStep::Close,
            _ if cmd.is_motion() => {
                self.cursor = move_index(self.cursor, self.parts.len(), 10, cmd);
            }
            Cmd::New => open_adjustment_form(None, self.adjustment_defaults(), cx),
            Cmd::History => match self.current() {
                Some(part) => {
                    let (kind, title) = match part.kind {
                        PartKind::Item => (
                            ObjectKind::RevenueItem,
                            format!("item {} {}", part.id, part.text),
                        ),
                        PartKind::Document => {
                            (ObjectKind::Invoice, format!("document {}", part.reference))
                        }
                        PartKind::TimeReport => (
                            ObjectKind::TimeReport,
                            format!("time report {} ({} {})", part.id, part.reference, part.date),
                        ),
                        PartKind::Adjustment => (
                            ObjectKind::RevenueAdjustment,
                            format!("adjustment {} ({} {})", part.id, part.reference, part.date),
                        ),
                    };
                    open_history(title, vec![Root::Object(kind, part.id)], cx);
                }
                None => cx.error("nothing here: the figure is made of nothing"),
            },
            Cmd::Open | Cmd::Edit | Cmd::Delete => {
                let Some(part) = self.current().cloned() else {
                    cx.error("nothing here: the figure is made of nothing");
                    return ViewStep::Stay;
                };
                match (cmd, part.kind) {
                    (Cmd::Open, PartKind::Item) => {
                        if let Some(s) = cx.report(ItemSummary::load(cx.store, part.id)) {
                            cx.open_view(s);
                        }
                    }
                    (Cmd::Open, PartKind::Document) => {
                        if let Some(v) = cx.report(InvoiceView::load(cx.store, part.id)) {
                            cx.open_view(v);
                        }
                    }
                    (Cmd::Open | Cmd::Edit, PartKind::Adjustment) => {
                        open_adjustment_form(Some(part.id), None, cx)
                    }
                    (Cmd::Delete, PartKind::Adjustment) => open_adjustment_delete(part.id, cx),
                    (Cmd::Open, PartKind::TimeReport) => cx.info(format!(
                        "time report {} of {} on {}: time reports come in with finctl import time-reports; H shows its history",
                        part.id, part.reference, part.date
                    )),
                    _ => cx.error(
                        "only revenue adjustments are changed here: items and invoices change in their own screens",
                    ),
                }
            }
            _ => return ViewStep::NotHere,
        }
        ViewStep::Stay
    }

    /// After a change: it lists what the change touched too.
    fn reload(&mut self, store: &Store) -> Result<bool> {
        let mut fresh = Breakdown::load(store, self.source.clone())?;
        fresh.cursor = self.cursor.min(fresh.parts.len().saturating_sub(1));
        *self = fresh;
        Ok(true)
    }

    fn excel(&self, _today: chrono::NaiveDate) -> std::result::Result<FileJob, String> {
        let parts = self.parts.clone();
        Ok(FileJob::new(
            "breakdown",
            "xlsx",
            "row(s)",
            move |_, path, progress| {
                let cols = [
                    Column::new("Date", CellKind::Date, 12.0),
                    Column::new("Reference", CellKind::Text, 16.0),
                    Column::new("What", CellKind::Text, 36.0),
                    Column::new("Status", CellKind::Text, 20.0),
                    Column::new("Amount", CellKind::Amount, 15.0),
                ];
                let mut w = TableWriter::create(path, "Breakdown", &cols)?.with_progress(progress);
                for p in &parts {
                    w.push(&[
                        part_date(&p.date)?,
                        Value::text(&p.reference),
                        Value::text(&p.text),
                        Value::text(&p.status.replace('_', " ")),
                        Value::Amount(p.amount),
                    ])?;
                }
                w.finish()
            },
        ))
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

/// ` /acme` after a title when the report is narrowed.
fn narrowed(filter: &ReportFilter) -> String {
    if filter.text.is_empty() {
        String::new()
    } else {
        format!(" /{}", filter.text)
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
