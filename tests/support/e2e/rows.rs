//! Reading revenue item rows off the screen and matching them with the exported items.

use super::Console;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;

pub fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("an amount string")).expect("a decimal")
}

pub fn by_id(items: &[Value]) -> BTreeMap<i64, &Value> {
    items
        .iter()
        .map(|i| (i["id"].as_i64().expect("an id"), i))
        .collect()
}

/// What one row of a revenue item list shows.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub row: u16,
    pub planned: String,
    pub amount: Decimal,
    pub status: String,
}

/// The rows of the revenue item list on screen (finance control or revenue items).
pub fn item_rows(c: &Console) -> Vec<ItemRow> {
    let planned = c.header_col("Planned").expect("a Planned column");
    let status = c.header_col("Status").expect("a Status column");
    let amount_end = c.header_col("Amount").expect("an Amount column") + "Amount".len() as u16;
    c.list_rows()
        .into_iter()
        .filter_map(|(row, _)| {
            let date = c.cells_text(row, planned, planned + 10);
            let amount = c.word_ending_at(row, amount_end).replace(',', "");
            Some(ItemRow {
                row,
                planned: date,
                amount: Decimal::from_str(&amount).ok()?,
                status: c.word_at(row, status),
            })
        })
        .collect()
}

/// The exported item a list row shows: same status, planned date and amount (and account, if
/// given). Panics unless exactly one matches.
pub fn item_of_row<'a>(items: &'a [Value], row: &ItemRow, account: Option<&str>) -> &'a Value {
    let status = match row.status.as_str() {
        "draft" => "draft_invoice",
        other => other,
    };
    let found: Vec<&Value> = items
        .iter()
        .filter(|i| {
            i["status"] == status
                && i["planned_invoice_date"] == row.planned.as_str()
                && dec(&i["planned_amount"]) == row.amount
                && account.is_none_or(|a| i["account"] == a)
        })
        .collect();
    assert_eq!(found.len(), 1, "one exported item for {row:?}: {found:?}");
    found[0]
}

/// The number in "1 confirmed: 2026-000029".
pub fn confirmed_number(status: &str) -> String {
    let rest = status
        .split("confirmed: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no number in {status:?}"));
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    assert!(
        number.len() == 11 && number.as_bytes()[4] == b'-',
        "an invoice number like 2026-000029 in {status:?}"
    );
    number
}
