//! The import's shipped files: every example in docs/examples read without a refusal and
//! holding what it says, the two time trackers' exports read through their mappings alone, the
//! workbook example equal to its CSV, and docs/import.md naming every field of every kind.

use crate::support;

use finctl::domain::Currency;
use finctl::domain::billing_rule::BillingRule;
use finctl::domain::project::ProjectStatus;
use finctl::import::{Kind, Place, Record, RevenueItemRecord, TimeReportRecord, fields};
use std::path::PathBuf;
use support::import::{example, mapping, read};
use support::{d, date};

/// The examples of a kind, each read without a mapping.
fn examples(kind: Kind) -> Vec<PathBuf> {
    ["csv", "json", "xlsx"]
        .iter()
        .map(|ext| example(&format!("{kind}.{ext}")))
        .filter(|p| p.exists())
        .collect()
}

fn time_reports(records: Vec<Record>) -> Vec<TimeReportRecord> {
    records
        .into_iter()
        .map(|r| match r {
            Record::TimeReport(t) => t,
            other => panic!("not a time report: {other:?}"),
        })
        .collect()
}

#[test]
fn every_example_reads_without_a_refusal() {
    let mut seen = 0;
    for kind in Kind::ALL {
        let files = examples(kind);
        assert!(!files.is_empty(), "no example of {kind}");
        for file in files {
            let (records, errors) = read(kind, std::slice::from_ref(&file), None);
            assert_eq!(errors, Vec::<String>::new(), "{}", file.display());
            assert!(!records.is_empty(), "{}", file.display());
            seen += 1;
        }
    }
    for tracker in ["toggl-detailed", "clockify-detailed"] {
        let m = mapping(&example(&format!("{tracker}.toml")), Kind::TimeReports);
        let (records, errors) = read(
            Kind::TimeReports,
            &[example(&format!("{tracker}.csv"))],
            Some(&m),
        );
        assert_eq!(errors, Vec::<String>::new(), "{tracker}");
        assert!(records.len() >= 3, "{tracker}");
        seen += 1;
    }
    // Every file in the folder is one of those read (or a mapping).
    let shipped = std::fs::read_dir(example("")).unwrap().count();
    assert_eq!(
        shipped,
        seen + 2,
        "a file in docs/examples that no test reads"
    );
}

#[test]
fn master_data_examples_hold_what_they_say() {
    let (records, _) = read(Kind::Accounts, &[example("accounts.csv")], None);
    let Record::Account(first) = &records[0] else {
        panic!()
    };
    assert_eq!(first.key.as_deref(), Some("CRM-1001"));
    assert_eq!(first.name, "Northwind Oy");
    assert_eq!(first.billing_contact.as_deref(), Some("Liisa Mäkelä"));
    assert_eq!(first.address_lines, ["Mannerheimintie 12 B"]);
    assert_eq!(
        (first.postcode.as_deref(), first.city.as_deref()),
        (Some("00100"), Some("Helsinki"))
    );
    assert_eq!(first.country_code.as_deref(), Some("FI"));
    assert_eq!(
        (first.currency, first.payment_terms_days),
        (Currency::EUR, Some(30))
    );
    let Record::Account(third) = &records[2] else {
        panic!()
    };
    assert_eq!(third.name, "Blue Harbor, Inc.");
    assert_eq!(third.address_lines, ["200 Pier Avenue", "Suite 4"]);
    assert_eq!(third.vat_id, None);

    let (records, _) = read(Kind::PriceLists, &[example("price-lists.csv")], None);
    assert_eq!(records.len(), 2);
    let Record::PriceList(eur) = &records[0] else {
        panic!()
    };
    assert_eq!(
        (eur.name.as_str(), eur.currency, eur.at.line),
        ("Standard EUR", Currency::EUR, 2)
    );
    let rates: Vec<_> = eur
        .rates
        .iter()
        .map(|r| {
            (
                r.role.as_str(),
                r.person.as_deref(),
                r.hourly_rate,
                r.at.line,
            )
        })
        .collect();
    assert_eq!(
        rates,
        [
            ("consultant", None, d("95.00"), 2),
            ("senior consultant", None, d("120.00"), 3),
            ("senior consultant", Some("Ada Varga"), d("135.00"), 4),
        ]
    );
    let Record::PriceList(sek) = &records[1] else {
        panic!()
    };
    assert_eq!(sek.rates[0].hourly_rate, d("1050.00"));

    let (records, _) = read(Kind::Projects, &[example("projects.csv")], None);
    assert_eq!(records.len(), 3);
    let Record::Project(p) = &records[1] else {
        panic!()
    };
    assert_eq!(
        (p.code.as_str(), p.account.as_str(), p.manager.as_str()),
        ("P-1002", "CRM-1002", "erik")
    );
    assert_eq!(
        (p.status, p.start_date),
        (Some(ProjectStatus::Launched), Some(date(2026, 2, 2)))
    );
    assert_eq!(p.price_list.as_deref(), Some("PL-SEK"));
    assert_eq!(p.rates.len(), 2);
    assert_eq!(p.rates[1].hourly_rate, d("1400.00"));
    let Record::Project(hosting) = &records[2] else {
        panic!()
    };
    assert_eq!(
        (hosting.status, hosting.start_date, hosting.rates.len()),
        (Some(ProjectStatus::Planned), None, 0)
    );

    let (records, _) = read(Kind::Milestones, &[example("milestones.csv")], None);
    let Record::Milestone(m) = &records[2] else {
        panic!()
    };
    assert_eq!(
        (m.project.as_str(), m.code.as_str(), m.due_date),
        ("P-1002", "M1", date(2026, 5, 29))
    );
}

#[test]
fn work_examples_hold_what_they_say() {
    let (records, _) = read(Kind::TimeReports, &[example("time-reports.csv")], None);
    let reports = time_reports(records);
    assert_eq!(reports.len(), 4);
    let r = &reports[3];
    assert_eq!(
        (r.person.as_str(), r.role.as_str()),
        ("Ada Varga", "senior consultant")
    );
    assert_eq!(
        (r.date, r.hours, r.billable),
        (date(2026, 3, 3), d("0.25"), false)
    );

    // JSON: an element's "line" is its index in the array.
    let (records, _) = read(Kind::TimeReports, &[example("time-reports.json")], None);
    let reports = time_reports(records);
    let lines: Vec<u64> = reports.iter().map(|r| r.at.line).collect();
    assert_eq!(lines, [1, 2, 3]);
    assert_eq!((reports[0].hours, reports[0].billable), (d("7.75"), true));
    assert_eq!(
        (
            reports[1].hours,
            reports[1].billable,
            reports[1].description.as_deref()
        ),
        (d("4.5"), true, None)
    );
    assert_eq!(
        reports[2].description.as_deref(),
        Some("Workshop preparation\nand notes")
    );

    let (records, _) = read(Kind::Expenses, &[example("expenses.csv")], None);
    let Record::Expense(hotel) = &records[1] else {
        panic!()
    };
    assert_eq!(
        (hotel.description.as_str(), hotel.amount, hotel.billable),
        ("Hotel, two nights", d("3240.00"), true)
    );

    let (records, _) = read(Kind::RevenueItems, &[example("revenue-items.csv")], None);
    let items: Vec<RevenueItemRecord> = records
        .into_iter()
        .map(|r| match r {
            Record::RevenueItem(i) => i,
            other => panic!("{other:?}"),
        })
        .collect();
    let design = &items[0];
    assert_eq!(
        (
            design.billing_rule,
            design.amount,
            design.milestone.as_deref()
        ),
        (BillingRule::Milestone, Some(d("12000.00")), Some("M1"))
    );
    assert_eq!(
        (design.vat_rate, design.planned_invoice_date),
        (d("25.5"), date(2026, 4, 15))
    );
    assert_eq!(design.internal_description, None);
    assert_eq!(
        (items[1].billing_rule, items[1].amount, items[1].unit_price),
        (BillingRule::TimeAndMaterials, None, None)
    );
    assert_eq!(items[3].unit_price, Some(d("1150.00")));
}

/// One time report as the trackers' samples hold it.
fn report(
    key: &str,
    project: &str,
    person: &str,
    day: (i32, u32, u32),
    hours: &str,
    billable: bool,
    description: &str,
) -> (
    String,
    String,
    String,
    String,
    chrono::NaiveDate,
    rust_decimal::Decimal,
    bool,
    Option<String>,
) {
    (
        key.into(),
        project.into(),
        person.into(),
        "consultant".into(),
        date(day.0, day.1, day.2),
        d(hours),
        billable,
        Some(description.into()),
    )
}

fn fields_of(
    r: &TimeReportRecord,
) -> (
    String,
    String,
    String,
    String,
    chrono::NaiveDate,
    rust_decimal::Decimal,
    bool,
    Option<String>,
) {
    (
        r.key.clone().unwrap_or_default(),
        r.project.clone(),
        r.person.clone(),
        r.role.clone(),
        r.date,
        r.hours,
        r.billable,
        r.description.clone(),
    )
}

#[test]
fn a_toggl_detailed_export_reads_through_its_mapping_alone() {
    let m = mapping(&example("toggl-detailed.toml"), Kind::TimeReports);
    let (records, errors) = read(
        Kind::TimeReports,
        &[example("toggl-detailed.csv")],
        Some(&m),
    );
    assert_eq!(errors, Vec::<String>::new());
    let reports = time_reports(records);
    let found: Vec<_> = reports.iter().map(fields_of).collect();
    assert_eq!(
        found,
        [
            report(
                "ada@example.com / 2026-03-02 / 09:00:00",
                "P-1001",
                "Ada Varga",
                (2026, 3, 2),
                "3.5",
                true,
                "Wireframes for the product pages"
            ),
            report(
                "ada@example.com / 2026-03-02 / 13:15:00",
                "P-1001",
                "Ada Varga",
                (2026, 3, 2),
                "4",
                true,
                "Wireframes, second round"
            ),
            report(
                "bo@example.com / 2026-03-02 / 08:30:00",
                "P-1001",
                "Bo Lindqvist",
                (2026, 3, 2),
                "6.0125",
                true,
                "Content model"
            ),
            report(
                "chidi@example.com / 2026-03-03 / 23:30:00",
                "P-1002",
                "Chidi Okafor",
                (2026, 3, 3),
                "0.75",
                false,
                "Night run \"backfill\" check"
            ),
        ]
    );
    let lines: Vec<u64> = reports.iter().map(|r| r.at.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);

    // The same export saved with a byte order mark reads the same.
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(example("toggl-detailed.csv")).unwrap());
    let with_bom = dir.path().join("toggl-detailed.csv");
    std::fs::write(&with_bom, bytes).unwrap();
    let (again, errors) = read(Kind::TimeReports, &[with_bom], Some(&m));
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(
        time_reports(again)
            .iter()
            .map(fields_of)
            .collect::<Vec<_>>(),
        found
    );
}

#[test]
fn a_clockify_detailed_export_reads_through_its_mapping_alone() {
    let m = mapping(&example("clockify-detailed.toml"), Kind::TimeReports);
    let (records, errors) = read(
        Kind::TimeReports,
        &[example("clockify-detailed.csv")],
        Some(&m),
    );
    assert_eq!(errors, Vec::<String>::new());
    let found: Vec<_> = time_reports(records).iter().map(fields_of).collect();
    assert_eq!(
        found,
        [
            report(
                "ada@example.com / 03/02/2026 / 09:00:00 AM",
                "P-1001",
                "Ada Varga",
                (2026, 3, 2),
                "3.5",
                true,
                "Wireframes for the product pages"
            ),
            report(
                "bo@example.com / 03/02/2026 / 01:15:00 PM",
                "P-1001",
                "Bo Lindqvist",
                (2026, 3, 2),
                "4.008333",
                true,
                "Content model"
            ),
            // From 11:30 PM to 12:45 AM the next day, dated the day it started.
            report(
                "chidi@example.com / 03/03/2026 / 11:30:00 PM",
                "P-1002",
                "Chidi Okafor",
                (2026, 3, 3),
                "1.25",
                false,
                "Night run \"backfill\" check"
            ),
        ]
    );

    // Read from its `Duration (h)` column instead, the hours are those of the clock.
    let by_duration = support::import::mapping_text(
        "[format]\ndate_format = \"%m/%d/%Y\"\nduration = \"h:mm:ss\"\n[columns]\n\
         project = \"Project\"\nperson = \"User\"\ndate = \"Start Date\"\n\
         hours = \"Duration (h)\"\nbillable = \"Billable\"\n[constants]\nrole = \"consultant\"\n",
        Kind::TimeReports,
    );
    let (records, errors) = read(
        Kind::TimeReports,
        &[example("clockify-detailed.csv")],
        Some(&by_duration),
    );
    assert_eq!(errors, Vec::<String>::new());
    let hours: Vec<_> = time_reports(records)
        .iter()
        .map(|r| (r.date, r.hours))
        .collect();
    let clock: Vec<_> = found.iter().map(|f| (f.4, f.5)).collect();
    assert_eq!(hours, clock);
}

/// The workbook example holds what its CSV holds, row for row (its rows numbered as the CSV's
/// lines), with typed cells: dates as dates, rates as numbers. `FINCTL_WRITE_DOCS=1 cargo test
/// --test integration import_files::` writes it again from the CSV.
#[test]
fn the_workbook_example_equals_its_csv() {
    let xlsx = example("projects.xlsx");
    if std::env::var_os("FINCTL_WRITE_DOCS").is_some() {
        write_projects_workbook(&xlsx);
    }
    let (from_csv, _) = read(Kind::Projects, &[example("projects.csv")], None);
    let (from_xlsx, errors) = read(Kind::Projects, std::slice::from_ref(&xlsx), None);
    assert_eq!(errors, Vec::<String>::new());
    let file = std::sync::Arc::from(example("projects.csv").display().to_string());
    let relocated: Vec<Record> = from_xlsx
        .into_iter()
        .map(|r| match r {
            Record::Project(mut p) => {
                p.at = Place::new(&file, p.at.line);
                for rate in &mut p.rates {
                    rate.at = Place::new(&file, rate.at.line);
                }
                Record::Project(p)
            }
            other => other,
        })
        .collect();
    assert_eq!(
        relocated, from_csv,
        "docs/examples/projects.xlsx is out of date: run FINCTL_WRITE_DOCS=1 cargo test --test integration import_files::"
    );
}

/// docs/examples/projects.xlsx from projects.csv: dates as date cells, rates as numbers.
fn write_projects_workbook(path: &std::path::Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let text = std::fs::read_to_string(example("projects.csv")).unwrap();
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let headers = csv.headers().unwrap().clone();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in csv.records().enumerate() {
        let row = row.unwrap();
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            if value.is_empty() {
                continue;
            }
            match &headers[c as usize] {
                "start_date" => {
                    let at = ExcelDateTime::parse_from_str(value).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &at, &date_format)
                        .unwrap();
                }
                "hourly_rate" => {
                    let number: f64 = value.replace(',', "").parse().unwrap();
                    sheet.write_number(r, c, number).unwrap();
                }
                _ => {
                    sheet.write_string(r, c, value).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// docs/import.md names every field of every kind, and every example.
#[test]
fn the_import_doc_names_every_field_and_example() {
    let doc = std::fs::read_to_string(example("../import.md")).unwrap();
    for kind in Kind::ALL {
        let heading = format!("### `{kind}`");
        let at = doc
            .find(&heading)
            .unwrap_or_else(|| panic!("no section {heading}"));
        let section = &doc[at + heading.len()..];
        let section = &section[..section.find("\n### ").unwrap_or(section.len())];
        for f in fields(kind) {
            assert!(
                section.contains(&format!("| `{}` |", f.name)),
                "{kind}: {} is not in its table",
                f.name
            );
        }
    }
    for entry in std::fs::read_dir(example("")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            doc.contains(&format!("examples/{name}")),
            "docs/import.md does not name {name}"
        );
    }
}
