//! CSV files, streamed row by row: UTF-8 with or without a byte order mark, the delimiter the
//! file declares, fields quoted as RFC 4180 says, lines ended by LF or CRLF. A row's line is
//! the line it starts on, counted here (blank lines and line breaks inside quotes included).

use super::cell::{Cell, RawRow};
use super::error::{ImportError, Place};
use csv_core::ReadRecordResult;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

/// The rows of a CSV file after its header.
pub struct CsvRows {
    input: Fields,
    width: usize,
    file: Arc<str>,
    done: bool,
}

/// A CSV reader that knows the line each record starts on.
struct Fields {
    input: BufReader<Box<dyn Read + Send>>,
    core: csv_core::Reader,
    /// The line of the next byte to read.
    line: u64,
    bytes: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
}

impl Fields {
    /// The next record and its line, or `None` at the end.
    fn next_record(&mut self) -> io::Result<Option<u64>> {
        // Blank lines and the line ends left by the record before are no record.
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let skip = buf
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            self.line += buf[..skip].iter().filter(|&&b| b == b'\n').count() as u64;
            let more = skip < buf.len();
            self.input.consume(skip);
            if more {
                break;
            }
        }
        let line = self.line;
        let (mut out, mut end) = (0, 0);
        loop {
            let buf = self.input.fill_buf()?;
            let (result, nin, nout, nend) =
                self.core
                    .read_record(buf, &mut self.bytes[out..], &mut self.ends[end..]);
            self.line += buf[..nin].iter().filter(|&&b| b == b'\n').count() as u64;
            self.input.consume(nin);
            out += nout;
            end += nend;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let grown = (self.bytes.len() * 2).max(1024);
                    self.bytes.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grown = (self.ends.len() * 2).max(16);
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record => {
                    self.len = end;
                    return Ok(Some(line));
                }
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// The fields of the record read last.
    fn fields(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len).map(|i| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            &self.bytes[start..self.ends[i]]
        })
    }
}

/// Opens CSV text: reads the header (the first record) and leaves the rows to the iterator.
pub fn open_csv(
    input: Box<dyn Read + Send>,
    file: &Arc<str>,
    delimiter: u8,
) -> Result<(Vec<String>, u64, CsvRows), ImportError> {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let cannot = |e: io::Error| ImportError::file(file, format!("cannot read: {e}"));
    if input
        .fill_buf()
        .map_err(cannot)?
        .starts_with(b"\xEF\xBB\xBF")
    {
        input.consume(3);
    }
    let mut fields = Fields {
        input,
        core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
        line: 1,
        bytes: vec![0; 4096],
        ends: vec![0; 64],
        len: 0,
    };
    let Some(line) = fields.next_record().map_err(cannot)? else {
        return Err(ImportError::file(file, "empty: no header row"));
    };
    let names = fields
        .fields()
        .map(|f| String::from_utf8(f.to_vec()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| {
            ImportError::row(
                &Place::new(file, line),
                "the header is not UTF-8: save the file as UTF-8",
            )
        })?;
    let rows = CsvRows {
        input: fields,
        width: names.len(),
        file: Arc::clone(file),
        done: false,
    };
    Ok((names, line, rows))
}

impl Iterator for CsvRows {
    type Item = Result<RawRow, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let line = match self.input.next_record() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    // Nothing after an I/O error can be trusted.
                    self.done = true;
                    let place = Place::new(&self.file, self.input.line);
                    return Some(Err(ImportError::row(
                        &place,
                        format!("cannot read on: {e}"),
                    )));
                }
            };
            let place = Place::new(&self.file, line);
            let len = self.input.len;
            if len != self.width {
                // A line of spaces is no row.
                if len == 1
                    && self
                        .input
                        .fields()
                        .all(|f| f.iter().all(u8::is_ascii_whitespace))
                {
                    continue;
                }
                return Some(Err(ImportError::row(
                    &place,
                    format!("{len} fields, but the header has {}", self.width),
                )));
            }
            let cells = self
                .input
                .fields()
                .map(|f| match std::str::from_utf8(f) {
                    Ok("") => Cell::Empty,
                    Ok(t) => Cell::Text(t.to_string()),
                    Err(_) => Cell::Invalid("not UTF-8: save the file as UTF-8".to_string()),
                })
                .collect();
            return Some(Ok(RawRow {
                line,
                names: None,
                cells,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[u8], delimiter: u8) -> (Vec<String>, Vec<Result<RawRow, String>>) {
        let file: Arc<str> = Arc::from("t.csv");
        let input: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(text.to_vec()));
        let (header, line, rows) = open_csv(input, &file, delimiter).unwrap();
        assert_eq!(line, 1);
        (header, rows.map(|r| r.map_err(|e| e.to_string())).collect())
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn rows_with_their_lines() {
        let (header, rows) = rows(
            b"\xEF\xBB\xBFa;b\n1;\"two\nlines\"\n\n3;\"x;y\"\n4\n5;6;7\n",
            b';',
        );
        assert_eq!(header, ["a", "b"]);
        assert_eq!(rows.len(), 4, "{rows:?}");
        let first = rows[0].as_ref().unwrap();
        assert_eq!(
            (first.line, first.cells.clone()),
            (2, vec![text("1"), text("two\nlines")])
        );
        let next = rows[1].as_ref().unwrap();
        assert_eq!(
            (next.line, next.cells.clone()),
            (5, vec![text("3"), text("x;y")])
        );
        assert_eq!(
            rows[2],
            Err("t.csv:6: 1 fields, but the header has 2".to_string())
        );
        assert_eq!(
            rows[3],
            Err("t.csv:7: 3 fields, but the header has 2".to_string())
        );
    }

    #[test]
    fn lines_are_counted_through_blank_lines_and_crlf() {
        for (text, lines) in [
            (&b"h\n1\n\n\n2\n3\n"[..], [2, 5, 6]),
            (b"h\r\n1\r\n\r\n2\r\n3", [2, 4, 5]),
            (b"h\n\"a\nb\"\n\n2\r\n\"\"\"x\r\ny\"\n", [2, 5, 6]),
        ] {
            let (_, rows) = rows(text, b',');
            let found: Vec<u64> = rows.iter().map(|r| r.as_ref().unwrap().line).collect();
            assert_eq!(found, lines, "{:?}", String::from_utf8_lossy(text));
        }
        let (_, rows) = rows(b"a\tb\n\"x\"\"y\"\t\n", b'\t');
        assert_eq!(rows[0].as_ref().unwrap().cells, [text("x\"y"), Cell::Empty]);
    }

    #[test]
    fn bytes_that_are_not_utf8() {
        let (_, rows) = rows(b"a,b\n\xff,\n", b',');
        let row = rows[0].as_ref().unwrap();
        assert!(matches!(row.cells[0], Cell::Invalid(_)));
        assert_eq!(row.cells[1], Cell::Empty);
        let file: Arc<str> = Arc::from("t.csv");
        let bad: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(b"\xffa,b\n".to_vec()));
        assert!(open_csv(bad, &file, b',').is_err());
        let empty: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(Vec::new()));
        let Err(e) = open_csv(empty, &file, b',') else {
            panic!()
        };
        assert_eq!(e.to_string(), "t.csv: empty: no header row");
    }
}
