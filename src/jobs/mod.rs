//! The batch engine: plans a run, converts files on a rayon pool (largest first, memory and
//! time bounded, each file isolated), journals every finished file for `--resume`, and reports
//! progress as one stream of events that the CLI and the GUI draw. No GUI code here.

mod commit;
mod dispatch;
mod journal;
mod plan;
mod work;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;

pub use journal::SourceState;
pub use plan::{Destination, Item, Plan, Planned, Shard, plan};

use crate::reports::{FileReport, FileVerdict, Report, RunInfo, Status, Summary};

/// How to run.
#[derive(Debug, Clone)]
pub struct JobOptions {
    pub roots: Vec<PathBuf>,
    pub destination: Destination,
    /// Where the journal (and the reports) go: the output folder, or `--report` with `--beside`.
    pub report_dir: PathBuf,
    /// Worker threads.
    pub jobs: usize,
    /// Continue an earlier run from its journal.
    pub resume: bool,
    pub overwrite: bool,
    pub shard: Option<Shard>,
    pub include_hidden: bool,
    /// Time one file may take before it is given up as `timeout`.
    pub time_budget: Duration,
    /// Sources converted at once may total at most this many bytes (one larger file runs alone).
    pub max_in_flight_bytes: u64,
}

/// The progress stream, in order: `started`, one `file-done` per file, `finished`.
#[derive(Debug, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event<'a> {
    Started {
        run: &'a str,
        files: usize,
        bytes: u64,
    },
    FileDone {
        done: usize,
        total: usize,
        file: &'a FileReport,
    },
    Finished {
        summary: &'a Summary,
        cancelled: bool,
        duration_ms: u64,
    },
}

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("cannot use the output folder {path}: {source}")]
    Output {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot start worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    #[error("cannot start the writer thread: {0}")]
    Committer(std::io::Error),
}

/// A finished (or cancelled) run.
#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    pub journal: PathBuf,
    pub cancelled: bool,
}

impl Outcome {
    /// Files that were not converted because of an error (not skipped ones).
    pub fn failed(&self) -> usize {
        self.report
            .files
            .iter()
            .filter(|f| f.verdict == FileVerdict::Failed)
            .count()
    }
}

/// `umzug-journal.jsonl`, or with `--shard K/N` `umzug-journal.shard-K-of-N.jsonl`, so shards
/// sharing one output folder never write the same file.
pub fn output_name(stem: &str, ext: &str, shard: Option<Shard>) -> String {
    let suffix = shard.map(|s| s.file_suffix()).unwrap_or_default();
    format!("{stem}{suffix}.{ext}")
}

fn host() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown".into())
}

/// Removes temporary files a killed run left in the folders this run writes to.
fn remove_leftovers(items: &[Item], prefix: &str) {
    let mut dirs: Vec<&Path> = items
        .iter()
        .filter_map(|i| i.target.as_deref()?.parent())
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            if work::is_temporary(&name.to_string_lossy(), prefix)
                && e.file_type().is_ok_and(|t| t.is_file())
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Converts one planned file (see [`work::process`]).
type Processor = dyn Fn(&Item, &work::Context, Instant) -> work::Processed + Send + Sync;

/// Runs a whole batch. `cancel` (Ctrl-C) stops handing out files; files in flight finish.
/// Events go to `on_event` on the calling thread.
pub fn run(
    options: &JobOptions,
    cancel: &AtomicBool,
    on_event: impl FnMut(&Event<'_>),
) -> Result<Outcome, JobError> {
    run_with(options, cancel, on_event, Arc::new(work::process))
}

/// [`run`] with the per-file work given, so tests can make a file panic or hang.
fn run_with(
    options: &JobOptions,
    cancel: &AtomicBool,
    mut on_event: impl FnMut(&Event<'_>),
    processor: Arc<Processor>,
) -> Result<Outcome, JobError> {
    let t0 = Instant::now();
    let started_at = humantime::format_rfc3339_seconds(SystemTime::now()).to_string();
    let host = host();
    let run_id = format!(
        "{host}-{}-{}",
        started_at.replace([':', '-'], ""),
        std::process::id()
    );
    let jobs = options.jobs.max(1);
    // Spare threads take over from workers that hang (see `dispatch`); at most `jobs` convert.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs + dispatch::spare_threads(jobs))
        .thread_name(|i| format!("umzug-worker-{i}"))
        .build()?;
    let plan = pool.install(|| {
        plan::plan(
            &options.roots,
            &options.destination,
            options.shard,
            options.include_hidden,
        )
    });

    let out_err = |path: &Path, source| JobError::Output {
        path: path.to_string_lossy().into_owned(),
        source,
    };
    let journal_path =
        options
            .report_dir
            .join(output_name("umzug-journal", "jsonl", options.shard));
    let previous = if options.resume {
        journal::Previous::read(&journal_path).map_err(|e| out_err(&journal_path, e))?
    } else {
        journal::Previous::default()
    };
    let journal = journal::Journal::open(&journal_path, &run_id, &started_at)
        .map_err(|e| out_err(&journal_path, e))?;
    // Temporary files carry an id of this output's journal: a resume removes the ones a killed
    // run of the same output left, and nobody else's.
    let tmp_prefix = format!(
        ".umzug-{:08x}-",
        plan::fnv1a(&journal_path.to_string_lossy()) as u32
    );
    if options.resume {
        remove_leftovers(&plan.items, &tmp_prefix);
    }

    let ctx = Arc::new(work::Context {
        run: run_id.clone(),
        overwrite: options.overwrite,
        journal,
        previous,
        tmp_prefix,
    });
    let total = plan.items.len() + plan.errors.len();
    let bytes = plan.items.iter().map(|i| i.bytes).sum();
    on_event(&Event::Started {
        run: &run_id,
        files: total,
        bytes,
    });

    let mut files: Vec<FileReport> = Vec::with_capacity(total);
    let mut emit = |report: FileReport, files: &mut Vec<FileReport>| {
        files.push(report);
        if let Some(f) = files.last() {
            on_event(&Event::FileDone {
                done: files.len(),
                total,
                file: f,
            });
        }
    };
    // Folders that could not be listed: the files in them are not migrated.
    for e in &plan.errors {
        emit(
            FileReport {
                run: run_id.clone(),
                source: std::path::absolute(&e.path)
                    .map_or_else(|_| e.path.clone(), |p| p.to_string_lossy().into_owned()),
                target: None,
                format: "unknown".into(),
                bytes: 0,
                status: Status::Failed,
                verdict: FileVerdict::Failed,
                error_code: Some("unreadable".into()),
                error: Some(e.error.clone()),
                findings: Vec::new(),
                millis: 0,
            },
            &mut files,
        );
    }
    let items = Arc::new(plan.items);
    let mut queue: Vec<usize> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match work::planned_outcome(item, &run_id) {
            Some(report) => emit(report, &mut files),
            None => queue.push(i),
        }
    }

    let limits = dispatch::Limits {
        jobs,
        max_in_flight_bytes: options.max_in_flight_bytes,
        budget: options.time_budget,
    };
    let mut collect = |r: FileReport| emit(r, &mut files);
    let cancelled = dispatch::dispatch(
        &pool,
        &items,
        &queue,
        &ctx,
        &processor,
        limits,
        cancel,
        &mut collect,
    );
    ctx.journal.release();
    let cancelled = cancelled?;
    let run = RunInfo {
        id: run_id,
        host,
        tool: concat!("umzug ", env!("CARGO_PKG_VERSION")).into(),
        started: started_at,
        duration_ms: t0.elapsed().as_millis() as u64,
        roots: options
            .roots
            .iter()
            .map(|r| r.to_string_lossy().into_owned())
            .collect(),
        out: match &options.destination {
            Destination::Out(d) => Some(d.to_string_lossy().into_owned()),
            Destination::Beside => None,
        },
        jobs,
        shard: options.shard.map(|s| s.to_string()),
        cancelled,
    };
    let generated = humantime::format_rfc3339_seconds(SystemTime::now()).to_string();
    let report = Report::new(vec![run], files, generated);
    on_event(&Event::Finished {
        summary: &report.summary,
        cancelled,
        duration_ms: t0.elapsed().as_millis() as u64,
    });
    Ok(Outcome {
        report,
        journal: journal_path,
        cancelled,
    })
}

#[cfg(test)]
mod tests;
