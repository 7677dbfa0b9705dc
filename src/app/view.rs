//! A view opened over a screen (an item's summary, an invoice, what a report figure is made
//! of): its own keys, reloaded after every change, closed with Esc.

use super::background::FileJob;
use super::ctx::Ctx;
use super::keymap::{Cmd, Context};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::any::Any;

/// What a command did to a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewStep {
    /// Done (or said why not) and the view stays.
    Stay,
    /// The view closes.
    Close,
    /// The view has nothing for this command.
    NotHere,
}

pub trait View: Any {
    /// The keys that apply on the view.
    fn keys(&self) -> Context;

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> ViewStep;

    /// Reads again what it shows, after a change; `Ok(false)` when that is gone (the view
    /// closes).
    fn reload(&mut self, store: &Store) -> Result<bool, StoreError>;

    /// `X`: the rows it lists as an Excel file; `Err` says why there is nothing.
    fn excel(&self, _today: NaiveDate) -> Result<FileJob, String> {
        Err("nothing listed here to write to Excel".into())
    }

    /// `v`: a PDF of what it shows.
    fn pdf(&self, _today: NaiveDate) -> Result<FileJob, String> {
        Err("nothing here to write as PDF".into())
    }
}
