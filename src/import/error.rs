//! What went wrong where: every refusal of an import names its file, its line (or element, or
//! row) and its column, as `FILE:LINE: column: message`.

use std::fmt;
use std::sync::Arc;

/// Where a record came from: its file and its line (CSV: the line the row starts on; JSON: the
/// element's index, from 1; XLSX: the row number).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub file: Arc<str>,
    pub line: u64,
}

impl Place {
    pub fn new(file: &Arc<str>, line: u64) -> Place {
        Place {
            file: Arc::clone(file),
            line,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One refusal: a value of a row, a row, a header, a mapping or a whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: Arc<str>,
    /// The line (element, row) it is about; `None` for the file as a whole.
    pub line: Option<u64>,
    /// The column as the file (or the mapping) names it; `None` for the whole row.
    pub column: Option<String>,
    pub message: String,
}

impl ImportError {
    /// About the file as a whole (it cannot be opened, it is no workbook).
    pub fn file(file: &Arc<str>, message: impl Into<String>) -> ImportError {
        ImportError {
            file: Arc::clone(file),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// About a row as a whole.
    pub fn row(place: &Place, message: impl Into<String>) -> ImportError {
        ImportError {
            file: Arc::clone(&place.file),
            line: Some(place.line),
            column: None,
            message: message.into(),
        }
    }

    /// About one column of a row (or of the header).
    pub fn cell(place: &Place, column: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            file: Arc::clone(&place.file),
            line: Some(place.line),
            column: Some(column.to_string()),
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ": {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_file_line_column_message() {
        let file: Arc<str> = Arc::from("hours.csv");
        let place = Place::new(&file, 12);
        assert_eq!(place.to_string(), "hours.csv:12");
        let e = ImportError::cell(&place, "Duration", "a negative duration");
        assert_eq!(e.to_string(), "hours.csv:12: Duration: a negative duration");
        let e = ImportError::row(&place, "3 fields, the header has 4");
        assert_eq!(e.to_string(), "hours.csv:12: 3 fields, the header has 4");
        let e = ImportError::file(&file, "cannot open: gone");
        assert_eq!(e.to_string(), "hours.csv: cannot open: gone");
    }
}
