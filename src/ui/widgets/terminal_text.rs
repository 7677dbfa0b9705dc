//! Text from the database reaches the terminal only through here: control characters (an
//! escape sequence in an item's name, a bell) are dropped, so they show harmlessly.

use std::borrow::Cow;

pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(s.chars().filter(|c| !c.is_control()).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Cuts to `width` characters, marking the cut with `…`.
pub fn fit(s: &str, width: usize) -> String {
    let clean = clean(s);
    if clean.chars().count() <= width {
        clean.into_owned()
    } else if width == 0 {
        String::new()
    } else {
        let mut out: String = clean.chars().take(width - 1).collect();
        out.push('…');
        out
    }
}

/// Lines of at most `width` characters, broken between words (a word longer than a line is
/// broken inside): a message wraps rather than losing its end.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in clean(s).split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        let last = lines.last_mut().expect("one line at least");
        let used = last.chars().count();
        if used > 0 && used + 1 + word.len() <= width {
            last.push(' ');
            last.extend(word.iter());
            continue;
        }
        if used > 0 {
            lines.push(String::new());
        }
        while word.len() > width {
            let rest = word.split_off(width);
            *lines.last_mut().expect("a line") = word.iter().collect();
            lines.push(String::new());
            word = rest;
        }
        lines.last_mut().expect("a line").extend(word.iter());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_between_words_and_inside_long_ones() {
        assert_eq!(wrap("item 4 saved", 80), ["item 4 saved"]);
        assert_eq!(
            wrap("the item was changed by alice at 14:02", 16),
            ["the item was", "changed by alice", "at 14:02"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        let long = "x ".repeat(200);
        assert!(wrap(&long, 80).iter().all(|l| l.chars().count() <= 80));
    }

    #[test]
    fn strips_escape_sequences_and_bells() {
        assert_eq!(
            clean("Hosting \u{1b}[31mrenewal\u{1b}[0m \u{7}"),
            "Hosting [31mrenewal[0m "
        );
        assert_eq!(clean("tab\there"), "tabhere");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("ab", 4), "ab");
    }
}
