//! How finctl is installed, read from the binary itself (never from the environment, which
//! the user sets):
//!
//! - **single-user**: finctl runs as its user; the database is in the user's data folder (or
//!   where `--db` says) and private to them (0600). Anything the user runs can write it.
//! - **group**: the binary is setgid to a group of its own (say `finctl`) that no user is a
//!   member of; the group owns one data folder (2770), beside the binary at
//!   `PREFIX/var/lib/finctl` for a binary in `PREFIX/bin`. Files there are 0660 (the key
//!   0640), so only a process running the setgid finctl reaches them: a user's `sqlite3` is
//!   refused by the operating system. finctl then acts for the real uid, keeps every
//!   database in that folder (`--db` elsewhere is refused), and writes no output file into
//!   it. docs/install.md gives the commands.

use super::logging::LogPlace;
use super::paths;
use crate::store::Sharing;
use anyhow::{Context, Result, bail};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Install {
    Single,
    Group {
        /// The binary, as the kernel ran it (`/proc/self/exe`).
        exe: PathBuf,
        /// finctl's group: the binary's group.
        gid: u32,
        group: String,
        /// The one folder of its databases.
        data: PathBuf,
    },
}

/// The setgid bit.
const SETGID: u32 = 0o2000;

/// The group install's data folder beside a binary in `PREFIX/bin`: `PREFIX/var/lib/finctl`.
pub fn data_folder_of(exe: &Path) -> Option<PathBuf> {
    let prefix = exe.parent()?.parent()?;
    Some(prefix.join("var/lib/finctl"))
}

impl Install {
    /// Reads the install from the running binary.
    pub fn detect() -> Result<Install> {
        let exe = std::env::current_exe().context("cannot find finctl's own binary")?;
        let meta =
            std::fs::metadata(&exe).with_context(|| format!("cannot read {}", exe.display()))?;
        if meta.mode() & SETGID == 0 {
            return Ok(Install::Single);
        }
        let gid = meta.gid();
        let group = nix::unistd::Group::from_gid(gid.into())
            .ok()
            .flatten()
            .map_or_else(|| gid.to_string(), |g| g.name);
        let data = data_folder_of(&exe)
            .with_context(|| format!("{} is not in a PREFIX/bin folder", exe.display()))?;
        Ok(Install::Group {
            exe,
            gid,
            group,
            data,
        })
    }

    pub fn sharing(&self) -> Sharing {
        match self {
            Install::Single => Sharing::Private,
            Install::Group { .. } => Sharing::Group,
        }
    }

    /// The folder databases are in by default (made on first use in a single-user install;
    /// the group install's is made by whoever installs finctl).
    fn home(&self) -> Result<PathBuf> {
        match self {
            Install::Single => paths::data_dir(),
            Install::Group { data, .. } => Ok(data.clone()),
        }
    }

    pub fn default_db(&self) -> Result<PathBuf> {
        Ok(self.home()?.join("finctl.db"))
    }

    pub fn demo_db(&self) -> Result<PathBuf> {
        Ok(self.home()?.join("demo.db"))
    }

    /// Where the log goes: the user's state folder, or in the group install a folder of the
    /// data folder (the environment, which names the user's folders, is not followed there:
    /// with finctl's group, a log could otherwise be written into any folder the group
    /// writes).
    pub fn log_place(&self) -> Result<LogPlace> {
        Ok(match self {
            Install::Single => LogPlace {
                dir: paths::log_dir()?,
                shared: false,
            },
            Install::Group { data, .. } => LogPlace {
                dir: data.join("logs"),
                shared: true,
            },
        })
    }

    /// Makes the default folder on first use where that is finctl's to do (single-user), with
    /// only its user inside; the group install's folder must have been made by its installer.
    pub fn prepare_home(&self) -> Result<()> {
        let home = self.home()?;
        match self {
            Install::Single if !home.exists() => {
                use std::os::unix::fs::DirBuilderExt;
                std::fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(&home)
                    .with_context(|| format!("cannot make {}", home.display()))
            }
            Install::Group { data, .. } if !data.is_dir() => bail!(
                "the data folder {} of this group install does not exist: make it as docs/install.md says",
                data.display()
            ),
            _ => Ok(()),
        }
    }

    /// A database path the user gave: in the group install it must name a file in the data
    /// folder (a folder may be given as relative to it, or in full).
    pub fn check_db(&self, path: &Path) -> Result<PathBuf> {
        let Install::Group { data, .. } = self else {
            return Ok(path.to_path_buf());
        };
        let inside = inside(path, data)?;
        if !inside {
            bail!(
                "{} is outside this group install's data folder {}: finctl keeps its databases there only",
                path.display(),
                data.display()
            );
        }
        Ok(path.to_path_buf())
    }

    /// A file finctl is to write for the user (export, PDF, backup, hand-off): never into the
    /// group install's data folder, which the user could not write themselves.
    pub fn check_output(&self, path: &Path) -> Result<()> {
        if let Install::Group { data, .. } = self
            && inside(path, data)?
        {
            bail!(
                "{} is inside finctl's data folder {}: write it somewhere of your own",
                path.display(),
                data.display()
            );
        }
        Ok(())
    }
}

/// Whether `path` (which may not exist yet) is in `folder` or below, links resolved.
fn inside(path: &Path, folder: &Path) -> Result<bool> {
    let folder = match folder.canonicalize() {
        Ok(f) => f,
        // No data folder: nothing is inside it.
        Err(_) => return Ok(false),
    };
    let absolute = std::path::absolute(path)?;
    // The nearest part of the path that exists, resolved; the rest is appended as given.
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let resolved = loop {
        match existing.canonicalize() {
            Ok(r) => break r,
            Err(_) => {
                let Some(parent) = existing.parent() else {
                    break PathBuf::from("/");
                };
                rest.push(existing.file_name().map(|n| n.to_owned()));
                existing = parent;
            }
        }
    };
    let full = rest
        .into_iter()
        .rev()
        .flatten()
        .fold(resolved, |p, n| p.join(n));
    Ok(full.starts_with(&folder))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_folder_is_beside_the_binary() {
        assert_eq!(
            data_folder_of(Path::new("/opt/finctl/bin/finctl")),
            Some(PathBuf::from("/opt/finctl/var/lib/finctl"))
        );
    }

    #[test]
    fn paths_inside_a_folder_are_told_through_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        std::os::unix::fs::symlink(&data, dir.path().join("link")).unwrap();
        assert!(inside(&data.join("x.db"), &data).unwrap());
        assert!(inside(&dir.path().join("link/new/x.db"), &data).unwrap());
        assert!(inside(&data.join("../data/x.db"), &data).unwrap());
        assert!(!inside(&dir.path().join("x.db"), &data).unwrap());
        assert!(!inside(&data.join("../x.db"), &data).unwrap());
        let group = Install::Group {
            exe: dir.path().join("bin/finctl"),
            gid: 0,
            group: "finctl".into(),
            data: data.clone(),
        };
        assert!(group.check_db(&dir.path().join("x.db")).is_err());
        assert!(group.check_db(&data.join("x.db")).is_ok());
        assert!(group.check_output(&data.join("out.csv")).is_err());
        assert!(group.check_output(&dir.path().join("out.csv")).is_ok());
        assert!(Install::Single.check_db(&dir.path().join("x.db")).is_ok());
    }
}
