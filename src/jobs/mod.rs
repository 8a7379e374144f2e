//! The batch engine: plans a run, converts files on a rayon pool (largest first, memory and
//! time bounded, each file isolated), journals every finished file for `--resume`, and reports
//! progress as one stream of events that the CLI and the GUI draw. No GUI code here.

mod commit;
mod journal;
mod plan;
mod work;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, mpsc};
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

/// Per-file state shared by a worker and the watchdog: whoever settles a file first reports it.
const RUNNING: u8 = 0;
const SETTLED: u8 = 1;

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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
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
    let tmp_prefix = match options.shard {
        Some(s) => format!(".umzug-{}of{}-", s.k, s.n),
        None => ".umzug-".to_string(),
    };
    remove_leftovers(&plan.items, &tmp_prefix);

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

    let settled: Arc<Vec<AtomicU8>> =
        Arc::new(items.iter().map(|_| AtomicU8::new(RUNNING)).collect());
    let (tx, rx) = mpsc::channel::<Message>();
    let committer = commit::spawn(ctx.clone(), tx.clone()).map_err(JobError::Committer)?;
    let mut next = 0usize;
    let mut in_flight: HashMap<usize, Option<Instant>> = HashMap::new();
    let mut in_flight_bytes = 0u64;
    let budget = options.time_budget;
    // The converter stops itself at the deadline; the watchdog steps in only when it does not
    // (a loop outside the checked parsing), after this grace.
    let grace = Duration::from_secs(2);
    loop {
        let stop = cancel.load(Ordering::Relaxed);
        while !stop && next < queue.len() {
            let i = queue[next];
            let size = items[i].bytes;
            let admitted = in_flight.is_empty()
                || (in_flight.len() < jobs * 2
                    && in_flight_bytes.saturating_add(size) <= options.max_in_flight_bytes);
            if !admitted {
                break;
            }
            next += 1;
            in_flight.insert(i, None);
            in_flight_bytes += size;
            let (items, ctx, settled, tx) =
                (items.clone(), ctx.clone(), settled.clone(), tx.clone());
            let (processor, committer) = (processor.clone(), committer.clone());
            pool.spawn(move || {
                let _ = tx.send(Message::Started(i, Instant::now()));
                let deadline = Instant::now() + budget;
                // A panic anywhere in one file's work costs that file, never the batch (a
                // panic escaping a rayon task would abort the process).
                let work = std::panic::AssertUnwindSafe(|| processor(&items[i], &ctx, deadline));
                let processed = std::panic::catch_unwind(work).unwrap_or_else(|_| {
                    let msg = "internal error while converting (a bug in Umzug; please report it)";
                    let r = work::not_converted(
                        &items[i],
                        &ctx.run,
                        Status::Failed,
                        "internal",
                        msg.into(),
                        0,
                    );
                    work::Processed::Final(Box::new(r), None)
                });
                // Past this point the watchdog leaves the file alone: it finished in time.
                if settled[i]
                    .compare_exchange(RUNNING, SETTLED, Ordering::AcqRel, Ordering::Acquire)
                    .is_err()
                {
                    return;
                }
                match processed {
                    work::Processed::Commit(pending) => {
                        if let Err(mpsc::SendError((_, pending))) = committer.send((i, pending)) {
                            let msg = "the writer thread has stopped".to_string();
                            let r = work::demote(pending.report, "internal", msg);
                            let _ = tx.send(Message::Done(i, Box::new(r)));
                        }
                    }
                    work::Processed::Final(report, state) => {
                        if let Some(state) = state {
                            // A journal that cannot be written costs resumability, not the file.
                            let _ = ctx
                                .journal
                                .done(&work::key(&items[i].source), state, &report);
                        }
                        let _ = tx.send(Message::Done(i, report));
                    }
                }
            });
        }
        if in_flight.is_empty() && (stop || next >= queue.len()) {
            break;
        }
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Message::Started(i, at)) => {
                if let Some(slot) = in_flight.get_mut(&i) {
                    *slot = Some(at);
                }
            }
            Ok(Message::Done(i, report)) => {
                if in_flight.remove(&i).is_some() {
                    in_flight_bytes = in_flight_bytes.saturating_sub(items[i].bytes);
                }
                emit(*report, &mut files);
            }
            Err(_) => {}
        }
        // The watchdog: a file past its budget and grace is settled as timed out; its worker
        // may still be running, but the batch goes on without it.
        let now = Instant::now();
        let overdue: Vec<usize> = in_flight
            .iter()
            .filter(|(_, at)| at.is_some_and(|at| now.duration_since(at) > budget + grace))
            .map(|(&i, _)| i)
            .collect();
        for i in overdue {
            if settled[i]
                .compare_exchange(RUNNING, SETTLED, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                in_flight.remove(&i);
                in_flight_bytes = in_flight_bytes.saturating_sub(items[i].bytes);
                let msg = format!(
                    "the conversion took longer than its time budget ({}); given up",
                    humantime::format_duration(budget)
                );
                let r = work::not_converted(
                    &items[i],
                    &run_id,
                    Status::Failed,
                    "timeout",
                    msg,
                    (budget + grace).as_millis() as u64,
                );
                emit(r, &mut files);
            }
        }
    }
    let cancelled = next < queue.len();
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

enum Message {
    Started(usize, Instant),
    Done(usize, Box<FileReport>),
}

#[cfg(test)]
mod tests;
