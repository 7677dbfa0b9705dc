//! A mapping file (TOML): which of a file's own columns hold which fields, constants for the
//! fields the file lacks, and how the file writes its values (`[format]`).
//!
//! ```toml
//! kind = "time-reports"          # optional: checked against the kind imported
//! [format]
//! date_format = "%m/%d/%Y"
//! duration = "h:mm:ss"
//! [columns]
//! project = "Project"
//! key = ["Email", "Start Date", "Start Time"]   # text fields: several columns joined
//! [constants]
//! role = "consultant"
//! ```

use super::cell::Cell;
use super::error::ImportError;
use super::fields::{Field, field, names};
use super::format::{Format, FormatOptions};
use super::kind::Kind;
use std::path::Path;
use std::sync::Arc;

/// A checked mapping for one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub(crate) kind: Kind,
    pub(crate) format: Format,
    /// Each field and the columns it is read from; `None` when the mapping has no
    /// `[columns]`, so that a file's header names the fields itself.
    pub(crate) columns: Option<Vec<(&'static Field, Vec<String>)>>,
    pub(crate) constants: Vec<(&'static Field, Cell)>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    kind: Option<String>,
    #[serde(default)]
    format: FormatOptions,
    columns: Option<toml::Table>,
    #[serde(default)]
    constants: toml::Table,
}

impl Mapping {
    /// Reads and checks the mapping file at `path` for `kind`; every mistake in it is one
    /// error.
    pub fn load(path: &Path, kind: Kind) -> Result<Mapping, Vec<ImportError>> {
        let file: Arc<str> = Arc::from(path.display().to_string());
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![ImportError::file(&file, format!("cannot read: {e}"))])?;
        Mapping::parse(&text, &file, kind)
    }

    /// Checks the text of a mapping file named `file`.
    pub fn parse(text: &str, file: &Arc<str>, kind: Kind) -> Result<Mapping, Vec<ImportError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let parsed: MappingFile = toml::from_str(text).map_err(|e| {
            let before = |at: usize| &text.as_bytes()[..at.min(text.len())];
            let line = e
                .span()
                .map(|s| 1 + before(s.start).iter().filter(|&&b| b == b'\n').count());
            vec![ImportError {
                file: Arc::clone(file),
                line: line.map(|l| l as u64),
                column: None,
                message: e.message().trim().to_string(),
            }]
        })?;
        let mut errors = Vec::new();
        let mut wrong = |part: String, message: String| {
            errors.push(ImportError {
                file: Arc::clone(file),
                line: None,
                column: Some(part),
                message,
            })
        };
        if let Some(k) = &parsed.kind {
            match k.parse::<Kind>() {
                Ok(k) if k == kind => {}
                Ok(k) => wrong("kind".into(), format!("maps {k}, not {kind}")),
                Err(e) => wrong("kind".into(), e),
            }
        }
        let format = parsed.format.format().unwrap_or_else(|options| {
            for (option, message) in options {
                wrong(format!("[format] {option}"), message);
            }
            Format::default()
        });
        let known = |name: &str| {
            field(kind, name)
                .ok_or_else(|| format!("{name:?} is not a field of {kind} ({})", names(kind)))
        };
        let mut columns = parsed.columns.as_ref().map(|_| Vec::new());
        for (name, value) in parsed.columns.iter().flatten() {
            let part = format!("[columns] {name}");
            let field = match known(name) {
                Ok(f) => f,
                Err(e) => {
                    wrong(part, e);
                    continue;
                }
            };
            match column_names(value) {
                Ok(names) if names.len() > 1 && !field.ty.is_text() => wrong(
                    part,
                    "only text fields are built from several columns".to_string(),
                ),
                Ok(names) => columns.get_or_insert_with(Vec::new).push((field, names)),
                Err(e) => wrong(part, e),
            }
        }
        let mut constants = Vec::new();
        for (name, value) in &parsed.constants {
            let part = format!("[constants] {name}");
            let field = match known(name) {
                Ok(f) => f,
                Err(e) => {
                    wrong(part, e);
                    continue;
                }
            };
            if parsed
                .columns
                .as_ref()
                .is_some_and(|c| c.contains_key(name))
            {
                wrong(part, "is also read from a column: keep one".to_string());
                continue;
            }
            match constant(value) {
                Ok(cell) => constants.push((field, cell)),
                Err(e) => wrong(part, e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Mapping {
            kind,
            format,
            columns,
            constants,
        })
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }
}

/// A column name, or a non-empty list of them.
fn column_names(value: &toml::Value) -> Result<Vec<String>, String> {
    let wrong = || "a column name, or a list of column names".to_string();
    let names = match value {
        toml::Value::String(s) => vec![s.clone()],
        toml::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string).ok_or_else(wrong))
            .collect::<Result<Vec<_>, _>>()?,
        _ => return Err(wrong()),
    };
    if names.is_empty() || names.iter().any(|n| n.trim().is_empty()) {
        return Err(wrong());
    }
    Ok(names)
}

/// A constant as a cell: text, true/false or a whole number; a decimal is written as text
/// (`"95.50"`) so that it is read exactly.
fn constant(value: &toml::Value) -> Result<Cell, String> {
    match value {
        toml::Value::String(s) => Ok(Cell::Text(s.clone())),
        toml::Value::Boolean(b) => Ok(Cell::Bool(*b)),
        toml::Value::Integer(i) => Ok(Cell::Number(i.to_string())),
        toml::Value::Float(f) => Err(format!(
            "{f}: write a decimal as text (\"{f}\"), so that it is read exactly"
        )),
        _ => Err("text, true/false or a whole number".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, kind: Kind) -> Result<Mapping, Vec<String>> {
        let file: Arc<str> = Arc::from("map.toml");
        Mapping::parse(text, &file, kind).map_err(|es| es.iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn columns_constants_and_format() {
        let m = parse(
            r#"
            kind = "time-reports"
            [format]
            delimiter = ";"
            duration = "h:mm:ss"
            [columns]
            key = ["Email", "Start date", "Start time"]
            hours = "Duration"
            [constants]
            role = "consultant"
            billable = true
            "#,
            Kind::TimeReports,
        )
        .unwrap();
        assert_eq!(m.format.delimiter, b';');
        let columns = m.columns.unwrap();
        assert_eq!(columns[1].0.name, "key");
        assert_eq!(columns[1].1, ["Email", "Start date", "Start time"]);
        assert_eq!(m.constants.len(), 2);
        // Without [columns] the file's header names the fields.
        let m = parse("[format]\ndecimal = \",\"\n", Kind::Expenses).unwrap();
        assert!(m.columns.is_none());
    }

    #[test]
    fn every_mistake_is_reported() {
        let errors = parse(
            r#"
            kind = "expenses"
            [format]
            date_format = "%d.%m"
            [columns]
            hours = ["A", "B"]
            houres = "Duration"
            project = 3
            [constants]
            role = 7.5
            project = "P-1"
            "#,
            Kind::TimeReports,
        )
        .unwrap_err();
        let expected = [
            "map.toml: kind: maps expenses, not time-reports",
            "map.toml: [format] date_format: \"%d.%m\" does not give a whole date",
            "map.toml: [columns] houres: \"houres\" is not a field of time-reports",
            "map.toml: [columns] hours: only text fields are built from several columns",
            "map.toml: [columns] project: a column name, or a list of column names",
            "map.toml: [constants] project: is also read from a column: keep one",
            "map.toml: [constants] role: 7.5: write a decimal as text",
        ];
        assert_eq!(errors.len(), expected.len(), "{errors:#?}");
        for (e, x) in errors.iter().zip(expected) {
            assert!(e.starts_with(x), "{e}\nwanted {x}");
        }
        let errors = parse("[format]\ndelimter = \";\"\n", Kind::Expenses).unwrap_err();
        assert!(
            errors[0].starts_with("map.toml:2: unknown field `delimter`"),
            "{errors:?}"
        );
        let errors = parse("[columns\n", Kind::Expenses).unwrap_err();
        assert!(errors[0].starts_with("map.toml:1: "), "{errors:?}");
    }
}
