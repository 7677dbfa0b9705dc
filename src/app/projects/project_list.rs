//! The projects list: projects by code with their account, status and sums, as a filtered list
//! (which the screen derefs to: window, filter, totals).

use super::super::background::{Answer, Query};
use super::super::filtered_list::{FilteredList, ListSource};
use super::super::list_view::Keyed;
use super::super::selection::Picked;
use crate::store::list_query::Bound;
use crate::store::project_list::{ProjectFilter, ProjectKey, ProjectRow};
use crate::store::{Result, Store};
use std::ops::{Deref, DerefMut};

pub const TITLE: &str = "Projects";

impl Keyed for ProjectRow {
    type Key = ProjectKey;
    fn key(&self) -> ProjectKey {
        ProjectRow::key(self)
    }
}

/// Projects as the list shows them.
pub struct ProjectSource;

impl ListSource for ProjectSource {
    type Row = ProjectRow;
    type Filter = ProjectFilter;

    fn rows(
        store: &Store,
        filter: &ProjectFilter,
        bound: &Bound<ProjectKey>,
        limit: usize,
    ) -> Result<Vec<ProjectRow>> {
        store.project_rows(filter, bound, limit)
    }

    fn text(filter: &ProjectFilter) -> &str {
        &filter.text
    }

    fn text_mut(filter: &mut ProjectFilter) -> &mut String {
        &mut filter.text
    }

    fn totals(filter: &ProjectFilter) -> Query {
        Query::ProjectTotals(filter.clone())
    }

    fn first_rows(filter: &ProjectFilter, limit: usize) -> Query {
        Query::ProjectWindow(filter.clone(), limit)
    }

    fn rows_of(answer: Answer) -> Option<(Vec<ProjectRow>, usize)> {
        match answer {
            Answer::ProjectRows(rows, limit) => Some((rows, limit)),
            _ => None,
        }
    }

    fn id(row: &ProjectRow) -> i64 {
        row.id
    }

    fn key_of(store: &Store, id: i64) -> Result<Option<ProjectKey>> {
        store.project_key(id)
    }

    fn describe(row: &ProjectRow) -> String {
        format!("project {}", row.code)
    }

    fn picked(row: &ProjectRow) -> Picked {
        Picked {
            version: row.version,
            amount: row.billable,
        }
    }
}

pub struct Projects {
    pub list: FilteredList<ProjectSource>,
}

impl Default for Projects {
    fn default() -> Self {
        Projects {
            list: FilteredList::new(TITLE, ProjectFilter::default()),
        }
    }
}

impl Deref for Projects {
    type Target = FilteredList<ProjectSource>;
    fn deref(&self) -> &FilteredList<ProjectSource> {
        &self.list
    }
}

impl DerefMut for Projects {
    fn deref_mut(&mut self) -> &mut FilteredList<ProjectSource> {
        &mut self.list
    }
}
