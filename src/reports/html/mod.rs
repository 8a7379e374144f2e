//! `umzug-report.html`: one self-contained page (no external resources; a Content-Security-Policy
//! forbids loading any) with the summary by verdict, format and category as inline SVG charts,
//! the top findings, a sortable and filterable file table, and the runs.
//!
//! All markup goes through [`builder::Html`], which escapes every string; the only script is the
//! constant [`assets::JS`], which holds no data.

mod assets;
mod builder;
mod charts;
mod labels;

pub use labels::bytes as human_bytes;
mod table;

use std::collections::BTreeMap;
use std::io::{self, Write};

use base64::Engine;
use sha2::{Digest, Sha256};

use self::builder::Html;
use self::charts::Item;
use self::labels::Labels;
use super::{FileVerdict, Lang, Report};

/// Writes the page.
pub fn write_html(report: &Report, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    out.write_all(render_html(report, lang).as_bytes())
}

/// How many findings codes the "top findings" table lists.
const TOP_CODES: usize = 20;

/// The page as a string.
pub fn render_html(report: &Report, lang: Lang) -> String {
    let l = labels::labels(lang);
    let mut h = Html::new();
    h.open("html", &[("lang", lang.code())]).newline();
    h.open("head", &[]).newline();
    h.open("meta", &[("charset", "utf-8")]).newline();
    h.open(
        "meta",
        &[
            ("name", "viewport"),
            ("content", "width=device-width, initial-scale=1"),
        ],
    );
    h.open(
        "meta",
        &[
            ("http-equiv", "Content-Security-Policy"),
            ("content", &content_security_policy()),
        ],
    )
    .newline();
    h.elem("title", &[], l.title).newline();
    h.open("style", &[])
        .raw_static(assets::CSS)
        .close()
        .newline();
    h.close().newline();

    h.open("body", &[]).newline();
    write_header(&mut h, report, lang);
    write_verdicts(&mut h, report, lang);
    write_formats(&mut h, report, lang);
    write_categories(&mut h, report, lang);
    write_top_findings(&mut h, report, lang);
    h.open("section", &[("id", "file-list")]);
    h.elem("h2", &[], l.file_table);
    table::write_file_table(&mut h, report, lang);
    h.close().newline();
    write_runs(&mut h, report, lang);
    h.open("script", &[]).raw_static(assets::JS).close();
    h.finish()
}

/// Nothing may load (`default-src 'none'`): the page is one file. The style and script blocks
/// are allowed by their hashes, so even markup slipping past the escaping could not run code.
fn content_security_policy() -> String {
    let hash = |s: &str| {
        let digest = Sha256::digest(s.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(&digest[..])
        )
    };
    format!(
        "default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'",
        hash(assets::CSS),
        hash(assets::JS)
    )
}

fn write_header(h: &mut Html, report: &Report, lang: Lang) {
    let l = labels::labels(lang);
    h.open("header", &[]);
    h.elem("h1", &[], l.title);
    h.open("p", &[("class", "meta")]);
    h.text(&format!(
        "{}: {} · {}: {} · {}: {} · {}: {}",
        l.generated,
        report.generated,
        l.files,
        labels::number(report.summary.files, lang),
        l.bytes,
        labels::bytes(report.summary.bytes, lang),
        l.runs,
        report.runs.len()
    ));
    h.close();
    h.close().newline();
}

/// Files and bytes per key.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    files: u64,
    bytes: u64,
}

fn write_verdicts(h: &mut Html, report: &Report, lang: Lang) {
    let l = labels::labels(lang);
    let mut tally: BTreeMap<FileVerdict, Tally> = BTreeMap::new();
    for f in &report.files {
        let t = tally.entry(f.verdict).or_default();
        t.files += 1;
        t.bytes += f.bytes;
    }
    let items: Vec<Item> = FileVerdict::ALL
        .iter()
        .map(|v| Item {
            label: labels::verdict(*v, lang).to_string(),
            value: tally.get(v).map_or(0, |t| t.files),
            class: verdict_class(*v),
        })
        .collect();
    h.open("section", &[("id", "by-verdict")]);
    h.elem("h2", &[], l.by_verdict);
    h.open("div", &[("class", "panel")]);
    let total = report.files.len() as u64;
    charts::donut(h, l.by_verdict, &items, &labels::number(total, lang));
    let rows: Vec<(Item, Option<u64>)> = FileVerdict::ALL
        .iter()
        .zip(items)
        .map(|(v, item)| (item, Some(tally.get(v).map_or(0, |t| t.bytes))))
        .collect();
    tally_table(h, l, l.verdict, &rows, lang, true, true);
    h.close();
    h.close().newline();
}

fn verdict_class(v: FileVerdict) -> &'static str {
    match v {
        FileVerdict::Green => "v-green",
        FileVerdict::Yellow => "v-yellow",
        FileVerdict::Red => "v-red",
        FileVerdict::Failed => "v-failed",
        FileVerdict::Skipped => "v-skipped",
    }
}

/// A table of label, files and (when given) bytes; `swatch` shows the colour, `total` adds a
/// total row (not for categories: a file with two categories is counted in both).
fn tally_table(
    h: &mut Html,
    l: &Labels,
    key: &str,
    rows: &[(Item, Option<u64>)],
    lang: Lang,
    swatch: bool,
    total: bool,
) {
    let with_bytes = rows.iter().any(|(_, b)| b.is_some());
    h.open("table", &[("class", "tally")]);
    h.open("thead", &[]).open("tr", &[]);
    h.elem("th", &[], key);
    h.elem("th", &[("class", "num")], l.files);
    if with_bytes {
        h.elem("th", &[("class", "num")], l.bytes);
    }
    h.close().close();
    h.open("tbody", &[]);
    for (item, bytes) in rows {
        h.open("tr", &[]).open("td", &[]);
        if swatch {
            let class = format!("sw {}", item.class);
            h.elem("span", &[("class", &class)], "");
        }
        h.text(&item.label).close();
        h.elem("td", &[("class", "num")], &labels::number(item.value, lang));
        if with_bytes {
            let b = bytes.map(|b| labels::bytes(b, lang)).unwrap_or_default();
            h.elem("td", &[("class", "num")], &b);
        }
        h.close();
    }
    h.close();
    if total && rows.len() > 1 {
        h.open("tfoot", &[]).open("tr", &[]);
        h.elem("th", &[], l.total);
        let files: u64 = rows.iter().map(|(i, _)| i.value).sum();
        h.elem("th", &[("class", "num")], &labels::number(files, lang));
        if with_bytes {
            let bytes: u64 = rows.iter().filter_map(|(_, b)| *b).sum();
            h.elem("th", &[("class", "num")], &labels::bytes(bytes, lang));
        }
        h.close().close();
    }
    h.close();
}

/// Sorted by count, largest first, then by name.
fn by_count<V: Copy>(map: &BTreeMap<String, V>, count: impl Fn(V) -> u64) -> Vec<(&str, V)> {
    let mut v: Vec<(&str, V)> = map.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    v.sort_by(|a, b| count(b.1).cmp(&count(a.1)).then_with(|| a.0.cmp(b.0)));
    v
}

fn write_formats(h: &mut Html, report: &Report, lang: Lang) {
    let l = labels::labels(lang);
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    for f in &report.files {
        let t = tally.entry(f.format.clone()).or_default();
        t.files += 1;
        t.bytes += f.bytes;
    }
    let rows: Vec<(Item, Option<u64>)> = by_count(&tally, |t| t.files)
        .into_iter()
        .map(|(format, t)| {
            let item = Item {
                label: format.to_string(),
                value: t.files,
                class: "neutral",
            };
            (item, Some(t.bytes))
        })
        .collect();
    h.open("section", &[("id", "by-format")]);
    h.elem("h2", &[], l.by_format);
    h.open("div", &[("class", "panel")]);
    let items: Vec<Item> = rows.iter().map(|(i, _)| i.clone()).collect();
    charts::bars(h, l.by_format, &items);
    tally_table(h, l, l.format, &rows, lang, false, true);
    h.close();
    h.close().newline();
}

fn write_categories(h: &mut Html, report: &Report, lang: Lang) {
    let l = labels::labels(lang);
    h.open("section", &[("id", "by-category")]);
    h.elem("h2", &[], l.by_category);
    h.elem("p", &[("class", "note")], l.by_category_note);
    if report.summary.by_category.is_empty() {
        h.elem("p", &[], l.no_findings);
    } else {
        let rows: Vec<(Item, Option<u64>)> = by_count(&report.summary.by_category, |n| n)
            .into_iter()
            .map(|(category, n)| {
                let item = Item {
                    label: labels::category(category, lang),
                    value: n,
                    class: "neutral",
                };
                (item, None)
            })
            .collect();
        h.open("div", &[("class", "panel")]);
        let items: Vec<Item> = rows.iter().map(|(i, _)| i.clone()).collect();
        charts::bars(h, l.by_category, &items);
        tally_table(h, l, l.category, &rows, lang, false, false);
        h.close();
    }
    h.close().newline();
}

fn write_top_findings(h: &mut Html, report: &Report, lang: Lang) {
    let l = labels::labels(lang);
    h.open("section", &[("id", "top-findings")]);
    h.elem("h2", &[], l.top_findings);
    h.elem("p", &[("class", "note")], l.top_findings_note);
    if report.summary.by_code.is_empty() {
        h.elem("p", &[], l.no_findings);
        h.close().newline();
        return;
    }
    h.open("table", &[("class", "top")]);
    h.open("thead", &[]).open("tr", &[]);
    for label in [l.code, l.category, l.verdict] {
        h.elem("th", &[], label);
    }
    h.elem("th", &[("class", "num")], l.files);
    h.elem("th", &[], l.example_message);
    h.close().close();
    h.open("tbody", &[]);
    for (code, n) in by_count(&report.summary.by_code, |n| n)
        .into_iter()
        .take(TOP_CODES)
    {
        let example = report
            .files
            .iter()
            .flat_map(|f| &f.findings)
            .find(|f| f.code == code);
        h.open("tr", &[]);
        h.open("td", &[]).elem("code", &[], code).close();
        let category = example.map(|f| labels::category(&f.category, lang));
        h.elem("td", &[], category.as_deref().unwrap_or(""));
        h.open("td", &[]);
        if let Some(f) = example {
            let verdict = serde_json::to_value(f.verdict)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let class = format!("verdict v-{verdict}");
            h.elem(
                "span",
                &[("class", &class)],
                &labels::verdict_str(&verdict, lang),
            );
        }
        h.close();
        h.elem("td", &[("class", "num")], &labels::number(n, lang));
        let message = example.map(|f| table::message(f, lang)).unwrap_or("");
        h.elem("td", &[], message);
        h.close();
    }
    h.close().close();
    h.close().newline();
}

fn write_runs(h: &mut Html, report: &Report, lang: Lang) {
    let l = labels::labels(lang);
    h.open("section", &[("id", "runs")]);
    h.elem("h2", &[], l.runs);
    h.open("table", &[("class", "runs")]);
    h.open("thead", &[]).open("tr", &[]);
    for label in [l.host, l.started, l.duration, l.roots, l.out, l.shard] {
        h.elem("th", &[], label);
    }
    h.elem("th", &[("class", "num")], l.jobs);
    for label in [l.tool, l.cancelled] {
        h.elem("th", &[], label);
    }
    h.close().close();
    h.open("tbody", &[]);
    for run in &report.runs {
        h.open("tr", &[("title", &run.id)]);
        h.elem("td", &[], &run.host);
        h.elem("td", &[], &run.started);
        h.elem(
            "td",
            &[("class", "num")],
            &labels::duration(run.duration_ms, lang),
        );
        h.open("td", &[]).open("ul", &[("class", "plain")]);
        for root in &run.roots {
            h.elem("li", &[], root);
        }
        h.close().close();
        h.elem("td", &[], run.out.as_deref().unwrap_or(l.beside));
        h.elem("td", &[], run.shard.as_deref().unwrap_or("—"));
        h.elem("td", &[("class", "num")], &run.jobs.to_string());
        h.elem("td", &[], &run.tool);
        h.elem("td", &[], if run.cancelled { l.yes } else { l.no });
        h.close();
    }
    h.close().close();
    h.close().newline();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::testdata::sample_report;

    #[test]
    fn escapes_data_everywhere() {
        let page = render_html(&sample_report(), Lang::En);
        assert!(!page.contains("<b>fett"), "a file name became markup");
        assert!(page.contains("&lt;b&gt;fett&lt;/b&gt; &amp; Co.docx"));
        assert!(page.contains("file:///srv/share/%C3%84mter/%3Cb%3Efett%3C/b%3E%20%26%20Co.docx"));
        // The only script is the constant one, and nothing is loaded from elsewhere.
        assert_eq!(page.matches("<script").count(), 1);
        assert!(page.contains(assets::JS));
        assert!(!page.contains(" src="), "{page}");
        assert!(!page.contains("=\"http") && !page.contains("url("));
    }

    #[test]
    fn summary_counts_and_bytes() {
        let page = render_html(&sample_report(), Lang::En);
        // 3 files of 12,345 bytes: 1 red, 1 green, 1 failed.
        assert!(page.contains("<td><span class=\"sw v-red\"></span>Red</td><td class=\"num\">1</td><td class=\"num\">12.3 kB</td>"), "{page}");
        assert!(page.contains(
            "<tfoot><tr><th>Total</th><th class=\"num\">3</th><th class=\"num\">37.0 kB</th>"
        ));
        assert!(page.contains("<code>detect.vba-macros</code>"));
        assert_eq!(page.matches("<tbody data-verdict=").count(), 3);
        assert!(page.contains("<tbody data-verdict=\"failed\">"));
    }

    #[test]
    fn german_labels_and_messages() {
        let report = sample_report();
        let de = render_html(&report, Lang::De);
        assert!(de.contains("<html lang=\"de\">"));
        assert!(de.contains("Umzug-Migrationsbericht"));
        assert!(de.contains("enthält VBA-Makros"));
        assert!(!de.contains(">contains VBA macros<"));
        assert!(de.contains(">Fehlgeschlagen<"));
        let en = render_html(&report, Lang::En);
        assert!(en.contains(">contains VBA macros<"));
        assert!(!en.contains("enthält VBA-Makros"));
    }

    #[test]
    fn csp_hashes_match_the_constants() {
        let csp = content_security_policy();
        assert!(csp.starts_with("default-src 'none'; "));
        // Changing the JS without the hash would block it; the hash is computed, so check the
        // format and that the two differ.
        let hashes: Vec<&str> = csp
            .split('\'')
            .filter(|s| s.starts_with("sha256-"))
            .collect();
        assert_eq!(hashes.len(), 2);
        assert_ne!(hashes[0], hashes[1]);
        assert!(hashes.iter().all(|h| h.len() == "sha256-".len() + 44));
    }

    #[test]
    fn every_catalogue_finding_renders_in_both_languages() {
        use umzug_converters::{Finding, FindingKind};
        let findings: Vec<crate::reports::FindingRecord> = FindingKind::examples()
            .into_iter()
            .map(|k| crate::reports::FindingRecord::from(&Finding::new(k)))
            .collect();
        let mut report = sample_report();
        report.files[0].verdict = FileVerdict::of_findings(&findings);
        report.files[0].findings = findings.clone();
        report.summary = crate::reports::Summary::build(&report.files);
        for lang in [Lang::En, Lang::De] {
            let page = render_html(&report, lang);
            for f in &findings {
                let mut escaped = String::new();
                builder::escape_into(&mut escaped, table::message(f, lang));
                assert!(page.contains(&escaped), "{lang:?}: {escaped}");
                assert!(page.contains(&["<code>", &f.code, "</code>"].concat()));
            }
            // Known categories are named in the page's language.
            let macros = if lang == Lang::De {
                ">Makros<"
            } else {
                ">Macros<"
            };
            assert!(page.contains(macros), "{lang:?}");
        }
    }
}
