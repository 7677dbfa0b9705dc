//! The signals that end the console (SIGTERM, SIGHUP, SIGINT) come to its loop as events, so
//! that it ends the way `q` does: one way out, which gives the terminal back.

use super::event::{ENDING_SIGNALS, Event};
use signal_hook::iterator::Signals;
use std::io;
use std::sync::mpsc::Sender;
use std::thread;

/// Starts the thread that hands the ending signals to the loop through `tx`. From here on those
/// signals no longer end the process on their own.
pub fn spawn_signals(tx: Sender<Event>) -> io::Result<()> {
    let mut signals = Signals::new(ENDING_SIGNALS)?;
    thread::Builder::new()
        .name("finctl-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Event::Signal(signal)).is_err() {
                    return;
                }
            }
        })
        .map(drop)
}
