//! Helpers shared by the integration tests: locating the shared corpus and running the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared/corpus` beside the checkout. Under `CI=true` a missing corpus fails the test;
/// on a user's machine the test is skipped with a printed reason.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("FEATURES.tsv").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "the corpus is missing at {} (required under CI=true)",
            dir.display()
        );
    }
    eprintln!(
        "SKIPPED: the corpus is not at {}; these tests need ../shared/corpus",
        dir.display()
    );
    None
}

pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

pub fn umzug(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_umzug"))
        .args(args)
        .output()
        .expect("run umzug")
}

/// Runs `umzug convert SRC --out OUT --json`.
pub fn convert_json(src: &Path, out: &Path) -> Output {
    umzug(&[
        "convert",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--json",
    ])
}

/// Every regular file below `dir`, sorted.
pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// SHA-256 of every file below `dir`, by path.
pub fn tree_hashes(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    use sha2::{Digest, Sha256};
    all_files(dir)
        .into_iter()
        .map(|p| {
            let h = Sha256::digest(std::fs::read(&p).unwrap()).to_vec();
            (p, h)
        })
        .collect()
}

/// The `umzug-report.json` a convert run wrote into `out`.
pub fn read_report(out: &Path) -> serde_json::Value {
    let text = std::fs::read(out.join("umzug-report.json")).expect("the run wrote its report");
    serde_json::from_slice(&text).expect("the report is JSON")
}

/// Runs `umzug scan ARGS --json`, checks the exit code and parses the document.
pub fn scan_json(args: &[&str], expected_exit: i32) -> serde_json::Value {
    let mut all = vec!["scan", "--json"];
    all.extend_from_slice(args);
    let out = umzug(&all);
    assert_eq!(
        out.status.code(),
        Some(expected_exit),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("scan --json prints one JSON document")
}

/// Copies a directory tree (regular files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `umzug ARGS` as the unprivileged user 65534 (nobody), for tests of permission errors
/// when the tests run as root (as CI does). The binary is copied into `dir` first, which must be
/// world-readable: the checkout itself may sit where nobody cannot reach it.
pub fn umzug_unprivileged(dir: &Path, args: &[&str]) -> std::io::Result<Output> {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("umzug-unprivileged");
    std::fs::copy(env!("CARGO_BIN_EXE_umzug"), &bin)?;
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755))?;
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .args(args)
        .output()
}
