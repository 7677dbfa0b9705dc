//! A failpoint for tests that kill the hand-off midway: `FINCTL_HANDOFF_FAIL_AFTER=N:STEP`
//! aborts the process (no unwinding, no destructors, as a power cut or `kill -9` would) after
//! N documents were handed off, at STEP of the next one. Unset, it costs one lookup per run.

/// The steps of one document, in the order the hand-off takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The document is written and synced under its temporary name.
    Written,
    /// The mark is inserted; its transaction is open.
    Marked,
    /// The document is renamed into place.
    Renamed,
    /// The journal line is appended and synced; the transaction is still open.
    Journaled,
    /// The transaction is committed.
    Committed,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Written,
        Step::Marked,
        Step::Renamed,
        Step::Journaled,
        Step::Committed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Step::Written => "written",
            Step::Marked => "marked",
            Step::Renamed => "renamed",
            Step::Journaled => "journaled",
            Step::Committed => "committed",
        }
    }
}

pub const ENV: &str = "FINCTL_HANDOFF_FAIL_AFTER";

#[derive(Debug, Clone, Copy)]
pub struct Failpoint {
    after: Option<(usize, Step)>,
}

impl Failpoint {
    pub fn from_env() -> Failpoint {
        let after = std::env::var(ENV).ok().and_then(|v| {
            let (n, step) = v.split_once(':')?;
            let step = Step::ALL.into_iter().find(|s| s.name() == step)?;
            Some((n.parse().ok()?, step))
        });
        Failpoint { after }
    }

    /// Aborts if this is the point: `done` documents handed off before this one.
    pub fn reached(&self, done: usize, step: Step) {
        if self.after == Some((done, step)) {
            eprintln!("finctl: failpoint {ENV}={done}:{}: aborting", step.name());
            std::process::abort();
        }
    }
}
