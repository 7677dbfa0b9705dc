//! What a report figure is made of: its items, documents and adjustments, with their sum (which
//! equals the figure), or every adjustment of the report's range.

use crate::domain::Currency;
use crate::domain::report::YearMonth;
use crate::store::reports::{Cell, Part, PartKind};
use crate::store::{Result, Store};
use rust_decimal::Decimal;

/// What the breakdown lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Figure(Cell),
    /// Every adjustment of a range of months.
    Adjustments {
        from: YearMonth,
        to: YearMonth,
    },
}

#[derive(Debug, Clone)]
pub struct Breakdown {
    pub source: Source,
    pub title: String,
    pub parts: Vec<Part>,
    /// The sum per currency of what is listed.
    pub totals: Vec<(Currency, Decimal)>,
    /// The currency of each part.
    pub currencies: Vec<Currency>,
    pub cursor: usize,
    /// Whether the store stopped at its limit.
    pub truncated: bool,
}

impl Breakdown {
    pub fn load(store: &Store, source: Source) -> Result<Breakdown> {
        let mut truncated = false;
        let (title, parts, currencies): (String, Vec<Part>, Vec<Currency>) = match &source {
            Source::Figure(c) => {
                let (parts, cut) = store.report_parts(c)?;
                truncated = cut;
                let currencies = vec![c.currency; parts.len()];
                (
                    format!(
                        "{} of {} {} in {} ({})",
                        capitalised(c.measure.label()),
                        c.group_by.label(),
                        c.group.key,
                        c.month,
                        c.currency
                    ),
                    parts,
                    currencies,
                )
            }
            Source::Adjustments { from, to } => {
                let list = store.adjustments(*from, *to)?;
                let currencies: Vec<Currency> = list.iter().map(|a| a.currency).collect();
                let parts = list
                    .into_iter()
                    .map(|a| Part {
                        kind: PartKind::Adjustment,
                        id: a.id,
                        date: a.month.to_string(),
                        reference: a.project_code,
                        text: a.reason,
                        status: format!("by {}", a.updated_by),
                        amount: a.amount,
                    })
                    .collect();
                (
                    format!("Revenue adjustments {from} to {to}"),
                    parts,
                    currencies,
                )
            }
        };
        let mut totals: Vec<(Currency, Decimal)> = Vec::new();
        for (p, &c) in parts.iter().zip(&currencies) {
            match totals.iter_mut().find(|(x, _)| *x == c) {
                Some((_, sum)) => *sum += p.amount,
                None => totals.push((c, p.amount)),
            }
        }
        Ok(Breakdown {
            truncated,
            source,
            title,
            parts,
            totals,
            currencies,
            cursor: 0,
        })
    }

    pub fn current(&self) -> Option<&Part> {
        self.parts.get(self.cursor)
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
