//! `finctl handoff` (being written by the hand-off work).

use crate::store::Store;
use std::path::Path;
use std::process::ExitCode;

pub fn run(_store: &mut Store, _output: &Path, _again: Option<&str>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the hand-off is being built")
}
