//! Word fields that become ODF fields (ECMA-376-1 §17.16): page number and count, document
//! information and statistics, date and time. Other fields keep the result Word saved.

use crate::text::{DocInfo, Field, RunProps};

/// PAGE and NUMPAGES become ODF fields (ODF 1.3 §7.3.3, §7.3.4), and so do the document
/// properties ODF has a field for (§7.5); other fields keep their result.
pub(super) fn simple_field(instr: &str, props: RunProps) -> Option<Field> {
    let mut words = instr.split_whitespace();
    let name = words.next()?.to_ascii_uppercase();
    match name.as_str() {
        "PAGE" => Some(Field::PageNumber(props)),
        "NUMPAGES" | "SECTIONPAGES" => Some(Field::PageCount(props)),
        "DOCPROPERTY" => {
            let prop = words.next()?.trim_matches('"');
            doc_property(prop).map(|d| Field::DocInfo(d, props))
        }
        "TITLE" => Some(Field::DocInfo(DocInfo::Title, props)),
        "SUBJECT" => Some(Field::DocInfo(DocInfo::Subject, props)),
        "KEYWORDS" => Some(Field::DocInfo(DocInfo::Keywords, props)),
        "COMMENTS" => Some(Field::DocInfo(DocInfo::Description, props)),
        "LASTSAVEDBY" => Some(Field::DocInfo(DocInfo::Creator, props)),
        "NUMWORDS" => Some(Field::DocInfo(DocInfo::WordCount, props)),
        "NUMCHARS" => Some(Field::DocInfo(DocInfo::CharacterCount, props)),
        // ECMA-376-1 §17.16.5.13 DATE, §17.16.5.69 TIME: the current date or time, shown in
        // the \@ picture. Without one LibreOffice's import shows its own defaults for the
        // language, which for English are a short-year date (11/27/26) and a 24-hour time with
        // seconds (22:56:32), so those are the pictures used here.
        "DATE" | "TIME" => {
            let time = name == "TIME";
            let picture = instr
                .split_once("\\@")
                .map(|(_, rest)| {
                    let rest = rest.trim_start();
                    match rest.strip_prefix('"') {
                        Some(q) => q.split('"').next().unwrap_or("").to_string(),
                        None => rest.split_whitespace().next().unwrap_or("").to_string(),
                    }
                })
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| if time { "HH:mm:ss" } else { "M/d/yy" }.to_string());
            Some(Field::Date {
                picture,
                time,
                props,
            })
        }
        _ => None,
    }
}

/// The DOCPROPERTY names (ECMA-376-1 §17.16.5.16) LibreOffice shows with an ODF document
/// information or statistics field; the others (author, creation time, lines, bytes...) keep
/// the result Word saved, as LibreOffice's own import does.
fn doc_property(name: &str) -> Option<DocInfo> {
    Some(match name.to_ascii_lowercase().as_str() {
        "title" => DocInfo::Title,
        "subject" => DocInfo::Subject,
        "keywords" => DocInfo::Keywords,
        "comments" => DocInfo::Description,
        "lastsavedby" => DocInfo::Creator,
        "lastprinted" => DocInfo::PrintTime,
        "lastsavedtime" => DocInfo::ModificationDate,
        "revisionnumber" => DocInfo::EditingCycles,
        "totaleditingtime" => DocInfo::EditingDuration,
        "words" => DocInfo::WordCount,
        "characters" => DocInfo::CharacterCount,
        "paragraphs" => DocInfo::ParagraphCount,
        // LibreOffice's import shows the template with its location, which a converted
        // document does not know: the field shows nothing, however Word's result read.
        "template" => DocInfo::TemplateName,
        _ => return None,
    })
}
