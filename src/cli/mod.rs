//! The command line: `umzug scan` (and the commands later issues add), exit codes 0/1/2.

mod convert;
mod progress;
mod report;
mod scan_view;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::scan::{ScanOptions, scan};

/// Umzug moves Microsoft Office documents to ODF and says honestly what could not be carried over.
#[derive(Debug, Parser)]
#[command(name = "umzug", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Inventory documents under the given folders, by content; changes nothing.
    ///
    /// Exit codes: 0 scan complete (damaged files are reported, not failures), 1 a root could not
    /// be read, 2 usage error.
    Scan(ScanArgs),
    /// Convert the Office documents under the given paths to ODF, in parallel and resumably,
    /// and write the migration reports (JSON, CSV, HTML).
    ///
    /// Only Word documents (docx, docm, dotx, dotm) convert so far; other Office files are
    /// listed in the reports with their reason. Sources are only read; outputs are written to a
    /// temporary file and renamed into place; existing files are kept unless --overwrite.
    ///
    /// Exit codes: 0 every file converted (or skipped), 1 some failed or were not converted, 2
    /// usage error, 130 stopped by Ctrl-C (run again with --resume).
    Convert(convert::ConvertArgs),
    /// Work with migration reports: merge the reports of several machines or shards into one.
    ///
    /// Exit codes: 0 done, 1 a report could not be read or written, 2 usage error.
    Report(report::ReportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Folders or files to scan.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print one JSON document (schema: docs/scan-json.md) instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Also descend into hidden (.name) and system folders.
    #[arg(long)]
    pub include_hidden: bool,
    /// Read only directories and headers; skip checking every ZIP part's checksum.
    #[arg(long)]
    pub quick: bool,
    /// Worker threads for probing files (default: all cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Runs the CLI; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Scan(args) => run_scan(args),
        Command::Convert(args) => convert::run(args),
        Command::Report(args) => report::run(args),
    }
}

fn run_scan(args: ScanArgs) -> ExitCode {
    let options = ScanOptions {
        include_hidden: args.include_hidden,
        quick: args.quick,
    };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.jobs {
        builder = builder.num_threads(n.max(1));
    }
    let report = match builder.build() {
        Ok(pool) => pool.install(|| scan(&args.paths, &options)),
        Err(e) => {
            eprintln!("umzug: cannot start worker threads: {e}");
            return ExitCode::from(1);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        scan_view::write_human(&mut out, &report)
    };
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("umzug: cannot write the output: {e}");
        return ExitCode::from(1);
    }
    // A root that could not be read at all: missing, or its listing refused.
    let roots: Vec<String> = args
        .paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let root_failed = args.paths.iter().any(|p| std::fs::metadata(p).is_err())
        || report.errors.iter().any(|e| roots.contains(&e.path));
    if root_failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
