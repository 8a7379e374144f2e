//! The committer: one thread that makes converted files durable and renames them into place,
//! so the workers never wait on the disk.
//!
//! For a batch of outputs waiting in temporary files it syncs each file's data, appends their
//! `begin` lines to the journal with one sync, renames them, and journals `done`. A rename thus
//! never outlives its `begin` line, and after a power loss a renamed output is never empty.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::dispatch::Message;
use super::work::{Context, Pending, TARGET_EXISTS, demote};

/// Outputs handed over at once, at most: the journal sync is shared by a batch.
const BATCH: usize = 64;

/// Starts the committer; it ends when every sender is dropped.
pub fn spawn(
    ctx: Arc<Context>,
    done: Sender<Message>,
) -> std::io::Result<Sender<(usize, Box<Pending>)>> {
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("umzug-committer".into())
        .spawn(move || run(&ctx, &rx, &done))?;
    Ok(tx)
}

fn run(ctx: &Context, rx: &Receiver<(usize, Box<Pending>)>, done: &Sender<Message>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match rx.try_recv() {
                Ok(p) => batch.push(p),
                Err(_) => break,
            }
        }
        let files: Vec<usize> = batch.iter().map(|(i, _)| *i).collect();
        let work = std::panic::AssertUnwindSafe(|| commit(ctx, batch, done));
        if std::panic::catch_unwind(work).is_err() {
            // A bug here must not leave files unreported (the run would wait for them): each
            // file of the batch is reported failed; one already reported is ignored then.
            for i in files {
                let _ = done.send(Message::Lost(i));
            }
        }
    }
}

fn commit(ctx: &Context, batch: Vec<(usize, Box<Pending>)>, done: &Sender<Message>) {
    let fail = |i: usize, p: Box<Pending>, e: std::io::Error| {
        let msg = format!("cannot write {}: {e}", p.target.display());
        let report = demote(p.report, "write", msg);
        let _ = ctx.journal.done(&p.source, p.state, None, &report);
        let _ = done.send(Message::Done(i, Box::new(report)));
    };
    let mut ready = Vec::with_capacity(batch.len());
    for (i, p) in batch {
        match p.tmp.as_file().sync_all() {
            Ok(()) => ready.push((i, p)),
            Err(e) => fail(i, p, e),
        }
    }
    let lines: Vec<_> = ready
        .iter()
        .map(|(_, p)| (p.source.as_path(), p.target.as_path()))
        .collect();
    if let Err(e) = ctx.journal.begin_all(&lines) {
        for (i, p) in ready {
            fail(i, p, std::io::Error::new(e.kind(), format!("journal: {e}")));
        }
        return;
    }
    for (i, p) in ready {
        let Pending {
            tmp,
            target,
            replace,
            source,
            state,
            output,
            report,
        } = *p;
        let renamed = if replace {
            tmp.persist(&target).map(drop)
        } else {
            tmp.persist_noclobber(&target).map(drop)
        };
        let (report, output) = match renamed {
            Ok(()) => (report, Some(output)),
            Err(e) => {
                // The `begin` line must not make the target ours: it is someone else's file
                // (created since the worker looked) or nothing was renamed.
                let _ = ctx.journal.abort(&target);
                if !replace && e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    let r = demote(report, "target-exists", TARGET_EXISTS.into());
                    let _ = done.send(Message::Done(i, Box::new(r)));
                    continue;
                }
                let msg = format!("cannot write {}: {}", target.display(), e.error);
                (demote(report, "write", msg), None)
            }
        };
        // A journal that cannot be written costs resumability, not the file.
        let _ = ctx.journal.done(&source, state, output, &report);
        let _ = done.send(Message::Done(i, Box::new(report)));
    }
}
