//! Benchmark: the whole `umzug convert` command (planning, reading, converting, writing,
//! journal, reports) over the corpus Word files with 1 and 2 jobs: wall time, throughput, the
//! scaling ratio and peak memory; optionally against LibreOffice on the same files.
//!
//! Run: `cargo bench --bench convert_batch` (needs ../shared/corpus); with UMZUG_BENCH_SOFFICE=1
//! it also times `soffice --headless --convert-to odt` on the same files (one process, all files
//! in one call). Peak memory is the process's VmHWM (peak resident set) from /proc, sampled
//! every 10 ms while it runs, summed over the process and its descendants (the high-water mark
//! only grows, so the last sample is the peak up to the last 10 ms). Figures go to docs/benchmarks.md.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const RUNS: usize = 3;

fn copy_word_files(to: &Path) -> (usize, u64) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let (mut n, mut bytes) = (0, 0);
    std::fs::create_dir_all(to).unwrap();
    for dir in ["docx", "docm", "dotx", "dotm"] {
        let Ok(entries) = std::fs::read_dir(corpus.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            bytes += std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            n += 1;
        }
    }
    (n, bytes)
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("word");
    let (files, bytes) = copy_word_files(&src);
    if files == 0 {
        eprintln!("SKIPPED: ../shared/corpus is missing");
        return;
    }
    let mb = bytes as f64 / 1e6;
    println!("{files} Word files, {mb:.1} MB; best of {RUNS} runs of `umzug convert`");
    let mut best = Vec::new();
    for jobs in [1, 2] {
        let mut run_best = (Duration::MAX, 0);
        for run in 0..RUNS {
            let out: PathBuf = tmp.path().join(format!("out-{jobs}-{run}"));
            let (d, peak, status) = common::measure(
                Command::new(env!("CARGO_BIN_EXE_umzug"))
                    .args(["convert", "--jobs", &jobs.to_string(), "--out"])
                    .arg(&out)
                    .arg(&src),
            );
            // Exit 1 is expected: the corpus holds encrypted and damaged Word files.
            assert!(status.code().is_some_and(|c| c <= 1), "{status}");
            if d < run_best.0 {
                run_best = (d, peak);
            }
        }
        let s = run_best.0.as_secs_f64();
        println!(
            "umzug convert --jobs {jobs}: {s:.3} s, {:.0} files/s, {:.1} MB/s, peak RSS {:.1} MB",
            files as f64 / s,
            mb / s,
            run_best.1 as f64 / 1024.0
        );
        best.push(s);
    }
    println!("scaling 1 → 2 jobs: {:.2}x", best[0] / best[1]);
    if std::env::var("UMZUG_BENCH_SOFFICE").is_ok() {
        let profile = tmp.path().join("profile");
        let out = tmp.path().join("soffice");
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&src)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        inputs.sort();
        let (d, peak, status) =
            common::measure(&mut common::soffice_convert(&profile, &out, &inputs, "odt"));
        let s = d.as_secs_f64();
        let made = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
        println!(
            "soffice --headless --convert-to odt: {s:.3} s, {:.1} files/s, peak RSS {:.1} MB ({made} written, {status})",
            files as f64 / s,
            peak as f64 / 1024.0
        );
        println!(
            "ratio: umzug convert is {:.0}x faster with 1 job, {:.0}x with 2",
            s / best[0],
            s / best[1]
        );
    }
}
