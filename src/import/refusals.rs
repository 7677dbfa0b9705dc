//! The store's refusals of a record as the import reports them: a rule about one field goes
//! to that field's column (`FILE:LINE: Duration: ...`), any other refusal to the row
//! (`FILE:LINE: ...`); the database failing is no refusal of a row and stops the import.

use crate::domain::master_field::MasterField;
use crate::domain::revenue_item::ItemField;
use crate::store::StoreError;

/// The import's field that a store refusal is about, if it names one.
pub fn field_of(e: &StoreError) -> Option<&'static str> {
    match e {
        StoreError::Invalid { field, .. } => master_field(*field),
        StoreError::Field { field, .. } => item_field(*field),
        _ => None,
    }
}

/// Whether the error stops the whole import rather than refusing one row: the database failed
/// (a full disk, an I/O error), which no other row would get past either. A constraint the
/// row breaks is the row's.
pub fn is_fatal(e: &StoreError) -> bool {
    match e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => {
            f.code != rusqlite::ErrorCode::ConstraintViolation
        }
        StoreError::Sqlite(_) | StoreError::Io(_) => true,
        _ => false,
    }
}

/// The import's name of a master-data field (`docs/import.md`); `None` for what no import
/// carries.
fn master_field(f: MasterField) -> Option<&'static str> {
    use MasterField as F;
    Some(match f {
        F::ExtKey => "key",
        F::Name => "name",
        F::Code => "code",
        F::BillingContact => "billing_contact",
        F::Email => "email",
        F::AddressLine1 => "address_line_1",
        F::AddressLine2 => "address_line_2",
        F::Postcode => "postcode",
        F::City => "city",
        F::CountryCode => "country_code",
        F::VatId => "vat_id",
        F::Currency => "currency",
        F::PaymentTerms => "payment_terms_days",
        F::BusinessUnit => "business_unit",
        F::Account => "account",
        F::Manager => "manager",
        F::Status => "status",
        F::StartDate => "start_date",
        F::EstimatedProgress => return None,
        F::PriceList => "price_list",
        F::Rates => "hourly_rate",
        F::Project => "project",
        F::DueDate => "due_date",
        F::Person => "person",
        F::Role => "role",
        F::WorkDate | F::ExpenseDate => "date",
        F::Hours => "hours",
        F::Billable => "billable",
        F::Description => "description",
        F::Amount => "amount",
        F::ValidFrom => "valid_from",
        F::HourlyCost => "hourly_cost",
    })
}

/// The import's name of a revenue item's field; `None` for its status, which no import sets.
fn item_field(f: ItemField) -> Option<&'static str> {
    use ItemField as F;
    Some(match f {
        F::Project => "project",
        F::Name => "name",
        F::Type => "type",
        F::BillingRule => "billing_rule",
        F::Milestone => "milestone",
        F::UnitPrice => "unit_price",
        F::PlannedAmount => "amount",
        F::PlannedInvoiceDate => "planned_invoice_date",
        F::VatRate => "vat_rate",
        F::Status => return None,
        F::InvoiceDescription => "invoice_description",
        F::InternalDescription => "internal_description",
    })
}

/// The import's name of a field as the change history records it (`account_id` is the
/// `account` column of a projects file), for the dry run's counts of changed fields.
pub fn changed_field(history: &'static str) -> &'static str {
    match history {
        "ext_key" => "key",
        "address_line1" => "address_line_1",
        "address_line2" => "address_line_2",
        "account_id" => "account",
        "price_list_id" => "price_list",
        "project_id" => "project",
        "work_date" | "expense_date" => "date",
        "planned_amount" => "amount",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_store_is_a_field_of_the_import() {
        let e = StoreError::Invalid {
            field: MasterField::WorkDate,
            message: "m".into(),
        };
        assert_eq!(field_of(&e), Some("date"));
        let e = StoreError::Field {
            field: ItemField::PlannedAmount,
            message: "m".into(),
        };
        assert_eq!(field_of(&e), Some("amount"));
        assert_eq!(field_of(&StoreError::refused("no")), None);
        assert!(!is_fatal(&StoreError::refused("no")));
        assert_eq!(changed_field("account_id"), "account");
        assert_eq!(changed_field("name"), "name");
    }
}
