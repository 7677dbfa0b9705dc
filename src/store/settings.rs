//! (being written by the hand-off work)
