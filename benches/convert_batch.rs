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
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// Peak resident set of a running process in kB, from /proc (0 once it has exited).
fn vm_hwm(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The process and all its descendants (soffice is a wrapper script that starts oosplash, which
/// starts soffice.bin), from the parent ids in /proc/PID/stat.
fn family(root: u32) -> Vec<u32> {
    let mut parent = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // The command name in parentheses may contain spaces; the fields after it do not.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            parent.push((pid, ppid));
        }
    }
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let p = out[i];
        out.extend(parent.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    out
}

/// Runs a command to its end; returns the wall time and the peak resident set in kB (the sum
/// of the peaks of the process and its descendants).
fn measure(cmd: &mut Command) -> (Duration, u64, std::process::ExitStatus) {
    let t = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut peak = 0;
    loop {
        peak = peak.max(family(child.id()).into_iter().map(vm_hwm).sum());
        if let Some(status) = child.try_wait().unwrap() {
            return (t.elapsed(), peak, status);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
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
            let (d, peak, status) = measure(
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
        let (d, peak, status) = measure(&mut common::soffice_to_odt(&profile, &out, &inputs));
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
