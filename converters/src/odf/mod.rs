//! ODF 1.3 output: the package (zip with `mimetype` and manifest) and the escaping XML writer.

pub mod package;
pub mod writer;

pub use package::{Chunk, OdfPackage, Spill};
pub use writer::{XmlWriter, write_text};

/// ODF namespace declarations used by the writers (ODF 1.3 Part 3, §1.5).
pub const NAMESPACES: [(&str, &str); 14] = [
    (
        "xmlns:office",
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    ),
    (
        "xmlns:style",
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    ),
    (
        "xmlns:text",
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    ),
    (
        "xmlns:table",
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    ),
    (
        "xmlns:draw",
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    ),
    (
        "xmlns:fo",
        "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    ),
    ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
    ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
    (
        "xmlns:meta",
        "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    ),
    (
        "xmlns:number",
        "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    ),
    (
        "xmlns:svg",
        "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    ),
    ("xmlns:math", "http://www.w3.org/1998/Math/MathML"),
    (
        "xmlns:form",
        "urn:oasis:names:tc:opendocument:xmlns:form:1.0",
    ),
    (
        "xmlns:script",
        "urn:oasis:names:tc:opendocument:xmlns:script:1.0",
    ),
];

/// Starts an ODF root element (`office:document-content`, ...) with all namespaces and version 1.3.
pub fn start_root(x: &mut XmlWriter, name: &str) {
    start_root_with(x, name, &[]);
}

/// The namespace of OpenFormula (ODF 1.3 Part 4 §2.3), the `of:` prefix of `table:formula`: a
/// formula's namespace prefix must be declared for a consumer to know its syntax.
pub const OPENFORMULA_NS: (&str, &str) =
    ("xmlns:of", "urn:oasis:names:tc:opendocument:xmlns:of:1.2");

/// [`start_root`] with further namespace declarations.
pub fn start_root_with(x: &mut XmlWriter, name: &str, extra: &[(&str, &str)]) {
    let mut attrs: Vec<(&str, &str)> = NAMESPACES.to_vec();
    attrs.extend_from_slice(extra);
    attrs.push(("office:version", "1.3"));
    x.start(name, &attrs);
}

/// Starts settings.xml: `office:document-settings` and `office:settings` (ODF 1.3 §3.10).
/// LibreOffice reads config set names such as "ooo:view-settings" as qualified names: without
/// the `ooo` declaration it does not know the set and ignores every setting in it.
pub fn start_settings(x: &mut XmlWriter) {
    x.start(
        "office:document-settings",
        &[
            (
                "xmlns:office",
                "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
            ),
            (
                "xmlns:config",
                "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
            ),
            ("xmlns:ooo", "http://openoffice.org/2004/office"),
            ("office:version", "1.3"),
        ],
    );
    x.start("office:settings", &[]);
}
