//! The half-second look for other users' changes (`App::watch`): a thread that only wakes the
//! loop. The loop asks the app, which reads one pragma, and draws only when something changed:
//! an idle console on an unchanged database draws nothing.

use super::event::Event;
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

/// How often the console looks: a change by another user shows within a second.
pub const LOOK_EVERY: Duration = Duration::from_millis(500);

pub fn spawn_live_watch(tx: Sender<Event>) -> std::io::Result<()> {
    thread::Builder::new()
        .name("finctl-live".into())
        .spawn(move || {
            loop {
                thread::sleep(LOOK_EVERY);
                // The loop is gone: so is the console.
                if tx.send(Event::Watch).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}
