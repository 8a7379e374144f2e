//! Probing one file: open it read-only (without touching its access time where the OS allows),
//! detect its format by content, and decide the planned action.

use std::fs::{File, Metadata};
use std::io::BufReader;
use std::path::Path;

use umzug_converters::{
    Container, DetectOptions, Detection, Finding, FindingKind, Format, can_convert, detect,
};

use super::model::{Action, FileEntry, PathError};

pub(super) struct Probed {
    /// `None` for an ordinary file that is not a document.
    pub entry: Option<FileEntry>,
    /// Device and inode, to count a file reached through two paths (symbolic links) once.
    pub identity: Option<(u64, u64)>,
    /// Set when the file name is not valid UTF-8.
    pub name_error: Option<PathError>,
}

/// Opens for reading only, and only regular files. O_NONBLOCK keeps a FIFO swapped in after
/// the walk from blocking the open (it has no effect on regular files); the type is checked on
/// the open descriptor. On Linux, O_NOATIME keeps even the access time as it was; the kernel
/// allows it only to the file's owner (and root), so other users fall back to a plain open.
pub(crate) fn open_read_only(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let open = |flags: i32| {
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(flags | libc::O_NONBLOCK)
            .open(path)
    };
    #[cfg(target_os = "linux")]
    let file = open(libc::O_NOATIME).or_else(|_| open(0))?;
    #[cfg(not(target_os = "linux"))]
    let file = open(0)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a FIFO, socket or device); not read",
        ));
    }
    Ok(file)
}

fn modified(meta: &Metadata) -> Option<String> {
    meta.modified()
        .ok()
        .map(|t| humantime::format_rfc3339_seconds(t).to_string())
}

pub(super) fn probe(path: &Path, options: DetectOptions) -> Probed {
    let display = path.to_string_lossy().into_owned();
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let non_utf8 = path.file_name().is_some_and(|n| n.to_str().is_none());
    let name_error = non_utf8.then(|| PathError {
        path: display.clone(),
        error: "the file name is not valid UTF-8; it is shown with replacement characters"
            .to_string(),
    });
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let claimed = extension.as_deref().and_then(Format::from_extension);
    let owner_name = file_name.as_deref().is_some_and(|n| n.starts_with("~$"));

    let mut entry = FileEntry::unread(display, claimed.unwrap_or(Format::Unknown));
    if non_utf8 {
        entry.findings.push(Finding::new(FindingKind::NonUtf8Name));
    }
    let relevant = claimed.is_some() || owner_name;

    let file = match open_read_only(path) {
        Ok(f) => f,
        Err(e) => {
            entry.error = Some(format!("cannot open: {e}"));
            return Probed {
                entry: Some(entry),
                identity: None,
                name_error,
            };
        }
    };
    let mut identity = None;
    if let Ok(meta) = file.metadata() {
        use std::os::unix::fs::MetadataExt;
        entry.bytes = meta.len();
        entry.modified = modified(&meta);
        identity = Some((meta.dev(), meta.ino()));
    }
    let result = detect(BufReader::new(file), extension.as_deref(), options);
    let entry = match result {
        Ok(Some(d)) => {
            let default_password =
                d.encrypted && d.container == Container::Cfb && opens_with_default_password(path);
            Some(apply(entry, d, owner_name, default_password))
        }
        Ok(None) if owner_name && entry.bytes <= 4096 => {
            entry.format = Format::LockFile;
            entry.action = Action::Skip;
            entry.findings.push(Finding::new(FindingKind::OwnerFile));
            Some(entry)
        }
        Ok(None) if relevant => {
            entry.error = Some(if entry.bytes == 0 {
                "the file is empty".to_string()
            } else {
                format!(
                    "not a valid .{} file: the content is not an Office format",
                    entry.format.name()
                )
            });
            Some(entry)
        }
        Ok(None) => None,
        Err(e) if relevant => {
            entry.error = Some(e.to_string());
            Some(entry)
        }
        // A damaged archive or compound file that does not claim to be a document is not ours.
        Err(_) => None,
    };
    Probed {
        entry,
        identity,
        name_error,
    }
}

/// The entry for a file whose probe panicked.
pub(super) fn internal_error(path: &Path) -> Probed {
    let claimed = path
        .extension()
        .and_then(|e| Format::from_extension(&e.to_string_lossy()));
    let mut entry = FileEntry::unread(
        path.to_string_lossy().into_owned(),
        claimed.unwrap_or(Format::Unknown),
    );
    entry.error =
        Some("internal error while reading this file (a bug in Umzug; please report it)".into());
    Probed {
        entry: Some(entry),
        identity: None,
        name_error: None,
    }
}

/// Whether an encrypted OOXML package opens with Office's default password (only its password
/// verifier is checked: one key derivation, a few milliseconds). Any failure counts as no.
fn opens_with_default_password(path: &Path) -> bool {
    open_read_only(path).is_ok_and(|file| {
        umzug_converters::crypto::opens_with_default_password(BufReader::new(file)).unwrap_or(false)
    })
}

/// `default_password`: the file is encrypted, but with Office's default password only, so it is
/// planned like an unencrypted file (the conversion opens it).
fn apply(
    mut entry: FileEntry,
    d: Detection,
    owner_name: bool,
    default_password: bool,
) -> FileEntry {
    entry.format = d.format;
    entry.variant = d.variant;
    entry.container = Some(d.container);
    entry.encrypted = d.encrypted;
    entry.macros = d.macros;
    entry.template = d.template;
    if default_password {
        // The "cannot be converted without the password" finding does not hold.
        entry
            .findings
            .extend(d.findings.into_iter().map(|f| match f.kind {
                FindingKind::Encrypted { scheme } => {
                    Finding::new(FindingKind::DefaultPassword { scheme })
                }
                _ => f,
            }));
    } else {
        entry.findings.extend(d.findings);
    }
    entry.action = if d.format == Format::LockFile {
        if owner_name {
            Action::Skip
        } else {
            entry.error = Some(
                "not a document: an Office owner (lock) file saved under a document's name"
                    .to_string(),
            );
            Action::Error
        }
    } else if d.format.is_open() {
        Action::AlreadyOpen
    } else if d.encrypted && !default_password {
        Action::NeedsPassword
    } else if can_convert(d.format) {
        Action::Convert
    } else {
        Action::NoConverter
    };
    entry
}
