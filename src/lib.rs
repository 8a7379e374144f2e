//! Umzug, the migration assistant: scanning, (later) batch conversion and reports, and the CLI.
//!
//! `scan` never imports a GUI toolkit; the CLI and the GUI are thin layers over it.

pub mod cli;
pub mod jobs;
pub mod reports;
pub mod scan;
