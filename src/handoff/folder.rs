//! A hand-off folder and the identity it carries. The first hand-off into a folder writes
//! [`IDENTITY_FILE`] there: the identity of the database handing off, and one of the folder's
//! own, which every mark of a document handed off into it records. A folder is therefore the
//! same folder wherever it is moved or copied to (`cp -a`, `mv`, a restore): its marks are found
//! by its identity, never by its path.
//!
//! A folder handed off into before schema 16 was known by its path: on its next hand-off it
//! keeps that path as its identity, so that its marks are found as before, and from then on
//! it too may move.

use super::files::{self, FolderLock};
use crate::store::Store;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

/// The identity file in a hand-off folder.
pub const IDENTITY_FILE: &str = ".finctl-handoff";

const IDENTITY_HEADER: &str = "# A finctl hand-off folder: finctl hands off into it from this database only.\n\
     # Written on its first hand-off; never edit it.\n";

/// What [`IDENTITY_FILE`] holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The identity of the database that hands off into the folder.
    pub database: String,
    /// That database's file at the folder's first hand-off, for people to read.
    pub database_file: String,
    /// The folder's own identity, which the marks of its documents record.
    pub folder: String,
}

/// A hand-off folder, locked for this run.
pub struct Folder {
    /// The folder's canonical path now.
    pub path: PathBuf,
    pub identity: Identity,
    /// The identity file is still to be written: this is the folder's first hand-off.
    new: bool,
    _lock: FolderLock,
}

impl Folder {
    /// Creates `dir` if missing, takes its lock and reads its identity (or makes the one its
    /// first hand-off will write).
    pub fn open(store: &Store, dir: &Path) -> anyhow::Result<Folder> {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = fs::canonicalize(dir)?;
        let lock = FolderLock::take(&path)?;
        let database = store.database_identity()?;
        let (identity, new) = match read_identity(&path)? {
            Some(identity) => (identity, false),
            None => (first_identity(store, &path, database)?, true),
        };
        Ok(Folder {
            path,
            identity,
            new,
            _lock: lock,
        })
    }

    /// What the marks of this folder are found by.
    pub fn key(&self) -> &str {
        &self.identity.folder
    }

    /// Writes the identity file on the folder's first hand-off, before anything else is
    /// written into it; nothing once it is there.
    pub fn settle(&mut self) -> anyhow::Result<()> {
        if !self.new {
            return Ok(());
        }
        let text = format!(
            "{IDENTITY_HEADER}{}",
            toml::to_string(&self.identity).context("writing the folder's identity")?
        );
        let path = self.path.join(IDENTITY_FILE);
        files::write_synced(&path, text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
        files::sync_dir(&self.path)?;
        self.new = false;
        Ok(())
    }
}

/// The identity in the folder at `path`, or None when it has none yet.
fn read_identity(path: &Path) -> anyhow::Result<Option<Identity>> {
    let file = path.join(IDENTITY_FILE);
    let Some(bytes) = files::read_if_there(&file)? else {
        return Ok(None);
    };
    let identity = std::str::from_utf8(&bytes)
        .ok()
        .and_then(|text| toml::from_str(text).ok())
        .with_context(|| {
            format!(
                "{} is damaged: finctl cannot tell which database hands off into {}",
                file.display(),
                path.display()
            )
        })?;
    Ok(Some(identity))
}

/// The identity a folder gets on its first hand-off from this database.
fn first_identity(store: &Store, path: &Path, database: String) -> anyhow::Result<Identity> {
    let path_key = path.to_string_lossy().into_owned();
    let folder = if store.handoff_known_path(&path_key)? {
        path_key
    } else {
        files::random_hex(16)?
    };
    let database_file = fs::canonicalize(store.path()).unwrap_or_else(|_| store.path().into());
    Ok(Identity {
        database,
        database_file: database_file.to_string_lossy().into_owned(),
        folder,
    })
}
