//! One key press: to the form on top first (a field gets every key it can use, so typing `q`
//! never quits), then the top view, dialog or help, else the screen. The console's own keys
//! (tabs, help, quit, files) are answered here; every other command goes to its screen or view.

use super::console_state::App;
use super::keymap::{self, Binding, Cmd, Context, Key, shared};
use super::screen::Handled;
use super::terminal_request::TerminalRequest;
use super::work::Confirm;
use super::work::Overlay;
use super::work::ScreenAccess;
use super::work::ViewStep;
use super::work::{Ctx, Event};
use crate::domain::rights::{self, Action};
use crate::store::StoreError;
use crossterm::event::{KeyEvent, KeyEventKind};

/// What became of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyResult {
    /// It did its work, or said why not.
    Done,
    /// No binding here: the status line says so.
    Unbound,
    /// Bound in the key table, but nothing answered it (a defect: the status line says so).
    Unanswered,
}

/// Quit although a form has unsaved changes or a file is being written.
struct QuitAnyway;

impl Confirm for QuitAnyway {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        cx.emit(Event::Quit);
    }
}

/// Close the top form without saving.
struct DiscardForm;

impl Confirm for DiscardForm {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        cx.overlays.pop();
        cx.info("changes discarded");
    }
}

impl App {
    /// The context whose keys apply now.
    pub fn context(&self) -> Context {
        match self.overlays.last() {
            Some(Overlay::Form(top)) => top.form.context(),
            Some(Overlay::Dialog(_)) => shared::DIALOG,
            Some(Overlay::Help { .. }) => shared::HELP,
            Some(Overlay::View(v)) => v.keys(),
            None => self.screens.current().keys(),
        }
    }

    pub fn handle_key(&mut self, ev: KeyEvent) -> KeyResult {
        if ev.kind != KeyEventKind::Press || self.terminal_key(&ev) {
            return KeyResult::Done;
        }
        self.read_clock();
        let ctx = self.context();
        let result = if matches!(self.overlays.last(), Some(Overlay::Form(_))) {
            self.form_key(&ev);
            KeyResult::Done
        } else if self.overlays.is_empty() && ctx.is_text_entry() {
            let i = self.screens.current_index();
            let (screen, mut cx) = self.screen_and_ctx(i);
            screen.type_key(&ev, &mut cx);
            KeyResult::Done
        } else {
            match keymap::binding(ctx, &ev) {
                // Refused at the key: no dialog or form first that the store would refuse.
                Some(Binding {
                    needs: Some(action),
                    ..
                }) if !self.may(*action) => KeyResult::Done,
                Some(binding) => self.run(ctx, binding.cmd),
                None => {
                    self.status.info(format!(
                        "{} does nothing here: press ? for the keys of this screen",
                        Key::of(&ev).label()
                    ));
                    KeyResult::Unbound
                }
            }
        };
        if result == KeyResult::Unanswered {
            self.status.error(format!(
                "{} is in the key table of {} but nothing answers it: please report this",
                Key::of(&ev).label(),
                ctx.title
            ));
        }
        self.follow_up();
        result
    }

    /// Whether the user has the right; if not the status line says who has.
    fn may(&mut self, action: Action) -> bool {
        let actor = self.store.actor();
        match rights::check(&actor.name, actor.role, action) {
            Ok(()) => true,
            Err(e) => {
                self.status.error(e.0);
                false
            }
        }
    }

    fn run(&mut self, ctx: Context, cmd: Cmd) -> KeyResult {
        match cmd {
            Cmd::Quit => self.ask_quit(),
            Cmd::Help => self.overlays.push(Overlay::Help {
                context: ctx,
                scroll: 0,
            }),
            Cmd::GoTab(i) => self.go_tab(i),
            Cmd::NextTab => self.go_tab((self.screens.current_index() + 1) % self.screens.len()),
            Cmd::PrevTab => {
                let n = self.screens.len();
                self.go_tab((self.screens.current_index() + n - 1) % n)
            }
            Cmd::Excel => self.write_file(true),
            Cmd::Pdf => self.write_file(false),
            Cmd::NumberFormat => super::number_format_form::open_number_format_form(&mut self.cx()),
            _ => return self.run_on_top(cmd),
        }
        KeyResult::Done
    }

    /// A command for the dialog, help, view or screen on top.
    fn run_on_top(&mut self, cmd: Cmd) -> KeyResult {
        match self.overlays.last_mut() {
            Some(Overlay::Dialog(_)) => match cmd {
                Cmd::Yes => self.answer(true),
                Cmd::No => self.answer(false),
                _ => return KeyResult::Unanswered,
            },
            Some(Overlay::Help { context, scroll }) => match cmd {
                Cmd::Back => {
                    self.overlays.pop();
                }
                Cmd::Down => {
                    let most = keymap::help(*context, &self.screens.names(), None).len() as u16;
                    *scroll = scroll.saturating_add(1).min(most);
                }
                Cmd::Up => *scroll = scroll.saturating_sub(1),
                _ => return KeyResult::Unanswered,
            },
            Some(Overlay::View(_)) => return self.run_view(cmd),
            Some(Overlay::Form(_)) => return KeyResult::Unanswered,
            None => {
                let i = self.screens.current_index();
                let (screen, mut cx) = self.screen_and_ctx(i);
                if screen.run(cmd, &mut cx) == Handled::No {
                    return KeyResult::Unanswered;
                }
            }
        }
        KeyResult::Done
    }

    /// The view on top runs off the stack, so that it can open forms and views above itself;
    /// it goes back where it was unless it closed.
    fn run_view(&mut self, cmd: Cmd) -> KeyResult {
        let Some(Overlay::View(mut view)) = self.overlays.pop() else {
            return KeyResult::Unanswered;
        };
        let at = self.overlays.len();
        let step = {
            let mut cx = self.cx();
            view.run(cmd, &mut cx)
        };
        if step != ViewStep::Close {
            self.overlays.insert(at, Overlay::View(view));
        }
        if step == ViewStep::NotHere {
            KeyResult::Unanswered
        } else {
            KeyResult::Done
        }
    }

    fn go_tab(&mut self, i: usize) {
        if i >= self.screens.len() {
            return self.status.error(format!("there is no screen {}", i + 1));
        }
        self.overlays.clear();
        self.screens.set_current(i);
        let (screen, mut cx) = self.screen_and_ctx(i);
        let r = screen.show(&mut cx);
        cx.report(r);
    }

    fn ask_quit(&mut self) {
        let unsaved = self
            .overlays
            .iter()
            .any(|o| matches!(o, Overlay::Form(f) if f.form.dirty));
        let writing = self
            .background
            .file_running()
            .map(|(p, _)| p.display().to_string());
        let mut lines = Vec::new();
        if unsaved {
            lines.push("A form has unsaved changes.".to_string());
        }
        if let Some(path) = writing {
            lines.push(format!("{path} is still being written and would be lost."));
        }
        if lines.is_empty() {
            self.quit = true;
            return;
        }
        lines.push(if unsaved {
            "Quit without saving?".into()
        } else {
            "Quit anyway?".into()
        });
        let mut cx = self.cx();
        cx.ask("Quit", lines, QuitAnyway);
    }

    fn answer(&mut self, yes: bool) {
        let Some(Overlay::Dialog(dialog)) = self.overlays.pop() else {
            return;
        };
        if !yes {
            return self.status.info("cancelled");
        }
        self.with_screens(|cx, screens| dialog.action.run(cx, screens));
    }

    /// Runs `work` with a context and every screen (form saves and dialog answers may reach the
    /// screen they belong to).
    fn with_screens<T>(&mut self, work: impl FnOnce(&mut Ctx, &mut dyn ScreenAccess) -> T) -> T {
        let (screens, mut cx) = self.screens_and_ctx();
        work(&mut cx, screens)
    }

    fn form_key(&mut self, ev: &KeyEvent) {
        let Some(Overlay::Form(top)) = self.overlays.last_mut() else {
            return;
        };
        use super::form::FormOutcome;
        match top.form.handle_key(ev) {
            FormOutcome::Stay => {}
            // Only typing drives other fields; moving through them changes nothing.
            FormOutcome::Typed => top.action.typed(&mut top.form),
            FormOutcome::TypedAndSave => {
                top.action.typed(&mut top.form);
                self.save_form();
            }
            FormOutcome::Quit => self.quit = true,
            FormOutcome::Cancel if top.form.dirty => {
                let mut cx = self.cx();
                cx.ask(
                    "Discard changes",
                    vec![
                        "The form has unsaved changes.".into(),
                        "Close it without saving?".into(),
                    ],
                    DiscardForm,
                );
            }
            FormOutcome::Cancel => {
                self.overlays.pop();
                self.status.info("closed without changes");
            }
            FormOutcome::Save => self.save_form(),
        }
        self.read_pick_options();
    }

    /// The choices the focused picker of the top form waits for, read for what it holds now.
    pub(super) fn read_pick_options(&mut self) {
        let Some(Overlay::Form(top)) = self.overlays.last_mut() else {
            return;
        };
        let Some(request) = top.form.pick_request() else {
            return;
        };
        match self.store.pick(request.of(), &request.text) {
            Ok(options) => top.form.set_pick_options(&request, options),
            Err(e) => {
                top.form.set_pick_options(&request, Vec::new());
                self.status
                    .error(format!("the choices could not be read: {e}"));
            }
        }
    }

    fn save_form(&mut self) {
        let Some(Overlay::Form(mut top)) = self.overlays.pop() else {
            return;
        };
        let at = self.overlays.len();
        let result = self.with_screens(|cx, screens| top.action.save(&mut top.form, cx, screens));
        match result {
            Ok(Some(message)) => {
                // Said first: an error while showing the change is added to it, not hidden.
                self.status.info(message);
                if top.action.changes_data() {
                    self.follow_ups.push(Event::Changed);
                }
            }
            Ok(None) => {
                self.status.error("check the fields marked in the form");
                self.overlays.insert(at, Overlay::Form(top));
            }
            Err(e) => {
                // What was typed stays; the message says what refused it. After a stale edit
                // the form takes the current version, so a second Ctrl-S saves these values
                // over the other change on purpose, never by accident.
                let mut message = e.to_string();
                if let StoreError::Stale { .. } = e {
                    match top.action.take_current_versions(&self.store) {
                        Ok(true) => message.push_str(
                            ". Ctrl-S again saves your values over that change; Esc discards them",
                        ),
                        Ok(false) => {}
                        Err(again) => message.push_str(&format!(
                            "; its current version could not be read either ({again})"
                        )),
                    }
                }
                // A refusal the save placed beside its field is said there, not twice.
                if !top.form.has_errors() {
                    top.form.error = Some(message.clone());
                }
                self.status.error(message);
                self.overlays.insert(at, Overlay::Form(top));
            }
        }
    }

    /// `X` and `v`: the file of the view on top, or of the screen, written off the input path.
    fn write_file(&mut self, excel: bool) {
        let today = self.today;
        let job = match self.overlays.last() {
            Some(Overlay::View(v)) if excel => v.excel(today),
            Some(Overlay::View(v)) => v.pdf(today),
            _ if excel => self.screens.current().excel(today),
            _ => self.screens.current().pdf(today),
        };
        let mut cx = self.cx();
        match job {
            Ok(job) => cx.write_file(job),
            Err(why) => cx.error(why),
        }
    }
}

/// Ctrl-L and Ctrl-Z (see [`TerminalRequest`]).
impl App {
    /// Records what a terminal key asks for; `false` when `ev` is no terminal key.
    fn terminal_key(&mut self, ev: &KeyEvent) -> bool {
        let request = match keymap::lookup_group(shared::TERMINAL, ev) {
            Some(Cmd::Redraw) => {
                self.status.info("screen drawn anew");
                TerminalRequest::Redraw
            }
            Some(Cmd::Suspend) => {
                // Read when the shell gives the terminal back.
                self.status
                    .info("back from Ctrl-Z: the screen is drawn anew");
                TerminalRequest::Suspend
            }
            _ => return false,
        };
        self.terminal_request = Some(request);
        true
    }

    /// What the last keys asked of the terminal, once.
    pub fn take_terminal_request(&mut self) -> Option<TerminalRequest> {
        self.terminal_request.take()
    }
}
