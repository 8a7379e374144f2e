//! `umzug scan` over the shared corpus agrees with the corpus' FEATURES.tsv: formats by folder (the
//! misnamed files by content), every encrypted and every macro file flagged, broken files as errors.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

struct Row {
    file: String,
    tags: Vec<String>,
    features: Vec<String>,
}

fn features(corpus: &std::path::Path) -> Vec<Row> {
    let text = std::fs::read_to_string(corpus.join("FEATURES.tsv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (file, tags, feats) = (col("file"), col("tags"), col("detected_features"));
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let field = |i: usize| c.get(i).copied().unwrap_or("");
            Row {
                file: field(file).to_string(),
                tags: field(tags)
                    .split(',')
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect(),
                features: field(feats)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            }
        })
        .collect()
}

fn has_tag(row: &Row, prefix: &str) -> bool {
    row.tags
        .iter()
        .any(|t| t == prefix || t.starts_with(&format!("{prefix}:")))
}

#[test]
fn scan_of_the_corpus_matches_features_tsv() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let report = common::scan_json(&[corpus.to_str().unwrap()], 0);
    let prefix = format!("{}/", corpus.to_str().unwrap());
    let files: BTreeMap<String, &Value> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap();
            (p.strip_prefix(&prefix).unwrap_or(p).to_string(), f)
        })
        .collect();
    let rows = features(&corpus);
    assert_eq!(rows.len(), 361, "the corpus README promises 361 documents");
    assert_eq!(
        files.len(),
        rows.len(),
        "every corpus document is listed, nothing else"
    );

    // Named exceptions, each checked below rather than skipped.
    // - keyframes.pptx declares the macro-enabled main content type and carries vbaProject.bin:
    //   by content it is a pptm, and PowerPoint itself rejects it under a .pptx name.
    // - The owner file saved as .xlsx is, by content, a lock file (reported as an error).
    let content_decides: BTreeMap<&str, &str> = [
        ("pptx/poi__keyframes.pptx", "pptm"),
        ("xlsx/closedxml____LoadPivotTables.xlsx", "lockfile"),
        ("doc/poi__TestRobert_Flaherty.doc", "xls"),
        (
            "doc/tika__testWORDML_tableInsideParagraph.doc",
            "wordml2003",
        ),
    ]
    .into();
    let mut problems = Vec::new();
    let mut broken_not_seen = BTreeSet::new();
    for row in &rows {
        let f = files[&row.file];
        let folder = row.file.split('/').next().unwrap();
        let expected = content_decides
            .get(row.file.as_str())
            .copied()
            .unwrap_or(folder);
        if f["format"] != expected {
            problems.push(format!(
                "{}: format {} (expected {expected})",
                row.file, f["format"]
            ));
        }
        if has_tag(row, "misnamed") && !content_decides.contains_key(row.file.as_str()) {
            problems.push(format!(
                "{}: misnamed but not in the content table",
                row.file
            ));
        }
        let encrypted = row.tags.iter().any(|t| t.starts_with("encrypted"));
        if f["encrypted"] != encrypted {
            problems.push(format!(
                "{}: encrypted {} (expected {encrypted})",
                row.file, f["encrypted"]
            ));
        }
        // Encrypted with Office's default password only: it converts like any other file.
        let default_password = row
            .tags
            .iter()
            .any(|t| t.contains("password=VelvetSweatshop"));
        let expected_action = if default_password {
            "convert"
        } else {
            "needs-password"
        };
        if encrypted && f["action"] != expected_action {
            problems.push(format!(
                "{}: encrypted but action {} (expected {expected_action})",
                row.file, f["action"]
            ));
        }
        let codes: Vec<&str> = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x["code"].as_str())
            .collect();
        if default_password
            && (!codes.contains(&"detect.default-password") || codes.contains(&"detect.encrypted"))
        {
            problems.push(format!("{}: findings {codes:?}", row.file));
        }
        let macro_tag = has_tag(row, "macro");
        let vba = row.features.iter().any(|x| x == "VBA");
        if (macro_tag || vba) != f["macros"] {
            problems.push(format!(
                "{}: macros {} (tag {macro_tag}, VBA {vba})",
                row.file, f["macros"]
            ));
        }
        let broken = has_tag(row, "broken");
        let error = f["action"] == "error";
        // A package whose only damage is a part's checksum converts, with a finding.
        let damage_found = codes.contains(&"detect.checksum-mismatch");
        if broken && !error && !damage_found {
            broken_not_seen.insert(row.file.clone());
        }
        if error && !broken {
            problems.push(format!("{}: unexpected error {}", row.file, f["error"]));
        }
        if error && f["error"].as_str().is_none_or(str::is_empty) {
            problems.push(format!("{}: an error entry without a message", row.file));
        }
        if has_tag(row, "template") && f["template"] != true {
            problems.push(format!("{}: template not flagged", row.file));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Fuzzed.doc is a fuzzed copy whose damage lies in picture data deep in the Data stream; its
    // FIB, piece table and streams are intact, so only a conversion can find it. Any other broken
    // file must be reported by the scan.
    assert_eq!(
        broken_not_seen,
        BTreeSet::from(["doc/poi__Fuzzed.doc".to_string()]),
        "broken files the scan did not report"
    );

    let summary = &report["summary"];
    assert_eq!(summary["documents"], 361);
    assert_eq!(summary["encrypted"], 14);
    assert_eq!(report["errors"].as_array().unwrap().len(), 0);
    assert_eq!(report["version"], 1);
}

#[test]
fn human_output_summarises_by_format() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let out = common::umzug(&["scan", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("361 documents"), "{text}");
    let docx = text
        .lines()
        .find(|l| l.starts_with("docx "))
        .expect("a docx row");
    assert!(docx.split_whitespace().nth(1) == Some("119"), "{docx}");
    assert!(text.contains("Needs attention"));
    assert!(text.contains("poi__truncated62886.docx"));
}
