//! Text fields (ODF 1.3 §7.3 page fields, §7.5 document information and statistics fields).

use crate::odf::XmlWriter;
use crate::text::{DocInfo, Field, Meta, RunProps};

/// The character formatting a field is shown with.
pub fn props(f: &Field) -> &RunProps {
    match f {
        Field::PageNumber(p) | Field::PageCount(p) | Field::DocInfo(_, p) => p,
        Field::Date { props, .. } => props,
    }
}

/// Writes the field element; its content is the value known now, which a consumer may refresh.
/// `data_style` names the date or time style of a date field.
pub fn write(x: &mut XmlWriter, meta: &Meta, f: &Field, data_style: Option<&str>) {
    match f {
        Field::Date { time, .. } => {
            // Not fixed: the consumer shows the current date or time (ODF 1.3 §7.3.2, §7.3.3).
            let tag = if *time { "text:time" } else { "text:date" };
            match data_style {
                Some(s) => x.element(tag, &[("style:data-style-name", s)], ""),
                None => x.element(tag, &[], ""),
            }
        }
        Field::PageNumber(_) => {
            x.element("text:page-number", &[("text:select-page", "current")], "1")
        }
        Field::PageCount(_) => x.element("text:page-count", &[], "1"),
        Field::DocInfo(d, _) => {
            let count = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            // Dates are xsd:dateTime in the core properties; show the date or the time part.
            let date = |v: &Option<String>| text(v).split('T').next().unwrap_or("").to_string();
            let time = |v: &Option<String>| {
                text(v)
                    .split('T')
                    .nth(1)
                    .map(|t| t.chars().take(5).collect())
                    .unwrap_or_default()
            };
            let (tag, value) = match d {
                DocInfo::Title => ("text:title", text(&meta.title)),
                DocInfo::Subject => ("text:subject", text(&meta.subject)),
                DocInfo::Keywords => ("text:keywords", text(&meta.keywords)),
                DocInfo::Description => ("text:description", text(&meta.description)),
                DocInfo::Creator => ("text:creator", text(&meta.last_modified_by)),
                DocInfo::PrintTime => ("text:print-time", time(&meta.printed)),
                DocInfo::ModificationDate => ("text:modification-date", date(&meta.modified)),
                DocInfo::EditingCycles => ("text:editing-cycles", text(&meta.revision)),
                DocInfo::EditingDuration => {
                    let m = meta.editing_minutes.unwrap_or(0);
                    (
                        "text:editing-duration",
                        format!("{:02}:{:02}", m / 60, m % 60),
                    )
                }
                DocInfo::WordCount => ("text:word-count", count(meta.words)),
                DocInfo::CharacterCount => {
                    ("text:character-count", count(meta.characters_with_spaces))
                }
                DocInfo::ParagraphCount => ("text:paragraph-count", count(meta.paragraphs)),
                DocInfo::TemplateName => {
                    // The template's location is not known (meta:template has no link).
                    x.element("text:template-name", &[("text:display", "full")], "");
                    return;
                }
            };
            x.element(tag, &[], &value);
        }
    }
}

/// One piece of a date-time picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatePart {
    /// An ODF number: element (`number:day`, ...) and whether it is the long form.
    Element(&'static str, bool),
    /// Month or weekday as a word: element and long form.
    Textual(&'static str, bool),
    Text(String),
}

/// Word's date-time picture (ECMA-376-1 §17.16.4.1: d, dd, ddd, dddd, M..MMMM, yy, yyyy, h,
/// hh, H, HH, m, mm, s, ss, am/pm, quoted text) as ODF data style parts.
pub fn date_parts(picture: &str) -> Vec<DatePart> {
    let chars: Vec<char> = picture.chars().take(200).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<DatePart>| {
        if !text.is_empty() {
            out.push(DatePart::Text(std::mem::take(text)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&d| d == c).count();
        let lower: String = chars[i..].iter().take(5).collect::<String>().to_lowercase();
        if lower.starts_with("am/pm") {
            flush(&mut text, &mut out);
            out.push(DatePart::Element("number:am-pm", false));
            i += 5;
            continue;
        }
        let part = match c {
            'd' if run >= 3 => Some(DatePart::Textual("number:day-of-week", run >= 4)),
            'd' => Some(DatePart::Element("number:day", run >= 2)),
            'M' if run >= 3 => Some(DatePart::Textual("number:month", run >= 4)),
            'M' => Some(DatePart::Element("number:month", run >= 2)),
            'y' => Some(DatePart::Element("number:year", run >= 3)),
            'h' | 'H' => Some(DatePart::Element("number:hours", run >= 2)),
            'm' => Some(DatePart::Element("number:minutes", run >= 2)),
            's' => Some(DatePart::Element("number:seconds", run >= 2)),
            _ => None,
        };
        match part {
            Some(p) => {
                flush(&mut text, &mut out);
                out.push(p);
                i += run;
            }
            None if c == '\'' || c == '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&d| d == c)
                    .map_or(chars.len(), |p| i + 1 + p);
                text.extend(&chars[i + 1..end]);
                i = end + 1;
            }
            None => {
                text.push(c);
                i += 1;
            }
        }
    }
    flush(&mut text, &mut out);
    out
}
