//! The worksheet's own thread. A table's rows arrive checked and converted (text cut to Excel's
//! length, dates and amounts as the numbers a cell holds), a batch at a time, and this thread
//! turns them into the sheet's XML while the caller's thread reads the next rows from SQLite:
//! on two cores the two halves of a large export overlap instead of taking turns.

use crate::domain::Currency;
use anyhow::{Context, Result, anyhow};
use rust_xlsxwriter::{Format, Workbook};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

/// The number format a number cell is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    Plain,
    Date,
    Month,
    Amount(Currency),
}

/// One cell, ready for the sheet; its text is in the batch's `text`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Cell {
    Empty,
    /// The bytes `start..end` of the batch's text.
    Text {
        start: usize,
        end: usize,
    },
    Number(f64, Shown),
    Bool(bool),
}

/// Rows in one hand-over: enough that the channel costs nothing per row, few enough that the
/// batches in flight stay far below a megabyte.
const BATCH_ROWS: usize = 500;

/// Batches the caller may be ahead of the sheet by.
const BATCHES_AHEAD: usize = 4;

/// Consecutive rows of a table, their cells in order, `width` to a row.
#[derive(Debug, Default)]
pub(super) struct Batch {
    /// The sheet row of the first (1 is the first data row, below the header).
    first_row: u32,
    cells: Vec<Cell>,
    /// The text of every text cell of the batch, one after the other: no allocation per cell.
    text: String,
}

impl Batch {
    /// Starts a row at sheet row `row` (only the first row of a batch is remembered).
    fn start_row(&mut self, row: u32) {
        if self.cells.is_empty() {
            self.first_row = row;
        }
    }

    /// Where the batch ends now, to go back to when a row is refused half-way.
    pub(super) fn mark(&self) -> (usize, usize) {
        (self.cells.len(), self.text.len())
    }

    pub(super) fn back_to(&mut self, (cells, text): (usize, usize)) {
        self.cells.truncate(cells);
        self.text.truncate(text);
    }

    pub(super) fn push_text(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.cells.push(Cell::Text {
            start,
            end: self.text.len(),
        });
    }

    pub(super) fn push(&mut self, cell: Cell) {
        self.cells.push(cell);
    }
}

/// The `#,##0.00 "EUR"` number format of a currency, with its own number of decimals.
pub fn currency_format(currency: Currency) -> String {
    let decimals = currency.minor_digits() as usize;
    let fraction = if decimals == 0 {
        String::new()
    } else {
        format!(".{}", "0".repeat(decimals))
    };
    format!("#,##0{fraction} \"{}\"", currency.code())
}

/// The formats of number cells, made on first use: a workbook has only the currencies it shows.
struct Formats {
    date: Format,
    month: Format,
    /// A few currencies at most: a list is quicker to search than a map to hash.
    amounts: Vec<(Currency, Format)>,
}

impl Formats {
    fn of(&mut self, shown: Shown) -> Option<&Format> {
        match shown {
            Shown::Plain => None,
            Shown::Date => Some(&self.date),
            Shown::Month => Some(&self.month),
            Shown::Amount(c) => {
                let at = match self.amounts.iter().position(|(have, _)| *have == c) {
                    Some(at) => at,
                    None => {
                        let format = Format::new().set_num_format(currency_format(c));
                        self.amounts.push((c, format));
                        self.amounts.len() - 1
                    }
                };
                Some(&self.amounts[at].1)
            }
        }
    }
}

/// Writes one batch's cells into the first sheet of `workbook`.
fn write_batch(
    workbook: &mut Workbook,
    formats: &mut Formats,
    batch: &Batch,
    width: usize,
) -> Result<()> {
    let ws = workbook.worksheet_from_index(0)?;
    for (i, row) in batch.cells.chunks(width).enumerate() {
        let r = batch.first_row + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match *cell {
                Cell::Empty => {}
                Cell::Text { start, end } => {
                    ws.write_string(r, c, &batch.text[start..end])?;
                }
                Cell::Number(n, shown) => match formats.of(shown) {
                    Some(format) => {
                        ws.write_number_with_format(r, c, n, format)?;
                    }
                    None => {
                        ws.write_number(r, c, n)?;
                    }
                },
                Cell::Bool(b) => {
                    ws.write_boolean(r, c, b)?;
                }
            }
        }
    }
    Ok(())
}

/// The thread that owns the workbook while rows are written, and the batch being filled.
pub(super) struct SheetThread {
    width: usize,
    filling: Batch,
    rows_in_batch: usize,
    batches: Option<SyncSender<Batch>>,
    thread: Option<JoinHandle<Result<Workbook>>>,
}

impl SheetThread {
    /// Hands `workbook` (its header written) to a new thread that writes rows of `width` cells.
    pub(super) fn start(workbook: Workbook, width: usize) -> Result<SheetThread> {
        let (tx, rx) = sync_channel::<Batch>(BATCHES_AHEAD);
        let thread = std::thread::Builder::new()
            .name("finctl-xlsx".into())
            .spawn(move || run(workbook, rx, width))
            .context("cannot start the worksheet's thread")?;
        Ok(SheetThread {
            width,
            filling: Batch::default(),
            rows_in_batch: 0,
            batches: Some(tx),
            thread: Some(thread),
        })
    }

    /// The batch to add the cells of sheet row `row` to.
    pub(super) fn row(&mut self, row: u32) -> &mut Batch {
        self.filling.start_row(row);
        &mut self.filling
    }

    /// Ends the row just added; hands the batch over when it is full. Fails with the sheet's
    /// own error when its thread stopped on one.
    pub(super) fn end_row(&mut self) -> Result<()> {
        debug_assert_eq!(self.filling.cells.len() % self.width, 0);
        self.rows_in_batch += 1;
        if self.rows_in_batch >= BATCH_ROWS {
            self.hand_over()?;
        }
        Ok(())
    }

    fn hand_over(&mut self) -> Result<()> {
        self.rows_in_batch = 0;
        let batch = std::mem::take(&mut self.filling);
        if batch.cells.is_empty() {
            return Ok(());
        }
        let sent = self.batches.as_ref().map(|tx| tx.send(batch));
        match sent {
            Some(Ok(())) => Ok(()),
            // The thread stopped: its error says why.
            _ => Err(self
                .join()
                .err()
                .unwrap_or_else(|| anyhow!("the worksheet stopped"))),
        }
    }

    /// Waits for the thread and takes its workbook back (the header and every row written).
    pub(super) fn finish(mut self) -> Result<Workbook> {
        self.hand_over()?;
        self.join()
    }

    fn join(&mut self) -> Result<Workbook> {
        self.batches = None;
        let thread = self
            .thread
            .take()
            .context("the worksheet is already closed")?;
        thread
            .join()
            .map_err(|_| anyhow!("the worksheet's thread failed"))?
    }
}

impl Drop for SheetThread {
    /// A table given up (a row refused): the thread ends and its workbook, never saved, goes.
    fn drop(&mut self) {
        if self.thread.is_some() {
            let _ = self.join();
        }
    }
}

fn run(mut workbook: Workbook, batches: Receiver<Batch>, width: usize) -> Result<Workbook> {
    let mut formats = Formats {
        date: Format::new().set_num_format("yyyy-mm-dd"),
        month: Format::new().set_num_format("yyyy-mm"),
        amounts: Vec::new(),
    };
    for batch in batches {
        write_batch(&mut workbook, &mut formats, &batch, width)?;
    }
    Ok(workbook)
}
