//! The report model: one serde structure behind `umzug-report.json`, the CSV and the HTML report.
//!
//! It holds strings rather than the converters' types so that a report written by another Umzug
//! version (or on another machine) still reads and merges: codes are stable, messages are carried.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use umzug_converters::{Finding, Verdict};

/// The `schema` field of every report; `version` changes when a field changes meaning.
pub const SCHEMA: &str = "umzug-report";
pub const SCHEMA_VERSION: u32 = 1;

/// A whole migration report: the runs it covers and one entry per source file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub schema: String,
    pub version: u32,
    /// When this report was written, RFC 3339 in UTC.
    pub generated: String,
    /// The runs (machines, shards) this report covers; one unless merged.
    pub runs: Vec<RunInfo>,
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

/// One run of `umzug convert` on one machine.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunInfo {
    /// Unique per run: host, start time and process id.
    pub id: String,
    pub host: String,
    /// `umzug x.y.z`.
    pub tool: String,
    /// RFC 3339 in UTC.
    pub started: String,
    pub duration_ms: u64,
    pub roots: Vec<String>,
    /// The output folder, or `None` with `--beside`.
    pub out: Option<String>,
    pub jobs: usize,
    /// `K/N` with `--shard`.
    pub shard: Option<String>,
    /// Stopped early (Ctrl-C): files not reached are not listed.
    pub cancelled: bool,
}

/// What happened to one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Converted in this run.
    Converted,
    /// Converted by an earlier run of the same output (`--resume`), unchanged since.
    Resumed,
    /// The target exists and `--overwrite` was not given; nothing written.
    Skipped,
    /// A proprietary format no converter handles yet; nothing written.
    Unsupported,
    /// Could not be converted (damaged, encrypted, unreadable, timed out, internal error).
    Failed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Converted => "converted",
            Status::Resumed => "resumed",
            Status::Skipped => "skipped",
            Status::Unsupported => "unsupported",
            Status::Failed => "failed",
        }
    }
}

/// The verdict as reports show it: the catalogue's four, plus `skipped` for a file that was
/// deliberately left alone (its target exists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileVerdict {
    Green,
    Yellow,
    Red,
    Failed,
    Skipped,
}

impl FileVerdict {
    pub const ALL: [FileVerdict; 5] = [
        FileVerdict::Green,
        FileVerdict::Yellow,
        FileVerdict::Red,
        FileVerdict::Failed,
        FileVerdict::Skipped,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FileVerdict::Green => "green",
            FileVerdict::Yellow => "yellow",
            FileVerdict::Red => "red",
            FileVerdict::Failed => "failed",
            FileVerdict::Skipped => "skipped",
        }
    }

    /// The verdict of a converted file: the worst its findings imply.
    pub fn of_findings(findings: &[FindingRecord]) -> FileVerdict {
        match findings.iter().map(|f| f.verdict).max() {
            None | Some(Verdict::Green) => FileVerdict::Green,
            Some(Verdict::Yellow) => FileVerdict::Yellow,
            Some(Verdict::Red) => FileVerdict::Red,
            Some(Verdict::Failed) => FileVerdict::Failed,
        }
    }
}

/// One source file's entry.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileReport {
    /// The run (see [`RunInfo::id`]) that produced this entry.
    pub run: String,
    /// The absolute source path (absolute against the working folder; links kept as walked).
    pub source: String,
    /// The absolute output path, when one was written (or exists, for a skipped file).
    pub target: Option<String>,
    /// The format by content (`docx`, `xls`, ...), as `umzug scan` names it.
    pub format: String,
    pub bytes: u64,
    pub status: Status,
    pub verdict: FileVerdict,
    /// A stable reason code when not converted: `encrypted`, `damaged`, `unsupported-format`,
    /// `target-exists`, `timeout`, `io`, `internal`, `cancelled`.
    pub error_code: Option<String>,
    /// Why the file was not converted, in words a help desk can act on.
    pub error: Option<String>,
    pub findings: Vec<FindingRecord>,
    /// Time spent on this file.
    pub millis: u64,
}

/// One finding of one file, as the catalogue (`converters/src/findings.rs`) defines it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FindingRecord {
    pub code: String,
    pub severity: String,
    pub category: String,
    pub verdict: Verdict,
    /// English message.
    pub message: String,
    /// German message.
    pub message_de: String,
    /// Where the first occurrence is (a package part, a stream), if known.
    pub location: Option<String>,
    pub count: u32,
}

impl From<&Finding> for FindingRecord {
    fn from(f: &Finding) -> Self {
        let label = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
        FindingRecord {
            code: f.code().to_string(),
            severity: label(serde_json::to_value(f.severity()).unwrap_or_default()),
            category: label(serde_json::to_value(f.kind.category()).unwrap_or_default()),
            verdict: f.verdict(),
            message: f.kind.message(),
            message_de: f.kind.message_de(),
            location: f.location.clone(),
            count: f.count,
        }
    }
}

/// Counts for the report's first screen.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub files: u64,
    pub bytes: u64,
    pub by_verdict: BTreeMap<String, u64>,
    pub by_status: BTreeMap<String, u64>,
    pub by_format: BTreeMap<String, u64>,
    /// Files with at least one finding of the category.
    pub by_category: BTreeMap<String, u64>,
    /// Files with at least one finding of the code.
    pub by_code: BTreeMap<String, u64>,
}

impl Summary {
    pub fn build(files: &[FileReport]) -> Summary {
        let mut s = Summary::default();
        for f in files {
            s.files += 1;
            s.bytes += f.bytes;
            *s.by_verdict.entry(f.verdict.label().into()).or_default() += 1;
            *s.by_status.entry(f.status.label().into()).or_default() += 1;
            *s.by_format.entry(f.format.clone()).or_default() += 1;
            let mut categories: Vec<&str> =
                f.findings.iter().map(|x| x.category.as_str()).collect();
            categories.sort_unstable();
            categories.dedup();
            for c in categories {
                *s.by_category.entry(c.into()).or_default() += 1;
            }
            let mut codes: Vec<&str> = f.findings.iter().map(|x| x.code.as_str()).collect();
            codes.sort_unstable();
            codes.dedup();
            for c in codes {
                *s.by_code.entry(c.into()).or_default() += 1;
            }
        }
        s
    }
}

impl Report {
    /// A report over the given runs and files; files are sorted by source path, then run.
    pub fn new(runs: Vec<RunInfo>, mut files: Vec<FileReport>, generated: String) -> Report {
        files.sort_by(|a, b| a.source.cmp(&b.source).then_with(|| a.run.cmp(&b.run)));
        let summary = Summary::build(&files);
        Report {
            schema: SCHEMA.into(),
            version: SCHEMA_VERSION,
            generated,
            runs,
            files,
            summary,
        }
    }
}
