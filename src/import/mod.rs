//! The import, file side: CSV, JSON and XLSX files read into typed, checked records of one
//! kind, with every bad row reported as `FILE:LINE: column: message`. A mapping file (TOML)
//! reads other tools' files as they are. References to other objects stay text for the store
//! to resolve. See docs/import.md.
//!
//! ```no_run
//! use finctl::import::{Kind, Mapping, read_files};
//! use std::path::Path;
//!
//! let kind = Kind::TimeReports;
//! let mapping = Mapping::load(Path::new("toggl.toml"), kind).expect("a good mapping");
//! let mut records = 0;
//! let errors = read_files(kind, &["hours.csv"], Some(&mapping), |_record| records += 1);
//! for e in &errors {
//!     eprintln!("{e}"); // hours.csv:12: Duration: "25:00:00": more than 24 hours in one report
//! }
//! ```

mod apply;
mod billable_work;
mod cell;
mod convert;
mod csv_file;
mod dates;
mod error;
mod fields;
mod format;
mod grouping;
mod hours;
mod json_file;
mod kind;
mod layout;
mod layout_rows;
mod mapping;
mod master_data;
mod numbers;
mod plan;
mod reading;
mod records;
mod references;
mod refusals;
mod tally;
mod writing;
mod xlsx_file;

pub use dates::date_range;
pub use error::{ImportError, Place};
pub use fields::{Field, FieldType, Need, fields};
pub use kind::Kind;
pub use layout_rows::{columns as layout_columns, for_each_row as for_each_layout_row};
pub use mapping::Mapping;
pub use plan::{Part, Plan};
pub use reading::{Outcome, Records, open, read_files};
pub use records::{
    AccountRecord, CostRateRecord, ExpenseRecord, MilestoneRecord, PriceListRecord, ProjectRecord,
    RateRecord, Record, RevenueItemRecord, TimeReportRecord,
};
pub use tally::Tally;
pub use writing::{Observer, Progress, Report, import};
