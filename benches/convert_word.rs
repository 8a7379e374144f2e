//! Benchmark: DOCX → ODT conversion throughput over the corpus Word files (docx, docm, dotx,
//! dotm), in memory, on one thread and on all cores; optionally against LibreOffice.
//!
//! Run: `cargo bench --bench convert_word` (needs ../shared/corpus). With UMZUG_BENCH_SOFFICE=1
//! it also times `soffice --headless --convert-to odt` on the same files (one soffice process,
//! all files in one call, as a help desk would script it). Figures go to docs/benchmarks.md.

mod common;

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use umzug_converters::{ConvertOptions, convert};

const RUNS: usize = 5;

fn corpus_files() -> Vec<(PathBuf, Vec<u8>)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut out = Vec::new();
    for dir in ["docx", "docm", "dotx", "dotm"] {
        let Ok(entries) = std::fs::read_dir(corpus.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let data = std::fs::read(e.path()).unwrap();
            out.push((e.path(), data));
        }
    }
    out.sort();
    out
}

fn convert_all(files: &[(PathBuf, Vec<u8>)], threads: usize) -> (Duration, usize) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let mut best = Duration::MAX;
    let mut ok = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        ok = pool.install(|| {
            files
                .par_iter()
                .filter(|(p, data)| {
                    let ext = p.extension().map(|e| e.to_string_lossy().into_owned());
                    convert(Cursor::new(data), ext.as_deref(), ConvertOptions::default()).is_ok()
                })
                .count()
        });
        best = best.min(t.elapsed());
    }
    (best, ok)
}

// The same allocator as the umzug binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("SKIPPED: ../shared/corpus is missing");
        return;
    }
    let bytes: usize = files.iter().map(|(_, d)| d.len()).sum();
    let mb = bytes as f64 / 1e6;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{} Word files, {mb:.1} MB; best of {RUNS} runs",
        files.len()
    );
    let mut results = Vec::new();
    for threads in [1, cores] {
        let (d, ok) = convert_all(&files, threads);
        let s = d.as_secs_f64();
        println!(
            "umzug, {threads} thread(s): {s:.3} s, {:.0} files/s, {:.1} MB/s ({ok} converted)",
            files.len() as f64 / s,
            mb / s
        );
        results.push(s);
    }
    if std::env::var("UMZUG_BENCH_SOFFICE").is_ok() {
        let tmp = tempfile::tempdir().unwrap();
        let profile = tmp.path().join("profile");
        let out = tmp.path().join("out");
        let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
        let t = Instant::now();
        let status = common::soffice_convert(&profile, &out, &paths, "odt")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("soffice");
        let s = t.elapsed().as_secs_f64();
        let made = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
        println!(
            "soffice --headless --convert-to odt: {s:.3} s, {:.1} files/s ({made} written, {status})",
            files.len() as f64 / s
        );
        println!(
            "ratio: umzug is {:.0}x faster on 1 thread, {:.0}x on {cores} threads",
            s / results[0],
            s / results[1]
        );
    }
}
