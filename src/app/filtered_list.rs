//! A list too large to load, as the revenue item and invoice screens show it: a window of rows
//! by key, the filter typed as you go (its first rows and totals looked up off the input path),
//! the selection with its running totals, and the footer totals from SQL. What differs between
//! lists (their rows, filter and queries) is a [`ListSource`].

use super::background::{Answer, ListId, Query};
use super::filter_typing::{FilterLine, Typed, forget_error};
use super::keymap::{Cmd, Context, shared};
use super::list_view::{Keyed, ListView, move_view};
use super::screen::Handled;
use super::selection::{Picked, Selection};
use super::work::Ctx;
use crate::store::list_query::{Bound, CurrencyTotal};
use crate::store::{Result, Store};
use crossterm::event::KeyEvent;

pub use super::filter_typing::MAX_FILTER_CHARS;

/// What a list is made of: its rows, its filter and how the store answers for them.
pub trait ListSource {
    type Row: Keyed + Clone;
    type Filter: Clone;

    /// At most `limit` rows from `bound`, in list order.
    fn rows(
        store: &Store,
        filter: &Self::Filter,
        bound: &Bound<<Self::Row as Keyed>::Key>,
        limit: usize,
    ) -> Result<Vec<Self::Row>>;

    /// The typed part of the filter.
    fn text(filter: &Self::Filter) -> &str;

    /// Whether typed text reads as a filter of this list (its terms, `domain::filter_query`):
    /// the message shown in the filter line while it does not.
    fn check(_text: &str) -> std::result::Result<(), String> {
        Ok(())
    }

    /// Dates the filter's terms that depend on the day (`warning:overdue`).
    fn on_day(_filter: &mut Self::Filter, _today: chrono::NaiveDate) {}

    fn text_mut(filter: &mut Self::Filter) -> &mut String;

    /// The footer totals of what the filter shows.
    fn totals(filter: &Self::Filter) -> Query;

    /// The first `limit` rows of a newly typed filter.
    fn first_rows(filter: &Self::Filter, limit: usize) -> Query;

    /// The rows of an answer to `first_rows`, and how many were asked for.
    fn rows_of(answer: Answer) -> Option<(Vec<Self::Row>, usize)>;

    fn id(row: &Self::Row) -> i64;

    /// Where the row with this id sorts now, whatever the filter (`None` once it is gone).
    fn key_of(store: &Store, id: i64) -> Result<Option<<Self::Row as Keyed>::Key>>;

    /// The row as the status line names it ("item 12 (P-0001 Design)").
    fn describe(row: &Self::Row) -> String;

    /// What a selection keeps of a row.
    fn picked(row: &Self::Row) -> Picked;
}

pub struct FilteredList<S: ListSource> {
    /// The screen's title: which list background answers are for.
    pub id: ListId,
    pub filter: S::Filter,
    pub view: ListView<S::Row>,
    pub selection: Selection,
    /// Text typed after `/`, while the filter input is open.
    pub filter_input: Option<String>,
    /// Why the text typed does not read as a filter (the list keeps the last one that did).
    pub filter_error: Option<String>,
    /// Footer totals of what the filter shows; `None` while they are computed.
    pub totals: Option<Vec<CurrencyTotal>>,
    /// A newly typed filter's first rows are on their way (the old rows still show).
    pub filtering: bool,
}

impl<S: ListSource> FilteredList<S> {
    pub fn new(id: ListId, filter: S::Filter) -> Self {
        FilteredList {
            id,
            filter,
            view: ListView::default(),
            selection: Selection::default(),
            filter_input: None,
            filter_error: None,
            totals: None,
            filtering: false,
        }
    }

    /// The filter's typed text.
    pub fn filter_text(&self) -> &str {
        S::text(&self.filter)
    }

    /// The keys that apply: the filter's while one is typed, else `own`.
    pub fn keys(&self, own: Context) -> Context {
        if self.filter_input.is_some() {
            shared::FILTER_INPUT
        } else {
            own
        }
    }

    /// `(id, version)` of the selected rows, or of the cursor's row when none is selected.
    pub fn targets(&self) -> Vec<(i64, i64)> {
        if self.selection.is_empty() {
            self.view
                .current()
                .map(|r| vec![(S::id(r), S::picked(r).version)])
                .unwrap_or_default()
        } else {
            self.selection.ids_with_versions()
        }
    }

    /// Loads the window from the top and asks for the totals.
    pub fn load(&mut self, cx: &mut Ctx) -> Result<()> {
        S::on_day(&mut self.filter, cx.today);
        cx.background.cancel_window(self.id);
        self.filtering = false;
        self.view.clear_total();
        let (store, filter) = (&*cx.store, &self.filter);
        self.view.top(&mut |b, n| S::rows(store, filter, b, n))?;
        self.request_totals(cx)
    }

    /// Reloads the window after a change, the cursor on the row it was on wherever the change
    /// sorted it (a key acts on that row, so the next key must find it there), and the totals.
    /// When the row left the list the cursor keeps its line and, on the screen shown, the
    /// status line says where the row went.
    pub fn refresh(&mut self, cx: &mut Ctx, shown: bool) -> Result<()> {
        S::on_day(&mut self.filter, cx.today);
        cx.background.cancel_window(self.id);
        self.filtering = false;
        let acted_on = self.view.current().cloned();
        let (store, filter) = (&*cx.store, &self.filter);
        let mut load = |b: &Bound<_>, n| S::rows(store, filter, b, n);
        // Where the row sorts now; `None` when it is gone (deleted: its own message says so).
        let key = match &acted_on {
            Some(row) => S::key_of(store, S::id(row))?,
            None => None,
        };
        let followed = match (&acted_on, key) {
            (Some(row), Some(key)) => {
                let id = S::id(row);
                let followed = self.view.follow(&key, |r| S::id(r) == id, &mut load)?;
                if !followed && shown {
                    cx.status
                        .add_info(format!("{} left this list", S::describe(row)));
                }
                followed
            }
            _ => false,
        };
        if !followed {
            self.view.reload(&mut load)?;
        }
        self.request_totals(cx)
    }

    fn request_totals(&mut self, cx: &mut Ctx) -> Result<()> {
        self.totals = None;
        if let Some(a) = cx.query(self.id, S::totals(&self.filter))? {
            self.answer(a);
        }
        Ok(())
    }

    /// The filter text changed: its first rows and totals are looked up off the input path;
    /// the old rows stay until the new ones arrive.
    pub fn filter_changed(&mut self, cx: &mut Ctx) -> Result<()> {
        S::on_day(&mut self.filter, cx.today);
        self.view.clear_total();
        self.totals = None;
        let window = S::first_rows(&self.filter, self.view.first_chunk());
        match cx.query(self.id, window)? {
            Some(a) => self.answer(a),
            None => self.filtering = true,
        }
        if let Some(a) = cx.query(self.id, S::totals(&self.filter))? {
            self.answer(a);
        }
        Ok(())
    }

    /// A background answer: the totals, or a new filter's first rows.
    pub fn answer(&mut self, answer: Answer) {
        if let Answer::Totals(totals) = answer {
            let count = totals.iter().map(|t| t.count).sum::<i64>();
            self.view.set_total(usize::try_from(count).unwrap_or(0));
            self.totals = Some(totals);
        } else if let Some((rows, limit)) = S::rows_of(answer) {
            self.filtering = false;
            self.view.show_top(rows, limit);
        }
    }

    pub fn move_cursor(&mut self, cmd: Cmd, cx: &mut Ctx) {
        let (store, filter) = (&*cx.store, &self.filter);
        let result = move_view(&mut self.view, cmd, &mut |b, n| {
            S::rows(store, filter, b, n)
        });
        cx.report(result);
    }

    /// The commands every filtered list answers alike: motion, the filter, selecting a row,
    /// and Esc (the selection, else the filter); `Handled::No` leaves the rest to the screen.
    pub fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        match cmd {
            _ if cmd.is_motion() => self.move_cursor(cmd, cx),
            Cmd::Filter => self.filter_input = Some(self.filter_text().to_string()),
            Cmd::ToggleSelect => {
                let Some(row) = self.view.current().cloned() else {
                    cx.error("nothing to select: the list is empty");
                    return Handled::Yes;
                };
                self.selection.toggle(S::id(&row), S::picked(&row));
                let n = self.selection.len();
                self.move_cursor(Cmd::Down, cx);
                cx.info(format!("{n} selected"));
            }
            Cmd::Back if !self.selection.is_empty() => {
                self.selection.clear();
                cx.info("selection cleared");
            }
            Cmd::Back if !self.filter_text().is_empty() => self.clear_filter(cx),
            Cmd::Back => cx.info("nothing to go back from: no selection, no filter"),
            _ => return Handled::No,
        }
        Handled::Yes
    }

    /// `a`: every row the filter shows is selected, as `picks` reads them from the store (id
    /// and what the selection keeps); pressed with all of them selected, it unselects.
    pub fn select_every(
        &mut self,
        cx: &mut Ctx,
        picks: impl FnOnce(&Store, &S::Filter) -> Result<Vec<(i64, Picked)>>,
    ) {
        let shown = self
            .totals
            .as_ref()
            .map(|t| t.iter().map(|c| c.count as usize).sum::<usize>());
        if !self.selection.is_empty() && Some(self.selection.len()) == shown {
            self.selection.clear();
            return cx.info("selection cleared");
        }
        let Some(picks) = cx.report(picks(cx.store, &self.filter)) else {
            return;
        };
        self.selection.clear();
        for (id, picked) in &picks {
            self.selection.insert(*id, *picked);
        }
        cx.info(format!(
            "{} selected: every row the filter shows",
            picks.len()
        ));
    }

    fn clear_filter(&mut self, cx: &mut Ctx) {
        forget_error(&mut self.filter_error, cx);
        S::text_mut(&mut self.filter).clear();
        let r = self.load(cx);
        if cx.report(r).is_some() {
            cx.info("filter cleared");
        }
    }

    /// A pasted line at the end of the filter being typed: one query for all of it.
    pub fn paste_filter(&mut self, line: &str, cx: &mut Ctx) {
        let typed = self.filter_line().paste(line, S::check, cx);
        self.follow(typed, cx);
    }

    /// A key while the filter is typed: Enter keeps it, Esc clears it, the rest types.
    pub fn type_filter_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        let typed = self.filter_line().key(ev, S::check, cx);
        self.follow(typed, cx);
    }

    fn filter_line(&mut self) -> FilterLine<'_> {
        FilterLine {
            input: &mut self.filter_input,
            error: &mut self.filter_error,
        }
    }

    /// The list follows what was typed: a new filter, or none.
    fn follow(&mut self, typed: Typed, cx: &mut Ctx) {
        match typed {
            Typed::Done => {}
            Typed::Cleared => self.clear_filter(cx),
            Typed::Text(text) => {
                *S::text_mut(&mut self.filter) = text;
                let r = self.filter_changed(cx);
                cx.report(r);
            }
        }
    }
}
