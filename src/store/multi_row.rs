//! Statements that write many rows at once: `INSERT … VALUES (…), (…), …`.
//!
//! Why: the tables the long writes fill (revenue items, the change history and its chain)
//! have triggers that may abort, so inside a transaction SQLite gives every statement a
//! statement journal, copies into it each page the statement changes first, runs the triggers'
//! programs and opens and closes the table's cursors. One statement per row did all that a
//! million times for a million-item demo; one statement of a few hundred rows does it once for
//! all of them, and writes the same rows in the same order.

/// Rows one statement writes at most: at 19 values a row under SQLite's limit of 32,766 values
/// a statement. A statement journals a page once however many of its rows change it, so large
/// statements journal the hot pages of the date and account indexes less often: 1,024 took a
/// seventh less CPU than 256 for the million-item demo.
pub(super) const ROWS: usize = 1024;

/// `rows` cut into statements: as many of [`ROWS`] as fit, the rest in powers of four, so
/// that whatever is left over is written by a few statements of a few sizes (each prepared
/// once and kept in the statement cache), not one of its own size.
pub(super) fn chunks<T>(rows: &[T]) -> impl Iterator<Item = &[T]> {
    let mut rest = rows;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut size = ROWS;
        while size > rest.len() {
            size /= 4;
        }
        let (chunk, after) = rest.split_at(size);
        rest = after;
        Some(chunk)
    })
}

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

/// `rows` copies of `template`, comma-separated, each `#` in it replaced by the next numbered
/// parameter: from `first`, as many a row as the template has `#`. Shared values are written
/// into the template as they are (`?1`): `templated(2, "(?1, #, #)", 2)` is
/// `(?1, ?2, ?3), (?1, ?4, ?5)`.
pub(super) fn templated(rows: usize, template: &str, first: usize) -> String {
    let per_row = template.matches('#').count();
    let mut sql = String::with_capacity(rows * (template.len() + per_row * 5 + 2));
    let mut next = first;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        for piece in template.split_inclusive('#') {
            match piece.strip_suffix('#') {
                Some(text) => {
                    sql.push_str(text);
                    sql.push('?');
                    sql.push_str(&next.to_string());
                    next += 1;
                }
                None => sql.push_str(piece),
            }
        }
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_cut_into_full_statements_then_powers_of_four() {
        let rows: Vec<usize> = (0..ROWS + 700).collect();
        let sizes: Vec<usize> = chunks(&rows).map(<[usize]>::len).collect();
        assert_eq!(sizes, [ROWS, 256, 256, 64, 64, 16, 16, 16, 4, 4, 4]);
        let back: Vec<usize> = chunks(&rows).flatten().copied().collect();
        assert_eq!(back, rows);
        assert_eq!(chunks::<u8>(&[]).count(), 0);
    }

    #[test]
    fn a_template_numbers_its_marks_row_after_row_and_keeps_shared_values() {
        assert_eq!(templated(2, "(?1, #, #)", 2), "(?1, ?2, ?3), (?1, ?4, ?5)");
        assert_eq!(templated(1, "(#, 1, NULL, #)", 7), "(?7, 1, NULL, ?8)");
        assert_eq!(templated(0, "(#)", 1), "");
    }

    #[test]
    fn placeholders_number_every_value_of_every_row() {
        assert_eq!(placeholders(1, 2, 1), "(?1, ?2)");
        assert_eq!(placeholders(2, 3, 5), "(?5, ?6, ?7), (?8, ?9, ?10)");
    }
}
