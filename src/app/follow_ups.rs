//! What the console does after a key's work: follow-ups in order (selections move on, the
//! console quits), then, when the database changed, every screen and open view shows it. What
//! cannot be reloaded is said on the status line, after what the work said, never instead.

use super::background::Polled;
use super::console_state::App;
use super::invoices::InvoiceView;
use super::revenue_item::ItemSummary;
use super::work::Event;
use super::work::Overlay;

impl App {
    /// Carries out what the last key's work asked for.
    pub(super) fn follow_up(&mut self) {
        loop {
            let events = std::mem::take(&mut self.follow_ups);
            if events.is_empty() {
                return;
            }
            let mut changed = false;
            for event in events {
                match event {
                    Event::Changed => changed = true,
                    Event::Quit => self.quit = true,
                    Event::OpenInvoice(id) => self.open_invoice(id),
                    Event::OpenItem(id) => self.open_item(id),
                    other => {
                        for i in 0..self.screens.len() {
                            let (screen, mut cx) = self.screen_and_ctx(i);
                            screen.notify(&other, &mut cx);
                        }
                    }
                }
            }
            if changed {
                self.live.seen_own(&self.store);
                self.refresh_all();
            }
        }
    }

    /// The invoice view of `id` over what is shown; back to it when it is right under the top
    /// view (an item's summary opened from one of its lines): Esc then leads back the way the
    /// user came, and going to and fro never piles views up.
    fn open_invoice(&mut self, id: i64) {
        if self.under_top(|o| o.view::<InvoiceView>().is_some_and(|v| v.invoice.id == id)) {
            self.overlays.pop();
            return;
        }
        match InvoiceView::load(&self.store, id) {
            Ok(view) => {
                let name = view.invoice.number.clone();
                self.overlays.push(Overlay::View(Box::new(view)));
                self.status.info(format!(
                    "{}: Enter on a line opens its item, Esc goes back",
                    name.unwrap_or_else(|| format!("draft {id}"))
                ));
            }
            Err(e) => self.status.error(e.to_string()),
        }
    }

    /// The summary of revenue item `id` over what is shown, as [`App::open_invoice`].
    fn open_item(&mut self, id: i64) {
        if self.under_top(|o| o.view::<ItemSummary>().is_some_and(|s| s.item.id == id)) {
            self.overlays.pop();
            return;
        }
        match ItemSummary::load(&self.store, id) {
            Ok(summary) => {
                self.overlays.push(Overlay::View(Box::new(summary)));
                self.status
                    .info(format!("item {id}: I opens its invoice, Esc goes back"));
            }
            Err(e) => self.status.error(e.to_string()),
        }
    }

    /// Whether the overlay under the top one is what `is_it` looks for.
    fn under_top(&self, is_it: impl Fn(&Overlay) -> bool) -> bool {
        let n = self.overlays.len();
        n >= 2 && is_it(&self.overlays[n - 2])
    }

    /// Every screen and open view shows what the database holds now.
    pub(super) fn refresh_all(&mut self) {
        let current = self.screens.current_index();
        let mut failed = Vec::new();
        for i in 0..self.screens.len() {
            let title = self.screens.entries()[i].title;
            let (screen, mut cx) = self.screen_and_ctx(i);
            if let Err(e) = screen.refresh(&mut cx, i == current) {
                failed.push(format!("{title}: {e}"));
            }
        }
        let mut kept = Vec::with_capacity(self.overlays.len());
        for mut overlay in std::mem::take(&mut self.overlays) {
            if let Overlay::View(view) = &mut overlay {
                match view.reload(&self.store) {
                    Ok(true) => {}
                    // What it showed is gone (a deleted draft): the view closes.
                    Ok(false) => continue,
                    Err(e) => failed.push(format!("{}: {e}", view.keys().title)),
                }
            }
            kept.push(overlay);
        }
        self.overlays = kept;
        if !failed.is_empty() {
            self.status.add_error(format!(
                "could not show the change, so the figures may be old: {}",
                failed.join("; ")
            ));
        }
    }

    /// Takes in background results; returns whether anything changed on screen.
    pub fn poll_background(&mut self) -> bool {
        self.read_clock();
        let polled = self.background.poll();
        self.take_in(polled)
    }

    /// Waits for every pending background result (tests and benchmarks).
    pub fn settle(&mut self) {
        let polled = self.background.wait();
        self.take_in(polled);
    }

    fn take_in(&mut self, polled: Polled) -> bool {
        let changed = !polled.is_empty();
        let mut answered = Vec::new();
        for done in polled.answers {
            let Some(i) = self.screens.index_of(done.job.list) else {
                continue;
            };
            match done.answer {
                Ok(answer) => {
                    self.screens.at_mut(i).answer(answer);
                    if !answered.contains(&i) {
                        answered.push(i);
                    }
                }
                Err(e) => {
                    // Rows that will not come: the screen stops saying they are on their way
                    // (a failed total leaves a window still on its way alone).
                    if done.job.window {
                        self.screens.at_mut(i).query_failed();
                    }
                    self.status.error(format!("background query: {e}"));
                }
            }
        }
        for i in answered {
            let (screen, mut cx) = self.screen_and_ctx(i);
            screen.answered(&mut cx);
        }
        for file in polled.files {
            match file.message() {
                Ok(m) => self.status.info(m),
                Err(m) => self.status.error(m),
            }
        }
        if let Some(why) = polled.stopped {
            self.status.error(why);
            // What was asked of the thread is asked again, here.
            self.refresh_all();
        }
        changed
    }
}
