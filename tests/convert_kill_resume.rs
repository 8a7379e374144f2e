//! `kill -9` in the middle of a run over a few hundred files, then `--resume`: every file is
//! converted exactly once, no temporary file is left, and every source is byte-identical.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn journal_lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        // The killed run may have torn its last line; the engine skips it, so do we.
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// A share of `n` Word files (copies of the samples) in ten folders.
fn share(root: &Path, n: usize) -> PathBuf {
    let src = root.join("Freigabe");
    let docs = [
        "poi__bug57031.docx",
        "tika__testWORD_embedded_pics.docx",
        "poi__SimpleMacro.docm",
    ];
    for i in 0..n {
        let dir = src.join(format!("Amt {}", i % 10));
        std::fs::create_dir_all(&dir).unwrap();
        let name = docs[i % docs.len()];
        let ext = Path::new(name).extension().unwrap().to_str().unwrap();
        std::fs::copy(
            common::samples().join(name),
            dir.join(format!("Vorgang {i}.{ext}")),
        )
        .unwrap();
    }
    src
}

/// Waits until the journal has `n` done lines (the run must still be going).
fn wait_for_done(journal: &Path, n: usize, child: &mut std::process::Child) {
    let started = Instant::now();
    loop {
        let done = journal_lines(journal)
            .iter()
            .filter(|l| l["event"] == "done")
            .count();
        if done >= n {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the run made no progress"
        );
        assert!(child.try_wait().unwrap().is_none(), "the run ended early");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_killed_run_resumes_and_converts_every_file_exactly_once() {
    const FILES: usize = 300;
    let tmp = tempfile::tempdir().unwrap();
    let src = share(tmp.path(), FILES);
    let before = common::tree_hashes(&src);
    let out = tmp.path().join("odf");
    let journal = out.join("umzug-journal.jsonl");
    let args = |resume: bool| {
        let mut a = vec![
            "convert".to_string(),
            src.to_string_lossy().into_owned(),
            "--out".into(),
            out.to_string_lossy().into_owned(),
            "--jobs".into(),
            "2".into(),
            "--json".into(),
        ];
        if resume {
            a.push("--resume".into());
        }
        a
    };

    // First run: killed with SIGKILL once a few dozen files are done.
    let mut child = Command::new(env!("CARGO_BIN_EXE_umzug"))
        .args(args(false))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_done(&journal, 40, &mut child);
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let first_done: Vec<String> = journal_lines(&journal)
        .iter()
        .filter(|l| l["event"] == "done")
        .map(|l| l["source"].as_str().unwrap().to_string())
        .collect();
    assert!(
        first_done.len() < FILES,
        "the run finished before it was killed; the test needs a slower run"
    );
    assert!(
        !out.join("umzug-report.json").exists(),
        "a killed run writes no report"
    );

    // Resume.
    let run = Command::new(env!("CARGO_BIN_EXE_umzug"))
        .args(args(true))
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: serde_json::Value = common::read_report(&out);
    assert_eq!(report["summary"]["files"], FILES);
    assert_eq!(
        report["summary"]["by_status"]["resumed"],
        first_done.len(),
        "the files finished before the kill are not converted again"
    );
    assert_eq!(
        report["summary"]["by_status"]["converted"],
        FILES - first_done.len()
    );

    // Exactly once: one `done` line per source over both runs, each a conversion.
    let mut converted: HashMap<String, usize> = HashMap::new();
    for l in journal_lines(&journal)
        .iter()
        .filter(|l| l["event"] == "done")
    {
        assert_eq!(l["file"]["status"], "converted");
        *converted
            .entry(l["source"].as_str().unwrap().into())
            .or_default() += 1;
    }
    assert_eq!(converted.len(), FILES);
    assert!(
        converted.values().all(|&n| n == 1),
        "a file converted twice"
    );

    // Every output is there; nothing temporary is left.
    let outputs = common::all_files(&out);
    let leftovers: Vec<_> = outputs
        .iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".umzug-")
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    let odf = outputs
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "odt"))
        .count();
    assert_eq!(odf, FILES);

    // The sources are byte-identical, and nothing was added beside them.
    assert_eq!(common::tree_hashes(&src), before);
}

#[test]
fn ctrl_c_stops_cleanly_with_a_report_and_resume_completes() {
    const FILES: usize = 150;
    let tmp = tempfile::tempdir().unwrap();
    let src = share(tmp.path(), FILES);
    let out = tmp.path().join("odf");
    let journal = out.join("umzug-journal.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_umzug"))
        .args(["convert", "--jobs", "2", "--out"])
        .arg(&out)
        .arg(&src)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_done(&journal, 20, &mut child);
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "Ctrl-C exits 130");
    let report: serde_json::Value = common::read_report(&out);
    assert_eq!(report["runs"][0]["cancelled"], true);
    let listed = report["files"].as_array().unwrap().len();
    assert!((20..FILES).contains(&listed), "{listed}");
    // Every journal line is whole: the run stopped between files, not inside one.
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.ends_with('\n'));
    assert!(
        text.lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
    );

    let run = common::umzug(&[
        "convert",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--resume",
    ]);
    assert_eq!(run.status.code(), Some(0));
    let report: serde_json::Value = common::read_report(&out);
    assert_eq!(report["summary"]["files"], FILES);
    assert_eq!(report["summary"]["by_status"]["resumed"], listed);
}
