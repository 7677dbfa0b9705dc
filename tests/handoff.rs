//! The ERP hand-off, end to end on demo databases made by the binary: the documents pass the
//! UBL 2.1 schema and the CEN and PEPPOL rules (run by tests/ubl/validate.js, installed here
//! when missing: the test fails, never skips, when it cannot validate); journal.csv matches
//! `finctl export` to the cent; a second run hands off nothing; the settings it needs. Crashes,
//! the journal's life with the ERP, the folder lock and two folders: tests/handoff_recovery.rs.

use crate::support;

use finctl::store::Store;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use support::handoff::Demo;
use support::{d, text};

static VALIDATORS: Mutex<bool> = Mutex::new(false);

/// tests/ubl with its packages installed (`npm ci` when missing); panics when it cannot be.
fn validators() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ubl");
    let mut ready = VALIDATORS.lock().unwrap_or_else(|e| e.into_inner());
    let installed = ["saxon-js", "xslt3", "xmllint-wasm", "slimdom"]
        .iter()
        .all(|p| {
            dir.join("node_modules")
                .join(p)
                .join("package.json")
                .exists()
        });
    if !*ready && !installed {
        let out = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .output()
            .expect("npm must be installed to validate the hand-off documents");
        assert!(out.status.success(), "npm ci failed: {}", text(&out.stderr));
    }
    *ready = true;
    dir
}

/// Runs validate.js over `files` in two processes at once; returns the summed counts.
fn validate(files: &[PathBuf]) -> (BTreeMap<String, u64>, bool, String) {
    let dir = validators();
    // A copy of ../shared/ubl-2.1 and ../shared/en16931 lives in tests/ubl/shared, so that the
    // check runs wherever the repository is checked out.
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ubl/shared");
    let half = files.len().div_ceil(2).max(1);
    let children: Vec<_> = files
        .chunks(half)
        .map(|chunk| {
            Command::new("node")
                .arg(dir.join("validate.js"))
                .arg("--shared")
                .arg(&shared)
                .args(chunk)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("node must be installed to validate the hand-off documents")
        })
        .collect();
    let (mut counts, mut ok, mut report) = (BTreeMap::new(), true, String::new());
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stdout = text(&out.stdout);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "the validator could not run ({:?}): {}{}",
            out.status,
            stdout,
            text(&out.stderr)
        );
        ok &= out.status.success();
        let summary: BTreeMap<String, u64> =
            serde_json::from_str(stdout.lines().last().unwrap_or("{}")).expect("summary line");
        for (k, v) in summary {
            *counts.entry(k).or_default() += v;
        }
        report.push_str(&stdout);
    }
    (counts, ok, report)
}

#[test]
fn documents_pass_the_ubl_schema_and_the_cen_and_peppol_rules() {
    let demo = Demo::new();
    demo.hand_off(&[]);
    let confirmed = demo.confirmed();
    // The demo covers what the rules must be checked on: both kinds, both currencies, all rates.
    let kinds: BTreeSet<&str> = confirmed
        .values()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    let currencies: BTreeSet<&str> = confirmed
        .values()
        .map(|r| r["currency"].as_str().unwrap())
        .collect();
    let rates: BTreeSet<Decimal> = confirmed
        .values()
        .flat_map(|r| r["lines"].as_array().unwrap().iter())
        .map(|l| d(l["vat_rate"].as_str().unwrap()).normalize())
        .collect();
    assert_eq!(kinds, BTreeSet::from(["credit_note", "invoice"]));
    assert_eq!(currencies, BTreeSet::from(["EUR", "USD"]));
    assert_eq!(rates, ["0", "10", "14", "24"].map(d).into_iter().collect());
    for (number, row) in &confirmed {
        let xml = std::fs::read_to_string(demo.out().join(format!("{number}.xml"))).unwrap();
        if let Some(credited) = row["credited_invoice"].as_str() {
            let reference = format!(
                "<cac:BillingReference>\n    <cac:InvoiceDocumentReference>\n      <cbc:ID>{credited}</cbc:ID>"
            );
            assert!(
                xml.contains(&reference),
                "{number} does not reference {credited}"
            );
            assert!(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"));
        }
    }
    let files: Vec<PathBuf> = confirmed
        .keys()
        .map(|n| demo.out().join(format!("{n}.xml")))
        .collect();
    let (counts, ok, report) = validate(&files);
    println!("{report}");
    assert!(ok, "documents failed validation:\n{report}");
    assert_eq!(counts["documents"], confirmed.len() as u64);
    assert_eq!(counts["invalid"] + counts["fatal"] + counts["warnings"], 0);
    println!("validated: {counts:?}, rates {rates:?}, currencies {currencies:?}");

    // The validators do refuse a wrong document: a total one cent off fails BR-CO-16.
    let bad_dir = tempfile::tempdir().unwrap();
    let bad = bad_dir.path().join("bad.xml");
    let good = std::fs::read_to_string(&files[0]).unwrap();
    let payable = good.find("<cbc:PayableAmount").unwrap();
    let close = payable + good[payable..].find("</cbc:PayableAmount>").unwrap();
    let (head, tail) = good.split_at(close);
    let digit = head.chars().last().unwrap();
    let other = if digit == '9' { '8' } else { '9' };
    std::fs::write(&bad, format!("{}{other}{tail}", &head[..head.len() - 1])).unwrap();
    let (_, ok, report) = validate(&[bad]);
    assert!(!ok && report.contains("BR-CO-16"), "{report}");
}

#[test]
fn journal_matches_the_export_and_a_second_run_hands_off_nothing() {
    let demo = Demo::new();
    let first = demo.hand_off(&[]);
    let confirmed = demo.confirmed();
    assert!(first.contains(&format!("{} document(s) handed off", confirmed.len())));
    let journal = demo.journal();
    assert_eq!(journal.len(), confirmed.len());
    for l in &journal {
        let row = &confirmed[&l["number"]];
        for field in ["kind", "account", "currency"] {
            assert_eq!(
                l[field],
                row[field].as_str().unwrap(),
                "{} {field}",
                l["number"]
            );
        }
        assert_eq!(l["date"], row["invoice_date"].as_str().unwrap());
        for field in ["net", "vat", "gross"] {
            assert_eq!(d(&l[field]), d(row[field].as_str().unwrap()), "{field}");
            assert_eq!(
                l[field].split('.').nth(1).map(str::len),
                Some(2),
                "two decimals"
            );
        }
        assert_eq!(l["file"], format!("{}.xml", l["number"]));
    }
    demo.assert_each_handed_off_once();
    let before = std::fs::read(demo.out().join("journal.csv")).unwrap();
    let second = demo.hand_off(&[]);
    assert!(second.contains("nothing new to hand off"), "{second}");
    assert_eq!(
        std::fs::read(demo.out().join("journal.csv")).unwrap(),
        before
    );

    let number = journal[1]["number"].clone();
    let again = demo.hand_off(&["--again", &number]);
    assert!(again.contains(&format!("again {number}")), "{again}");
    let journal = demo.journal();
    assert_eq!(journal.len(), confirmed.len() + 1);
    assert_eq!(journal.last().unwrap()["number"], number);
    assert_eq!(journal.last().unwrap()["sha256"], journal[1]["sha256"]);
    assert_eq!(demo.marks().last().unwrap(), &(number.clone(), true));
    let unknown = demo.cli(
        &["handoff", "--output", "erp", "--again", "2026-999999"],
        &[],
    );
    assert_eq!(unknown.status.code(), Some(1));
    demo.assert_verifies();
}

#[test]
fn settings_are_shown_checked_and_needed() {
    let demo = Demo::new();
    let show = text(&demo.cli(&["settings", "show"], &[]).stdout);
    for (key, meaning) in finctl::store::settings::KEYS {
        assert!(
            show.contains(key) && show.contains(meaning),
            "{key}: {show}"
        );
    }
    assert!(show.contains("FI27818141"));
    let set = demo.cli(&["settings", "set", "seller.iban", ""], &[]);
    assert!(set.status.success(), "{}", text(&set.stderr));
    let refused = demo.cli(&["handoff", "--output", "erp"], &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("seller.iban"),
        "{}",
        text(&refused.stderr)
    );
    assert!(
        !demo.dir.path().join("erp").exists(),
        "nothing written when refused"
    );

    // Settings are for admins, the hand-off for finance.
    let mut viewer = Store::open(&demo.db, "somebody-else").unwrap();
    assert!(
        viewer
            .set_setting("seller.iban", "FI2112345600000785")
            .is_err()
    );
    let err = finctl::handoff::hand_off(&mut viewer, &demo.out(), None).unwrap_err();
    assert!(format!("{err:#}").contains("seller.iban"), "{err:#}");
    let mut admin = Store::open(&demo.db, &whoami(&demo)).unwrap();
    admin
        .set_setting("seller.iban", "FI2112345600000785")
        .unwrap();
    let err = finctl::handoff::hand_off(&mut viewer, &demo.out(), None).unwrap_err();
    assert!(
        format!("{err:#}").contains("only finance and admins"),
        "{err:#}"
    );
}

/// The operating-system account the binary ran as: the demo database's admin.
fn whoami(demo: &Demo) -> String {
    let out = demo.cli(&["user", "list"], &[]);
    text(&out.stdout)
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("admin"))
        .and_then(|l| l.split('\t').next())
        .expect("an admin")
        .to_string()
}
