//! The `/` filter and the quick edit are typed on one line at the end: characters add, Backspace
//! takes away, and control or Alt combinations type nothing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Applies a typing key to a one-line text; whether it changed.
pub fn edit_line(text: &mut String, ev: &KeyEvent) -> bool {
    if ev
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return false;
    }
    match ev.code {
        KeyCode::Backspace => text.pop().is_some(),
        KeyCode::Char(c) if !c.is_control() => {
            text.push(c);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_at_the_end_and_ignores_control_keys() {
        let mut t = String::new();
        assert!(edit_line(
            &mut t,
            &KeyEvent::new(KeyCode::Char('P'), KeyModifiers::SHIFT)
        ));
        assert!(!edit_line(
            &mut t,
            &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ));
        assert!(edit_line(
            &mut t,
            &KeyEvent::new(KeyCode::Char('-'), KeyModifiers::NONE)
        ));
        assert!(edit_line(
            &mut t,
            &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
        ));
        assert_eq!(t, "P");
        assert!(!edit_line(
            &mut t,
            &KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)
        ));
    }
}
