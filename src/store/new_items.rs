//! Creating revenue items: one from a form, a plan, a progress period or an import row, and
//! many in one write (a copy, the demo), each checked, priced and written with its creation
//! history row (`item_rows.rs`), their names indexed.

use super::error::Result;
use super::item_rows::{ItemProjects, ItemRow, check_row, insert_rows};
use super::multi_row;
use super::revenue_items::NewRevenueItem;
use super::{Store, Writer};
use crate::domain::rights::Action;
use crate::domain::tm_allocation::collects;
use rusqlite::params;
use std::borrow::Cow;
use std::collections::HashSet;

impl Store {
    /// Creates items in one transaction, each with its creation history row.
    pub fn create_revenue_items(&mut self, items: &[NewRevenueItem]) -> Result<Vec<i64>> {
        self.create_revenue_items_counted(items, &mut |_| {})
    }

    /// As [`create_revenue_items`](Self::create_revenue_items), telling `made` how many of
    /// them are written so far, every [`COUNT_EVERY`] items and at the end.
    pub fn create_revenue_items_counted(
        &mut self,
        items: &[NewRevenueItem],
        made: &mut dyn FnMut(usize),
    ) -> Result<Vec<i64>> {
        self.write(Action::EditRevenue, |w| {
            write_new_items(w, items.iter().map(Cow::Borrowed), made)
        })
    }

    /// As [`create_revenue_items_counted`](Self::create_revenue_items_counted), for items
    /// made one by one as they are written: a generator's hundred thousand items are never held
    /// at once (the demo gives that memory to the page cache).
    pub fn create_revenue_items_made(
        &mut self,
        items: impl Iterator<Item = NewRevenueItem>,
        made: &mut dyn FnMut(usize),
    ) -> Result<Vec<i64>> {
        self.write(Action::EditRevenue, |w| {
            write_new_items(w, items.map(Cow::Owned), made)
        })
    }
}

/// Writes new items in one write, in order, each with its creation history row, and indexes
/// their names (the trigram index and `item_names`); tells `made` how far it is.
fn write_new_items<'a>(
    w: &Writer<'_>,
    items: impl Iterator<Item = Cow<'a, NewRevenueItem>>,
    made: &mut dyn FnMut(usize),
) -> Result<Vec<i64>> {
    let mut projects = ItemProjects::default();
    let mut ids: Vec<i64> = Vec::with_capacity(items.size_hint().0);
    let mut pending = PendingRows::default();
    for item in items {
        // Pricing a collecting item reads the collecting items of its project before it: those
        // still waiting are written first.
        let (project_id, collecting) = (item.project_id, collects(item.billing_rule, item.status));
        if collecting && pending.collecting.contains(&project_id) {
            pending.write(w, &mut ids, made)?;
        }
        pending.rows.push(check_row(w, &mut projects, item)?);
        if collecting {
            pending.collecting.insert(project_id);
        }
        if pending.rows.len() == multi_row::ROWS {
            pending.write(w, &mut ids, made)?;
        }
    }
    pending.write(w, &mut ids, made)?;
    // The new ids are consecutive (AUTOINCREMENT, one transaction): one statement indexes the
    // whole batch's names.
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        w.tx()
            .prepare_cached(
                "INSERT INTO revenue_item_search (rowid, name)
                 SELECT id, name FROM revenue_items WHERE id BETWEEN ?1 AND ?2",
            )?
            .execute(params![first, last])?;
        // And the names seen, which short filters ask first (`item_names`).
        w.tx()
            .prepare_cached(
                "INSERT OR IGNORE INTO item_names (name)
                 SELECT name FROM revenue_items WHERE id BETWEEN ?1 AND ?2",
            )?
            .execute(params![first, last])?;
    }
    made(ids.len());
    Ok(ids)
}

/// How often [`Store::create_revenue_items_counted`] tells how far it is: each multiple of it
/// that the items written pass.
pub const COUNT_EVERY: usize = 1_000;

/// Checked items waiting to be written by one statement, and the projects of those among them
/// that collect.
#[derive(Default)]
struct PendingRows<'a> {
    rows: Vec<ItemRow<'a>>,
    collecting: HashSet<i64>,
}

impl PendingRows<'_> {
    /// Writes the waiting rows, appends their ids, and tells `made` each multiple of
    /// [`COUNT_EVERY`] the count passed.
    fn write(
        &mut self,
        w: &Writer<'_>,
        ids: &mut Vec<i64>,
        made: &mut dyn FnMut(usize),
    ) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let before = ids.len();
        ids.extend(insert_rows(w, &self.rows)?);
        self.rows.clear();
        self.collecting.clear();
        // Each multiple passed is told, as when the rows were written one by one.
        for k in before / COUNT_EVERY + 1..=ids.len() / COUNT_EVERY {
            made(k * COUNT_EVERY);
        }
        Ok(())
    }
}

/// Inserts one item after the domain's item check (a refusal names the field), with its
/// creation history row; returns its id. The caller adds its name to the name index.
pub(super) fn insert_item(
    w: &Writer<'_>,
    projects: &mut ItemProjects,
    item: &NewRevenueItem,
) -> Result<i64> {
    let row = check_row(w, projects, Cow::Borrowed(item))?;
    let ids = insert_rows(w, &[row])?;
    Ok(ids[0])
}
