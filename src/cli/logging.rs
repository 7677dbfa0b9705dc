//! Logging goes to a daily file in the state directory, never to the terminal (the console
//! owns the screen). `FINCTL_LOG` sets the filter (default `info`).

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Starts file logging; the guard flushes the log when dropped. Without a writable log
/// directory finctl runs without a log rather than failing.
pub fn init() -> Option<WorkerGuard> {
    let dir = super::paths::log_dir().ok()?;
    std::fs::create_dir_all(&dir).ok()?;
    // A log names users, items and amounts: its folder is closed to others, whatever the umask.
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).ok()?;
    }
    let appender = tracing_appender::rolling::daily(dir, "finctl.log");
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
