//! Keys while text is typed into an item list: the `/` filter (rows follow as you type) or a
//! quick edit. Only the keys of those contexts act; everything else types.

use super::super::filter_input::edit_line;
use super::super::keymap::{self, Cmd};
use super::super::work::{Ctx, Event};
use super::filtered_items::ItemList;
use super::quick_edit::QuickEdit;
use crossterm::event::KeyEvent;

impl ItemList {
    pub fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        let ctx = self.keys(keymap::shared::FILTER_INPUT);
        match keymap::lookup(ctx, ev) {
            Some(Cmd::Quit) => return cx.emit(Event::Quit),
            Some(Cmd::Save) => return self.finish_typing(true, cx),
            Some(Cmd::Back) => return self.finish_typing(false, cx),
            _ => {}
        }
        if let Some(q) = self.quick.as_mut() {
            if edit_line(&mut q.text, ev) {
                q.error = None;
            }
        } else if let Some(input) = self.filter_input.as_mut()
            && edit_line(input, ev)
        {
            self.filter.text = input.clone();
            let r = self.filter_changed(cx);
            cx.report(r);
        }
    }

    fn finish_typing(&mut self, keep: bool, cx: &mut Ctx) {
        if let Some(q) = self.quick.clone() {
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
            return;
        }
        self.filter_input = None;
        if !keep {
            self.filter.text.clear();
            let r = self.load(cx);
            if cx.report(r).is_some() {
                cx.info("filter cleared");
            }
        }
    }
}
