//! Writes a [`Formula`] as the parts of an embedded ODF formula document (ODF 1.3 Part 3 §16
//! Mathematical Content): a `content.xml` whose root is MathML's `math:math` element.
//!
//! The caller stores the parts under an object folder (`Object 3/content.xml`) and lists them,
//! and the folder itself with [`MEDIA_TYPE`], in the package manifest.

use super::{Formula, Node};
use crate::odf::XmlWriter;

/// The media type of the object folder's manifest entry (ODF 1.3 Part 2 §4.3, Part 3 Appendix C).
pub const MEDIA_TYPE: &str = "application/vnd.oasis.opendocument.formula";

/// Bound on the nesting written, whatever the model holds (the reader bounds it already).
const MAX_DEPTH: usize = 256;

/// The parts of the formula object: (path inside the object folder, media type, bytes).
pub fn write(formula: &Formula) -> Vec<(String, &'static str, Vec<u8>)> {
    vec![("content.xml".to_string(), "text/xml", content(formula))]
}

/// The formula document: `math:math` with the MathML namespace (MathML 2, as ODF 1.3 §16.1
/// references it) and the ODF version, holding the formula's rows.
pub fn content(formula: &Formula) -> Vec<u8> {
    let mut x = XmlWriter::new();
    let display = if formula.display { "block" } else { "inline" };
    x.start(
        "math:math",
        &[
            ("xmlns:math", "http://www.w3.org/1998/Math/MathML"),
            (
                "xmlns:office",
                "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
            ),
            ("office:version", "1.3"),
            ("display", display),
        ],
    );
    x.start("math:semantics", &[]);
    node(&mut x, &formula.root, 0);
    x.end("math:semantics");
    x.end("math:math");
    x.into_bytes()
}

fn node(x: &mut XmlWriter, n: &Node, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let name = format!("math:{}", n.tag);
    let attrs: Vec<(&str, &str)> = n.attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    match &n.text {
        Some(t) => x.element(&name, &attrs, t),
        None if n.children.is_empty() => x.empty(&name, &attrs),
        None => {
            x.start(&name, &attrs);
            for c in &n.children {
                node(x, c, depth + 1);
            }
            x.end(&name);
        }
    }
}
