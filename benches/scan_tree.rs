//! Benchmark: `umzug scan` over a generated tree of 100,000 files, one in ten an Office document,
//! on a warm cache, compared with `find` over the same tree.
//!
//! Run: `cargo bench --bench scan_tree` (set UMZUG_BENCH_DIR to keep the tree between runs,
//! UMZUG_BENCH_FILES to change its size). Figures go to docs/benchmarks.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use umzug::scan::{ScanOptions, scan};

const RUNS: usize = 5;

fn samples() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    out.sort();
    out
}

/// 1,000 folders in two levels; every tenth file a sample document under an Office name.
fn generate(root: &Path, total: usize) {
    let marker = root.join(format!(".generated-{total}"));
    if marker.exists() {
        return;
    }
    let docs = samples();
    let exts = [
        "docx", "doc", "rtf", "docm", "xlsx", "xls", "xlsm", "pptx", "ppt",
    ];
    let plain_exts = [
        "txt", "jpg", "pdf", "csv", "log", "png", "html", "zip", "json",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..total {
        let dir = root.join(format!("d{:02}/e{:02}", i % 40, (i / 40) % 25));
        if i < 1000 {
            std::fs::create_dir_all(&dir).unwrap();
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        if i % 10 == 0 {
            let doc = &docs[(i / 10) % docs.len()];
            let ext = exts[(i / 10) % exts.len()];
            std::fs::write(dir.join(format!("doc{i}.{ext}")), doc).unwrap();
        } else {
            let len = 64 + (seed % 4000) as usize;
            let body: Vec<u8> = (0..len)
                .map(|k| b"abcdefgh ijklmnop\n"[(k + i) % 18])
                .collect();
            let ext = plain_exts[i % plain_exts.len()];
            std::fs::write(dir.join(format!("file{i}.{ext}")), body).unwrap();
        }
    }
    std::fs::write(marker, b"").unwrap();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time_scan(root: &Path, threads: usize, quick: bool) -> (Duration, u64) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let roots = [root.to_path_buf()];
    let options = ScanOptions {
        quick,
        ..ScanOptions::default()
    };
    let mut docs = 0;
    let times = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let r = pool.install(|| scan(&roots, &options));
            docs = r.summary.documents;
            t.elapsed()
        })
        .collect();
    (median(times), docs)
}

fn time_find(root: &Path) -> Duration {
    median(
        (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                let out = Command::new("find").arg(root).args(["-type", "f"]).output();
                assert!(out.unwrap().status.success());
                t.elapsed()
            })
            .collect(),
    )
}

// The same allocator as the umzug binary, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let total: usize = std::env::var("UMZUG_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let (_keep, root): (Option<tempfile::TempDir>, PathBuf) = match std::env::var("UMZUG_BENCH_DIR")
    {
        Ok(dir) => (None, PathBuf::from(dir)),
        Err(_) => {
            let t = tempfile::tempdir().unwrap();
            let p = t.path().to_path_buf();
            (Some(t), p)
        }
    };
    std::fs::create_dir_all(&root).unwrap();
    let t = Instant::now();
    generate(&root, total);
    eprintln!(
        "tree of {total} files ready in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Warm the cache once, then measure.
    let _ = time_scan(&root, 1, false);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let find = time_find(&root);
    println!("files: {total}, cores: {cores}, runs: {RUNS} (median)");
    println!(
        "find -type f:              {:>8.3} s  {:>9.0} files/s",
        find.as_secs_f64(),
        total as f64 / find.as_secs_f64()
    );
    for (threads, quick) in [(1, false), (cores, false), (cores, true)] {
        let (d, docs) = time_scan(&root, threads, quick);
        println!(
            "scan {:<6} {} thread(s): {:>8.3} s  {:>9.0} files/s  ({docs} documents, {:.1}x find's time)",
            if quick { "--quick" } else { "" },
            threads,
            d.as_secs_f64(),
            total as f64 / d.as_secs_f64(),
            d.as_secs_f64() / find.as_secs_f64()
        );
    }
}
