//! The text of one form field and its cursor, edited by keys: headless, so that forms can be
//! driven and checked without a terminal (the ui draws it). One line, or several where the field
//! allows. The keys are the usual ones of a terminal line editor.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextField {
    /// Never empty: an empty field is one empty line.
    lines: Vec<String>,
    row: usize,
    /// In characters, not bytes.
    col: usize,
}

/// What a key did to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Moved,
    Ignored,
}

impl Default for TextField {
    fn default() -> Self {
        TextField::new("")
    }
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

fn byte_at(s: &str, col: usize) -> usize {
    s.char_indices().nth(col).map_or(s.len(), |(i, _)| i)
}

impl TextField {
    /// The text with the cursor at its end; control characters dropped (they never reach an
    /// editable field, nor the terminal).
    pub fn new(text: &str) -> TextField {
        let lines: Vec<String> = text
            .split('\n')
            .map(|l| l.chars().filter(|c| !c.is_control()).collect())
            .collect();
        let row = lines.len() - 1;
        let col = char_count(&lines[row]);
        TextField { lines, row, col }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// (line, character) of the cursor.
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    fn line(&self) -> &str {
        &self.lines[self.row]
    }

    fn line_len(&self) -> usize {
        char_count(self.line())
    }

    /// Inserts text at the cursor; a newline starts a new line.
    pub fn insert_str(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' {
                self.newline();
            } else if !c.is_control() {
                self.insert_char(c);
            }
        }
    }

    fn insert_char(&mut self, c: char) {
        let at = byte_at(self.line(), self.col);
        self.lines[self.row].insert(at, c);
        self.col += 1;
    }

    fn newline(&mut self) {
        let at = byte_at(self.line(), self.col);
        let rest = self.lines[self.row].split_off(at);
        self.row += 1;
        self.lines.insert(self.row, rest);
        self.col = 0;
    }

    fn backspace(&mut self) -> bool {
        if self.col > 0 {
            let at = byte_at(self.line(), self.col - 1);
            self.lines[self.row].remove(at);
            self.col -= 1;
            true
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.line_len();
            self.lines[self.row].push_str(&line);
            true
        } else {
            false
        }
    }

    fn delete(&mut self) -> bool {
        if self.col < self.line_len() {
            let at = byte_at(self.line(), self.col);
            self.lines[self.row].remove(at);
            true
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
            true
        } else {
            false
        }
    }

    /// Where the word before the cursor starts (spaces before it skipped).
    fn word_start(&self) -> usize {
        let chars: Vec<char> = self.line().chars().collect();
        let mut i = self.col.min(chars.len());
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    /// Where the word after the cursor ends.
    fn word_end(&self) -> usize {
        let chars: Vec<char> = self.line().chars().collect();
        let mut i = self.col.min(chars.len());
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    fn delete_range(&mut self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let line = &mut self.lines[self.row];
        let (a, b) = (byte_at(line, from), byte_at(line, to));
        line.replace_range(a..b, "");
        self.col = from;
        true
    }

    fn vertical(&mut self, down: bool) -> bool {
        let target = if down {
            self.row + 1
        } else {
            match self.row.checked_sub(1) {
                Some(r) => r,
                None => return false,
            }
        };
        if target >= self.lines.len() {
            return false;
        }
        self.row = target;
        self.col = self.col.min(self.line_len());
        true
    }

    /// Applies a key; `multi` lets Enter, Up and Down work between lines.
    pub fn input(&mut self, ev: &KeyEvent, multi: bool) -> Edit {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let changed = |b: bool| if b { Edit::Changed } else { Edit::Ignored };
        let moved = |b: bool| if b { Edit::Moved } else { Edit::Ignored };
        let before = (self.row, self.col);
        match ev.code {
            KeyCode::Char('h') if ctrl => changed(self.backspace()),
            KeyCode::Char('d') if ctrl => changed(self.delete()),
            KeyCode::Char('w') if ctrl => changed(self.delete_range(self.word_start(), self.col)),
            KeyCode::Char('u') if ctrl => changed(self.delete_range(0, self.col)),
            KeyCode::Char('k') if ctrl => changed(self.delete_range(self.col, self.line_len())),
            KeyCode::Char('d') if alt => changed(self.delete_range(self.col, self.word_end())),
            KeyCode::Char('a') if ctrl => {
                self.col = 0;
                moved(before != (self.row, self.col))
            }
            KeyCode::Char('e') if ctrl => {
                self.col = self.line_len();
                moved(before != (self.row, self.col))
            }
            KeyCode::Char('b') if ctrl => moved(self.left()),
            KeyCode::Char('f') if ctrl => moved(self.right()),
            KeyCode::Char('b') if alt => {
                self.col = self.word_start();
                moved(before != (self.row, self.col))
            }
            KeyCode::Char('f') if alt => {
                self.col = self.word_end();
                moved(before != (self.row, self.col))
            }
            KeyCode::Char('p') if ctrl && multi => moved(self.vertical(false)),
            KeyCode::Char('n') if ctrl && multi => moved(self.vertical(true)),
            KeyCode::Char(_) if ctrl || alt => Edit::Ignored,
            KeyCode::Char(c) if !c.is_control() => {
                self.insert_char(c);
                Edit::Changed
            }
            KeyCode::Backspace if alt => changed(self.delete_range(self.word_start(), self.col)),
            KeyCode::Backspace => changed(self.backspace()),
            KeyCode::Delete => changed(self.delete()),
            KeyCode::Left if ctrl || alt => {
                self.col = self.word_start();
                moved(before != (self.row, self.col))
            }
            KeyCode::Right if ctrl || alt => {
                self.col = self.word_end();
                moved(before != (self.row, self.col))
            }
            KeyCode::Left => moved(self.left()),
            KeyCode::Right => moved(self.right()),
            KeyCode::Home => {
                self.col = 0;
                moved(before != (self.row, self.col))
            }
            KeyCode::End => {
                self.col = self.line_len();
                moved(before != (self.row, self.col))
            }
            KeyCode::Up if multi => moved(self.vertical(false)),
            KeyCode::Down if multi => moved(self.vertical(true)),
            KeyCode::Enter if multi => {
                self.newline();
                Edit::Changed
            }
            _ => Edit::Ignored,
        }
    }

    fn left(&mut self) -> bool {
        if self.col > 0 {
            self.col -= 1;
            true
        } else if self.row > 0 {
            self.row -= 1;
            self.col = self.line_len();
            true
        } else {
            false
        }
    }

    fn right(&mut self) -> bool {
        if self.col < self.line_len() {
            self.col += 1;
            true
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn with(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn typed(f: &mut TextField, s: &str, multi: bool) {
        for c in s.chars() {
            f.input(&key(KeyCode::Char(c)), multi);
        }
    }

    #[test]
    fn types_at_the_cursor_in_characters_not_bytes() {
        let mut f = TextField::new("Käse");
        assert_eq!(f.cursor(), (0, 4));
        f.input(&key(KeyCode::Left), false);
        f.input(&key(KeyCode::Left), false);
        typed(&mut f, "ß", false);
        assert_eq!(f.text(), "Käßse");
        assert_eq!(f.input(&key(KeyCode::Backspace), false), Edit::Changed);
        assert_eq!(f.input(&key(KeyCode::Delete), false), Edit::Changed);
        assert_eq!(f.text(), "Käe");
        assert_eq!(f.input(&key(KeyCode::Home), false), Edit::Moved);
        assert_eq!(f.input(&key(KeyCode::Backspace), false), Edit::Ignored);
        assert_eq!(f.input(&key(KeyCode::End), false), Edit::Moved);
        assert_eq!(f.cursor(), (0, 3));
    }

    #[test]
    fn words_and_line_ends_as_in_a_shell() {
        let mut f = TextField::new("invoice the hosting");
        let ctrl = KeyModifiers::CONTROL;
        f.input(&with(KeyCode::Char('w'), ctrl), false);
        assert_eq!(f.text(), "invoice the ");
        f.input(&with(KeyCode::Left, ctrl), false);
        assert_eq!(f.cursor(), (0, 8));
        f.input(&with(KeyCode::Char('k'), ctrl), false);
        assert_eq!(f.text(), "invoice ");
        f.input(&with(KeyCode::Char('u'), ctrl), false);
        assert_eq!(f.text(), "");
        assert_eq!(
            f.input(&with(KeyCode::Char('x'), ctrl), false),
            Edit::Ignored,
            "other control keys type nothing"
        );
    }

    #[test]
    fn lines_only_where_the_field_has_them() {
        let mut one = TextField::new("a");
        assert_eq!(one.input(&key(KeyCode::Enter), false), Edit::Ignored);
        assert_eq!(one.input(&key(KeyCode::Up), false), Edit::Ignored);
        let mut multi = TextField::new("first");
        multi.input(&key(KeyCode::Enter), true);
        typed(&mut multi, "second", true);
        assert_eq!(multi.text(), "first\nsecond");
        multi.input(&key(KeyCode::Up), true);
        assert_eq!(multi.cursor(), (0, 5));
        multi.input(&key(KeyCode::Down), true);
        multi.input(&key(KeyCode::Home), true);
        multi.input(&key(KeyCode::Backspace), true);
        assert_eq!(multi.text(), "firstsecond");
        multi.insert_str("\nthird\u{7}\n");
        assert_eq!(
            multi.lines(),
            ["first", "third", "second"].map(String::from)
        );
    }

    #[test]
    fn control_characters_never_enter() {
        let f = TextField::new("a\u{1b}[31mb\tc\nd");
        assert_eq!(f.text(), "a[31mbc\nd");
    }
}
