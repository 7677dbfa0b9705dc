//! What the database holds, as rows of the import's own layout (the fields of docs/import.md,
//! written as a file without a mapping reads them), so that `finctl export KIND` writes a file
//! that `finctl import KIND` takes back unchanged: the same columns, references by key (else
//! code or name), figures that read one way only, dates `YYYY-MM-DD`, yes/no.
//!
//! A price list or a project with rates is one row per rate, its own fields repeated. An
//! account's second address line holds what a third line gave (the store keeps two).

use super::kind::Kind;
use crate::domain::billing_rule::BillingRule;
use crate::domain::rates::Rate;
use crate::store::{Result, Store};
use rust_decimal::Decimal;

/// The columns written for a kind, in the order of its fields.
pub fn columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Accounts => &[
            "key",
            "name",
            "billing_contact",
            "email",
            "address_line_1",
            "address_line_2",
            "postcode",
            "city",
            "country_code",
            "vat_id",
            "currency",
            "payment_terms_days",
            "business_unit",
        ],
        Kind::PriceLists => &[
            "key",
            "name",
            "currency",
            "rate_role",
            "rate_person",
            "hourly_rate",
        ],
        Kind::Projects => &[
            "key",
            "code",
            "name",
            "account",
            "currency",
            "manager",
            "status",
            "start_date",
            "price_list",
            "business_unit",
            "rate_role",
            "rate_person",
            "hourly_rate",
        ],
        Kind::Milestones => &["key", "project", "code", "name", "due_date"],
        Kind::TimeReports => &[
            "key",
            "project",
            "person",
            "role",
            "date",
            "hours",
            "billable",
            "description",
        ],
        Kind::Expenses => &[
            "key",
            "project",
            "date",
            "description",
            "amount",
            "billable",
        ],
        Kind::RevenueItems => &[
            "key",
            "project",
            "name",
            "type",
            "billing_rule",
            "amount",
            "unit_price",
            "planned_invoice_date",
            "vat_rate",
            "milestone",
            "invoice_description",
            "internal_description",
        ],
        Kind::CostRates => &["person", "valid_from", "hourly_cost", "currency"],
    }
}

/// A figure as the import reads it back as itself: without thousands separators, and with a
/// fourth decimal where one `.` before exactly three digits could be read as a thousands
/// separator (`1.125` hours is written `1.1250`; docs/import.md, "Numbers", rule 3).
pub fn figure(value: Decimal) -> String {
    let text = value.to_string();
    let ambiguous = match text.trim_start_matches('-').split_once('.') {
        Some((whole, decimals)) => {
            (1..=3).contains(&whole.len()) && !whole.starts_with('0') && decimals.len() == 3
        }
        None => false,
    };
    if ambiguous { format!("{text}0") } else { text }
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}

/// The rows of one object that has rates: one per rate, or one without a rate.
fn with_rates(
    fields: Vec<String>,
    rates: &[Rate],
    each: &mut impl FnMut(&[String]) -> Result<()>,
) -> Result<()> {
    if rates.is_empty() {
        let mut row = fields;
        row.extend([String::new(), String::new(), String::new()]);
        return each(&row);
    }
    for rate in rates {
        let mut row = fields.clone();
        row.extend([
            rate.role.clone(),
            rate.person.clone().unwrap_or_default(),
            figure(rate.rate.normalize()),
        ]);
        each(&row)?;
    }
    Ok(())
}

/// Calls `each` with every row of `kind` in the database, its values in the order of
/// `columns(kind)` (empty: not given).
pub fn for_each_row(
    store: &Store,
    kind: Kind,
    mut each: impl FnMut(&[String]) -> Result<()>,
) -> Result<()> {
    let key = |k: &Option<String>| k.clone().unwrap_or_default();
    match kind {
        Kind::Accounts => store.for_each_account(|a| {
            each(&[
                key(&a.ext_key),
                a.name,
                a.billing_contact,
                a.email,
                a.address_line1,
                a.address_line2,
                a.postcode,
                a.city,
                a.country_code,
                a.vat_id,
                a.currency.code().to_string(),
                a.payment_terms_days.to_string(),
                a.business_unit,
            ])
        }),
        Kind::PriceLists => store.for_each_price_list(|p| {
            let fields = vec![key(&p.ext_key), p.name, p.currency.code().to_string()];
            with_rates(fields, &p.rates, &mut each)
        }),
        Kind::Projects => store.for_each_project(|p, account, list| {
            let fields = vec![
                key(&p.ext_key),
                p.code,
                p.name,
                account,
                p.currency.code().to_string(),
                p.manager,
                p.status.as_str().to_string(),
                p.start_date.map(|d| d.to_string()).unwrap_or_default(),
                list.unwrap_or_default(),
                p.business_unit,
            ];
            with_rates(fields, &p.rates, &mut each)
        }),
        Kind::Milestones => store.for_each_milestone(|m, project| {
            each(&[
                key(&m.ext_key),
                project,
                m.code,
                m.name,
                m.due_date.to_string(),
            ])
        }),
        Kind::TimeReports => store.for_each_time_report(|t, project| {
            each(&[
                key(&t.ext_key),
                project,
                t.person,
                t.role,
                t.work_date.to_string(),
                figure(t.hours.normalize()),
                yes_no(t.billable),
                t.description,
            ])
        }),
        Kind::Expenses => store.for_each_expense(|e, project| {
            each(&[
                key(&e.ext_key),
                project,
                e.expense_date.to_string(),
                e.description,
                figure(e.amount),
                yes_no(e.billable),
            ])
        }),
        Kind::CostRates => {
            for c in store.cost_rates()? {
                each(&[
                    c.person,
                    // The first day finctl keeps is "always", as an import without one gives.
                    if c.valid_from == crate::domain::dates::FIRST {
                        String::new()
                    } else {
                        c.valid_from.to_string()
                    },
                    figure(c.hourly_cost),
                    c.currency.code().to_string(),
                ])?;
            }
            Ok(())
        }
        Kind::RevenueItems => store.for_each_manual_item(|i, project, milestone| {
            each(&[
                key(&i.ext_key),
                project,
                i.name,
                i.item_type,
                i.billing_rule.as_str().to_string(),
                // A time-and-materials item's amount is worked out from its time; what an
                // import gave it is its estimate, written back as such (none: no amount).
                if i.billing_rule == BillingRule::TimeAndMaterials {
                    i.estimate
                        .filter(|e| !e.is_zero())
                        .map(figure)
                        .unwrap_or_default()
                } else {
                    figure(i.planned_amount)
                },
                i.unit_price
                    .map(|p| figure(p.normalize()))
                    .unwrap_or_default(),
                i.planned_invoice_date.to_string(),
                figure(i.vat_rate.normalize()),
                milestone.unwrap_or_default(),
                i.invoice_description,
                i.internal_description,
            ])
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::fields::fields;

    #[test]
    fn figures_read_one_way() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(figure(d("1.125")), "1.1250");
        assert_eq!(figure(d("-999.000")), "-999.0000");
        assert_eq!(figure(d("0.125")), "0.125");
        assert_eq!(figure(d("1234.125")), "1234.125");
        assert_eq!(figure(d("1050.00")), "1050.00");
        assert_eq!(figure(d("7.5")), "7.5");
    }

    #[test]
    fn every_column_is_a_field_of_its_kind() {
        for kind in Kind::ALL {
            for c in columns(kind) {
                assert!(fields(kind).iter().any(|f| f.name == *c), "{kind} {c}");
            }
        }
    }
}
