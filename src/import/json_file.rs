//! JSON files: an array of objects, one per row, read one element at a time so that a file of
//! a million elements takes no more memory than one. An element's "line" is its index in the
//! array, from 1. Values: text, numbers (read exactly as written), true/false and null.

use super::cell::{Cell, RawRow};
use super::error::{ImportError, Place};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

/// Bytes one element may take.
pub const MAX_ELEMENT_BYTES: usize = 1 << 20;

/// The elements of a JSON array.
pub struct JsonRows {
    input: BufReader<Box<dyn Read + Send>>,
    file: Arc<str>,
    /// Elements read so far.
    index: u64,
    state: State,
    element: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the `[`.
    Start,
    /// After `[` or after an element's `,`: an element or (at first) `]` comes.
    Element { first: bool },
    /// After an element: `,` or `]`.
    AfterElement,
    /// After the `]`: only whitespace may follow.
    Done,
    /// After an error nothing more is read.
    Failed,
}

pub fn open_json(input: Box<dyn Read + Send>, file: &Arc<str>) -> JsonRows {
    JsonRows {
        input: BufReader::with_capacity(1 << 16, input),
        file: Arc::clone(file),
        index: 0,
        state: State::Start,
        element: Vec::new(),
    }
}

impl JsonRows {
    fn skip_whitespace(&mut self) -> io::Result<Option<u8>> {
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let n = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let next = buf.get(n).copied();
            self.input.consume(n);
            if next.is_some() {
                return Ok(next);
            }
        }
    }

    /// Copies one JSON value (an object, an array, a string or a scalar) into `element`,
    /// balancing brackets outside strings.
    fn scan_value(&mut self) -> Result<(), String> {
        self.element.clear();
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        loop {
            let buf = self
                .input
                .fill_buf()
                .map_err(|e| format!("cannot read on: {e}"))?;
            if buf.is_empty() {
                return if depth == 0 && !in_string && !self.element.is_empty() {
                    Ok(())
                } else {
                    Err("the file ends inside this element".to_string())
                };
            }
            let mut used = 0;
            let mut complete = false;
            for &b in buf {
                if !in_string && depth == 0 && !self.element.is_empty() {
                    // A scalar ends before what follows it.
                    if matches!(b, b',' | b']' | b'}') || b.is_ascii_whitespace() {
                        complete = true;
                        break;
                    }
                }
                used += 1;
                self.element.push(b);
                if in_string {
                    match (escaped, b) {
                        (true, _) => escaped = false,
                        (false, b'\\') => escaped = true,
                        (false, b'"') => in_string = false,
                        _ => {}
                    }
                    if depth == 0 && !in_string {
                        complete = true;
                        break;
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            complete = true;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            self.input.consume(used);
            if self.element.len() > MAX_ELEMENT_BYTES {
                return Err(format!(
                    "an element larger than {MAX_ELEMENT_BYTES} bytes: one row each"
                ));
            }
            if complete {
                return Ok(());
            }
        }
    }

    fn fail(&mut self, line: Option<u64>, message: String) -> Option<Result<RawRow, ImportError>> {
        self.state = State::Failed;
        Some(Err(ImportError {
            file: Arc::clone(&self.file),
            line,
            column: None,
            message,
        }))
    }
}

impl Iterator for JsonRows {
    type Item = Result<RawRow, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.state == State::Failed {
                return None;
            }
            let next = match self.skip_whitespace() {
                Ok(next) => next,
                Err(e) => return self.fail(None, format!("cannot read on: {e}")),
            };
            match (self.state, next) {
                (State::Done, None) | (State::Failed, _) => return None,
                (State::Done, Some(_)) => {
                    return self.fail(None, "text after the array's closing ]".to_string());
                }
                (State::Start, Some(b'[')) => {
                    self.input.consume(1);
                    self.state = State::Element { first: true };
                }
                (State::Start, _) => {
                    return self.fail(
                        None,
                        "not a JSON array: the file holds [ {...}, {...} ], one object a row"
                            .to_string(),
                    );
                }
                (State::Element { first: true }, Some(b']'))
                | (State::AfterElement, Some(b']')) => {
                    self.input.consume(1);
                    self.state = State::Done;
                }
                (State::AfterElement, Some(b',')) => {
                    self.input.consume(1);
                    self.state = State::Element { first: false };
                }
                (State::Element { .. }, Some(_)) => {
                    self.index += 1;
                    let line = self.index;
                    if let Err(e) = self.scan_value() {
                        return self.fail(Some(line), e);
                    }
                    self.state = State::AfterElement;
                    let place = Place::new(&self.file, line);
                    return Some(row(&self.element, &place));
                }
                (State::Element { .. } | State::AfterElement, None) => {
                    return self.fail(
                        Some(self.index),
                        "the file ends inside the array".to_string(),
                    );
                }
                (State::AfterElement, Some(_)) => {
                    return self.fail(
                        Some(self.index),
                        "expected , or ] after this element".to_string(),
                    );
                }
            }
        }
    }
}

/// An object's members in the order written, each value as JSON text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(Each)
    }
}

/// One element as a row of cells named by its keys.
fn row(element: &[u8], place: &Place) -> Result<RawRow, ImportError> {
    if element.first() != Some(&b'{') {
        return Err(ImportError::row(
            place,
            "not an object: each element is one row, {...}",
        ));
    }
    let members: Members<'_> = serde_json::from_slice(element)
        .map_err(|e| ImportError::row(place, format!("not valid JSON: {e}")))?;
    let mut names: Vec<String> = Vec::with_capacity(members.0.len());
    let mut cells = Vec::with_capacity(members.0.len());
    for (name, value) in members.0 {
        if names.contains(&name) {
            return Err(ImportError::cell(
                place,
                &name,
                "given twice in this element",
            ));
        }
        cells.push(cell(value.get()));
        names.push(name);
    }
    Ok(RawRow {
        line: place.line,
        names: Some(names),
        cells,
    })
}

fn cell(json: &str) -> Cell {
    match json.as_bytes().first() {
        Some(b'"') => match serde_json::from_str::<String>(json) {
            Ok(t) if t.is_empty() => Cell::Empty,
            Ok(t) => Cell::Text(t),
            Err(e) => Cell::Invalid(format!("not valid JSON text: {e}")),
        },
        Some(b'n') => Cell::Empty,
        Some(b't') => Cell::Bool(true),
        Some(b'f') => Cell::Bool(false),
        Some(b'{' | b'[') => Cell::Invalid(
            "a nested value: give each field as text, a number, true/false or null".to_string(),
        ),
        _ => Cell::Number(json.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rows(text: &str) -> Vec<Result<RawRow, String>> {
        let file: Arc<str> = Arc::from("t.json");
        let input: Box<dyn Read + Send> = Box::new(io::Cursor::new(text.as_bytes().to_vec()));
        open_json(input, &file)
            .map(|r| r.map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn elements_with_their_index() {
        let rows = rows(
            r#" [ {"project": "P-1", "hours": 7.50, "billable": true, "note": null,
                   "text": "a \"}\" b"},
                 {"hours": "1,234.5", "nested": {"a": 1}}, 7, {"x": [1, 2]} ] "#,
        );
        assert_eq!(rows.len(), 4, "{rows:?}");
        let first = rows[0].as_ref().unwrap();
        assert_eq!(first.line, 1);
        assert_eq!(
            first.names.as_deref().unwrap(),
            ["project", "hours", "billable", "note", "text"]
        );
        assert_eq!(
            first.cells,
            [
                Cell::Text("P-1".into()),
                Cell::Number("7.50".into()),
                Cell::Bool(true),
                Cell::Empty,
                Cell::Text("a \"}\" b".into()),
            ]
        );
        let second = rows[1].as_ref().unwrap();
        assert_eq!(second.line, 2);
        assert!(matches!(second.cells[1], Cell::Invalid(_)));
        assert_eq!(
            rows[2],
            Err("t.json:3: not an object: each element is one row, {...}".into())
        );
        assert!(matches!(
            rows[3].as_ref().unwrap().cells[0],
            Cell::Invalid(_)
        ));
    }

    #[test]
    fn broken_files() {
        assert_eq!(rows("[]"), []);
        assert_eq!(rows(" [ ] \n"), []);
        let e = rows(r#"{"a": 1}"#);
        assert!(
            e[0].as_ref()
                .unwrap_err()
                .starts_with("t.json: not a JSON array")
        );
        let e = rows(r#"[{"a": 1}, {"a": 2"#);
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[1],
            Err("t.json:2: the file ends inside this element".into())
        );
        let e = rows(r#"[{"a": 1} {"a": 2}]"#);
        assert_eq!(
            e[1],
            Err("t.json:1: expected , or ] after this element".into())
        );
        let e = rows(r#"[{"a": 1}, {"a": tru}, {"a": 3}]"#);
        assert_eq!(e.len(), 3);
        assert!(
            e[1].as_ref()
                .unwrap_err()
                .starts_with("t.json:2: not valid JSON")
        );
        assert!(e[2].is_ok());
        let e = rows(r#"[{"a": 1, "a": 2}]"#);
        assert_eq!(e[0], Err("t.json:1: a: given twice in this element".into()));
        let e = rows(r#"[{"a": 1}] x"#);
        assert_eq!(e[1], Err("t.json: text after the array's closing ]".into()));
        let e = rows(r#"[{"a": 1},"#);
        assert_eq!(e[1], Err("t.json:1: the file ends inside the array".into()));
        let e = rows(&format!(
            "[{{\"a\": \"{}\"}}]",
            "x".repeat(MAX_ELEMENT_BYTES)
        ));
        assert!(e[0].as_ref().unwrap_err().contains("larger than"));
    }

    proptest! {
        /// No text makes the reader panic or loop: it ends with rows or an error.
        #[test]
        fn no_text_panics(text in "[\\[\\]{}\",:a-z0-9 .\\\\-]{0,60}|\\PC{0,40}") {
            let rows = rows(&text);
            prop_assert!(rows.len() <= text.len() + 1);
        }
    }
}
