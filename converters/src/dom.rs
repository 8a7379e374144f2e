//! A small namespace-resolved element tree for reading OOXML parts.
//!
//! Parts are parsed once into elements whose names are (namespace, local name) pairs; Strict and
//! Transitional namespaces resolve to the same [`Ns`], so readers match on meaning, never on
//! prefixes. `mc:AlternateContent` (ECMA-376-3 §10.2) is resolved while parsing: the first
//! `mc:Choice` whose required namespaces the readers know is taken, else `mc:Fallback`. DTDs are refused, depth and element count are bounded.

use compact_str::CompactString;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use crate::error::DetectError;
use crate::xml;

/// The namespaces the readers know. Transitional and Strict URIs map to the same variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ns {
    /// WordprocessingML main.
    W,
    /// Relationships (r:id, r:embed).
    R,
    /// DrawingML WordprocessingML drawing (wp:inline, wp:anchor).
    Wp,
    /// DrawingML main (a:).
    A,
    /// DrawingML picture (pic:).
    Pic,
    /// DrawingML chart (c:, ECMA-376-1 §21.2).
    C,
    /// Markup compatibility (mc:).
    Mc,
    /// SpreadsheetML main (ECMA-376-1 §18).
    X,
    /// SpreadsheetML drawing (xdr:, ECMA-376-1 §20.5).
    Xdr,
    /// DrawingML 2010 additions (a14:). Known so that an `mc:Choice` requiring them is taken,
    /// as LibreOffice's import does (pictures of Excel's camera tool come only in such a
    /// Choice, with an empty Fallback).
    A14,
    /// Excel 2010 SpreadsheetML additions (x14:, [MS-XLSX] §2.6): extension validations and
    /// conditional formats.
    X14,
    /// Excel's formula and reference elements in extensions (xm:f, xm:sqref).
    Xm,
    /// VML (v:).
    V,
    /// Office VML extensions (o:).
    O,
    /// Office Math (m:).
    M,
    /// Word 2010 shapes (wps:).
    Wps,
    /// Word 2010 group shapes (wpg:).
    Wpg,
    /// Word 2010 WordprocessingML additions (w14:). Known so that an `mc:Choice` requiring
    /// them is taken, as LibreOffice's import does (custom number formats in numbering).
    W14,
    /// SmartArt cached drawing (dsp:, [MS-ODRAWXML] §2.4).
    Dsp,
    /// Word's VML extensions (w10:wrap, ECMA-376-4 §14.3).
    W10,
    /// Excel's VML extensions (x:ClientData of a cell comment's note shape).
    XlVml,
    /// Threaded comments and persons (Excel 2019, [MS-XLSX] §2.6.205).
    Tc,
    /// `xml:` (xml:space).
    Xml,
    /// Package core properties, Dublin Core and friends.
    Cp,
    Dc,
    DcTerms,
    /// Custom properties (docProps/custom.xml).
    Ep,
    /// Extended (application) properties (docProps/app.xml).
    Xp,
    Vt,
    /// No namespace (unqualified attributes).
    None,
    /// Anything else.
    Other,
}

fn ns_of(uri: &[u8]) -> Ns {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        | b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => Ns::Wp,
        b"http://schemas.openxmlformats.org/drawingml/2006/main"
        | b"http://purl.oclc.org/ooxml/drawingml/main" => Ns::A,
        b"http://schemas.openxmlformats.org/drawingml/2006/picture"
        | b"http://purl.oclc.org/ooxml/drawingml/picture" => Ns::Pic,
        b"http://schemas.openxmlformats.org/drawingml/2006/chart"
        | b"http://purl.oclc.org/ooxml/drawingml/chart" => Ns::C,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        | b"http://purl.oclc.org/ooxml/spreadsheetml/main" => Ns::X,
        b"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
        | b"http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing" => Ns::Xdr,
        b"http://schemas.microsoft.com/office/drawing/2010/main" => Ns::A14,
        b"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" => Ns::X14,
        b"http://schemas.microsoft.com/office/excel/2006/main" => Ns::Xm,
        b"urn:schemas-microsoft-com:vml" => Ns::V,
        b"urn:schemas-microsoft-com:office:office" => Ns::O,
        b"urn:schemas-microsoft-com:office:word" => Ns::W10,
        b"urn:schemas-microsoft-com:office:excel" => Ns::XlVml,
        b"http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" => Ns::Tc,
        b"http://schemas.openxmlformats.org/officeDocument/2006/math"
        | b"http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
        b"http://schemas.microsoft.com/office/word/2010/wordprocessingShape" => Ns::Wps,
        b"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" => Ns::Wpg,
        b"http://schemas.microsoft.com/office/word/2010/wordml" => Ns::W14,
        b"http://schemas.microsoft.com/office/drawing/2008/diagram" => Ns::Dsp,
        b"http://www.w3.org/XML/1998/namespace" => Ns::Xml,
        b"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" => Ns::Cp,
        b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
        b"http://purl.org/dc/terms/" => Ns::DcTerms,
        b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
        | b"http://purl.oclc.org/ooxml/officeDocument/customProperties" => Ns::Ep,
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
        | b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties" => Ns::Xp,
        b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
        | b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes" => Ns::Vt,
        _ => Ns::Other,
    }
}

pub fn resolved_ns(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(Namespace(uri)) => ns_of(uri),
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

#[derive(Debug, Clone)]
pub struct Attr {
    pub ns: Ns,
    pub name: CompactString,
    pub value: CompactString,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Element {
    pub ns: Ns,
    /// Local names and short values stay inline (no allocation): parsing is allocation-bound.
    pub name: CompactString,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    pub fn attr(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// A `w:` attribute (`w:val`, ...).
    pub fn w(&self, name: &str) -> Option<&str> {
        self.attr(Ns::W, name)
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, ns: Ns, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    pub fn children_named<'a>(
        &'a self,
        ns: Ns,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.is(ns, name))
    }

    /// The first descendant (depth first) with this name.
    pub fn find(&self, ns: Ns, name: &str) -> Option<&Element> {
        for e in self.elements() {
            if e.is(ns, name) {
                return Some(e);
            }
            if let Some(found) = e.find(ns, name) {
                return Some(found);
            }
        }
        None
    }

    /// All text content below this element, concatenated.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }

    fn collect_text(&self, s: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) => e.collect_text(s),
            }
        }
    }
}

/// Bounds on a parsed part: real documents stay far below them.
const MAX_DEPTH: usize = 512;
const MAX_ELEMENTS: usize = 20_000_000;

/// Parses a part into its root element.
pub fn parse(bytes: &[u8], part: &str) -> Result<Element, DetectError> {
    let bad = |detail: String| DetectError::Xml(format!("{part}: {detail}"));
    crate::budget::check()?;
    let mut reader = xml::reader(bytes);
    let mut tree = Builder::default();
    loop {
        let (resolved, event) = reader
            .read_resolved_event()
            .map_err(|e| bad(e.to_string()))?;
        if matches!(event, Event::Eof) {
            break;
        }
        let ns = resolved_ns(&resolved);
        tree.feed(&reader, ns, &event, part)?;
    }
    tree.root.ok_or_else(|| bad("no root element".into()))
}

/// Builds an element tree from reader events, for [`parse`] and for readers that stream a part
/// and want a tree of one subtree only (a worksheet's conditional formats).
#[derive(Debug)]
pub struct Builder {
    stack: Vec<Element>,
    root: Option<Element>,
    count: usize,
    limit: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Self::limited(MAX_ELEMENTS)
    }
}

impl Builder {
    /// A builder that refuses trees of more than `limit` elements (a subtree of a streamed
    /// part gets a bound of its own, as its tree costs memory the stream does not).
    pub fn limited(limit: usize) -> Self {
        Self {
            stack: Vec::new(),
            root: None,
            count: 0,
            limit,
        }
    }

    /// Takes one event, whose element namespace is `ns` ([`resolved_ns`]); `part` names the part
    /// in errors.
    pub fn feed(
        &mut self,
        reader: &quick_xml::NsReader<&[u8]>,
        ns: Ns,
        event: &Event<'_>,
        part: &str,
    ) -> Result<(), DetectError> {
        let bad = |detail: String| DetectError::Xml(format!("{part}: {detail}"));
        match event {
            Event::DocType(_) => {
                return Err(DetectError::Dtd {
                    part: part.to_string(),
                });
            }
            Event::Start(e) | Event::Empty(e) => {
                self.count += 1;
                // Reading the clock on every element would cost more than the element.
                if self.count.is_multiple_of(4096) {
                    crate::budget::check()?;
                }
                if self.stack.len() >= MAX_DEPTH || self.count > self.limit {
                    return Err(bad("nested too deeply or too many elements".into()));
                }
                let el = element(reader, ns, e)?;
                if matches!(event, Event::Start(_)) {
                    self.stack.push(el);
                } else {
                    attach(&mut self.stack, &mut self.root, el);
                }
            }
            Event::End(_) => {
                let Some(el) = self.stack.pop() else {
                    return Err(bad("unbalanced end tag".into()));
                };
                attach(&mut self.stack, &mut self.root, el);
            }
            Event::Text(t) => {
                if let Some(top) = self.stack.last_mut() {
                    let text = t.decode().map_err(|e| bad(e.to_string()))?;
                    push_text(top, &crate::xml::normalize_line_ends(&text));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = self.stack.last_mut() {
                    let ch = crate::xml::reference_text(r).map_err(bad)?;
                    push_text(top, &ch);
                }
            }
            Event::CData(t) => {
                if let Some(top) = self.stack.last_mut() {
                    push_text(top, &String::from_utf8_lossy(t));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Whether the first element is complete.
    pub fn done(&self) -> bool {
        self.root.is_some() && self.stack.is_empty()
    }

    /// The finished tree, if its root element was closed.
    pub fn finish(self) -> Option<Element> {
        self.root.filter(|_| self.stack.is_empty())
    }
}

/// Reads the rest of an element whose start tag a streaming reader has just returned, as a
/// tree: the worksheet reader streams millions of cells but takes its few small sections
/// (hyperlinks, print setup, protection) this way. `ns` is the start tag's namespace.
pub fn subtree(
    reader: &mut quick_xml::NsReader<&[u8]>,
    ns: Ns,
    start: &BytesStart<'_>,
    empty: bool,
    part: &str,
) -> Result<Element, DetectError> {
    let mut tree = Builder::default();
    let first = if empty {
        Event::Empty(start.borrow())
    } else {
        Event::Start(start.borrow())
    };
    tree.feed(reader, ns, &first, part)?;
    while !tree.done() {
        let (resolved, event) = reader
            .read_resolved_event()
            .map_err(|e| DetectError::Xml(format!("{part}: {e}")))?;
        if matches!(event, Event::Eof) {
            break;
        }
        let ns = resolved_ns(&resolved);
        tree.feed(reader, ns, &event, part)?;
    }
    tree.finish()
        .ok_or_else(|| DetectError::Xml(format!("{part}: an element that does not end")))
}

fn push_text(top: &mut Element, text: &str) {
    if let Some(Node::Text(prev)) = top.children.last_mut() {
        prev.push_str(text);
    } else {
        top.children.push(Node::Text(text.to_string()));
    }
}

fn element(
    reader: &quick_xml::NsReader<&[u8]>,
    ns: Ns,
    e: &BytesStart<'_>,
) -> Result<Element, DetectError> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| DetectError::Xml(err.to_string()))?;
        if a.key.as_ref().starts_with(b"xmlns") {
            continue;
        }
        let (resolved, local) = reader.resolver().resolve_attribute(a.key);
        attrs.push(Attr {
            ns: resolved_ns(&resolved),
            name: CompactString::from_utf8_lossy(local.as_ref()),
            value: CompactString::from(xml::value(&a)?),
        });
    }
    let name = CompactString::from_utf8_lossy(e.local_name().as_ref());
    if ns == Ns::Mc && name == "Choice" {
        // A Choice applies only when every namespace it requires is one the readers know
        // (ECMA-376-3 §10.2.1); the verdict is kept as a marker attribute for `attach`.
        let requires = attrs
            .iter()
            .find(|a| a.ns == Ns::None && a.name == "Requires")
            .map(|a| a.value.to_string())
            .unwrap_or_default();
        let understood = requires.split_whitespace().all(|prefix| {
            let qname = [prefix.as_bytes(), b":x"].concat();
            let (resolved, _) = reader
                .resolver()
                .resolve_element(quick_xml::name::QName(&qname));
            !matches!(resolved_ns(&resolved), Ns::Other | Ns::None)
        });
        if understood {
            attrs.push(Attr {
                ns: Ns::Mc,
                name: CompactString::from(UNDERSTOOD),
                value: CompactString::from("1"),
            });
        }
    }
    Ok(Element {
        ns,
        name,
        attrs,
        children: Vec::new(),
    })
}

/// Marker on an `mc:Choice` whose required namespaces are all known.
const UNDERSTOOD: &str = "understood";

/// Adds a finished element to its parent, resolving `mc:AlternateContent` on the way.
fn attach(stack: &mut [Element], root: &mut Option<Element>, el: Element) {
    let nodes: Vec<Node> = if el.is(Ns::Mc, "AlternateContent") {
        let branch = el
            .elements()
            .find(|c| c.is(Ns::Mc, "Choice") && c.attr(Ns::Mc, UNDERSTOOD).is_some())
            .or_else(|| el.elements().find(|c| c.is(Ns::Mc, "Fallback")));
        match branch {
            Some(b) => b.children.clone(),
            None => Vec::new(),
        }
    } else {
        vec![Node::Element(el)]
    };
    match stack.last_mut() {
        Some(parent) => parent.children.extend(nodes),
        None => {
            if root.is_none()
                && let Some(Node::Element(e)) = nodes.into_iter().next()
            {
                *root = Some(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_namespaces_and_alternate_content() -> Result<(), Box<dyn std::error::Error>> {
        let xml = br#"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body><w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t xml:space="preserve">a &amp; b&#x20;</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p></w:body></w:document>"#;
        let root = parse(xml, "doc")?;
        assert!(root.is(Ns::W, "document"));
        let p = root.find(Ns::W, "p").ok_or("no paragraph")?;
        assert_eq!(p.text(), "a & b ");
        assert!(p.child(Ns::W, "r").is_some());
        Ok(())
    }

    #[test]
    fn a_choice_needing_an_unknown_namespace_gives_way_to_the_fallback()
    -> Result<(), Box<dyn std::error::Error>> {
        // wp14 (percentage positions) is not read: its Fallback applies. An undeclared prefix
        // is not understood either.
        for requires in ["wp14", "wps wp14", "nope"] {
            let xml = format!(
                r#"<w:p xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"><mc:AlternateContent><mc:Choice Requires="{requires}"><w:r><w:t>choice</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#
            );
            let root = parse(xml.as_bytes(), "doc")?;
            assert_eq!(root.text(), "fallback", "Requires={requires}");
        }
        Ok(())
    }

    #[test]
    fn a_choice_needing_drawingml_2010_is_taken() -> Result<(), Box<dyn std::error::Error>> {
        let xml = r#"<r xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:AlternateContent><mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" Requires="a14">choice</mc:Choice><mc:Fallback/></mc:AlternateContent></r>"#;
        assert_eq!(parse(xml.as_bytes(), "drawing")?.text(), "choice");
        Ok(())
    }

    #[test]
    fn a_limited_builder_refuses_larger_trees() -> Result<(), Box<dyn std::error::Error>> {
        let build = |xml: &[u8], limit: usize| -> Result<Option<Element>, DetectError> {
            let mut reader = xml::reader(xml);
            let mut tree = Builder::limited(limit);
            loop {
                let (resolved, event) = reader
                    .read_resolved_event()
                    .map_err(|e| DetectError::Xml(e.to_string()))?;
                if matches!(event, Event::Eof) {
                    return Ok(tree.finish());
                }
                let ns = resolved_ns(&resolved);
                tree.feed(&reader, ns, &event, "p")?;
            }
        };
        let xml = b"<r><a/><b>t</b></r>";
        let root = build(xml, 3)?.ok_or("no tree")?;
        assert_eq!((root.elements().count(), root.text().as_str()), (2, "t"));
        assert!(build(xml, 2).is_err());
        // An unfinished tree is none.
        assert!(!matches!(build(b"<r><a/>", 3), Ok(Some(_))));
        Ok(())
    }

    #[test]
    fn a_subtree_is_read_from_a_streaming_reader_which_then_goes_on()
    -> Result<(), Box<dyn std::error::Error>> {
        let xml = concat!(
            r#"<r xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<a k="1"><b>x<c/></b></a><e/><after/></r>"#
        );
        let mut reader = xml::reader(xml.as_bytes());
        let mut got = Vec::new();
        loop {
            match reader.read_event()? {
                Event::Start(e) if e.local_name().as_ref() == b"a" => {
                    let e = e.into_owned();
                    got.push(subtree(&mut reader, Ns::X, &e, false, "p")?);
                }
                Event::Empty(e) if e.local_name().as_ref() == b"e" => {
                    let e = e.into_owned();
                    got.push(subtree(&mut reader, Ns::X, &e, true, "p")?);
                }
                Event::Empty(e) if e.local_name().as_ref() == b"after" => break,
                Event::Eof => return Err("the reader did not go on after the subtree".into()),
                _ => {}
            }
        }
        assert_eq!(got.len(), 2);
        assert!(got[0].is(Ns::X, "a") && got[0].attr(Ns::None, "k") == Some("1"));
        assert_eq!(got[0].text(), "x");
        assert!(got[0].find(Ns::X, "c").is_some());
        assert!(got[1].is(Ns::X, "e") && got[1].children.is_empty());
        Ok(())
    }

    #[test]
    fn refuses_dtds_and_unknown_entities() {
        assert!(parse(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", "p").is_err());
        assert!(parse(b"<x>&a;</x>", "p").is_err());
    }
}
