//! `umzug report merge A.json B.json ... --out DIR`: merges the JSON reports of several machines
//! or shards and writes the merged JSON, CSV and HTML reports.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};

use crate::reports::{self, Lang};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: ReportCommand,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Merge umzug-report.json files from several machines or shards into one report.
    ///
    /// Writes umzug-report.json, umzug-report.csv and umzug-report.html into --out. Each run is
    /// counted once, however often its report is given; the summary is recomputed. Given one
    /// file, this renders its report again (for example in the other language).
    ///
    /// Exit codes: 0 written, 1 an input could not be read or is not an Umzug report (nothing
    /// is written then), or the output could not be written; 2 usage error.
    #[command(
        after_help = "Example:\n  umzug report merge pc01/umzug-report.json pc02/umzug-report.json --out merged --lang de"
    )]
    Merge(MergeArgs),
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The umzug-report.json files to merge.
    #[arg(required = true, value_name = "REPORT.json")]
    pub inputs: Vec<PathBuf>,
    /// Folder for the merged reports; created if missing. Existing reports there are replaced.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Language of the HTML report [default: German if LC_ALL, LC_MESSAGES or LANG starts with
    /// "de", else English].
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Deutsch.
    De,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::De => Lang::De,
        }
    }
}

pub fn run(args: ReportArgs) -> ExitCode {
    match args.command {
        ReportCommand::Merge(args) => merge(args),
    }
}

fn merge(args: MergeArgs) -> ExitCode {
    let lang = args.lang.map_or_else(Lang::from_env, Lang::from);
    // Read every input before writing anything: a bad input must not leave a partial merge.
    let mut inputs = Vec::with_capacity(args.inputs.len());
    let mut failed = false;
    for path in &args.inputs {
        match reports::read_json(path) {
            Ok(r) => inputs.push(r),
            Err(e) => {
                eprintln!("umzug: {e}");
                failed = true;
            }
        }
    }
    if failed {
        return ExitCode::from(1);
    }
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let merged = match reports::merge(inputs, now) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("umzug: cannot merge: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("umzug: cannot create {}: {e}", args.out.display());
        return ExitCode::from(1);
    }
    match reports::write_all(&merged, &args.out, lang) {
        Ok(written) => {
            let s = &merged.summary;
            let count = |k: &str| s.by_verdict.get(k).copied().unwrap_or(0);
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            // The reports are written; a closed stdout (`| head`) must not turn that into a panic
            // or a failure.
            let _ = writeln!(
                out,
                "Merged {} report(s): {} run(s), {} file(s): {} green, {} yellow, {} red, \
                 {} failed, {} skipped.",
                args.inputs.len(),
                merged.runs.len(),
                s.files,
                count("green"),
                count("yellow"),
                count("red"),
                count("failed"),
                count("skipped"),
            );
            for path in [written.json, written.csv, written.html] {
                let _ = writeln!(out, "{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "umzug: cannot write the reports into {}: {e}",
                args.out.display()
            );
            ExitCode::from(1)
        }
    }
}
