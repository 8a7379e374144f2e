//! `umzug convert`: mirrored paths, exit codes, no overwriting without --overwrite, no temporary
//! files left behind, and sources untouched.

mod common;

use std::path::Path;

fn files_under(dir: &Path) -> Vec<String> {
    common::all_files(dir)
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The documents under `dir`, without the journal and the reports.
fn documents_under(dir: &Path) -> Vec<String> {
    files_under(dir)
        .into_iter()
        .filter(|f| !f.starts_with("umzug-"))
        .collect()
}

/// The `--json` event lines: every file-done event's file, and the finished summary.
fn events(stdout: &[u8]) -> (Vec<serde_json::Value>, serde_json::Value) {
    let mut files = Vec::new();
    let mut summary = serde_json::Value::Null;
    for line in String::from_utf8_lossy(stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON event per line");
        match v["event"].as_str() {
            Some("file-done") => files.push(v["file"].clone()),
            Some("finished") => summary = v["summary"].clone(),
            _ => {}
        }
    }
    (files, summary)
}

#[test]
fn converts_mirrors_paths_and_never_overwrites_unasked() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    std::fs::create_dir_all(src.join("Abteilung/Berichte")).unwrap();
    let sample = common::samples().join("poi__bug57031.docx");
    std::fs::copy(&sample, src.join("Abteilung/Berichte/Bericht 2024.docx")).unwrap();
    std::fs::copy(
        common::samples().join("tika__testWORD_protected_passtika.docx"),
        src.join("geheim.docx"),
    )
    .unwrap();
    std::fs::copy(
        common::samples().join("poi__WithComments.ppt"),
        src.join("folien.ppt"),
    )
    .unwrap();
    let before = std::fs::read(src.join("Abteilung/Berichte/Bericht 2024.docx")).unwrap();
    let out = tmp.path().join("out");
    let args = [
        "convert",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--json",
    ];

    let run = common::umzug(&args);
    assert_eq!(run.status.code(), Some(1), "the encrypted file fails");
    let (files, summary) = events(&run.stdout);
    assert_eq!(files.len(), 3);
    assert_eq!(summary["by_status"]["converted"], 1);
    assert_eq!(summary["by_status"]["failed"], 1);
    assert_eq!(summary["by_status"]["unsupported"], 1);
    let failed = files.iter().find(|f| f["status"] == "failed").unwrap();
    assert_eq!(failed["error_code"], "encrypted");
    assert!(failed["error"].as_str().unwrap().contains("password"));
    // PowerPoint binaries have no converter yet (xls, the earlier example here, now converts).
    let ppt = files.iter().find(|f| f["status"] == "unsupported").unwrap();
    assert_eq!(ppt["format"], "ppt");
    assert_eq!(ppt["verdict"], "failed");
    // Only the Word document is written, at its mirrored place, next to the journal and the
    // report; nothing temporary is left.
    assert_eq!(
        files_under(&out),
        [
            "Abteilung/Berichte/Bericht 2024.odt",
            "umzug-journal.jsonl",
            "umzug-report.csv",
            "umzug-report.html",
            "umzug-report.json"
        ]
    );
    let target = out.join("Abteilung/Berichte/Bericht 2024.odt");
    // The output carries the source's modification time.
    let source_time = std::fs::metadata(src.join("Abteilung/Berichte/Bericht 2024.docx"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(
        std::fs::metadata(&target).unwrap().modified().unwrap(),
        source_time
    );
    // Renaming a new file into place gives a new inode: that tells a replaced target.
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(&target).unwrap().ino();

    // Again: the existing output is kept and reported as skipped.
    let run = common::umzug(&args);
    let (_, summary) = events(&run.stdout);
    assert_eq!(summary["by_status"]["skipped"], 1);
    assert_eq!(std::fs::metadata(&target).unwrap().ino(), inode);

    // With --overwrite it is replaced.
    let mut with = args.to_vec();
    with.push("--overwrite");
    let run = common::umzug(&with);
    let (_, summary) = events(&run.stdout);
    assert_eq!(summary["by_status"]["converted"], 1);
    assert_ne!(std::fs::metadata(&target).unwrap().ino(), inode);
    assert_eq!(
        documents_under(&out),
        ["Abteilung/Berichte/Bericht 2024.odt"]
    );

    // The source is byte-identical.
    assert_eq!(
        std::fs::read(src.join("Abteilung/Berichte/Bericht 2024.docx")).unwrap(),
        before
    );
}

#[test]
fn every_word_sample_converts_and_a_clean_run_exits_0() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    std::fs::create_dir(&src).unwrap();
    for name in [
        "poi__bug57031.docx",
        "tika__testWORD_embedded_pics.docx",
        "poi__SimpleMacro.docm",
    ] {
        std::fs::copy(common::samples().join(name), src.join(name)).unwrap();
    }
    let out = tmp.path().join("out");
    let run = common::umzug(&[
        "convert",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    assert_eq!(documents_under(&out).len(), 3);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("3 files: 0 green, 2 yellow, 1 red, 0 failed"),
        "{stdout}"
    );
}

#[test]
fn beside_writes_next_to_each_source_and_the_reports_where_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("Profil");
    std::fs::create_dir_all(src.join("Briefe")).unwrap();
    std::fs::copy(
        common::samples().join("poi__bug57031.docx"),
        src.join("Briefe/Antwort.docx"),
    )
    .unwrap();
    std::fs::copy(
        common::samples().join("poi__SimpleMacro.docm"),
        src.join("Makro.docm"),
    )
    .unwrap();
    let reports = tmp.path().join("berichte");
    let run = common::umzug(&[
        "convert",
        src.to_str().unwrap(),
        "--beside",
        "--report",
        reports.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        files_under(&src),
        [
            "Briefe/Antwort.docx",
            "Briefe/Antwort.odt",
            "Makro.docm",
            "Makro.odt"
        ]
    );
    assert!(reports.join("umzug-journal.jsonl").is_file());
    let report: serde_json::Value = common::read_report(&reports);
    assert_eq!(report["runs"][0]["out"], serde_json::Value::Null);
    let macro_file = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["source"].as_str().unwrap().ends_with("Makro.docm"))
        .unwrap();
    assert_eq!(macro_file["verdict"], "red", "macros need review");
    assert!(
        macro_file["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "detect.vba-macros" && f["message_de"].is_string())
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["convert", "x"],
        vec!["convert", "x", "--out", "o", "--beside"],
        vec!["convert", "x", "--out", "o", "--shard", "0/4"],
        // A path that does not exist.
        vec!["convert", "/nonexistent/umzug-test", "--out", "o"],
    ] {
        assert_eq!(common::umzug(&args).status.code(), Some(2), "{args:?}");
    }
}
