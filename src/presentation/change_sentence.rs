//! One change-history row as a sentence for people, the same in the console and on paper:
//! `amount 1,500.00 -> 1,600.00 by alice, 2026-12-01 14:02: "client agreed"`. The rows keep
//! field names and values as the store wrote them (a new object as one JSON snapshot); this is
//! where they become words.

use super::amount;
use crate::domain::NumberFormat;
use crate::domain::change_row::ChangeRow;
use rust_decimal::Decimal;

/// The row as a sentence. Control characters in stored text are dropped, so a name with an
/// escape sequence reads harmlessly.
pub fn sentence(n: NumberFormat, c: &ChangeRow<'_>) -> String {
    let what = change_words(n, c);
    let mut text = format!("{what} by {}, {}", c.user, when(c.at));
    if let Some(reason) = c.reason.filter(|r| !r.trim().is_empty()) {
        text.push_str(&format!(": \"{}\"", reason.trim()));
    }
    text.chars().filter(|ch| !ch.is_control()).collect()
}

/// What a row changed, in words (the sentence without who, when and why):
/// `amount 1,500.00 -> 1,600.00`. Control characters are dropped.
pub fn change_words(n: NumberFormat, c: &ChangeRow<'_>) -> String {
    let what = match (c.field, c.old, c.new) {
        ("created", _, Some(snapshot)) => match snapshot_words(n, snapshot) {
            Some(words) if !words.is_empty() => format!("created ({words})"),
            _ => "created".to_string(),
        },
        ("created", _, None) => "created".to_string(),
        ("deleted", _, _) => "deleted".to_string(),
        (field, Some(old), Some(new)) => format!(
            "{} {} -> {}",
            label(field),
            value(n, field, old),
            value(n, field, new)
        ),
        (field, None, Some(new)) => format!("{} set to {}", label(field), value(n, field, new)),
        (field, Some(old), None) => format!("{} {} cleared", label(field), value(n, field, old)),
        (field, None, None) => label(field),
    };
    what.chars().filter(|ch| !ch.is_control()).collect()
}

/// A row as the history view's table shows it: the part of the object it names (`line 2` of
/// an invoice, from its field `line 2 amount`), the field in words, the old and new values in
/// words (money in the user's format), and whether they are money (shown whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeCells {
    pub part: Option<String>,
    pub field: String,
    pub old: String,
    pub new: String,
    pub money: bool,
}

/// The cells of a row; control characters in stored text are dropped.
pub fn cells(n: NumberFormat, c: &ChangeRow<'_>) -> ChangeCells {
    let (part, field) = split_part(c.field);
    let shown = |v: Option<&str>| v.map(|raw| value(n, field, raw)).unwrap_or_default();
    let (old, new) = match field {
        "created" => (
            String::new(),
            c.new.and_then(|s| snapshot_words(n, s)).unwrap_or_default(),
        ),
        "deleted" => (c.old.unwrap_or_default().to_string(), String::new()),
        _ => (shown(c.old), shown(c.new)),
    };
    let clean = |s: String| s.chars().filter(|ch| !ch.is_control()).collect::<String>();
    ChangeCells {
        part,
        field: clean(label(field)),
        old: clean(old),
        new: clean(new),
        money: is_money(field),
    }
}

/// `line 2 amount` as (`line 2`, `amount`): an invoice keeps its lines' changes as its own.
fn split_part(field: &str) -> (Option<String>, &str) {
    let Some(rest) = field.strip_prefix("line ") else {
        return (None, field);
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    match rest[digits..].strip_prefix(' ') {
        Some(named) if digits > 0 && !named.is_empty() => {
            (Some(format!("line {}", &rest[..digits])), named)
        }
        _ => (None, field),
    }
}

/// When a row was written, as the console shows it: `2026-12-01 14:02` (UTC, as stored).
pub fn when_written(at: &str) -> String {
    when(at)
}

/// `2026-12-01 14:02` of a stored time.
fn when(at: &str) -> String {
    at.chars().take(16).collect::<String>().replace('T', " ")
}

/// How a field reads: the planned amount is "the amount" people talk of.
fn label(field: &str) -> String {
    match field {
        "planned_amount" => "amount".into(),
        "actual_amount" => "invoiced amount".into(),
        "planned_invoice_date" => "planned invoice date".into(),
        "vat_rate" => "VAT rate".into(),
        "vat_id" => "VAT id".into(),
        other => other.replace('_', " "),
    }
}

/// Fields whose values are money or prices: grouped as on screen.
fn is_money(field: &str) -> bool {
    field.ends_with("amount")
        || field.ends_with("price")
        || field.ends_with("rate") && field != "vat_rate"
        || field == "estimate"
        || field == "gross"
        || field == "net"
        || field == "vat"
}

/// Fields whose values are free text: quoted, so where they end is clear.
fn is_text(field: &str) -> bool {
    field == "name" || field.ends_with("description") || field.ends_with("text")
}

fn value(n: NumberFormat, field: &str, raw: &str) -> String {
    if is_money(field)
        && let Ok(d) = raw.trim().parse::<Decimal>()
    {
        return amount(n, d);
    }
    if is_text(field) {
        return format!("\"{raw}\"");
    }
    if field == "vat_rate" && raw.trim().parse::<Decimal>().is_ok() {
        return format!("{}%", raw.trim());
    }
    // Stored codes (`draft_invoice`, `time_and_materials`) read as words.
    if !raw.is_empty() && raw.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return raw.replace('_', " ");
    }
    raw.to_string()
}

/// The fields of a creation snapshot (`{"name":"…","planned_amount":"…"}`) as
/// `name "…", amount 1,200.00`; `None` when it is not a JSON object.
fn snapshot_words(n: NumberFormat, snapshot: &str) -> Option<String> {
    let serde_json::Value::Object(fields) = serde_json::from_str(snapshot).ok()? else {
        return None;
    };
    let words: Vec<String> = fields
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| {
            let raw = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            format!("{} {}", label(k), value(n, k, &raw))
        })
        .collect();
    Some(words.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EN: NumberFormat = NumberFormat::CommaPoint;

    fn row<'a>(
        field: &'a str,
        old: Option<&'a str>,
        new: Option<&'a str>,
        reason: Option<&'a str>,
    ) -> ChangeRow<'a> {
        ChangeRow {
            at: "2026-12-01T14:02:31.123Z",
            user: "alice",
            field,
            old,
            new,
            reason,
        }
    }

    #[test]
    fn a_changed_amount_reads_as_the_issue_writes_it() {
        assert_eq!(
            sentence(
                EN,
                &row(
                    "planned_amount",
                    Some("1500.00"),
                    Some("1600.00"),
                    Some("client agreed")
                )
            ),
            "amount 1,500.00 -> 1,600.00 by alice, 2026-12-01 14:02: \"client agreed\""
        );
    }

    #[test]
    fn statuses_dates_and_first_values() {
        assert_eq!(
            sentence(
                EN,
                &row("status", Some("billable"), Some("draft_invoice"), None)
            ),
            "status billable -> draft invoice by alice, 2026-12-01 14:02"
        );
        assert_eq!(
            sentence(EN, &row("actual_amount", None, Some("31310.86"), None)),
            "invoiced amount set to 31,310.86 by alice, 2026-12-01 14:02"
        );
        assert_eq!(
            sentence(
                EN,
                &row(
                    "planned_invoice_date",
                    Some("2026-12-15"),
                    Some("2027-01-15"),
                    None
                )
            ),
            "planned invoice date 2026-12-15 -> 2027-01-15 by alice, 2026-12-01 14:02"
        );
        assert_eq!(
            sentence(EN, &row("milestone_id", Some("5"), None, Some(" "))),
            "milestone id 5 cleared by alice, 2026-12-01 14:02"
        );
    }

    #[test]
    fn a_creation_lists_its_fields_in_words_not_json() {
        let snapshot = r#"{"billing_rule":"fixed","name":"Hosting \u001b[31mrenewal\u001b[0m \u0007","planned_amount":"31310.86","milestone_id":null,"project_id":9}"#;
        let s = sentence(EN, &row("created", None, Some(snapshot), None));
        assert_eq!(
            s,
            "created (billing rule fixed, name \"Hosting [31mrenewal[0m \", amount 31,310.86, \
             project id 9) by alice, 2026-12-01 14:02"
        );
        assert!(!s.contains('{') && !s.contains('\u{1b}'));
        assert_eq!(
            sentence(EN, &row("created", None, Some("not json"), None)),
            "created by alice, 2026-12-01 14:02"
        );
    }

    #[test]
    fn cells_split_an_invoice_line_off_its_field_and_keep_money_whole() {
        let c = cells(
            EN,
            &row(
                "line 2 amount",
                Some("1500.00"),
                Some("123456789.50"),
                Some("agreed"),
            ),
        );
        assert_eq!(
            c,
            ChangeCells {
                part: Some("line 2".into()),
                field: "amount".into(),
                old: "1,500.00".into(),
                new: "123,456,789.50".into(),
                money: true,
            }
        );
        let c = cells(EN, &row("line 12 description", Some("a"), Some("b"), None));
        assert_eq!(
            (c.part.as_deref(), c.field.as_str()),
            (Some("line 12"), "description")
        );
        assert_eq!(
            (c.old.as_str(), c.new.as_str(), c.money),
            ("\"a\"", "\"b\"", false)
        );
        let c = cells(
            EN,
            &row("invoice_date", Some("2026-01-01"), Some("2026-01-02"), None),
        );
        assert_eq!((c.part, c.field.as_str()), (None, "invoice date"));
        let c = cells(
            EN,
            &row("created", None, Some(r#"{"amount":"10.00"}"#), None),
        );
        assert_eq!(
            (c.field.as_str(), c.new.as_str()),
            ("created", "amount 10.00")
        );
        assert_eq!(cells(EN, &row("line x", None, None, None)).part, None);
    }

    proptest! {
        /// Whatever a row holds, the sentence is made and has no control character.
        #[test]
        fn any_row_reads_without_panicking(
            field in ".{0,20}",
            old in proptest::option::of(".{0,40}"),
            new in proptest::option::of(".{0,40}"),
            reason in proptest::option::of(".{0,40}"),
            at in ".{0,30}",
        ) {
            let c = ChangeRow {
                at: &at,
                user: "u",
                field: &field,
                old: old.as_deref(),
                new: new.as_deref(),
                reason: reason.as_deref(),
            };
            let s = sentence(EN, &c);
            prop_assert!(!s.chars().any(char::is_control));
        }
    }
}
