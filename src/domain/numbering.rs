//! Invoice numbers: one gapless series per document kind and year.

use super::DomainError;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    Invoice,
    CreditNote,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::CreditNote => "credit_note",
        }
    }

    /// The series name stored with each number.
    pub fn series(self) -> &'static str {
        match self {
            Self::Invoice => "INV",
            Self::CreditNote => "CN",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Self::Invoice => "",
            Self::CreditNote => "CN-",
        }
    }
}

impl FromStr for DocumentKind {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "invoice" => Ok(Self::Invoice),
            "credit_note" => Ok(Self::CreditNote),
            _ => Err(DomainError::new(format!("unknown document kind {s:?}"))),
        }
    }
}

/// `2026-000123` for invoices, `CN-2026-000012` for credit notes.
pub fn format_number(kind: DocumentKind, year: i32, seq: i64) -> String {
    format!("{}{year:04}-{seq:06}", kind.prefix())
}

/// The kind, year and sequence of a formatted number.
pub fn parse_number(number: &str) -> Option<(DocumentKind, i32, i64)> {
    let (kind, rest) = match number.strip_prefix(DocumentKind::CreditNote.prefix()) {
        Some(rest) => (DocumentKind::CreditNote, rest),
        None => (DocumentKind::Invoice, number),
    };
    let (year, seq) = rest.split_once('-')?;
    if year.len() != 4 || seq.len() < 6 {
        return None;
    }
    Some((kind, year.parse().ok()?, seq.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats() {
        assert_eq!(
            format_number(DocumentKind::Invoice, 2026, 123),
            "2026-000123"
        );
        assert_eq!(
            format_number(DocumentKind::CreditNote, 2026, 12),
            "CN-2026-000012"
        );
        assert_eq!(
            format_number(DocumentKind::Invoice, 2026, 1_234_567),
            "2026-1234567"
        );
        assert_eq!(
            parse_number("2026-000123"),
            Some((DocumentKind::Invoice, 2026, 123))
        );
        assert_eq!(
            parse_number("CN-2026-000012"),
            Some((DocumentKind::CreditNote, 2026, 12))
        );
        assert_eq!(parse_number("26-1"), None);
    }

    proptest! {
        #[test]
        fn round_trip(year in 2000i32..2100, seq in 1i64..10_000_000, credit in any::<bool>()) {
            let kind = if credit { DocumentKind::CreditNote } else { DocumentKind::Invoice };
            prop_assert_eq!(parse_number(&format_number(kind, year, seq)), Some((kind, year, seq)));
        }
    }
}
