//! What a revenue item must be to be stored, new or edited: one check of its values whose
//! refusal names the field it is about (so that a form can show it beside that field), and
//! which fields an item's status and origin leave open to edits.

use super::billing_rule::BillingRule;
use super::money::check_amount_range;
use super::revenue_status::{ItemFacts, Origin, RevenueStatus, check_manual_status};
use super::scaled::{self, SCALE};
use super::{Currency, DomainError};
use rust_decimal::Decimal;
use std::fmt;

/// The fields of a revenue item, to name the one a rule refuses or locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemField {
    Project,
    Name,
    Type,
    BillingRule,
    Milestone,
    UnitPrice,
    PlannedAmount,
    PlannedInvoiceDate,
    VatRate,
    Status,
    InvoiceDescription,
    InternalDescription,
}

impl ItemField {
    /// How the field reads in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Self::Project => "project",
            Self::Name => "name",
            Self::Type => "type",
            Self::BillingRule => "billing rule",
            Self::Milestone => "milestone",
            Self::UnitPrice => "unit price",
            Self::PlannedAmount => "planned amount",
            Self::PlannedInvoiceDate => "planned invoice date",
            Self::VatRate => "VAT rate",
            Self::Status => "status",
            Self::InvoiceDescription => "invoice description",
            Self::InternalDescription => "internal description",
        }
    }

    /// The figures that an invoice freezes.
    fn is_money(self) -> bool {
        matches!(self, Self::UnitPrice | Self::PlannedAmount | Self::VatRate)
    }
}

impl fmt::Display for ItemField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A rule refused the value of one field of an item; the message says which rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FieldError {
    pub field: ItemField,
    pub message: String,
}

impl FieldError {
    pub fn new(field: ItemField, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }

    fn of(field: ItemField, e: DomainError) -> Self {
        Self::new(field, e.0)
    }
}

/// The values of an item that its rules look at, as they would be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemValues<'a> {
    /// The project's currency, which the item takes.
    pub currency: Currency,
    pub name: &'a str,
    pub billing_rule: BillingRule,
    pub has_milestone: bool,
    pub unit_price: Option<Decimal>,
    pub planned_amount: Decimal,
    /// A percentage.
    pub vat_rate: Decimal,
}

/// What is checked: a new item, or an edit of a stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemChange<'a> {
    /// A new item, made with this status (open, billable or rejected: invoicing sets the
    /// others) by `origin`; `milestone_reached` is `Some` for an item with a milestone.
    New {
        status: RevenueStatus,
        origin: Origin,
        milestone_reached: Option<bool>,
    },
    /// An edit of an item at `status` made by `origin` that changes `changed`: only those are
    /// judged (the others were when they were stored).
    Edit {
        status: RevenueStatus,
        origin: Origin,
        changed: &'a [ItemField],
    },
}

/// The figures of a checked item in their stored form: the planned amount in minor units of
/// the currency, the unit price and the VAT rate in millionths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredFigures {
    pub unit_price_micros: Option<i64>,
    pub planned_amount_minor: i64,
    pub vat_rate_micros: i64,
}

/// Checks a new item or an edit, field by field in the form's order, and returns its figures
/// as stored. Nothing is rounded: an amount with more decimals than its currency holds, or a
/// price or rate with more than 6, is refused.
pub fn check_item(
    values: &ItemValues<'_>,
    change: ItemChange<'_>,
) -> Result<StoredFigures, FieldError> {
    let judged = |field: ItemField| match change {
        ItemChange::New { .. } => true,
        ItemChange::Edit { changed, .. } => changed.contains(&field),
    };
    if let ItemChange::Edit {
        status,
        origin,
        changed,
    } = change
    {
        for &field in changed {
            check_field_edit(status, origin, field).map_err(|e| FieldError::of(field, e))?;
        }
    }
    if judged(ItemField::Name) && values.name.trim().is_empty() {
        return Err(FieldError::new(ItemField::Name, "the name cannot be empty"));
    }
    if judged(ItemField::Milestone) {
        check_milestone(values.billing_rule, values.has_milestone)?;
    }
    let unit_price_micros = match values.unit_price {
        Some(price) if judged(ItemField::UnitPrice) => Some(unit_price(price)?),
        Some(price) => Some(stored_micros(ItemField::UnitPrice, price)?),
        None => None,
    };
    let planned_amount_minor = if judged(ItemField::PlannedAmount) {
        amount(values.planned_amount, values.currency)?
    } else {
        values
            .currency
            .to_minor(values.planned_amount)
            .map_err(|e| FieldError::of(ItemField::PlannedAmount, e))?
    };
    let vat_rate_micros = if judged(ItemField::VatRate) {
        vat_rate(values.vat_rate)?
    } else {
        stored_micros(ItemField::VatRate, values.vat_rate)?
    };
    if let ItemChange::New {
        status,
        origin,
        milestone_reached,
    } = change
    {
        // As if a user set it so by hand on an open item: open, billable (once its milestone
        // is reached) or rejected.
        let facts = ItemFacts {
            status: RevenueStatus::Open,
            origin,
            milestone_reached,
            fully_credited: false,
        };
        if status != RevenueStatus::Open {
            check_manual_status(&facts, status)
                .map_err(|e| FieldError::of(ItemField::Status, e))?;
        }
    }
    Ok(StoredFigures {
        unit_price_micros,
        planned_amount_minor,
        vat_rate_micros,
    })
}

/// A milestone item has its milestone, and only milestone items have one, besides the items
/// of a contract line tied to a milestone (billed by progress), which wait for it too.
fn check_milestone(rule: BillingRule, has_milestone: bool) -> Result<(), FieldError> {
    let message = match (rule, has_milestone) {
        (BillingRule::Milestone, false) => "a milestone item needs its milestone",
        (BillingRule::Fixed | BillingRule::TimeAndMaterials, true) => {
            "only milestone items have a milestone"
        }
        _ => return Ok(()),
    };
    Err(FieldError::new(ItemField::Milestone, message))
}

/// A planned amount: zero or more (a discount is not an item), below the amount limit, with
/// at most the currency's decimals; in minor units.
fn amount(amount: Decimal, currency: Currency) -> Result<i64, FieldError> {
    let field = ItemField::PlannedAmount;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(FieldError::new(
            field,
            "the planned amount cannot be negative",
        ));
    }
    check_amount_range(amount).map_err(|e| FieldError::of(field, e))?;
    if amount.normalize().scale() > currency.minor_digits() {
        let holds = match currency.minor_digits() {
            0 => format!("{currency} has no decimals"),
            n => format!("{currency} allows at most {n} decimals"),
        };
        return Err(FieldError::new(field, format!("{amount}: {holds}")));
    }
    currency
        .to_minor(amount)
        .map_err(|e| FieldError::of(field, e))
}

/// A unit price: zero or more, below the amount limit, with at most 6 decimals; in
/// millionths.
fn unit_price(price: Decimal) -> Result<i64, FieldError> {
    let field = ItemField::UnitPrice;
    if price.is_sign_negative() && !price.is_zero() {
        return Err(FieldError::new(field, "the unit price cannot be negative"));
    }
    check_amount_range(price).map_err(|e| FieldError::of(field, e))?;
    micros(field, price)
}

/// A VAT rate from 0 to 100 %, with at most 6 decimals; in millionths.
fn vat_rate(rate: Decimal) -> Result<i64, FieldError> {
    if rate.is_sign_negative() || rate > Decimal::ONE_HUNDRED {
        return Err(FieldError::new(
            ItemField::VatRate,
            format!("VAT rate {rate}% must be between 0 and 100"),
        ));
    }
    micros(ItemField::VatRate, rate)
}

/// A figure with at most 6 decimals, in millionths.
fn micros(field: ItemField, value: Decimal) -> Result<i64, FieldError> {
    if value.normalize().scale() > SCALE {
        return Err(FieldError::new(
            field,
            format!("the {field} {value} has more than {SCALE} decimals"),
        ));
    }
    stored_micros(field, value)
}

/// A stored figure (checked when it was stored) in millionths.
fn stored_micros(field: ItemField, value: Decimal) -> Result<i64, FieldError> {
    scaled::to_micros(value).map_err(|e| FieldError::of(field, e))
}

/// Whether a field of an item may be edited, and if not, why (the form shows the reason).
pub fn check_field_edit(
    status: RevenueStatus,
    origin: Origin,
    field: ItemField,
) -> Result<(), DomainError> {
    if origin != Origin::Manual && field != ItemField::PlannedInvoiceDate {
        return Err(DomainError::new(format!(
            "made by a {}: only the planned invoice date can be changed",
            origin.label()
        )));
    }
    if field.is_money() && status.is_on_invoice() {
        return Err(DomainError::new(format!(
            "the item is {}: its amount cannot be changed",
            status.label()
        )));
    }
    if status == RevenueStatus::Invoiced && !field.is_money() {
        return Err(DomainError::new(
            "the item is invoiced: it cannot be changed",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use ItemField::{
        InvoiceDescription, Milestone, Name, PlannedAmount, PlannedInvoiceDate, Status, UnitPrice,
        VatRate,
    };
    use RevenueStatus::{Billable, DraftInvoice, Invoiced, Open, Rejected};

    fn values(amount: &str) -> ItemValues<'static> {
        ItemValues {
            currency: Currency::EUR,
            name: "Workshop",
            billing_rule: BillingRule::Fixed,
            has_milestone: false,
            unit_price: None,
            planned_amount: d(amount),
            vat_rate: d("24"),
        }
    }

    fn new(status: RevenueStatus) -> ItemChange<'static> {
        ItemChange::New {
            status,
            origin: Origin::Manual,
            milestone_reached: None,
        }
    }

    fn edit(changed: &[ItemField]) -> ItemChange<'_> {
        ItemChange::Edit {
            status: Open,
            origin: Origin::Manual,
            changed,
        }
    }

    /// The field and message of a refusal.
    fn refused(v: &ItemValues<'_>, change: ItemChange<'_>) -> (ItemField, String) {
        let e = check_item(v, change).unwrap_err();
        (e.field, e.message)
    }

    #[test]
    fn a_sound_item_comes_back_in_its_stored_form() {
        let mut v = values("1234.50");
        v.unit_price = Some(d("95.5"));
        v.vat_rate = d("25.5");
        let stored = check_item(&v, new(Open)).unwrap();
        assert_eq!(
            stored,
            StoredFigures {
                unit_price_micros: Some(95_500_000),
                planned_amount_minor: 123_450,
                vat_rate_micros: 25_500_000,
            }
        );
        assert!(check_item(&values("0"), new(Rejected)).is_ok());
        let mut yen = values("1500");
        yen.currency = "JPY".parse().unwrap();
        assert_eq!(
            check_item(&yen, new(Open)).unwrap().planned_amount_minor,
            1500
        );
    }

    #[test]
    fn amounts_are_refused_never_rounded() {
        let (field, msg) = refused(&values("12.505"), new(Open));
        assert_eq!(
            (field, msg.as_str()),
            (PlannedAmount, "12.505: EUR allows at most 2 decimals")
        );
        let mut yen = values("1500.5");
        yen.currency = "JPY".parse().unwrap();
        let (field, msg) = refused(&yen, new(Open));
        assert_eq!(
            (field, msg.as_str()),
            (PlannedAmount, "1500.5: JPY has no decimals")
        );
        // Trailing zeros are no decimals at all.
        assert!(check_item(&values("12.5000"), new(Open)).is_ok());
        let (field, msg) = refused(&values("-0.01"), new(Open));
        assert_eq!(
            (field, msg.as_str()),
            (PlannedAmount, "the planned amount cannot be negative")
        );
        let (field, msg) = refused(&values("1000000000000"), new(Open));
        assert_eq!(field, PlannedAmount);
        assert!(
            msg.contains("amounts stay below 1,000,000,000,000"),
            "{msg}"
        );
        assert!(check_item(&values("999999999999.99"), new(Open)).is_ok());
    }

    #[test]
    fn each_refusal_names_its_field() {
        let mut v = values("10");
        v.name = "  ";
        assert_eq!(
            refused(&v, new(Open)),
            (Name, "the name cannot be empty".into())
        );
        let mut v = values("10");
        v.billing_rule = BillingRule::Milestone;
        assert_eq!(
            refused(&v, new(Open)),
            (Milestone, "a milestone item needs its milestone".into())
        );
        let mut v = values("10");
        v.has_milestone = true;
        assert_eq!(
            refused(&v, new(Open)),
            (Milestone, "only milestone items have a milestone".into())
        );
        // A progress item of a contract line tied to a milestone has it, and waits for it.
        let mut v = values("10");
        v.has_milestone = true;
        v.billing_rule = BillingRule::Progress;
        assert!(check_item(&v, new(Open)).is_ok());
        let mut v = values("10");
        v.unit_price = Some(d("-1"));
        assert_eq!(
            refused(&v, new(Open)),
            (UnitPrice, "the unit price cannot be negative".into())
        );
        v.unit_price = Some(d("0.0000001"));
        assert_eq!(refused(&v, new(Open)).0, UnitPrice);
        v.unit_price = Some(d("1000000000000"));
        assert_eq!(refused(&v, new(Open)).0, UnitPrice);
        for rate in ["-1", "100.5"] {
            let mut v = values("10");
            v.vat_rate = d(rate);
            assert_eq!(
                refused(&v, new(Open)),
                (
                    VatRate,
                    format!("VAT rate {rate}% must be between 0 and 100")
                )
            );
        }
        let mut v = values("10");
        v.vat_rate = d("24.0000001");
        assert_eq!(refused(&v, new(Open)).0, VatRate);
        // The first field in the form's order is the one named.
        let mut v = values("-5");
        v.name = "";
        v.vat_rate = d("101");
        assert_eq!(refused(&v, new(Open)).0, Name);
    }

    #[test]
    fn a_new_item_starts_open_billable_or_rejected() {
        for status in [DraftInvoice, Invoiced] {
            assert_eq!(
                refused(&values("10"), new(status)),
                (
                    Status,
                    "only invoicing sets an item to draft invoice or invoiced".into()
                )
            );
        }
        let mut v = values("10");
        v.billing_rule = BillingRule::Milestone;
        v.has_milestone = true;
        let waiting = ItemChange::New {
            status: Billable,
            origin: Origin::Milestone,
            milestone_reached: Some(false),
        };
        assert_eq!(refused(&v, waiting).0, Status);
        let reached = ItemChange::New {
            status: Billable,
            origin: Origin::Milestone,
            milestone_reached: Some(true),
        };
        assert!(check_item(&v, reached).is_ok());
    }

    #[test]
    fn an_edit_judges_what_it_changes() {
        // A stored value the edit leaves alone is not judged again.
        let mut v = values("10");
        v.has_milestone = true;
        assert!(check_item(&v, edit(&[Name])).is_ok());
        assert_eq!(
            refused(
                &v,
                ItemChange::New {
                    status: Open,
                    origin: Origin::Manual,
                    milestone_reached: Some(true)
                }
            )
            .0,
            Milestone
        );
        let mut v = values("10.125");
        assert_eq!(refused(&v, edit(&[PlannedAmount])).0, PlannedAmount);
        v.name = "";
        assert_eq!(refused(&v, edit(&[Name, PlannedAmount])).0, Name);
        // Locks come first, named by the field that was changed.
        let locked = ItemChange::Edit {
            status: DraftInvoice,
            origin: Origin::Manual,
            changed: &[PlannedInvoiceDate, VatRate],
        };
        assert_eq!(
            refused(&values("10"), locked),
            (
                VatRate,
                "the item is draft invoice: its amount cannot be changed".into()
            )
        );
        let by_plan = ItemChange::Edit {
            status: Open,
            origin: Origin::BillingPlan,
            changed: &[PlannedInvoiceDate],
        };
        assert!(check_item(&values("10"), by_plan).is_ok());
    }

    #[test]
    fn what_status_and_origin_leave_open() {
        assert!(check_field_edit(Billable, Origin::Manual, PlannedAmount).is_ok());
        for money in [UnitPrice, PlannedAmount, VatRate] {
            assert!(check_field_edit(DraftInvoice, Origin::Manual, money).is_err());
            assert!(check_field_edit(Invoiced, Origin::Manual, money).is_err());
        }
        assert!(check_field_edit(DraftInvoice, Origin::Manual, Name).is_ok());
        assert!(check_field_edit(Invoiced, Origin::Manual, Name).is_err());
        assert!(check_field_edit(Open, Origin::BillingPlan, PlannedAmount).is_err());
        assert!(check_field_edit(Open, Origin::BillingPlan, InvoiceDescription).is_err());
        assert!(check_field_edit(Open, Origin::ProgressStatus, PlannedInvoiceDate).is_ok());
    }
}
