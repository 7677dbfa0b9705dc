//! Default locations: the database and the demo database in the platform data directory, the
//! log in the state directory (or the data directory where there is none).

use anyhow::{Context, Result};
use directories::ProjectDirs;
use std::path::PathBuf;

fn dirs() -> Result<ProjectDirs> {
    ProjectDirs::from("", "", "finctl").context("cannot find a home directory for finctl's data")
}

pub fn default_db() -> Result<PathBuf> {
    Ok(dirs()?.data_dir().join("finctl.db"))
}

pub fn demo_db() -> Result<PathBuf> {
    Ok(dirs()?.data_dir().join("demo.db"))
}

pub fn log_dir() -> Result<PathBuf> {
    let d = dirs()?;
    Ok(d.state_dir().unwrap_or_else(|| d.data_dir()).join("logs"))
}
