//! Handing files to the worker pool and collecting their reports: admission by files and bytes
//! in flight, the watchdog, and what becomes of a worker that hangs.
//!
//! A conversion that overruns its budget is reported as `timeout` at once, but its thread stays
//! counted (and its bytes with it) until it really returns. The pool has spare threads for such
//! workers, so the batch goes on at full width; if more workers hang than there are spares, the
//! files not yet started are reported as not converted and the run ends without waiting.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use super::work::{self, Context, Processed};
use super::{Item, JobError, Processor, commit};
use crate::reports::{FileReport, Status};

/// What the workers and the committer tell the dispatcher.
pub enum Message {
    /// A worker began a file.
    Started(usize, Instant),
    /// A worker is done with a file (its report comes as `Done`, possibly from the committer).
    Returned(usize),
    Done(usize, Box<FileReport>),
    /// The committer failed on a file without a report (a bug); report it as failed.
    Lost(usize),
}

/// Bounds of a run.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub jobs: usize,
    pub max_in_flight_bytes: u64,
    pub budget: Duration,
}

/// Threads beyond `jobs` for workers that hang; also how many hung workers a run tolerates.
pub fn spare_threads(jobs: usize) -> usize {
    jobs.max(2)
}

/// The converter stops itself at the deadline; the watchdog steps in only when it does not (a
/// loop outside the checked parsing), after this grace.
const GRACE: Duration = Duration::from_secs(2);

const RUNNING: u8 = 0;
const SETTLED: u8 = 1;

struct Slot {
    admitted: Instant,
    started: Option<Instant>,
    abandoned: bool,
}

/// Converts the queued items on `pool`; every item gets exactly one report through `emit`
/// unless `cancel` stops the run first. Returns whether it was cancelled.
#[allow(clippy::too_many_arguments)]
pub fn dispatch(
    pool: &rayon::ThreadPool,
    items: &Arc<Vec<Item>>,
    queue: &[usize],
    ctx: &Arc<Context>,
    processor: &Arc<Processor>,
    limits: Limits,
    cancel: &AtomicBool,
    emit: &mut dyn FnMut(FileReport),
) -> Result<bool, JobError> {
    // Whoever settles a file first (its worker, or the watchdog) reports it.
    let settled: Arc<Vec<AtomicU8>> =
        Arc::new(items.iter().map(|_| AtomicU8::new(RUNNING)).collect());
    let (tx, rx) = mpsc::channel::<Message>();
    let committer = commit::spawn(ctx.clone(), tx.clone()).map_err(JobError::Committer)?;
    let spare = spare_threads(limits.jobs);
    let mut next = 0usize;
    let mut running: HashMap<usize, Slot> = HashMap::new();
    let mut awaiting: HashSet<usize> = HashSet::new();
    let mut running_bytes = 0u64;
    let mut abandoned = 0usize;
    loop {
        let stop = cancel.load(Ordering::Relaxed);
        if abandoned > spare {
            // Too many hung workers to go on at full width: report the rest, do not wait.
            for &i in &queue[next..] {
                let msg = format!(
                    "not converted: {abandoned} conversions hung and hold the workers; run again with --resume"
                );
                emit(work::not_converted(
                    &items[i],
                    &ctx.run,
                    Status::Failed,
                    "not-started",
                    msg,
                    0,
                ));
            }
            next = queue.len();
        }
        while !stop && next < queue.len() {
            let i = queue[next];
            let size = items[i].bytes;
            let active = running.len() - abandoned;
            let admitted = active < limits.jobs
                && (running.is_empty()
                    || running_bytes.saturating_add(size) <= limits.max_in_flight_bytes);
            if !admitted {
                break;
            }
            next += 1;
            running.insert(
                i,
                Slot {
                    admitted: Instant::now(),
                    started: None,
                    abandoned: false,
                },
            );
            awaiting.insert(i);
            running_bytes += size;
            spawn_worker(
                pool,
                i,
                items,
                ctx,
                processor,
                &settled,
                &tx,
                &committer,
                limits.budget,
            );
        }
        if awaiting.is_empty() && (stop || next >= queue.len()) {
            return Ok(next < queue.len());
        }
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Message::Started(i, at)) => {
                if let Some(slot) = running.get_mut(&i) {
                    slot.started = Some(at);
                }
            }
            Ok(Message::Returned(i)) => {
                if let Some(slot) = running.remove(&i) {
                    running_bytes = running_bytes.saturating_sub(items[i].bytes);
                    abandoned -= usize::from(slot.abandoned);
                }
            }
            Ok(Message::Done(i, report)) => {
                if awaiting.remove(&i) {
                    emit(*report);
                }
            }
            Ok(Message::Lost(i)) => {
                if awaiting.remove(&i) {
                    let msg = "internal error while writing (a bug in Umzug; please report it)";
                    emit(work::not_converted(
                        &items[i],
                        &ctx.run,
                        Status::Failed,
                        "internal",
                        msg.into(),
                        0,
                    ));
                }
            }
            Err(_) => {}
        }
        // The watchdog: a file past its budget and grace is settled as timed out; its worker
        // may still be running, but the batch goes on without it.
        let now = Instant::now();
        for (&i, slot) in running.iter_mut().filter(|(_, s)| !s.abandoned) {
            let since = slot.started.unwrap_or(slot.admitted);
            if now.duration_since(since) <= limits.budget + GRACE {
                continue;
            }
            if settled[i]
                .compare_exchange(RUNNING, SETTLED, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                slot.abandoned = true;
                abandoned += 1;
                awaiting.remove(&i);
                let msg = format!(
                    "the conversion took longer than its time budget ({}); given up",
                    humantime::format_duration(limits.budget)
                );
                let millis = (limits.budget + GRACE).as_millis() as u64;
                emit(work::not_converted(
                    &items[i],
                    &ctx.run,
                    Status::Failed,
                    "timeout",
                    msg,
                    millis,
                ));
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn spawn_worker(
    pool: &rayon::ThreadPool,
    i: usize,
    items: &Arc<Vec<Item>>,
    ctx: &Arc<Context>,
    processor: &Arc<Processor>,
    settled: &Arc<Vec<AtomicU8>>,
    tx: &mpsc::Sender<Message>,
    committer: &mpsc::Sender<(usize, Box<work::Pending>)>,
    budget: Duration,
) {
    let (items, ctx, settled, tx) = (items.clone(), ctx.clone(), settled.clone(), tx.clone());
    let (processor, committer) = (processor.clone(), committer.clone());
    pool.spawn(move || {
        let _ = tx.send(Message::Started(i, Instant::now()));
        let deadline = Instant::now() + budget;
        // A panic anywhere in one file's work costs that file, never the batch (a panic
        // escaping a rayon task would abort the process).
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
            Processed::Final(Box::new(r), None)
        });
        // Only a file the watchdog has not given up on is reported (and written).
        if settled[i]
            .compare_exchange(RUNNING, SETTLED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
        {
            match processed {
                Processed::Commit(pending) => {
                    if let Err(mpsc::SendError((_, pending))) = committer.send((i, pending)) {
                        let msg = "the writer thread has stopped".to_string();
                        let r = work::demote(pending.report, "internal", msg);
                        let _ = tx.send(Message::Done(i, Box::new(r)));
                    }
                }
                Processed::Final(report, state) => {
                    if let Some(state) = state {
                        // A journal that cannot be written costs resumability, not the file.
                        let key = work::key(&items[i].source);
                        let _ = ctx.journal.done(&key, state, None, &report);
                    }
                    let _ = tx.send(Message::Done(i, report));
                }
            }
        }
        let _ = tx.send(Message::Returned(i));
    });
}
