//! What the import refuses and how it says so: every bad value of every row as
//! `FILE:LINE: column: message`, never only the first; a header's mistakes once for the file;
//! figures that could be read two ways; dates out of range; hours past a day; and a bad row at
//! the end of 100,000 found as exactly that row.

use crate::support;

use finctl::import::{Kind, Record, date_range, open};
use std::io::Write;
use support::import::{file, mapping_text, read};
use support::{d, date};

#[test]
fn every_bad_value_of_every_row_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(
        dir.path(),
        "hours.csv",
        "key,project,person,role,date,hours,billable,description\n\
         TR-1,P-1,Ada,dev,2026-03-02,7.5,yes,fine\n\
         TR-2,,Ada,dev,2026-02-30,25,maybe,\n\
         TR-3,P-1,Ada,dev,1969-12-31,\"1,234\",no,\"two\n\
         lines are fine in a description\"\n\
         TR-4,P-1,Ada,dev,2026-03-02,-1,no\n\
         TR-5,P-1,Ada,dev,2026-03-04,0.5,no,fine\n",
    );
    let (records, errors) = read(Kind::TimeReports, &[f], None);
    assert_eq!(
        errors,
        [
            "hours.csv:3: project: empty: a value is required",
            "hours.csv:3: date: \"2026-02-30\" is not a date in the format %Y-%m-%d",
            "hours.csv:3: hours: 25 hours: more than 24 hours in one report",
            "hours.csv:3: billable: \"maybe\": yes or no (true or false, 1 or 0)",
            "hours.csv:4: date: 1969-12-31 is outside 1970-01-01 to 2100-12-31",
            "hours.csv:4: hours: \"1,234\" could be 1234 or 1.234: write 1234 without a \
             thousands separator, or 1.2340 with a fourth decimal",
            "hours.csv:6: 7 fields, but the header has 8",
        ]
    );
    let keys: Vec<_> = records
        .iter()
        .map(|r| r.key().unwrap_or_default())
        .collect();
    assert_eq!(keys, ["TR-1", "TR-5"]);
    assert_eq!(records[1].at().line, 7);
    assert_eq!(date_range(), (date(1970, 1, 1), date(2100, 12, 31)));
}

#[test]
fn a_header_is_refused_once_for_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // A typo in a header never drops its column silently; each missing field is one error.
    let typo = file(
        dir.path(),
        "typo.csv",
        "project,date,descripton,amount,bilable\nP-1,2026-03-02,x,1,yes\n",
    );
    let (records, errors) = read(Kind::Expenses, &[typo], None);
    assert!(records.is_empty());
    let columns: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": ").nth(1).unwrap())
        .collect();
    assert_eq!(
        columns,
        ["descripton", "bilable", "description", "billable"],
        "{errors:#?}"
    );
    assert!(
        errors[0].starts_with("typo.csv:1: descripton: not a field of expenses (key, project,")
    );
    assert_eq!(
        errors[2],
        "typo.csv:1: description: missing: a required field (a column of the file, or a constant \
         of a mapping)"
    );
    // Files that cannot be read say why, and the other files are still read.
    let good = file(
        dir.path(),
        "good.csv",
        "project,date,description,amount,billable\nP-1,2026-03-02,Taxi,12.50,yes\n",
    );
    let odd = file(dir.path(), "notes.txt", "hello");
    let (records, errors) = read(
        Kind::Expenses,
        &[odd, dir.path().join("gone.csv"), good],
        None,
    );
    assert_eq!(records.len(), 1);
    assert_eq!(
        errors[0],
        "notes.txt: unknown file type: name it .csv, .json or .xlsx"
    );
    assert!(
        errors[1].starts_with("gone.csv: cannot open: "),
        "{errors:?}"
    );
}

#[test]
fn a_mapping_declares_delimiter_decimal_comma_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let m = mapping_text(
        "[format]\ndelimiter = \";\"\ndecimal = \",\"\ndate_format = \"%d.%m.%Y\"\n\
         [columns]\nproject = \"Projekt\"\ndate = \"Datum\"\ndescription = \"Beschreibung\"\n\
         amount = \"Betrag\"\n[constants]\nbillable = true\n",
        Kind::Expenses,
    );
    let f = file(
        dir.path(),
        "spesen.csv",
        "Projekt;Datum;Beschreibung;Betrag;Kostenstelle\n\
         P-1;02.03.2026;Hotel;1.234,56;K1\n\
         P-1;03.03.2026;Taxi;12,5;K1\n\
         P-1;04.03.2026;Zug;1,234.56;K1\n\
         P-1;05.03.2026;Zug;1.234;K1\n\
         P-1;2026-03-06;Zug;7;K1\n",
    );
    let (records, errors) = read(Kind::Expenses, &[f], Some(&m));
    let amounts: Vec<_> = records
        .iter()
        .map(|r| match r {
            Record::Expense(e) => (e.date, e.amount, e.billable),
            _ => panic!(),
        })
        .collect();
    assert_eq!(
        amounts,
        [
            (date(2026, 3, 2), d("1234.56"), true),
            (date(2026, 3, 3), d("12.5"), true)
        ]
    );
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_eq!(
        errors[0],
        "spesen.csv:4: Betrag: \"1,234.56\" has a thousands separator after its decimal \
         separator (the decimal separator declared is ',')"
    );
    assert!(errors[1].starts_with("spesen.csv:5: Betrag: \"1.234\" could be 1234 or 1.234"));
    assert_eq!(
        errors[2],
        "spesen.csv:6: Datum: \"2026-03-06\" is not a date in the format %d.%m.%Y"
    );
}

#[test]
fn hours_from_start_and_end() {
    let dir = tempfile::tempdir().unwrap();
    let m = mapping_text(
        "[format]\ntime_format = \"%H:%M\"\n[columns]\nproject = \"Project\"\nperson = \"Who\"\n\
         start_date = \"Day\"\nstart_time = \"From\"\nend_time = \"To\"\nend_date = \"Day ends\"\n\
         [constants]\nrole = \"dev\"\nbillable = \"yes\"\n",
        Kind::TimeReports,
    );
    let f = file(
        dir.path(),
        "clock.csv",
        "Project,Who,Day,From,To,Day ends\n\
         P-1,Ada,2026-03-02,09:00,17:30,\n\
         P-1,Ada,2026-03-02,23:00,01:00,2026-03-03\n\
         P-1,Ada,2026-03-02,17:00,09:00,\n\
         P-1,Ada,2026-03-02,09:00,09:30,2026-03-04\n\
         P-1,Ada,2026-03-02,,10:00,\n",
    );
    let (records, errors) = read(Kind::TimeReports, &[f], Some(&m));
    let hours: Vec<_> = records
        .iter()
        .map(|r| match r {
            Record::TimeReport(t) => (t.date, t.hours),
            _ => panic!(),
        })
        .collect();
    assert_eq!(
        hours,
        [(date(2026, 3, 2), d("8.5")), (date(2026, 3, 2), d("2"))]
    );
    assert_eq!(
        errors,
        [
            "clock.csv:4: To: from 2026-03-02 17:00:00 to 2026-03-02 09:00:00: a duration cannot be negative",
            "clock.csv:5: To: from 2026-03-02 09:00:00 to 2026-03-04 09:30:00: more than 24 hours in one report",
            "clock.csv:6: From: empty: this row needs a value",
        ]
    );
}

#[test]
fn json_elements_are_named_by_their_index() {
    let dir = tempfile::tempdir().unwrap();
    let f = file(
        dir.path(),
        "items.json",
        r#"[
          {"project": "P-1", "name": "Design", "type": "Services", "billing_rule": "fixed",
           "amount": 1200.50, "planned_invoice_date": "2026-04-01", "vat_rate": 25.5},
          {"project": "P-1", "name": "Go live", "type": "Services", "billing_rule": "milestone",
           "amount": "1,200.5", "planned_invoice_date": "2026-04-01", "vat_rate": 25.5},
          {"project": "P-1", "name": "Hosting", "type": "Hosting", "billing_rule": "progress",
           "amount": 1e3, "planned_invoice_date": "2026-04-01", "vat_rate": 125, "colour": "red"},
          {"project": "P-1", "name": "Fixed", "type": "Services", "billing_rule": "fixed",
           "milestone": "M1", "planned_invoice_date": "2026-04-01", "vat_rate": 0}
        ]"#,
    );
    let (records, errors) = read(Kind::RevenueItems, &[f], None);
    assert_eq!(records.len(), 1);
    let Record::RevenueItem(item) = &records[0] else {
        panic!()
    };
    assert_eq!(item.amount, Some(d("1200.50")));
    assert_eq!(errors.len(), 7, "{errors:#?}");
    assert_eq!(
        errors[0],
        "items.json:2: milestone: empty: this row needs a value"
    );
    assert!(errors[1].starts_with("items.json:3: colour: not a field of revenue-items"));
    // The element's wrong key, then every wrong value.
    assert_eq!(
        errors[2..],
        [
            "items.json:3: billing_rule: progress items are made by validated progress \
             statuses, not imported",
            "items.json:3: amount: 1e3 has an exponent: write the number out",
            "items.json:3: vat_rate: 125%: a percentage from 0 to 100",
            "items.json:4: amount: empty: this row needs a value",
            "items.json:4: milestone: only milestone items have a milestone",
        ]
    );
    // A JSON element lacking required keys: one refusal for each.
    let f = file(
        dir.path(),
        "items2.json",
        r#"[{"project": "P-1", "name": "Hosting"}]"#,
    );
    let (_, errors) = read(Kind::RevenueItems, &[f], None);
    let columns: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": ").nth(1).unwrap())
        .collect();
    assert_eq!(
        columns,
        ["type", "billing_rule", "planned_invoice_date", "vat_rate"]
    );
    assert!(errors[0].starts_with("items2.json:1: type: missing: a required field"));
}

#[test]
fn a_workbook_keeps_its_cells_typed() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("expenses.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["project", "date", "description", "amount", "billable"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let day = Format::new().set_num_format("dd.mm.yyyy");
    let at = ExcelDateTime::from_ymd(2026, 3, 2).unwrap();
    sheet.write_string(1, 0, "P-1").unwrap();
    sheet.write_datetime_with_format(1, 1, &at, &day).unwrap();
    sheet.write_string(1, 2, "Hotel").unwrap();
    sheet.write_number(1, 3, 1234.56).unwrap();
    sheet.write_boolean(1, 4, true).unwrap();
    // A number where a date belongs, text a typed number could not be, a formula's error.
    sheet.write_string(2, 0, "P-1").unwrap();
    sheet.write_number(2, 1, 46083.0).unwrap();
    sheet.write_string(2, 2, "Taxi").unwrap();
    sheet.write_string(2, 3, "12,50").unwrap();
    sheet.write_string(2, 4, "no").unwrap();
    sheet.write_string(4, 0, "P-1").unwrap();
    sheet.write_string(4, 1, "2026-03-04").unwrap();
    sheet.write_string(4, 2, "Lunch").unwrap();
    sheet
        .write_formula(4, 3, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    sheet.write_string(4, 4, "yes").unwrap();
    book.save(&path).unwrap();
    let (records, errors) = read(Kind::Expenses, &[path], None);
    let Record::Expense(hotel) = &records[0] else {
        panic!()
    };
    assert_eq!(
        (hotel.date, hotel.amount, hotel.billable),
        (date(2026, 3, 2), d("1234.56"), true)
    );
    assert_eq!(records.len(), 1);
    // Row 4 is empty and skipped; rows keep Excel's numbers.
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("expenses.xlsx:3: date: the number 46083 is not a date"));
    assert!(errors[1].starts_with("expenses.xlsx:3: amount: \"12,50\""));
    assert!(
        errors[2].starts_with("expenses.xlsx:5: amount: "),
        "{}",
        errors[2]
    );
}

/// 100,000 rows, the last one bad: reported as exactly that row, every other row a record.
#[test]
fn a_bad_row_at_the_end_of_100000_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        out,
        "key,project,person,role,date,hours,billable,description"
    )
    .unwrap();
    for i in 1..100_000 {
        writeln!(
            out,
            "TR-{i},P-{},Person {},dev,2026-03-{:02},{}.5,yes,Row {i}",
            i % 50,
            i % 30,
            1 + i % 28,
            i % 9
        )
        .unwrap();
    }
    writeln!(
        out,
        "TR-100000,P-1,Ada,dev,2026-03-02,7.5.0,yes,The last row"
    )
    .unwrap();
    drop(out);
    let mut records = 0;
    let mut last_line = 0;
    let mut errors = Vec::new();
    for outcome in open(Kind::TimeReports, &path, None).unwrap() {
        match outcome {
            Ok(r) => {
                records += 1;
                last_line = r.at().line;
            }
            Err(e) => errors.extend(e.iter().map(|e| e.to_string())),
        }
    }
    assert_eq!(records, 99_999);
    assert_eq!(last_line, 100_000);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].ends_with(
            "big.csv:100001: hours: \"7.5.0\" has more than one '.', the decimal separator declared"
        ),
        "{errors:?}"
    );
}

mod no_file_panics {
    use super::support::import::{file, mapping_text};
    use finctl::import::{Kind, read_files};
    use proptest::prelude::*;

    /// Text that looks like a CSV or JSON file of the kind, or anything at all.
    fn contents() -> impl Strategy<Value = String> {
        prop_oneof![
            "(key,project,person,role,date,hours,billable,description|name,currency,rate_role,hourly_rate|[a-z_ ,;]{0,30})\n([-0-9a-zA-Z.,:;\"\n ]{0,60})",
            "\\[( *\\{(\"[a-z_]{1,12}\": *(\"[-0-9a-z.,: ]{0,12}\"|[-0-9.e]{1,8}|true|null|\\[\\]|\\{\\}) *,? *){0,6}\\} *,?){0,4}\\]?",
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever a file holds, reading it answers with records or refusals: it never
        /// panics and never hangs.
        #[test]
        fn whatever_a_file_holds(text in contents(), kind in 0usize..7, ext in 0usize..3, mapped in any::<bool>()) {
            let kind = Kind::ALL[kind];
            let dir = tempfile::tempdir().unwrap();
            let name = ["x.csv", "x.json", "x.xlsx"][ext];
            let path = if ext == 2 {
                let mut bytes = b"PK\x03\x04".to_vec();
                bytes.extend(text.as_bytes());
                let path = dir.path().join(name);
                std::fs::write(&path, bytes).unwrap();
                path
            } else {
                file(dir.path(), name, &text)
            };
            let mapping = mapped.then(|| mapping_text(
                "[format]\ndelimiter = \";\"\ndecimal = \",\"\nduration = \"h:mm\"\n",
                kind,
            ));
            let mut records = 0;
            let _ = read_files(kind, &[path], mapping.as_ref(), |_| records += 1);
            prop_assert!(records <= text.len());
        }
    }
}
