//! Excel workbooks (`.xlsx`): the first sheet, its first row the header. calamine reads the
//! sheet whole (a sheet holds at most 1,048,576 rows); cells keep their types: numbers as Excel
//! shows them (15 significant digits), dates, times, durations, true/false. A row's "line" is
//! its row number in Excel.

use super::cell::{Cell, RawRow};
use super::error::ImportError;
use super::numbers::excel_number;
use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::path::Path;
use std::sync::Arc;

/// The rows of a sheet after its header.
pub struct XlsxRows {
    range: Range<Data>,
    /// The next row, counted within the range.
    next: usize,
    /// Excel's number of the range's first row, less one.
    first_row: u64,
}

/// Opens a workbook: its first sheet's header (as text) and rows.
pub fn open_xlsx(
    path: &Path,
    file: &Arc<str>,
) -> Result<(Vec<String>, u64, XlsxRows), ImportError> {
    // calamine parses a zip of XML written by any program; a panic in it is a file it cannot
    // read, never a crash of the import.
    let read = std::panic::catch_unwind(|| -> Result<Range<Data>, String> {
        let mut book: Xlsx<_> =
            open_workbook(path).map_err(|e: calamine::XlsxError| e.to_string())?;
        let first = book
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheet".to_string())?;
        book.worksheet_range(&first).map_err(|e| e.to_string())
    });
    let range = match read {
        Ok(Ok(range)) => range,
        Ok(Err(e)) => {
            return Err(ImportError::file(
                file,
                format!("not a readable workbook: {e}"),
            ));
        }
        Err(_) => return Err(ImportError::file(file, "not a readable workbook")),
    };
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    let Some(header) = range.rows().next() else {
        return Err(ImportError::file(
            file,
            "the first sheet is empty: no header row",
        ));
    };
    let header = header.iter().map(header_text).collect();
    let rows = XlsxRows {
        range,
        next: 1,
        first_row,
    };
    Ok((header, first_row + 1, rows))
}

fn header_text(cell: &Data) -> String {
    match to_cell(cell) {
        Cell::Text(t) | Cell::Number(t) => t,
        Cell::Empty => String::new(),
        _ => cell.to_string(),
    }
}

impl Iterator for XlsxRows {
    type Item = Result<RawRow, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (height, width) = self.range.get_size();
        if self.next >= height {
            return None;
        }
        let row = self.next;
        self.next += 1;
        let cells = (0..width)
            .map(|col| self.range.get((row, col)).map_or(Cell::Empty, to_cell))
            .collect();
        Some(Ok(RawRow {
            line: self.first_row + row as u64 + 1,
            names: None,
            cells,
        }))
    }
}

/// A workbook cell as a cell of a row.
pub fn to_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(i.to_string()),
        Data::Float(f) => excel_number(*f).map_or_else(Cell::Invalid, Cell::Number),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(at) if at.is_duration() => {
            let seconds = at.as_f64() * 86_400.0;
            if seconds.is_finite() && seconds.abs() < 1e12 {
                Cell::Duration(seconds.round() as i64)
            } else {
                Cell::Invalid("not a duration Excel can hold".to_string())
            }
        }
        Data::DateTime(at) => {
            let serial = at.as_f64();
            if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
                return Cell::Invalid("not a date Excel can hold".to_string());
            }
            let (y, mo, d, h, mi, s, _) = at.to_ymd_hms_milli();
            let time = NaiveTime::from_hms_opt(u32::from(h), u32::from(mi), u32::from(s));
            if serial < 1.0 {
                // A time of day alone (Excel's day 0).
                return time.map_or_else(|| Cell::Invalid("not a time".to_string()), Cell::Time);
            }
            let date = NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d));
            match (date, time) {
                (Some(date), Some(time)) if time == NaiveTime::MIN => Cell::Date(date),
                (Some(date), Some(time)) => Cell::DateTime(date.and_time(time)),
                _ => Cell::Invalid(format!("{y}-{mo:02}-{d:02} is not a date")),
            }
        }
        Data::DateTimeIso(s) => iso(s),
        Data::DurationIso(s) => Cell::Invalid(format!(
            "the duration {s}: write hours as a number or as h:mm"
        )),
        Data::Error(e) => Cell::Invalid(format!("the cell holds the error {e}")),
    }
}

fn iso(s: &str) -> Cell {
    if let Ok(at) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Cell::DateTime(at);
    }
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Cell::Date(date);
    }
    if let Ok(time) = NaiveTime::parse_from_str(s, "%H:%M:%S%.f") {
        return Cell::Time(time);
    }
    Cell::Text(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn at(serial: f64, kind: ExcelDateTimeType) -> Cell {
        to_cell(&Data::DateTime(ExcelDateTime::new(serial, kind, false)))
    }

    #[test]
    fn cells_keep_their_types() {
        use ExcelDateTimeType::{DateTime, TimeDelta};
        let date = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        // 2026-03-04 is serial 46085.
        assert_eq!(at(46085.0, DateTime), Cell::Date(date));
        assert_eq!(
            at(46085.5, DateTime),
            Cell::DateTime(date.and_hms_opt(12, 0, 0).unwrap())
        );
        assert_eq!(
            at(0.3125, DateTime),
            Cell::Time(NaiveTime::from_hms_opt(7, 30, 0).unwrap())
        );
        assert_eq!(at(0.3125, TimeDelta), Cell::Duration(27_000));
        assert_eq!(
            at(60.0, DateTime),
            Cell::Invalid("1900-02-29 is not a date".into())
        );
        assert!(matches!(at(f64::NAN, DateTime), Cell::Invalid(_)));
        assert_eq!(to_cell(&Data::Float(0.1 + 0.2)), Cell::Number("0.3".into()));
        assert_eq!(to_cell(&Data::Int(30)), Cell::Number("30".into()));
        assert_eq!(to_cell(&Data::String(" ".into())), Cell::Empty);
        assert_eq!(
            to_cell(&Data::DateTimeIso("2026-03-04".into())),
            Cell::Date(date)
        );
        assert!(matches!(
            to_cell(&Data::Error(calamine::CellErrorType::Div0)),
            Cell::Invalid(_)
        ));
    }

    #[test]
    fn files_that_are_not_workbooks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xlsx");
        std::fs::write(&path, b"PK\x03\x04 not really").unwrap();
        let file: Arc<str> = Arc::from("x.xlsx");
        let Err(e) = open_xlsx(&path, &file) else {
            panic!()
        };
        assert!(
            e.to_string().starts_with("x.xlsx: not a readable workbook"),
            "{e}"
        );
        let Err(e) = open_xlsx(&dir.path().join("none.xlsx"), &file) else {
            panic!()
        };
        assert!(
            e.to_string().starts_with("x.xlsx: not a readable workbook"),
            "{e}"
        );
    }
}
