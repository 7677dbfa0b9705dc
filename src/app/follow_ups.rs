//! What the console does after a key's work: follow-ups in order (selections move on, the
//! console quits), then, when the database changed, every screen and open view shows it. What
//! cannot be reloaded is said on the status line, after what the work said, never instead.

use super::background::Polled;
use super::console_state::App;
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
                    other => {
                        for i in 0..self.screens.len() {
                            let (screen, mut cx) = self.screen_and_ctx(i);
                            screen.notify(&other, &mut cx);
                        }
                    }
                }
            }
            if changed {
                self.refresh_all();
            }
        }
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
                Err(e) => self.status.error(format!("background query: {e}")),
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
