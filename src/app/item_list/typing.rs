//! Keys while text is typed into an item list: the `/` filter (rows follow as you type, see
//! `filtered_list`) or a quick edit. Only the keys of those contexts act; everything else types.

use super::super::filter_input::edit_line;
use super::super::keymap::{self, Cmd};
use super::super::work::{Ctx, Event};
use super::filtered_items::ItemList;
use super::quick_edit::QuickEdit;
use crossterm::event::KeyEvent;

impl ItemList {
    pub fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        if self.quick.is_none() {
            return self.rows.type_filter_key(ev, cx);
        }
        match keymap::lookup(keymap::shared::QUICK_EDIT, ev) {
            Some(Cmd::Quit) => return cx.emit(Event::Quit),
            Some(Cmd::Save) => return self.finish_quick_edit(true, cx),
            Some(Cmd::Back) => return self.finish_quick_edit(false, cx),
            _ => {}
        }
        if let Some(q) = self.quick.as_mut()
            && edit_line(&mut q.text, ev)
        {
            q.error = None;
        }
    }

    /// A pasted line: at the end of the quick edit, or of the filter.
    pub fn paste(&mut self, line: &str, cx: &mut Ctx) {
        match self.quick.as_mut() {
            Some(q) => {
                q.text.push_str(line);
                q.error = None;
            }
            None => self.rows.paste_filter(line, cx),
        }
    }

    fn finish_quick_edit(&mut self, keep: bool, cx: &mut Ctx) {
        let Some(q) = self.quick.clone() else {
            return;
        };
        if !keep {
            self.quick = None;
            return cx.info("quick edit cancelled");
        }
        match q.save(cx) {
            Ok(()) => self.quick = None,
            Err(e) => {
                self.quick = Some(QuickEdit {
                    error: Some(e.clone()),
                    ..q
                });
                cx.error(e);
            }
        }
    }
}
