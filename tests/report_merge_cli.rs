//! `umzug report merge` on reports written by the report writers: the merged JSON, CSV and HTML,
//! the dedupe of a run given twice, the language, and exit codes 0, 1 (an unreadable or invalid
//! input, nothing written) and 2 (usage).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use umzug::reports::{
    FileReport, FileVerdict, FindingRecord, Lang, Report, RunInfo, Status, read_json, write_all,
};
use umzug_converters::Verdict;

fn run(id: &str, host: &str, shard: &str, started: &str) -> RunInfo {
    RunInfo {
        id: id.into(),
        host: host.into(),
        tool: "umzug 0.1.0".into(),
        started: started.into(),
        duration_ms: 90_000,
        roots: vec!["/srv/share".into()],
        out: Some("/srv/odf".into()),
        jobs: 2,
        shard: Some(shard.into()),
        cancelled: false,
    }
}

fn file(run: &str, source: &str, verdict: FileVerdict) -> FileReport {
    let findings = if verdict == FileVerdict::Red {
        vec![FindingRecord {
            code: "detect.vba-macros".into(),
            severity: "warning".into(),
            category: "macros".into(),
            verdict: Verdict::Red,
            message: "contains VBA macros".into(),
            message_de: "enthält VBA-Makros".into(),
            location: Some("word/vbaProject.bin".into()),
            count: 1,
        }]
    } else {
        vec![]
    };
    FileReport {
        run: run.into(),
        source: source.into(),
        target: Some(format!("/srv/odf/{source}.odt")),
        format: "docx".into(),
        bytes: 1000,
        status: if verdict == FileVerdict::Failed {
            Status::Failed
        } else {
            Status::Converted
        },
        verdict,
        error_code: None,
        error: None,
        findings,
        millis: 10,
    }
}

/// Two shards' reports, written by `write_all` into `dir/a` and `dir/b`.
fn two_reports(dir: &Path) -> Result<(PathBuf, PathBuf), Box<dyn std::error::Error>> {
    let a = Report::new(
        vec![run("pc01-1", "pc01", "1/2", "2026-11-27T08:00:00Z")],
        vec![
            file(
                "pc01-1",
                "/srv/share/Bürgeramt_Übersicht.docx",
                FileVerdict::Red,
            ),
            file("pc01-1", "/srv/share/a.docx", FileVerdict::Green),
        ],
        "2026-11-27T09:00:00Z".into(),
    );
    let b = Report::new(
        vec![run("pc02-1", "pc02", "2/2", "2026-11-27T07:00:00Z")],
        vec![
            file("pc02-1", "/srv/share/b.docx", FileVerdict::Green),
            file("pc02-1", "/srv/share/c.docx", FileVerdict::Failed),
            file("pc02-1", "/srv/share/d.docx", FileVerdict::Red),
        ],
        "2026-11-27T09:30:00Z".into(),
    );
    let (da, db) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&da)?;
    std::fs::create_dir_all(&db)?;
    Ok((
        write_all(&a, &da, Lang::En)?.json,
        write_all(&b, &db, Lang::En)?.json,
    ))
}

fn merge(args: &[&Path], out: &Path, extra: &[&str], lang_env: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_umzug"));
    cmd.args(["report", "merge"])
        .args(args)
        .arg("--out")
        .arg(out);
    cmd.args(extra);
    // The test's own locale must not pick the language.
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES");
    match lang_env {
        Some(l) => cmd.env("LANG", l),
        None => cmd.env("LANG", "C.UTF-8"),
    };
    cmd.output().expect("run umzug")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn merges_two_shards_into_three_files() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let (a, b) = two_reports(tmp.path())?;
    let out_dir = tmp.path().join("merged/new");
    // Report a given twice: its run and files count once.
    let out = merge(&[&a, &b, &a], &out_dir, &[], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("2 run(s), 5 file(s): 2 green, 0 yellow, 2 red, 1 failed, 0 skipped"),
        "{stdout}"
    );

    let merged = read_json(&out_dir.join("umzug-report.json"))?;
    let ids: Vec<&str> = merged.runs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["pc02-1", "pc01-1"], "in the order they started");
    assert_eq!(merged.files.len(), 5);
    assert_eq!(merged.summary.files, 5);
    assert_eq!(merged.summary.bytes, 5000);
    assert_eq!(merged.summary.by_verdict.get("red"), Some(&2));
    assert_eq!(merged.summary.by_code.get("detect.vba-macros"), Some(&2));
    assert_ne!(merged.generated, "2026-11-27T09:30:00Z", "a new timestamp");

    let csv = std::fs::read(out_dir.join("umzug-report.csv"))?;
    assert!(csv.starts_with(b"\xEF\xBB\xBFsource,target,"));
    let csv = String::from_utf8(csv)?;
    // Header + one row per file (each has at most one finding).
    assert_eq!(csv.matches("\r\n").count(), 6, "{csv}");
    assert!(csv.contains("/srv/share/Bürgeramt_Übersicht.docx,"));

    let html = std::fs::read_to_string(out_dir.join("umzug-report.html"))?;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains(">pc01<") && html.contains(">pc02<"));
    assert_eq!(html.matches("<tbody data-verdict=").count(), 5);
    Ok(())
}

#[test]
fn language_from_option_and_locale() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let (a, b) = two_reports(tmp.path())?;
    let html = |dir: &Path| std::fs::read_to_string(dir.join("umzug-report.html"));

    let out_dir = tmp.path().join("de");
    let out = merge(&[&a, &b], &out_dir, &["--lang", "de"], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(html(&out_dir)?.contains("<html lang=\"de\">"));
    assert!(html(&out_dir)?.contains("enthält VBA-Makros"));

    let out_dir = tmp.path().join("locale");
    let out = merge(&[&a], &out_dir, &[], Some("de_DE.UTF-8"));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(html(&out_dir)?.contains("<html lang=\"de\">"));

    let out_dir = tmp.path().join("option-wins");
    let out = merge(&[&a], &out_dir, &["--lang", "en"], Some("de_DE.UTF-8"));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert!(html(&out_dir)?.contains("<html lang=\"en\">"));
    Ok(())
}

#[test]
fn unreadable_or_invalid_inputs_exit_1_and_write_nothing() -> Result<(), Box<dyn std::error::Error>>
{
    let tmp = tempfile::tempdir()?;
    let (a, _) = two_reports(tmp.path())?;
    let not_json = tmp.path().join("not.json");
    std::fs::write(&not_json, "{ this is not json")?;
    let scan_json = tmp.path().join("scan.json");
    std::fs::write(&scan_json, r#"{"version": 1, "roots": [], "files": []}"#)?;
    let newer = tmp.path().join("newer.json");
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(&a)?)?;
    value["version"] = 99.into();
    std::fs::write(&newer, serde_json::to_vec(&value)?)?;
    let missing = tmp.path().join("missing.json");

    for (bad, expected) in [
        (&missing, "cannot read"),
        (&not_json, "not valid JSON"),
        (&scan_json, "not an Umzug report"),
        (&newer, "newer than this Umzug reads"),
    ] {
        let out_dir = tmp.path().join("out");
        let out = merge(&[&a, bad], &out_dir, &[], None);
        assert_eq!(out.status.code(), Some(1), "{}", bad.display());
        let err = stderr(&out);
        assert!(
            err.contains(expected) && err.contains(&*bad.to_string_lossy()),
            "{err}"
        );
        assert!(!out_dir.exists(), "nothing is written when an input is bad");
    }

    // An output folder that cannot be made (a file is in the way).
    let blocked = tmp.path().join("blocked");
    std::fs::write(&blocked, "")?;
    let out = merge(&[&a], &blocked.join("out"), &[], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot create"), "{}", stderr(&out));
    Ok(())
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    for args in [
        vec!["report"],
        vec!["report", "merge", "--out", "x"],
        vec!["report", "merge", "a.json"],
        vec!["report", "merge", "a.json", "--out", "x", "--lang", "fr"],
        vec!["report", "merge", "a.json", "--out", "x", "--bogus"],
        vec!["report", "frobnicate"],
    ] {
        let out = common::umzug(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    let out = common::umzug(&["report", "merge", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--out",
        "--lang",
        "umzug-report.json",
        "Exit codes",
        "Example",
    ] {
        assert!(help.contains(needle), "{needle} missing from:\n{help}");
    }
    let out = common::umzug(&["--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("report"));
}
