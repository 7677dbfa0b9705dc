//! Which uncollected billable time reports and expenses a time-and-materials item would collect
//! now. A project may have several such items waiting; each row belongs to exactly one of them,
//! so no row is counted twice, and drafting an item collects exactly what it showed.
//!
//! The rule (a decision where domain.md is silent; `docs/rules.md`, "Time and materials"): an
//! uncollected billable row belongs to the earliest time-and-materials item of its project that
//! still collects (open or billable), in (planned invoice date, id) order, whose planned invoice
//! date is on or after the row's date. Put the other way round, each such item collects the
//! rows dated after the previous collecting item's date, up to its own: its *window*. A row
//! dated after every collecting item's date waits for a later item.
//!
//! Why windows: an item's window depends only on the item before it, so the store reads one
//! item's rows by a date range, and drafting an item (which takes it and its rows out) leaves
//! every other item's rows as they were.

use super::billing_rule::BillingRule;
use super::revenue_status::RevenueStatus;
use chrono::NaiveDate;

/// Whether an item of this rule and status collects time and expenses now: a
/// time-and-materials item that is open or billable (a draft or an invoice already collected
/// its rows; a rejected item collects nothing).
pub fn collects(rule: BillingRule, status: RevenueStatus) -> bool {
    rule == BillingRule::TimeAndMaterials
        && matches!(status, RevenueStatus::Open | RevenueStatus::Billable)
}

/// A time-and-materials item that collects, as the rule orders it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Collector {
    pub date: NaiveDate,
    pub id: i64,
}

/// The dates of the rows an item collects: after `after` (when there is an item before it),
/// up to and including `until` (its planned invoice date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub after: Option<NaiveDate>,
    pub until: NaiveDate,
}

impl Window {
    /// The window of an item planned for `until` whose predecessor among the collecting items
    /// of its project is planned for `previous`. Two items planned the same day: the second
    /// (by id) has an empty window, the first takes the day's rows.
    pub fn after(previous: Option<NaiveDate>, until: NaiveDate) -> Window {
        Window {
            after: previous,
            until,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day <= self.until && self.after.is_none_or(|after| day > after)
    }
}

/// Each collector with its window, in the rule's order.
pub fn windows(collectors: &[Collector]) -> Vec<(Collector, Window)> {
    let mut sorted = collectors.to_vec();
    sorted.sort_unstable();
    let mut previous = None;
    sorted
        .into_iter()
        .map(|c| {
            let w = Window::after(previous, c.date);
            previous = Some(c.date);
            (c, w)
        })
        .collect()
}

/// The item a row dated `day` belongs to, if any collects it yet.
pub fn owner(collectors: &[Collector], day: NaiveDate) -> Option<i64> {
    collectors
        .iter()
        .filter(|c| c.date >= day)
        .min()
        .map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(n as u64)
    }

    fn c(id: i64, d: i64) -> Collector {
        Collector { date: day(d), id }
    }

    #[test]
    fn only_open_and_billable_time_and_materials_items_collect() {
        use RevenueStatus::*;
        for s in RevenueStatus::ALL {
            assert_eq!(
                collects(BillingRule::TimeAndMaterials, s),
                matches!(s, Open | Billable),
                "{s:?}"
            );
            assert!(!collects(BillingRule::Fixed, s));
        }
    }

    #[test]
    fn each_row_goes_to_the_earliest_item_on_or_after_its_date() {
        // March (id 7), June (id 3), June again (id 9): the second June item gets nothing.
        let items = [c(3, 150), c(7, 60), c(9, 150)];
        assert_eq!(owner(&items, day(10)), Some(7));
        assert_eq!(owner(&items, day(60)), Some(7));
        assert_eq!(owner(&items, day(61)), Some(3));
        assert_eq!(owner(&items, day(150)), Some(3));
        assert_eq!(owner(&items, day(151)), None, "waits for a later item");
        let w = windows(&items);
        assert_eq!(
            w.iter().map(|(c, w)| (c.id, *w)).collect::<Vec<_>>(),
            [
                (7, Window::after(None, day(60))),
                (3, Window::after(Some(day(60)), day(150))),
                (9, Window::after(Some(day(150)), day(150))),
            ]
        );
        assert!(!w[2].1.contains(day(150)));
        assert!(owner(&[], day(1)).is_none());
    }

    fn collectors() -> impl Strategy<Value = Vec<Collector>> {
        prop::collection::vec(0i64..60, 0..8).prop_map(|dates| {
            dates
                .into_iter()
                .enumerate()
                .map(|(k, d)| c(k as i64 + 1, d))
                .collect()
        })
    }

    fn rows() -> impl Strategy<Value = Vec<(i64, i64)>> {
        // (date, amount in minor units)
        prop::collection::vec((0i64..70, 0i64..100_000), 0..40)
    }

    proptest! {
        /// A row is in at most one window, the one of its owner; so no row is counted twice.
        #[test]
        fn windows_and_owner_agree(items in collectors(), rows in rows()) {
            let w = windows(&items);
            for (d, _) in &rows {
                let holding: Vec<i64> =
                    w.iter().filter(|(_, w)| w.contains(day(*d))).map(|(c, _)| c.id).collect();
                prop_assert!(holding.len() <= 1);
                prop_assert_eq!(holding.first().copied(), owner(&items, day(*d)));
            }
        }

        /// What the items show adds up to the rows that some item collects: those dated on or
        /// before the last item's date.
        #[test]
        fn the_items_share_the_collectable_rows(items in collectors(), rows in rows()) {
            let shown: i64 = windows(&items)
                .iter()
                .map(|(_, w)| rows.iter().filter(|(d, _)| w.contains(day(*d))).map(|r| r.1).sum::<i64>())
                .sum();
            let last = items.iter().map(|c| c.date).max();
            let collectable: i64 =
                rows.iter().filter(|(d, _)| last.is_some_and(|l| day(*d) <= l)).map(|r| r.1).sum();
            prop_assert_eq!(shown, collectable);
        }

        /// Drafting an item takes exactly its window's rows; afterwards every other row has
        /// the owner it had, so every other item still shows what it showed.
        #[test]
        fn drafting_one_item_leaves_the_others_as_they_were(
            items in collectors(), rows in rows(), pick in 0usize..8,
        ) {
            prop_assume!(!items.is_empty());
            let drafted = items[pick % items.len()];
            let window = windows(&items).into_iter().find(|(c, _)| *c == drafted).unwrap().1;
            let left: Vec<Collector> = items.iter().copied().filter(|c| *c != drafted).collect();
            for (d, _) in &rows {
                let before = owner(&items, day(*d));
                prop_assert_eq!(before == Some(drafted.id), window.contains(day(*d)));
                if before != Some(drafted.id) {
                    prop_assert_eq!(owner(&left, day(*d)), before);
                }
            }
        }
    }
}
