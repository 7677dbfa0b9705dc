//! Live: what other users change shows within a second. The console's loop asks [`App::watch`]
//! every half second; SQLite's `data_version` says whether another connection committed, and only
//! then the screens and open views reload (their windows and totals, as after one's own change),
//! the status line names who changed what, and a form open on a changed row says so before its
//! save would be refused.

use super::console_state::App;
use super::work::Overlay;
use crate::store::outside_changes::ChangedBy;

/// "3 revenue items changed by alice; 1 invoice by bob".
pub fn describe(changes: &[ChangedBy], me: &str) -> String {
    let mut by_user: Vec<(String, Vec<String>)> = Vec::new();
    for c in changes {
        let kind = c.object.replace('_', " ");
        let what = match c.count {
            1 => format!("1 {kind}"),
            n if kind.ends_with('s') => format!("{n} {kind}es"),
            n => format!("{n} {kind}s"),
        };
        let who = if c.user == me {
            format!("{me} (another console)")
        } else {
            c.user.clone()
        };
        match by_user.iter_mut().find(|(u, _)| *u == who) {
            Some((_, whats)) => whats.push(what),
            None => by_user.push((who, vec![what])),
        }
    }
    let parts: Vec<String> = by_user
        .into_iter()
        .enumerate()
        .map(|(i, (who, whats))| {
            let verb = if i == 0 { "changed by" } else { "by" };
            format!("{} {verb} {who}", whats.join(", "))
        })
        .collect();
    parts.join("; ")
}

impl App {
    /// Whether another user changed the database since the last look; when so every screen
    /// and open view shows it now (returns true: the screen is to be drawn again).
    pub fn watch(&mut self) -> bool {
        let Ok(version) = self.store.data_version() else {
            return false;
        };
        if version == self.live.data_version {
            return false;
        }
        self.live.data_version = version;
        let before = self.live.history;
        let changes = match self.store.changed_since(before) {
            Ok((newest, changes)) => {
                self.live.history = newest;
                changes
            }
            Err(e) => {
                self.status
                    .add_error(format!("cannot read what changed: {e}"));
                Vec::new()
            }
        };
        self.refresh_all();
        self.flag_forms(before);
        if !changes.is_empty() {
            let me = self.store.actor().name.clone();
            // After an error still shown, never instead of it.
            let said = describe(&changes, &me);
            if self.status.is_error() {
                self.status.add_info(said);
            } else {
                self.status.info(said);
            }
        }
        true
    }

    /// A form open on a row someone else changed says so now, not at its save.
    fn flag_forms(&mut self, after: i64) {
        for overlay in &mut self.overlays {
            let Overlay::Form(f) = overlay else {
                continue;
            };
            for (object, id) in f.action.watched() {
                if let Ok(Some((user, at))) = self.store.object_changed_since(after, object, id) {
                    f.form.error = Some(format!(
                        "{} {id} was changed by {user} at {at} since this form opened: saving \
                         will be refused (Esc, then open it again)",
                        object.replace('_', " ")
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(user: &str, object: &str, count: i64) -> ChangedBy {
        ChangedBy {
            user: user.into(),
            object: object.into(),
            count,
        }
    }

    #[test]
    fn says_who_changed_what() {
        assert_eq!(
            describe(
                &[
                    c("alice", "revenue_item", 3),
                    c("bob", "invoice", 1),
                    c("alice", "invoice", 2)
                ],
                "me"
            ),
            "3 revenue items, 2 invoices changed by alice; 1 invoice by bob"
        );
        assert_eq!(
            describe(&[c("me", "project", 1)], "me"),
            "1 project changed by me (another console)"
        );
    }
}
