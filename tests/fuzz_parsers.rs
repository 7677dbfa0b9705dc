//! Fuzzing what users type, read by the domain's parsers: figures in each of the four number
//! formats (quantities, prices and rates at 6 decimals, amounts at their currency's, any
//! field's decimals), percentages, dates, months, plan parts, number format names, locales,
//! master-data text and filter queries (`/` with terms). Each runs on arbitrary text (any characters, control ones included) and on
//! text built to be nearly valid, and must hold three properties:
//!
//! 1. no panic;
//! 2. every refusal is a message that says something (not empty, not only spaces);
//! 3. what is accepted reads back: written again in the same number format (ungrouped as a field
//!    to edit starts, grouped as the screens show it) and read again, it is the same value. A
//!    grouped figure without decimals in a field that takes three or more (`1,234` for a
//!    quantity) is refused as reading two ways, one of them itself (docs/rules.md, rule 4).
//!
//! `cargo test --test integration fuzz_parsers::` runs proptest's default 256 cases per test;
//! the long run (docs/performance.md, "Fuzzing"): `PROPTEST_CASES=1000000 cargo test --release
//! --test integration fuzz_parsers::`.

use chrono::NaiveDate;
use finctl::domain::dates;
use finctl::domain::figure::Unread;
use finctl::domain::filter_query::{self, ListKind, Term};
use finctl::domain::input::{parse_date, parse_decimal, parse_percent, parse_plain_decimal};
use finctl::domain::master_field::{self, MasterField};
use finctl::domain::money::parse_amount;
use finctl::domain::number_locale::{from_locale_env, of_locale};
use finctl::domain::plan_input::{PartReading, format_part, parse_part, parse_parts};
use finctl::domain::report::YearMonth;
use finctl::domain::{Currency, DomainError, Money, NumberFormat};
use finctl::presentation;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Any characters at all: printable text (proptest's strings) or any `char`s, line breaks and
/// control characters included.
fn arbitrary() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<char>(), 0..40).prop_map(|c| c.into_iter().collect()),
    ]
}

/// Text made of what figures are made of: digits, signs, every mark a format uses or refuses,
/// spaces, `%`.
fn figure_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-+0-9 ,.'’\u{a0}\u{202f}%]{0,24}",
        "-?[0-9]{0,16}([,.][0-9]{0,8}){0,3}",
        // A grouped figure: one to three digits, groups of three, a decimal part.
        (
            "-?",
            "[1-9][0-9]{0,2}",
            prop::collection::vec(("[,. '’\u{a0}\u{202f}]", "[0-9]{2,4}"), 0..5),
            prop::option::of(("[,.]", "[0-9]{0,8}")),
            " {0,2}",
        )
            .prop_map(|(sign, first, groups, decimals, pad)| {
                let mut s = format!("{pad}{sign}{first}");
                for (mark, digits) in groups {
                    s.push_str(&mark);
                    s.push_str(&digits);
                }
                if let Some((mark, digits)) = decimals {
                    s.push_str(&mark);
                    s.push_str(&digits);
                }
                s.push_str(&pad);
                s
            }),
        // Long runs of digits: the size limits.
        "-?0{0,20}[0-9]{10,40}([.,][0-9]{0,40})?",
    ]
}

fn typed() -> impl Strategy<Value = String> {
    prop_oneof![2 => figure_like(), 1 => arbitrary()]
}

fn any_format() -> impl Strategy<Value = NumberFormat> {
    prop::sample::select(NumberFormat::ALL.to_vec())
}

fn any_currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(
        [
            "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "JPY",
        ]
        .map(|c| c.parse::<Currency>().expect("a currency finctl knows"))
        .to_vec(),
    )
}

/// A refusal that says something.
fn says_something(e: &DomainError) -> Result<(), TestCaseError> {
    prop_assert!(!e.0.trim().is_empty(), "an empty refusal");
    Ok(())
}

/// A figure shown grouped reads back as itself, or (rule 4) is refused as reading two ways,
/// one of which is itself.
fn grouped_reads_back(
    read: Result<Decimal, Unread>,
    value: Decimal,
    shown: &str,
) -> Result<(), TestCaseError> {
    match read {
        Ok(back) => prop_assert_eq!(back, value, "{:?}", shown),
        Err(Unread::TwoReadings { grouped, decimal }) => {
            prop_assert!(grouped == value || decimal == value, "{:?}", shown)
        }
        Err(e) => prop_assert!(false, "{shown:?} shown for {value} is refused: {e:?}"),
    }
    Ok(())
}

/// Under format `f` at `decimals` decimals: a figure read has at most 12 digits before the mark
/// and `decimals` after it, and reads back from its plain and grouped forms; a refusal of its
/// marks is worded.
fn figure_holds(f: NumberFormat, text: &str, decimals: u32) -> Result<(), TestCaseError> {
    match f.parse(text, decimals) {
        Ok(v) => {
            prop_assert!(
                v.abs() < Decimal::from(1_000_000_000_000i64),
                "{text:?}: {v}"
            );
            prop_assert!(v.normalize().scale() <= decimals, "{text:?}: {v}");
            prop_assert_eq!(f.parse(&f.plain(v), decimals), Ok(v), "{:?}", text);
            let shown = f.format(v);
            grouped_reads_back(f.parse(&shown, decimals), v, &shown)?;
        }
        Err(e @ (Unread::OtherMark(_) | Unread::TwoReadings { .. })) => {
            let message = f.mark_refusal(text, e).unwrap_or_default();
            prop_assert!(!message.trim().is_empty(), "{text:?}: {e:?}");
        }
        Err(_) => {}
    }
    Ok(())
}

proptest! {
    /// Any text, any format, any field's decimals (0 to 6, and more than a field has).
    #[test]
    fn fuzz_figures_in_every_format(f in any_format(), text in typed(), decimals in 0u32..=8) {
        figure_holds(f, &text, decimals)?;
    }

    /// Quantities, unit prices and rates: 6 decimals, shown as prices (two decimals at least)
    /// or as figures.
    #[test]
    fn fuzz_quantities_and_prices(f in any_format(), text in typed()) {
        match parse_decimal(&text, f) {
            Ok(v) => {
                prop_assert_eq!(parse_decimal(&f.plain(v), f), Ok(v));
                let price = presentation::price(f, v);
                prop_assert_eq!(parse_decimal(&price, f), Ok(v), "{:?}", price);
                let figure = presentation::figure(f, v);
                grouped_reads_back(f.parse(&figure, 6), v, &figure)?;
            }
            Err(e) => says_something(&e)?,
        }
        match parse_plain_decimal(&text) {
            Ok(v) => prop_assert_eq!(parse_plain_decimal(&v.to_string()), Ok(v)),
            Err(e) => says_something(&e)?,
        }
    }

    /// Amounts in each currency: what is read has the currency's decimals at most and reads
    /// back from the field's plain text and from the money the screens show.
    #[test]
    fn fuzz_amounts(f in any_format(), currency in any_currency(), text in typed()) {
        match parse_amount(&text, currency, f) {
            Ok(v) => {
                prop_assert!(v.normalize().scale() <= currency.minor_digits());
                prop_assert_eq!(parse_amount(&f.plain(v), currency, f), Ok(v));
                let shown = presentation::money(f, Money::new(v, currency));
                prop_assert_eq!(parse_amount(&shown, currency, f), Ok(v), "{:?}", shown);
                let coded = presentation::money_with_code(f, Money::new(v, currency));
                prop_assert!(coded.starts_with(currency.code()));
            }
            Err(e) => says_something(&e)?,
        }
    }

    /// Percentages: 0 to 100, `%` or not, read back as typed and as shown.
    #[test]
    fn fuzz_percentages(f in any_format(), text in prop_oneof![
        typed(),
        ("[0-9]{1,3}([.,][0-9]{0,7})?", " ?%?").prop_map(|(a, b)| format!("{a}{b}")),
    ]) {
        match parse_percent(&text, f) {
            Ok(p) => {
                prop_assert!(p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED, "{}", p);
                prop_assert_eq!(parse_percent(&format!("{}%", f.plain(p)), f), Ok(p));
                let shown = format!("{} %", presentation::figure(f, p));
                prop_assert_eq!(parse_percent(&shown, f), Ok(p), "{:?}", shown);
            }
            Err(e) => says_something(&e)?,
        }
    }

    /// Dates as every form, quick edit and the command line read them: inside 1970-01-01 to
    /// 2100-12-31, written back as typed.
    #[test]
    fn fuzz_dates(text in prop_oneof![
        arbitrary(),
        "[-+ ]?[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3} ?",
        "(19[0-9]{2}|20[0-9]{2}|21[0-9]{2})-(0[0-9]|1[0-3])-([0-3][0-9])",
    ]) {
        match parse_date(&text) {
            Ok(d) => {
                prop_assert!(dates::is_kept(d));
                prop_assert_eq!(d.to_string(), text.trim());
                prop_assert_eq!(parse_date(&d.to_string()), Ok(d));
            }
            Err(e) => says_something(&e)?,
        }
    }

    /// Months (the report's range, an adjustment's month).
    #[test]
    fn fuzz_months(text in prop_oneof![
        arbitrary(),
        "[-+ ]?[0-9]{1,5}-[0-9]{1,3} ?",
        "(19[0-9]{2}|20[0-9]{2}|21[0-9]{2})-(0?[0-9]|1[0-3])",
    ]) {
        match YearMonth::parse(&text) {
            Ok(m) => {
                prop_assert!(m >= YearMonth::FIRST && m <= YearMonth::LAST);
                prop_assert_eq!(YearMonth::parse(&m.to_string()), Ok(m));
            }
            Err(e) => says_something(&e)?,
        }
    }

    /// Plan parts, `label; share; when`: what is read is written back by `format_part` and
    /// reads as the same part.
    #[test]
    fn fuzz_plan_parts(
        f in any_format(),
        text in prop_oneof![
            arbitrary(),
            (
                "[A-Za-z0-9 é%+.;-]{0,12}",
                prop_oneof![typed(), ("[0-9]{1,3}([.,][0-9]{1,7})?", " ?").prop_map(|(p, s)| format!("{p}{s}%"))],
                prop_oneof![
                    "[-+][0-9]{0,7}",
                    "[-+ ]?[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}",
                    arbitrary(),
                ],
            )
                .prop_map(|(label, share, when)| format!("{label}; {share}; {when}")),
        ],
        start in prop::option::of(0u64..=47_846),
        more in prop::collection::vec(arbitrary(), 0..3),
    ) {
        let start = start.map(|days| dates::FIRST + chrono::Days::new(days));
        match parse_part(&text, &PartReading::plain(start, f)) {
            Ok(part) => {
                prop_assert!(dates::is_kept(part.date), "{:?}", part);
                let again = format_part(&part, f);
                prop_assert_eq!(parse_part(&again, &PartReading::plain(start, f)), Ok(part), "{:?}", again);
            }
            Err(e) => says_something(&e)?,
        }
        let mut lines = more;
        lines.push(text);
        match parse_parts(&lines, &PartReading::plain(start, f)) {
            Ok(parts) => prop_assert!(parts.iter().all(|p| dates::is_kept(p.date))),
            Err((i, e)) => {
                prop_assert!(i < lines.len());
                says_something(&e)?;
            }
        }
    }

    /// Number format names (`finctl user format`, the `#` form) and locales.
    #[test]
    fn fuzz_number_format_names_and_locales(
        text in prop_oneof![arbitrary(), "[ 1,.'’\u{a0}2345 6]{0,10}", "[a-zA-Z]{2}[_-][A-Za-z]{2}(\\.UTF-8)?(@euro)?"],
    ) {
        match text.parse::<NumberFormat>() {
            Ok(f) => prop_assert_eq!(f.sample().parse::<NumberFormat>(), Ok(f)),
            Err(e) => says_something(&e)?,
        }
        if let Some(f) = of_locale(&text) {
            prop_assert_eq!(from_locale_env(Some(&text), None, None), f);
        }
    }

    /// Master-data text as the forms and the import check it: what passes is kept as it passes
    /// (checking it again gives it back), and every refusal names a rule.
    #[test]
    fn fuzz_master_data_text(text in prop_oneof![
        arbitrary(),
        "[a-z.]{0,8}@[a-z.]{0,8}",
        "[A-Za-z ]{0,4}",
        "[A-Z]{3}",
    ]) {
        fn again<T: PartialEq + std::fmt::Debug>(
            first: Result<T, master_field::MasterFieldError>,
            check: impl Fn(&T) -> Result<T, master_field::MasterFieldError>,
        ) -> Result<(), TestCaseError> {
            match first {
                Ok(v) => prop_assert_eq!(check(&v), Ok(v)),
                Err(e) => prop_assert!(!e.message.trim().is_empty()),
            }
            Ok(())
        }
        again(master_field::required(MasterField::Name, &text), |v| {
            master_field::required(MasterField::Name, v)
        })?;
        again(master_field::line(MasterField::Name, &text), |v| {
            master_field::line(MasterField::Name, v)
        })?;
        again(master_field::text(MasterField::Name, &text), |v| {
            master_field::text(MasterField::Name, v)
        })?;
        again(master_field::email(&text), |v| master_field::email(v))?;
        again(master_field::country_code(&text), |v| master_field::country_code(v))?;
        again(master_field::currency(&text), |c: &Currency| master_field::currency(c.code()))?;
    }
}

/// Text built to be nearly a filter: words and terms of every key, with values near and far.
fn filter_like() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "status",
        "kind",
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
        "Status",
        "x",
        "",
    ]);
    let value = prop_oneof![
        prop::sample::select(vec![
            "billable",
            "draft,rejected",
            "tm",
            "credit",
            "EUR",
            "2026-12",
            "2026-12-01..2027-01-15",
            "..2026",
            "2027..",
            ">10000",
            "<=1,5",
            "10,000",
            "1..2",
            "missed,due",
            "\"a b\"",
            "\"",
            "",
            "-5",
            ">=-0.01",
            "9999999999999999",
            "2100-12-31",
            "1969",
        ])
        .prop_map(str::to_string),
        "[ -~]{0,12}",
    ];
    prop::collection::vec((key, value, "[a-z ]{0,6}"), 0..4).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(k, v, w)| format!("{w} {k}:{v}"))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

proptest! {
    /// Any text on every list: no panic; a refusal names its term and says something; what
    /// reads has words without terms in them and dates and amounts within their bounds.
    #[test]
    fn fuzz_filter_queries(text in prop_oneof![2 => filter_like(), 1 => arbitrary()]) {
        for list in [ListKind::Items, ListKind::Invoices] {
            match filter_query::parse(&text, list) {
                Ok(q) => {
                    prop_assert!(q.words.chars().count() <= text.chars().count());
                    for term in &q.terms {
                        match term {
                            Term::Date(span) => {
                                prop_assert!(span.first <= span.last);
                                prop_assert!(dates::is_kept(span.first) && dates::is_kept(span.last));
                            }
                            Term::Amount(span) => {
                                if let (Some((l, _)), Some((h, _))) = (span.low, span.high) {
                                    prop_assert!(l <= h);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Err(e) => {
                    prop_assert!(!e.message.trim().is_empty(), "{text:?}");
                    prop_assert!(!e.term.is_empty(), "{text:?}");
                }
            }
        }
    }
}

/// The edges the fuzzer found or might miss, by name.
#[test]
fn the_edges_of_each_parser() {
    let n = NumberFormat::CommaPoint;
    assert!(parse_decimal("999,999,999,999.999999", n).is_ok());
    assert!(parse_decimal("1,000,000,000,000", n).is_err());
    assert_eq!(
        parse_date("2100-12-31"),
        Ok(NaiveDate::from_ymd_opt(2100, 12, 31).unwrap())
    );
    assert!(parse_date("2101-01-01").is_err());
    assert_eq!(YearMonth::parse("1970-01"), Ok(YearMonth::FIRST));
    assert!(parse_part("a; 50%; +0", &PartReading::plain(Some(dates::LAST), n)).is_ok());
    assert!(parse_part("a; 50%; +1", &PartReading::plain(Some(dates::LAST), n)).is_err());
}
