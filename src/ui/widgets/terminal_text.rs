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

#[cfg(test)]
mod tests {
    use super::*;

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
