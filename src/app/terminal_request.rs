//! Ctrl-L and Ctrl-Z: keys for the terminal, not for the console's state. They act everywhere,
//! text fields included (they type nothing); the app only records what the terminal should do
//! (see `App::take_terminal_request`) and the loop that owns the terminal does it (see
//! `cli/console`).

/// What the terminal is asked to do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminalRequest {
    /// Draw every cell again: another program wrote over the screen.
    Redraw,
    /// Give the terminal back to the shell and stop until `fg`.
    Suspend,
}
