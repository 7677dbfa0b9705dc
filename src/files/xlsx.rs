//! One table in an Excel workbook: typed cells (dates as dates, months as the date of their
//! first day shown `yyyy-mm`, amounts as numbers in their currency's format), a bold frozen
//! header row and an autofilter over the data. Rows arrive
//! one at a time, so callers can stream them from SQLite.

pub use super::xlsx_sheet::currency_format;
use super::xlsx_sheet::{Batch, Cell, SheetThread, Shown};
use crate::domain::Money;
use crate::domain::report::YearMonth;
use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};
use std::path::{Path, PathBuf};

/// Rows in one Excel worksheet, the header row included.
pub const EXCEL_MAX_ROWS: usize = 1_048_576;

/// Excel refuses longer text in a cell.
const MAX_CELL_CHARS: usize = 32_767;

/// What a column holds; decides how its header is aligned and what a cell may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    /// Dates; a month may stand in one (shown as a month).
    Date,
    /// Months: date cells of their first day, shown `yyyy-mm`.
    Month,
    Amount,
    Integer,
    Decimal,
    Bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub kind: CellKind,
    /// In characters of the default font, as Excel counts column widths.
    pub width: f64,
}

impl Column {
    pub fn new(title: &str, kind: CellKind, width: f64) -> Column {
        Column {
            title: title.to_string(),
            kind,
            width,
        }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Date(NaiveDate),
    /// A calendar month: a date cell (its first day) shown `yyyy-mm`, so it sorts and filters
    /// as a date.
    Month(YearMonth),
    /// A number shown with the currency's decimals and code.
    Amount(Money),
    Integer(i64),
    /// A quantity, rate or price: a number shown as it is.
    Decimal(Decimal),
    Bool(bool),
    Empty,
}

impl Value {
    pub fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    /// `Empty` for `None`.
    pub fn opt_text(s: Option<&str>) -> Value {
        s.map_or(Value::Empty, Value::text)
    }

    fn fits(&self, kind: CellKind) -> bool {
        matches!(
            (self, kind),
            (Value::Empty, _)
                | (Value::Text(_), CellKind::Text)
                | (Value::Date(_), CellKind::Date)
                | (Value::Month(_), CellKind::Month | CellKind::Date)
                | (Value::Amount(..), CellKind::Amount)
                | (Value::Integer(_), CellKind::Integer)
                | (Value::Decimal(_), CellKind::Decimal)
                | (Value::Bool(_), CellKind::Bool)
        )
    }
}

/// Told how many rows are written so far while a long table is written (the console shows it).
pub type Progress = std::sync::Arc<dyn Fn(usize) + Send + Sync>;

/// Writes one table to a new workbook, row by row. Nothing is on disk until `finish`. The
/// rows are checked and converted here, on the caller's thread, and written into the sheet on a
/// thread of its own (`xlsx_sheet`), so a refused row fails the `push` that gave it.
pub struct TableWriter {
    sheet: SheetThread,
    path: PathBuf,
    columns: Vec<Column>,
    rows: usize,
    /// Data rows a sheet can take below its header (lowered by the tests).
    max_rows: usize,
    /// Told the rows written so far, every `PROGRESS_EVERY` rows.
    progress: Option<Progress>,
}

/// How often a long write tells how far it got.
const PROGRESS_EVERY: usize = 1_000;

impl TableWriter {
    pub fn create(path: &Path, sheet: &str, columns: &[Column]) -> Result<TableWriter> {
        if columns.is_empty() || columns.len() > 16_384 {
            bail!("a table has 1 to 16,384 columns, not {}", columns.len());
        }
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold();
        let sheet_name = sheet_name(sheet);
        let ws = add_sheet(&mut workbook);
        ws.set_name(&sheet_name)
            .with_context(|| format!("sheet name {sheet_name:?}"))?;
        for (c, col) in columns.iter().enumerate() {
            let c = c as u16;
            ws.set_column_width(c, col.width)?;
            let header = match col.kind {
                CellKind::Text | CellKind::Date | CellKind::Month | CellKind::Bool => bold.clone(),
                _ => bold.clone().set_align(FormatAlign::Right),
            };
            ws.write_string_with_format(0, c, &col.title, &header)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(TableWriter {
            sheet: SheetThread::start(workbook, columns.len())?,
            path: path.to_path_buf(),
            columns: columns.to_vec(),
            rows: 0,
            max_rows: EXCEL_MAX_ROWS - 1,
            progress: None,
        })
    }

    /// Tells `progress` how many rows are written while the table grows.
    pub fn with_progress(mut self, progress: Option<Progress>) -> TableWriter {
        self.progress = progress;
        self
    }

    /// Data rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn push(&mut self, cells: &[Value]) -> Result<()> {
        if self.rows >= self.max_rows {
            bail!(
                "more than {} rows: an Excel sheet holds at most {} rows, the header \
                 included; narrow the list with a filter, or export as CSV",
                self.max_rows,
                self.max_rows + 1
            );
        }
        if cells.len() != self.columns.len() {
            bail!(
                "a row of {} cells in a table of {} columns",
                cells.len(),
                self.columns.len()
            );
        }
        let batch = self.sheet.row(self.rows as u32 + 1);
        let mark = batch.mark();
        if let Err(e) = add_cells(batch, cells, &self.columns) {
            // Nothing of a refused row stays behind.
            batch.back_to(mark);
            return Err(e);
        }
        self.sheet.end_row()?;
        self.rows += 1;
        if self.rows.is_multiple_of(PROGRESS_EVERY)
            && let Some(progress) = &self.progress
        {
            progress(self.rows);
        }
        Ok(())
    }

    /// Adds the autofilter over what was written and saves; returns the number of data rows.
    pub fn finish(self) -> Result<usize> {
        let last_col = (self.columns.len() - 1) as u16;
        let mut workbook = self.sheet.finish()?;
        let ws = workbook.worksheet_from_index(0)?;
        ws.autofilter(0, 0, self.rows as u32, last_col)?;
        workbook
            .save(&self.path)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        Ok(self.rows)
    }
}

/// A row's cells, checked against their columns and converted, added to `batch`.
fn add_cells(batch: &mut Batch, cells: &[Value], columns: &[Column]) -> Result<()> {
    for (value, col) in cells.iter().zip(columns) {
        if !value.fits(col.kind) {
            bail!("column {:?} cannot hold {value:?}", col.title);
        }
        let cell = match value {
            Value::Empty => Cell::Empty,
            Value::Text(s) => {
                batch.push_text(cut(s));
                continue;
            }
            Value::Date(d) => Cell::Number(excel_date(*d)?, Shown::Date),
            Value::Month(m) => Cell::Number(excel_date(m.first_day())?, Shown::Month),
            Value::Amount(m) => Cell::Number(number(m.amount)?, Shown::Amount(m.currency)),
            Value::Integer(i) => Cell::Number(integer(*i)?, Shown::Plain),
            Value::Decimal(d) => Cell::Number(number(*d)?, Shown::Plain),
            Value::Bool(b) => Cell::Bool(*b),
        };
        batch.push(cell);
    }
    Ok(())
}

/// Writes a whole table from an iterator of rows; returns the number of data rows. The file is
/// not written when a row fails.
pub fn write_table<E>(
    path: &Path,
    sheet: &str,
    columns: &[Column],
    rows: impl IntoIterator<Item = std::result::Result<Vec<Value>, E>>,
) -> Result<usize>
where
    E: Into<anyhow::Error>,
{
    let mut w = TableWriter::create(path, sheet, columns)?;
    for row in rows {
        w.push(&row.map_err(Into::into)?)?;
    }
    w.finish()
}

/// Constant-memory mode: rows go to a temporary file as they are written (strictly row by
/// row, as this writer does), so a million rows do not sit in memory.
fn add_sheet(workbook: &mut Workbook) -> &mut Worksheet {
    workbook.add_worksheet_with_constant_memory()
}

/// Excel's sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control() && !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    let trimmed = cleaned.trim_matches('\'').trim();
    if trimmed.is_empty() {
        "Sheet1".into()
    } else {
        trimmed.to_string()
    }
}

fn cut(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// A spreadsheet cell holds a binary double, which the file keeps as its shortest decimal
/// spelling: a figure is written only when that spelling reads back as exactly the figure
/// (every amount finctl accepts, below a trillion with its currency's decimals, does); any
/// other is refused rather than written changed.
fn number(d: Decimal) -> Result<f64> {
    if let Some(f) = short_number(d) {
        return Ok(f);
    }
    let f = d
        .to_f64()
        .with_context(|| format!("{d} cannot be a spreadsheet number"))?;
    let back: Decimal = f
        .to_string()
        .parse()
        .with_context(|| format!("{d} cannot be a spreadsheet number"))?;
    if back != d {
        bail!("{d} cannot be a spreadsheet number exactly (it would read {back})");
    }
    Ok(f)
}

/// The powers of ten a double holds exactly (10^22 < 2^53 * 2^22: 5^22 < 2^53).
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Decimals of at most 15 significant digits, `m / 10^s` with |m| < 10^15 and s <= 22: the
/// double of every figure finctl writes (amounts below 10^12 with at most 3 decimals, rates,
/// quantities), without the round trip through text that `number` otherwise makes. It is the
/// figure written exactly:
///
/// 1. `m` (below 10^15 < 2^53) and `10^s` (s <= 22) are doubles exactly, and IEEE division
///    rounds correctly, so `f` is the double nearest to `d`.
/// 2. Two different decimals of at most 15 significant digits never share a nearest double:
///    10^15 < 2^52, so such decimals are further apart than doubles of their size are (the
///    classic result behind DBL_DIG = 15; the range 10^-22..10^15 is all normal doubles).
/// 3. The shortest spelling of `f` (what the file keeps, and what `f64`'s `Display` prints) is
///    the decimal of fewest digits whose nearest double is `f`; `d` is one with at most 15
///    digits, so the shortest has at most 15 too and is, by 2, `d` itself.
///
/// So `f` reads back as `d`; the proptest `short_numbers_read_back_exactly` checks it against
/// the round trip. Anything larger or longer takes the round trip in `number`.
fn short_number(d: Decimal) -> Option<f64> {
    const LIMIT: u128 = 1_000_000_000_000_000;
    let m = d.mantissa();
    let power = EXACT_POWERS_OF_TEN.get(d.scale() as usize)?;
    (m.unsigned_abs() < LIMIT).then(|| m as f64 / power)
}

/// The largest whole number a double holds exactly (2^53).
const EXACT_INTEGER: i64 = 1 << 53;

/// A whole number as a spreadsheet cell, refused beyond what a double holds exactly.
fn integer(i: i64) -> Result<f64> {
    if i.unsigned_abs() > EXACT_INTEGER as u64 {
        bail!("{i} cannot be a spreadsheet number exactly");
    }
    Ok(i as f64)
}

/// A day as the number of its date cell.
fn excel_date(d: NaiveDate) -> Result<f64> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let year = u16::try_from(y)
        .ok()
        .filter(|y| (1900..=9999).contains(y))
        .with_context(|| format!("{d} is outside Excel's dates (1900 to 9999)"))?;
    Ok(ExcelDateTime::from_ymd(year, m as u8, day as u8)?.to_excel())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    #[test]
    fn figures_are_written_only_when_they_read_back_exactly() {
        for text in ["0.1", "0.01", "1234.56", "999999999999.99", "-0.05", "12.5"] {
            let d: Decimal = text.parse().unwrap();
            let f = number(d).unwrap();
            assert_eq!(f.to_string().parse::<Decimal>().unwrap(), d, "{text}");
        }
        // More digits than a double holds: refused, not rounded.
        let long: Decimal = "1234567890123.456789".parse().unwrap();
        assert!(number(long).is_err());
        assert_eq!(integer(EXACT_INTEGER).unwrap(), 9_007_199_254_740_992.0);
        assert!(integer(EXACT_INTEGER + 1).is_err());
        assert!(integer(-EXACT_INTEGER - 1).is_err());
    }

    proptest::proptest! {
        /// Every decimal the quick conversion takes reads back from the file as itself (the
        /// proof is at `short_number`), and is the double the round trip would write.
        #[test]
        fn short_numbers_read_back_exactly(
            m in -999_999_999_999_999i64..=999_999_999_999_999,
            scale in 0u32..=22,
        ) {
            let d = Decimal::new(m, scale);
            let f = short_number(d).expect("a short number");
            proptest::prop_assert_eq!(f.to_string().parse::<Decimal>().unwrap(), d);
            let back: f64 = d.to_string().parse().unwrap();
            proptest::prop_assert_eq!(f.to_bits(), back.to_bits(), "the double nearest {}", d);
        }

        /// Amounts of any currency below a trillion take the quick way.
        #[test]
        fn amounts_are_short_numbers(minor in -99_999_999_999_999i64..=99_999_999_999_999, dp in 0u32..=3) {
            proptest::prop_assert!(short_number(Decimal::new(minor, dp)).is_some());
        }
    }

    #[test]
    fn longer_figures_take_the_round_trip() {
        assert!(short_number(Decimal::new(1_000_000_000_000_000, 2)).is_none());
        assert!(short_number(Decimal::new(1, 23)).is_none());
        // 0.1 + 0.2 exactly: 18 digits, which a double does not keep.
        let long: Decimal = "0.300000000000000004".parse().unwrap();
        assert!(short_number(long).is_none() && number(long).is_err());
        // Long in its digits, yet a double exactly: written by the round trip.
        let half: Decimal = "0.5000000000000000000".parse().unwrap();
        assert!(short_number(half).is_none());
        assert_eq!(number(half).unwrap(), 0.5);
    }

    /// Rows over several hand-overs to the sheet's thread, a row refused half-way among them,
    /// read back cell by cell: the file holds exactly the rows accepted, in order.
    #[test]
    fn rows_read_back_as_written_across_batches() {
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let cols = [
            Column::new("n", CellKind::Integer, 8.0),
            Column::new("name", CellKind::Text, 8.0),
            Column::new("day", CellKind::Date, 8.0),
            Column::new("amount", CellKind::Amount, 8.0),
            Column::new("ok", CellKind::Bool, 8.0),
        ];
        let jpy: Currency = "JPY".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let row = |i: i64| {
            let currency = if i % 3 == 0 { jpy } else { Currency::EUR };
            vec![
                Value::Integer(i),
                if i % 7 == 0 {
                    Value::Empty
                } else {
                    Value::Text(format!("item <{i}> & co"))
                },
                Value::Date(day + chrono::Days::new(i as u64)),
                Value::Amount(Money::new(
                    Decimal::new(i * 101, currency.minor_digits()),
                    currency,
                )),
                Value::Bool(i % 2 == 0),
            ]
        };
        let mut w = TableWriter::create(&path, "t", &cols).unwrap();
        for i in 0..1_234 {
            w.push(&row(i)).unwrap();
            if i == 600 {
                let mut bad = row(i);
                bad[3] = Value::Amount(Money::new(
                    "0.300000000000000004".parse().unwrap(),
                    Currency::EUR,
                ));
                assert!(w.push(&bad).is_err(), "a figure a double cannot hold");
            }
        }
        assert_eq!(w.finish().unwrap(), 1_234);
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let rows: Vec<_> = range.rows().skip(1).collect();
        assert_eq!(rows.len(), 1_234);
        for (i, cells) in rows.iter().enumerate() {
            let i = i as i64;
            let want = row(i);
            assert_eq!(cells[0], Data::Float(i as f64), "row {i}");
            match &want[1] {
                Value::Text(t) => assert_eq!(cells[1], Data::String(t.clone()), "row {i}"),
                _ => assert_eq!(cells[1], Data::Empty, "row {i}"),
            }
            let Data::DateTime(d) = &cells[2] else {
                panic!("row {i}: {:?}", cells[2])
            };
            assert_eq!(
                d.as_f64(),
                excel_date(day + chrono::Days::new(i as u64)).unwrap()
            );
            let Value::Amount(m) = &want[3] else {
                unreachable!()
            };
            let Data::Float(f) = cells[3] else {
                panic!("row {i}: {:?}", cells[3])
            };
            assert_eq!(
                f.to_string().parse::<Decimal>().unwrap(),
                m.amount,
                "row {i}"
            );
            assert_eq!(cells[4], Data::Bool(i % 2 == 0), "row {i}");
        }
    }

    #[test]
    fn currency_formats_follow_the_decimals() {
        assert_eq!(currency_format(Currency::EUR), "#,##0.00 \"EUR\"");
        let jpy: Currency = "JPY".parse().unwrap();
        assert_eq!(currency_format(jpy), "#,##0 \"JPY\"");
    }

    #[test]
    fn stops_at_the_row_limit_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let cols = [Column::new("n", CellKind::Integer, 8.0)];
        let mut w = TableWriter::create(&path, "t", &cols).unwrap();
        w.max_rows = 3;
        for i in 0..3 {
            w.push(&[Value::Integer(i)]).unwrap();
        }
        let err = w.push(&[Value::Integer(4)]).unwrap_err().to_string();
        assert!(err.contains("at most 4 rows"), "{err}");
        drop(w);
        assert!(!path.exists());
        assert_eq!(
            EXCEL_MAX_ROWS - 1,
            1_048_575,
            "Excel's own limit applies by default"
        );
    }

    #[test]
    fn refuses_cells_that_do_not_fit_their_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let cols = [Column::new("d", CellKind::Date, 8.0)];
        let rows = vec![Ok::<_, anyhow::Error>(vec![Value::text("x")])];
        let err = write_table(&path, "t", &cols, rows).unwrap_err();
        assert!(err.to_string().contains("cannot hold"), "{err}");
        let ok = vec![Ok::<_, anyhow::Error>(vec![Value::Empty])];
        assert_eq!(write_table(&path, "t", &cols, ok).unwrap(), 1);
    }

    #[test]
    fn months_fit_month_and_date_columns_only() {
        let m = Value::Month(YearMonth {
            year: 2026,
            month: 11,
        });
        assert!(m.fits(CellKind::Month) && m.fits(CellKind::Date));
        assert!(!m.fits(CellKind::Text));
        let d = Value::Date(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert!(!d.fits(CellKind::Month), "a date is not a month");
    }

    #[test]
    fn sheet_names_are_made_acceptable() {
        assert_eq!(sheet_name("Revenue items"), "Revenue items");
        assert_eq!(sheet_name("a/b:c"), "abc");
        assert_eq!(sheet_name(""), "Sheet1");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }
}
