//! PDF files read back with pdf-extract: page counts, the number, the totals, "page i of n" and
//! the repeated header of a long invoice; an item summary; `finctl pdf invoice`.

use crate::support;

use finctl::domain::NumberFormat;
use finctl::domain::billing_rule::BillingRule;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::numbering::DocumentKind;
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::files;
use finctl::presentation::amount;
use finctl::store::Store;
use finctl::store::documents::Invoice;
use finctl::store::revenue_items::NewRevenueItem;
use rust_decimal::Decimal;
use std::path::Path;
use std::process::Command;
use support::store::{demo_store, today};

/// The default format: `1,234.56`.
const EN: NumberFormat = NumberFormat::CommaPoint;

fn invoices(store: &Store) -> Vec<Invoice> {
    let mut ids = Vec::new();
    store
        .for_each_invoice_row(|r| {
            ids.push(r.id);
            Ok(())
        })
        .unwrap();
    ids.into_iter()
        .map(|id| store.invoice(id).unwrap())
        .collect()
}

/// The page objects in the file, counted independently of the writer's answer.
fn page_objects(file: &Path) -> usize {
    let bytes = std::fs::read(file).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

/// Set FINCTL_PDF_OUT=DIR to keep the PDFs the tests write, to look at them.
fn keep(file: &Path) {
    if let Some(dir) = std::env::var_os("FINCTL_PDF_OUT") {
        let to = Path::new(&dir).join(file.file_name().unwrap());
        std::fs::copy(file, to).unwrap();
    }
}

fn text(file: &Path) -> String {
    keep(file);
    pdf_extract::extract_text(file).expect("text extracts")
}

/// The text with all whitespace removed: extraction spaces words as it sees fit.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_short_invoice_is_one_page_with_number_parties_and_totals() {
    let (dir, _db, store) = demo_store();
    let inv = invoices(&store)
        .into_iter()
        .find(|i| i.kind == DocumentKind::Invoice && i.status == InvoiceStatus::Confirmed)
        .unwrap();
    let file = dir.path().join("invoice.pdf");
    let pages = files::invoice_pdf(&store, inv.id, &file, EN).unwrap();
    assert_eq!(pages, 1);
    assert_eq!(page_objects(&file), 1);
    let t = squeezed(&text(&file));
    let number = inv.number.clone().unwrap();
    for want in [
        number.as_str(),
        "AuroraConsultingOy",
        "FI27818141",
        "FI2112345600000785",
        &squeezed(&inv.account_name),
        &amount(EN, inv.gross),
        &amount(EN, inv.net),
        &inv.due_date.to_string(),
        "page1of1",
        "INVOICE",
    ] {
        assert!(t.contains(want), "{want:?} missing from {t}");
    }
}

/// Issue 11: the PDF is written in the number format of the user who asks for it.
#[test]
fn an_invoice_reads_in_the_users_number_format() {
    let (dir, _db, store) = demo_store();
    let inv = invoices(&store)
        .into_iter()
        .find(|i| {
            i.kind == DocumentKind::Invoice
                && i.status == InvoiceStatus::Confirmed
                && i.gross >= Decimal::from(1000)
        })
        .expect("a confirmed invoice of at least 1,000");
    let de = NumberFormat::PointComma;
    let file = dir.path().join("invoice-de.pdf");
    files::invoice_pdf(&store, inv.id, &file, de).unwrap();
    let t = squeezed(&text(&file));
    let gross = amount(de, inv.gross);
    assert!(gross.contains('.') && gross.contains(','), "{gross}");
    assert!(t.contains(&gross), "{gross:?} missing from {t}");
    assert!(!t.contains(&amount(EN, inv.gross)), "{t}");
}

#[test]
fn a_credit_note_names_the_invoice_it_credits() {
    let (dir, _db, store) = demo_store();
    let cn = invoices(&store)
        .into_iter()
        .find(|i| i.kind == DocumentKind::CreditNote && i.number.is_some())
        .unwrap();
    let file = dir.path().join("credit.pdf");
    files::invoice_pdf(&store, cn.id, &file, EN).unwrap();
    let t = squeezed(&text(&file));
    assert!(t.contains("CREDITNOTE"), "{t}");
    assert!(t.contains(&cn.credited_invoice_number.clone().unwrap()));
    assert!(t.contains(&amount(EN, cn.gross)));
}

/// A draft of 80 lines for one account: 80 billable items on one launched project.
fn long_draft(store: &mut Store) -> i64 {
    let project = store.project_by_code("P-0001").unwrap().unwrap();
    let items: Vec<NewRevenueItem> = (0..80)
        .map(|i| NewRevenueItem {
            project_id: project.id,
            milestone_id: None,
            name: format!("Sprint {i}"),
            item_type: "Services".into(),
            billing_rule: BillingRule::Fixed,
            unit_price: None,
            planned_amount: Decimal::new(100_000 + 1_234 * i, 2),
            planned_invoice_date: today(),
            status: RevenueStatus::Billable,
            vat_rate: if i % 4 == 0 {
                Decimal::new(10, 0)
            } else {
                Decimal::new(24, 0)
            },
            // Some long enough to wrap, one with control characters.
            invoice_description: match i % 5 {
                0 => format!(
                    "Sprint {i}: design, implementation, review and deployment of the \
                     customer portal's invoicing module, with acceptance tests"
                ),
                1 => format!("Sprint {i}\u{1b}[31m red\u{7}"),
                _ => format!("Sprint {i}"),
            },
            internal_description: String::new(),
            origin: Origin::Manual,
        })
        .collect();
    let ids = store.create_revenue_items(&items).unwrap();
    let made = store.make_drafts(&ids, today()).unwrap();
    assert_eq!(made.invoices.len(), 1, "{:?}", made.skipped);
    made.invoices[0]
}

#[test]
fn a_long_invoice_breaks_across_pages_repeating_its_header() {
    let (dir, _db, mut store) = demo_store();
    let id = long_draft(&mut store);
    let inv = store.invoice(id).unwrap();
    assert_eq!(inv.lines.len(), 80);
    let file = dir.path().join("long.pdf");
    let pages = files::invoice_pdf(&store, id, &file, EN).unwrap();
    assert!(pages >= 3, "80 lines on {pages} pages");
    assert_eq!(page_objects(&file), pages);
    keep(&file);
    let by_page = pdf_extract::extract_text_by_pages(&file).unwrap();
    assert_eq!(by_page.len(), pages);
    for (i, page) in by_page.iter().enumerate() {
        let t = squeezed(page);
        assert!(
            t.contains(&format!("page{}of{pages}", i + 1)),
            "page {i}: {t}"
        );
        // The header on every page: seller, kind, number (a draft has none) and dates.
        for want in ["AuroraConsultingOy", "INVOICE", "DRAFT", "Invoicedate"] {
            assert!(t.contains(want), "page {}: no {want}", i + 1);
        }
        assert!(!page.contains('\u{1b}') && !page.contains('\u{7}'));
    }
    // The table header on every page that has lines: all but possibly the last.
    for page in &by_page[..pages - 1] {
        assert!(squeezed(page).contains("Unitprice"));
    }
    let all = squeezed(&by_page.concat());
    assert!(all.contains("page2of"));
    assert!(all.contains(&amount(EN, inv.gross)));
    assert!(all.contains("VAT10%of") && all.contains("VAT24%of"));
    assert!(all.contains("Sprint79"));
    assert!(all.contains("Sprint1[31mred"), "control characters dropped");
    assert!(
        all.contains("withacceptancetests"),
        "wrapped text kept whole"
    );
}

/// A draft of three lines for one account, the middle one `description`.
fn draft_with(store: &mut Store, description: &str) -> i64 {
    let project = store.project_by_code("P-0001").unwrap().unwrap();
    let items: Vec<NewRevenueItem> = ["Before", description, "After"]
        .iter()
        .enumerate()
        .map(|(i, text)| NewRevenueItem {
            project_id: project.id,
            milestone_id: None,
            name: format!("Part {i}"),
            item_type: "Services".into(),
            billing_rule: BillingRule::Fixed,
            unit_price: None,
            planned_amount: Decimal::new(100_000, 2),
            planned_invoice_date: today(),
            status: RevenueStatus::Billable,
            vat_rate: Decimal::new(24, 0),
            invoice_description: text.to_string(),
            internal_description: String::new(),
            origin: Origin::Manual,
        })
        .collect();
    let ids = store.create_revenue_items(&items).unwrap();
    let made = store.make_drafts(&ids, today()).unwrap();
    assert_eq!(made.invoices.len(), 1, "{:?}", made.skipped);
    made.invoices[0]
}

#[test]
fn a_description_longer_than_a_page_continues_on_the_next_pages() {
    let (dir, _db, mut store) = demo_store();
    // About 6,000 characters of numbered words: where each one lands can be checked.
    let words: Vec<String> = (0..667).map(|i| format!("word{i:04}")).collect();
    let description = words.join(" ");
    assert!((5_900..6_100).contains(&description.len()));
    let id = draft_with(&mut store, &description);
    let file = dir.path().join("tall-line.pdf");
    let pages = files::invoice_pdf(&store, id, &file, EN).unwrap();
    assert!(pages >= 3, "a 6,000-character line on {pages} pages");
    assert_eq!(page_objects(&file), pages);
    keep(&file);
    let by_page: Vec<String> = pdf_extract::extract_text_by_pages(&file)
        .unwrap()
        .iter()
        .map(|p| squeezed(p))
        .collect();
    assert_eq!(by_page.len(), pages);
    // Each word exactly once, in order, read page after page.
    let mut at = (0, 0);
    for w in &words {
        let (page, from) = at;
        let found = by_page[page][from..]
            .find(w.as_str())
            .map(|i| (page, from + i))
            .or_else(|| (page + 1..pages).find_map(|p| by_page[p].find(w.as_str()).map(|i| (p, i))))
            .unwrap_or_else(|| panic!("{w} missing or out of order"));
        at = (found.0, found.1 + w.len());
    }
    let all = by_page.concat();
    for w in &words {
        assert_eq!(all.matches(w.as_str()).count(), 1, "{w} printed once");
    }
    // It starts on the first page, under the line before it, and spans at least three pages.
    assert!(by_page[0].contains("Before") && by_page[0].contains("word0000"));
    let spanned = by_page.iter().filter(|p| p.contains("word")).count();
    assert!(spanned >= 3, "{spanned} pages");
    for (i, page) in by_page.iter().enumerate() {
        assert!(
            page.contains(&format!("page{}of{pages}", i + 1)),
            "page {i}"
        );
        // The table header above every part of the line.
        if page.contains("word") {
            assert!(
                page.contains("Unitprice"),
                "page {}: no table header",
                i + 1
            );
        }
    }
    // The line after it and the totals follow, once.
    assert!(all.contains("After") && all.contains("Nettotal"));
}

#[test]
fn an_item_summary_shows_the_item_its_context_and_history() {
    let (dir, _db, store) = demo_store();
    // The demo's first item carries an escape sequence in its name.
    let id = store
        .item_rows(
            &finctl::store::item_list::ItemFilter {
                due_until: None,
                text: "Hosting".into(),
                today: None,
            },
            &finctl::store::Bound::Start,
            1000,
        )
        .unwrap()
        .into_iter()
        .find(|r| r.name.contains('\u{1b}'))
        .map(|r| r.id)
        .expect("the demo's item with control characters");
    let item = store.revenue_item(id).unwrap();
    let file = dir.path().join("item.pdf");
    let pages = files::item_summary_pdf(&store, id, today(), &file, EN).unwrap();
    assert!(pages >= 1);
    assert_eq!(page_objects(&file), pages);
    let t = text(&file);
    assert!(!t.contains('\u{1b}'));
    let t = squeezed(&t);
    let name: String = squeezed(&item.name.replace(|c: char| c.is_control(), ""));
    assert!(t.contains(&name), "{name} missing from {t}");
    for want in [
        "Revenue",
        "Billing",
        "Changehistory",
        "Invoicedescription",
        "page1of",
    ] {
        assert!(t.contains(want), "{want} missing");
    }
    assert!(t.contains(&amount(EN, item.planned_amount)));
    // The history reads as sentences, not JSON.
    assert!(!t.contains("{\""), "a JSON snapshot in {t}");
    assert!(t.contains("created(billingrule"), "{t}");
}

#[test]
fn the_command_writes_the_named_invoice_and_refuses_unknown_numbers() {
    let (dir, db, store) = demo_store();
    let inv = invoices(&store)
        .into_iter()
        .find(|i| i.number.is_some())
        .unwrap();
    let number = inv.number.unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_finctl"))
            .args(["--db", db.to_str().unwrap(), "pdf", "invoice"])
            .args(args)
            .current_dir(dir.path())
            .env("HOME", std::env::temp_dir())
            .output()
            .unwrap()
    };
    let out = run(&[&number]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("{number}.pdf")) && stdout.contains("1 page"),
        "{stdout}"
    );
    assert!(dir.path().join(format!("{number}.pdf")).exists());

    let chosen = dir.path().join("chosen.pdf");
    let out = run(&[&number, "-o", chosen.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(squeezed(&text(&chosen)).contains(&number));

    let out = run(&["INV-NOPE"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no invoice or credit note numbered"));
}

/// Issue 11: `finctl pdf invoice` writes figures in the user's format: their locale's while
/// they chose none, then the one they chose with `finctl user format`.
#[test]
fn the_command_writes_figures_in_the_users_format() {
    let (dir, db, store) = demo_store();
    let inv = invoices(&store)
        .into_iter()
        .find(|i| i.number.is_some() && i.gross >= Decimal::from(1000))
        .unwrap();
    let number = inv.number.clone().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_finctl"))
            .args(["--db", db.to_str().unwrap()])
            .args(args)
            .current_dir(dir.path())
            .env("HOME", std::env::temp_dir())
            .env_remove("LC_ALL")
            .env_remove("LC_NUMERIC")
            .env("LANG", "de_DE.UTF-8")
            .output()
            .unwrap()
    };
    let german = dir.path().join("german.pdf");
    let out = run(&["pdf", "invoice", &number, "-o", german.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = squeezed(&text(&german));
    let gross = amount(NumberFormat::PointComma, inv.gross);
    assert!(t.contains(&gross), "{gross:?} missing from {t}");

    // The binary runs as the operating-system user: it sets its own format.
    let me = nix::unistd::User::from_uid(nix::unistd::getuid())
        .unwrap()
        .unwrap()
        .name;
    let out = run(&["user", "format", &me, "1'234.56"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let swiss = dir.path().join("swiss.pdf");
    let out = run(&["pdf", "invoice", &number, "-o", swiss.to_str().unwrap()]);
    assert!(out.status.success());
    let t = squeezed(&text(&swiss));
    let gross = amount(NumberFormat::ApostrophePoint, inv.gross);
    assert!(t.contains(&gross), "{gross:?} missing from {t}");
}
