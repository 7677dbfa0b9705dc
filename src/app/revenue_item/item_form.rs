//! The revenue item form (new, edit, copy): building it from an item and reading it back into
//! new items or an edit, with each refusal placed beside its field. The form reads what was
//! typed (figures, dates, codes looked up); whether the values make an item is the domain's
//! item check in the store, whose refusal names the field (`label_of`).

use super::super::form::{Field, Form, Pick};
use crate::domain::NumberFormat;
use crate::domain::billing_rule::BillingRule;
use crate::domain::input::{parse_date, parse_decimal, parse_percent};
use crate::domain::money::parse_amount;
use crate::domain::repeat::{RepeatPeriod, name_with_period, repeat_dates};
use crate::domain::revenue_item::{ItemField, check_field_edit};
use crate::domain::revenue_status::{Origin, RevenueStatus};
use crate::store::item_context::ItemContext;
use crate::store::revenue_items::{ItemEdit, NewRevenueItem, RevenueItem};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use rust_decimal::Decimal;

pub const PROJECT: &str = "Project";
pub const NAME: &str = "Name";
pub const TYPE: &str = "Type";
pub const RULE: &str = "Billing rule";
pub const MILESTONE: &str = "Milestone";
pub const UNIT_PRICE: &str = "Unit price";
pub const AMOUNT: &str = "Planned amount";
/// A time-and-materials item's typed amount: an estimate, never invoiced or summed.
pub const ESTIMATE: &str = "Estimate (not billed)";
/// A time-and-materials item's amount: what its time and expenses come to now (read-only).
pub const COLLECTABLE: &str = "Collectable now";
pub const DATE: &str = "Planned invoice date";
pub const VAT: &str = "VAT rate %";
pub const REPEAT: &str = "Repeat every";
pub const UNTIL: &str = "Repeat until";
pub const DATE_IN_NAME: &str = "Date in name";
pub const INVOICE_TEXT: &str = "Invoice description";
pub const INTERNAL_TEXT: &str = "Internal description";

const RULES: &[&str] = &["fixed", "time_and_materials", "milestone"];
const REPEATS: &[&str] = &["no repeat", "month", "quarter", "year"];

/// A new or copied item's form; `from` fills it from an existing item, its figures written in
/// the user's number format `n`. A new item starts with `default_vat` (the seller's default
/// rate, `Store::default_vat_rate`); a copy keeps its item's rate.
pub fn new_form(
    from: Option<(&RevenueItem, &ItemContext)>,
    today: NaiveDate,
    default_vat: Decimal,
    n: NumberFormat,
) -> Form {
    let (title, project, name, typ, rule, milestone, unit, amount, date, vat, inv, int) = match from
    {
        Some((item, ctx)) => (
            format!("Copy of item {}", item.id),
            ctx.project_code.clone(),
            item.name.clone(),
            item.item_type.clone(),
            RULES
                .iter()
                .position(|r| *r == item.billing_rule.as_str())
                .unwrap_or(0),
            ctx.milestone
                .as_ref()
                .map(|m| m.0.clone())
                .unwrap_or_default(),
            item.unit_price.map(|p| n.plain(p)).unwrap_or_default(),
            n.plain(item.typed_amount()),
            item.planned_invoice_date.to_string(),
            n.plain(item.vat_rate),
            item.invoice_description.clone(),
            item.internal_description.clone(),
        ),
        None => (
            "New revenue item".to_string(),
            String::new(),
            String::new(),
            "Services".to_string(),
            0,
            String::new(),
            String::new(),
            String::new(),
            today.to_string(),
            n.plain(default_vat),
            String::new(),
            String::new(),
        ),
    };
    let mut form = Form::new(
        title,
        vec![
            Field::pick(PROJECT, Pick::Project, &project),
            Field::line(NAME, &name),
            Field::line(TYPE, &typ),
            Field::choice(RULE, RULES, rule),
            Field::pick(
                MILESTONE,
                Pick::Milestone {
                    project_field: PROJECT,
                },
                &milestone,
            ),
            Field::line(UNIT_PRICE, &unit),
            Field::line(AMOUNT, &amount),
            Field::line(DATE, &date),
            Field::line(VAT, &vat),
            Field::choice(REPEAT, REPEATS, 0),
            Field::line(UNTIL, ""),
            Field::choice(DATE_IN_NAME, &["no", "yes"], 0),
            Field::multi(INVOICE_TEXT, &inv),
            Field::multi(INTERNAL_TEXT, &int),
        ],
    );
    form.note = Some(TM_NOTE.to_string());
    form
}

/// What the new item form says of time and materials (its rule is chosen in the form).
const TM_NOTE: &str = "Time and materials: the amount typed is kept as its estimate.";

/// A time-and-materials item's amount now, read-only, and why it is what it is.
fn collectable(item: &RevenueItem, n: NumberFormat) -> Field {
    let shown = item.actual_amount.unwrap_or(item.planned_amount);
    let why = match (&item.collect_error, item.status) {
        (Some(e), _) => e.clone(),
        (None, s) if s.is_on_invoice() => "what it collected".to_string(),
        (None, RevenueStatus::Rejected) => "rejected: it collects nothing".to_string(),
        (None, _) => format!("its time and expenses up to {}", item.planned_invoice_date),
    };
    Field::read_only(COLLECTABLE, &n.plain(shown), &why)
}

/// The edit form of an item: fields its status or origin locks are read-only, saying why. Its
/// figures are written in the user's number format `n`.
pub fn edit_form(item: &RevenueItem, ctx: &ItemContext, n: NumberFormat) -> Form {
    let lock = |field: ItemField| {
        check_field_edit(item.status, item.origin, field)
            .err()
            .map(|e| e.0)
    };
    // One reason locks most fields (origin or status): said once above the fields.
    let common = lock(ItemField::Name).or_else(|| lock(ItemField::PlannedAmount));
    let why = |reason: String| {
        if Some(&reason) == common.as_ref() {
            String::new()
        } else {
            reason
        }
    };
    let field = |label: &str, value: &str, kind: ItemField| match lock(kind) {
        Some(reason) => Field::read_only(label, value, &why(reason)),
        None => Field::line(label, value),
    };
    let multi = |label: &str, value: &str, kind: ItemField| match lock(kind) {
        Some(reason) => Field::read_only(label, value, &why(reason)),
        None => Field::multi(label, value),
    };
    let tm = item.billing_rule == BillingRule::TimeAndMaterials;
    let amount_label = if tm { ESTIMATE } else { AMOUNT };
    let mut form = Form::new(
        format!("Edit item {} ({})", item.id, item.status.label()),
        vec![
            Field::read_only(PROJECT, &ctx.project_code, ""),
            field(NAME, &item.name, ItemField::Name),
            field(TYPE, &item.item_type, ItemField::Type),
            Field::read_only(RULE, item.billing_rule.as_str(), ""),
            Field::read_only(
                MILESTONE,
                &ctx.milestone
                    .as_ref()
                    .map(|m| m.0.clone())
                    .unwrap_or_default(),
                "",
            ),
            field(
                UNIT_PRICE,
                &item.unit_price.map(|p| n.plain(p)).unwrap_or_default(),
                ItemField::UnitPrice,
            ),
            field(
                amount_label,
                &n.plain(item.typed_amount()),
                ItemField::PlannedAmount,
            ),
            field(
                DATE,
                &item.planned_invoice_date.to_string(),
                ItemField::PlannedInvoiceDate,
            ),
            field(VAT, &n.plain(item.vat_rate), ItemField::VatRate),
            multi(
                INVOICE_TEXT,
                &item.invoice_description,
                ItemField::InvoiceDescription,
            ),
            multi(
                INTERNAL_TEXT,
                &item.internal_description,
                ItemField::InternalDescription,
            ),
        ],
    );
    if tm {
        // The amount it invoices, beside the estimate and after it: never typed.
        let at = form
            .fields
            .iter()
            .position(|f| f.label == ESTIMATE)
            .map_or(form.fields.len(), |p| p + 1);
        form.fields.insert(at, collectable(item, n));
    }
    let fixed = "Project, billing rule and milestone are set when an item is made.";
    form.note = Some(match common {
        Some(reason) => format!("{}. {fixed}", capitalize(&reason)),
        None => fixed.to_string(),
    });
    form
}

/// The field of `form` for a field of the item a rule refused: as `label_of`, the amount being
/// the estimate in a time-and-materials item's form.
pub fn label_in(form: &Form, field: ItemField) -> Option<&'static str> {
    match label_of(field) {
        Some(AMOUNT) if form.field(AMOUNT).is_none() && form.field(ESTIMATE).is_some() => {
            Some(ESTIMATE)
        }
        other => other,
    }
}

/// The form's field for a field of the item a rule refused (none for the status, which the
/// form does not show).
pub fn label_of(field: ItemField) -> Option<&'static str> {
    Some(match field {
        ItemField::Project => PROJECT,
        ItemField::Name => NAME,
        ItemField::Type => TYPE,
        ItemField::BillingRule => RULE,
        ItemField::Milestone => MILESTONE,
        ItemField::UnitPrice => UNIT_PRICE,
        ItemField::PlannedAmount => AMOUNT,
        ItemField::PlannedInvoiceDate => DATE,
        ItemField::VatRate => VAT,
        ItemField::InvoiceDescription => INVOICE_TEXT,
        ItemField::InternalDescription => INTERNAL_TEXT,
        ItemField::Status => return None,
    })
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Reads the new items a form describes (several when it repeats), its figures in the user's
/// number format: `Ok(None)` with the fields marked when one is wrong, `Err` when the database
/// could not answer a lookup.
pub fn read_new(form: &mut Form, store: &Store) -> Result<Option<Vec<NewRevenueItem>>, StoreError> {
    form.clear_errors();
    let n = store.numbers();
    let project = store.project_by_code(&form.value(PROJECT))?;
    if project.is_none() {
        form.set_error(
            PROJECT,
            format!("no project with code {:?}", form.value(PROJECT).trim()),
        );
    }
    let name = form.value(NAME).trim().to_string();
    let rule = match form.value(RULE).as_str() {
        "time_and_materials" => BillingRule::TimeAndMaterials,
        "milestone" => BillingRule::Milestone,
        _ => BillingRule::Fixed,
    };
    let milestone_code = form.value(MILESTONE).trim().to_string();
    let mut milestone_id = None;
    if let Some(p) = &project
        && !milestone_code.is_empty()
    {
        match store.milestone_by_code(p.id, &milestone_code)? {
            Some(id) => milestone_id = Some(id),
            None => form.set_error(
                MILESTONE,
                format!("project has no milestone {milestone_code:?}"),
            ),
        }
    }
    let unit_price = match form.value(UNIT_PRICE).trim() {
        "" => None,
        t => parse_decimal(t, n)
            .map_err(|e| form.set_error(UNIT_PRICE, e.0))
            .ok(),
    };
    // A time-and-materials item's amount is worked out from its time: what is typed is an
    // estimate, and none is needed.
    let no_estimate = rule == BillingRule::TimeAndMaterials && form.value(AMOUNT).trim().is_empty();
    let amount = project.as_ref().and_then(|p| {
        if no_estimate {
            return Some(Decimal::ZERO);
        }
        match parse_amount(&form.value(AMOUNT), p.currency, n) {
            Ok(a) => Some(a),
            Err(e) => {
                form.set_error(AMOUNT, e.0);
                None
            }
        }
    });
    let date = parse_date(&form.value(DATE))
        .map_err(|e| form.set_error(DATE, e.0))
        .ok();
    let vat = parse_percent(&form.value(VAT), n)
        .map_err(|e| form.set_error(VAT, e.0))
        .ok();
    let period = match form.value(REPEAT).as_str() {
        "month" => Some(RepeatPeriod::Month),
        "quarter" => Some(RepeatPeriod::Quarter),
        "year" => Some(RepeatPeriod::Year),
        _ => None,
    };
    let dates = match (period, date) {
        (Some(period), Some(first)) => match parse_date(&form.value(UNTIL)) {
            Ok(until) => repeat_dates(first, period, until)
                .map_err(|e| form.set_error(UNTIL, e.0))
                .ok(),
            Err(e) => {
                form.set_error(UNTIL, e.0);
                None
            }
        },
        (None, Some(first)) => Some(vec![first]),
        _ => None,
    };
    if form.has_errors() {
        form.focus_first_error();
        return Ok(None);
    }
    let (Some(project), Some(amount), Some(vat), Some(dates)) = (project, amount, vat, dates)
    else {
        return Ok(None);
    };
    let in_name = form.value(DATE_IN_NAME) == "yes";
    Ok(Some(
        dates
            .into_iter()
            .map(|d| NewRevenueItem {
                project_id: project.id,
                milestone_id,
                name: if in_name {
                    name_with_period(&name, d)
                } else {
                    name.clone()
                },
                item_type: form.value(TYPE).trim().to_string(),
                billing_rule: rule,
                unit_price,
                planned_amount: amount,
                planned_invoice_date: d,
                status: RevenueStatus::Open,
                vat_rate: vat,
                invoice_description: form.value(INVOICE_TEXT),
                internal_description: form.value(INTERNAL_TEXT),
                origin: Origin::Manual,
            })
            .collect(),
    ))
}

/// Reads an edit from the form (only the editable fields, figures in the user's number format
/// `n`), or marks its fields.
pub fn read_edit(form: &mut Form, item: &RevenueItem, n: NumberFormat) -> Option<ItemEdit> {
    form.clear_errors();
    let mut edit = ItemEdit::default();
    // Only what the user changed: saving over someone else's newer version (after a stale
    // refusal) must not put back the fields this user never touched.
    let text = |form: &Form, label: &str| {
        form.field(label)
            .filter(|f| f.is_editable() && f.changed())
            .map(|f| f.value())
    };
    edit.name = text(form, NAME).map(|n| n.trim().to_string());
    edit.item_type = text(form, TYPE).map(|t| t.trim().to_string());
    edit.invoice_description = text(form, INVOICE_TEXT);
    edit.internal_description = text(form, INTERNAL_TEXT);
    if let Some(t) = text(form, UNIT_PRICE) {
        edit.unit_price = match t.trim() {
            "" => Some(None),
            v => parse_decimal(v, n)
                .map(Some)
                .map_err(|e| form.set_error(UNIT_PRICE, e.0))
                .ok(),
        };
    }
    // A time-and-materials item's form has its estimate where others have the amount.
    if let Some(t) = text(form, AMOUNT).or_else(|| text(form, ESTIMATE)) {
        edit.planned_amount = parse_amount(&t, item.currency, n)
            .map_err(|e| form.set_error(AMOUNT, e.0))
            .ok();
    }
    if let Some(t) = text(form, DATE) {
        edit.planned_invoice_date = parse_date(&t).map_err(|e| form.set_error(DATE, e.0)).ok();
    }
    if let Some(t) = text(form, VAT) {
        edit.vat_rate = parse_percent(&t, n)
            .map_err(|e| form.set_error(VAT, e.0))
            .ok();
    }
    if form.has_errors() {
        form.focus_first_error();
        return None;
    }
    Some(edit)
}
