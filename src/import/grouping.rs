//! Price lists and projects with rates: one row per rate, the rows of one price list (or
//! project) kept together and repeating its own fields. Consecutive rows with the same key
//! (without a key: the same name of a price list, the same code of a project) make one record;
//! a row that repeats them with other values, or that comes back after other rows, is refused.

use super::error::{ImportError, Place};
use super::records::Record;
use std::collections::HashMap;

type Outcome = Result<Record, Vec<ImportError>>;

/// The rows of the record being gathered.
struct Group {
    identity: String,
    record: Option<Record>,
    errors: Vec<ImportError>,
}

impl Group {
    fn outcome(self) -> Outcome {
        match self.record {
            Some(record) if self.errors.is_empty() => Ok(record),
            _ => Err(self.errors),
        }
    }
}

/// Gathers rows into records as they come.
#[derive(Default)]
pub struct Grouper {
    current: Option<Group>,
    /// Every record gathered so far, by identity, with its first line.
    seen: HashMap<String, u64>,
}

impl Grouper {
    /// A row with its identity (`None` when the row has neither key nor name/code); what is
    /// finished by it.
    pub fn push(&mut self, identity: Option<String>, place: &Place, row: Outcome) -> Vec<Outcome> {
        let mut out = Vec::new();
        let Some(identity) = identity else {
            out.push(row);
            return out;
        };
        if let Some(group) = self.current.as_mut().filter(|g| g.identity == identity) {
            match row {
                Ok(record) => match group.record.as_mut() {
                    Some(first) => {
                        if let Err(e) = add_rates(first, record) {
                            group.errors.push(ImportError::row(place, e));
                        }
                    }
                    None => group.record = Some(record),
                },
                Err(errors) => group.errors.extend(errors),
            }
            return out;
        }
        out.extend(self.flush());
        if let Some(line) = self.seen.get(&identity) {
            let mut errors = vec![ImportError::row(
                place,
                format!(
                    "{} was read before, from line {line}: keep its rows together",
                    describe(&identity)
                ),
            )];
            if let Err(more) = row {
                errors.extend(more);
            }
            out.push(Err(errors));
            return out;
        }
        self.seen.insert(identity.clone(), place.line);
        let (record, errors) = match row {
            Ok(r) => (Some(r), Vec::new()),
            Err(e) => (None, e),
        };
        self.current = Some(Group {
            identity,
            record,
            errors,
        });
        out
    }

    /// The record being gathered, once no more rows come.
    pub fn flush(&mut self) -> Option<Outcome> {
        self.current.take().map(Group::outcome)
    }
}

/// `key:K` or `name:N` as a message names it.
fn describe(identity: &str) -> String {
    match identity.split_once(':') {
        Some(("key", k)) => format!("key {k:?}"),
        Some((what, v)) => format!("{what} {v:?}"),
        None => identity.to_string(),
    }
}

/// The rates of `next`, a later row of the same record, added to `first`; refused when the
/// row's other fields differ.
fn add_rates(first: &mut Record, next: Record) -> Result<(), String> {
    match (first, next) {
        (Record::PriceList(a), Record::PriceList(mut b)) => {
            let rates = std::mem::take(&mut b.rates);
            b.at = a.at.clone();
            b.rates = a.rates.clone();
            if *a != b {
                return Err(differs(&a.at));
            }
            a.rates.extend(rates);
            Ok(())
        }
        (Record::Project(a), Record::Project(mut b)) => {
            let rates = std::mem::take(&mut b.rates);
            b.at = a.at.clone();
            b.rates = a.rates.clone();
            if *a != b {
                return Err(differs(&a.at));
            }
            a.rates.extend(rates);
            Ok(())
        }
        _ => Err("a row of another kind".to_string()),
    }
}

fn differs(first: &Place) -> String {
    format!(
        "repeats the key (or name, code) of line {} with other values: every row of one record \
         carries the same values but its rate",
        first.line
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;
    use crate::import::records::{PriceListRecord, RateRecord};
    use std::sync::Arc;

    fn place(line: u64) -> Place {
        Place::new(&Arc::from("rates.csv"), line)
    }

    fn row(line: u64, name: &str, role: &str) -> Outcome {
        Ok(Record::PriceList(PriceListRecord {
            at: place(line),
            key: None,
            name: name.to_string(),
            currency: Currency::EUR,
            rates: vec![RateRecord {
                at: place(line),
                role: role.to_string(),
                person: None,
                hourly_rate: 100.into(),
            }],
        }))
    }

    fn id(name: &str) -> Option<String> {
        Some(format!("name:{name}"))
    }

    #[test]
    fn consecutive_rows_make_one_record() {
        let mut g = Grouper::default();
        assert!(
            g.push(id("Standard"), &place(2), row(2, "Standard", "dev"))
                .is_empty()
        );
        assert!(
            g.push(id("Standard"), &place(3), row(3, "Standard", "pm"))
                .is_empty()
        );
        let out = g.push(id("Premium"), &place(4), row(4, "Premium", "dev"));
        let Ok(Record::PriceList(standard)) = &out[0] else {
            panic!("{out:?}")
        };
        assert_eq!(standard.at.line, 2);
        let roles: Vec<&str> = standard.rates.iter().map(|r| r.role.as_str()).collect();
        assert_eq!(roles, ["dev", "pm"]);
        assert_eq!(standard.rates[1].at.line, 3);
        // Back after another: refused.
        let out = g.push(id("Standard"), &place(5), row(5, "Standard", "qa"));
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(matches!(&out[0], Ok(Record::PriceList(p)) if p.name == "Premium"));
        let Err(e) = &out[1] else { panic!() };
        assert_eq!(
            e[0].to_string(),
            "rates.csv:5: name \"Standard\" was read before, from line 2: keep its rows together"
        );
        assert!(g.flush().is_none());
    }

    #[test]
    fn a_bad_row_fails_its_record() {
        let mut g = Grouper::default();
        g.push(id("Standard"), &place(2), row(2, "Standard", "dev"));
        let bad = Err(vec![ImportError::cell(
            &place(3),
            "hourly_rate",
            "negative",
        )]);
        g.push(id("Standard"), &place(3), bad);
        let Some(Err(errors)) = g.flush() else {
            panic!()
        };
        assert_eq!(errors.len(), 1);
        let mut g = Grouper::default();
        g.push(Some("key:PL1".into()), &place(2), row(2, "Standard", "dev"));
        g.push(Some("key:PL1".into()), &place(3), row(3, "Other", "pm"));
        let Some(Err(errors)) = g.flush() else {
            panic!()
        };
        assert!(
            errors[0]
                .to_string()
                .starts_with("rates.csv:3: repeats the key")
        );
    }
}
