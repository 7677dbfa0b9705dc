//! finctl: a keyboard-driven terminal billing console.
//!
//! Layers, one direction: [`domain`] (pure rules) <- [`store`] (SQLite) <- [`files`],
//! [`handoff`], [`import`] <- [`app`] <- [`ui`] <- [`cli`]; [`presentation`] (how figures and names read) serves the layers
//! that show things to people.

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod files;
pub mod handoff;
pub mod import;
pub mod presentation;
pub mod store;
pub mod ui;
