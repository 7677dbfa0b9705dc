//! Every key of the console as data: what it does where, the footer's short label and the help
//! text. Dispatch, the footer, the help screen and docs/keys.md all read this one table, so they
//! never drift. Each screen keeps its part of the table in its own folder (`keys.rs`); what they
//! share is in [`shared`].

mod cmd;
mod context;
mod key;
pub mod shared;

pub use cmd::Cmd;
pub use context::{Context, ContextKind};
pub use key::{Binding, Key, b, code, ctrl, k};

use crate::domain::rights::Role;
use crossterm::event::KeyEvent;

/// The key groups of a context, most specific first, the console's own last where they apply,
/// and the terminal's, which apply everywhere.
pub fn groups(ctx: Context) -> Vec<&'static [Binding]> {
    let mut all = worded_groups(ctx);
    all.push(shared::TERMINAL);
    all
}

/// The groups whose keys have footer words: the context's own and the console's, not the
/// terminal's. (Told apart by construction: the address of a `const` table is not a stable
/// identity, one build may hold several copies of it.)
fn worded_groups(ctx: Context) -> Vec<&'static [Binding]> {
    let mut all: Vec<&'static [Binding]> = ctx.groups.to_vec();
    if ctx.has_globals() {
        all.push(shared::GLOBAL);
    }
    all
}

/// What a key does in a context, if anything.
pub fn lookup(ctx: Context, ev: &KeyEvent) -> Option<Cmd> {
    binding(ctx, ev).map(|binding| binding.cmd)
}

/// The line of the key table a key matches in a context, with the right it needs.
pub fn binding(ctx: Context, ev: &KeyEvent) -> Option<&'static Binding> {
    groups(ctx)
        .into_iter()
        .find_map(|group| binding_in(group, ev))
}

/// The line of one group of bindings a key matches, if any.
fn binding_in(group: &'static [Binding], ev: &KeyEvent) -> Option<&'static Binding> {
    group
        .iter()
        .find(|binding| binding.keys.iter().any(|key| key.matches(ev)))
}

/// What a key does in one group of bindings, if anything.
pub fn lookup_group(group: &'static [Binding], ev: &KeyEvent) -> Option<Cmd> {
    binding_in(group, ev).map(|binding| binding.cmd)
}

/// The footer: `key word` pairs of the bindings that have a short word and that `role` may
/// use, help and quit first so that a narrow terminal still shows how to find the rest.
pub fn footer(ctx: Context, role: Role) -> Vec<(String, &'static str)> {
    // The console's keys are the last group, which goes first.
    let mut groups = worded_groups(ctx);
    groups.rotate_right(usize::from(ctx.has_globals()));
    groups
        .into_iter()
        .flat_map(|g| g.iter())
        .filter(|binding| !binding.short.is_empty() && binding.usable_by(role))
        .map(|binding| (first_key(binding), binding.short))
        .collect()
}

fn first_key(binding: &Binding) -> String {
    binding.keys.first().map(Key::label).unwrap_or_default()
}

/// Every binding of a context for the help screen: keys and what they do. `screens` names the
/// screens on the tab bar, in order: the digits go to them. For a `role`, a key it may not use
/// says who may; without one (the docs) every key that needs a right says who has it.
pub fn help(ctx: Context, screens: &[&str], role: Option<Role>) -> Vec<(String, String)> {
    groups(ctx)
        .into_iter()
        .flat_map(|g| g.iter())
        .filter_map(|binding| {
            let text = match (binding.cmd, binding.needs, role) {
                (Cmd::GoTab(i), _, _) => format!("go to {}", screens.get(i)?),
                (_, Some(action), None) => format!("{} ({})", binding.help, action.who()),
                (_, Some(action), Some(role)) if !action.allowed_for(role) => {
                    format!("{} (only {}: not for you)", binding.help, action.who())
                }
                _ => binding.help.to_string(),
            };
            Some((binding.keys_label(), text))
        })
        .collect()
}

/// docs/keys.md: every context and its keys, written from this table (a test keeps the file
/// current). `screens` are the screens' names in tab order, `contexts` every context to list.
pub fn markdown(screens: &[&str], contexts: &[Context]) -> String {
    let numbered: Vec<String> = screens
        .iter()
        .enumerate()
        .map(|(i, name)| format!("`{}` {name}", i + 1))
        .collect();
    let mut out = format!(
        "# Key map\n\nGenerated from the key table (each screen's `keys.rs` in `src/app/` and \
         `src/app/keymap/shared.rs`), which the console dispatches and the footer and the `?` help \
         read; `FINCTL_WRITE_DOCS=1 cargo test keys_doc` rewrites it.\n\n\
         Screens: {}. Views open over them (Enter, forms, dialogs, `?`) and `Esc` closes the top \
         one. Where a text field has the focus (forms, the `/` filter, a quick edit) typed \
         characters go into the field: only the keys listed for that context act, and `Ctrl-C` \
         always quits. `Ctrl-L` (draw the screen again) and `Ctrl-Z` (suspend; `fg` comes back) \
         act everywhere.\n\n\
         A paste goes into the focused text field as text and runs no command; several lines \
         into a one-line field are refused, and outside a text field a paste does nothing (the \
         status line says so). Keys typed ahead act in order, each on what the keys before it \
         made: after a filter's Enter they wait until its rows are in. A lone `Esc` acts up to 0.1 s \
         after it is pressed: that long the console waits for the rest of an arrow or other key whose \
         bytes the network split after their Esc.\n",
        numbered.join(", ")
    );
    for ctx in contexts {
        out.push_str(&format!(
            "\n## {}\n\n| keys | does |\n| --- | --- |\n",
            ctx.title
        ));
        for (keys, help) in help(*ctx, screens, None) {
            let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shared::{DIALOG, FILTER_INPUT, FORM, QUICK_EDIT};
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    const SCREEN: Context = Context::screen(
        "A screen",
        &[
            &[b(&[k('n')], Cmd::New, "new", "new row")],
            shared::LIST,
            shared::MOTION,
        ],
    );

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn text_fields_never_see_screen_keys() {
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(SCREEN, &q), Some(Cmd::Quit));
        for ctx in [FORM, FILTER_INPUT, QUICK_EDIT] {
            assert_eq!(lookup(ctx, &q), None, "{ctx:?}");
            assert_eq!(
                lookup(ctx, &ev(KeyCode::Char('1'), KeyModifiers::NONE)),
                None
            );
            assert_eq!(
                lookup(ctx, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                Some(Cmd::Quit)
            );
        }
    }

    #[test]
    fn shifted_characters_match() {
        assert_eq!(
            lookup(SCREEN, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Cmd::Bottom)
        );
        assert_eq!(
            lookup(SCREEN, &ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Cmd::Help)
        );
        assert_eq!(
            lookup(SCREEN, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Cmd::PrevTab)
        );
        assert_eq!(
            lookup(SCREEN, &ev(KeyCode::BackTab, KeyModifiers::NONE)),
            Some(Cmd::PrevTab)
        );
    }

    #[test]
    fn screen_keys_win_over_globals_and_help_lists_everything() {
        // 'n' is "no" in a dialog, "new" on the screen.
        let n = ev(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(lookup(DIALOG, &n), Some(Cmd::No));
        assert_eq!(lookup(SCREEN, &n), Some(Cmd::New));
        let help = help(SCREEN, &["first", "second"], Some(Role::Viewer));
        for needle in ["n", "Space", "/", "?", "q", "1", "2", "Tab"] {
            assert!(
                help.iter()
                    .any(|(keys, _)| keys.split(' ').any(|k| k == needle)),
                "{needle}"
            );
        }
        assert!(help.iter().any(|(k, h)| k == "2" && h == "go to second"));
        assert!(
            !help.iter().any(|(k, _)| k == "3"),
            "only the screens that exist are listed"
        );
        let footer = footer(SCREEN, Role::Admin);
        assert_eq!(footer[0], ("?".to_string(), "help"), "help comes first");
        assert!(footer.iter().any(|(k, w)| k == "n" && *w == "new"));
    }
}
