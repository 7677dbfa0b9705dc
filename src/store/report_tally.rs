//! Adding up the report's SQL rows in memory: each (group, currency, month) once, however many
//! queries and rows name it. Groups and currencies are numbered as they first come and their
//! names copied once; a (group, currency, month) is one 64-bit key, hashed without SipHash; the
//! result is ordered by the groups' ranks, each group compared by name once. A large range
//! reads forty thousand rows at a million items; this keeps the work per row to a few lookups.

use super::codec;
use super::error::{Result, StoreError};
use crate::domain::Currency;
use crate::domain::report::YearMonth;
use rusqlite::Row;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Which group a report row is: the project or account id (0 for a business unit or a person)
/// and its name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Group {
    pub key: String,
    pub id: i64,
    pub label: String,
}

/// The sums of a (group, currency, month), in minor units and micros: forecast, billing,
/// invoiced revenue, adjustments, cost, hours, billable hours, hours without a cost rate.
pub type Sums = [i64; 8];

/// The groups and currencies met so far and the sums of each (group, currency, month).
#[derive(Default)]
pub struct Tally {
    /// Projects and accounts by id.
    by_id: HashMap<i64, u32, Quick>,
    /// Business units and people (id 0) by name.
    by_key: HashMap<String, u32>,
    groups: Vec<Group>,
    /// Currencies as stored (their code) and read; a row's is almost always the last one's.
    currencies: Vec<(String, Currency)>,
    sums: HashMap<u64, Sums, Quick>,
}

impl Tally {
    /// Adds a row `SELECT id, key, label, currency, month, figure...`: its figures go to
    /// `slot` onwards.
    pub fn add(&mut self, r: &Row<'_>, slot: usize, width: usize) -> Result<()> {
        let group = self.group(r)?;
        let currency = self.currency(text(r, 3)?)?;
        let month = month_number(text(r, 4)?)?;
        let key = (u64::from(group) << 32) | (u64::from(currency) << 24) | u64::from(month);
        let entry = self.sums.entry(key).or_default();
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

    /// The number of a stored currency code, read the first time only.
    fn currency(&mut self, code: &str) -> Result<u8> {
        if let Some(i) = self.currencies.iter().rposition(|(c, _)| c == code) {
            return Ok(i as u8);
        }
        if self.currencies.len() >= usize::from(u8::MAX) {
            return Err(StoreError::refused("the report holds too many currencies"));
        }
        self.currencies
            .push((code.to_string(), codec::currency(code)?));
        Ok((self.currencies.len() - 1) as u8)
    }

    /// Every (group, currency, month) with its sums, ordered by group (key, id, name),
    /// currency and month.
    pub fn into_sorted(self) -> Vec<(Group, Currency, YearMonth, Sums)> {
        let group_rank = ranks(&self.groups);
        let currencies: Vec<Currency> = self.currencies.iter().map(|(_, c)| *c).collect();
        let currency_rank = ranks(&currencies);
        let order = |key: u64| {
            let g = (key >> 32) as usize;
            let c = ((key >> 24) & 0xFF) as usize;
            (group_rank[g], currency_rank[c], key & 0xFF_FFFF)
        };
        let mut out: Vec<(u64, Sums)> = self.sums.into_iter().collect();
        out.sort_unstable_by_key(|(key, _)| order(*key));
        out.into_iter()
            .map(|(key, s)| {
                let group = self.groups[(key >> 32) as usize].clone();
                let currency = currencies[((key >> 24) & 0xFF) as usize];
                let m = (key & 0xFF_FFFF) as i32;
                let month = YearMonth {
                    year: m / 12,
                    month: (m % 12) as u32 + 1,
                };
                (group, currency, month, s)
            })
            .collect()
    }
}

/// Each item's place in the sorted order of `items`.
fn ranks<T: Ord>(items: &[T]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_unstable_by(|&a, &b| items[a].cmp(&items[b]));
    let mut rank = vec![0u32; items.len()];
    for (place, &i) in order.iter().enumerate() {
        rank[i] = place as u32;
    }
    rank
}

/// A stored month (`2026-11`) as year * 12 + month - 1, which orders months as they come.
fn month_number(text: &str) -> Result<u32> {
    let m = YearMonth::parse(text)?;
    u32::try_from(m.year)
        .ok()
        .and_then(|y| y.checked_mul(12))
        .and_then(|y| y.checked_add(m.month - 1))
        .filter(|n| *n < 1 << 24)
        .ok_or_else(|| StoreError::refused(format!("stored month {text:?} is out of range")))
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

/// Hashes the tally's integer keys with a few multiplies and shifts (MurmurHash3's finalizer):
/// they are made here, never by a user, so SipHash's guard against chosen keys buys nothing.
/// Every bit of the key reaches the low bits, which pick the bucket: a key's low bits are
/// its month, one of a handful, and a plain multiply left them nearly alike (every key of a
/// month in one run of buckets).
#[derive(Default)]
struct QuickHasher(u64);

impl Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(5) ^ n;
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        let mut k = self.0;
        k ^= k >> 33;
        k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
        k ^= k >> 33;
        k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        k ^ (k >> 33)
    }
}

type Quick = BuildHasherDefault<QuickHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_number_in_order_and_back() {
        let a = month_number("2026-12").unwrap();
        let b = month_number("2027-01").unwrap();
        assert_eq!(b, a + 1);
        assert_eq!(a / 12, 2026);
        assert_eq!(a % 12 + 1, 12);
        assert!(month_number("2026-13").is_err());
    }

    /// Keys that differ only above their low bits (a month's keys: one per group) spread over
    /// the buckets, which the low bits pick.
    #[test]
    fn keys_of_one_month_spread_over_the_low_bits() {
        let buckets: std::collections::HashSet<u64> = (0..4096u64)
            .map(|g| {
                let mut h = QuickHasher::default();
                h.write_u64((g << 32) | 24_311);
                h.finish() & 0xFFF
            })
            .collect();
        assert!(buckets.len() > 2_000, "{} of 4096", buckets.len());
    }

    #[test]
    fn ranks_follow_the_order() {
        assert_eq!(ranks(&["b", "c", "a"]), [1, 2, 0]);
        assert!(ranks::<u8>(&[]).is_empty());
    }
}
