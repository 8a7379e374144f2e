//! `umzug convert`: mirrored paths, exit codes, no overwriting without --overwrite, no temporary
//! files left behind, and sources untouched.

mod common;

use std::path::Path;

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
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
        common::samples().join("tika__test.xls"),
        src.join("tabelle.xls"),
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
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["summary"]["converted"], 1);
    assert_eq!(report["summary"]["failed"], 1);
    let failed = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "failed")
        .unwrap();
    assert!(failed["error"].as_str().unwrap().contains("password"));
    // Only the Word document is written, at its mirrored place; nothing temporary is left.
    assert_eq!(files_under(&out), ["Abteilung/Berichte/Bericht 2024.odt"]);
    let target = out.join("Abteilung/Berichte/Bericht 2024.odt");
    let written = std::fs::metadata(&target).unwrap().modified().unwrap();

    // Again: the existing output is kept and reported as skipped.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let run = common::umzug(&args);
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["summary"]["skipped"], 1);
    assert_eq!(
        std::fs::metadata(&target).unwrap().modified().unwrap(),
        written
    );

    // With --overwrite it is replaced.
    let mut with = args.to_vec();
    with.push("--overwrite");
    let run = common::umzug(&with);
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["summary"]["converted"], 1);
    assert_ne!(
        std::fs::metadata(&target).unwrap().modified().unwrap(),
        written
    );
    assert_eq!(files_under(&out), ["Abteilung/Berichte/Bericht 2024.odt"]);

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
    assert_eq!(files_under(&out).len(), 3);
    assert!(String::from_utf8_lossy(&run.stdout).contains("3 converted, 0 skipped, 0 failed"));
}
