//! Every Word file of the corpus (docx, docm, dotx, dotm) converts, or fails with a clear
//! per-file error only where the corpus says it is encrypted (with a password other than Office's
//! default one) or broken; every output is a conforming ODF 1.3 package, checked against the
//! OASIS schema with jing.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn jing_available() -> bool {
    let ok = Command::new("jing").arg("-h").output().is_ok();
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("jing is missing (required under CI=true; .ci/run installs it)");
        }
        eprintln!("SKIPPED: jing is not installed (apt-get install jing)");
    }
    ok
}

fn schema(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/schema/odf1.3")
        .join(name)
}

/// Checks package rules and collects the XML parts for one batch jing run.
fn unpack(
    pkg: &Path,
    into: &Path,
    parts: &mut Vec<PathBuf>,
    manifests: &mut Vec<PathBuf>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let file = std::fs::File::open(pkg).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    {
        let first = zip.by_index(0).unwrap();
        if first.name_raw() != b"mimetype" || first.compression() != zip::CompressionMethod::Stored
        {
            problems.push("mimetype is not the first, stored entry".to_string());
        }
    }
    let names: Vec<String> = zip
        .file_names_raw()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    let mut manifest = String::new();
    for name in &names {
        if name == "mimetype" {
            continue;
        }
        // The package's own parts, and those of embedded objects (charts: "Object 1/...").
        let base = name.rsplit('/').next().unwrap_or(name);
        let is_xml = matches!(
            name.as_str(),
            "content.xml" | "styles.xml" | "meta.xml" | "settings.xml" | "META-INF/manifest.xml"
        ) || (name.starts_with("Object ")
            && matches!(base, "content.xml" | "styles.xml"));
        if !is_xml {
            continue;
        }
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut data).unwrap();
        let out = into.join(name);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(&out, &data).unwrap();
        if name == "META-INF/manifest.xml" {
            manifest = String::from_utf8_lossy(&data).into_owned();
            manifests.push(out);
        } else if name.starts_with("Object ")
            && data.starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><math:math ")
        {
            // A formula object's content is a MathML document (ODF 1.3 Part 3 §16.1), which
            // the ODF schema does not describe; its root must be MathML's math element.
            let text = String::from_utf8_lossy(&data);
            if !text.contains(r#"xmlns:math="http://www.w3.org/1998/Math/MathML""#)
                || !text.ends_with("</math:math>")
            {
                problems.push(format!("{name}: not a MathML document"));
            }
        } else {
            parts.push(out);
        }
    }
    for name in &names {
        if name != "mimetype"
            && name != "META-INF/manifest.xml"
            && !manifest.contains(&format!("manifest:full-path=\"{name}\""))
        {
            problems.push(format!("{name} is not in the manifest"));
        }
    }
    problems
}

fn jing(schema: &Path, files: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in files.chunks(400) {
        let r = Command::new("jing")
            .arg("-i")
            .arg(schema)
            .args(chunk)
            .output()
            .unwrap();
        let text =
            String::from_utf8_lossy(&r.stdout).into_owned() + &String::from_utf8_lossy(&r.stderr);
        out.extend(
            text.lines()
                .filter(|l| !l.is_empty() && !l.starts_with("[warning]"))
                .map(str::to_string),
        );
    }
    out
}

#[test]
fn corpus_word_files_convert_to_valid_odf() {
    corpus_files_convert_to_valid_odf(&["docx", "docm", "dotx", "dotm"], 130);
}

/// Every SpreadsheetML file of the corpus (xlsx, xlsm, xltx, xltm) likewise.
#[test]
fn corpus_spreadsheet_files_convert_to_valid_odf() {
    corpus_files_convert_to_valid_odf(&["xlsx", "xlsm", "xltx", "xltm"], 76);
}

/// Every binary workbook of the corpus (xls, xlsb) likewise; BIFF2-4 files fail (calamine reads
/// BIFF5 and BIFF8 only).
#[test]
fn corpus_binary_spreadsheet_files_convert_to_valid_odf() {
    corpus_files_convert_to_valid_odf(&["xls", "xlsb"], 35);
}

/// Findings that say a converted file was damaged.
const DAMAGE_CODES: [&str; 3] = [
    "detect.checksum-mismatch",
    "convert.beyond-sheet-limits",
    "convert.missing-part",
];

/// Converts the corpus files of these folders: failures are exactly those encrypted with a real
/// password (and BIFF2-4 workbooks) plus broken files that cannot be read at all; a broken file
/// that converts carries a finding about its damage; every output is valid ODF 1.3.
fn corpus_files_convert_to_valid_odf(folders: &[&str], count: usize) {
    let Some(corpus) = common::corpus() else {
        return;
    };
    if !jing_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    let mut expected_failures = BTreeSet::new();
    // Broken files fail with a reason, or convert with a finding that says what was damaged.
    let mut broken = BTreeSet::new();
    let features = std::fs::read_to_string(corpus.join("FEATURES.tsv")).unwrap();
    for line in features.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let file = cols[0];
        let folder = file.split('/').next().unwrap();
        if !folders.contains(&folder) {
            continue;
        }
        let target = src.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(corpus.join(file), &target).unwrap();
        let tags = cols.get(4).copied().unwrap_or("");
        // Files encrypted with Office's default password open without one (and convert).
        let default_password = tags.contains("password=VelvetSweatshop");
        // Excel 2.x-4.0 worksheets (BIFF2-4) have no reader.
        let old_biff = ["BIFF2", "BIFF3", "BIFF4"]
            .iter()
            .any(|v| tags.contains(&format!("old-format:{v}")));
        if tags.contains("broken") {
            broken.insert(file.to_string());
        } else if (tags.contains("encrypted") && !default_password) || old_biff {
            expected_failures.insert(file.to_string());
        }
    }
    let out = tmp.path().join("out");
    let run = common::convert_json(&src, &out);
    assert_eq!(
        run.status.code(),
        Some(1),
        "some corpus files are encrypted or broken"
    );
    let report = common::read_report(&out);
    let mut failed = BTreeSet::new();
    let mut packages = Vec::new();
    for f in report["files"].as_array().unwrap() {
        let source = f["source"].as_str().unwrap();
        let rel = source
            .strip_prefix(&format!("{}/", src.display()))
            .unwrap()
            .to_string();
        match f["status"].as_str().unwrap() {
            "converted" => {
                if broken.contains(&rel) {
                    let damage =
                        f["findings"].as_array().unwrap().iter().any(|x| {
                            DAMAGE_CODES.contains(&x["code"].as_str().unwrap_or_default())
                        });
                    assert!(damage, "{rel} is broken but converted without saying so");
                }
                packages.push(PathBuf::from(f["target"].as_str().unwrap()));
            }
            "failed" => {
                assert!(
                    f["error"].as_str().is_some_and(|e| !e.is_empty()),
                    "{rel} failed without a reason"
                );
                failed.insert(rel);
            }
            other => panic!("{rel}: unexpected status {other}"),
        }
    }
    let unexpected: BTreeSet<String> = failed.difference(&broken).cloned().collect();
    assert_eq!(
        unexpected, expected_failures,
        "besides broken files, failures are exactly those encrypted with a real password"
    );
    assert_eq!(
        packages.len() + failed.len(),
        count,
        "every file has a result"
    );

    let parts_dir = tmp.path().join("parts");
    let mut parts = Vec::new();
    let mut manifests = Vec::new();
    let mut problems = Vec::new();
    for (i, pkg) in packages.iter().enumerate() {
        for p in unpack(
            pkg,
            &parts_dir.join(i.to_string()),
            &mut parts,
            &mut manifests,
        ) {
            problems.push(format!("{}: {p}", pkg.display()));
        }
    }
    problems.extend(jing(&schema("OpenDocument-v1.3-schema.rng"), &parts));
    problems.extend(jing(
        &schema("OpenDocument-v1.3-manifest-schema.rng"),
        &manifests,
    ));
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A file encrypted with Office's default password converts, says so in a finding, and keeps its
/// text; files with a real password still fail with the password error.
#[test]
fn default_password_files_convert_and_others_need_their_password() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    std::fs::create_dir(&src).unwrap();
    for file in [
        "docx/poi__protected_agile.docx",
        "docx/poi__bug53475-password-is-pass.docx",
        "docx/tika__testWORD_protected_passtika.docx",
    ] {
        let name = file.rsplit('/').next().unwrap();
        std::fs::copy(corpus.join(file), src.join(name)).unwrap();
    }
    let out = tmp.path().join("out");
    let run = common::convert_json(&src, &out);
    assert_eq!(run.status.code(), Some(1), "two files need their password");
    let report = common::read_report(&out);
    for f in report["files"].as_array().unwrap() {
        let source = f["source"].as_str().unwrap();
        if source.ends_with("poi__protected_agile.docx") {
            assert_eq!(f["status"], "converted", "{f}");
            let codes: Vec<&str> = f["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["code"].as_str().unwrap())
                .collect();
            assert!(codes.contains(&"detect.default-password"), "{codes:?}");
            assert!(!codes.contains(&"detect.encrypted"), "{codes:?}");
            let odt = std::fs::File::open(f["target"].as_str().unwrap()).unwrap();
            let mut zip = zip::ZipArchive::new(odt).unwrap();
            let mut content = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("content.xml").unwrap(), &mut content)
                .unwrap();
            assert!(content.contains("Agile protected document"));
        } else {
            assert_eq!(f["status"], "failed", "{f}");
            assert!(f["error"].as_str().unwrap().contains("password-protected"));
        }
    }
}
