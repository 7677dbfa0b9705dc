//! The console's state: the store, the three list screens, a stack of views on top (summary,
//! invoice, form, dialog, help: Esc pops), the status line and the totals worker.

use super::background::{Answer, Done, ListId, Notify, Query, Worker};
use super::breakdown::Breakdown;
use super::dialog::{Dialog, Pending};
use super::form::{Form, FormOutcome};
use super::invoice_list::InvoiceList;
use super::item_list::ItemList;
use super::keymap::{self, Cmd, Context};
use super::milestone_screen::MilestoneScreen;
use super::progress_screen::{ProgressFocus, ProgressScreen};
use super::report_screen::ReportScreen;
use super::status::Status;
use super::views::{FormPurpose, InvoiceView, ItemSummary};
use crate::store::Bound;
use crate::store::documents::InvoiceStatus;
use crate::store::item_list::ItemFilter;
use crate::store::{Store, StoreError};
use chrono::{Days, NaiveDate};
use crossterm::event::{KeyEvent, KeyEventKind};

/// The screens behind the tabs, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    FinanceControl,
    RevenueItems,
    Invoices,
    Progress,
    Milestones,
    Reports,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::FinanceControl,
        Tab::RevenueItems,
        Tab::Invoices,
        Tab::Progress,
        Tab::Milestones,
        Tab::Reports,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::FinanceControl => "Finance control",
            Tab::RevenueItems => "Revenue items",
            Tab::Invoices => "Invoices",
            Tab::Progress => "Progress",
            Tab::Milestones => "Milestones",
            Tab::Reports => "Reports",
        }
    }

    /// For narrow terminals, where every tab must still show.
    pub fn short_title(self) -> &'static str {
        match self {
            Tab::FinanceControl => "Finance",
            Tab::RevenueItems => "Items",
            Tab::Invoices => "Invoices",
            Tab::Progress => "Progress",
            Tab::Milestones => "Milestones",
            Tab::Reports => "Reports",
        }
    }
}

/// What sits on top of the list screens.
pub enum Overlay {
    Summary(Box<ItemSummary>),
    Invoice(Box<InvoiceView>),
    Form(Box<Form>, FormPurpose),
    Dialog(Dialog),
    Help { context: Context, scroll: u16 },
    Breakdown(Box<Breakdown>),
}

/// How far ahead the finance control list looks by default.
pub const FINANCE_HORIZON_DAYS: u64 = 30;

pub struct App {
    pub(super) store: Store,
    pub today: NaiveDate,
    pub tab: Tab,
    pub finance: ItemList,
    pub items: ItemList,
    pub invoices: InvoiceList,
    pub progress: ProgressScreen,
    pub milestones: MilestoneScreen,
    pub reports: ReportScreen,
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    worker: Option<Worker>,
    pub(super) quit: bool,
    /// Where `X` and `v` write their files.
    pub(super) export_dir: std::path::PathBuf,
}

impl App {
    /// The console over an open store. `notify` wakes the event loop when background totals
    /// are ready; without it (`None`) totals are computed on the spot.
    pub fn new(store: Store, today: NaiveDate, notify: Option<Notify>) -> Result<App, StoreError> {
        let worker = match notify {
            Some(n) => Some(Worker::start(store.path(), n)?),
            None => None,
        };
        let until = today + Days::new(FINANCE_HORIZON_DAYS);
        let mut app = App {
            store,
            today,
            tab: Tab::FinanceControl,
            finance: ItemList::new(ListId::FinanceControl, ItemFilter::finance_control(until)),
            items: ItemList::new(ListId::RevenueItems, ItemFilter::all()),
            invoices: InvoiceList::default(),
            progress: ProgressScreen::default(),
            milestones: MilestoneScreen::default(),
            reports: ReportScreen::new(today),
            overlays: Vec::new(),
            status: None,
            worker,
            quit: false,
            export_dir: std::env::current_dir().unwrap_or_else(|_| ".".into()),
        };
        app.load_list(Tab::FinanceControl)?;
        app.load_list(Tab::RevenueItems)?;
        app.load_list(Tab::Invoices)?;
        app.load_list(Tab::Progress)?;
        app.load_list(Tab::Milestones)?;
        // The report is summed when first shown (over a large database that takes a moment).
        let user = app.store.actor();
        app.status = Some(Status::info(format!(
            "{} ({}) on {}: press ? for the keys of this screen",
            user.name,
            user.role.as_str(),
            app.store.path().display()
        )));
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The context whose keys apply now.
    pub fn context(&self) -> Context {
        match self.overlays.last() {
            Some(Overlay::Summary(_)) => Context::ItemSummary,
            Some(Overlay::Invoice(v)) if v.invoice.status == InvoiceStatus::Draft => {
                Context::DraftView
            }
            Some(Overlay::Invoice(_)) => Context::ConfirmedView,
            Some(Overlay::Form(..)) => Context::Form,
            Some(Overlay::Dialog(_)) => Context::Dialog,
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Breakdown(_)) => Context::Breakdown,
            None => match self.tab {
                Tab::FinanceControl | Tab::RevenueItems => {
                    let list = self.item_list(self.tab);
                    if list.quick.is_some() {
                        Context::QuickEdit
                    } else if list.filter_input.is_some() {
                        Context::FilterInput
                    } else if self.tab == Tab::FinanceControl {
                        Context::FinanceControl
                    } else {
                        Context::RevenueItems
                    }
                }
                Tab::Invoices if self.invoices.filter_input.is_some() => Context::FilterInput,
                Tab::Invoices => Context::Invoices,
                Tab::Progress => match self.progress.focus {
                    ProgressFocus::Lines => Context::ProgressLines,
                    ProgressFocus::Periods => Context::ProgressPeriods,
                },
                Tab::Milestones => Context::Milestones,
                Tab::Reports => Context::Reports,
            },
        }
    }

    pub fn item_list(&self, tab: Tab) -> &ItemList {
        match tab {
            Tab::RevenueItems => &self.items,
            _ => &self.finance,
        }
    }

    pub(super) fn item_list_mut(&mut self, tab: Tab) -> &mut ItemList {
        match tab {
            Tab::RevenueItems => &mut self.items,
            _ => &mut self.finance,
        }
    }

    /// Rows the list screens show; the drawing code tells after each resize.
    pub fn set_list_height(&mut self, rows: usize) {
        self.finance.view.set_height(rows);
        self.items.view.set_height(rows);
        self.invoices.view.set_height(rows);
        let upper = super::progress_screen::upper_rows(rows);
        self.progress.lines.set_height(upper);
        self.milestones.list.set_height(upper);
        self.reports.height = rows
            .saturating_sub(super::report_screen::chart_rows(rows) + 1)
            .max(1);
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status::info(text));
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status::error(text));
    }

    /// Reports the outcome of a store call: errors go to the status line.
    pub(super) fn report<T>(&mut self, result: Result<T, StoreError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(e.to_string());
                None
            }
        }
    }

    /// One key press. Keys go to the top view first (a form gets every key it can use, so
    /// typing `q` in a field never quits); screen keys apply only where no text is typed.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        if ev.kind != KeyEventKind::Press {
            return;
        }
        let ctx = self.context();
        if ctx == Context::Form {
            self.form_key(ev);
            return;
        }
        if ctx == Context::FilterInput || ctx == Context::QuickEdit {
            self.text_entry_key(ctx, ev);
            return;
        }
        let Some(cmd) = keymap::lookup(ctx, &ev) else {
            self.info(format!(
                "{} does nothing here: press ? for the keys of this screen",
                super::keymap::Key {
                    code: ev.code,
                    mods: ev.modifiers
                }
                .label()
            ));
            return;
        };
        self.run(ctx, cmd);
    }

    fn run(&mut self, ctx: Context, cmd: Cmd) {
        match (ctx, cmd) {
            (_, Cmd::Quit) => self.ask_quit(),
            (Context::Help, Cmd::Back) => {
                self.overlays.pop();
            }
            (Context::Help, Cmd::Down | Cmd::Up) => {
                if let Some(Overlay::Help { scroll, context }) = self.overlays.last_mut() {
                    let most = keymap::help(*context).len() as u16;
                    *scroll = if cmd == Cmd::Down {
                        scroll.saturating_add(1).min(most)
                    } else {
                        scroll.saturating_sub(1)
                    };
                }
            }
            (_, Cmd::Help) => self.overlays.push(Overlay::Help {
                context: ctx,
                scroll: 0,
            }),
            (Context::Dialog, Cmd::Yes) => self.answer(true),
            (Context::Dialog, Cmd::No) => self.answer(false),
            (_, Cmd::Excel) => self.write_excel(ctx),
            (_, Cmd::Pdf) => self.write_pdf(ctx),
            (_, Cmd::GoTab(i)) => self.go_tab(Tab::ALL[i.min(Tab::ALL.len() - 1)]),
            (_, Cmd::NextTab) => self.go_tab(Tab::ALL[(self.tab_index() + 1) % Tab::ALL.len()]),
            (_, Cmd::PrevTab) => {
                let n = Tab::ALL.len();
                self.go_tab(Tab::ALL[(self.tab_index() + n - 1) % n])
            }
            (Context::ItemSummary, _) => self.summary_cmd(cmd),
            (Context::DraftView | Context::ConfirmedView, _) => self.invoice_view_cmd(cmd),
            (Context::FinanceControl | Context::RevenueItems, _) => self.item_list_cmd(cmd),
            (Context::Invoices, _) => self.invoice_list_cmd(cmd),
            (Context::ProgressLines | Context::ProgressPeriods, _) => self.progress_cmd(cmd),
            (Context::Milestones, _) => self.milestone_cmd(cmd),
            (Context::Reports, _) => self.report_cmd(cmd),
            (Context::Breakdown, _) => self.breakdown_cmd(cmd),
            _ => {}
        }
    }

    fn tab_index(&self) -> usize {
        Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0)
    }

    fn go_tab(&mut self, tab: Tab) {
        self.overlays.clear();
        self.tab = tab;
        if tab == Tab::Reports && self.reports.stale {
            let result = self.reports.load(&self.store);
            self.report(result);
        }
    }

    fn ask_quit(&mut self) {
        let unsaved = self
            .overlays
            .iter()
            .any(|o| matches!(o, Overlay::Form(form, _) if form.dirty));
        if unsaved {
            self.overlays.push(Overlay::Dialog(Dialog {
                title: "Quit".into(),
                lines: vec![
                    "A form has unsaved changes.".into(),
                    "Quit without saving?".into(),
                ],
                pending: Pending::Quit,
            }));
        } else {
            self.quit = true;
        }
    }

    pub(super) fn ask(&mut self, title: impl Into<String>, lines: Vec<String>, pending: Pending) {
        self.overlays.push(Overlay::Dialog(Dialog {
            title: title.into(),
            lines,
            pending,
        }));
    }

    fn answer(&mut self, yes: bool) {
        let Some(Overlay::Dialog(dialog)) = self.overlays.pop() else {
            return;
        };
        if !yes {
            self.info("cancelled");
            return;
        }
        match dialog.pending {
            Pending::Quit => self.quit = true,
            Pending::DiscardForm => {
                self.overlays.pop();
                self.info("changes discarded");
            }
            Pending::MakeDrafts(ids) => self.make_drafts(&ids),
            Pending::Confirm(ids) => self.confirm(&ids),
            Pending::DeleteItem { id, version } => self.delete_item(id, version),
            Pending::DeleteDraft { id, version } => self.delete_draft(id, version),
            Pending::Progress(step) => self.progress_step(step),
            Pending::Reach { id, version, reach } => self.reach_milestone(id, version, reach),
        }
    }

    fn form_key(&mut self, ev: KeyEvent) {
        let Some(Overlay::Form(form, _)) = self.overlays.last_mut() else {
            return;
        };
        let before = (form.focus, form.fields.get(form.focus).map(|f| f.value()));
        match form.handle_key(&ev) {
            // Only typing drives other fields; moving through them changes nothing.
            FormOutcome::Stay
                if before == (form.focus, form.fields.get(form.focus).map(|f| f.value())) => {}
            FormOutcome::Stay => self.follow_typing(),
            FormOutcome::Quit => self.quit = true,
            FormOutcome::Cancel if form.dirty => self.ask(
                "Discard changes",
                vec![
                    "The form has unsaved changes.".into(),
                    "Close it without saving?".into(),
                ],
                Pending::DiscardForm,
            ),
            FormOutcome::Cancel => {
                self.overlays.pop();
                self.info("closed without changes");
            }
            FormOutcome::Save => self.save_form(),
        }
    }

    /// (Re)loads a list's window from the top and asks for its totals.
    pub(super) fn load_list(&mut self, tab: Tab) -> Result<(), StoreError> {
        match tab {
            Tab::Progress => return self.load_progress(),
            Tab::Milestones => return self.load_milestones(),
            Tab::Reports => return self.reports.load(&self.store),
            _ => {}
        }
        if let (Some(w), Some(id)) = (&mut self.worker, Self::list_id(tab)) {
            w.cancel_window(id);
        }
        let store = &self.store;
        match tab {
            Tab::Invoices => {
                let list = &mut self.invoices;
                let filter = list.filter.clone();
                list.view.clear_total();
                list.view
                    .top(&mut |b, n| store.invoice_rows(&filter, b, n))?;
            }
            _ => {
                let list = match tab {
                    Tab::RevenueItems => &mut self.items,
                    _ => &mut self.finance,
                };
                let filter = list.filter.clone();
                list.view.clear_total();
                list.view.top(&mut |b, n| store.item_rows(&filter, b, n))?;
            }
        }
        self.request_totals(tab);
        Ok(())
    }

    /// Reloads the window around the cursor (after a change) and the totals.
    pub(super) fn refresh_list(&mut self, tab: Tab) {
        match tab {
            Tab::Progress => return self.refresh_progress(),
            Tab::Milestones => return self.refresh_milestones(),
            // Summed again now if on screen, else when next shown.
            Tab::Reports if self.tab == Tab::Reports => {
                let result = self.reports.load(&self.store);
                self.report(result);
                return;
            }
            Tab::Reports => {
                self.reports.stale = true;
                return;
            }
            _ => {}
        }
        if let (Some(w), Some(id)) = (&mut self.worker, Self::list_id(tab)) {
            w.cancel_window(id);
        }
        let store = &self.store;
        let result = match tab {
            Tab::Invoices => {
                let filter = self.invoices.filter.clone();
                self.invoices
                    .view
                    .reload(&mut |b, n| store.invoice_rows(&filter, b, n))
            }
            _ => {
                let list = match tab {
                    Tab::RevenueItems => &mut self.items,
                    _ => &mut self.finance,
                };
                let filter = list.filter.clone();
                list.view.reload(&mut |b, n| store.item_rows(&filter, b, n))
            }
        };
        self.report(result);
        self.request_totals(tab);
    }

    /// Every list may show what just changed.
    pub(super) fn refresh_all(&mut self) {
        for tab in Tab::ALL {
            self.refresh_list(tab);
        }
        // A breakdown open over the report lists what the change touched too.
        self.reload_breakdowns();
    }

    /// The background list behind a tab (the schedule screens have none: no totals to wait
    /// for, no filter).
    fn list_id(tab: Tab) -> Option<ListId> {
        match tab {
            Tab::FinanceControl => Some(ListId::FinanceControl),
            Tab::RevenueItems => Some(ListId::RevenueItems),
            Tab::Invoices => Some(ListId::Invoices),
            Tab::Progress | Tab::Milestones | Tab::Reports => None,
        }
    }

    fn tab_of(list: ListId) -> Tab {
        match list {
            ListId::FinanceControl => Tab::FinanceControl,
            ListId::RevenueItems => Tab::RevenueItems,
            ListId::Invoices => Tab::Invoices,
        }
    }

    fn totals_query(&self, tab: Tab) -> Query {
        match tab {
            Tab::Invoices => Query::InvoiceTotals(self.invoices.filter.clone()),
            _ => Query::ItemTotals(self.item_list(tab).filter.clone()),
        }
    }

    fn clear_totals(&mut self, tab: Tab) {
        match tab {
            Tab::Invoices => self.invoices.totals = None,
            _ => self.item_list_mut(tab).totals = None,
        }
    }

    fn request_totals(&mut self, tab: Tab) {
        self.clear_totals(tab);
        let query = self.totals_query(tab);
        self.ask_background(tab, query);
    }

    /// Runs a query on the worker, or here and now without one.
    fn ask_background(&mut self, tab: Tab, query: Query) {
        let Some(list) = Self::list_id(tab) else {
            return;
        };
        match &mut self.worker {
            Some(worker) => {
                worker.request(list, query);
            }
            None => {
                let answer = match &query {
                    Query::ItemTotals(f) => self.store.item_totals(f).map(Answer::Totals),
                    Query::InvoiceTotals(f) => self.store.invoice_totals(f).map(Answer::Totals),
                    Query::ItemWindow(f, n) => {
                        crate::store::item_list::item_first_rows(self.store.conn(), f, *n)
                            .map(|rows| Answer::ItemRows(rows, *n))
                    }
                    Query::InvoiceWindow(f, n) => self
                        .store
                        .invoice_rows(f, &Bound::Start, *n)
                        .map(|rows| Answer::InvoiceRows(rows, *n)),
                };
                if let Some(a) = self.report(answer) {
                    self.apply(list, a);
                }
            }
        }
    }

    /// The filter text of a list changed: its first rows and totals are looked up off the
    /// input path; the old rows stay until the new ones arrive.
    pub(super) fn filter_changed(&mut self, tab: Tab) {
        let window = match tab {
            Tab::Invoices => {
                self.invoices.view.clear_total();
                Query::InvoiceWindow(
                    self.invoices.filter.clone(),
                    self.invoices.view.first_chunk(),
                )
            }
            _ => {
                let list = self.item_list_mut(tab);
                list.view.clear_total();
                Query::ItemWindow(list.filter.clone(), list.view.first_chunk())
            }
        };
        self.clear_totals(tab);
        self.ask_background(tab, window);
        let totals = self.totals_query(tab);
        self.ask_background(tab, totals);
    }

    /// Whether the rows of a list are still being looked up for a new filter.
    pub fn is_filtering(&self, tab: Tab) -> bool {
        match (&self.worker, Self::list_id(tab)) {
            (Some(w), Some(id)) => w.window_pending(id),
            _ => false,
        }
    }

    fn apply(&mut self, list: ListId, answer: Answer) {
        let tab = Self::tab_of(list);
        match answer {
            Answer::Totals(totals) => {
                let count = totals.iter().map(|t| t.count).sum::<i64>() as usize;
                match tab {
                    Tab::Invoices => {
                        self.invoices.view.set_total(count);
                        self.invoices.totals = Some(totals);
                    }
                    _ => {
                        let l = self.item_list_mut(tab);
                        l.view.set_total(count);
                        l.totals = Some(totals);
                    }
                }
            }
            Answer::ItemRows(rows, limit) => self.item_list_mut(tab).view.show_top(rows, limit),
            Answer::InvoiceRows(rows, limit) => self.invoices.view.show_top(rows, limit),
        }
    }

    /// Takes in background results; returns whether anything changed on screen.
    pub fn poll_background(&mut self) -> bool {
        let done = match &mut self.worker {
            Some(w) => w.poll(),
            None => return false,
        };
        self.apply_done(done)
    }

    /// Waits for every pending background result (tests and benchmarks).
    pub fn settle(&mut self) {
        let done = match &mut self.worker {
            Some(w) => w.wait(),
            None => return,
        };
        self.apply_done(done);
    }

    fn apply_done(&mut self, done: Vec<Done>) -> bool {
        let changed = !done.is_empty();
        for d in done {
            match d.answer {
                Ok(a) => self.apply(d.job.list, a),
                Err(e) => self.error(format!("background query: {e}")),
            }
        }
        changed
    }
}
