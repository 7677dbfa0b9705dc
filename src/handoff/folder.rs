//! A hand-off folder and the identity it carries. The first hand-off into a folder writes
//! [`IDENTITY_FILE`] there: the identity of the database handing off, and one of the folder's
//! own, which every mark of a document handed off into it records. A folder is therefore the
//! same folder wherever it is moved or copied to (`cp -a`, `mv`, a restore): its marks are found
//! by its identity, never by its path.
//!
//! A folder that carries another database's identity is refused: that database's numbers are
//! this one's too. A folder handed off into before schema 17 was known by its path: on its
//! next hand-off from the database that did it keeps that path as its identity, so that its
//! marks are found as before, and from then on it too may move; with hand-off files in it and
//! no such marks it is refused, since whose it is cannot be told.
//!
//! A folder that is a symbolic link, or holds one, is refused before anything is opened in it
//! (see `files.rs` for the opens themselves).

use super::files::{self, FolderLock};
use super::journal;
use crate::store::Store;
use anyhow::{Context, bail};
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
    /// Refuses a missing `dir` (it is never created), takes its lock and reads its identity (or makes the one its
    /// first hand-off will write).
    pub fn open(store: &Store, dir: &Path) -> anyhow::Result<Folder> {
        // Without a trailing slash the name is the folder's own, not where a link points.
        let named: PathBuf = dir.components().collect();
        match fs::symlink_metadata(&named) {
            Ok(m) if m.file_type().is_symlink() => bail!(
                "{} is a symbolic link: finctl hands off into a folder itself, never through a link, which can send the files anywhere. Nothing was written",
                named.display()
            ),
            Ok(m) if !m.is_dir() => bail!("{} is not a folder", named.display()),
            Ok(_) => {}
            // A mistyped path must not start a second hand-off somewhere nobody looks.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
                "{} does not exist: finctl never creates a hand-off folder, so that a mistyped path cannot start a second one. Create it first (mkdir {}) or give the folder the ERP reads. Nothing was written",
                named.display(),
                named.display()
            ),
            Err(e) => return Err(e).with_context(|| format!("reading {}", named.display())),
        }
        let path = fs::canonicalize(&named)?;
        refuse_links(&path)?;
        let lock = FolderLock::take(&path)?;
        let database = store.database_identity()?;
        let this_file = database_file(store);
        let (identity, new) = match read_identity(&path)? {
            Some(identity) if identity.database == database => (identity, false),
            // The other database's numbers are this one's too: its files would be written over
            // and its numbers appear twice in the journal.
            Some(other) => bail!(
                "{} is the hand-off folder of another database: {} (identity {}), not this one, {} (identity {database}). Nothing was written: hand off into a folder of this database's own",
                path.display(),
                other.database_file,
                other.database,
                this_file,
            ),
            None => (first_identity(store, &path, database, this_file)?, true),
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

/// Refuses a folder that holds a symbolic link (anything a link points at would be written or
/// read in its place), or something other than a file under a name the hand-off uses.
pub(super) fn refuse_links(dir: &Path) -> anyhow::Result<()> {
    let mut links = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_symlink() {
            links.push(path.display().to_string());
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let used = [journal::FILE, IDENTITY_FILE, files::LOCK_FILE].contains(&name.as_str())
            || name.ends_with(".xml")
            || files::is_temporary(&name);
        if used && !kind.is_file() {
            bail!(
                "{} is not a file: the hand-off writes a file of that name. Nothing was written",
                path.display()
            );
        }
    }
    links.sort();
    match links.as_slice() {
        [] => Ok(()),
        [one] => bail!(
            "{one} is a symbolic link: finctl follows no links in a hand-off folder, since a link can send what it writes into another user's file. Nothing was written: remove the link, and find out who made it"
        ),
        many => bail!(
            "{} are symbolic links: finctl follows no links in a hand-off folder, since a link can send what it writes into another user's file. Nothing was written: remove the links, and find out who made them",
            many.join(", ")
        ),
    }
}

/// The identity in the folder at `path`, or None when it has none yet.
pub(super) fn read_identity(path: &Path) -> anyhow::Result<Option<Identity>> {
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

/// The database's file as people know it: its canonical path where it has one.
fn database_file(store: &Store) -> String {
    let path = fs::canonicalize(store.path()).unwrap_or_else(|_| store.path().into());
    path.to_string_lossy().into_owned()
}

/// The identity a folder gets on its first hand-off from this database. A folder that holds
/// hand-off files already is this database's only if it handed off into it before folders
/// carried an identity (then at this very path); any other is refused, since whose it is cannot
/// be told.
fn first_identity(
    store: &Store,
    path: &Path,
    database: String,
    database_file: String,
) -> anyhow::Result<Identity> {
    let path_key = path.to_string_lossy().into_owned();
    let folder = if store.handoff_known_path(&path_key)? {
        path_key
    } else if let Some(name) = handoff_file_in(path)? {
        bail!(
            "{} holds hand-off files ({name}) but no {IDENTITY_FILE}: this database, {database_file}, never handed off into it, and whose it is cannot be told. Nothing was written: hand off into a new or empty folder",
            path.display()
        );
    } else {
        files::random_hex(16)?
    };
    Ok(Identity {
        database,
        database_file,
        folder,
    })
}

/// The name of a file in `dir` that a hand-off writes (the journal or a document), if any.
fn handoff_file_in(dir: &Path) -> anyhow::Result<Option<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name == journal::FILE || (name.ends_with(".xml") && !name.starts_with('.')) {
            names.push(name);
        }
    }
    // The journal first: it is what says the folder was handed off into.
    names.sort_by_key(|n| (n != journal::FILE, n.clone()));
    Ok(names.into_iter().next())
}
