//! The scan's data model, serialised as the `umzug scan --json` document (docs/scan-json.md).

use std::collections::BTreeMap;

use serde::Serialize;
use umzug_converters::{Container, Finding, Format};

/// What Umzug plans to do with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// A converter exists for this format.
    Convert,
    /// Already an open (ODF) format: nothing to do.
    AlreadyOpen,
    /// A proprietary format this version cannot convert yet.
    NoConverter,
    /// Password-protected: cannot be converted without the password.
    NeedsPassword,
    /// Not a document (an owner/lock file).
    Skip,
    /// Unreadable, damaged or hostile: needs a person.
    Error,
}

impl Action {
    pub fn label(self) -> &'static str {
        match self {
            Action::Convert => "convert",
            Action::AlreadyOpen => "already open format",
            Action::NoConverter => "no converter yet",
            Action::NeedsPassword => "needs password",
            Action::Skip => "skip",
            Action::Error => "error",
        }
    }
}

/// One document (or would-be document) found by the scan.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub path: String,
    pub format: Format,
    pub variant: Option<String>,
    pub container: Option<Container>,
    pub bytes: u64,
    /// Last modification, RFC 3339 in UTC.
    pub modified: Option<String>,
    pub encrypted: bool,
    pub macros: bool,
    pub template: bool,
    pub action: Action,
    /// Why the file cannot be used, when `action` is `error`.
    pub error: Option<String>,
    pub findings: Vec<Finding>,
}

impl FileEntry {
    /// An entry for a file not yet (or not successfully) read: an error until detection says more.
    pub fn unread(path: String, format: Format) -> Self {
        FileEntry {
            path,
            format,
            variant: None,
            container: None,
            bytes: 0,
            modified: None,
            encrypted: false,
            macros: false,
            template: false,
            action: Action::Error,
            error: None,
            findings: Vec::new(),
        }
    }

    /// Whether a person should look at this file before or after migration.
    pub fn needs_attention(&self) -> bool {
        self.action == Action::Error
            || self.encrypted
            || self.macros
            || self
                .findings
                .iter()
                .any(|f| f.severity() >= umzug_converters::Severity::Warning)
    }
}

/// A path that could not be walked or read at all.
#[derive(Debug, Clone, Serialize)]
pub struct PathError {
    pub path: String,
    pub error: String,
}

/// A folder the scan did not descend into, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// Totals for one format.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FormatSummary {
    pub count: u64,
    pub bytes: u64,
    pub macros: u64,
    pub encrypted: u64,
    pub templates: u64,
    pub errors: u64,
    /// How many files of this format get each action.
    pub actions: BTreeMap<Action, u64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub documents: u64,
    pub bytes: u64,
    /// Regular files that are not documents (not listed in `files`).
    pub other_files: u64,
    pub macros: u64,
    pub encrypted: u64,
    pub templates: u64,
    pub needs_attention: u64,
    pub path_errors: u64,
    pub skipped_folders: u64,
    pub by_action: BTreeMap<Action, u64>,
    pub by_format: BTreeMap<String, FormatSummary>,
}

impl Summary {
    pub fn build(
        files: &[FileEntry],
        other_files: u64,
        errors: &[PathError],
        skipped: &[Skipped],
    ) -> Self {
        let mut s = Summary {
            other_files,
            path_errors: errors.len() as u64,
            skipped_folders: skipped.len() as u64,
            ..Summary::default()
        };
        for f in files {
            s.documents += 1;
            s.bytes += f.bytes;
            s.macros += u64::from(f.macros);
            s.encrypted += u64::from(f.encrypted);
            s.templates += u64::from(f.template);
            s.needs_attention += u64::from(f.needs_attention());
            *s.by_action.entry(f.action).or_default() += 1;
            let g = s.by_format.entry(f.format.name().to_string()).or_default();
            g.count += 1;
            g.bytes += f.bytes;
            g.macros += u64::from(f.macros);
            g.encrypted += u64::from(f.encrypted);
            g.templates += u64::from(f.template);
            g.errors += u64::from(f.action == Action::Error);
            *g.actions.entry(f.action).or_default() += 1;
        }
        s
    }
}

/// The whole inventory: the `umzug scan --json` document, schema version 1.
#[derive(Debug, Clone, Serialize)]
pub struct ScanReport {
    pub version: u32,
    pub tool: &'static str,
    pub roots: Vec<String>,
    pub duration_ms: u64,
    pub files: Vec<FileEntry>,
    pub errors: Vec<PathError>,
    pub skipped: Vec<Skipped>,
    pub summary: Summary,
}
