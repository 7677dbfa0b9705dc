//! Pure business rules and types: no I/O, no SQL, no terminal.
//!
//! Everything that decides money, statuses, numbering or rights lives here so that it can be
//! tested exhaustively on its own; the store only persists what these rules produce.

pub mod account;
pub mod billing_plan;
pub mod billing_rule;
pub mod chain_key;
pub mod change_row;
pub mod collected_line;
pub mod cost_rate;
pub mod credit;
pub mod dates;
pub mod default_vat;
pub mod document_hash;
mod error;
pub mod figure;
pub mod filter_help;
pub mod filter_query;
pub mod grouping;
pub mod history_chain;
pub mod input;
pub mod invoice_status;
pub mod invoice_totals;
pub mod invoicing_term;
pub mod line_schedule;
pub mod master_field;
pub mod milestone;
pub mod money;
pub mod number_format;
pub mod number_locale;
pub mod numbering;
pub mod object_kind;
pub mod percent_split;
pub mod plan_input;
pub mod plan_templates;
pub mod price_list;
pub mod progress;
pub mod progress_state;
pub mod project;
pub mod project_input;
pub mod rates;
pub mod repeat;
pub mod report;
pub mod revenue_item;
pub mod revenue_status;
pub mod rights;
mod rounding;
pub mod scaled;
pub mod time_entry;
pub mod tm_allocation;
pub mod warnings;

pub use error::DomainError;
pub use money::{Currency, Money};
pub use number_format::NumberFormat;

#[cfg(test)]
pub(crate) mod test_support {
    use rust_decimal::Decimal;

    /// A decimal literal for tests.
    pub fn d(s: &str) -> Decimal {
        s.parse().expect("test decimal literal")
    }
}
