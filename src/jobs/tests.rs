//! Engine tests with the per-file work replaced where needed: a panicking file, a hanging file,
//! the memory cap, largest-first order, cancellation and resume.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

/// A source tree of `n` Word files (the samples, copied), named by their index.
fn tree(dir: &Path, n: usize) -> std::io::Result<PathBuf> {
    let src = dir.join("src");
    let docs = [
        "poi__bug57031.docx",
        "tika__testWORD_embedded_pics.docx",
        "poi__SimpleMacro.docm",
    ];
    for i in 0..n {
        let sub = src.join(format!("Ordner {}", i % 3));
        std::fs::create_dir_all(&sub)?;
        let name = docs[i % docs.len()];
        let ext = Path::new(name)
            .extension()
            .unwrap_or_default()
            .to_string_lossy();
        std::fs::copy(samples().join(name), sub.join(format!("Datei {i}.{ext}")))?;
    }
    Ok(src)
}

fn options(src: &Path, out: &Path) -> JobOptions {
    JobOptions {
        roots: vec![src.to_path_buf()],
        destination: Destination::Out(out.to_path_buf()),
        report_dir: out.to_path_buf(),
        jobs: 2,
        resume: false,
        overwrite: false,
        shard: None,
        include_hidden: false,
        time_budget: Duration::from_secs(60),
        max_in_flight_bytes: 1 << 30,
    }
}

fn by_name<'a>(o: &'a Outcome, part: &str) -> &'a FileReport {
    o.report
        .files
        .iter()
        .find(|f| f.source.contains(part))
        .unwrap_or_else(|| panic!("{part} is not in the report"))
}

#[test]
fn a_panicking_and_a_hanging_file_fail_alone_and_the_batch_goes_on() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let src = tree(dir.path(), 6)?;
    let out = dir.path().join("out");
    let mut opts = options(&src, &out);
    // Generous for a debug build converting on a loaded machine; the hanging file sleeps past it
    // and its grace.
    opts.time_budget = Duration::from_secs(3);
    let processor: Arc<Processor> = Arc::new(|item, ctx, deadline| {
        let name = item.source.to_string_lossy();
        if name.contains("Datei 1.") {
            panic!("a converter bug");
        }
        if name.contains("Datei 2.") {
            // Ignores its deadline, like a loop the converter does not check.
            std::thread::sleep(Duration::from_secs(7));
        }
        work::process(item, ctx, deadline)
    });
    let mut events = Vec::new();
    let cancel = AtomicBool::new(false);
    let o = run_with(
        &opts,
        &cancel,
        |e| events.push(serde_json::to_value(e).unwrap_or_default()),
        processor,
    )
    .map_err(std::io::Error::other)?;
    assert_eq!(o.report.files.len(), 6);
    let panicked = by_name(&o, "Datei 1.");
    assert_eq!(panicked.error_code.as_deref(), Some("internal"));
    let hung = by_name(&o, "Datei 2.");
    assert_eq!(hung.error_code.as_deref(), Some("timeout"));
    let failed: Vec<_> = o
        .report
        .files
        .iter()
        .filter(|f| f.verdict == FileVerdict::Failed)
        .map(|f| (&f.source, &f.error))
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    for f in o
        .report
        .files
        .iter()
        .filter(|f| f.verdict != FileVerdict::Failed)
    {
        assert_eq!(f.status, Status::Converted, "{}", f.source);
        assert!(Path::new(f.target.as_deref().unwrap_or_default()).is_file());
    }
    // started, six file-done events, finished; counted in order.
    assert_eq!(events.len(), 8);
    assert_eq!(events[0]["event"], "started");
    assert_eq!(events[0]["files"], 6);
    assert_eq!(events[6]["done"], 6);
    assert_eq!(events[7]["event"], "finished");
    Ok(())
}

#[test]
fn the_memory_cap_limits_files_in_flight_and_the_largest_go_first() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let src = tree(dir.path(), 9)?;
    let out = dir.path().join("out");
    let mut opts = options(&src, &out);
    // Smaller than any one file: each runs alone.
    opts.max_in_flight_bytes = 1;
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let order = Arc::new(Mutex::new(Vec::new()));
    let (r, m, ord) = (running.clone(), most.clone(), order.clone());
    let processor: Arc<Processor> = Arc::new(move |item, ctx, deadline| {
        let now = r.fetch_add(1, Ordering::SeqCst) + 1;
        m.fetch_max(now, Ordering::SeqCst);
        if let Ok(mut o) = ord.lock() {
            o.push(item.bytes);
        }
        std::thread::sleep(Duration::from_millis(20));
        let result = work::process(item, ctx, deadline);
        r.fetch_sub(1, Ordering::SeqCst);
        result
    });
    let o = run_with(&opts, &AtomicBool::new(false), |_| {}, processor)
        .map_err(std::io::Error::other)?;
    assert_eq!(o.report.files.len(), 9);
    assert_eq!(most.load(Ordering::SeqCst), 1);
    let order = order.lock().map(|o| o.clone()).unwrap_or_default();
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(order, sorted, "largest first");

    // Without the cap both workers are busy at once.
    most.store(0, Ordering::SeqCst);
    let mut opts = options(&src, &dir.path().join("out2"));
    opts.jobs = 2;
    let (r, m) = (running.clone(), most.clone());
    let processor: Arc<Processor> = Arc::new(move |item, ctx, deadline| {
        let now = r.fetch_add(1, Ordering::SeqCst) + 1;
        m.fetch_max(now, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(50));
        let result = work::process(item, ctx, deadline);
        r.fetch_sub(1, Ordering::SeqCst);
        result
    });
    run_with(&opts, &AtomicBool::new(false), |_| {}, processor).map_err(std::io::Error::other)?;
    assert_eq!(most.load(Ordering::SeqCst), 2);
    Ok(())
}

#[test]
fn cancelling_stops_handing_out_files_and_resume_finishes_the_rest() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let src = tree(dir.path(), 12)?;
    let out = dir.path().join("out");
    let mut opts = options(&src, &out);
    opts.jobs = 1;
    let cancel = AtomicBool::new(false);
    let o = run(&opts, &cancel, |e| {
        if matches!(e, Event::FileDone { done: 3, .. }) {
            cancel.store(true, Ordering::SeqCst);
        }
    })
    .map_err(std::io::Error::other)?;
    assert!(o.cancelled);
    assert!(o.report.runs[0].cancelled);
    let first = o.report.files.len();
    assert!((3..12).contains(&first), "{first}");

    // Resume: the finished files are not converted again, the rest are.
    opts.resume = true;
    let o = run(&opts, &AtomicBool::new(false), |_| {}).map_err(std::io::Error::other)?;
    assert!(!o.cancelled);
    assert_eq!(o.report.files.len(), 12);
    let count = |s: Status| o.report.files.iter().filter(|f| f.status == s).count();
    assert_eq!(count(Status::Resumed), first);
    assert_eq!(count(Status::Converted), 12 - first);

    // A changed source is converted again; an unchanged one whose output was deleted too.
    let changed = o
        .report
        .files
        .iter()
        .find(|f| f.status == Status::Resumed)
        .map(|f| f.source.clone());
    let changed = changed.unwrap_or_default();
    let other = ["poi__bug57031.docx", "tika__testWORD_embedded_pics.docx"]
        .map(|n| samples().join(n))
        .into_iter()
        .find(|p| std::fs::read(p).ok() != std::fs::read(&changed).ok())
        .unwrap_or_default();
    std::fs::copy(other, &changed)?;
    let gone = o
        .report
        .files
        .iter()
        .find(|f| f.source != changed)
        .and_then(|f| f.target.clone());
    std::fs::remove_file(gone.clone().unwrap_or_default())?;
    let o = run(&opts, &AtomicBool::new(false), |_| {}).map_err(std::io::Error::other)?;
    let converted: Vec<&str> = o
        .report
        .files
        .iter()
        .filter(|f| f.status == Status::Converted)
        .map(|f| f.target.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(converted.len(), 2, "{converted:?}");
    assert!(converted.contains(&gone.unwrap_or_default().as_str()));
    // Without --resume, existing outputs are kept and reported as skipped.
    opts.resume = false;
    let o = run(&opts, &AtomicBool::new(false), |_| {}).map_err(std::io::Error::other)?;
    assert!(o.report.files.iter().all(|f| f.status == Status::Skipped));
    assert_eq!(o.failed(), 0);
    Ok(())
}

#[test]
fn shards_split_the_tree_without_overlap() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let src = tree(dir.path(), 20)?;
    let out = dir.path().join("out");
    let mut all = Vec::new();
    for k in 1..=3 {
        let mut opts = options(&src, &out);
        opts.shard = Some(Shard { k, n: 3 });
        let o = run(&opts, &AtomicBool::new(false), |_| {}).map_err(std::io::Error::other)?;
        assert!(
            out.join(format!("umzug-journal.shard-{k}-of-3.jsonl"))
                .is_file()
        );
        all.extend(o.report.files.into_iter().map(|f| (f.source, f.status)));
    }
    all.sort();
    assert_eq!(all.len(), 20);
    all.dedup_by(|a, b| a.0 == b.0);
    assert_eq!(all.len(), 20, "a file in two shards");
    assert!(all.iter().all(|(_, s)| *s == Status::Converted));
    Ok(())
}

#[test]
fn a_worker_that_never_returns_does_not_hold_up_the_run() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let src = tree(dir.path(), 4)?;
    let out = dir.path().join("out");
    let mut opts = options(&src, &out);
    opts.jobs = 1;
    // Long enough for the three small files on a loaded machine, short for the test.
    opts.time_budget = Duration::from_secs(4);
    let processor: Arc<Processor> = Arc::new(|item, ctx, deadline| {
        if item.source.to_string_lossy().contains("Datei 1.") {
            // Far longer than the test may take: the run must end without this thread.
            std::thread::sleep(Duration::from_secs(600));
        }
        work::process(item, ctx, deadline)
    });
    let t = Instant::now();
    let o = run_with(&opts, &AtomicBool::new(false), |_| {}, processor)
        .map_err(std::io::Error::other)?;
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
    assert_eq!(o.report.files.len(), 4);
    assert_eq!(
        by_name(&o, "Datei 1.").error_code.as_deref(),
        Some("timeout")
    );
    let converted = o
        .report
        .files
        .iter()
        .filter(|f| f.status == Status::Converted)
        .count();
    assert_eq!(converted, 3, "the other files convert on the spare thread");
    Ok(())
}

#[test]
fn resume_never_replaces_an_output_someone_edited() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let src = tree(dir.path(), 2)?;
    let out = dir.path().join("out");
    let mut opts = options(&src, &out);
    let first = run(&opts, &AtomicBool::new(false), |_| {}).map_err(std::io::Error::other)?;
    let edited = first.report.files[0].clone();
    let untouched = first.report.files[1].clone();
    // A person works in one output; both sources change afterwards.
    std::fs::write(edited.target.clone().unwrap_or_default(), b"my edits")?;
    for f in [&edited, &untouched] {
        let mut bytes = std::fs::read(&f.source)?;
        bytes.extend_from_slice(b"\0");
        std::fs::write(&f.source, bytes)?;
    }
    // A file of somebody else's that looks like a temporary file.
    let foreign = out.join("Ordner 0/.umzug-backup.tmp");
    std::fs::create_dir_all(out.join("Ordner 0"))?;
    std::fs::write(&foreign, b"keep me")?;
    opts.resume = true;
    let o = run(&opts, &AtomicBool::new(false), |_| {}).map_err(std::io::Error::other)?;
    let again = |f: &FileReport| by_name(&o, &f.source).clone();
    assert_eq!(
        again(&edited).status,
        Status::Skipped,
        "the edited output is kept"
    );
    assert_eq!(
        std::fs::read(edited.target.unwrap_or_default())?,
        b"my edits"
    );
    assert_eq!(
        again(&untouched).status,
        Status::Converted,
        "ours, unchanged: replaced"
    );
    assert_eq!(std::fs::read(&foreign)?, b"keep me");
    Ok(())
}

#[test]
fn names_that_are_not_utf8_convert_and_resume() -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir()?;
    let src = tree(dir.path(), 3)?;
    let odd = src.join(std::ffi::OsStr::from_bytes(b"Caf\xe9.docx"));
    std::fs::copy(samples().join("poi__bug57031.docx"), &odd)?;
    let out = dir.path().join("out");
    let mut opts = options(&src, &out);
    let o = run(&opts, &AtomicBool::new(false), |_| {}).map_err(std::io::Error::other)?;
    assert_eq!(o.report.files.len(), 4, "each file once");
    assert!(o.report.files.iter().all(|f| f.status == Status::Converted));
    assert!(
        out.join(std::ffi::OsStr::from_bytes(b"Caf\xe9.odt"))
            .is_file()
    );
    opts.resume = true;
    let o = run(&opts, &AtomicBool::new(false), |_| {}).map_err(std::io::Error::other)?;
    assert!(o.report.files.iter().all(|f| f.status == Status::Resumed));
    Ok(())
}
