//! The import, file side: CSV, JSON and XLSX files read into typed, checked records of one
//! kind, with every bad row reported as `FILE:LINE: column: message`. A mapping file (TOML)
//! reads other tools' files as they are. References stay text for the store to resolve.
//! See docs/import.md.

mod cell;
mod dates;
mod error;
mod fields;
mod format;
mod hours;
mod kind;
mod mapping;
mod numbers;
