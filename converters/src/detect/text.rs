//! Text-based and tiny formats recognised from their first bytes: RTF, the Office 2003 XML
//! formats, flat OPC and flat ODF, and Office owner (lock) files.

use quick_xml::events::Event;

use super::le::u16_at;
use super::{Container, Detection, Format};
use crate::findings::{Finding, FindingKind};
use crate::xml::{self, ns};

/// Skips a UTF-8 byte order mark and leading white space.
fn trim_start(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    &head[start..]
}

/// UTF-16 text (with a byte order mark) re-encoded as UTF-8, so the XML sniffing sees one encoding.
fn utf16_to_utf8(head: &[u8]) -> Option<Vec<u8>> {
    let (body, le) = if let Some(b) = head.strip_prefix(b"\xFF\xFE") {
        (b, true)
    } else if let Some(b) = head.strip_prefix(b"\xFE\xFF") {
        (b, false)
    } else {
        return None;
    };
    let units = body.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Some(text.into_bytes())
}

/// An HTML page: a doctype or html element near the start (case-insensitive).
pub(super) fn looks_like_html(head: &[u8]) -> bool {
    let converted = utf16_to_utf8(head);
    let head = trim_start(converted.as_deref().unwrap_or(head));
    let start = &head[..head.len().min(1024)];
    let lower = String::from_utf8_lossy(start).to_ascii_lowercase();
    lower.starts_with("<!doctype html") || lower.contains("<html")
}

pub(super) fn detect_text(head: &[u8]) -> Option<Detection> {
    let converted = utf16_to_utf8(head);
    let head = trim_start(converted.as_deref().unwrap_or(head));
    if head.starts_with(b"{\\rtf") {
        return Some(Detection::new(Format::Rtf, Container::Rtf));
    }
    if head.starts_with(b"<") {
        return detect_xml(head);
    }
    None
}

/// Decides by the `mso-application` processing instruction or the root element's namespace and
/// local name. Only the first few KiB are parsed; a DTD is passed over unread (entities are
/// never expanded), and anything unparsable means "not one of these formats".
fn detect_xml(head: &[u8]) -> Option<Detection> {
    let mut reader = xml::reader(head);
    let mut progid: Option<Format> = None;
    let mut template = false;
    loop {
        let (resolved, event) = reader.read_resolved_event().ok()?;
        match event {
            Event::PI(pi) => {
                let content = String::from_utf8_lossy(pi.as_ref()).to_ascii_lowercase();
                if content.starts_with("mso-application") {
                    if content.contains("word.document") {
                        progid = Some(Format::WordMl2003);
                    } else if content.contains("excel.sheet") {
                        progid = Some(Format::SpreadsheetMl2003);
                    }
                }
            }
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                let format = if xml::is(&resolved, local, ns::WORDML_2003, b"wordDocument") {
                    Format::WordMl2003
                } else if xml::is(&resolved, local, ns::SPREADSHEETML_2003, b"Workbook") {
                    Format::SpreadsheetMl2003
                } else if xml::is(&resolved, local, ns::FLAT_OPC, b"package") {
                    Format::FlatOpc
                } else if xml::is(&resolved, local, ns::ODF_OFFICE, b"document") {
                    let (f, t) = flat_odf_format(&reader, &e);
                    template = t;
                    f
                } else {
                    // An Office 2003 XML file whose root is bound unusually still names itself.
                    progid?
                };
                let mut d = Detection::new(format, Container::Xml);
                d.template |= template;
                if format == Format::WordMl2003 || format == Format::SpreadsheetMl2003 {
                    d.findings.push(Finding::new(FindingKind::OldFormat {
                        variant: if format == Format::WordMl2003 {
                            "Word 2003 XML".into()
                        } else {
                            "Excel 2003 XML".into()
                        },
                    }));
                }
                if format.is_open() {
                    d.variant = Some("flat XML".into());
                }
                return Some(d);
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The kind of a flat ODF document from its `office:mimetype` attribute (ODF 1.3 Part 3 §3.1.4).
fn flat_odf_format(
    reader: &quick_xml::NsReader<&[u8]>,
    e: &quick_xml::events::BytesStart<'_>,
) -> (Format, bool) {
    for a in e.attributes().flatten() {
        let (resolved, local) = reader.resolver().resolve_attribute(a.key);
        if xml::is(&resolved, local.as_ref(), ns::ODF_OFFICE, b"mimetype") {
            let v = xml::value(&a).unwrap_or_default();
            return super::ooxml::format_of_odf_mimetype(&v).unwrap_or((Format::Odf, false));
        }
    }
    (Format::Odf, false)
}

/// An Office owner file: the user name as a length-prefixed 8-bit string padded to 54 bytes, then
/// the same length and the name in UTF-16. Word, Excel and PowerPoint write 162 or 165 bytes.
pub(super) fn detect_owner_file(head: &[u8], total: u64) -> Option<Detection> {
    if !(56..=1024).contains(&total) {
        return None;
    }
    let n = usize::from(*head.first()?);
    if n == 0 || n > 53 {
        return None;
    }
    let repeated = u16_at(head, 55)?;
    if usize::from(repeated) != n {
        return None;
    }
    // The UTF-16 copy of the name must be there and plausible (no NUL units inside it).
    let wide = head.get(57..57 + 2 * n)?;
    if wide.chunks_exact(2).any(|c| c == [0, 0]) {
        return None;
    }
    let mut d = Detection::new(Format::LockFile, Container::Raw);
    d.findings.push(Finding::new(FindingKind::OwnerFile));
    Some(d)
}
