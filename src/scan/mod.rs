//! The scan: an inventory of a user's documents, found by content, before anything is converted.
//!
//! It walks the given roots, probes every regular file read-only (a few KiB of header, a ZIP or
//! compound-file directory), and never writes, moves or changes anything. Paths that cannot be
//! read become error entries; the scan always goes on.

mod model;
mod probe;
mod walk;

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

pub use model::{Action, FileEntry, FormatSummary, PathError, ScanReport, Skipped, Summary};
pub use walk::is_system_folder;

/// What to scan and how.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Descend into hidden (`.name`) and system folders instead of listing them as skipped.
    pub include_hidden: bool,
    /// Only read directories and headers; skip the integrity check of every ZIP part.
    pub quick: bool,
}

/// Scans the roots and returns the inventory. Probing runs on the current rayon pool.
pub fn scan(roots: &[PathBuf], options: &ScanOptions) -> ScanReport {
    let started = Instant::now();
    let walked = walk::walk(roots, options);
    let detect_options = umzug_converters::DetectOptions {
        quick: options.quick,
    };
    let probed: Vec<probe::Probed> = walked
        .files
        .par_iter()
        .map(|path| {
            // A bug in a reader must cost one file, not the scan: the panic becomes its error.
            std::panic::catch_unwind(|| probe::probe(path, detect_options))
                .unwrap_or_else(|_| probe::internal_error(path))
        })
        .collect();

    let mut files = Vec::new();
    let mut errors = walked.errors;
    let mut skipped = walked.skipped;
    let mut other_files = 0u64;
    // The walk is in path order; a file met again through a symbolic link is counted once.
    let mut seen = std::collections::HashSet::new();
    for (p, path) in probed.into_iter().zip(&walked.files) {
        if let Some(id) = p.identity
            && !seen.insert(id)
        {
            skipped.push(Skipped {
                path: path.to_string_lossy().into_owned(),
                reason: "the same file as another path (reached through a symbolic link)".into(),
            });
            continue;
        }
        if let Some(e) = p.name_error {
            errors.push(e);
        }
        match p.entry {
            Some(entry) => files.push(entry),
            None => other_files += 1,
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    let summary = Summary::build(&files, other_files, &errors, &skipped);
    ScanReport {
        version: 1,
        tool: concat!("umzug ", env!("CARGO_PKG_VERSION")),
        roots: roots
            .iter()
            .map(|r| r.to_string_lossy().into_owned())
            .collect(),
        duration_ms: started.elapsed().as_millis() as u64,
        files,
        errors,
        skipped,
        summary,
    }
}
