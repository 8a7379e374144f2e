//! The HTML report in headless Chromium: it loads without script errors or Content-Security-
//! Policy violations, and its filter box, verdict select, column sorting and detail rows work.
//!
//! A harness page beside the report loads it in an `<iframe>`, drives it through the DOM and
//! writes what it saw as JSON into its own DOM, which `--dump-dom` prints. Errors while loading
//! come from Chromium's console log on stderr (an uncaught exception, a blocked script); errors
//! while the harness drives the page from the frame's `error` event. Without Chromium the test
//! prints `SKIPPED` and passes, except under `CI=true`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use umzug::reports::{
    FileReport, FileVerdict, FindingRecord, Lang, Report, RunInfo, Status, write_all,
};
use umzug_converters::Verdict;

fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser"] {
        let found = std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        });
        if found.is_some() {
            return found;
        }
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("chromium (or chromium-browser) is required under CI=true");
    }
    eprintln!("SKIPPED: chromium / chromium-browser not found; install it to test the HTML report");
    None
}

fn file(source: &str, verdict: FileVerdict, millis: u64, message_de: &str) -> FileReport {
    let findings = match verdict {
        FileVerdict::Red | FileVerdict::Yellow => vec![FindingRecord {
            code: "detect.vba-macros".into(),
            severity: "warning".into(),
            category: "macros".into(),
            verdict: if verdict == FileVerdict::Red {
                Verdict::Red
            } else {
                Verdict::Yellow
            },
            message: "contains VBA macros".into(),
            message_de: message_de.into(),
            location: Some("word/vbaProject.bin".into()),
            count: 1,
        }],
        _ => vec![],
    };
    FileReport {
        run: "r1".into(),
        source: source.into(),
        target: Some(format!("{source}.odt")),
        format: "docx".into(),
        bytes: 2048,
        status: if verdict == FileVerdict::Failed {
            Status::Failed
        } else {
            Status::Converted
        },
        verdict,
        error_code: (verdict == FileVerdict::Failed).then(|| "damaged".to_string()),
        error: (verdict == FileVerdict::Failed).then(|| "no central directory".to_string()),
        findings,
        millis,
    }
}

fn report() -> Report {
    let run = RunInfo {
        id: "r1".into(),
        host: "pc01".into(),
        tool: "umzug 0.1.0".into(),
        started: "2026-11-27T08:00:00Z".into(),
        duration_ms: 5000,
        roots: vec!["/srv/share".into()],
        out: None,
        jobs: 2,
        shard: None,
        cancelled: false,
    };
    Report::new(
        vec![run],
        vec![
            file(
                "/srv/share/Bürgeramt_Übersicht.docx",
                FileVerdict::Red,
                300,
                "enthält Makros",
            ),
            file("/srv/share/alpha.docx", FileVerdict::Green, 20, ""),
            file(
                "/srv/share/<img src=x onerror=alert(1)>.docx",
                FileVerdict::Failed,
                5,
                "",
            ),
            file(
                "/srv/share/zeta.docx",
                FileVerdict::Yellow,
                1000,
                "Versteckte Notiz",
            ),
        ],
        "2026-11-27T09:00:00Z".into(),
    )
}

const HARNESS: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>harness</title></head><body>
<pre id="result">pending</pre>
<iframe id="report" src="umzug-report.html" width="1200" height="800"></iframe>
<script>
var frame = document.getElementById('report');
frame.addEventListener('load', function () {
  var result = { errors: [] };
  try {
    var w = frame.contentWindow, d = frame.contentDocument;
    w.addEventListener('error', function (e) { result.errors.push(String(e.message)); });
    var bodies = function () { return Array.prototype.slice.call(d.querySelectorAll('#files > tbody')); };
    var shown = function (el) { return w.getComputedStyle(el).display !== 'none'; };
    var names = function () {
      return bodies().filter(shown).map(function (b) {
        var s = b.querySelector('.src-name').textContent;
        return s.slice(s.lastIndexOf('/') + 1);
      });
    };
    var fire = function (el, type) { el.dispatchEvent(new w.Event(type, { bubbles: true })); };
    result.total = bodies().length;
    result.controlsShown = shown(d.getElementById('controls'));
    result.initial = names();
    result.detailsShown = Array.prototype.filter.call(d.querySelectorAll('#files tr.detail'), shown).length;
    var box = d.getElementById('filter-text');
    box.value = 'übersicht'; fire(box, 'input');
    result.byName = names();
    result.count = d.getElementById('shown-count').textContent;
    box.value = 'versteckte notiz'; fire(box, 'input');
    result.byMessage = names();
    box.value = ''; fire(box, 'input');
    var verdict = d.getElementById('filter-verdict');
    verdict.value = 'failed'; fire(verdict, 'change');
    result.failed = names();
    verdict.value = ''; fire(verdict, 'change');
    var time = d.querySelector('#files thead th[data-col=time]');
    time.click();
    result.timeAscending = names();
    result.timeSort = time.getAttribute('aria-sort');
    time.click();
    result.timeDescending = names();
    d.querySelector('#files thead th[data-col=verdict] button').click();
    result.byVerdict = names();
    var red = bodies().filter(function (b) { return b.getAttribute('data-verdict') === 'red'; })[0];
    var detail = red.querySelector('tr.detail');
    result.detailBefore = shown(detail);
    red.querySelector('button.toggle').click();
    result.detailAfter = shown(detail);
    result.detailText = detail.textContent;
  } catch (e) {
    result.errors.push('harness: ' + e);
  }
  document.getElementById('result').textContent = JSON.stringify(result);
});
</script></body></html>
"#;

/// Loads the harness in headless Chromium; returns the harness's result and Chromium's stderr.
fn run_harness(chromium: &Path, dir: &Path) -> Result<(Value, String), Box<dyn std::error::Error>> {
    std::fs::write(dir.join("harness.html"), HARNESS)?;
    let profile = tempfile::tempdir()?;
    // `timeout` guards against a Chromium that hangs instead of exiting.
    let out = Command::new("timeout")
        .arg("120")
        .arg(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", dir.join("harness.html").display()))
        .output()?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "chromium failed: {stderr}");
    let dom = String::from_utf8(out.stdout)?;
    let start = dom.find("<pre id=\"result\">").ok_or("no result element")? + 17;
    let end = start + dom[start..].find("</pre>").ok_or("no result end")?;
    // Serialised text escapes only these three.
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let value = serde_json::from_str(&json)
        .map_err(|e| format!("harness result {json:?} is not JSON ({e}); stderr: {stderr}"))?;
    Ok((value, stderr))
}

fn names(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn report_loads_without_errors_and_filters_and_sorts() -> Result<(), Box<dyn std::error::Error>> {
    let Some(chromium) = chromium() else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    for lang in [Lang::De, Lang::En] {
        write_all(&report(), dir.path(), lang)?;
        let (r, stderr) = run_harness(&chromium, dir.path())?;
        // Any console message from the report page: an uncaught error, a CSP violation.
        let console: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE") && l.contains("umzug-report.html"))
            .collect();
        assert!(
            console.is_empty(),
            "{lang:?}: console messages: {console:#?}"
        );
        assert_eq!(r["errors"], serde_json::json!([]), "{lang:?}: {r:#}");

        let img = "<img src=x onerror=alert(1)>.docx";
        // Sorted by source; `<` sorts before letters.
        let all = [
            "<img src=x onerror=alert(1)>.docx",
            "Bürgeramt_Übersicht.docx",
            "alpha.docx",
            "zeta.docx",
        ];
        assert_eq!(r["total"], 4, "{r:#}");
        assert_eq!(names(&r["initial"]), all, "{r:#}");
        assert_eq!(r["detailsShown"], 0, "detail rows start collapsed: {r:#}");
        assert_eq!(
            r["controlsShown"], true,
            "the script shows the filter controls: {r:#}"
        );
        // The filter is case-insensitive and matches umlauts, and looks into the findings.
        assert_eq!(names(&r["byName"]), ["Bürgeramt_Übersicht.docx"], "{r:#}");
        assert_eq!(r["count"], "1");
        if lang == Lang::De {
            assert_eq!(names(&r["byMessage"]), ["zeta.docx"], "{r:#}");
        } else {
            assert!(names(&r["byMessage"]).is_empty(), "{r:#}");
        }
        assert_eq!(names(&r["failed"]), [img], "{r:#}");
        assert_eq!(
            names(&r["timeAscending"]),
            [img, "alpha.docx", "Bürgeramt_Übersicht.docx", "zeta.docx"],
            "{r:#}"
        );
        assert_eq!(r["timeSort"], "ascending");
        assert_eq!(
            names(&r["timeDescending"]),
            ["zeta.docx", "Bürgeramt_Übersicht.docx", "alpha.docx", img],
            "{r:#}"
        );
        // Verdicts sort by severity, not by name: green, yellow, red, failed.
        assert_eq!(
            names(&r["byVerdict"]),
            ["alpha.docx", "zeta.docx", "Bürgeramt_Übersicht.docx", img],
            "{r:#}"
        );
        assert_eq!(r["detailBefore"], false, "{r:#}");
        assert_eq!(r["detailAfter"], true, "{r:#}");
        assert!(
            r["detailText"].as_str().is_some_and(
                |t| t.contains("detect.vba-macros") && t.contains("word/vbaProject.bin")
            ),
            "{r:#}"
        );
    }
    Ok(())
}
