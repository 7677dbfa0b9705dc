//! The screens on the tab bar, in order. Adding a screen is a folder of its own and one line
//! here (see docs/architecture.md, "Adding a screen").

use super::keymap::{self, Context, shared};
use super::screen::{ScreenEntry, Screens};
use super::{finance_control, invoices, milestones, progress, projects, reports, revenue_items};
use chrono::NaiveDate;

/// The registration: one line per screen, in tab order.
pub const SCREENS: &[ScreenEntry] = &[
    finance_control::SCREEN,
    revenue_items::SCREEN,
    invoices::SCREEN,
    progress::SCREEN,
    milestones::SCREEN,
    reports::SCREEN,
    projects::SCREEN,
];

/// The views that belong to no screen (the welcome, the change history any screen opens), for
/// docs/keys.md.
pub const OTHER_VIEWS: &[Context] = &[super::welcome::keys::WELCOME, super::history::keys::HISTORY];

/// The screens of the registration, made for `today`, the first one shown.
pub fn all(today: NaiveDate) -> Screens {
    Screens::new(SCREENS, today)
}

/// How the help names the screens, in tab order.
pub fn names() -> Vec<&'static str> {
    SCREENS.iter().map(|e| e.name).collect()
}

/// docs/keys.md: every context of every screen, then the shared ones, from the key table.
pub fn keys_markdown() -> String {
    let mut contexts: Vec<Context> = SCREENS
        .iter()
        .flat_map(|e| e.contexts.iter().copied())
        .collect();
    contexts.extend(OTHER_VIEWS);
    contexts.extend(shared::SHARED_CONTEXTS);
    let mut doc = keymap::markdown(&names(), &contexts);
    doc.push_str(&filter_terms_markdown());
    doc
}

/// docs/keys.md's part on what `/` takes besides words: every term of every list.
fn filter_terms_markdown() -> String {
    use crate::domain::filter_help::term_help;
    use crate::domain::filter_query::ListKind;
    let mut out = String::from(
        "\n## Filter terms\n\nAfter `/` (and in `finctl export revenue-items|invoices --filter \
         \"QUERY\"` for the first two lists), words match as text (name, project code, account, invoice number) and \
         terms `key:value` narrow further; all hold at once, and a term's values separated by \
         commas are alternatives. A value with spaces is quoted: `account:\"Nordic Retail\"`. \
         A term that does not read is said as it is typed, and the list keeps the last filter \
         that read.\n",
    );
    for list in ListKind::ALL {
        out.push_str(&format!(
            "\n### {}\n\n| term | narrows to |\n| --- | --- |\n",
            list.title()
        ));
        for (example, meaning) in term_help(list) {
            out.push_str(&format!("| `{example}` | {meaning} |\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_doc_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
        let generated = keys_markdown();
        if std::env::var_os("FINCTL_WRITE_DOCS").is_some() {
            std::fs::write(path, &generated).expect("write docs/keys.md");
        }
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "docs/keys.md is out of date: run FINCTL_WRITE_DOCS=1 cargo test keys_doc"
        );
    }

    #[test]
    fn titles_are_unique_and_each_screen_is_made_as_registered() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        let screens = all(today);
        assert_eq!(screens.len(), SCREENS.len());
        for (i, e) in SCREENS.iter().enumerate() {
            // Background answers find their screen by its title.
            assert_eq!(screens.index_of(e.title), Some(i), "{}", e.title);
            assert!(!e.contexts.is_empty(), "{} lists its key contexts", e.title);
            assert!(
                e.contexts.contains(&screens.at(i).keys()),
                "{}: the keys it starts with are listed for the docs",
                e.title
            );
        }
    }
}
