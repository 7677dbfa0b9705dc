//! An escape sequence split after its Esc. Over SSH the bytes of an arrow key (`ESC [ D`) can
//! arrive in two reads; crossterm takes a lone ESC at the end of a read for the Esc key and the
//! rest for the characters `[` and `D`, so the arrow closed a form. The input thread waits a
//! moment after an Esc and asks [`after_esc`] whether what followed completes a sequence.
//! (Only a lone ESC is read early: crossterm waits for the rest of `ESC [` or `ESC O` itself.)

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What the events after an Esc make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterEsc {
    /// The rest of a key's sequence: the key, instead of the Esc and these events.
    Key(KeyEvent),
    /// `ESC [200~`: a bracketed paste began; what follows is pasted text.
    PasteStart,
    /// Could still become a sequence: wait for more.
    Incomplete,
    /// Not a sequence: the Esc, then the events as they came.
    Not,
}

/// Parameters longer than this are no key's.
const MAX_PARAMS: usize = 12;

/// Whether `events` (what came after a lone Esc, in order) are the rest of an escape sequence.
pub fn after_esc(events: &[Event]) -> AfterEsc {
    let mut text = String::new();
    for ev in events {
        match ev {
            Event::Key(KeyEvent {
                code: KeyCode::Char(c),
                modifiers,
                kind: KeyEventKind::Press,
                ..
            }) if c.is_ascii() && (*modifiers - KeyModifiers::SHIFT).is_empty() => text.push(*c),
            _ => return AfterEsc::Not,
        }
    }
    let mut chars = text.chars();
    match chars.next() {
        None => AfterEsc::Incomplete,
        Some('O') => ss3(chars.as_str()),
        Some('[') => csi(chars.as_str()),
        Some(_) => AfterEsc::Not,
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> AfterEsc {
    AfterEsc::Key(KeyEvent::new(code, modifiers))
}

/// `ESC O` and a letter: arrows, Home, End and F1-F4 in application mode.
fn ss3(rest: &str) -> AfterEsc {
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (None, _) => AfterEsc::Incomplete,
        (Some(c), None) => match letter_key(c) {
            Some(code) => key(code, KeyModifiers::NONE),
            None => AfterEsc::Not,
        },
        _ => AfterEsc::Not,
    }
}

/// The keys a CSI or SS3 sequence names by its last letter.
fn letter_key(c: char) -> Option<KeyCode> {
    Some(match c {
        'A' => KeyCode::Up,
        'B' => KeyCode::Down,
        'C' => KeyCode::Right,
        'D' => KeyCode::Left,
        'H' => KeyCode::Home,
        'F' => KeyCode::End,
        'P' => KeyCode::F(1),
        'Q' => KeyCode::F(2),
        'R' => KeyCode::F(3),
        'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// `ESC [`, parameters (digits and `;`), a final character.
fn csi(rest: &str) -> AfterEsc {
    let is_param = |c: char| c.is_ascii_digit() || c == ';';
    let Some(last) = rest.chars().last() else {
        return AfterEsc::Incomplete;
    };
    let params = &rest[..rest.len() - last.len_utf8()];
    if !params.chars().all(is_param) {
        return AfterEsc::Not;
    }
    if is_param(last) {
        return if rest.len() <= MAX_PARAMS {
            AfterEsc::Incomplete
        } else {
            AfterEsc::Not
        };
    }
    let numbers: Vec<&str> = params.split(';').collect();
    let modifiers = match numbers.get(1) {
        None => Some(KeyModifiers::NONE),
        Some(m) if numbers.len() == 2 => modifiers(m),
        Some(_) => None,
    };
    let Some(modifiers) = modifiers else {
        return AfterEsc::Not;
    };
    match last {
        'Z' if params.is_empty() => key(KeyCode::BackTab, KeyModifiers::SHIFT),
        '~' if params == "200" => AfterEsc::PasteStart,
        '~' => match numbers[0].parse::<u8>().ok().and_then(tilde_key) {
            Some(code) => key(code, modifiers),
            None => AfterEsc::Not,
        },
        // `ESC [ D`, or `ESC [ 1 ; 5 D` with modifiers.
        c if numbers[0].is_empty() || numbers[0] == "1" => match letter_key(c) {
            Some(code) if numbers[0].is_empty() == (numbers.len() == 1) => key(code, modifiers),
            _ => AfterEsc::Not,
        },
        _ => AfterEsc::Not,
    }
}

/// The keys of `ESC [ n ~`.
fn tilde_key(n: u8) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F(n - 10),
        17..=21 => KeyCode::F(n - 11),
        23 | 24 => KeyCode::F(n - 12),
        _ => return None,
    })
}

/// The modifier parameter: 1 plus Shift 1, Alt 2, Ctrl 4.
fn modifiers(param: &str) -> Option<KeyModifiers> {
    let bits = param.parse::<u8>().ok()?.checked_sub(1)?;
    let mut m = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
    ] {
        if bits & bit != 0 {
            m |= modifier;
        }
    }
    (bits < 8).then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events crossterm makes of `text` read without its Esc: one character each, capitals
    /// with Shift.
    fn chars(text: &str) -> Vec<Event> {
        text.chars()
            .map(|c| {
                let m = if c.is_ascii_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                Event::Key(KeyEvent::new(KeyCode::Char(c), m))
            })
            .collect()
    }

    fn after(text: &str) -> AfterEsc {
        after_esc(&chars(text))
    }

    #[test]
    fn arrows_home_end_and_function_keys_are_put_back_together() {
        let none = KeyModifiers::NONE;
        for (text, code) in [
            ("[A", KeyCode::Up),
            ("[B", KeyCode::Down),
            ("[C", KeyCode::Right),
            ("[D", KeyCode::Left),
            ("[H", KeyCode::Home),
            ("[F", KeyCode::End),
            ("OA", KeyCode::Up),
            ("OD", KeyCode::Left),
            ("OH", KeyCode::Home),
            ("OP", KeyCode::F(1)),
            ("[3~", KeyCode::Delete),
            ("[5~", KeyCode::PageUp),
            ("[6~", KeyCode::PageDown),
            ("[1~", KeyCode::Home),
            ("[4~", KeyCode::End),
            ("[15~", KeyCode::F(5)),
            ("[24~", KeyCode::F(12)),
        ] {
            assert_eq!(after(text), key(code, none), "{text}");
        }
        assert_eq!(
            after("[Z"),
            key(KeyCode::BackTab, KeyModifiers::SHIFT),
            "Shift-Tab"
        );
    }

    #[test]
    fn modifiers_come_from_the_second_parameter() {
        assert_eq!(after("[1;5D"), key(KeyCode::Left, KeyModifiers::CONTROL));
        assert_eq!(after("[1;2A"), key(KeyCode::Up, KeyModifiers::SHIFT));
        assert_eq!(
            after("[3;7~"),
            key(KeyCode::Delete, KeyModifiers::CONTROL | KeyModifiers::ALT)
        );
        assert_eq!(after("[1;9D"), AfterEsc::Not, "no such modifiers");
        assert_eq!(after("[2;5D"), AfterEsc::Not, "a letter key is 1;m");
        assert_eq!(after("[1D"), AfterEsc::Not);
    }

    #[test]
    fn a_beginning_waits_for_more() {
        for text in ["", "[", "O", "[1", "[1;", "[1;5", "[20", "[200"] {
            assert_eq!(after(text), AfterEsc::Incomplete, "{text:?}");
        }
        assert_eq!(after("[1;1;1;1;1;1;1"), AfterEsc::Not, "too long for a key");
    }

    #[test]
    fn anything_else_is_the_esc_then_what_came() {
        for text in ["x", "[x", "Ox", "[1x", "[99~", "OAx", "[A["] {
            assert_eq!(after(text), AfterEsc::Not, "{text:?}");
        }
        let ctrl_bracket = Event::Key(KeyEvent::new(KeyCode::Char('['), KeyModifiers::CONTROL));
        assert_eq!(after_esc(&[ctrl_bracket]), AfterEsc::Not);
        let down = Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        assert_eq!(after_esc(&[down]), AfterEsc::Not, "a whole key after Esc");
        assert_eq!(after_esc(&[Event::Resize(80, 24)]), AfterEsc::Not);
    }

    #[test]
    fn a_paste_that_begins_after_a_split_is_a_paste() {
        assert_eq!(after("[200~"), AfterEsc::PasteStart);
        assert_eq!(after("[201~"), AfterEsc::Not);
    }
}
