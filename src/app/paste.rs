//! A paste: the terminal marks it (bracketed paste), so it comes as one piece of text, never as
//! keys. It goes into the focused text field as text and runs no command, `q` and Enter
//! included; several lines into a one-line field are refused whole (they used to spill into the
//! next fields); where no text field has the focus it does nothing and says so.

use super::console_state::App;
use super::form::{FieldKind, FormOutcome};
use super::work::Overlay;

const NO_FIELD: &str = "paste does nothing here: no text field has the focus";

/// A paste made fit for a field: line ends as `\n`, tabs as spaces, other control characters
/// dropped (an escape sequence in the clipboard reaches neither the field nor the screen). In a
/// one-line field the line break a copied line ends with goes; `Err` says why nothing goes in.
pub fn clean_paste(text: &str, multi_line: bool) -> Result<String, String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut clean: String = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    if multi_line {
        return Ok(clean);
    }
    clean.truncate(clean.trim_end_matches('\n').len());
    let lines = clean.split('\n').count();
    if lines > 1 {
        return Err(format!(
            "the paste has {lines} lines and this field takes one line: nothing pasted"
        ));
    }
    Ok(clean)
}

impl App {
    /// Pasted text: into the focused text field (a form's, the filter's, a quick edit's).
    pub fn paste(&mut self, text: &str) {
        match self.overlays.last() {
            Some(Overlay::Form(_)) => self.paste_into_form(text),
            Some(_) => self.status.info(NO_FIELD),
            None if self.context().is_text_entry() => match clean_paste(text, false) {
                // The screens' text entries (the filter, a quick edit) are one line.
                Ok(line) => {
                    let i = self.screens.current_index();
                    let (screen, mut cx) = self.screen_and_ctx(i);
                    screen.paste(&line, &mut cx);
                }
                Err(why) => self.status.error(why),
            },
            None => self.status.info(format!("{NO_FIELD} (/ opens the filter)")),
        }
        self.follow_up();
    }

    fn paste_into_form(&mut self, text: &str) {
        let Some(Overlay::Form(top)) = self.overlays.last_mut() else {
            return;
        };
        let Some(field) = top.form.focused() else {
            return self.status.info(NO_FIELD);
        };
        let multi_line = match &field.kind {
            FieldKind::Line | FieldKind::Pick(_) => false,
            FieldKind::MultiLine => true,
            FieldKind::Choice(_) | FieldKind::ReadOnly(_) => {
                let why = format!(
                    "paste does nothing here: {} is not a text field",
                    field.label
                );
                return self.status.info(why);
            }
        };
        match clean_paste(text, multi_line) {
            Ok(clean) => {
                if top.form.paste(&clean) == FormOutcome::Typed {
                    top.action.typed(&mut top.form);
                    self.read_pick_options();
                }
            }
            Err(why) => self.status.error(why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_and_control_characters() {
        assert_eq!(clean_paste("Helix", false), Ok("Helix".into()));
        assert_eq!(clean_paste("Helix\r\n", false), Ok("Helix".into()));
        assert_eq!(
            clean_paste("a\tb\x1b[31mc\x07", false),
            Ok("a b[31mc".into())
        );
        assert_eq!(
            clean_paste("one\r\ntwo\rthree\n", true),
            Ok("one\ntwo\nthree\n".into())
        );
        assert_eq!(clean_paste("", false), Ok(String::new()));
    }

    #[test]
    fn several_lines_are_refused_in_one_line() {
        let refused = clean_paste("first\rsecond\r", false);
        assert_eq!(
            refused,
            Err("the paste has 2 lines and this field takes one line: nothing pasted".into())
        );
        assert!(clean_paste("first\n\nthird", false).is_err());
    }
}
