//! What each filter term of each list narrows to, with an example: the table docs/keys.md is
//! written from, so that it cannot drift from what the parser (`filter_query`) takes.

use super::filter_query::{ListKind, choices};

impl ListKind {
    pub const ALL: [ListKind; 5] = [
        ListKind::Items,
        ListKind::Invoices,
        ListKind::ContractLines,
        ListKind::Milestones,
        ListKind::Report,
    ];

    /// Where the list is, for the docs.
    pub fn title(self) -> &'static str {
        match self {
            ListKind::Items => "finance control and revenue items (screens 1 and 2)",
            ListKind::Invoices => "invoices (screen 3)",
            ListKind::ContractLines => "contract lines (screen 4)",
            ListKind::Milestones => "milestones (screen 5)",
            ListKind::Report => "the report (screen 6)",
        }
    }
}

/// Each term of `list`: an example that parses, and what it narrows to.
pub fn term_help(list: ListKind) -> Vec<(String, String)> {
    list.keys()
        .iter()
        .map(|key| {
            let meaning = match (*key, list) {
                ("status", ListKind::ContractLines) => {
                    "a period pending, one asking for a refresh, or none"
                }
                ("status", ListKind::Milestones) => "reached or not",
                ("status", _) => "the status",
                ("kind", _) => "invoices or credit notes",
                ("rule", _) => "the billing rule (tm: time and materials)",
                ("type", _) => "the item type contains the text",
                ("account", _) => "the account's name contains the text",
                ("project", _) => "the project's code or name contains the text",
                ("bu", ListKind::Invoices | ListKind::Report) => {
                    "the account's business unit contains the text"
                }
                ("bu", _) => "the business unit (of the account or the project) contains the text",
                ("currency", _) => "the currency (several: EUR,SEK)",
                ("date", ListKind::Items) => {
                    "the planned invoice date: a year, a month, a day, or a span with .."
                }
                ("date", ListKind::Milestones) => {
                    "the due date: a year, a month, a day, or a span with .."
                }
                ("date", _) => "the invoice date: a year, a month, a day, or a span with ..",
                ("amount", ListKind::Items) => {
                    "the amount shown (> >= < <= = or a span low..high; no group separators)"
                }
                ("amount", _) => {
                    "the net amount (> >= < <= = or a span low..high; no group separators)"
                }
                ("warning", _) => "the warning shown (several: due,missed)",
                ("milestone", _) => "the milestone, by its code",
                _ => "",
            };
            let example = match (*key, list) {
                ("status", ListKind::Items) => "status:billable,draft".to_string(),
                ("status", ListKind::ContractLines) => "status:pending".to_string(),
                ("status", ListKind::Milestones) => "status:open".to_string(),
                ("status", _) => "status:draft".to_string(),
                ("kind", _) => "kind:credit".to_string(),
                ("rule", _) => "rule:tm".to_string(),
                ("type", _) => "type:Hosting".to_string(),
                ("account", _) => "account:\"Nordic Retail\"".to_string(),
                ("project", _) => "project:P-0012".to_string(),
                ("bu", _) => "bu:Helsinki".to_string(),
                ("currency", _) => "currency:EUR".to_string(),
                ("date", _) => "date:2026-12 date:2026-12-01..2027-01-15".to_string(),
                ("amount", _) => "amount:>10000".to_string(),
                ("warning", _) => "warning:missed".to_string(),
                ("milestone", _) => "milestone:M2".to_string(),
                (k, _) => format!("{k}:"),
            };
            let values = match *key {
                "status" | "kind" | "rule" | "warning" => choices(key, list),
                _ => String::new(),
            };
            (example, format!("{meaning}{values}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filter_query::parse;

    #[test]
    fn every_term_has_help_that_parses() {
        for list in ListKind::ALL {
            let help = term_help(list);
            assert_eq!(help.len(), list.keys().len());
            for (example, meaning) in help {
                assert!(!meaning.is_empty(), "{example}");
                parse(&example, list).unwrap_or_else(|e| panic!("{example}: {e}"));
            }
        }
    }
}
