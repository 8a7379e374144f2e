//! The file table: one `<tbody>` per file with its row and a detail row (findings, error, links),
//! plus the filter controls the page's script wires up.

use std::collections::HashMap;

use super::builder::{Html, file_url};
use super::labels::{self, Labels};
use crate::reports::{FileReport, FileVerdict, FindingRecord, Lang, Report};

/// The table's columns: label, `data-col` name (stable, for scripts and tests), numeric or not.
fn columns(l: &Labels) -> [(&'static str, &'static str, bool); 6] {
    [
        (l.source, "source", false),
        (l.format, "format", false),
        (l.status, "status", false),
        (l.verdict, "verdict", false),
        (l.findings, "findings", true),
        (l.time, "time", true),
    ]
}

pub fn write_file_table(h: &mut Html, report: &Report, lang: Lang) {
    let l = labels::labels(lang);
    let total = report.files.len().to_string();
    // The controls work only with the script, which shows them; without it every file's
    // details are open instead, so nothing is lost.
    h.open(
        "div",
        &[
            ("class", "controls"),
            ("id", "controls"),
            ("hidden", "hidden"),
        ],
    );
    h.open("label", &[]).text(l.filter).text(" ");
    h.open(
        "input",
        &[
            ("type", "search"),
            ("id", "filter-text"),
            ("placeholder", l.filter_placeholder),
            ("aria-controls", "files"),
        ],
    );
    h.close();
    h.open("label", &[]).text(l.verdict).text(" ");
    h.open(
        "select",
        &[("id", "filter-verdict"), ("aria-controls", "files")],
    );
    h.elem("option", &[("value", "")], l.all_verdicts);
    for v in FileVerdict::ALL {
        h.elem("option", &[("value", v.label())], labels::verdict(v, lang));
    }
    h.close().close();
    h.open("span", &[("aria-live", "polite")]);
    h.elem("span", &[("id", "shown-count")], &total);
    h.text(&format!(" {} {total} {}", l.of, l.shown));
    h.close();
    h.close();
    h.elem(
        "p",
        &[("class", "note"), ("id", "sort-hint"), ("hidden", "hidden")],
        l.sort_hint,
    );

    if report.files.is_empty() {
        h.elem("p", &[], l.no_files);
        return;
    }
    let hosts: HashMap<&str, &str> = report
        .runs
        .iter()
        .map(|r| (r.id.as_str(), r.host.as_str()))
        .collect();
    h.open("table", &[("id", "files")]);
    h.open("thead", &[]).open("tr", &[]);
    for (label, name, numeric) in columns(l) {
        let attrs: &[(&'static str, &str)] = if numeric {
            &[("data-col", name), ("data-type", "num"), ("class", "num")]
        } else {
            &[("data-col", name), ("data-type", "text")]
        };
        h.open("th", attrs);
        h.elem("button", &[("type", "button")], label);
        h.close();
    }
    h.close().close();
    for file in &report.files {
        write_file(h, file, hosts.get(file.run.as_str()).copied(), lang);
        h.newline();
    }
    h.close();
}

fn write_file(h: &mut Html, f: &FileReport, host: Option<&str>, lang: Lang) {
    let l = labels::labels(lang);
    h.open("tbody", &[("data-verdict", f.verdict.label())]);
    h.open("tr", &[("class", "file")]);
    h.open(
        "td",
        &[
            ("class", "src"),
            ("data-sort", &f.source),
            ("title", &f.source),
        ],
    );
    h.elem("span", &[("class", "src-name")], &f.source);
    h.elem(
        "button",
        &[
            ("class", "toggle"),
            ("type", "button"),
            ("aria-expanded", "false"),
            ("hidden", "hidden"),
        ],
        l.details,
    );
    h.close();
    h.elem("td", &[], &f.format);
    h.elem(
        "td",
        &[("data-sort", &(f.status as u8).to_string())],
        labels::status(f.status, lang),
    );
    h.open("td", &[("data-sort", &(f.verdict as u8).to_string())]);
    let class = format!("verdict v-{}", f.verdict.label());
    h.elem(
        "span",
        &[("class", &class)],
        labels::verdict(f.verdict, lang),
    );
    h.close();
    let findings = f.findings.len().to_string();
    h.elem(
        "td",
        &[("class", "num"), ("data-sort", &findings)],
        &findings,
    );
    h.elem(
        "td",
        &[("class", "num"), ("data-sort", &f.millis.to_string())],
        &labels::duration(f.millis, lang),
    );
    h.close();

    h.open("tr", &[("class", "detail")]);
    h.open("td", &[("colspan", "6")]);
    write_links(h, f, host, l);
    if f.error.is_some() || f.error_code.is_some() {
        h.open("p", &[("class", "error")]);
        h.text(l.error).text(": ");
        if let Some(code) = &f.error_code {
            h.elem("span", &[("class", "code")], code);
            if f.error.is_some() {
                h.text(" — ");
            }
        }
        if let Some(error) = &f.error {
            h.text(error);
        }
        h.close();
    }
    if f.findings.is_empty() {
        h.elem("p", &[("class", "note")], l.no_findings);
    } else {
        write_findings(h, &f.findings, lang);
    }
    h.close().close();
    h.close();
}

fn write_links(h: &mut Html, f: &FileReport, host: Option<&str>, l: &Labels) {
    h.open("p", &[("class", "links")]);
    if let Some(url) = file_url(&f.source) {
        h.elem("a", &[("href", &url), ("title", &f.source)], l.open_source);
    }
    if let Some(target) = &f.target {
        match file_url(target) {
            Some(url) => {
                h.elem("a", &[("href", &url), ("title", target)], l.open_target);
            }
            None => {
                h.text(l.target).text(": ").text(target);
            }
        }
    }
    if let Some(host) = host {
        h.text(l.host).text(": ").text(host);
    }
    h.close();
}

/// The message in the report's language; the English one when a German one is missing.
pub fn message(f: &FindingRecord, lang: Lang) -> &str {
    match lang {
        Lang::De if !f.message_de.is_empty() => &f.message_de,
        _ => &f.message,
    }
}

fn write_findings(h: &mut Html, findings: &[FindingRecord], lang: Lang) {
    let l = labels::labels(lang);
    h.open("table", &[("class", "findings")]);
    h.open("thead", &[]).open("tr", &[]);
    for label in [l.code, l.severity, l.verdict, l.message, l.location] {
        h.elem("th", &[], label);
    }
    h.elem("th", &[("class", "num")], l.count);
    h.close().close();
    h.open("tbody", &[]);
    for f in findings {
        let verdict = serde_json::to_value(f.verdict)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        h.open("tr", &[]);
        h.open("td", &[]).elem("code", &[], &f.code).close();
        h.elem("td", &[], &labels::severity(&f.severity, lang));
        let class = format!("verdict v-{verdict}");
        h.open("td", &[]);
        h.elem(
            "span",
            &[("class", &class)],
            &labels::verdict_str(&verdict, lang),
        );
        h.close();
        h.elem("td", &[], message(f, lang));
        h.elem("td", &[], f.location.as_deref().unwrap_or(""));
        h.elem("td", &[("class", "num")], &f.count.to_string());
        h.close();
    }
    h.close().close();
}
