//! Migration reports for project leads: JSON, CSV and HTML from one serde model, and merging
//! reports from many machines into one.

mod csv;
mod html;
mod json;
mod merge;
mod model;
#[cfg(test)]
mod testdata;

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub use csv::write_csv;
pub use html::{human_bytes, render_html, write_html};
pub use json::{ReadError, parse_json, read_json, write_json};
pub use merge::{MergeError, merge};
pub use model::{
    FileReport, FileVerdict, FindingRecord, Report, RunInfo, SCHEMA, SCHEMA_VERSION, Status,
    Summary,
};

/// The file names [`write_all`] writes.
pub const JSON_NAME: &str = "umzug-report.json";
pub const CSV_NAME: &str = "umzug-report.csv";
pub const HTML_NAME: &str = "umzug-report.html";

/// The language of the HTML report's labels and of the finding messages it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    /// German when the locale (POSIX order: `LC_ALL`, `LC_MESSAGES`, `LANG`, the first that is
    /// set and not empty) starts with `de`; English otherwise.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty());
        Lang::from_locale(locale.as_deref().unwrap_or(""))
    }

    /// `de_DE.UTF-8`, `de`, `de_AT` → German; anything else → English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.starts_with("de") {
            Lang::De
        } else {
            Lang::En
        }
    }

    /// The `lang` attribute of the HTML page.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

/// The paths [`write_all`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub json: PathBuf,
    pub csv: PathBuf,
    pub html: PathBuf,
}

/// Writes `umzug-report.json`, `.csv` and `.html` into `dir` (which must exist).
///
/// Each file is written to a temporary file in `dir` and renamed over its name only when
/// complete, so a crash or a full disk leaves the previous report (or none), never half of one.
pub fn write_all(report: &Report, dir: &Path, lang: Lang) -> io::Result<Written> {
    write_all_named(report, dir, "umzug-report", lang)
}

/// [`write_all`] with another file stem: a shard writes `umzug-report.shard-2-of-8.*`, so shards
/// sharing one output folder never replace each other's reports.
pub fn write_all_named(report: &Report, dir: &Path, stem: &str, lang: Lang) -> io::Result<Written> {
    let json = dir.join(format!("{stem}.json"));
    let csv = dir.join(format!("{stem}.csv"));
    let html = dir.join(format!("{stem}.html"));
    write_atomically(&json, |w| write_json(report, w))?;
    write_atomically(&csv, |w| write_csv(report, w))?;
    write_atomically(&html, |w| write_html(report, lang, w))?;
    Ok(Written { json, csv, html })
}

/// Writes `path` through a temporary file beside it, synced before the rename.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&std::fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".umzug-report-").suffix(".tmp");
    // A NamedTempFile is private (0600) by default; a report is meant to be shared, so ask for
    // 0666 and let the umask decide, as for any file the user creates.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(tmp.as_file());
        write(&mut out)?;
        out.flush()?;
    }
    // Without the sync, a power loss after the rename can leave an empty file under the name.
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_from_locale() {
        assert_eq!(Lang::from_locale("de_DE.UTF-8"), Lang::De);
        assert_eq!(Lang::from_locale("de"), Lang::De);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn write_all_writes_three_files_and_no_temporaries() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let report = testdata::sample_report();
        // An earlier report is replaced whole.
        std::fs::write(dir.path().join(JSON_NAME), "old")?;
        let written = write_all(&report, dir.path(), Lang::De)?;
        assert_eq!(read_json(&written.json)?, report);
        assert!(std::fs::read(&written.csv)?.starts_with(b"\xEF\xBB\xBFsource,"));
        assert!(std::fs::read_to_string(&written.html)?.starts_with("<!DOCTYPE html>"));
        let mut names: Vec<String> = std::fs::read_dir(dir.path())?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        names.sort();
        assert_eq!(names, [CSV_NAME, HTML_NAME, JSON_NAME]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // 0666 less the umask, as any file the user creates (not tempfile's private 0600).
            let status = std::fs::read_to_string("/proc/self/status")?;
            let umask = status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok());
            if let Some(umask) = umask {
                let mode = std::fs::metadata(&written.html)?.permissions().mode() & 0o777;
                assert_eq!(mode, 0o666 & !umask, "{mode:o}");
            }
        }
        Ok(())
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(CSV_NAME);
        std::fs::write(&path, "previous")?;
        let result = write_atomically(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path)?, "previous");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }
}
