//! What the keys of the report screen and of a figure's breakdown do.

use super::breakdown::{Breakdown, Source};
use super::keymap::Cmd;
use super::state::{App, Overlay};
use super::views::{InvoiceView, ItemSummary};
use crate::domain::report::YearMonth;
use crate::store::reports::{Cell, PARTS_LIMIT, PartKind};

impl App {
    pub(super) fn report_cmd(&mut self, cmd: Cmd) {
        let r = &mut self.reports;
        let last = r.shown.len().saturating_sub(1);
        let page = r.height.max(1);
        match cmd {
            Cmd::Down => r.cursor = (r.cursor + 1).min(last),
            Cmd::Up => r.cursor = r.cursor.saturating_sub(1),
            Cmd::PageDown => r.cursor = (r.cursor + page).min(last),
            Cmd::PageUp => r.cursor = r.cursor.saturating_sub(page),
            Cmd::Top => r.cursor = 0,
            Cmd::Bottom => r.cursor = last,
            Cmd::Left | Cmd::Right => {
                r.move_measure(if cmd == Cmd::Left { -1 } else { 1 });
                let msg = format!(
                    "figure: {} (Enter lists what adds up to it)",
                    self.reports.measure.label()
                );
                self.info(msg);
            }
            Cmd::GroupBy => {
                r.query.group = r.query.group.next();
                r.cursor = 0;
                self.reload_report(format!("grouped by {}", self.reports.query.group.label()));
            }
            Cmd::NextCurrency => match r.next_currency() {
                Some(c) => {
                    let msg = format!("figures in {c}");
                    self.info(msg);
                }
                None => self.error("no figure in this range: [ and ] move it, r chooses it"),
            },
            Cmd::EarlierMonths | Cmd::LaterMonths => {
                let d = if cmd == Cmd::EarlierMonths { -1 } else { 1 };
                let (first, last) = (YearMonth::parse("1900-01"), YearMonth::parse("9999-12"));
                if let (Ok(first), Ok(last)) = (first, last)
                    && (r.query.from.plus(d) < first || r.query.to.plus(d) > last)
                {
                    return self.error("the report covers the years 1900 to 9999");
                }
                r.query.from = r.query.from.plus(d);
                r.query.to = r.query.to.plus(d);
                let msg = format!("{} to {}", self.reports.query.from, self.reports.query.to);
                self.reload_report(msg);
            }
            Cmd::Range => self.open_range_form(),
            Cmd::Open => self.open_figure(),
            Cmd::New => self.open_adjustment_form(None),
            Cmd::Adjustments => {
                let q = self.reports.query;
                self.open_breakdown(Source::Adjustments {
                    from: q.from,
                    to: q.to,
                });
            }
            _ => {}
        }
    }

    /// Reads the report again and says `done` (or what went wrong).
    pub(super) fn reload_report(&mut self, done: String) {
        let result = self.reports.load(&self.store);
        if self.report(result).is_some() {
            self.info(done);
        }
    }

    fn open_figure(&mut self) {
        let r = &self.reports;
        let Some(row) = r.current() else {
            return self.error("no figure here: this range has nothing in this currency");
        };
        let cell = Cell {
            group_by: r.query.group,
            group: row.group.clone(),
            currency: row.currency,
            month: row.month,
            measure: r.measure,
        };
        self.open_breakdown(Source::Figure(cell));
    }

    fn open_breakdown(&mut self, source: Source) {
        let Some(b) = self.report(Breakdown::load(&self.store, source)) else {
            return;
        };
        let msg = match (b.parts.len(), b.truncated) {
            (0, _) => "nothing makes up this figure: it is zero".to_string(),
            (n, false) => format!("{n} line(s): Enter opens one"),
            (_, true) => format!(
                "the first {PARTS_LIMIT} lines of each kind: they add up to less than the figure"
            ),
        };
        self.overlays.push(Overlay::Breakdown(Box::new(b)));
        self.info(msg);
    }

    pub(super) fn breakdown_cmd(&mut self, cmd: Cmd) {
        let Some(Overlay::Breakdown(b)) = self.overlays.last_mut() else {
            return;
        };
        let last = b.parts.len().saturating_sub(1);
        match cmd {
            Cmd::Back => {
                self.overlays.pop();
            }
            Cmd::Down => b.cursor = (b.cursor + 1).min(last),
            Cmd::Up => b.cursor = b.cursor.saturating_sub(1),
            Cmd::PageDown => b.cursor = (b.cursor + 10).min(last),
            Cmd::PageUp => b.cursor = b.cursor.saturating_sub(10),
            Cmd::Top => b.cursor = 0,
            Cmd::Bottom => b.cursor = last,
            Cmd::New => self.open_adjustment_form(None),
            Cmd::Open | Cmd::Edit | Cmd::Delete => {
                let Some(part) = b.current().cloned() else {
                    return self.error("nothing here");
                };
                match (cmd, part.kind) {
                    (Cmd::Open, PartKind::Item) => {
                        if let Some(s) = self.report(ItemSummary::load(&self.store, part.id)) {
                            self.overlays.push(Overlay::Summary(Box::new(s)));
                        }
                    }
                    (Cmd::Open, PartKind::Document) => {
                        if let Some(v) = self.report(InvoiceView::load(&self.store, part.id)) {
                            self.overlays.push(Overlay::Invoice(Box::new(v)));
                        }
                    }
                    (Cmd::Open | Cmd::Edit, PartKind::Adjustment) => {
                        self.open_adjustment_form(Some(part.id))
                    }
                    (Cmd::Delete, PartKind::Adjustment) => self.open_adjustment_delete(part.id),
                    _ => self.error(
                        "only revenue adjustments are changed here: items and invoices change in their own screens",
                    ),
                }
            }
            _ => {}
        }
    }

    /// After a change: the report and any open breakdown show it.
    pub(super) fn reload_breakdowns(&mut self) {
        let store = &self.store;
        for o in &mut self.overlays {
            if let Overlay::Breakdown(b) = o
                && let Ok(mut fresh) = Breakdown::load(store, b.source.clone())
            {
                fresh.cursor = b.cursor.min(fresh.parts.len().saturating_sub(1));
                **b = fresh;
            }
        }
    }
}
