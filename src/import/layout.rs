//! Which column (or constant) each field of a kind is read from: from a mapping's `[columns]`,
//! or from a header naming the fields. A header that lacks a required field, or names a column
//! that is no field, is refused here, once for the file.

use super::cell::Cell;
use super::fields::{Need, fields, names, normalized};
use super::kind::Kind;
use super::mapping::Mapping;

/// Where a field's value is.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Column(usize),
    /// A text field built from several columns, joined with " / ".
    Columns(Vec<usize>),
    Constant(Cell),
}

/// The sources of a kind's fields, in the order of `fields(kind)`, with the name each is shown
/// by in messages (the file's own column name).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub kind: Kind,
    sources: Vec<Option<(Source, String)>>,
}

/// A refusal of a header: the column (or field) it is about, and why.
pub type HeaderError = (String, String);

impl Layout {
    fn index(&self, name: &str) -> Option<usize> {
        fields(self.kind).iter().position(|f| f.name == name)
    }

    /// Where the field `name` is read from, and the name it goes by.
    pub fn source(&self, name: &str) -> Option<(&Source, &str)> {
        let i = self.index(name)?;
        let (source, shown) = self.sources.get(i)?.as_ref()?;
        Some((source, shown))
    }

    /// Whether the field is read at all.
    pub fn has(&self, name: &str) -> bool {
        self.source(name).is_some()
    }

    /// The name the field goes by in messages: its column, or the field's own name.
    pub fn shown<'a>(&'a self, name: &'a str) -> &'a str {
        self.source(name).map_or(name, |(_, shown)| shown)
    }
}

/// The layout of a file whose header (or JSON element's keys) is `header`, and what is wrong
/// with the header: a file with a wrong header is refused, a JSON element with wrong keys is
/// reported with the rest of its values.
pub fn layout(
    kind: Kind,
    header: &[String],
    mapping: Option<&Mapping>,
) -> (Layout, Vec<HeaderError>) {
    let mut errors = Vec::new();
    let mut sources: Vec<Option<(Source, String)>> = vec![None; fields(kind).len()];
    let position = |name: &str| fields(kind).iter().position(|f| f.name == name);
    match mapping.and_then(|m| m.columns.as_ref()) {
        Some(columns) => {
            for (field, names) in columns {
                let mut at = Vec::new();
                for name in names {
                    match find(header, name) {
                        Ok(i) => at.push(i),
                        Err(e) => errors.push((
                            name.clone(),
                            format!("{e} (the mapping reads {} from it)", field.name),
                        )),
                    }
                }
                if let (Some(i), true) = (position(field.name), at.len() == names.len()) {
                    let source = match at.as_slice() {
                        [one] => Source::Column(*one),
                        _ => Source::Columns(at),
                    };
                    sources[i] = Some((source, names.join(" + ")));
                }
            }
        }
        None => {
            for (i, column) in header.iter().enumerate() {
                let name = normalized(column);
                if name.is_empty() {
                    errors.push((
                        format!("column {}", i + 1),
                        "a column without a name".to_string(),
                    ));
                    continue;
                }
                let Some(at) = position(&name) else {
                    errors.push((
                        column.clone(),
                        format!("not a field of {kind} ({})", names(kind)),
                    ));
                    continue;
                };
                if sources[at].is_some() {
                    errors.push((column.clone(), format!("a second column for {name}")));
                    continue;
                }
                sources[at] = Some((Source::Column(i), column.trim().to_string()));
            }
        }
    }
    for (f, cell) in mapping.map(|m| m.constants.as_slice()).unwrap_or_default() {
        if let Some(i) = position(f.name) {
            if sources[i].is_some() {
                errors.push((
                    f.name.to_string(),
                    "both a column of the file and a constant of the mapping".to_string(),
                ));
            } else {
                sources[i] = Some((
                    Source::Constant(cell.clone()),
                    format!("[constants] {}", f.name),
                ));
            }
        }
    }
    let layout = Layout { kind, sources };
    errors.extend(missing(&layout));
    (layout, errors)
}

/// The column named `name`: exactly, or else the one column equal to it ignoring case and
/// surrounding spaces.
fn find(header: &[String], name: &str) -> Result<usize, String> {
    let exact: Vec<usize> = (0..header.len()).filter(|&i| header[i] == name).collect();
    let matching = if exact.is_empty() {
        let wanted = name.trim().to_lowercase();
        (0..header.len())
            .filter(|&i| header[i].trim().to_lowercase() == wanted)
            .collect()
    } else {
        exact
    };
    match matching.as_slice() {
        [one] => Ok(*one),
        [] => Err("no such column in the file".to_string()),
        _ => Err(format!("{} columns have this name", matching.len())),
    }
}

/// What a layout lacks: required fields, and the fields that go together.
fn missing(layout: &Layout) -> Vec<HeaderError> {
    let kind = layout.kind;
    let has = |name: &str| layout.has(name);
    let mut errors: Vec<HeaderError> = fields(kind)
        .iter()
        .filter(|f| f.need == Need::Required && !layout.has(f.name))
        .map(|f| {
            (
                f.name.to_string(),
                "missing: a required field (a column of the file, or a constant of a mapping)"
                    .to_string(),
            )
        })
        .collect();
    let mut lacks =
        |name: &str, message: &str| errors.push((name.to_string(), message.to_string()));
    if kind.has_rates() {
        if has("rate_role") != has("hourly_rate") {
            let absent = if has("rate_role") {
                "hourly_rate"
            } else {
                "rate_role"
            };
            lacks(absent, "rates need both rate_role and hourly_rate");
        }
        if has("rate_person") && !has("rate_role") {
            lacks("rate_role", "a rate for a person also needs rate_role");
        }
    }
    if kind == Kind::TimeReports {
        let clock = [
            "start",
            "start_date",
            "start_time",
            "end",
            "end_date",
            "end_time",
        ];
        let by_clock = clock.iter().any(|c| has(c));
        if has("hours") && by_clock {
            lacks(
                "hours",
                "both hours and start or end columns: read the hours from one",
            );
        } else if !has("hours") && !by_clock {
            lacks(
                "hours",
                "missing: hours, or where the work started and ended",
            );
        } else if by_clock {
            if has("start") == (has("start_time") || has("start_date")) {
                lacks(
                    "start_time",
                    "where the work started: start (date and time), or start_time (with start_date or date)",
                );
            } else if has("start_time") && !(has("start_date") || has("date")) {
                lacks("start_date", "start_time needs start_date (or date)");
            }
            if has("end") == (has("end_time") || has("end_date")) {
                lacks(
                    "end_time",
                    "where the work ended: end (date and time), or end_time (with end_date when it ends on another day)",
                );
            } else if has("end_date") && !has("end_time") {
                lacks("end_time", "end_date needs end_time");
            }
            if has("start_date") && !has("start_time") {
                lacks("start_time", "start_date needs start_time");
            }
        }
        if !(has("date") || has("start_date") || has("start")) {
            lacks("date", "missing: date, or where the work started");
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn header(names: &str) -> Vec<String> {
        names.split(',').map(str::to_string).collect()
    }

    fn mapping(text: &str, kind: Kind) -> Mapping {
        let file: Arc<str> = Arc::from("map.toml");
        Mapping::parse(text, &file, kind).unwrap()
    }

    #[test]
    fn a_header_names_the_fields() {
        let h = header("Key,Project,Date,Description,Amount,Billable");
        let (l, errors) = layout(Kind::Expenses, &h, None);
        assert!(errors.is_empty());
        assert_eq!(l.source("amount"), Some((&Source::Column(4), "Amount")));
        assert!(!l.has("hours"));
        let h = header("project,date,description,amout,billable,amount,Amount,");
        let (_, errors) = layout(Kind::Expenses, &h, None);
        assert_eq!(errors[0].0, "amout");
        assert!(
            errors[0]
                .1
                .starts_with("not a field of expenses (key, project,")
        );
        assert_eq!(
            errors[1],
            ("Amount".into(), "a second column for amount".into())
        );
        assert_eq!(
            errors[2],
            ("column 8".into(), "a column without a name".into())
        );
        assert_eq!(errors.len(), 3);
        let (_, errors) = layout(Kind::Expenses, &header("project,date"), None);
        let missing: Vec<&str> = errors.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(missing, ["description", "amount", "billable"]);
    }

    #[test]
    fn a_mapping_names_the_columns() {
        let m = mapping(
            "[columns]\nproject = \"Project\"\nperson = \"User\"\ndate = \"Start date\"\n\
             hours = \"Duration\"\nbillable = \"Billable\"\nkey = [\"Email\", \"Start date\"]\n\
             [constants]\nrole = \"consultant\"\n",
            Kind::TimeReports,
        );
        let h = header("User,Email,Project,Billable,Start date,Duration,Tags");
        let (l, errors) = layout(Kind::TimeReports, &h, Some(&m));
        assert!(errors.is_empty());
        assert_eq!(
            l.source("key"),
            Some((&Source::Columns(vec![1, 4]), "Email + Start date"))
        );
        assert_eq!(l.shown("role"), "[constants] role");
        assert_eq!(l.shown("description"), "description");
        let h = header("User,Email,Project,Billable,Start date");
        let (_, errors) = layout(Kind::TimeReports, &h, Some(&m));
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].0, "Duration");
        assert_eq!(
            errors[0].1,
            "no such column in the file (the mapping reads hours from it)"
        );
    }

    #[test]
    fn hours_or_start_and_end() {
        let ok = [
            "project,person,role,billable,date,hours",
            "project,person,role,billable,start_date,start_time,end_time",
            "project,person,role,billable,date,start_time,end_time",
            "project,person,role,billable,start_date,start_time,end_date,end_time",
            "project,person,role,billable,start,end",
        ];
        for h in ok {
            assert!(
                layout(Kind::TimeReports, &header(h), None).1.is_empty(),
                "{h}"
            );
        }
        let bad = [
            "project,person,role,billable,date",
            "project,person,role,billable,date,hours,end_time",
            "project,person,role,billable,start_time,end_time",
            "project,person,role,billable,start_date,end_time",
            "project,person,role,billable,start,end_date",
            "project,person,role,billable,hours",
        ];
        for h in bad {
            assert!(
                !layout(Kind::TimeReports, &header(h), None).1.is_empty(),
                "{h}"
            );
        }
        let (_, errors) = layout(Kind::PriceLists, &header("name,currency,rate_role"), None);
        assert_eq!(errors[0].0, "hourly_rate");
    }
}
