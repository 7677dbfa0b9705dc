//! Master data and revenue items row by row, in id order, with their references as another
//! system names them (an object's external key where it has one, else its code or name): what
//! `finctl export` writes in the import's own layout, so that an exported file imports back
//! unchanged. Each row is read through its table's own loader, streamed: a million time
//! reports never sit in memory.

use super::Store;
use super::accounts::{Account, load_account};
use super::error::Result;
use super::milestone_edits::{Milestone, load_milestone};
use super::price_lists::{PriceList, load_price_list};
use super::projects::{Project, load_project};
use super::revenue_items::{RevenueItem, load_item};
use super::time_entries::{Expense, TimeReport, load_expense, load_time_report};
use rusqlite::Row;

/// How a reference names another object: its key, else its code or name.
const PROJECT_REF: &str = "coalesce(p.ext_key, p.code)";

impl Store {
    /// Walks `sql` (its first column an id, then the references), loading each row's object.
    fn walk_ids<T>(
        &self,
        sql: &str,
        load: impl Fn(&rusqlite::Connection, i64) -> Result<T>,
        mut each: impl FnMut(T, &Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let object = load(self.conn(), r.get(0)?)?;
            each(object, r)?;
        }
        Ok(())
    }

    pub fn for_each_account(&self, mut each: impl FnMut(Account) -> Result<()>) -> Result<()> {
        self.walk_ids(
            "SELECT id FROM accounts ORDER BY id",
            load_account,
            |a, _| each(a),
        )
    }

    pub fn for_each_price_list(&self, mut each: impl FnMut(PriceList) -> Result<()>) -> Result<()> {
        self.walk_ids(
            "SELECT id FROM price_lists ORDER BY id",
            load_price_list,
            |p, _| each(p),
        )
    }

    /// Each project with its account's and its price list's reference.
    pub fn for_each_project(
        &self,
        mut each: impl FnMut(Project, String, Option<String>) -> Result<()>,
    ) -> Result<()> {
        self.walk_ids(
            "SELECT p.id, coalesce(a.ext_key, a.name), coalesce(l.ext_key, l.name)
             FROM projects p JOIN accounts a ON a.id = p.account_id
             LEFT JOIN price_lists l ON l.id = p.price_list_id ORDER BY p.id",
            load_project,
            |p, r| each(p, r.get(1)?, r.get(2)?),
        )
    }

    /// Each milestone with its project's reference.
    pub fn for_each_milestone(
        &self,
        mut each: impl FnMut(Milestone, String) -> Result<()>,
    ) -> Result<()> {
        self.walk_ids(
            &format!(
                "SELECT m.id, {PROJECT_REF} FROM milestones m JOIN projects p ON p.id = m.project_id
                 ORDER BY m.id"
            ),
            load_milestone,
            |m, r| each(m, r.get(1)?),
        )
    }

    /// Each time report with its project's reference.
    pub fn for_each_time_report(
        &self,
        mut each: impl FnMut(TimeReport, String) -> Result<()>,
    ) -> Result<()> {
        self.walk_ids(
            &format!(
                "SELECT t.id, {PROJECT_REF} FROM time_reports t
                 JOIN projects p ON p.id = t.project_id ORDER BY t.id"
            ),
            load_time_report,
            |t, r| each(t, r.get(1)?),
        )
    }

    /// Each expense with its project's reference.
    pub fn for_each_expense(
        &self,
        mut each: impl FnMut(Expense, String) -> Result<()>,
    ) -> Result<()> {
        self.walk_ids(
            &format!(
                "SELECT e.id, {PROJECT_REF} FROM expenses e
                 JOIN projects p ON p.id = e.project_id ORDER BY e.id"
            ),
            load_expense,
            |e, r| each(e, r.get(1)?),
        )
    }

    /// Each revenue item an import could have made (made by hand, fixed, time and materials or
    /// milestone), with its project's and its milestone's reference.
    pub fn for_each_manual_item(
        &self,
        mut each: impl FnMut(RevenueItem, String, Option<String>) -> Result<()>,
    ) -> Result<()> {
        self.walk_ids(
            &format!(
                "SELECT i.id, {PROJECT_REF}, coalesce(m.ext_key, m.code) FROM revenue_items i
                 JOIN projects p ON p.id = i.project_id
                 LEFT JOIN milestones m ON m.id = i.milestone_id
                 WHERE i.origin = 'manual' AND i.billing_rule <> 'progress' ORDER BY i.id"
            ),
            load_item,
            |i, r| each(i, r.get(1)?, r.get(2)?),
        )
    }
}
