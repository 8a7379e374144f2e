//! An XML writer for ODF parts on top of quick-xml's escaping writer: every name and value goes
//! through quick-xml events, never through string formatting.

use quick_xml::Writer;
use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

/// Attributes of one element, in order.
pub type Attrs<'a> = &'a [(&'a str, &'a str)];

pub struct XmlWriter {
    w: Writer<Vec<u8>>,
}

impl std::fmt::Debug for XmlWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlWriter").finish_non_exhaustive()
    }
}

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlWriter {
    pub fn new() -> Self {
        let mut w = Writer::new(Vec::with_capacity(64 * 1024));
        // Writing to a Vec cannot fail.
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        Self { w }
    }

    /// A writer for a fragment (no XML declaration), to be spliced into a document later.
    pub fn fragment() -> Self {
        Self {
            w: Writer::new(Vec::new()),
        }
    }

    /// Appends a fragment written by another `XmlWriter` (already escaped).
    pub fn append(&mut self, fragment: XmlWriter) {
        self.w.get_mut().extend_from_slice(&fragment.into_bytes());
    }

    /// Appends a copy of a fragment written by another `XmlWriter` (already escaped).
    pub fn append_copy(&mut self, fragment: &XmlWriter) {
        self.w.get_mut().extend_from_slice(fragment.w.get_ref());
    }

    fn event(&mut self, e: Event<'_>) {
        // Writing into a Vec<u8> cannot fail; the Result only exists for other sinks.
        let _ = self.w.write_event(e);
    }

    pub fn start(&mut self, name: &str, attrs: Attrs<'_>) {
        let e = element(name, attrs.iter().copied());
        self.event(Event::Start(e));
    }

    /// Starts an element whose attributes were collected at run time.
    pub fn start_owned(&mut self, name: &str, attrs: &[(&str, String)]) {
        let e = element(name, attrs.iter().map(|(k, v)| (*k, v.as_str())));
        self.event(Event::Start(e));
    }

    pub fn empty(&mut self, name: &str, attrs: Attrs<'_>) {
        let e = element(name, attrs.iter().copied());
        self.event(Event::Empty(e));
    }

    pub fn empty_owned(&mut self, name: &str, attrs: &[(&str, String)]) {
        let e = element(name, attrs.iter().map(|(k, v)| (*k, v.as_str())));
        self.event(Event::Empty(e));
    }

    pub fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// Character data, escaped.
    pub fn text(&mut self, text: &str) {
        self.event(Event::Text(BytesText::new(text)));
    }

    /// `<name attrs>text</name>`.
    pub fn element(&mut self, name: &str, attrs: Attrs<'_>, text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.w.into_inner()
    }

    /// Bytes written and not yet taken.
    pub fn len(&self) -> usize {
        self.w.get_ref().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves the bytes written so far into `sink`, keeping the buffer for what follows.
    pub fn drain_into(&mut self, sink: &mut impl std::io::Write) -> std::io::Result<()> {
        let buf = self.w.get_mut();
        sink.write_all(buf)?;
        buf.clear();
        Ok(())
    }
}

/// A start tag with its attributes escaped. Besides what quick-xml escapes, tabs and line
/// breaks become character references: a reader normalises them to spaces in attribute values
/// (XML 1.0 §3.3.3), and a formula's string literal or a message must keep them.
fn element<'a>(name: &'a str, attrs: impl Iterator<Item = (&'a str, &'a str)>) -> BytesStart<'a> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        if v.contains(['\t', '\n', '\r']) {
            let mut escaped = String::with_capacity(v.len() + 8);
            for c in quick_xml::escape::escape(v).chars() {
                match c {
                    '\t' => escaped.push_str("&#9;"),
                    '\n' => escaped.push_str("&#10;"),
                    '\r' => escaped.push_str("&#13;"),
                    c => escaped.push(c),
                }
            }
            e.push_attribute(Attribute {
                key: QName(k.as_bytes()),
                value: Cow::Owned(escaped.into_bytes()),
            });
        } else {
            e.push_attribute((k, v));
        }
    }
    e
}

/// Writes paragraph text the way ODF needs it (ODF 1.3 §6.1.2-6.1.4): runs of spaces as
/// `text:s`, tabs as `text:tab`, line feeds as `text:line-break`; other control characters,
/// which XML 1.0 cannot carry, are dropped.
pub fn write_text(x: &mut XmlWriter, s: &str, at_paragraph_start: bool) {
    let mut buf = String::new();
    let mut chars = s.chars().peekable();
    let mut first = at_paragraph_start;
    let mut prev_space = false;
    while let Some(c) = chars.next() {
        match c {
            ' ' => {
                if first || prev_space {
                    // Leading or repeated spaces are collapsed by ODF readers unless spelled out.
                    let mut n = 1;
                    while chars.peek() == Some(&' ') {
                        chars.next();
                        n += 1;
                    }
                    flush(x, &mut buf);
                    let count = n.to_string();
                    if n == 1 {
                        x.empty("text:s", &[]);
                    } else {
                        x.empty("text:s", &[("text:c", &count)]);
                    }
                    prev_space = true;
                } else {
                    buf.push(' ');
                    prev_space = true;
                }
            }
            '\t' => {
                flush(x, &mut buf);
                x.empty("text:tab", &[]);
                prev_space = false;
            }
            '\n' => {
                flush(x, &mut buf);
                x.empty("text:line-break", &[]);
                prev_space = false;
            }
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => {
                buf.push(c);
                prev_space = false;
            }
        }
        first = false;
    }
    flush(x, &mut buf);
}

fn flush(x: &mut XmlWriter, buf: &mut String) {
    if !buf.is_empty() {
        x.text(buf);
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(s: &str, start: bool) -> String {
        let mut x = XmlWriter::new();
        write_text(&mut x, s, start);
        let out = String::from_utf8_lossy(&x.into_bytes()).into_owned();
        // Only what follows the XML declaration (the whole output if there were none).
        out.split_once("?>")
            .map_or(out.clone(), |(_, body)| body.to_string())
    }

    #[test]
    fn spaces_tabs_and_escaping() {
        assert_eq!(body("a  b", true), "a <text:s/>b");
        assert_eq!(body(" a", true), "<text:s/>a");
        assert_eq!(body(" a", false), " a");
        assert_eq!(body("a   b", false), "a <text:s text:c=\"2\"/>b");
        assert_eq!(body("x\ty<&>\u{1}", true), "x<text:tab/>y&lt;&amp;&gt;");
    }

    #[test]
    fn attribute_line_breaks_and_tabs_survive_normalisation() {
        let mut x = XmlWriter::fragment();
        x.empty("a", &[("v", "x\n<y>\t\"z\"\r\n")]);
        x.empty_owned("b", &[("w", "plain & simple".to_string())]);
        let out = String::from_utf8(x.into_bytes()).unwrap();
        assert_eq!(
            out,
            r#"<a v="x&#10;&lt;y&gt;&#9;&quot;z&quot;&#13;&#10;"/><b w="plain &amp; simple"/>"#
        );
        // A reader gives back the value as written.
        let mut r = quick_xml::Reader::from_str(&out);
        let Ok(Event::Empty(e)) = r.read_event() else {
            panic!("no element");
        };
        let v = e.try_get_attribute("v").unwrap().unwrap();
        let normalised = v
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .unwrap();
        assert_eq!(normalised, "x\n<y>\t\"z\"\r\n");
    }
}
