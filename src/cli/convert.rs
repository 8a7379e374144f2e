//! `umzug convert`: the batch engine ([`crate::jobs`]) on the command line, with a progress bar
//! on a terminal, JSON lines with `--json`, Ctrl-C handling and the reports at the end.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::jobs::{self, Destination, JobOptions, Shard};
use crate::reports::{self, FileVerdict, Lang, Report, Status};

use super::progress::Progress;
use super::report::LangArg;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("where").required(true).args(["out", "beside"])))]
pub struct ConvertArgs {
    /// Files or folders to convert.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output folder; each file's path relative to its PATH is mirrored below it. The journal
    /// and the reports are written here too.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write each output next to its source (report.docx → report.odt).
    #[arg(long)]
    pub beside: bool,
    /// With --beside: the folder for the journal and the reports [default: the current folder].
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    pub report: Option<PathBuf>,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Continue an interrupted run: convert only files missing from its journal or changed since.
    #[arg(long)]
    pub resume: bool,
    /// Replace existing output files (otherwise they are kept and reported as skipped).
    #[arg(long)]
    pub overwrite: bool,
    /// Take only share K of N of the files (by a hash of their path), to split one tree over N
    /// machines or batch jobs; merge their reports with `umzug report merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Print the progress as JSON lines (one event per line) instead of a progress bar.
    #[arg(long)]
    pub json: bool,
    /// Seconds one file may take before it is given up as timed out.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub timeout: u64,
    /// Megabytes of source files converted at once, at most (one larger file runs alone).
    #[arg(long, value_name = "MB", default_value_t = 512)]
    pub max_in_flight: u64,
    /// Also descend into hidden (.name) and system folders.
    #[arg(long)]
    pub include_hidden: bool,
    /// Language of the HTML report [default: German if LC_ALL, LC_MESSAGES or LANG starts with
    /// "de", else English].
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

/// The exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
const CANCELLED: u8 = 130;

pub fn run(args: ConvertArgs) -> ExitCode {
    // A path that does not exist is a mistake on the command line, not a failed file.
    for p in &args.paths {
        if let Err(e) = std::fs::metadata(p) {
            eprintln!("umzug: {}: {e}", p.display());
            return ExitCode::from(2);
        }
    }
    let (destination, report_dir) = match (&args.out, args.beside) {
        (Some(out), _) => (Destination::Out(out.clone()), out.clone()),
        (None, _) => (
            Destination::Beside,
            args.report.clone().unwrap_or_else(|| PathBuf::from(".")),
        ),
    };
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let options = JobOptions {
        roots: args.paths.clone(),
        destination,
        report_dir: report_dir.clone(),
        jobs,
        resume: args.resume,
        overwrite: args.overwrite,
        shard: args.shard,
        include_hidden: args.include_hidden,
        time_budget: Duration::from_secs(args.timeout.max(1)),
        max_in_flight_bytes: args.max_in_flight.saturating_mul(1 << 20),
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    // The first Ctrl-C lets files in flight finish and writes the reports; a second one quits
    // at once (the journal stays valid: it is written a whole line at a time).
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(CANCELLED));
        }
        eprintln!("\numzug: stopping after the files in progress (Ctrl-C again to quit now)");
    });

    let mut progress = Progress::new(args.json, std::io::stderr().is_terminal());
    let outcome = match jobs::run(&options, &cancel, |e| progress.event(e)) {
        Ok(o) => o,
        Err(e) => {
            progress.clear();
            eprintln!("umzug: {e}");
            return ExitCode::from(1);
        }
    };
    progress.clear();
    let lang = args.lang.map_or_else(Lang::from_env, Lang::from);
    let written = write_reports(&outcome.report, &report_dir, args.shard, lang);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &written {
        Ok(paths) if args.json => {
            let line = serde_json::json!({"event": "reports", "files": paths});
            let _ = writeln!(out, "{line}");
        }
        Ok(paths) => {
            let _ = write_summary(&mut out, &outcome.report, paths);
        }
        Err(e) => eprintln!(
            "umzug: cannot write the reports to {}: {e}",
            report_dir.display()
        ),
    }
    if outcome.cancelled {
        ExitCode::from(CANCELLED)
    } else if outcome.failed() > 0 || written.is_err() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes the three reports; returns their paths.
fn write_reports(
    report: &Report,
    dir: &std::path::Path,
    shard: Option<Shard>,
    lang: Lang,
) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let stem = jobs::output_name("umzug-report", "", shard);
    let w = reports::write_all_named(report, dir, stem.trim_end_matches('.'), lang)?;
    Ok([w.json, w.csv, w.html]
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect())
}

/// The closing lines: counts by verdict and where the reports are (the failed files were
/// listed as they happened).
fn write_summary(out: &mut impl Write, report: &Report, reports: &[String]) -> std::io::Result<()> {
    let s = &report.summary;
    let count = |v: FileVerdict| s.by_verdict.get(v.label()).copied().unwrap_or(0);
    let unsupported = s
        .by_status
        .get(Status::Unsupported.label())
        .copied()
        .unwrap_or(0);
    let no_converter = if unsupported > 0 {
        format!(" ({unsupported} of them with no converter yet)")
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} files: {} green, {} yellow, {} red, {} failed{no_converter}, {} skipped",
        s.files,
        count(FileVerdict::Green),
        count(FileVerdict::Yellow),
        count(FileVerdict::Red),
        count(FileVerdict::Failed),
        count(FileVerdict::Skipped),
    )?;
    for r in reports {
        writeln!(out, "report: {r}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    #[test]
    fn out_or_beside_is_required_and_exclusive() {
        let parse = |args: &[&str]| {
            crate::cli::Cli::try_parse_from(std::iter::once("umzug").chain(args.iter().copied()))
        };
        assert!(parse(&["convert", "a"]).is_err());
        assert!(parse(&["convert", "a", "--out", "o", "--beside"]).is_err());
        assert!(parse(&["convert", "a", "--out", "o", "--report", "r"]).is_err());
        assert!(parse(&["convert", "a", "--beside", "--report", "r"]).is_ok());
        assert!(parse(&["convert", "a", "--out", "o", "--shard", "3/2"]).is_err());
        assert!(parse(&["convert", "a", "--out", "o", "--shard", "2/3", "-j", "2"]).is_ok());
    }
}
