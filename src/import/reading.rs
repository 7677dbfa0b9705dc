//! Reading a file of one kind: its format from its extension, its layout from its header (or
//! the mapping), then one record at a time, each bad row with every one of its refusals.

use super::billable_work::{expense, revenue_item, time_report};
use super::cell::{Cell, RawRow};
use super::convert::RowReader;
use super::csv_file::open_csv;
use super::error::{ImportError, Place};
use super::format::Format;
use super::grouping::Grouper;
use super::json_file::open_json;
use super::kind::Kind;
use super::layout::{HeaderError, Layout, layout};
use super::mapping::Mapping;
use super::master_data::{account, cost_rate, milestone, price_list, project};
use super::records::Record;
use super::xlsx_file::open_xlsx;
use std::collections::VecDeque;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A record, or every refusal of its row (or rows).
pub type Outcome = Result<Record, Vec<ImportError>>;

/// Rows as a reader gives them.
type Rows = Box<dyn Iterator<Item = Result<RawRow, ImportError>> + Send>;

/// The keys of a JSON element, the layout they make and what is wrong with them.
type Keyed = (Vec<String>, Layout, Vec<HeaderError>);

/// The records of one file, read as they are asked for.
pub struct Records {
    kind: Kind,
    file: Arc<str>,
    format: Format,
    mapping: Option<Mapping>,
    rows: Rows,
    /// The layout of a file with a header; JSON elements bring their own keys.
    layout: Option<Layout>,
    /// The layout of the last JSON element's keys.
    keyed: Option<Keyed>,
    grouper: Grouper,
    ready: VecDeque<Outcome>,
    finished: bool,
    /// Bytes of the file read so far (CSV, JSON; a workbook counts once read whole).
    read: Arc<AtomicU64>,
}

/// A reader that counts the bytes it hands out, for a progress bar.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens `path` to read records of `kind`: `.csv`, `.json` or `.xlsx`, read as `mapping`
/// says (or as docs/import.md says files without one are). A file that cannot be read, or
/// whose header lacks a required field or names an unknown one, is refused here with every
/// reason.
pub fn open(
    kind: Kind,
    path: &Path,
    mapping: Option<&Mapping>,
) -> Result<Records, Vec<ImportError>> {
    let file: Arc<str> = Arc::from(path.display().to_string());
    if let Some(m) = mapping.filter(|m| m.kind != kind) {
        let message = format!("the mapping is for {}, not {kind}", m.kind);
        return Err(vec![ImportError::file(&file, message)]);
    }
    let format = mapping.map_or_else(Format::default, |m| m.format.clone());
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let one = |e: ImportError| vec![e];
    let read = Arc::new(AtomicU64::new(0));
    let input = || -> Result<Box<dyn Read + Send>, Vec<ImportError>> {
        let f = File::open(path)
            .map_err(|e| vec![ImportError::file(&file, format!("cannot open: {e}"))])?;
        Ok(Box::new(Counting {
            inner: f,
            read: Arc::clone(&read),
        }))
    };
    let (header, rows): (Option<(Vec<String>, u64)>, Rows) = match extension.as_str() {
        "csv" => {
            let (names, line, rows) = open_csv(input()?, &file, format.delimiter).map_err(one)?;
            (Some((names, line)), Box::new(rows))
        }
        "xlsx" => {
            let (names, line, rows) = open_xlsx(path, &file).map_err(one)?;
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            read.store(size, Ordering::Relaxed);
            (Some((names, line)), Box::new(rows))
        }
        "json" => (None, Box::new(open_json(input()?, &file))),
        _ => {
            let message = "unknown file type: name it .csv, .json or .xlsx";
            return Err(vec![ImportError::file(&file, message)]);
        }
    };
    let layout = match header {
        Some((names, line)) => {
            let (layout, errors) = layout(kind, &names, mapping);
            if !errors.is_empty() {
                return Err(placed(&Place::new(&file, line), errors));
            }
            Some(layout)
        }
        None => None,
    };
    Ok(Records {
        kind,
        file,
        format,
        mapping: mapping.cloned(),
        rows,
        layout,
        keyed: None,
        grouper: Grouper::default(),
        ready: VecDeque::new(),
        finished: false,
        read,
    })
}

/// Header refusals at `place`.
fn placed(place: &Place, errors: Vec<HeaderError>) -> Vec<ImportError> {
    errors
        .into_iter()
        .map(|(column, message)| ImportError::cell(place, &column, message))
        .collect()
}

/// Reads every file and hands each good record to `record`; returns every refusal of every
/// file, in the order met (an empty list: all read).
pub fn read_files<P: AsRef<Path>>(
    kind: Kind,
    paths: &[P],
    mapping: Option<&Mapping>,
    mut record: impl FnMut(Record),
) -> Vec<ImportError> {
    let mut errors = Vec::new();
    for path in paths {
        match open(kind, path.as_ref(), mapping) {
            Ok(records) => {
                for outcome in records {
                    match outcome {
                        Ok(r) => record(r),
                        Err(e) => errors.extend(e),
                    }
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    errors
}

impl Records {
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The file as the messages name it.
    pub fn file(&self) -> &Arc<str> {
        &self.file
    }

    /// How many bytes of the file have been read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The column (or constant) the field `name` is read from, as messages name it: the
    /// file's own column name where a mapping or the header renamed it (`Duration` for
    /// `hours`), else the field's name. For JSON, the keys of the element read last.
    pub fn column<'a>(&'a self, name: &'a str) -> &'a str {
        match (&self.layout, &self.keyed) {
            (Some(layout), _) => layout.shown(name),
            (None, Some((_, layout, _))) => layout.shown(name),
            (None, None) => name,
        }
    }

    /// One row as a record (or its refusals), with its identity for grouping.
    fn convert(&mut self, raw: RawRow) -> (Option<String>, Outcome) {
        let place = Place::new(&self.file, raw.line);
        let (layout, wrong) = match (&self.layout, raw.names) {
            (Some(layout), _) => (layout, &[][..]),
            (None, Some(names)) => {
                if !matches!(&self.keyed, Some((known, _, _)) if *known == names) {
                    let (l, wrong) = layout(self.kind, &names, self.mapping.as_ref());
                    self.keyed = Some((names, l, wrong));
                }
                match &self.keyed {
                    Some((_, layout, wrong)) => (layout, wrong.as_slice()),
                    None => return (None, Err(vec![ImportError::row(&place, "no layout")])),
                }
            }
            (None, None) => {
                let e = ImportError::row(&place, "a row without a header");
                return (None, Err(vec![e]));
            }
        };
        let refused: Vec<String> = wrong.iter().map(|(column, _)| column.clone()).collect();
        let reader =
            || RowReader::new(place.clone(), layout, &self.format, &raw.cells).refusing(&refused);
        let identity = if self.kind.has_rates() {
            identity(self.kind, reader())
        } else {
            None
        };
        let outcome = match self.kind {
            Kind::Accounts => account(reader()).map(Record::Account),
            Kind::PriceLists => price_list(reader()).map(Record::PriceList),
            Kind::Projects => project(reader()).map(Record::Project),
            Kind::Milestones => milestone(reader()).map(Record::Milestone),
            Kind::TimeReports => time_report(reader()).map(Record::TimeReport),
            Kind::Expenses => expense(reader()).map(Record::Expense),
            Kind::RevenueItems => revenue_item(reader()).map(Record::RevenueItem),
            Kind::CostRates => cost_rate(reader()).map(Record::CostRate),
        };
        if wrong.is_empty() {
            return (identity, outcome);
        }
        // A JSON element's wrong keys come first, then its wrong values.
        let mut errors = placed(&place, wrong.to_vec());
        if let Err(more) = outcome {
            errors.extend(more);
        }
        (identity, Err(errors))
    }
}

/// What makes rows one price list or project: its key, else its name (a price list) or code
/// (a project).
fn identity(kind: Kind, mut r: RowReader<'_>) -> Option<String> {
    if let Some(key) = r.text("key") {
        return Some(format!("key:{key}"));
    }
    let by = if kind == Kind::Projects {
        "code"
    } else {
        "name"
    };
    r.text(by).map(|v| format!("{by}:{v}"))
}

impl Iterator for Records {
    type Item = Outcome;

    fn next(&mut self) -> Option<Outcome> {
        loop {
            if let Some(outcome) = self.ready.pop_front() {
                return Some(outcome);
            }
            if self.finished {
                return None;
            }
            match self.rows.next() {
                None => {
                    self.finished = true;
                    self.ready.extend(self.grouper.flush());
                }
                Some(Err(e)) => self.ready.push_back(Err(vec![e])),
                Some(Ok(raw)) => {
                    if raw.cells.iter().all(Cell::is_empty) {
                        continue;
                    }
                    let place = Place::new(&self.file, raw.line);
                    let (identity, outcome) = self.convert(raw);
                    if self.kind.has_rates() {
                        let done = self.grouper.push(identity, &place, outcome);
                        self.ready.extend(done);
                    } else {
                        return Some(outcome);
                    }
                }
            }
        }
    }
}
