//! `umzug scan` on small trees made by the test: exit codes, JSON shape, and the paths that cannot
//! be read (symlink loops, non-UTF-8 names, FIFOs, missing roots, unreadable files).

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use serde_json::Value;

fn sample(name: &str) -> std::path::PathBuf {
    common::samples().join(name)
}

fn entry<'a>(report: &'a Value, suffix: &str) -> &'a Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no entry for {suffix}: {report:#}"))
}

#[test]
fn help_and_usage_errors() {
    let out = common::umzug(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("scan"));
    let out = common::umzug(&["scan", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("--json"));
    assert_eq!(common::umzug(&["scan"]).status.code(), Some(2));
    assert_eq!(
        common::umzug(&["scan", "--bogus", "."]).status.code(),
        Some(2)
    );
    assert_eq!(common::umzug(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn json_document_has_the_documented_shape() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(sample("poi__SimpleMacro.docm"), tmp.path().join("a.docm")).unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "plain text").unwrap();
    let r = common::scan_json(&[tmp.path().to_str().unwrap()], 0);
    assert_eq!(r["version"], 1);
    assert_eq!(r["roots"][0], tmp.path().to_str().unwrap());
    let f = entry(&r, "a.docm");
    for key in [
        "path",
        "format",
        "bytes",
        "modified",
        "encrypted",
        "macros",
        "template",
        "action",
        "findings",
    ] {
        assert!(f.get(key).is_some(), "missing {key}");
    }
    assert_eq!(f["format"], "docm");
    assert_eq!(f["macros"], true);
    assert_eq!(f["action"], "convert");
    assert!(f["modified"].as_str().unwrap().ends_with('Z'));
    assert_eq!(f["findings"][0]["code"], "detect.vba-macros");
    assert_eq!(r["summary"]["documents"], 1);
    assert_eq!(r["summary"]["other_files"], 1);
    assert_eq!(r["summary"]["by_format"]["docm"]["macros"], 1);
}

#[test]
fn content_wins_over_a_wrong_extension() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(sample("poi__56644.xlsx"), tmp.path().join("budget.doc")).unwrap();
    std::fs::copy(sample("tika__test.xls"), tmp.path().join("renamed.txt")).unwrap();
    std::fs::write(tmp.path().join("fake.docx"), "not a zip at all").unwrap();
    std::fs::write(tmp.path().join("empty.xlsx"), "").unwrap();
    let r = common::scan_json(&[tmp.path().to_str().unwrap()], 0);
    let f = entry(&r, "budget.doc");
    assert_eq!(f["format"], "xlsx");
    assert_eq!(f["findings"][0]["code"], "detect.extension-mismatch");
    assert_eq!(entry(&r, "renamed.txt")["format"], "xls");
    let fake = entry(&r, "fake.docx");
    assert_eq!(
        (fake["format"].as_str(), fake["action"].as_str()),
        (Some("docx"), Some("error"))
    );
    assert!(
        entry(&r, "empty.xlsx")["error"]
            .as_str()
            .unwrap()
            .contains("empty")
    );
}

#[test]
fn hidden_and_system_folders_are_reported_not_silently_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in [".config", "$RECYCLE.BIN", "work"] {
        std::fs::create_dir(tmp.path().join(dir)).unwrap();
        std::fs::copy(
            sample("poi__footnote.doc"),
            tmp.path().join(dir).join("x.doc"),
        )
        .unwrap();
    }
    let root = tmp.path().to_str().unwrap();
    let r = common::scan_json(&[root], 0);
    assert_eq!(r["files"].as_array().unwrap().len(), 1);
    let skipped: Vec<(&str, &str)> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["path"].as_str().unwrap(), s["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped
            .iter()
            .any(|(p, r)| p.ends_with(".config") && *r == "hidden folder")
    );
    assert!(
        skipped
            .iter()
            .any(|(p, r)| p.ends_with("$RECYCLE.BIN") && *r == "system folder")
    );
    let r = common::scan_json(&["--include-hidden", root], 0);
    assert_eq!(r["files"].as_array().unwrap().len(), 3);
}

#[test]
fn unreadable_paths_become_error_entries_and_the_scan_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::copy(sample("poi__bug57031.docx"), root.join("good.docx")).unwrap();
    // A symbolic link loop.
    std::fs::create_dir(root.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", root.join("loop/up")).unwrap();
    // A dangling link.
    std::os::unix::fs::symlink("missing.docx", root.join("dangling.docx")).unwrap();
    // A name that is not UTF-8.
    let bad_name = root.join(OsStr::from_bytes(b"Bericht \xE4.docx"));
    std::fs::copy(sample("poi__bug57031.docx"), &bad_name).unwrap();
    // A FIFO named like a document: opening it would block forever.
    let fifo = root.join("pipe.docx");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );

    let r = common::scan_json(&[root.to_str().unwrap()], 0);
    let errors: Vec<(String, String)> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().into(),
                e["error"].as_str().unwrap().into(),
            )
        })
        .collect();
    let has = |suffix: &str, word: &str| {
        errors
            .iter()
            .any(|(p, e)| p.ends_with(suffix) && e.contains(word))
    };
    assert!(has("loop/up", "loop"), "{errors:?}");
    assert!(has("dangling.docx", "cannot read"), "{errors:?}");
    assert!(has("Bericht \u{FFFD}.docx", "UTF-8"), "{errors:?}");
    assert!(has("pipe.docx", "not a regular file"), "{errors:?}");
    assert_eq!(entry(&r, "good.docx")["format"], "docx");
    let bad = entry(&r, "Bericht \u{FFFD}.docx");
    assert_eq!(bad["format"], "docx");
    assert!(
        bad["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "scan.non-utf8-name")
    );
}

#[test]
fn files_and_folders_without_permission_are_error_entries() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = tmp.path().join("secret.docx");
    std::fs::copy(sample("poi__bug57031.docx"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let closed = tmp.path().join("closed");
    std::fs::create_dir(&closed).unwrap();
    std::fs::copy(sample("poi__footnote.doc"), closed.join("inside.doc")).unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::copy(sample("poi__footnote.doc"), tmp.path().join("open.doc")).unwrap();
    let root = tmp.path().to_str().unwrap();
    let out = if std::fs::File::open(&locked).is_err() {
        common::umzug(&["scan", "--json", root])
    } else {
        // Root reads any file: run the scan as an unprivileged user instead (CI runs as root).
        let out = common::umzug_unprivileged(tmp.path(), &["scan", "--json", root]);
        match out {
            Ok(out) if out.status.code() == Some(0) => out,
            other => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "under CI the unprivileged scan must run: {other:?}"
                );
                eprintln!("SKIPPED: cannot drop privileges to test EACCES: {other:?}");
                std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
                return;
            }
        }
    };
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = entry(&r, "secret.docx");
    assert_eq!(f["action"], "error");
    assert_eq!(f["format"], "docx");
    assert!(f["error"].as_str().unwrap().contains("cannot open"), "{f}");
    let folder = &r["errors"][0];
    assert!(
        folder["path"].as_str().unwrap().ends_with("closed"),
        "{r:#}"
    );
    assert!(
        folder["error"]
            .as_str()
            .unwrap()
            .contains("ermission denied"),
        "{folder}"
    );
    assert_eq!(entry(&r, "open.doc")["format"], "doc", "the scan goes on");
    // Let the temporary folder be removed also when the test runs as an ordinary user.
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn symlinks_to_system_file_systems_are_not_followed_and_files_count_once() {
    let tmp = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/proc", tmp.path().join("z:")).unwrap();
    std::fs::copy(sample("poi__footnote.doc"), tmp.path().join("a.doc")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("a.doc"), tmp.path().join("b.doc")).unwrap();
    let r = common::scan_json(&[tmp.path().to_str().unwrap()], 0);
    assert_eq!(r["files"].as_array().unwrap().len(), 1, "{r:#}");
    let reasons: Vec<&str> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("system file system")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("same file")),
        "{reasons:?}"
    );
}

#[test]
fn an_unreadable_root_exits_1() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let root = tmp.path().join("closed");
    std::fs::create_dir(&root).unwrap();
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = std::fs::read_dir(&root).is_ok();
    let out = if privileged {
        common::umzug_unprivileged(tmp.path(), &["scan", "--json", root.to_str().unwrap()]).unwrap()
    } else {
        common::umzug(&["scan", "--json", root.to_str().unwrap()])
    };
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_missing_root_is_reported_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope");
    let r = common::scan_json(
        &[
            missing.to_str().unwrap(),
            common::samples().to_str().unwrap(),
        ],
        1,
    );
    assert!(r["errors"][0]["path"].as_str().unwrap().ends_with("nope"));
    assert_eq!(
        r["summary"]["documents"], 12,
        "the other root is still scanned"
    );
}

#[test]
fn lock_files_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let mut owner = vec![3u8];
    owner.extend_from_slice(b"Jan");
    owner.resize(55, b' ');
    owner.extend_from_slice(&3u16.to_le_bytes());
    owner.extend_from_slice(&[b'J', 0, b'a', 0, b'n', 0]);
    owner.resize(162, 0);
    std::fs::write(tmp.path().join("~$Bericht.docx"), &owner).unwrap();
    let r = common::scan_json(&[tmp.path().to_str().unwrap()], 0);
    let f = entry(&r, "~$Bericht.docx");
    assert_eq!(
        (f["format"].as_str(), f["action"].as_str()),
        (Some("lockfile"), Some("skip"))
    );
}

#[test]
fn a_single_file_can_be_scanned_and_the_samples_scan_cleanly() {
    let r = common::scan_json(&[sample("tika__testPPT_various.pptx").to_str().unwrap()], 0);
    assert_eq!(r["files"][0]["format"], "pptx");
    let r = common::scan_json(&[common::samples().to_str().unwrap()], 0);
    assert_eq!(r["summary"]["documents"], 12);
    assert!(Path::new(r["files"][0]["path"].as_str().unwrap()).exists());
}
