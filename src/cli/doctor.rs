//! `finctl doctor`: how finctl is installed and who, besides finctl (and root), can write
//! the database, its log, its key and its folder. Exit 1 when anyone else can.

use super::install::Install;
use crate::store::chain_key_path;
use nix::unistd::{Gid, Group, Uid, User};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One file's owner, group and mode, as the report reads them.
struct Seen {
    mode: u32,
    uid: u32,
    gid: u32,
}

impl Seen {
    fn of(path: &Path) -> Option<Seen> {
        let m = std::fs::symlink_metadata(path).ok()?;
        Some(Seen {
            mode: m.mode() & 0o7777,
            uid: m.uid(),
            gid: m.gid(),
        })
    }

    fn describe(&self) -> String {
        format!("{:04o} {}:{}", self.mode, user(self.uid), group(self.gid))
    }
}

fn user(uid: u32) -> String {
    User::from_uid(Uid::from_raw(uid))
        .ok()
        .flatten()
        .map_or_else(|| uid.to_string(), |u| u.name)
}

fn group(gid: u32) -> String {
    Group::from_gid(Gid::from_raw(gid))
        .ok()
        .flatten()
        .map_or_else(|| gid.to_string(), |g| g.name)
}

/// Who besides root can write a file or folder with these bits, given finctl's own group (the
/// group install's; a single-user install has none). Members of finctl's group are named: in
/// the group install nobody should be one.
fn writers(seen: &Seen, finctl_gid: Option<u32>) -> Vec<String> {
    let mut out = Vec::new();
    if seen.mode & 0o002 != 0 {
        out.push("everyone".to_string());
    }
    if seen.mode & 0o020 != 0 {
        let members = Group::from_gid(Gid::from_raw(seen.gid))
            .ok()
            .flatten()
            .map(|g| g.mem)
            .unwrap_or_default();
        if Some(seen.gid) != finctl_gid {
            out.push(format!("the members of group {}", group(seen.gid)));
        } else if !members.is_empty() {
            out.push(format!(
                "{} (members of finctl's group {}, outside finctl)",
                members.join(", "),
                group(seen.gid)
            ));
        }
    }
    if seen.mode & 0o200 != 0 && seen.uid != 0 {
        out.push(format!("its owner {}", user(seen.uid)));
    }
    out
}

/// The report, as lines, and whether anyone but finctl and root can write.
fn report(install: &Install, db: &Path) -> (Vec<String>, bool) {
    let mut lines = Vec::new();
    let mut exposed = false;
    let folder = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut log = PathBuf::from(db.as_os_str());
    log.as_mut_os_string().push("-wal");
    let mut shm = PathBuf::from(db.as_os_str());
    shm.as_mut_os_string().push("-shm");
    let files = [
        ("folder", folder.clone()),
        ("database", db.to_path_buf()),
        ("log", log),
        ("shared memory", shm),
        ("key", chain_key_path(db)),
    ];
    match install {
        Install::Single => {
            let me = user(Uid::current().as_raw());
            lines.push(format!(
                "install: single-user: finctl runs as you ({me}); the binary is not setgid"
            ));
            for (what, path) in &files {
                let Some(seen) = Seen::of(path) else {
                    lines.push(format!("{what} {}: not there", path.display()));
                    continue;
                };
                // The owner is the user: anything they run writes the file; others must not.
                let others: Vec<String> = writers(&seen, None)
                    .into_iter()
                    .filter(|w| *w != format!("its owner {me}"))
                    .collect();
                let verdict = if others.is_empty() {
                    "ok".to_string()
                } else {
                    exposed = true;
                    format!("PROBLEM: also writable by {}", others.join(", "))
                };
                lines.push(format!(
                    "{what} {}: {}: {verdict}",
                    path.display(),
                    seen.describe()
                ));
            }
            lines.push(format!(
                "who can write the database besides finctl: {me} with any program (sqlite3 too) and root. \
                 The keyed chain's key is yours too, so verify cannot tell your own changes from \
                 finctl's; the ERP's hand-off journal still shows any change to what was handed \
                 off. For a database only finctl writes, use the group install (docs/install.md)."
            ));
        }
        Install::Group {
            exe,
            gid,
            group: name,
            data,
        } => {
            lines.push(format!(
                "install: group: the binary is setgid {name}; databases in {}",
                data.display()
            ));
            match Seen::of(exe) {
                Some(seen) => {
                    let w = writers(&seen, Some(*gid));
                    let effective = nix::unistd::getegid().as_raw() == *gid;
                    let verdict = if !w.is_empty() {
                        exposed = true;
                        format!("PROBLEM: writable by {}", w.join(", "))
                    } else if !effective {
                        exposed = true;
                        "PROBLEM: the setgid bit did not take effect (a nosuid mount?)".into()
                    } else {
                        "ok".into()
                    };
                    lines.push(format!(
                        "binary {}: {}: {verdict}",
                        exe.display(),
                        seen.describe()
                    ));
                }
                None => lines.push(format!("binary {}: cannot be read", exe.display())),
            }
            for (what, path) in &files {
                let Some(seen) = Seen::of(path) else {
                    lines.push(format!("{what} {}: not there", path.display()));
                    continue;
                };
                let mut problems = writers(&seen, Some(*gid));
                // The owner's write bit matters only to a process that reaches the file, and
                // only finctl's group passes the folder.
                let folder_closed =
                    Seen::of(&folder).is_some_and(|f| f.mode & 0o001 == 0 && f.gid == *gid);
                if *what != "folder" && folder_closed {
                    problems.retain(|p| !p.starts_with("its owner"));
                }
                if *what == "folder" && seen.mode & 0o007 != 0 {
                    problems.push("everyone can enter it".into());
                }
                if seen.gid != *gid {
                    problems.push(format!("its group is {}, not {name}", group(seen.gid)));
                }
                let verdict = if problems.is_empty() {
                    "ok".to_string()
                } else {
                    exposed = true;
                    format!("PROBLEM: {}", problems.join(", "))
                };
                lines.push(format!(
                    "{what} {}: {}: {verdict}",
                    path.display(),
                    seen.describe()
                ));
            }
            lines.push(if exposed {
                "who can write the database besides finctl: see the problems above".into()
            } else {
                "who can write the database besides finctl: root only".into()
            });
        }
    }
    (lines, exposed)
}

pub fn run(install: &Install, db: &Path) -> anyhow::Result<ExitCode> {
    let (lines, exposed) = report(install, db);
    for line in lines {
        outln!("{line}");
    }
    Ok(if exposed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
