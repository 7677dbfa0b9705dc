//! Keys of the item summary and the invoice view.

use super::dialog::Pending;
use super::keymap::Cmd;
use super::state::{App, Overlay};
use crate::store::documents::InvoiceStatus;

impl App {
    pub(super) fn summary_cmd(&mut self, cmd: Cmd) {
        let Some(Overlay::Summary(summary)) = self.overlays.last_mut() else {
            return;
        };
        match cmd {
            Cmd::Back => {
                self.overlays.pop();
            }
            Cmd::Down => {
                summary.scroll = summary.scroll.saturating_add(1).min(summary.max_scroll())
            }
            Cmd::Up => summary.scroll = summary.scroll.saturating_sub(1),
            Cmd::PageDown => {
                summary.scroll = summary.scroll.saturating_add(10).min(summary.max_scroll())
            }
            Cmd::PageUp => summary.scroll = summary.scroll.saturating_sub(10),
            Cmd::Top => summary.scroll = 0,
            Cmd::Bottom => summary.scroll = summary.max_scroll(),
            Cmd::Edit => {
                let id = summary.item.id;
                self.open_item_form(Some(id), false);
            }
            _ => {}
        }
    }

    pub(super) fn invoice_view_cmd(&mut self, cmd: Cmd) {
        let Some(Overlay::Invoice(view)) = self.overlays.last_mut() else {
            return;
        };
        let inv = &view.invoice;
        let is_draft = inv.status == InvoiceStatus::Draft;
        let name = inv
            .number
            .clone()
            .unwrap_or_else(|| format!("draft {}", inv.id));
        let (id, version) = (inv.id, inv.version);
        let last = inv.lines.len().saturating_sub(1);
        match cmd {
            Cmd::Back => {
                self.overlays.pop();
            }
            Cmd::Down => view.cursor = (view.cursor + 1).min(last),
            Cmd::Up => view.cursor = view.cursor.saturating_sub(1),
            Cmd::PageDown => view.cursor = (view.cursor + 10).min(last),
            Cmd::PageUp => view.cursor = view.cursor.saturating_sub(10),
            Cmd::Top => view.cursor = 0,
            Cmd::Bottom => view.cursor = last,
            Cmd::Edit if is_draft => self.open_dates_form(),
            Cmd::EditAmount if is_draft => self.open_line_form(true),
            Cmd::EditText if is_draft => self.open_line_form(false),
            Cmd::Confirm if is_draft => self.ask_confirm(vec![(id, Some(version))]),
            Cmd::Delete if is_draft => self.ask(
                "Delete draft",
                vec![format!("Delete {name}? Its items return to billable.")],
                Pending::DeleteDraft { id, version },
            ),
            Cmd::Credit => self.open_credit_form(id),
            Cmd::Edit | Cmd::EditAmount | Cmd::Delete | Cmd::Confirm => self.error(format!(
                "{name} is confirmed and never changes: raise a credit note with r"
            )),
            _ => {}
        }
    }
}
