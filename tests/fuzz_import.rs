//! Fuzzing the import's readers: rows of every kind, as CSV and JSON files, in a format a
//! mapping declares (decimal point or comma, any thousands separator or none, a date format, a
//! duration format, a delimiter), each cell arbitrary text or text built to be nearly valid for
//! its field; and mapping files themselves. Properties:
//!
//! 1. no panic;
//! 2. every refusal is `FILE:LINE: column: message` with a message that says something, and a
//!    refused row has at least one;
//! 3. what is accepted reads back: its figures, dates and durations written again in the
//!    declared format (as finctl's own export writes figures: ungrouped, and read one way only)
//!    and read again give the same record.
//!
//! `cargo test --test integration fuzz_import::` runs proptest's default 256 cases per test;
//! the long run (docs/performance.md, "Fuzzing"): `PROPTEST_CASES=1000000 cargo test --release
//! --test integration fuzz_import::`.

use chrono::{NaiveDate, NaiveTime};
use finctl::import::{FieldType, ImportError, Kind, Mapping, Record, fields, open};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How the file writes its values, as its mapping declares them.
#[derive(Debug, Clone)]
struct Declared {
    decimal: char,
    /// `None`: the default for the decimal mark (`,` with `.`, `.` with `,`); `Some(None)`:
    /// no thousands separator.
    thousands: Option<Option<char>>,
    date: &'static str,
    duration: &'static str,
    delimiter: u8,
    json: bool,
}

impl Declared {
    fn thousands(&self) -> Option<char> {
        match self.thousands {
            Some(t) => t,
            None if self.decimal == '.' => Some(','),
            None => Some('.'),
        }
    }

    fn mapping(&self) -> String {
        let delimiter = match self.delimiter {
            b'\t' => "tab".to_string(),
            d => (d as char).to_string(),
        };
        let mut toml = format!(
            "[format]\ndelimiter = {delimiter:?}\ndecimal = \"{}\"\ndate_format = {:?}\nduration = {:?}\n",
            self.decimal, self.date, self.duration
        );
        if let Some(t) = self.thousands {
            toml.push_str(&format!(
                "thousands = {:?}\n",
                t.map(String::from).unwrap_or_default()
            ));
        }
        toml
    }

    /// A figure as finctl writes one for a file: ungrouped, the declared decimal mark, and a
    /// fourth decimal where three would read two ways (`1.125` -> `1.1250`).
    fn figure(&self, v: Decimal) -> String {
        let plain = v.normalize().to_string();
        let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
        let digits = whole.trim_start_matches('-');
        let mut fraction = fraction.to_string();
        if fraction.len() == 3 && (1..=3).contains(&digits.len()) && !digits.starts_with('0') {
            fraction.push('0');
        }
        if fraction.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}{}{fraction}", self.decimal)
        }
    }

    /// A figure grouped in thousands, as another tool may write one.
    fn grouped(&self, v: Decimal) -> String {
        let Some(mark) = self.thousands() else {
            return self.figure(v);
        };
        let plain = self.figure(v);
        let (sign, rest) = match plain.strip_prefix('-') {
            Some(r) => ("-", r),
            None => ("", plain.as_str()),
        };
        let (whole, tail) = match rest.find(self.decimal) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let mut out = String::from(sign);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(mark);
            }
            out.push(c);
        }
        out + tail
    }

    fn hours(&self, h: Decimal) -> String {
        let seconds = |per: i64| -> i64 {
            (h * Decimal::from(3600 / per))
                .round()
                .try_into()
                .unwrap_or(0)
        };
        match self.duration {
            "h:mm" => {
                let m = seconds(60);
                format!("{}:{:02}", m / 60, m % 60)
            }
            "h:mm:ss" => {
                let s = seconds(1);
                format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
            }
            _ => self.figure(h),
        }
    }
}

fn declared() -> impl Strategy<Value = Declared> {
    (
        prop::sample::select(vec!['.', ',']),
        prop::sample::select(vec![
            None,
            Some(None),
            Some(Some(' ')),
            Some(Some('\'')),
            Some(Some(',')),
            Some(Some('.')),
        ]),
        prop::sample::select(vec!["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%d %b %Y"]),
        prop::sample::select(vec!["decimal", "h:mm", "h:mm:ss"]),
        prop::sample::select(vec![b',', b';', b'\t']),
        any::<bool>(),
    )
        .prop_map(
            |(decimal, thousands, date, duration, delimiter, json)| Declared {
                decimal,
                thousands,
                date,
                duration,
                delimiter,
                json,
            },
        )
}

/// Any characters at all.
fn arbitrary() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<char>(), 0..24).prop_map(|c| c.into_iter().collect()),
    ]
}

fn figure_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-0-9 ,.'\u{a0}:]{0,16}",
        "-?[0-9]{0,14}([,.][0-9]{0,8}){0,2}",
    ]
}

fn decimal(max_whole: i64, scale: u32) -> impl Strategy<Value = Decimal> {
    (0..=max_whole * 10i64.pow(scale), 0..=scale)
        .prop_map(move |(m, s)| Decimal::new(m, scale).round_dp(s))
}

/// A valid-looking cell for a field of type `ty`, in the declared format (now and then just
/// outside what the field takes: a date before 1970, a figure too large, an unknown currency).
fn near(ty: FieldType, d: &Declared) -> BoxedStrategy<String> {
    let d = d.clone();
    match ty {
        FieldType::Key
        | FieldType::Text
        | FieldType::Description
        | FieldType::Reference => "[A-Za-z0-9][A-Za-z0-9 _.é-]{0,11}".boxed(),
        FieldType::Login => prop_oneof![4 => "[a-z][a-z0-9_.-]{0,7}", 1 => "[a-z ]{0,5}"].boxed(),
        FieldType::Email => prop_oneof![
            4 => "[a-z]{1,5}@[a-z]{1,5}\\.[a-z]{2}",
            1 => "[a-z@. ]{0,8}",
        ]
        .boxed(),
        FieldType::CountryCode => prop_oneof![4 => "[A-Za-z]{2}", 1 => "[A-Za-z]{0,3}"].boxed(),
        FieldType::Currency => prop_oneof![
            4 => prop::sample::select(vec!["EUR", "USD", "JPY", "eur", " CHF "]).prop_map(String::from),
            1 => "[A-Z]{3}",
        ]
        .boxed(),
        FieldType::Days => prop_oneof![4 => "[0-9]{1,3}", 1 => "-?[0-9]{1,4}"].boxed(),
        FieldType::Date => prop_oneof![
            4 => 25_000i64..50_000,
            1 => -30_000i64..80_000,
        ]
        .prop_map(move |n| {
            let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(n);
            day.format(d.date).to_string()
        })
        .boxed(),
        FieldType::Time => "[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?( ?[AP]M)?".boxed(),
        FieldType::DateTime => "20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]".boxed(),
        FieldType::Hours => {
            let d2 = d.clone();
            prop_oneof![
                4 => decimal(24, 6).prop_map(move |h| d.hours(h)),
                1 => decimal(30, 4).prop_map(move |h| d2.grouped(h)),
                1 => "-?[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?",
            ]
            .boxed()
        }
        FieldType::Percent => {
            let d2 = d.clone();
            prop_oneof![
                4 => decimal(100, 6).prop_map(move |v| d.figure(v)),
                1 => decimal(2_000, 2).prop_map(move |v| d2.grouped(v)),
            ]
            .boxed()
        }
        FieldType::Amount | FieldType::Rate => {
            let (d2, d3) = (d.clone(), d.clone());
            prop_oneof![
                4 => decimal(99_999, 2).prop_map(move |v| d.figure(v)),
                2 => decimal(2_000_000_000_000, 6).prop_map(move |v| d2.figure(v)),
                2 => decimal(2_000_000_000_000, 2).prop_map(move |v| d3.grouped(v)),
                1 => figure_like(),
            ]
            .boxed()
        }
        FieldType::Bool => prop_oneof![
            4 => "yes|no|true|false|1|0",
            1 => "Y|n|x| yes |",
        ]
        .boxed(),
        FieldType::ProjectStatus => prop_oneof![4 => "planned|launched|closed|", 1 => "open"].boxed(),
        FieldType::BillingRule => prop_oneof![
            4 => "fixed|time_and_materials",
            1 => "milestone|progress|",
        ]
        .boxed(),
    }
}

/// A cell: valid-looking, empty, or anything at all.
fn cell(ty: FieldType, d: &Declared) -> BoxedStrategy<String> {
    prop_oneof![6 => near(ty, d), 1 => Just(String::new()), 2 => arbitrary()].boxed()
}

/// A row: the file's columns (a kind's fields, some left out) and their cells.
type Row = Vec<(&'static str, String)>;

/// The columns a time report row reads its hours from: a date and hours, a start and an end
/// time (with their dates), or a start and an end (dates and times in one).
const CLOCKS: [&[&str]; 3] = [
    &[
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "start",
        "end",
    ],
    &["hours", "start", "end"],
    &[
        "date",
        "hours",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
    ],
];

/// A kind, a declared format, and one row of cells for the kind's fields: either every cell
/// drawn on its own, or every cell valid-looking but one (so that the one is what is read).
fn rows() -> impl Strategy<Value = (Kind, Declared, Row)> {
    (
        prop::sample::select(Kind::ALL.to_vec()),
        declared(),
        any::<bool>(),
        any::<prop::sample::Index>(),
        0..CLOCKS.len(),
    )
        .prop_flat_map(|(kind, d, one, which, clock)| {
            // The columns a file of the kind has: a time report reads its hours one way.
            let columns: Vec<&'static finctl::import::Field> = fields(kind)
                .iter()
                .filter(|f| kind != Kind::TimeReports || !CLOCKS[clock].contains(&f.name))
                .collect();
            let odd = which.index(columns.len());
            let cells: Vec<BoxedStrategy<(&'static str, String)>> = columns
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let name = f.name;
                    let s = if one && i != odd {
                        near(f.ty, &d)
                    } else {
                        cell(f.ty, &d)
                    };
                    s.prop_map(move |c| (name, c)).boxed()
                })
                .collect();
            (Just(kind), Just(d), Just(one), cells)
        })
        .prop_map(|(kind, d, one, mut row)| {
            // Only a milestone item names a milestone: mostly left empty on the others.
            let rule = row
                .iter()
                .find(|(n, _)| *n == "billing_rule")
                .map(|(_, c)| c.clone());
            if one && rule.is_some_and(|r| r != "milestone") {
                for (name, cell) in row.iter_mut() {
                    if *name == "milestone" {
                        cell.clear();
                    }
                }
            }
            (kind, d, row)
        })
}

/// Writes the row (with its header) as the declared file type.
fn write(dir: &Path, d: &Declared, row: &Row) -> PathBuf {
    if d.json {
        let element: serde_json::Map<String, serde_json::Value> = row
            .iter()
            .map(|(n, c)| (n.to_string(), serde_json::Value::String(c.clone())))
            .collect();
        let path = dir.join("rows.json");
        std::fs::write(&path, serde_json::to_vec(&[element]).unwrap()).unwrap();
        path
    } else {
        let path = dir.join("rows.csv");
        let mut w = csv::WriterBuilder::new()
            .delimiter(d.delimiter)
            .from_path(&path)
            .unwrap();
        w.write_record(row.iter().map(|(n, _)| *n)).unwrap();
        w.write_record(row.iter().map(|(_, c)| c)).unwrap();
        w.flush().unwrap();
        path
    }
}

fn refusals_say_where_and_what(errors: &[ImportError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty(), "a refusal without a message");
    for e in errors {
        prop_assert!(!e.message.trim().is_empty(), "{e:?}");
        prop_assert!(e.to_string().starts_with(&*e.file), "{e}");
    }
    Ok(())
}

/// The records of a file, or the refusals of the file (its header, its mapping).
fn read(
    kind: Kind,
    path: &Path,
    mapping: &Mapping,
) -> Result<Vec<Result<Record, Vec<ImportError>>>, Vec<ImportError>> {
    open(kind, path, Some(mapping)).map(|records| records.collect())
}

/// The row with every figure, date and duration of the record written again in the declared
/// format, where the row gave one.
fn written_again(record: &Record, d: &Declared, row: &Row) -> Row {
    let mut out = row.clone();
    let mut set = |name: &str, text: String| {
        if let Some((_, cell)) = out.iter_mut().find(|(n, _)| *n == name)
            && !cell.trim().is_empty()
        {
            *cell = text;
        }
    };
    let date = |day: &NaiveDate| day.format(d.date).to_string();
    match record {
        Record::Account(a) => {
            if let Some(days) = a.payment_terms_days {
                set("payment_terms_days", days.to_string());
            }
        }
        Record::PriceList(p) => {
            if let Some(rate) = p.rates.first() {
                set("hourly_rate", d.figure(rate.hourly_rate));
            }
        }
        Record::Project(p) => {
            if let Some(start) = &p.start_date {
                set("start_date", date(start));
            }
            if let Some(rate) = p.rates.first() {
                set("hourly_rate", d.figure(rate.hourly_rate));
            }
        }
        Record::Milestone(m) => set("due_date", date(&m.due_date)),
        Record::TimeReport(t) => {
            // Only where the row gave a date and hours (not a start and an end).
            set("date", date(&t.date));
            set("hours", d.hours(t.hours));
        }
        Record::Expense(e) => {
            set("date", date(&e.date));
            set("amount", d.figure(e.amount));
        }
        Record::RevenueItem(r) => {
            if let Some(a) = r.amount {
                set("amount", d.figure(a));
            }
            if let Some(p) = r.unit_price {
                set("unit_price", d.figure(p));
            }
            set("planned_invoice_date", date(&r.planned_invoice_date));
            set("vat_rate", d.figure(r.vat_rate));
        }
        Record::CostRate(c) => {
            if let Some(day) = &c.valid_from {
                set("valid_from", date(day));
            }
            set("hourly_cost", d.figure(c.hourly_cost));
        }
    }
    out
}

proptest! {
    /// One row of each kind in each declared format.
    #[test]
    fn fuzz_import_rows((kind, d, cells) in rows()) {
        let dir = tempfile::tempdir().unwrap();
        let file: Arc<str> = Arc::from("map.toml");
        let mapping = match Mapping::parse(&d.mapping(), &file, kind) {
            Ok(m) => m,
            Err(errors) => return refusals_say_where_and_what(&errors),
        };
        let path = write(dir.path(), &d, &cells);
        let outcomes = match read(kind, &path, &mapping) {
            Ok(o) => o,
            Err(errors) => return refusals_say_where_and_what(&errors),
        };
        for outcome in &outcomes {
            match outcome {
                Ok(record) => {
                    let again = written_again(record, &d, &cells);
                    let path = write(dir.path(), &d, &again);
                    let reread = read(kind, &path, &mapping).unwrap_or_else(|e| vec![Err(e)]);
                    // Equal records: figures compare by value (`1000,0` and `1000` are one).
                    prop_assert_eq!(
                        &reread,
                        std::slice::from_ref(outcome),
                        "{:?} written again as {:?}",
                        cells,
                        again
                    );
                }
                Err(errors) => refusals_say_where_and_what(errors)?,
            }
        }
    }

    /// Mapping files: any text, and TOML built of the options and fields a mapping names.
    #[test]
    fn fuzz_mapping_files(
        kind in prop::sample::select(Kind::ALL.to_vec()),
        text in prop_oneof![
            arbitrary(),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "[format]", "[columns]", "[constants]", "kind", "delimiter", "decimal",
                        "thousands", "date_format", "time_format", "datetime_format", "duration",
                        "encoding", "hours", "date", "project", "amount", "key", "name", "billable",
                    ]),
                    prop_oneof![
                        Just(String::new()),
                        "\"[^\"\\\\]{0,6}\"",
                        "[0-9.-]{1,5}",
                        Just("true".to_string()),
                        Just("[\"a\", \"b\"]".to_string()),
                        arbitrary(),
                    ],
                ),
                0..8,
            )
            .prop_map(|lines| {
                lines
                    .into_iter()
                    .map(|(k, v)| if k.starts_with('[') { k.to_string() } else { format!("{k} = {v}") })
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        ],
    ) {
        let file: Arc<str> = Arc::from("map.toml");
        if let Err(errors) = Mapping::parse(&text, &file, kind) {
            refusals_say_where_and_what(&errors)?;
        }
    }
}

/// The writer above reads back as it should, so that a round trip that fails is the reader's.
#[test]
fn figures_are_written_to_read_one_way() {
    let d = Declared {
        decimal: ',',
        thousands: None,
        date: "%d.%m.%Y",
        duration: "h:mm",
        delimiter: b';',
        json: false,
    };
    let v = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(d.figure(v("1.125")), "1,1250");
    assert_eq!(d.figure(v("12.5")), "12,5");
    assert_eq!(d.figure(v("1234")), "1234");
    assert_eq!(d.grouped(v("1234567.5")), "1.234.567,5");
    assert_eq!(d.hours(v("7.5")), "7:30");
    assert_eq!(
        NaiveTime::from_hms_opt(7, 30, 0)
            .unwrap()
            .format("%H:%M")
            .to_string(),
        "07:30"
    );
}
