//! The rows a user marked with Space (or all the filter shows with `a`), with running totals
//! per currency so that the footer never sums them again.

use crate::domain::{Currency, Money};
use crate::store::list_query::CurrencyTotal;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// What an action needs to know of a selected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picked {
    pub version: i64,
    pub amount: Money,
}

#[derive(Debug, Clone, Default)]
pub struct Selection {
    rows: HashMap<i64, Picked>,
    totals: BTreeMap<Currency, (i64, Decimal)>,
}

impl Selection {
    pub fn contains(&self, id: i64) -> bool {
        self.rows.contains_key(&id)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn insert(&mut self, id: i64, picked: Picked) {
        if let Some(old) = self.rows.insert(id, picked) {
            self.account(&old, -1);
        }
        self.account(&picked, 1);
    }

    pub fn remove(&mut self, id: i64) {
        if let Some(old) = self.rows.remove(&id) {
            self.account(&old, -1);
        }
    }

    /// Selects the row if it was not, else unselects it; returns whether it is selected now.
    pub fn toggle(&mut self, id: i64, picked: Picked) -> bool {
        if self.contains(id) {
            self.remove(id);
            false
        } else {
            self.insert(id, picked);
            true
        }
    }

    pub fn clear(&mut self) {
        self.rows.clear();
        self.totals.clear();
    }

    fn account(&mut self, p: &Picked, sign: i64) {
        let entry = self.totals.entry(p.amount.currency).or_default();
        entry.0 += sign;
        // Stored amounts stay far below what a decimal holds, however many are selected.
        entry.1 += Decimal::from(sign) * p.amount.amount;
        if entry.0 == 0 {
            self.totals.remove(&p.amount.currency);
        }
    }

    /// `(id, version)` of every selected row, by id.
    pub fn ids_with_versions(&self) -> Vec<(i64, i64)> {
        let mut v: Vec<(i64, i64)> = self.rows.iter().map(|(id, p)| (*id, p.version)).collect();
        v.sort_unstable();
        v
    }

    pub fn totals(&self) -> Vec<CurrencyTotal> {
        self.totals
            .iter()
            .map(|(currency, (count, amount))| CurrencyTotal {
                count: *count,
                amount: Money::new(*amount, *currency),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(cur: Currency, cents: i64) -> Picked {
        Picked {
            version: 1,
            amount: Money::new(Decimal::new(cents, 2), cur),
        }
    }

    #[test]
    fn running_totals_per_currency() {
        let mut s = Selection::default();
        assert!(s.toggle(1, p(Currency::EUR, 1000)));
        s.toggle(2, p(Currency::EUR, 250));
        s.toggle(3, p(Currency::USD, 99));
        assert!(!s.toggle(2, p(Currency::EUR, 250)));
        let t = s.totals();
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[0].count, t[0].amount),
            (1, Money::new(Decimal::new(1000, 2), Currency::EUR))
        );
        s.remove(3);
        assert_eq!(s.totals().len(), 1);
        assert_eq!(s.ids_with_versions(), [(1, 1)]);
    }
}
