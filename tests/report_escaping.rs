//! Hostile strings (a file named `<img src=x onerror=alert(1)>.docx`) in every field a file or
//! a document can fill: the JSON report carries them unchanged, the CSV quotes them so they read
//! back as the same cells, and the HTML report never lets them become markup.

use umzug::reports::{
    FileReport, FileVerdict, FindingRecord, Lang, Report, RunInfo, Status, parse_json, render_html,
    write_csv, write_json,
};
use umzug_converters::Verdict;

const IMG: &str = "<img src=x onerror=alert(1)>";

fn hostile_report() -> Report {
    let run = RunInfo {
        id: format!("run-{IMG}"),
        host: format!("host{IMG}"),
        tool: "umzug 0.1.0".into(),
        started: "2026-11-27T08:00:00Z".into(),
        duration_ms: 1000,
        roots: vec![format!("/srv/{IMG}")],
        out: Some(format!("/out/{IMG}")),
        jobs: 1,
        shard: Some(format!("1/2{IMG}")),
        cancelled: false,
    };
    let finding = FindingRecord {
        code: format!("convert.{IMG}"),
        severity: format!("warning{IMG}"),
        category: format!("content{IMG}"),
        verdict: Verdict::Red,
        message: format!("\"{IMG}\", said Jörg"),
        message_de: format!("„{IMG}“, sagte Jörg"),
        location: Some(format!("word/{IMG}.xml")),
        count: 2,
    };
    let converted = FileReport {
        run: run.id.clone(),
        source: format!("/srv/{IMG}/{IMG}.docx"),
        target: Some(format!("/out/{IMG}/{IMG}.odt")),
        format: format!("docx{IMG}"),
        bytes: 100,
        status: Status::Converted,
        verdict: FileVerdict::Red,
        error_code: None,
        error: None,
        findings: vec![finding],
        millis: 12,
    };
    let failed = FileReport {
        run: run.id.clone(),
        source: format!("/srv/{IMG}/=cmd|{IMG}.doc"),
        target: Some(format!("relative/{IMG}.odt")),
        format: "doc".into(),
        bytes: 50,
        status: Status::Failed,
        verdict: FileVerdict::Failed,
        error_code: Some(format!("damaged{IMG}")),
        error: Some(format!("=1+1 {IMG}\r\nline two, with a comma")),
        findings: vec![],
        millis: 3,
    };
    Report::new(vec![run], vec![converted, failed], format!("now{IMG}"))
}

#[test]
fn json_round_trips_hostile_strings() -> Result<(), Box<dyn std::error::Error>> {
    let report = hostile_report();
    let mut buf = Vec::new();
    write_json(&report, &mut buf)?;
    assert!(String::from_utf8(buf.clone())?.contains(IMG));
    assert_eq!(parse_json(&buf, "hostile.json")?, report);
    Ok(())
}

/// A strict RFC 4180 reader: fields separated by `,`, records by CRLF, quoted fields may hold
/// anything with `"` doubled.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted_field = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if field.is_empty() && !quoted_field => {
                quoted_field = true;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => field.push(c),
                        None => return Err("unterminated quote".into()),
                    }
                }
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                quoted_field = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                quoted_field = false;
            }
            '"' | '\r' | '\n' => return Err(format!("bare {c:?} outside quotes")),
            c if quoted_field => return Err(format!("{c:?} after a closing quote")),
            c => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        return Err("last record without CRLF".into());
    }
    Ok(records)
}

#[test]
fn csv_quotes_hostile_strings() -> Result<(), Box<dyn std::error::Error>> {
    let report = hostile_report();
    let mut buf = Vec::new();
    write_csv(&report, &mut buf)?;
    let text = String::from_utf8(buf)?;
    let text = text
        .strip_prefix('\u{FEFF}')
        .ok_or("the CSV has no byte order mark")?;
    let records = parse_csv(text)?;
    assert_eq!(records.len(), 3, "header and one record per file");
    assert!(records.iter().all(|r| r.len() == 16));
    // Files are sorted by source: `<` sorts before `=`.
    let converted = &records[1];
    let failed = &records[2];
    assert_eq!(converted[0], report.files[0].source);
    assert_eq!(converted[11], format!("\"{IMG}\", said Jörg"));
    assert_eq!(converted[12], format!("„{IMG}“, sagte Jörg"));
    assert_eq!(converted[13], format!("word/{IMG}.xml"));
    // The message holds quotes and a comma: it must have been written quoted, quotes doubled.
    assert!(text.contains(&format!("\"\"\"{IMG}\"\", said Jörg\"")));
    // Formula-looking cells keep their text behind an apostrophe.
    assert_eq!(failed[6], format!("'=1+1 {IMG}\r\nline two, with a comma"));
    assert_eq!(failed[0], report.files[1].source);
    Ok(())
}

/// The attributes the report may use; anything else (an `onerror`, an `src`) means data became
/// markup.
const ALLOWED_ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
    "id",
    "class",
    "title",
    "href",
    "type",
    "placeholder",
    "aria-controls",
    "aria-live",
    "aria-expanded",
    "aria-label",
    "value",
    "hidden",
    "colspan",
    "role",
    "data-col",
    "data-type",
    "data-sort",
    "data-verdict",
    // SVG
    "viewBox",
    "width",
    "height",
    "cx",
    "cy",
    "r",
    "x",
    "y",
    "rx",
    "transform",
    "text-anchor",
    "dominant-baseline",
    "stroke-dasharray",
    "stroke-dashoffset",
];

/// A start tag's name and its attributes (name, value as written).
type Tag = (String, Vec<(String, String)>);

/// Every start tag of the page outside `<script>` and `<style>`.
fn start_tags(page: &str) -> Result<Vec<Tag>, String> {
    let mut tags = Vec::new();
    let mut rest = page;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find('>').ok_or("unterminated tag")?;
        let inside = &rest[..end];
        let (name, mut attrs_text) = inside.split_once(' ').unwrap_or((inside, ""));
        let mut attrs = Vec::new();
        while !attrs_text.is_empty() {
            let (attr, after) = attrs_text
                .split_once("=\"")
                .ok_or_else(|| format!("attribute without a quoted value in <{inside}>"))?;
            let close = after.find('"').ok_or("unterminated attribute")?;
            attrs.push((attr.to_string(), after[..close].to_string()));
            attrs_text = after[close + 1..].trim_start();
        }
        tags.push((name.to_string(), attrs));
        rest = &rest[end + 1..];
        for raw in ["script", "style"] {
            if name == raw {
                let close = rest
                    .find(&format!("</{raw}>"))
                    .ok_or("unterminated raw text")?;
                rest = &rest[close..];
            }
        }
    }
    Ok(tags)
}

#[test]
fn html_never_lets_data_become_markup() -> Result<(), Box<dyn std::error::Error>> {
    let report = hostile_report();
    for lang in [Lang::En, Lang::De] {
        let page = render_html(&report, lang);
        assert!(
            !page.to_ascii_lowercase().contains("<img"),
            "raw <img in the {lang:?} page"
        );
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
        let tags = start_tags(&page)?;
        assert!(tags.len() > 50, "{} tags", tags.len());
        for (name, attrs) in &tags {
            assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric()),
                "tag name {name:?}"
            );
            assert_ne!(name, "img");
            for (attr, value) in attrs {
                assert!(
                    ALLOWED_ATTRIBUTES.contains(&attr.as_str()),
                    "unexpected attribute {attr}={value:?} on <{name}>"
                );
                assert!(
                    !value.contains(['<', '>', '"']),
                    "unescaped {attr}={value:?} on <{name}>"
                );
                if attr == "href" {
                    assert!(value.starts_with("file:///"), "{value}");
                    assert!(
                        value.chars().all(|c| c.is_ascii_graphic() && c != '&'),
                        "{value}"
                    );
                }
            }
        }
        // The escaped name is in the link title and the sort key, and the source's link is
        // percent-encoded.
        assert!(page.contains("title=\"/srv/&lt;img src=x onerror=alert(1)&gt;/&lt;img"));
        assert!(page.contains("href=\"file:///srv/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/"));
        // A relative target has no base to link to: shown as text only.
        assert!(!page.contains("href=\"relative"));
        assert_eq!(page.matches("<script>").count(), 1);
        let message = match lang {
            Lang::En => "&quot;&lt;img src=x onerror=alert(1)&gt;&quot;, said Jörg",
            Lang::De => "„&lt;img src=x onerror=alert(1)&gt;“, sagte Jörg",
        };
        assert!(page.contains(message), "{lang:?}");
    }
    Ok(())
}
