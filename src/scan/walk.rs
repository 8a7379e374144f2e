//! Walking the roots: which paths to probe, which folders are skipped, and what could not be read.

use std::path::{Path, PathBuf};

use umzug_converters::Format;
use walkdir::WalkDir;

use super::ScanOptions;
use super::model::{PathError, Skipped};

/// Folders that hold no user documents and that Windows or Linux keep for themselves.
const SYSTEM_FOLDERS: [&str; 6] = [
    "$RECYCLE.BIN",
    "System Volume Information",
    "lost+found",
    "RECYCLER",
    "$Recycle.Bin",
    "Config.Msi",
];

pub fn is_system_folder(name: &str) -> bool {
    SYSTEM_FOLDERS.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// Kernel and device file systems: a symbolic link into them (Wine's `z:` drive links to `/`)
/// would walk /proc and /sys, where reads can block or never end.
const VIRTUAL_ROOTS: [&str; 4] = ["/proc", "/sys", "/dev", "/run"];

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') && name != "." && name != ".."
}

pub(super) struct Walked {
    pub files: Vec<PathBuf>,
    pub errors: Vec<PathError>,
    pub skipped: Vec<Skipped>,
}

pub(super) fn walk(roots: &[PathBuf], options: &ScanOptions) -> Walked {
    let mut out = Walked {
        files: Vec::new(),
        errors: Vec::new(),
        skipped: Vec::new(),
    };
    for root in roots {
        walk_root(root, options, &mut out);
    }
    out
}

fn walk_root(root: &Path, options: &ScanOptions, out: &mut Walked) {
    // Symbolic links are followed (a share linked into a profile is part of it); walkdir
    // detects loops and reports them as errors.
    let mut it = WalkDir::new(root).follow_links(true).into_iter();
    loop {
        let entry = match it.next() {
            None => break,
            Some(Ok(entry)) => entry,
            Some(Err(err)) => {
                let path = err.path().unwrap_or(root).to_string_lossy().into_owned();
                let message = if let Some(ancestor) = err.loop_ancestor() {
                    format!(
                        "symbolic link loop back to {}; not followed",
                        ancestor.to_string_lossy()
                    )
                } else if let Some(io) = err.io_error() {
                    format!("cannot read: {io}")
                } else {
                    err.to_string()
                };
                out.errors.push(PathError {
                    path,
                    error: message,
                });
                continue;
            }
        };
        let file_type = entry.file_type();
        if entry.path_is_symlink()
            && let Ok(target) = std::fs::canonicalize(entry.path())
            && VIRTUAL_ROOTS
                .iter()
                .any(|v| target.starts_with(v) || target == Path::new("/"))
        {
            out.skipped.push(Skipped {
                path: entry.path().to_string_lossy().into_owned(),
                reason: format!(
                    "symbolic link to {}, a system file system; not followed",
                    target.display()
                ),
            });
            if file_type.is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if file_type.is_dir() {
            if entry.depth() == 0 || options.include_hidden {
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            let reason = if is_hidden(&name) {
                Some("hidden folder")
            } else if is_system_folder(&name) {
                Some("system folder")
            } else {
                None
            };
            if let Some(reason) = reason {
                out.skipped.push(Skipped {
                    path: entry.path().to_string_lossy().into_owned(),
                    reason: reason.to_string(),
                });
                it.skip_current_dir();
            }
        } else if file_type.is_file() {
            out.files.push(entry.into_path());
        } else if entry
            .path()
            .extension()
            .and_then(|e| Format::from_extension(&e.to_string_lossy()))
            .is_some()
        {
            // Sockets, FIFOs and devices are never opened (reading a FIFO would block the scan);
            // one named like a document is reported.
            out.errors.push(PathError {
                path: entry.path().to_string_lossy().into_owned(),
                error: "not a regular file (a FIFO, socket or device); not opened".to_string(),
            });
        }
    }
}
