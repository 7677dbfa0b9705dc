//! What is done to one revenue item from any screen: its form opened (new, edit, copy) and saved,
//! and its deletion asked and done.

use super::super::form::Form;
use super::super::work::{Confirm, Ctx, Event, FormAction, ScreenAccess};
use super::item_form;
use crate::presentation::money_with_code;
use crate::store::item_list::ItemRow;
use crate::store::{Store, StoreError};

/// Saving the form of a new (or copied) item: one item, or one per date when it repeats.
pub struct NewItem;

/// Saving the form of an item, based on the version the user saw.
pub struct EditItem {
    pub id: i64,
    pub version: i64,
}

/// Deleting an item (the dialog's yes).
pub struct DeleteItem {
    pub id: i64,
    pub version: i64,
}

/// New (`None`), edit, or copy (`copy`) of an item.
pub fn open_item_form(id: Option<i64>, copy: bool, cx: &mut Ctx) {
    let Some(id) = id else {
        let Some(vat) = cx.report(cx.store.default_vat_rate()) else {
            return;
        };
        return cx.open_form(
            item_form::new_form(None, cx.today, vat, cx.numbers()),
            NewItem,
        );
    };
    let Some(item) = cx.report(cx.store.revenue_item(id)) else {
        return;
    };
    let Some(context) = cx.report(cx.store.item_context(id)) else {
        return;
    };
    if copy {
        cx.open_form(
            item_form::new_form(
                Some((&item, &context)),
                cx.today,
                item.vat_rate,
                cx.numbers(),
            ),
            NewItem,
        );
    } else {
        let version = item.version;
        cx.open_form(
            item_form::edit_form(&item, &context, cx.numbers()),
            EditItem { id, version },
        );
    }
}

/// Asks before deleting the item of a row (items on an invoice are refused at once).
pub fn ask_delete(row: &ItemRow, cx: &mut Ctx) {
    if row.status.is_on_invoice() {
        return cx.error(format!(
            "item {} is {}: items on an invoice cannot be deleted",
            row.id,
            row.status.label()
        ));
    }
    cx.ask(
        "Delete revenue item",
        vec![
            format!(
                "{}  {}  {}",
                row.project,
                row.name,
                money_with_code(cx.numbers(), row.amount)
            ),
            "Delete this item? Its change history stays.".into(),
        ],
        DeleteItem {
            id: row.id,
            version: row.version,
        },
    );
}

/// A refusal that names a field of the item is shown beside that field, which takes the
/// focus; the form keeps what was typed and the status line says why (the error goes on).
fn mark_field(form: &mut Form, e: &StoreError) {
    if let StoreError::Field { field, message } = e
        && let Some(label) = item_form::label_in(form, *field)
    {
        form.set_error(label, message.clone());
        form.focus_first_error();
    }
}

impl FormAction for NewItem {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        let Some(items) = item_form::read_new(form, cx.store)? else {
            return Ok(None);
        };
        let ids = cx
            .store
            .create_revenue_items(&items)
            .inspect_err(|e| mark_field(form, e))?;
        Ok(Some(match ids.as_slice() {
            [one] => format!("item {one} created (open)"),
            many => format!(
                "{} items created (open), {} to {}",
                many.len(),
                many.first().copied().unwrap_or_default(),
                many.last().copied().unwrap_or_default()
            ),
        }))
    }
}

impl FormAction for EditItem {
    fn watched(&self) -> Vec<(&'static str, i64)> {
        vec![(
            crate::domain::object_kind::ObjectKind::RevenueItem.as_str(),
            self.id,
        )]
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        let item = cx.store.revenue_item(self.id)?;
        let Some(edit) = item_form::read_edit(form, &item, cx.numbers()) else {
            return Ok(None);
        };
        cx.store
            .update_revenue_item(self.id, self.version, &edit)
            .inspect_err(|e| mark_field(form, e))?;
        cx.emit(Event::ItemEdited(self.id));
        Ok(Some(format!("item {} saved", self.id)))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.revenue_item(self.id)?.version;
        Ok(true)
    }
}

impl Confirm for DeleteItem {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = cx.store.delete_revenue_item(self.id, self.version);
        if cx.report(result).is_some() {
            cx.emit(Event::ItemDeleted(self.id));
            cx.changed();
            cx.info(format!("item {} deleted", self.id));
        }
    }
}
