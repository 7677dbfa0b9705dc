//! The revenue and billing report: a range of months, a grouping, one currency at a time, and
//! what `/` narrows it to; the rows of the store's report for that currency, a cursor on a row
//! and on a figure, and the month totals the chart draws.

use super::super::background::{Answer, Query};
use super::super::work::Ctx;
use crate::domain::Currency;
use crate::domain::report::{Figures, GroupBy, Measure, YearMonth};
use crate::store::reports::{ReportFilter, ReportQuery, ReportRow};
use crate::store::{Result, Store};

pub const TITLE: &str = "Reports";

#[derive(Debug, Clone)]
pub struct Reports {
    pub query: ReportQuery,
    /// Every row of the range, all currencies.
    pub rows: Vec<ReportRow>,
    pub currencies: Vec<Currency>,
    pub currency: Option<Currency>,
    /// Indexes into `rows` of the shown currency.
    pub shown: Vec<usize>,
    pub cursor: usize,
    pub measure: Measure,
    /// Month totals of the shown currency (every month of the range, zeros included).
    pub months: Vec<(YearMonth, Figures)>,
    pub total: Figures,
    pub height: usize,
    /// Whether the data changed since it was summed (or it never was).
    pub stale: bool,
    /// What the report is narrowed to (`/`): the projects, accounts or business units summed.
    pub filter: ReportFilter,
    /// Text typed after `/`, while the filter input is open.
    pub filter_input: Option<String>,
    /// Why the text typed does not read as a filter (the report keeps the last one that did).
    pub filter_error: Option<String>,
    /// The report is being summed off the input path (the rows shown are the last sum's).
    pub summing: bool,
}

impl Reports {
    /// The six months up to the one after `today`'s: history and what is coming.
    pub fn new(today: chrono::NaiveDate) -> Reports {
        let now = YearMonth::of(today);
        Reports {
            query: ReportQuery {
                from: now.plus(-4),
                to: now.plus(1),
                group: GroupBy::Project,
            },
            rows: Vec::new(),
            currencies: Vec::new(),
            currency: None,
            shown: Vec::new(),
            cursor: 0,
            measure: Measure::Revenue,
            months: Vec::new(),
            total: Figures::default(),
            height: 10,
            stale: true,
            filter: ReportFilter::default(),
            filter_input: None,
            filter_error: None,
            summing: false,
        }
    }

    /// Sums the report again (after a change of range, grouping, filter or data) off the input
    /// path: over a million items that takes longer than a key may wait. The rows shown stay
    /// until the new ones come (`take_rows`); a sum still on its way is out of date, and its
    /// answer is never taken (the list thread answers only a job's newest request).
    pub fn sum(&mut self, cx: &mut Ctx) -> Result<()> {
        let query = Query::Report(self.query, self.filter.clone());
        let answer = cx.query(TITLE, query)?;
        self.stale = false;
        match answer {
            Some(Answer::ReportRows(rows)) => {
                self.summing = false;
                self.take_rows(rows);
            }
            Some(_) => {}
            None => self.summing = true,
        }
        Ok(())
    }

    /// Reads the report of the range, grouping and filter from `store`: what the screen shows,
    /// and what `finctl export report` writes.
    pub fn sum_in(&mut self, store: &Store) -> Result<()> {
        let rows = store.report_narrowed(&self.query, &self.filter)?;
        self.take_rows(rows);
        Ok(())
    }

    /// Shows the rows of `currency` (none when the range has no figure in it).
    pub fn show_currency(&mut self, currency: Currency) {
        self.currency = Some(currency);
        self.cursor = 0;
        self.select_currency();
    }

    /// Shows the report's rows; the cursor stays on the same group and month when it still
    /// shows.
    pub fn take_rows(&mut self, rows: Vec<ReportRow>) {
        let kept = self.current().map(|r| (r.group.clone(), r.month));
        self.rows = rows;
        self.stale = false;
        let mut cs: Vec<Currency> = self.rows.iter().map(|r| r.currency).collect();
        cs.sort();
        cs.dedup();
        self.currencies = cs;
        if self.currency.is_none_or(|c| !self.currencies.contains(&c)) {
            self.currency = self.currencies.first().copied();
        }
        self.select_currency();
        if let Some((group, month)) = kept
            && let Some(i) = self
                .shown
                .iter()
                .position(|&i| self.rows[i].group == group && self.rows[i].month == month)
        {
            self.cursor = i;
        }
    }

    /// Shows the rows and month totals of the chosen currency.
    pub fn select_currency(&mut self) {
        let c = self.currency;
        self.shown = (0..self.rows.len())
            .filter(|&i| Some(self.rows[i].currency) == c)
            .collect();
        self.cursor = self.cursor.min(self.shown.len().saturating_sub(1));
        self.months = self
            .query
            .from
            .through(self.query.to)
            .into_iter()
            .map(|m| (m, Figures::default()))
            .collect();
        self.total = Figures::default();
        for &i in &self.shown {
            let r = &self.rows[i];
            if let Some((_, f)) = self.months.iter_mut().find(|(m, _)| *m == r.month) {
                f.add(&r.figures);
            }
            self.total.add(&r.figures);
        }
    }

    pub fn current(&self) -> Option<&ReportRow> {
        self.shown.get(self.cursor).map(|&i| &self.rows[i])
    }

    /// The shown rows, in order.
    pub fn visible_rows(&self) -> impl Iterator<Item = &ReportRow> {
        self.shown.iter().map(|&i| &self.rows[i])
    }

    pub fn next_currency(&mut self) -> Option<Currency> {
        let n = self.currencies.len();
        if n == 0 {
            return None;
        }
        let at = self
            .currency
            .and_then(|c| self.currencies.iter().position(|x| *x == c))
            .unwrap_or(0);
        self.currency = Some(self.currencies[(at + 1) % n]);
        self.cursor = 0;
        self.select_currency();
        self.currency
    }

    /// Moves the figure under the cursor left or right, over the figures the grouping has.
    pub fn move_measure(&mut self, delta: isize) {
        let shown: Vec<Measure> = Measure::ALL
            .into_iter()
            .filter(|m| m.applies_to(self.query.group))
            .collect();
        let at = shown.iter().position(|m| *m == self.measure).unwrap_or(0) as isize;
        let n = shown.len() as isize;
        self.measure = shown[(at + delta).rem_euclid(n) as usize];
    }

    /// The next grouping; the figure under the cursor stays when the grouping has it, else it
    /// is the first the grouping has (a person's row: cost).
    pub fn next_group(&mut self) {
        self.query.group = self.query.group.next();
        self.cursor = 0;
        if !self.measure.applies_to(self.query.group) {
            self.measure = Measure::ALL
                .into_iter()
                .find(|m| m.applies_to(self.query.group))
                .unwrap_or(Measure::Cost);
        }
    }
}

/// Rows the chart takes on a body of `rows` list rows: a third, at least 6, at most 14.
pub fn chart_rows(rows: usize) -> usize {
    (rows / 3).clamp(6, 14)
}
