//! A row's references to other objects, found in the database once per call and text: an
//! account by its key or name, a price list by its key or name, a project by its key or code,
//! a milestone by its key or code within its project. A million time reports name a few
//! hundred projects: each is looked up once, a name that finds nothing too.
//!
//! The kinds are written in dependency order (accounts before the projects that name them),
//! and what a kind refers to is written before it: the answers are forgotten when a kind
//! starts (`clear`), so that a project made earlier in the same call is found.

use crate::store::Result;
use crate::store::Writer;
use crate::store::accounts::find_account;
use crate::store::milestone_edits::find_milestone;
use crate::store::price_lists::find_price_list;
use crate::store::projects::find_project;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct References {
    accounts: HashMap<String, Option<i64>>,
    price_lists: HashMap<String, Option<i64>>,
    projects: HashMap<String, Option<i64>>,
    milestones: HashMap<(i64, String), Option<i64>>,
}

/// The cached answer for `text`, or the one `find` gives (kept, even when it finds nothing).
/// A hit allocates nothing: it is the path of nearly every row.
fn cached(
    cache: &mut HashMap<String, Option<i64>>,
    text: &str,
    find: impl FnOnce() -> Result<Option<i64>>,
) -> Result<Option<i64>> {
    if let Some(found) = cache.get(text) {
        return Ok(*found);
    }
    let found = find()?;
    cache.insert(text.to_string(), found);
    Ok(found)
}

impl References {
    /// Forgets every answer: what the previous kinds wrote may be found now.
    pub fn clear(&mut self) {
        *self = References::default();
    }

    /// The account with this key, else with this name.
    pub fn account(&mut self, w: &Writer<'_>, text: &str) -> Result<Option<i64>> {
        let text = text.trim();
        cached(&mut self.accounts, text, || {
            Ok(find_account(w.tx(), Some(text), text)?.map(|a| a.id))
        })
    }

    /// The price list with this key, else with this name.
    pub fn price_list(&mut self, w: &Writer<'_>, text: &str) -> Result<Option<i64>> {
        let text = text.trim();
        cached(&mut self.price_lists, text, || {
            Ok(find_price_list(w.tx(), Some(text), text)?.map(|p| p.id))
        })
    }

    /// The project with this key, else with this code.
    pub fn project(&mut self, w: &Writer<'_>, text: &str) -> Result<Option<i64>> {
        let text = text.trim();
        cached(&mut self.projects, text, || {
            Ok(find_project(w.tx(), Some(text), text)?.map(|p| p.id))
        })
    }

    /// The milestone of the project with this key, else with this code.
    pub fn milestone(
        &mut self,
        w: &Writer<'_>,
        project_id: i64,
        text: &str,
    ) -> Result<Option<i64>> {
        let text = text.trim();
        let key = (project_id, text.to_string());
        if let Some(found) = self.milestones.get(&key) {
            return Ok(*found);
        }
        let found = find_milestone(w.tx(), project_id, Some(text), text)?.map(|m| m.id);
        self.milestones.insert(key, found);
        Ok(found)
    }
}
