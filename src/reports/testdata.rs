//! A small report shared by the writers' unit tests: umlauts, a failed file, a file without
//! findings, and markup and formula characters where data can carry them.

use umzug_converters::Verdict;

use super::model::{FileReport, FileVerdict, FindingRecord, Report, RunInfo, Status};

pub fn run(id: &str, host: &str) -> RunInfo {
    RunInfo {
        id: id.into(),
        host: host.into(),
        tool: "umzug 0.1.0".into(),
        started: "2026-11-27T08:00:00Z".into(),
        duration_ms: 61_500,
        roots: vec!["/srv/share/Ämter".into()],
        out: Some("/srv/odf".into()),
        jobs: 2,
        shard: None,
        cancelled: false,
    }
}

pub fn finding(code: &str, verdict: Verdict, message: &str, message_de: &str) -> FindingRecord {
    FindingRecord {
        code: code.into(),
        severity: "warning".into(),
        category: code.split('.').next().unwrap_or("content").into(),
        verdict,
        message: message.into(),
        message_de: message_de.into(),
        location: Some("word/document.xml".into()),
        count: 3,
    }
}

pub fn file(run: &str, source: &str, findings: Vec<FindingRecord>) -> FileReport {
    FileReport {
        run: run.into(),
        source: source.into(),
        target: Some(format!("{}.odt", source.trim_end_matches(".docx"))),
        format: "docx".into(),
        bytes: 12_345,
        status: Status::Converted,
        verdict: FileVerdict::of_findings(&findings),
        error_code: None,
        error: None,
        findings,
        millis: 250,
    }
}

pub fn sample_report() -> Report {
    let macros = finding(
        "detect.vba-macros",
        Verdict::Red,
        "contains VBA macros",
        "enthält VBA-Makros",
    );
    let fonts = finding(
        "fonts.missing",
        Verdict::Yellow,
        "=HYPERLINK(\"http://x\", \"font, \"\"Segoe\"\"\")",
        "für Schrift Segoe UI gibt es keinen Ersatz",
    );
    let mut failed = file("run-1", "/srv/share/Ämter/kaputt.doc", vec![]);
    failed.format = "doc".into();
    failed.status = Status::Failed;
    failed.verdict = FileVerdict::Failed;
    failed.target = None;
    failed.error_code = Some("damaged".into());
    failed.error = Some("the file is damaged:\r\nno FAT".into());
    Report::new(
        vec![run("run-1", "pc-01")],
        vec![
            file(
                "run-1",
                "/srv/share/Ämter/Bürgeramt_Übersicht.docx",
                vec![macros, fonts],
            ),
            file("run-1", "/srv/share/Ämter/<b>fett</b> & Co.docx", vec![]),
            failed,
        ],
        "2026-11-27T09:00:00Z".into(),
    )
}
