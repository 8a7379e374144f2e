//! Text fields (ODF 1.3 §7.3 page fields, §7.5 document information and statistics fields).

use crate::odf::XmlWriter;
use crate::text::{DocInfo, Field, Meta, RunProps};

/// The character formatting a field is shown with.
pub fn props(f: &Field) -> &RunProps {
    match f {
        Field::PageNumber(p) | Field::PageCount(p) | Field::DocInfo(_, p) => p,
    }
}

/// Writes the field element; its content is the value known now, which a consumer may refresh.
pub fn write(x: &mut XmlWriter, meta: &Meta, f: &Field) {
    match f {
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
            };
            x.element(tag, &[], &value);
        }
    }
}
