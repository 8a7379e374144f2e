//! One file's conversion inside a run: read the source once (read-only), convert it under its
//! time budget, and write the output safely (temporary file, source times, journal, rename).

use std::fs::FileTimes;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use umzug_converters::{ConvertError, ConvertOptions, Converted, DetectError, convert};

use super::journal::{Journal, OutputState, Previous, SourceState};
use super::plan::{Item, Planned};
use crate::reports::{FileReport, FileVerdict, FindingRecord, Status};
use crate::scan::probe::open_read_only;

/// Sources above this size are refused unread: no Office document comes near it, and a run
/// must not hold gigabytes per file in memory.
pub const MAX_SOURCE_BYTES: u64 = 1 << 30;

/// What every file of a run shares.
#[derive(Debug)]
pub struct Context {
    pub run: String,
    pub overwrite: bool,
    pub journal: Journal,
    pub previous: Previous,
    /// Prefix of this run's temporary files (see [`is_temporary`]).
    pub tmp_prefix: String,
}

/// The journal key of a source: absolute, so a resume from another working folder finds it.
pub fn key(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether `name` is a temporary file this kind of run leaves when killed: the prefix, six
/// random letters or digits (tempfile's default) and `.tmp`.
pub fn is_temporary(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|mid| mid.len() == 6 && mid.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The report of a file that was not converted.
pub fn not_converted(
    item: &Item,
    run: &str,
    status: Status,
    code: &str,
    error: String,
    millis: u64,
) -> FileReport {
    FileReport {
        run: run.into(),
        source: item.display.clone(),
        target: None,
        format: item.format.name().into(),
        bytes: item.bytes,
        status,
        verdict: if status == Status::Skipped {
            FileVerdict::Skipped
        } else {
            FileVerdict::Failed
        },
        error_code: Some(code.into()),
        error: Some(error),
        findings: item.findings.iter().map(FindingRecord::from).collect(),
        millis,
    }
}

/// The report of a file the plan already knows will not convert.
pub fn planned_outcome(item: &Item, run: &str) -> Option<FileReport> {
    match &item.planned {
        Planned::Convert => None,
        Planned::Unsupported => Some(not_converted(
            item,
            run,
            Status::Unsupported,
            "unsupported-format",
            format!("no converter for {} files yet", item.format.name()),
            0,
        )),
        Planned::Failed { code, message } => Some(not_converted(
            item,
            run,
            Status::Failed,
            code,
            message.clone(),
            0,
        )),
    }
}

/// The stable reason code of a conversion error.
fn error_code(e: &ConvertError) -> &'static str {
    match e {
        ConvertError::Read(DetectError::TimedOut) => "timeout",
        ConvertError::Read(DetectError::Io(_)) => "unreadable",
        ConvertError::Read(_) | ConvertError::NotADocument | ConvertError::Binary { .. } => {
            "damaged"
        }
        ConvertError::Encrypted(_) => "encrypted",
        ConvertError::Unsupported(_) => "unsupported-format",
        ConvertError::Write(_) => "internal",
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Nanoseconds since the Unix epoch (i64 reaches to the year 2262).
fn nanos(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_nanos()).map_or(i64::MIN, |n| -n),
    }
}

/// The source read whole, with what resume compares and the times the target inherits.
struct Source {
    bytes: Vec<u8>,
    state: SourceState,
    times: FileTimes,
    /// Unix permission bits.
    mode: u32,
}

fn read_source(path: &Path) -> Result<Source, (&'static str, String)> {
    let unreadable = |e: std::io::Error| ("unreadable", format!("cannot read the file: {e}"));
    let file = open_read_only(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.len() > MAX_SOURCE_BYTES {
        return Err((
            "too-large",
            format!(
                "{} bytes is beyond the {} byte limit for one document",
                meta.len(),
                MAX_SOURCE_BYTES
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between metadata and read; the limit holds regardless.
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err((
            "too-large",
            format!("the file grew beyond the {MAX_SOURCE_BYTES} byte limit while it was read"),
        ));
    }
    let modified = meta.modified().unwrap_or(UNIX_EPOCH);
    let mut times = FileTimes::new().set_modified(modified);
    if let Ok(accessed) = meta.accessed() {
        times = times.set_accessed(accessed);
    }
    let state = SourceState {
        size: bytes.len() as u64,
        mtime_ns: nanos(modified),
        sha256: sha256_hex(&bytes),
    };
    use std::os::unix::fs::PermissionsExt;
    Ok(Source {
        bytes,
        state,
        times,
        mode: meta.permissions().mode(),
    })
}

/// What a worker hands on: a finished report (with the source's state for the journal when it
/// was read), or an output in a temporary file for the committer ([`super::commit`]) to make
/// durable and rename into place.
#[derive(Debug)]
pub enum Processed {
    Final(Box<FileReport>, Option<SourceState>),
    Commit(Box<Pending>),
}

/// A converted file written to a temporary file beside its target, not yet renamed.
#[derive(Debug)]
pub struct Pending {
    pub tmp: tempfile::NamedTempFile,
    pub target: PathBuf,
    /// The target may be replaced (`--overwrite`, or an earlier run of ours wrote it).
    pub replace: bool,
    /// The source's journal key.
    pub source: PathBuf,
    pub state: SourceState,
    /// What the temporary file holds, for the journal.
    pub output: OutputState,
    pub report: FileReport,
}

/// A report turned into a failure (or, for `target-exists`, a skip) after conversion.
pub fn demote(mut report: FileReport, code: &str, error: String) -> FileReport {
    let skipped = code == "target-exists";
    (report.status, report.verdict) = if skipped {
        (Status::Skipped, FileVerdict::Skipped)
    } else {
        report.target = None;
        (Status::Failed, FileVerdict::Failed)
    };
    report.error_code = Some(code.into());
    report.error = Some(error);
    report
}

/// Converts one planned file. Never panics on bad input: a converter panic becomes an
/// `internal` failure.
pub fn process(item: &Item, ctx: &Context, deadline: Instant) -> Processed {
    match convert_file(item, ctx, deadline) {
        Ok(pending) => Processed::Commit(pending),
        Err((report, state)) => Processed::Final(report, state),
    }
}

/// A report that is final before anything is written, with the source's state if it was read.
type Finished = (Box<FileReport>, Option<SourceState>);

fn convert_file(item: &Item, ctx: &Context, deadline: Instant) -> Result<Box<Pending>, Finished> {
    let started = Instant::now();
    let millis = || started.elapsed().as_millis() as u64;
    let fail = |status, code, msg: String| {
        Box::new(not_converted(item, &ctx.run, status, code, msg, millis()))
    };
    let Some(target) = item.target.as_deref() else {
        let report = planned_outcome(item, &ctx.run).map_or_else(
            || fail(Status::Failed, "internal", "no target".into()),
            Box::new,
        );
        return Err((report, None));
    };
    let source =
        read_source(&item.source).map_err(|(code, msg)| (fail(Status::Failed, code, msg), None))?;
    if let Some((state, earlier)) = ctx.previous.done.get(&key(&item.source))
        && state.sha256 == source.state.sha256
        && matches!(earlier.status, Status::Converted | Status::Resumed)
        && target.is_file()
    {
        let mut report = earlier.clone();
        report.status = Status::Resumed;
        report.run = ctx.run.clone();
        return Err((Box::new(report), None));
    }
    // On resume, a target an earlier run wrote (and nobody changed since) may be replaced.
    let replace = ctx.overwrite || ctx.previous.may_replace(&key(target));
    if !replace && target.symlink_metadata().is_ok() {
        let mut r = fail(Status::Skipped, "target-exists", TARGET_EXISTS.into());
        r.target = Some(target.to_string_lossy().into_owned());
        return Err((r, None));
    }
    let ext = item
        .source
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let options = ConvertOptions {
        deadline: Some(deadline),
    };
    let outcome =
        std::panic::catch_unwind(|| convert(Cursor::new(&source.bytes), ext.as_deref(), options));
    let converted = match outcome {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => {
            let (status, code) = match e {
                ConvertError::Unsupported(_) => (Status::Unsupported, "unsupported-format"),
                _ => (Status::Failed, error_code(&e)),
            };
            return Err((fail(status, code, e.to_string()), Some(source.state)));
        }
        Err(_) => {
            let msg = "internal error while converting (a bug in Umzug; please report it)";
            return Err((
                fail(Status::Failed, "internal", msg.into()),
                Some(source.state),
            ));
        }
    };
    let findings: Vec<FindingRecord> = converted.findings.iter().map(FindingRecord::from).collect();
    let report = FileReport {
        run: ctx.run.clone(),
        source: item.display.clone(),
        target: Some(target.to_string_lossy().into_owned()),
        format: converted.format.name().into(),
        bytes: source.state.size,
        status: Status::Converted,
        verdict: FileVerdict::of_findings(&findings),
        error_code: None,
        error: None,
        findings,
        millis: millis(),
    };
    match write_temporary(target, &converted, &source, &ctx.tmp_prefix) {
        Ok(tmp) => Ok(Box::new(Pending {
            tmp,
            target: target.to_path_buf(),
            replace,
            source: key(&item.source),
            state: source.state,
            output: OutputState::of(&converted.odf),
            report,
        })),
        Err(e) => {
            let msg = format!("cannot write {}: {e}", target.display());
            Err((Box::new(demote(report, "write", msg)), Some(source.state)))
        }
    }
}

/// Why a file is skipped when its target exists.
pub const TARGET_EXISTS: &str = "the target exists (use --overwrite to replace it)";

/// Writes the output to a temporary file in the target folder with the source's times and
/// permission bits. Syncing and renaming are the committer's.
fn write_temporary(
    target: &Path,
    converted: &Converted,
    source: &Source,
    prefix: &str,
) -> std::io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(&converted.odf)?;
    tmp.as_file().set_times(source.times)?;
    // tempfile creates 0600; the output is a document like its source, so it gets the source's
    // read/write bits (never execute bits).
    let mode = (source.mode & 0o666) | 0o600;
    tmp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(mode))?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_match_only_this_runs_pattern() {
        let ours = ".umzug-0badf00d-";
        assert!(is_temporary(".umzug-0badf00d-a1B2c3.tmp", ours));
        // Another output's run, or a person's file that happens to look alike.
        assert!(!is_temporary(".umzug-12345678-a1B2c3.tmp", ours));
        assert!(!is_temporary(".umzug-backup.tmp", ours));
        assert!(!is_temporary(".umzug-0badf00d-a1B2c.tmp", ours));
        assert!(!is_temporary("umzug-0badf00d-a1B2c3.tmp", ours));
        assert!(!is_temporary(".umzug-0badf00d-a1B2c3.odt", ours));
    }

    #[test]
    fn hashes_as_lower_case_hex() {
        assert_eq!(hex(&[0x00, 0xab, 0x0f]), "00ab0f");
    }
}
