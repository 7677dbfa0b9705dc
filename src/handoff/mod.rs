//! The ERP hand-off: every confirmed invoice and credit note becomes one UBL 2.1 document
//! (EN 16931, PEPPOL BIS Billing 3.0) in a folder, plus a line in its `journal.csv`, and is
//! marked handed off in the database in the same transaction as its files are finished.
//!
//! Per document: write `.NUMBER.xml.tmp` and sync it; open the write transaction and insert the
//! mark (which keeps the journal line as rendered now); rename the file to `NUMBER.xml` and sync
//! the folder; append the journal line and sync it; commit. One run per folder at a time (an
//! advisory lock on `.handoff.lock`). The folder carries the identity of its database and its
//! own (`folder`), and holds no links. A crash before the commit leaves no mark, and a database
//! restored from a backup is behind its folder: every run reads the folder against the
//! database first (`reconcile`). A document whose file and journal line are there with the
//! content this database would write is marked as it is, without being written or journaled
//! again; another document under its number is refused; a last journal line without a mark
//! that is not such a document is dropped. The journal is only ever appended to, never rebuilt.

mod build;
pub mod document;
pub mod failpoint;
pub mod files;
pub mod folder;
pub mod journal;
pub mod party;
mod reconcile;
mod run;
pub mod ubl;
pub mod vat;
mod verify_folder;
mod xml;

pub use build::{Built, build};
pub use run::{Done, Report, hand_off, hand_off_watched};
pub use verify_folder::{FolderCheck, verify_folder};
