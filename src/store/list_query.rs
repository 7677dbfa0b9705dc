//! What the lists share: where a window starts, totals per currency, and the LIKE pattern of a
//! typed filter.

use crate::domain::Money;

/// Where a window of rows starts, in the list's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound<K> {
    /// The first rows.
    Start,
    /// The rows from this key on, itself included.
    From(K),
    /// The rows after this key.
    After(K),
    /// The rows just before this key (returned in list order).
    Before(K),
    /// The last rows.
    End,
}

/// Count and amount of rows in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyTotal {
    pub count: i64,
    pub amount: Money,
}

/// A case-insensitive substring pattern for `LIKE ... ESCAPE '\'`.
pub fn like_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_wildcards() {
        assert_eq!(like_pattern(" 50%_off "), "%50\\%\\_off%");
        assert_eq!(like_pattern(""), "%%");
    }
}
