//! The screens on the tab bar, in order. Adding a screen is a folder of its own and one line
//! here (see docs/architecture.md, "Adding a screen").

use super::keymap::{self, Context, shared};
use super::screen::{Screen, ScreenEntry};
use super::{finance_control, invoices, milestones, progress, reports, revenue_items};
use chrono::NaiveDate;
use std::any::Any;

/// The registration: one line per screen, in tab order.
pub const SCREENS: &[ScreenEntry] = &[
    finance_control::SCREEN,
    revenue_items::SCREEN,
    invoices::SCREEN,
    progress::SCREEN,
    milestones::SCREEN,
    reports::SCREEN,
];

/// The screens, made from the registration, and which one is shown.
pub struct Screens {
    list: Vec<Box<dyn Screen>>,
    current: usize,
}

impl Screens {
    pub fn new(today: NaiveDate) -> Screens {
        Screens {
            list: SCREENS.iter().map(|e| (e.make)(today)).collect(),
            current: 0,
        }
    }

    pub fn entries(&self) -> &'static [ScreenEntry] {
        SCREENS
    }

    /// How the help names the screens, in tab order.
    pub fn names() -> Vec<&'static str> {
        SCREENS.iter().map(|e| e.name).collect()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn current_index(&self) -> usize {
        self.current
    }

    pub fn set_current(&mut self, index: usize) {
        self.current = index.min(self.list.len().saturating_sub(1));
    }

    pub fn current(&self) -> &dyn Screen {
        self.list[self.current].as_ref()
    }

    pub fn current_entry(&self) -> &'static ScreenEntry {
        &SCREENS[self.current]
    }

    pub fn at(&self, index: usize) -> &dyn Screen {
        self.list[index].as_ref()
    }

    pub fn at_mut(&mut self, index: usize) -> &mut dyn Screen {
        self.list[index].as_mut()
    }

    /// The position of the screen registered with this title.
    pub fn index_of(&self, title: &str) -> Option<usize> {
        SCREENS.iter().position(|e| e.title == title)
    }

    /// The screen of type `T`.
    pub fn get<T: Screen>(&self) -> Option<&T> {
        self.list
            .iter()
            .find_map(|s| (s.as_ref() as &dyn Any).downcast_ref::<T>())
    }

    pub fn get_mut<T: Screen>(&mut self) -> Option<&mut T> {
        self.list
            .iter_mut()
            .find_map(|s| (s.as_mut() as &mut dyn Any).downcast_mut::<T>())
    }

    /// Whether the screen shown is a `T`.
    pub fn is_current<T: Screen>(&self) -> bool {
        (self.current() as &dyn Any).is::<T>()
    }

    /// The position of the screen of type `T`.
    pub fn index_of_type<T: Screen>(&self) -> Option<usize> {
        self.list
            .iter()
            .position(|s| (s.as_ref() as &dyn Any).is::<T>())
    }
}

/// docs/keys.md: every context of every screen, then the shared ones, from the key table.
pub fn keys_markdown() -> String {
    let mut contexts: Vec<Context> = SCREENS
        .iter()
        .flat_map(|e| e.contexts.iter().copied())
        .collect();
    contexts.extend(shared::SHARED_CONTEXTS);
    keymap::markdown(&Screens::names(), &contexts)
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
        let screens = Screens::new(today);
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
