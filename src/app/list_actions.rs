//! What the keys of the list screens do: motion, filter, selection, status changes, quick
//! edits, and starting invoicing.

use super::dialog::Pending;
use super::invoice_list::InvoiceList;
use super::item_list::{ItemList, QuickEdit, QuickField};
use super::keymap::{Cmd, Context};
use super::list_view::{Keyed, ListView, Loader};
use super::selection::Picked;
use super::state::{App, Overlay, Tab};
use super::views::{InvoiceView, ItemSummary};
use crate::domain::input::parse_date;
use crate::domain::money::parse_amount;
use crate::domain::status::RevenueStatus;
use crate::store::documents::InvoiceStatus;
use crate::store::list_query::CurrencyTotal;
use crate::store::revenue_items::ItemEdit;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Amounts per currency as one line: "EUR 1,234.50 · USD 99.00".
pub fn totals_line(totals: &[CurrencyTotal]) -> String {
    totals
        .iter()
        .map(|t| format!("{} {}", t.currency, super::format::amount(t.amount)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The same motions on every list.
pub(super) fn move_view<R: Keyed + Clone>(
    view: &mut ListView<R>,
    cmd: Cmd,
    load: &mut Loader<'_, R>,
) -> crate::store::Result<()> {
    let page = view.height() as isize;
    match cmd {
        Cmd::Down => view.move_by(1, load),
        Cmd::Up => view.move_by(-1, load),
        Cmd::PageDown => view.move_by(page, load),
        Cmd::PageUp => view.move_by(-page, load),
        Cmd::Top => view.top(load),
        Cmd::Bottom => view.bottom(load),
        _ => Ok(()),
    }
}

impl App {
    fn move_items(&mut self, cmd: Cmd) {
        let store = &self.store;
        let list = match self.tab {
            Tab::RevenueItems => &mut self.items,
            _ => &mut self.finance,
        };
        let filter = list.filter.clone();
        let result = move_view(&mut list.view, cmd, &mut |b, n| {
            store.item_rows(&filter, b, n)
        });
        self.report(result);
    }

    fn move_invoices(&mut self, cmd: Cmd) {
        let store = &self.store;
        let filter = self.invoices.filter.clone();
        let result = move_view(&mut self.invoices.view, cmd, &mut |b, n| {
            store.invoice_rows(&filter, b, n)
        });
        self.report(result);
    }

    pub(super) fn item_list_cmd(&mut self, cmd: Cmd) {
        let tab = self.tab;
        match cmd {
            Cmd::Down | Cmd::Up | Cmd::PageDown | Cmd::PageUp | Cmd::Top | Cmd::Bottom => {
                self.move_items(cmd)
            }
            Cmd::Filter => {
                let list = self.item_list_mut(tab);
                list.filter_input = Some(list.filter.text.clone());
            }
            Cmd::ToggleSelect => {
                let list = self.item_list_mut(tab);
                let Some(row) = list.view.current().cloned() else {
                    return self.error("nothing to select: the list is empty");
                };
                list.selection.toggle(row.id, ItemList::picked(&row));
                let n = list.selection.len();
                self.move_items(Cmd::Down);
                self.info(format!("{n} selected"));
            }
            Cmd::SelectAll => self.select_all_items(),
            Cmd::Back => {
                let list = self.item_list_mut(tab);
                if !list.selection.is_empty() {
                    list.selection.clear();
                    self.info("selection cleared");
                } else if !list.filter.text.is_empty() {
                    list.filter.text.clear();
                    let r = self.load_list(tab);
                    self.report(r);
                    self.info("filter cleared");
                }
            }
            Cmd::Open => {
                let Some(id) = self.item_list(tab).view.current().map(|r| r.id) else {
                    return self.error("nothing to open: the list is empty");
                };
                if let Some(summary) = self.report(ItemSummary::load(&self.store, id)) {
                    self.overlays.push(Overlay::Summary(Box::new(summary)));
                }
            }
            Cmd::SetOpen => self.set_status(RevenueStatus::Open),
            Cmd::SetBillable => self.set_status(RevenueStatus::Billable),
            Cmd::SetRejected => self.set_status(RevenueStatus::Rejected),
            Cmd::EditDate => self.start_quick_edit(QuickField::PlannedDate),
            Cmd::EditAmount => self.start_quick_edit(QuickField::Amount),
            Cmd::MakeDrafts => self.ask_make_drafts(),
            Cmd::Horizon => self.open_horizon_form(),
            Cmd::Confirm => {
                let list = self.item_list(tab);
                let mut drafts: Vec<i64> = if list.selection.is_empty() {
                    list.view
                        .current()
                        .and_then(|r| r.draft_invoice)
                        .into_iter()
                        .collect()
                } else {
                    let ids: Vec<i64> = list
                        .selection
                        .ids_with_versions()
                        .into_iter()
                        .map(|(id, _)| id)
                        .collect();
                    match self.store.drafts_of_items(&ids) {
                        Ok(d) => d,
                        Err(e) => return self.error(e.to_string()),
                    }
                };
                drafts.sort_unstable();
                drafts.dedup();
                self.ask_confirm(drafts.into_iter().map(|d| (d, None)).collect());
            }
            Cmd::New => self.open_item_form(None, false),
            Cmd::Edit => {
                if let Some(id) = self.item_list(tab).view.current().map(|r| r.id) {
                    self.open_item_form(Some(id), false);
                }
            }
            Cmd::Copy => {
                if let Some(id) = self.item_list(tab).view.current().map(|r| r.id) {
                    self.open_item_form(Some(id), true);
                }
            }
            Cmd::Delete => {
                let Some(row) = self.item_list(tab).view.current().cloned() else {
                    return self.error("nothing to delete: the list is empty");
                };
                if row.status.is_on_invoice() {
                    return self.error(format!(
                        "item {} is {}: items on an invoice cannot be deleted",
                        row.id,
                        row.status.label()
                    ));
                }
                self.ask(
                    "Delete revenue item",
                    vec![
                        format!(
                            "{}  {}  {} {}",
                            row.project,
                            row.name,
                            row.currency,
                            super::format::amount(row.amount)
                        ),
                        "Delete this item? Its change history stays.".into(),
                    ],
                    Pending::DeleteItem {
                        id: row.id,
                        version: row.version,
                    },
                );
            }
            _ => {}
        }
    }

    /// A selected item that changed is selected at its new version and amount, so that the
    /// user's own edit never makes their selection stale.
    pub(super) fn repick(&mut self, id: i64) {
        let Ok(item) = self.store.revenue_item(id) else {
            return;
        };
        for list in [&mut self.finance, &mut self.items] {
            if list.selection.contains(id) {
                list.selection.insert(
                    id,
                    Picked {
                        version: item.version,
                        currency: item.currency,
                        amount: item.actual_amount.unwrap_or(item.planned_amount),
                    },
                );
            }
        }
    }

    fn select_all_items(&mut self) {
        let tab = self.tab;
        let list = self.item_list(tab);
        let shown = list
            .totals
            .as_ref()
            .map(|t| t.iter().map(|c| c.count as usize).sum::<usize>());
        if !list.selection.is_empty() && Some(list.selection.len()) == shown {
            self.item_list_mut(tab).selection.clear();
            return self.info("selection cleared");
        }
        let filter = list.filter.clone();
        let Some(picks) = self.report(self.store.item_picks(&filter)) else {
            return;
        };
        let list = self.item_list_mut(tab);
        list.selection.clear();
        for p in &picks {
            list.selection.insert(
                p.id,
                Picked {
                    version: p.version,
                    currency: p.currency,
                    amount: p.amount,
                },
            );
        }
        self.info(format!(
            "{} selected: every row the filter shows",
            picks.len()
        ));
    }

    fn set_status(&mut self, to: RevenueStatus) {
        let targets = self.item_list(self.tab).targets();
        if targets.is_empty() {
            return self.error("nothing selected and the list is empty");
        }
        let result = self.store.set_status(&targets, to);
        let Some(change) = self.report(result) else {
            return;
        };
        // Every changed item has a new version: a selection elsewhere would be stale.
        self.finance.selection.clear();
        self.items.selection.clear();
        self.refresh_all();
        let mut msg = format!("{} item(s) set {}", change.changed.len(), to.label());
        let unchanged = targets.len() - change.changed.len() - change.refused.len();
        if unchanged > 0 {
            msg.push_str(&format!(", {unchanged} already were"));
        }
        match change.refused.first() {
            Some((id, why)) => {
                msg.push_str(&format!(
                    "; {} refused (item {id}: {why})",
                    change.refused.len()
                ));
                self.error(msg);
            }
            None => self.info(msg),
        }
    }

    fn start_quick_edit(&mut self, field: QuickField) {
        let list = self.item_list_mut(self.tab);
        let Some(row) = list.view.current().cloned() else {
            return self.error("nothing to edit: the list is empty");
        };
        let text = match field {
            QuickField::PlannedDate => row.planned_invoice_date.to_string(),
            QuickField::Amount => row.amount.to_string(),
        };
        list.quick = Some(QuickEdit {
            item_id: row.id,
            version: row.version,
            field,
            text,
            error: None,
        });
    }

    /// Keys while typing into the filter or a quick edit.
    pub(super) fn text_entry_key(&mut self, ctx: Context, ev: KeyEvent) {
        match super::keymap::lookup(ctx, &ev) {
            Some(Cmd::Quit) => {
                self.run_quit();
                return;
            }
            Some(Cmd::Save) => return self.finish_text_entry(ctx, true),
            Some(Cmd::Back) => return self.finish_text_entry(ctx, false),
            _ => {}
        }
        if ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return;
        }
        let edit = |text: &mut String| match ev.code {
            KeyCode::Backspace => {
                text.pop();
                true
            }
            KeyCode::Char(c) if !c.is_control() => {
                text.push(c);
                true
            }
            _ => false,
        };
        match (ctx, self.tab) {
            (Context::QuickEdit, tab) => {
                if let Some(q) = self.item_list_mut(tab).quick.as_mut()
                    && edit(&mut q.text)
                {
                    q.error = None;
                }
            }
            (_, Tab::Invoices) => {
                let list = &mut self.invoices;
                if let Some(input) = list.filter_input.as_mut()
                    && edit(input)
                {
                    list.filter.text = input.clone();
                    self.filter_changed(Tab::Invoices);
                }
            }
            (_, tab) => {
                let list = self.item_list_mut(tab);
                if let Some(input) = list.filter_input.as_mut()
                    && edit(input)
                {
                    list.filter.text = input.clone();
                    self.filter_changed(tab);
                }
            }
        }
    }

    fn run_quit(&mut self) {
        // Ctrl-C from a text field leaves at once; nothing is half-saved.
        self.quit = true;
    }

    fn finish_text_entry(&mut self, ctx: Context, keep: bool) {
        let tab = self.tab;
        if ctx == Context::QuickEdit {
            if keep {
                self.save_quick_edit();
            } else {
                self.item_list_mut(tab).quick = None;
                self.info("quick edit cancelled");
            }
            return;
        }
        let cleared = !keep;
        match tab {
            Tab::Invoices => {
                self.invoices.filter_input = None;
                if cleared {
                    self.invoices.filter.text.clear();
                }
            }
            _ => {
                let list = self.item_list_mut(tab);
                list.filter_input = None;
                if cleared {
                    list.filter.text.clear();
                }
            }
        }
        if cleared {
            let r = self.load_list(tab);
            self.report(r);
            self.info("filter cleared");
        }
    }

    fn save_quick_edit(&mut self) {
        let tab = self.tab;
        let Some(q) = self.item_list(tab).quick.clone() else {
            return;
        };
        let Some(row) = self.item_list(tab).view.current().cloned() else {
            return;
        };
        let parsed = match q.field {
            QuickField::PlannedDate => parse_date(&q.text).map(|d| ItemEdit {
                planned_invoice_date: Some(d),
                ..ItemEdit::default()
            }),
            QuickField::Amount => parse_amount(&q.text, row.currency).map(|a| ItemEdit {
                planned_amount: Some(a),
                ..ItemEdit::default()
            }),
        };
        let result = match parsed {
            Ok(edit) => self
                .store
                .update_revenue_item(q.item_id, q.version, &edit)
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.0),
        };
        match result {
            Ok(()) => {
                self.item_list_mut(tab).quick = None;
                self.refresh_all();
                self.repick(q.item_id);
                let what = match q.field {
                    QuickField::PlannedDate => "planned invoice date",
                    QuickField::Amount => "planned amount",
                };
                self.info(format!(
                    "item {}: {what} set to {}",
                    q.item_id,
                    q.text.trim()
                ));
            }
            Err(e) => {
                if let Some(q) = self.item_list_mut(tab).quick.as_mut() {
                    q.error = Some(e.clone());
                }
                self.error(e);
            }
        }
    }

    fn ask_make_drafts(&mut self) {
        let list = self.item_list(self.tab);
        let targets = list.targets();
        let ids: Vec<i64> = targets.iter().map(|(id, _)| *id).collect();
        if ids.is_empty() {
            return self.error("select billable items first (Space), then press i");
        }
        let Some(preview) = self.report(self.store.draft_preview(&ids)) else {
            return;
        };
        if preview.drafts == 0 {
            let why = preview
                .skipped
                .first()
                .map(|s| s.1.clone())
                .unwrap_or_default();
            return self.error(format!("nothing to invoice: {why}"));
        }
        let mut lines = vec![
            format!(
                "{} item(s) into {} draft invoice(s), one per account and currency:",
                preview.items, preview.drafts
            ),
            totals_line(&preview.totals),
        ];
        if !preview.skipped.is_empty() {
            lines.push(format!(
                "{} item(s) skipped, e.g. {}",
                preview.skipped.len(),
                preview.skipped[0].1
            ));
        }
        lines.push("Make the drafts?".into());
        let seen = targets.into_iter().map(|(id, v)| (id, Some(v))).collect();
        self.ask("Make draft invoices", lines, Pending::MakeDrafts(seen));
    }

    pub(super) fn make_drafts(&mut self, items: &[(i64, Option<i64>)]) {
        let result = self.store.make_drafts_seen(items, self.today);
        let Some(made) = self.report(result) else {
            return;
        };
        for list in [&mut self.finance, &mut self.items] {
            list.selection.clear();
        }
        self.refresh_all();
        let mut msg = format!("{} draft invoice(s) made", made.invoices.len());
        if let Some((id, why)) = made.skipped.first() {
            msg.push_str(&format!(
                "; {} item(s) skipped (item {id}: {why})",
                made.skipped.len()
            ));
        }
        self.info(msg);
    }

    pub(super) fn ask_confirm(&mut self, drafts: Vec<(i64, Option<i64>)>) {
        if drafts.is_empty() {
            return self.error("no draft invoice here: make drafts first (i in finance control)");
        }
        let mut totals: std::collections::BTreeMap<crate::domain::Currency, rust_decimal::Decimal> =
            Default::default();
        for &(id, _) in &drafts {
            let Some(inv) = self.report(self.store.invoice(id)) else {
                return;
            };
            if inv.status != InvoiceStatus::Draft {
                return self.error(format!(
                    "{} is already confirmed: only drafts are confirmed",
                    inv.number.as_deref().unwrap_or("the invoice")
                ));
            }
            // Credit notes take away.
            let sign = if inv.kind == crate::domain::numbering::DocumentKind::CreditNote {
                -rust_decimal::Decimal::ONE
            } else {
                rust_decimal::Decimal::ONE
            };
            *totals.entry(inv.currency).or_default() += sign * inv.gross;
        }
        let gross = totals
            .iter()
            .map(|(c, a)| format!("{c} {}", super::format::amount(*a)))
            .collect::<Vec<_>>()
            .join(" · ");
        self.ask(
            "Confirm invoices",
            vec![
                format!("Confirm {} draft(s), gross total {gross}?", drafts.len()),
                "Confirmed invoices get their number and never change.".into(),
            ],
            Pending::Confirm(drafts),
        );
    }

    pub(super) fn confirm(&mut self, drafts: &[(i64, Option<i64>)]) {
        let result = self.store.confirm_seen(drafts, self.today);
        let Some(run) = self.report(result) else {
            return;
        };
        self.invoices.selection.clear();
        self.finance.selection.clear();
        self.items.selection.clear();
        self.refresh_all();
        if let Some(Overlay::Invoice(view)) = self.overlays.last() {
            let id = view.invoice.id;
            if let Some(v) = self.report(InvoiceView::load(&self.store, id)) {
                self.overlays.pop();
                self.overlays.push(Overlay::Invoice(Box::new(v)));
            }
        }
        let numbers: Vec<&str> = run.confirmed.iter().map(|c| c.number.as_str()).collect();
        let mut msg = format!("{} confirmed: {}", run.confirmed.len(), numbers.join(", "));
        if let Some((id, why)) = run.refused.first() {
            msg.push_str(&format!(
                "; {} refused (draft {id}: {why})",
                run.refused.len()
            ));
            return self.error(msg);
        }
        self.info(msg);
    }

    pub(super) fn delete_item(&mut self, id: i64, version: i64) {
        let result = self.store.delete_revenue_item(id, version);
        if self.report(result).is_some() {
            self.finance.selection.remove(id);
            self.items.selection.remove(id);
            self.refresh_all();
            self.info(format!("item {id} deleted"));
        }
    }

    pub(super) fn delete_draft(&mut self, id: i64, version: i64) {
        let result = self.store.delete_draft(id, version);
        if self.report(result).is_some() {
            self.invoices.selection.remove(id);
            // Its items changed version.
            self.finance.selection.clear();
            self.items.selection.clear();
            if matches!(self.overlays.last(), Some(Overlay::Invoice(v)) if v.invoice.id == id) {
                self.overlays.pop();
            }
            self.refresh_all();
            self.info(format!("draft {id} deleted: its items are billable again"));
        }
    }

    pub(super) fn invoice_list_cmd(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Down | Cmd::Up | Cmd::PageDown | Cmd::PageUp | Cmd::Top | Cmd::Bottom => {
                self.move_invoices(cmd)
            }
            Cmd::Filter => self.invoices.filter_input = Some(self.invoices.filter.text.clone()),
            Cmd::ToggleSelect => {
                let Some(row) = self.invoices.view.current().cloned() else {
                    return self.error("nothing to select: the list is empty");
                };
                self.invoices.selection.toggle(row.id, InvoiceList::picked(&row));
                let n = self.invoices.selection.len();
                self.move_invoices(Cmd::Down);
                self.info(format!("{n} selected"));
            }
            Cmd::SelectAll => {
                if !self.invoices.selection.is_empty() {
                    self.invoices.selection.clear();
                    return self.info("selection cleared");
                }
                self.error("select invoices one by one with Space (a selects every item in the revenue lists)");
            }
            Cmd::Back => {
                if !self.invoices.selection.is_empty() {
                    self.invoices.selection.clear();
                    self.info("selection cleared");
                } else if !self.invoices.filter.text.is_empty() {
                    self.invoices.filter.text.clear();
                    let r = self.load_list(Tab::Invoices);
                    self.report(r);
                    self.info("filter cleared");
                }
            }
            Cmd::Open | Cmd::Edit => {
                let Some(row) = self.invoices.view.current().cloned() else {
                    return self.error("nothing to open: the list is empty");
                };
                if cmd == Cmd::Edit && row.status == InvoiceStatus::Confirmed {
                    return self.error(format!(
                        "{} is confirmed and never changes: raise a credit note with r",
                        row.number.as_deref().unwrap_or("the invoice")
                    ));
                }
                if let Some(view) = self.report(InvoiceView::load(&self.store, row.id)) {
                    self.overlays.push(Overlay::Invoice(Box::new(view)));
                }
            }
            Cmd::Confirm => {
                let targets = self.invoices.targets_seen();
                self.ask_confirm(targets);
            }
            Cmd::Credit => {
                if let Some(row) = self.invoices.view.current().cloned() {
                    self.open_credit_form(row.id);
                }
            }
            Cmd::Delete => {
                let Some(row) = self.invoices.view.current().cloned() else { return };
                if row.status == InvoiceStatus::Confirmed {
                    return self.error(format!(
                        "{} is confirmed: nothing confirmed is deleted (raise a credit note with r)",
                        row.number.as_deref().unwrap_or("the invoice")
                    ));
                }
                self.ask(
                    "Delete draft",
                    vec![
                        format!("Draft {} for {}, {} {}", row.id, row.account, row.currency, super::format::amount(row.gross)),
                        "Delete it? Its items return to billable.".into(),
                    ],
                    Pending::DeleteDraft { id: row.id, version: row.version },
                );
            }
            Cmd::New | Cmd::Copy => self.error(
                "invoices are made from billable items: select them in finance control (1) and press i",
            ),
            _ => {}
        }
    }
}
