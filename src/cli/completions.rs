//! `finctl completions SHELL`: a shell's completion script, generated from the command line the
//! binary parses (the caller passes it in), printed on standard output. It opens no database
//! and makes no file or folder.

use clap::ValueEnum;
use std::io::Write;

/// The shells `finctl completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl From<Shell> for clap_complete::Shell {
    fn from(s: Shell) -> clap_complete::Shell {
        match s {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
        }
    }
}

/// Writes `shell`'s completion script for `cmd` (completing the name `finctl`) to `out`.
pub fn write(mut cmd: clap::Command, shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    // clap_complete panics when a write fails: it writes into memory, and a reader that
    // stopped early (`| head`) or a full disk is an error of the write below.
    let mut script = Vec::new();
    clap_complete::generate(
        clap_complete::Shell::from(shell),
        &mut cmd,
        "finctl",
        &mut script,
    );
    out.write_all(&script)?;
    out.flush()
}
