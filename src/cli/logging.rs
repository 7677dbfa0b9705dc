//! Logging goes to a daily file in the state directory, never to the terminal (the console
//! owns the screen). `FINCTL_LOG` sets the filter (default `info`).

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Where the log goes: a folder, and whether users share it (the group install's).
pub struct LogPlace {
    pub dir: std::path::PathBuf,
    pub shared: bool,
}

/// Starts file logging; the guard flushes the log when dropped. Without a writable log
/// directory finctl runs without a log rather than failing.
pub fn init(place: Option<LogPlace>) -> Option<WorkerGuard> {
    let LogPlace { dir, shared } = place?;
    if shared && !dir.exists() {
        // The group's: every user of the install writes their own file in it.
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new().mode(0o2770).create(&dir).ok()?;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2770)).ok()?;
    }
    std::fs::create_dir_all(&dir).ok()?;
    // A log names users, items and amounts: its folder is closed to others, whatever the
    // umask. In the group install it is inside the data folder, which is closed already, and
    // each user writes a file of their own there.
    let prefix = if shared {
        format!("finctl-{}.log", super::os_user::current().ok()?)
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).ok()?;
        "finctl.log".to_string()
    };
    // Built, not `rolling::daily`, which panics when the file cannot be made.
    let appender = tracing_appender::rolling::RollingFileAppender::builder()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(prefix)
        .build(dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("FINCTL_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
