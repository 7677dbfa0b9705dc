//! A screen whose body is a revenue item list (finance control, revenue items): the list
//! answers the screen interface, the screen adds its own keys, commands and file name.

use super::super::background::{Answer, FileJob};
use super::super::keymap::{Cmd, Context};
use super::super::screen::{Handled, Screen};
use super::super::work::{Ctx, Event};
use super::excel::excel_job;
use super::filtered_items::ItemList;
use crate::store::StoreError;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;

pub trait ItemScreen: 'static {
    fn list(&self) -> &ItemList;
    fn list_mut(&mut self) -> &mut ItemList;

    /// The screen's keys while nothing is typed.
    fn own_keys(&self) -> Context;

    /// What `X` names its file after.
    fn file_stem(&self) -> &'static str;

    /// A command of the screen's own besides the list's.
    fn run_own(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled;
}

impl<T: ItemScreen> Screen for T {
    fn keys(&self) -> Context {
        self.list().keys(self.own_keys())
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.list_mut().load(cx)
    }

    fn refresh(&mut self, cx: &mut Ctx, shown: bool) -> Result<(), StoreError> {
        self.list_mut().refresh(cx, shown)
    }

    fn set_height(&mut self, rows: usize) {
        self.list_mut().view.set_height(rows);
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        match self.list_mut().run(cmd, cx) {
            Handled::Yes => Handled::Yes,
            Handled::No => self.run_own(cmd, cx),
        }
    }

    fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        self.list_mut().type_key(ev, cx);
    }

    fn paste(&mut self, line: &str, cx: &mut Ctx) {
        self.list_mut().paste(line, cx);
    }

    fn notify(&mut self, event: &Event, cx: &mut Ctx) {
        self.list_mut().notify(event, cx);
    }

    fn answer(&mut self, answer: Answer) {
        self.list_mut().answer(answer);
    }

    fn is_filtering(&self) -> bool {
        self.list().filtering
    }

    fn query_failed(&mut self) {
        self.list_mut().filtering = false;
    }

    fn excel(&self, today: NaiveDate) -> Result<FileJob, String> {
        Ok(excel_job(
            self.file_stem(),
            self.list().filter.clone(),
            today,
        ))
    }

    fn pdf(&self, today: NaiveDate) -> Result<FileJob, String> {
        self.list().pdf(today)
    }
}
