//! Adding up the report's SQL rows in memory: each (group, currency, month) once, however many
//! queries and rows name it. Groups are numbered as they first come and their names copied once,
//! so the tens of thousands of rows a large range reads allocate almost nothing: the report's
//! first showing at a million items is bound by SQLite, not by the map.

use super::codec;
use super::error::{Result, StoreError};
use super::reports::Group;
use crate::domain::Currency;
use crate::domain::report::YearMonth;
use rusqlite::Row;
use std::collections::HashMap;

/// The sums of a (group, currency, month), in minor units and micros: forecast, billing,
/// invoiced revenue, adjustments, cost, hours, billable hours, hours without a cost rate.
pub type Sums = [i64; 8];

/// The groups met so far and the sums of each (group, currency, month).
#[derive(Default)]
pub struct Tally {
    /// Projects and accounts by id.
    by_id: HashMap<i64, u32>,
    /// Business units and people (id 0) by name.
    by_key: HashMap<String, u32>,
    groups: Vec<Group>,
    sums: HashMap<(u32, Currency, YearMonth), Sums>,
}

impl Tally {
    /// Adds a row `SELECT id, key, label, currency, month, figure...`: its figures go to
    /// `slot` onwards.
    pub fn add(&mut self, r: &Row<'_>, slot: usize, width: usize) -> Result<()> {
        let group = self.group(r)?;
        let currency = codec::currency(text(r, 3)?)?;
        let month = YearMonth::parse(text(r, 4)?)?;
        let entry = self.sums.entry((group, currency, month)).or_default();
        for k in 0..width {
            let add: i64 = r.get(5 + k)?;
            entry[slot + k] = entry[slot + k]
                .checked_add(add)
                .ok_or_else(|| StoreError::refused("a report figure is too large to add up"))?;
        }
        Ok(())
    }

    /// The number of the row's group, its names copied the first time only.
    fn group(&mut self, r: &Row<'_>) -> Result<u32> {
        let id: i64 = r.get(0)?;
        let key = text(r, 1)?;
        let known = if id != 0 {
            self.by_id.get(&id)
        } else {
            self.by_key.get(key)
        };
        if let Some(&n) = known {
            return Ok(n);
        }
        let n = self.groups.len() as u32;
        self.groups.push(Group {
            key: key.to_string(),
            id,
            label: text(r, 2)?.to_string(),
        });
        if id != 0 {
            self.by_id.insert(id, n);
        } else {
            self.by_key.insert(key.to_string(), n);
        }
        Ok(n)
    }

    /// Every (group, currency, month) with its sums, ordered by group (key, id, name),
    /// currency and month.
    pub fn into_sorted(self) -> Vec<(Group, Currency, YearMonth, Sums)> {
        let mut out: Vec<_> = self.sums.into_iter().collect();
        let groups = &self.groups;
        out.sort_unstable_by(|((ga, ca, ma), _), ((gb, cb, mb), _)| {
            (&groups[*ga as usize], ca, ma).cmp(&(&groups[*gb as usize], cb, mb))
        });
        out.into_iter()
            .map(|((g, c, m), s)| (groups[g as usize].clone(), c, m, s))
            .collect()
    }
}

/// Column `i` of `r` as text, borrowed from SQLite's row (no copy).
fn text<'r>(r: &'r Row<'_>, i: usize) -> Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        StoreError::from(rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            Box::new(e),
        ))
    })
}
