//! A value as a file holds it, before it is read as a field: CSV holds text only; JSON also
//! numbers, true/false and null; a workbook also dates, times and durations.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number the file typed as one, as plain text (`-1234.5`; JSON may add an exponent).
    Number(String),
    Bool(bool),
    Date(NaiveDate),
    Time(NaiveTime),
    DateTime(NaiveDateTime),
    /// A workbook cell formatted as a duration, in seconds.
    Duration(i64),
    /// A value that cannot be read at all (a workbook error cell, a nested JSON value), with
    /// why.
    Invalid(String),
}

impl Cell {
    /// Empty, or text of spaces only.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row of a file: where it is and its cells, in the order of the header (CSV, XLSX) or of
/// its own keys (JSON: `names`).
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub line: u64,
    pub names: Option<Vec<String>>,
    pub cells: Vec<Cell>,
}
