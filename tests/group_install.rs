//! The group install (docs/install.md), end to end with the real binary: a setgid copy of
//! finctl in PREFIX/bin, its data folder PREFIX/var/lib/finctl owned by finctl's group. This
//! test CREATES OPERATING-SYSTEM USERS AND A GROUP (useradd, groupadd; removed again at the
//! end), so it needs root, as CI runs; as another user it says so and checks nothing else.
//!
//! What it shows: a viewer's own `sqlite3` cannot write the database (the operating system
//! refuses it), while finctl works for the viewer with a viewer's rights only; files are
//! made 0660 (the key 0640) with finctl's group; `--db` outside the data folder and the
//! environment that would move files are not followed; `doctor` finds nothing to fix.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// An OS account or group made for the test, removed when dropped.
struct Made {
    kind: &'static str,
    name: String,
}

impl Drop for Made {
    fn drop(&mut self) {
        let tool = if self.kind == "user" {
            "userdel"
        } else {
            "groupdel"
        };
        let _ = Command::new(tool).arg(&self.name).output();
    }
}

fn run_ok(cmd: &mut Command) {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn make_group(name: &str) -> Made {
    run_ok(Command::new("groupadd").arg(name));
    Made {
        kind: "group",
        name: name.into(),
    }
}

fn make_user(name: &str) -> (Made, u32, u32) {
    run_ok(Command::new("useradd").args(["-M", "-N", "-s", "/bin/sh", name]));
    let user = nix::unistd::User::from_name(name).unwrap().unwrap();
    (
        Made {
            kind: "user",
            name: name.into(),
        },
        user.uid.as_raw(),
        user.gid.as_raw(),
    )
}

/// Runs `program args` as the account (uid, gid), with an environment of its own that tries
/// to move finctl's files elsewhere.
fn run_as(ids: (u32, u32), program: &Path, args: &[&str], decoy: &Path) -> Output {
    Command::new(program)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", decoy)
        .env("XDG_DATA_HOME", decoy)
        .env("XDG_STATE_HOME", decoy)
        .current_dir("/")
        .uid(ids.0)
        .gid(ids.1)
        .output()
        .expect("run as a test user")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn mode(path: &Path) -> (u32, u32) {
    let m = std::fs::metadata(path).unwrap();
    (m.mode() & 0o7777, m.gid())
}

#[test]
fn only_finctl_writes_the_database_of_a_group_install() {
    if !nix::unistd::Uid::effective().is_root() {
        eprintln!(
            "skipped: the group install test makes OS users and needs root (CI runs as root)"
        );
        return;
    }
    let tag = std::process::id() % 100_000;
    let group_name = format!("fctg{tag}");
    let _group = make_group(&group_name);
    let gid = nix::unistd::Group::from_name(&group_name)
        .unwrap()
        .unwrap()
        .gid
        .as_raw();
    let (_admin, admin_uid, admin_gid) = make_user(&format!("fcta{tag}"));
    let (_viewer, viewer_uid, viewer_gid) = make_user(&format!("fctv{tag}"));
    let admin = (admin_uid, admin_gid);
    let viewer = (viewer_uid, viewer_gid);
    let viewer_name = format!("fctv{tag}");

    // PREFIX/bin/finctl setgid, PREFIX/var/lib/finctl 2770: as docs/install.md says.
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let prefix = root.path();
    let bin = prefix.join("bin/finctl");
    std::fs::create_dir_all(prefix.join("bin")).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_finctl"), &bin).unwrap();
    nix::unistd::chown(&bin, Some(0.into()), Some(gid.into())).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o2755)).unwrap();
    let data = prefix.join("var/lib/finctl");
    std::fs::create_dir_all(&data).unwrap();
    for dir in [prefix.join("var"), prefix.join("var/lib")] {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    nix::unistd::chown(&data, Some(0.into()), Some(gid.into())).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let decoy = root.path().join("decoy");
    std::fs::create_dir(&decoy).unwrap();
    std::fs::set_permissions(&decoy, std::fs::Permissions::from_mode(0o777)).unwrap();

    // The admin makes the database; its files get finctl's group and the group modes.
    let o = run_as(admin, &bin, &["init"], &decoy);
    assert!(o.status.success(), "{}", text(&o));
    let db = data.join("finctl.db");
    assert_eq!(mode(&db), (0o660, gid), "the database");
    assert_eq!(
        mode(&PathBuf::from(format!("{}.key", db.display()))),
        (0o640, gid),
        "the key"
    );
    assert!(
        std::fs::read_dir(&decoy).unwrap().next().is_none(),
        "nothing is written where the environment points"
    );
    let o = run_as(
        admin,
        &bin,
        &["user", "set", &viewer_name, "viewer"],
        &decoy,
    );
    assert!(o.status.success(), "{}", text(&o));

    // The viewer's own sqlite3 is refused by the operating system: it cannot even open it.
    let o = run_as(
        viewer,
        Path::new("/usr/bin/sqlite3"),
        &[
            db.to_str().unwrap(),
            &format!("UPDATE users SET role = 'admin' WHERE name = '{viewer_name}'"),
        ],
        &decoy,
    );
    assert!(!o.status.success(), "sqlite3 wrote: {}", text(&o));
    // Through finctl the viewer works, as a viewer.
    let o = run_as(viewer, &bin, &["user", "list"], &decoy);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains(&format!("{viewer_name}\tviewer")),
        "{}",
        text(&o)
    );
    let o = run_as(
        viewer,
        &bin,
        &["settings", "set", "seller.iban", "XX00"],
        &decoy,
    );
    assert!(
        !o.status.success(),
        "a viewer changed a setting: {}",
        text(&o)
    );
    let o = run_as(viewer, &bin, &["verify"], &decoy);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains(db.to_str().unwrap()), "{}", text(&o));
    let role: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT role FROM users WHERE name = ?1",
            [&viewer_name],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(role, "viewer");

    // A database elsewhere, or an output into the data folder, is refused.
    let elsewhere = decoy.join("mine.db");
    let o = run_as(
        viewer,
        &bin,
        &["--db", elsewhere.to_str().unwrap(), "init"],
        &decoy,
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("outside this group install's data folder"),
        "{}",
        text(&o)
    );
    assert!(!elsewhere.exists());
    let planted = data.join("planted.csv");
    let o = run_as(
        viewer,
        &bin,
        &[
            "export",
            "revenue-items",
            "--format",
            "csv",
            "--output",
            planted.to_str().unwrap(),
        ],
        &decoy,
    );
    assert!(!o.status.success(), "{}", text(&o));
    assert!(!planted.exists());

    // The doctor finds that only finctl (and root) write the database.
    let o = run_as(viewer, &bin, &["doctor"], &decoy);
    assert!(o.status.success(), "{}", text(&o));
    let report = text(&o);
    assert!(
        report.contains(&format!(
            "install: group: the binary is setgid {group_name}"
        )),
        "{report}"
    );
    assert!(
        report.contains("who can write the database besides finctl: root only"),
        "{report}"
    );
    // A database folder others can enter is a problem it names.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o666)).unwrap();
    let o = run_as(viewer, &bin, &["doctor"], &decoy);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("PROBLEM: everyone"), "{}", text(&o));
}

#[test]
fn the_doctor_of_a_single_user_install_says_what_it_protects() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let finctl = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_finctl"));
        c.env("HOME", dir.path()).arg("--db").arg(&db);
        c
    };
    let o = finctl().arg("init").output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let o = finctl().arg("doctor").output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let report = text(&o);
    assert!(report.contains("install: single-user"), "{report}");
    assert!(report.contains("database "), "{report}");
    assert!(report.contains("0600"), "{report}");
    assert!(
        report.contains("with any program (sqlite3 too) and root"),
        "{report}"
    );
}
