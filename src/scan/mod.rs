//! The scan: an inventory of a user's documents, found by content, before anything is converted.
//!
//! It walks the given roots, probes every regular file read-only (a few KiB of header, a ZIP or
//! compound-file directory), and never writes, moves or changes anything. Paths that cannot be
//! read become error entries; the scan always goes on.

mod model;
pub(crate) mod probe;
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

/// The probed documents of a walk, each with the path it was found at (which, unlike
/// [`FileEntry::path`], keeps a name that is not valid UTF-8 openable).
#[derive(Debug, Default)]
pub struct Inventory {
    pub files: Vec<(PathBuf, FileEntry)>,
    pub errors: Vec<PathError>,
    pub skipped: Vec<Skipped>,
    /// Regular files that are not documents.
    pub other_files: u64,
}

/// Walks the roots and probes every file on the current rayon pool; files in path order.
pub fn inventory(roots: &[PathBuf], options: &ScanOptions) -> Inventory {
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

    let mut inv = Inventory {
        errors: walked.errors,
        skipped: walked.skipped,
        ..Inventory::default()
    };
    // A file met again through a symbolic link is counted once, under its real path: paths
    // that are links themselves come last, then path order decides.
    let mut found: Vec<(probe::Probed, PathBuf)> = probed.into_iter().zip(walked.files).collect();
    found.sort_by_cached_key(|(_, path)| {
        let link = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        (link, path.clone())
    });
    let mut seen = std::collections::HashSet::new();
    for (p, path) in found {
        if let Some(id) = p.identity
            && !seen.insert(id)
        {
            inv.skipped.push(Skipped {
                path: path.to_string_lossy().into_owned(),
                reason: "the same file as another path (reached through a symbolic link)".into(),
            });
            continue;
        }
        if let Some(e) = p.name_error {
            inv.errors.push(e);
        }
        match p.entry {
            Some(entry) => inv.files.push((path, entry)),
            None => inv.other_files += 1,
        }
    }
    inv.files.sort_by(|a, b| a.0.cmp(&b.0));
    inv.errors.sort_by(|a, b| a.path.cmp(&b.path));
    inv
}

/// Scans the roots and returns the inventory. Probing runs on the current rayon pool.
pub fn scan(roots: &[PathBuf], options: &ScanOptions) -> ScanReport {
    let started = Instant::now();
    let inv = inventory(roots, options);
    let mut files: Vec<FileEntry> = inv.files.into_iter().map(|(_, e)| e).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let summary = Summary::build(&files, inv.other_files, &inv.errors, &inv.skipped);
    ScanReport {
        version: 1,
        tool: concat!("umzug ", env!("CARGO_PKG_VERSION")),
        roots: roots
            .iter()
            .map(|r| r.to_string_lossy().into_owned())
            .collect(),
        duration_ms: started.elapsed().as_millis() as u64,
        files,
        errors: inv.errors,
        skipped: inv.skipped,
        summary,
    }
}
