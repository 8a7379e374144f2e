//! XML helpers: namespace constants and a hardened reader for package parts.
//!
//! Matching is always on namespace URI and local name, never on prefixes. Package parts must not
//! carry a DTD (ECMA-376 Part 2, §8.1.4 M1.17 for the OPC parts; the same rule guards every part
//! here): a DOCTYPE is rejected, so entity tricks (billion laughs, external entities) cannot
//! expand. quick-xml never expands custom entities itself; unknown references are an error.

use quick_xml::NsReader;
use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;
use quick_xml::events::Event;
use quick_xml::events::attributes::Attribute;
use quick_xml::name::{Namespace, ResolveResult};

use crate::error::DetectError;

pub mod ns {
    //! Namespace URIs matched by the readers.
    pub const CONTENT_TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
    pub const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    pub const WORDML_2003: &str = "http://schemas.microsoft.com/office/word/2003/wordml";
    pub const SPREADSHEETML_2003: &str = "urn:schemas-microsoft-com:office:spreadsheet";
    pub const FLAT_OPC: &str = "http://schemas.microsoft.com/office/2006/xmlPackage";
    pub const ODF_OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
}

/// A namespace-aware reader over a byte slice with the project's hardening settings.
pub fn reader(bytes: &[u8]) -> NsReader<&[u8]> {
    let mut r = NsReader::from_reader(bytes);
    r.config_mut().trim_text(false);
    r
}

/// Whether a resolved element name is `{namespace}local`.
pub fn is(
    resolved: &ResolveResult<'_>,
    local: &[u8],
    namespace: &str,
    actual_local: &[u8],
) -> bool {
    matches!(resolved, ResolveResult::Bound(Namespace(n)) if *n == namespace.as_bytes())
        && local == actual_local
}

/// Character data with its line ends normalised as an XML processor must (XML 1.0 §2.11): a
/// literal CR LF or lone CR becomes LF. quick-xml hands text over as written; a CR written as
/// `&#13;` arrives as a reference and stays.
pub fn normalize_line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The text of a character reference or predefined entity (XML 1.0 §4.1, §4.6). Any other
/// entity is an error: package parts carry no DTD that could define one.
pub fn reference_text(r: &quick_xml::events::BytesRef<'_>) -> Result<String, String> {
    let name = r.decode().map_err(|e| e.to_string())?;
    match r.resolve_char_ref().map_err(|e| e.to_string())? {
        Some(c) => Ok(c.to_string()),
        None => quick_xml::escape::resolve_predefined_entity(&name)
            .map(str::to_string)
            .ok_or_else(|| format!("unknown entity &{name};")),
    }
}

/// An attribute value with entities resolved and white space normalised (XML 1.0 §3.3.3).
/// Only the predefined entities are known; any other reference is an error.
pub fn value(a: &Attribute<'_>) -> Result<String, DetectError> {
    a.normalized_value(XmlVersion::Implicit1_0)
        .map(|v| v.into_owned())
        .map_err(|err| DetectError::Xml(err.to_string()))
}

/// The unescaped value of the unqualified attribute `name` (OPC attributes carry no namespace).
pub fn attr(e: &BytesStart<'_>, name: &[u8]) -> Result<Option<String>, DetectError> {
    for a in e.attributes() {
        let a = a.map_err(|err| DetectError::Xml(err.to_string()))?;
        if a.key.as_ref() == name {
            return value(&a).map(Some);
        }
    }
    Ok(None)
}

/// Calls `f` with every start (or empty) element of a small package part, resolved to its
/// namespace. A DTD anywhere in the part is refused (see the module comment).
pub fn for_each_element(
    bytes: &[u8],
    part: &str,
    mut f: impl FnMut(&ResolveResult<'_>, &BytesStart<'_>) -> Result<(), DetectError>,
) -> Result<(), DetectError> {
    let mut reader = reader(bytes);
    loop {
        let (resolved, event) = reader
            .read_resolved_event()
            .map_err(|e| DetectError::Xml(format!("{part}: {e}")))?;
        match event {
            Event::DocType(_) => {
                return Err(DetectError::Dtd {
                    part: part.to_string(),
                });
            }
            Event::Start(e) | Event::Empty(e) => f(&resolved, &e)?,
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_are_normalised() {
        assert_eq!(normalize_line_ends("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert!(matches!(
            normalize_line_ends("plain\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
