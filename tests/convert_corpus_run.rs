//! A run over a copy of the whole corpus: every document the scan finds is in the report exactly
//! once, converted or with its reason; the reports are written; the copy is byte-identical.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The `mimetype` entry of an ODF package (ODF 1.3 Part 2 §3.3: first, stored).
fn mimetype(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut s = String::new();
    zip.by_name("mimetype")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn a_run_over_the_corpus_records_every_document_and_changes_no_source() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("corpus");
    common::copy_tree(&corpus, &copy);
    let before = common::tree_hashes(&copy);

    let scan = common::scan_json(&[copy.to_str().unwrap()], 0);
    let planned: BTreeMap<String, String> = scan["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !matches!(f["action"].as_str(), Some("already-open" | "skip")))
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(planned.len() >= 350, "{}", planned.len());

    let out = tmp.path().join("odf");
    let run = common::umzug(&[
        "convert",
        copy.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    // The corpus holds encrypted and damaged files and formats without a converter yet.
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: serde_json::Value = common::read_report(&out);
    let files = report["files"].as_array().unwrap();
    let mut seen = BTreeMap::new();
    for f in files {
        let source = f["source"].as_str().unwrap().to_string();
        assert!(
            seen.insert(source.clone(), f).is_none(),
            "{source} listed twice"
        );
        let action = planned
            .get(&source)
            .unwrap_or_else(|| panic!("{source} is not a planned document"));
        match f["status"].as_str().unwrap() {
            "converted" => {
                assert_eq!(action, "convert", "{source}");
                let target = Path::new(f["target"].as_str().unwrap());
                assert!(target.starts_with(&out), "{source}");
                // Text documents become ODF text, spreadsheets ODF spreadsheets.
                let m = mimetype(target);
                assert!(
                    m.starts_with("application/vnd.oasis.opendocument.text")
                        || m.starts_with("application/vnd.oasis.opendocument.spreadsheet"),
                    "{source}: {m}"
                );
                assert_ne!(f["verdict"], "failed");
            }
            status => {
                assert!(
                    matches!(status, "failed" | "unsupported"),
                    "{source}: {status}"
                );
                assert_eq!(f["verdict"], "failed", "{source}");
                assert!(f["error_code"].is_string(), "{source}");
                assert!(!f["error"].as_str().unwrap().is_empty(), "{source}");
            }
        }
    }
    assert_eq!(
        seen.len(),
        planned.len(),
        "every planned document is reported"
    );
    let converted = files.iter().filter(|f| f["status"] == "converted").count();
    assert!(converted >= 120, "{converted}");
    assert_eq!(report["summary"]["files"], planned.len());

    // The three reports, each listing every file.
    let csv = std::fs::read_to_string(out.join("umzug-report.csv")).unwrap();
    let html = std::fs::read_to_string(out.join("umzug-report.html")).unwrap();
    for source in seen.keys() {
        assert!(
            csv.contains(source.as_str()),
            "{source} missing from the CSV"
        );
        let name = Path::new(source).file_name().unwrap().to_string_lossy();
        // File names here are plain ASCII without markup characters, so they appear verbatim.
        assert!(
            html.contains(name.as_ref()),
            "{source} missing from the HTML"
        );
    }

    assert_eq!(
        before,
        common::tree_hashes(&copy),
        "the sources are byte-identical and nothing was added"
    );
}
