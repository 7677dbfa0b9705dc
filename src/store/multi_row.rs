//! Statements that write many rows at once: `INSERT … VALUES (…), (…), …`.
//!
//! Why: the tables the long writes fill (revenue items, the change history and its chain)
//! have triggers that may abort, so inside a transaction SQLite gives every statement a
//! statement journal, copies into it each page the statement changes first, runs the triggers'
//! programs and opens and closes the table's cursors. One statement per row did all that a
//! million times for a million-item demo; one statement of a few hundred rows does it once for
//! all of them, and writes the same rows in the same order.

/// Rows one statement writes at most: at 19 values a row well under SQLite's limit of 32,766
/// values a statement.
pub(super) const ROWS: usize = 256;

/// `(?1, ?2, …), (…)`: `rows` groups of `per_row` numbered parameters, numbered from `first`.
pub(super) fn placeholders(rows: usize, per_row: usize, first: usize) -> String {
    let mut sql = String::with_capacity(rows * per_row * 7);
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..per_row {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push('?');
            sql.push_str(&(first + r * per_row + c).to_string());
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_every_value_of_every_row() {
        assert_eq!(placeholders(1, 2, 1), "(?1, ?2)");
        assert_eq!(placeholders(2, 3, 5), "(?5, ?6, ?7), (?8, ?9, ?10)");
    }
}
