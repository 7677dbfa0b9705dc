//! finctl: a keyboard-driven terminal billing console.
//!
//! Layers, one direction: [`domain`] (pure rules) <- [`store`] (SQLite) <- command line and
//! console.

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod files;
pub mod handoff;
pub mod store;
pub mod ui;
