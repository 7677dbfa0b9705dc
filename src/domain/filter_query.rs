//! What a user types after `/` (and gives `finctl export --filter`): plain words, matched as
//! text as they always were (name, project code, account, invoice number), and terms
//! `key:value` that narrow further. Words and terms all hold at once (AND); a term's values
//! separated by commas are alternatives (`status:billable,draft`).
//!
//! Each list takes the terms that mean something for its rows ([`ListKind::keys`]); anything
//! else is an error naming what the list takes, shown in the filter line as the user types.

use super::billing_rule::BillingRule;
use super::dates;
use super::invoice_status::InvoiceStatus;
use super::numbering::DocumentKind;
use super::revenue_status::RevenueStatus;
use super::warnings::Warning;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::fmt;

/// The lists a filter is typed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Finance control and all revenue items.
    Items,
    /// Drafts, invoices and credit notes.
    Invoices,
    /// The contract lines of the progress screen.
    ContractLines,
    /// The milestones screen.
    Milestones,
    /// The revenue and billing report: which projects, accounts or business units it sums.
    Report,
}

impl ListKind {
    /// The term keys the list takes, in the order help shows them.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            ListKind::Items => &[
                "status",
                "rule",
                "type",
                "account",
                "project",
                "bu",
                "currency",
                "date",
                "amount",
                "warning",
                "milestone",
            ],
            ListKind::Invoices => &[
                "status", "kind", "account", "bu", "currency", "date", "amount",
            ],
            ListKind::ContractLines => &["status", "project", "account", "bu", "currency"],
            ListKind::Milestones => &[
                "status",
                "project",
                "account",
                "milestone",
                "date",
                "warning",
            ],
            ListKind::Report => &["project", "account", "bu"],
        }
    }
}

/// An inclusive span of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// An amount's bounds (`amount:>10000`, `amount:<=500`, `amount:=99.90`, `amount:100..200`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountSpan {
    /// The lower bound and whether it is included.
    pub low: Option<(Decimal, bool)>,
    /// The upper bound and whether it is included.
    pub high: Option<(Decimal, bool)>,
}

impl AmountSpan {
    pub fn contains(&self, amount: Decimal) -> bool {
        let above = match self.low {
            Some((v, true)) => amount >= v,
            Some((v, false)) => amount > v,
            None => true,
        };
        let below = match self.high {
            Some((v, true)) => amount <= v,
            Some((v, false)) => amount < v,
            None => true,
        };
        above && below
    }
}

/// Where a contract line stands, as the progress screen shows it (`status:` on its lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineState {
    /// It has a pending period (the Pending column), whether or not it asks for a refresh.
    Pending,
    /// Its pending period asks for a refresh (the Refresh column).
    Refresh,
    /// No period is pending: every period is validated, or there is none yet.
    Idle,
}

/// Whether a milestone is reached (`status:` on the milestones screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneState {
    Reached,
    /// Not reached yet.
    Open,
}

/// One term of a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    ItemStatus(Vec<RevenueStatus>),
    InvoiceStatus(Vec<InvoiceStatus>),
    LineState(Vec<LineState>),
    MilestoneState(Vec<MilestoneState>),
    Kind(Vec<DocumentKind>),
    Rule(Vec<BillingRule>),
    /// A substring of the item type (any case).
    Type(String),
    /// A substring of the account's name (any case).
    Account(String),
    /// A substring of the project's code or name (any case).
    Project(String),
    /// A substring of the account's business unit (any case).
    BusinessUnit(String),
    /// Currency codes, upper case.
    Currency(Vec<String>),
    /// The planned invoice date (items), the invoice date (invoices) or the due date
    /// (milestones).
    Date(DaySpan),
    /// The item's amount, or the document's net amount.
    Amount(AmountSpan),
    Warning(Vec<Warning>),
    /// A milestone code, exactly (any case).
    Milestone(String),
}

/// A parsed filter: the words (one text, matched as a substring) and the terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterQuery {
    pub words: String,
    pub terms: Vec<Term>,
}

impl FilterQuery {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.terms.is_empty()
    }
}

/// Why a filter cannot be read: the term, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub term: String,
    pub message: String,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.term, self.message)
    }
}

impl std::error::Error for FilterError {}

/// The most characters a term's value holds.
const MAX_VALUE_CHARS: usize = 100;

/// Reads what the user typed for `list`.
pub fn parse(text: &str, list: ListKind) -> Result<FilterQuery, FilterError> {
    let tokens = tokens(text)?;
    if tokens.iter().all(|t| t.key.is_none()) {
        return Ok(FilterQuery {
            words: text.trim().to_string(),
            terms: Vec::new(),
        });
    }
    let mut words: Vec<&str> = Vec::new();
    let mut terms = Vec::new();
    for token in &tokens {
        match &token.key {
            None => words.push(&token.raw),
            Some(key) => terms.push(term(key, &token.value, &token.raw, list)?),
        }
    }
    Ok(FilterQuery {
        words: words.join(" "),
        terms,
    })
}

struct Token {
    raw: String,
    key: Option<String>,
    value: String,
}

/// Splits at spaces, keeping `key:"two words"` whole. A word is a term when it starts with
/// letters and a colon (`status:`); `10:30` or `:x` stay words.
fn tokens(text: &str) -> Result<Vec<Token>, FilterError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut raw = String::new();
        let mut key: Option<String> = None;
        let mut value = String::new();
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() && !quoted {
                break;
            }
            chars.next();
            raw.push(c);
            if key.is_none() && c == ':' && is_key(&raw[..raw.len() - 1]) {
                key = Some(raw[..raw.len() - 1].to_lowercase());
                if chars.peek() == Some(&'"') {
                    chars.next();
                    raw.push('"');
                    quoted = true;
                }
            } else if key.is_some() {
                if quoted && c == '"' {
                    quoted = false;
                } else {
                    value.push(c);
                }
            }
        }
        if quoted {
            return Err(FilterError {
                term: raw,
                message: "the closing \" is missing".into(),
            });
        }
        out.push(Token { raw, key, value });
    }
    Ok(out)
}

fn is_key(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic())
}

fn term(key: &str, value: &str, raw: &str, list: ListKind) -> Result<Term, FilterError> {
    let err = |message: String| FilterError {
        term: raw.to_string(),
        message,
    };
    if !list.keys().contains(&key) {
        return Err(err(format!(
            "this list has no {key}: it takes {}",
            list.keys().join(" ")
        )));
    }
    let value = value.trim();
    if value.is_empty() {
        return Err(err(format!("{key}: needs a value{}", choices(key, list))));
    }
    if value.chars().count() > MAX_VALUE_CHARS {
        return Err(err(format!(
            "a value holds at most {MAX_VALUE_CHARS} characters"
        )));
    }
    let text = || value.to_string();
    Ok(match (key, list) {
        ("status", ListKind::Items) => Term::ItemStatus(one_of(value, key, list, item_status)?),
        ("status", ListKind::Invoices) => {
            Term::InvoiceStatus(one_of(value, key, list, invoice_status)?)
        }
        ("status", ListKind::ContractLines) => {
            Term::LineState(one_of(value, key, list, line_state)?)
        }
        ("status", ListKind::Milestones) => {
            Term::MilestoneState(one_of(value, key, list, milestone_state)?)
        }
        ("warning", ListKind::Milestones) => {
            Term::Warning(one_of(value, key, list, milestone_warning)?)
        }
        ("kind", _) => Term::Kind(one_of(value, key, list, kind)?),
        ("rule", _) => Term::Rule(one_of(value, key, list, rule)?),
        ("warning", _) => Term::Warning(one_of(value, key, list, warning)?),
        ("type", _) => Term::Type(text()),
        ("account", _) => Term::Account(text()),
        ("project", _) => Term::Project(text()),
        ("bu", _) => Term::BusinessUnit(text()),
        ("milestone", _) => Term::Milestone(text()),
        ("currency", _) => Term::Currency(
            value
                .split(',')
                .map(|c| {
                    let c = c.trim();
                    if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()) {
                        Ok(c.to_ascii_uppercase())
                    } else {
                        Err(err(format!("{c:?} is not a currency code (EUR, USD, SEK)")))
                    }
                })
                .collect::<Result<_, _>>()?,
        ),
        ("date", _) => Term::Date(day_span(value).map_err(err)?),
        ("amount", _) => Term::Amount(amount_span(value).map_err(err)?),
        _ => unreachable!("every key of ListKind::keys is read above"),
    })
}

/// The values a key takes, for messages.
pub(super) fn choices(key: &str, list: ListKind) -> String {
    let names: &[&str] = match (key, list) {
        ("status", ListKind::Items) => &["open", "billable", "draft", "invoiced", "rejected"],
        ("status", ListKind::Invoices) => &["draft", "confirmed"],
        ("status", ListKind::ContractLines) => &["pending", "refresh", "idle"],
        ("status", ListKind::Milestones) => &["reached", "open"],
        ("warning", ListKind::Milestones) => &["due", "missed"],
        ("kind", _) => &["invoice", "credit"],
        ("rule", _) => &["tm", "fixed", "progress", "milestone"],
        ("warning", _) => &["due", "missed", "overdue", "nothing", "unpriced"],
        ("date", _) => &["2026-12", "2026-12-01..2027-01-15"],
        ("amount", _) => &[">10000", "<=500", "100..200"],
        ("currency", _) => &["EUR"],
        _ => &[],
    };
    if names.is_empty() {
        String::new()
    } else {
        format!(": {}", names.join(", "))
    }
}

/// Comma-separated alternatives, each read by `read`.
fn one_of<T: PartialEq>(
    value: &str,
    key: &str,
    list: ListKind,
    read: fn(&str) -> Option<T>,
) -> Result<Vec<T>, FilterError> {
    let mut out = Vec::new();
    for v in value.split(',') {
        let v = v.trim().to_lowercase();
        match read(&v) {
            Some(t) if !out.contains(&t) => out.push(t),
            Some(_) => {}
            None => {
                return Err(FilterError {
                    term: format!("{key}:{value}"),
                    message: format!("{v:?} is not a {key}{}", choices(key, list)),
                });
            }
        }
    }
    Ok(out)
}

fn item_status(v: &str) -> Option<RevenueStatus> {
    match v {
        "draft" | "draft_invoice" | "draft-invoice" => Some(RevenueStatus::DraftInvoice),
        other => RevenueStatus::ALL.into_iter().find(|s| s.as_str() == other),
    }
}

fn invoice_status(v: &str) -> Option<InvoiceStatus> {
    InvoiceStatus::ALL.into_iter().find(|s| s.as_str() == v)
}

fn line_state(v: &str) -> Option<LineState> {
    match v {
        "pending" => Some(LineState::Pending),
        "refresh" => Some(LineState::Refresh),
        "idle" => Some(LineState::Idle),
        _ => None,
    }
}

fn milestone_state(v: &str) -> Option<MilestoneState> {
    match v {
        "reached" => Some(MilestoneState::Reached),
        "open" => Some(MilestoneState::Open),
        _ => None,
    }
}

/// A milestone row warns only that it is due or missed.
fn milestone_warning(v: &str) -> Option<Warning> {
    warning(v).filter(|w| matches!(w, Warning::MilestoneDue | Warning::MilestoneMissed))
}

fn kind(v: &str) -> Option<DocumentKind> {
    match v {
        "invoice" => Some(DocumentKind::Invoice),
        "credit" | "credit_note" | "credit-note" => Some(DocumentKind::CreditNote),
        _ => None,
    }
}

fn rule(v: &str) -> Option<BillingRule> {
    match v {
        "tm" | "time_and_materials" | "t&m" => Some(BillingRule::TimeAndMaterials),
        "fixed" => Some(BillingRule::Fixed),
        "progress" => Some(BillingRule::Progress),
        "milestone" => Some(BillingRule::Milestone),
        _ => None,
    }
}

fn warning(v: &str) -> Option<Warning> {
    match v {
        "due" => Some(Warning::MilestoneDue),
        "missed" => Some(Warning::MilestoneMissed),
        "overdue" => Some(Warning::Overdue),
        "nothing" => Some(Warning::NothingToCollect),
        "unpriced" => Some(Warning::CannotBePriced),
        _ => None,
    }
}

/// `2026`, `2026-12`, `2026-12-01`, or two of them joined by `..` (either side may be left
/// open: `..2026-06`, `2027-01..`).
fn day_span(value: &str) -> Result<DaySpan, String> {
    let (first, last) = match value.split_once("..") {
        Some((from, to)) => {
            let first = if from.is_empty() {
                dates::FIRST
            } else {
                period(from)?.first
            };
            let last = if to.is_empty() {
                dates::LAST
            } else {
                period(to)?.last
            };
            (first, last)
        }
        None => {
            let p = period(value)?;
            (p.first, p.last)
        }
    };
    if first > last {
        return Err(format!("{first} comes after {last}"));
    }
    Ok(DaySpan { first, last })
}

/// A year, a month or a day as its span of days.
fn period(text: &str) -> Result<DaySpan, String> {
    let bad = || format!("{text:?} is not a date: write 2026, 2026-12 or 2026-12-01");
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| -> Result<u32, String> {
        if s.len() == len && s.chars().all(|c| c.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let (first, last) = match parts.as_slice() {
        [y] => {
            let y = number(y, 4)? as i32;
            (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y, 12, 31),
            )
        }
        [y, m] => {
            let (y, m) = (number(y, 4)? as i32, number(m, 2)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1);
            let last = first.and_then(|f| {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                next.and_then(|n| n.pred_opt()).or(Some(f))
            });
            (first, last)
        }
        [y, m, d] => {
            let day = NaiveDate::from_ymd_opt(number(y, 4)? as i32, number(m, 2)?, number(d, 2)?);
            (day, day)
        }
        _ => return Err(bad()),
    };
    let (Some(first), Some(last)) = (first, last) else {
        return Err(bad());
    };
    if !dates::is_kept(first) || !dates::is_kept(last) {
        return Err(format!(
            "{} is outside {}",
            first.year(),
            dates::range_text()
        ));
    }
    Ok(DaySpan { first, last })
}

/// `>N`, `>=N`, `<N`, `<=N`, `=N` or `N` (exactly), or `N..M` (both included).
fn amount_span(value: &str) -> Result<AmountSpan, String> {
    if let Some((low, high)) = value.split_once("..") {
        let low = (!low.is_empty()).then(|| amount(low)).transpose()?;
        let high = (!high.is_empty()).then(|| amount(high)).transpose()?;
        if let (Some(l), Some(h)) = (low, high)
            && l > h
        {
            return Err(format!("{l} is more than {h}"));
        }
        return Ok(AmountSpan {
            low: low.map(|v| (v, true)),
            high: high.map(|v| (v, true)),
        });
    }
    let (op, number) = [">=", "<=", ">", "<", "="]
        .into_iter()
        .find_map(|op| value.strip_prefix(op).map(|rest| (op, rest)))
        .unwrap_or(("=", value));
    let v = amount(number)?;
    Ok(match op {
        ">=" => AmountSpan {
            low: Some((v, true)),
            high: None,
        },
        ">" => AmountSpan {
            low: Some((v, false)),
            high: None,
        },
        "<=" => AmountSpan {
            low: None,
            high: Some((v, true)),
        },
        "<" => AmountSpan {
            low: None,
            high: Some((v, false)),
        },
        _ => AmountSpan {
            low: Some((v, true)),
            high: Some((v, true)),
        },
    })
}

/// An amount as typed in a filter: digits, at most one decimal separator (`.` or `,`) with one
/// or two decimals after it, an optional leading minus. `10,000` is refused rather than read as
/// ten (or ten thousand): a filter has no group separators.
fn amount(text: &str) -> Result<Decimal, String> {
    let refuse =
        || format!("{text:?} is not an amount: write 10000 or 10000.50, no group separators");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !all_digits(whole) || whole.len() > 15 {
        return Err(refuse());
    }
    if let Some(f) = fraction
        && (!all_digits(f) || f.len() > 2)
    {
        return Err(refuse());
    }
    let plain = match fraction {
        Some(f) => format!("{whole}.{f}"),
        None => whole.to_string(),
    };
    let v: Decimal = plain.parse().map_err(|_| refuse())?;
    Ok(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> FilterQuery {
        parse(text, ListKind::Items).unwrap()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn words_alone_are_the_text_as_typed() {
        let q = items("  Time and  materials ");
        assert_eq!(q.words, "Time and  materials");
        assert!(q.terms.is_empty());
        assert!(items("").is_empty());
        // A colon after digits or at the start is text.
        assert_eq!(items("10:30 :x").words, "10:30 :x");
    }

    #[test]
    fn terms_narrow_and_words_stay_text() {
        let q = items("helix status:billable,draft rule:tm amount:>10000 date:2026-12");
        assert_eq!(q.words, "helix");
        assert_eq!(
            q.terms,
            vec![
                Term::ItemStatus(vec![RevenueStatus::Billable, RevenueStatus::DraftInvoice]),
                Term::Rule(vec![BillingRule::TimeAndMaterials]),
                Term::Amount(AmountSpan {
                    low: Some((d("10000"), false)),
                    high: None
                }),
                Term::Date(DaySpan {
                    first: day(2026, 12, 1),
                    last: day(2026, 12, 31)
                }),
            ]
        );
        assert_eq!(
            items("status:rejected").terms,
            vec![Term::ItemStatus(vec![RevenueStatus::Rejected])]
        );
        assert_eq!(
            items("Account:\"Nordic Retail\" x").terms,
            vec![Term::Account("Nordic Retail".into())]
        );
        assert_eq!(
            items("currency:eur,sek").terms,
            vec![Term::Currency(vec!["EUR".into(), "SEK".into()])]
        );
    }

    #[test]
    fn dates_are_years_months_days_and_spans() {
        let span = |t: &str| match &items(t).terms[0] {
            Term::Date(s) => (s.first, s.last),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            span("date:2026-12-01..2027-01-15"),
            (day(2026, 12, 1), day(2027, 1, 15))
        );
        assert_eq!(span("date:2028-02"), (day(2028, 2, 1), day(2028, 2, 29)));
        assert_eq!(span("date:2026"), (day(2026, 1, 1), day(2026, 12, 31)));
        assert_eq!(span("date:..2026-06"), (dates::FIRST, day(2026, 6, 30)));
        assert_eq!(span("date:2027-01.."), (day(2027, 1, 1), dates::LAST));
        for bad in [
            "date:2026-13",
            "date:2026-02-30",
            "date:0000-01-01",
            "date:9999-12-31",
            "date:26-1",
            "date:2027..2026",
        ] {
            assert!(parse(bad, ListKind::Items).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_have_no_group_separators() {
        let span = |t: &str| match &items(t).terms[0] {
            Term::Amount(s) => *s,
            other => panic!("{other:?}"),
        };
        assert!(span("amount:>=100").contains(d("100")));
        assert!(!span("amount:>100").contains(d("100")));
        assert!(span("amount:1234,56").contains(d("1234.56")));
        assert!(!span("amount:1234,56").contains(d("1234.5")));
        assert!(span("amount:100..200").contains(d("200")));
        assert!(span("amount:<-5").contains(d("-6")));
        for bad in [
            "amount:10,000",
            "amount:>1.2.3",
            "amount:x",
            "amount:>",
            "amount:5..1",
        ] {
            let e = parse(bad, ListKind::Items).unwrap_err();
            assert!(!e.message.is_empty(), "{bad}");
        }
    }

    #[test]
    fn errors_name_the_term_and_what_it_takes() {
        let e = parse("status:paid", ListKind::Items).unwrap_err();
        assert_eq!(e.term, "status:paid");
        assert!(e.message.contains("billable"), "{e}");
        let e = parse("kind:credit", ListKind::Items).unwrap_err();
        assert!(e.message.contains("this list has no kind"), "{e}");
        assert!(e.message.contains("status rule"), "{e}");
        let e = parse("status:", ListKind::Invoices).unwrap_err();
        assert!(e.message.contains("draft, confirmed"), "{e}");
        assert!(parse("account:\"open", ListKind::Items).is_err());
        assert_eq!(
            parse("status:draft kind:credit", ListKind::Invoices)
                .unwrap()
                .terms,
            vec![
                Term::InvoiceStatus(vec![InvoiceStatus::Draft]),
                Term::Kind(vec![DocumentKind::CreditNote])
            ]
        );
    }
    #[test]
    fn screens_4_to_6_take_their_own_terms() {
        let lines = parse(
            "helix status:pending,refresh currency:usd bu:nord",
            ListKind::ContractLines,
        )
        .unwrap();
        assert_eq!(lines.words, "helix");
        assert_eq!(
            lines.terms,
            vec![
                Term::LineState(vec![LineState::Pending, LineState::Refresh]),
                Term::Currency(vec!["USD".into()]),
                Term::BusinessUnit("nord".into()),
            ]
        );
        assert_eq!(
            parse("status:idle", ListKind::ContractLines).unwrap().terms,
            vec![Term::LineState(vec![LineState::Idle])]
        );
        let ms = parse(
            "status:open warning:due,missed milestone:m2 date:2026-12 project:P-0001",
            ListKind::Milestones,
        )
        .unwrap();
        assert_eq!(
            ms.terms,
            vec![
                Term::MilestoneState(vec![MilestoneState::Open]),
                Term::Warning(vec![Warning::MilestoneDue, Warning::MilestoneMissed]),
                Term::Milestone("m2".into()),
                Term::Date(DaySpan {
                    first: day(2026, 12, 1),
                    last: day(2026, 12, 31)
                }),
                Term::Project("P-0001".into()),
            ]
        );
        let report = parse("account:nordic bu:north project:P-0001", ListKind::Report).unwrap();
        assert_eq!(report.terms.len(), 3);
        // A milestone row warns of nothing but due and missed; an item's status is no line's.
        let e = parse("warning:overdue", ListKind::Milestones).unwrap_err();
        assert!(e.message.contains("due, missed"), "{e}");
        let e = parse("status:billable", ListKind::ContractLines).unwrap_err();
        assert!(e.message.contains("pending, refresh, idle"), "{e}");
        let e = parse("status:", ListKind::Milestones).unwrap_err();
        assert!(e.message.contains("reached, open"), "{e}");
        let e = parse("status:open", ListKind::Report).unwrap_err();
        assert!(e.message.contains("it takes project account bu"), "{e}");
        let e = parse("date:2026", ListKind::ContractLines).unwrap_err();
        assert!(e.message.contains("this list has no date"), "{e}");
        // Words alone stay the text as typed, on every list.
        assert_eq!(parse(" Helix ", ListKind::Report).unwrap().words, "Helix");
    }
}
