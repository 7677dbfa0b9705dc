//! Default locations: the database and the demo database in the platform data directory, the
//! log in the state directory (or the data directory where there is none).

use anyhow::{Context, Result};
use directories::ProjectDirs;
use std::path::PathBuf;

fn dirs() -> Result<ProjectDirs> {
    ProjectDirs::from("", "", "finctl").context("cannot find a home directory for finctl's data")
}

/// The user's data folder, where a single-user install keeps its databases.
pub fn data_dir() -> Result<PathBuf> {
    Ok(dirs()?.data_dir().to_path_buf())
}

pub fn log_dir() -> Result<PathBuf> {
    let d = dirs()?;
    Ok(d.state_dir().unwrap_or_else(|| d.data_dir()).join("logs"))
}
