//! Shared helpers of the DOCX → ODT golden tests: fixture packages, canonical ODF text, and
//! the golden file check (UMZUG_BLESS=1 rewrites the expected files).
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

use quick_xml::events::Event;
use umzug_converters::{ConvertOptions, convert};
use zip::write::SimpleFileOptions;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub fn docx(body: &str, parts: &[(&str, String)], rels: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut ct = String::from(
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    );
    ct.push_str("</Types>");
    let root_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut doc_rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target) in rels {
        let mode = if target.starts_with("http") {
            r#" TargetMode="External""#
        } else {
            ""
        };
        doc_rels.push_str(&format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"{mode}/>"#
        ));
    }
    doc_rels.push_str("</Relationships>");
    let document = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}</w:body></w:document>"#
    );
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default();
    let mut put = |name: &str, data: &[u8]| {
        z.start_file(name, o).unwrap();
        z.write_all(data).unwrap();
    };
    put("[Content_Types].xml", ct.as_bytes());
    put("_rels/.rels", root_rels.as_bytes());
    put("word/_rels/document.xml.rels", doc_rels.as_bytes());
    put("word/document.xml", document.as_bytes());
    for (name, data) in parts {
        put(name, data.as_bytes());
    }
    z.finish().unwrap().into_inner()
}

pub fn wrap(root: &str, inner: &str) -> String {
    format!(r#"<?xml version="1.0"?><w:{root} xmlns:w="{W}" xmlns:r="{R}">{inner}</w:{root}>"#)
}

pub fn part(odf: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(odf)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// A canonical text form of the element named `root` in `xml`: one line per start tag with its
/// attributes sorted, text on its own lines. Generated automatic style names (P1, T3, ...) are
/// kept: they are deterministic, and a change in them is a change worth reviewing.
pub fn canonical(xml: &str, root: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut depth = 0usize;
    let mut inside = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e)
                if !inside && e.name().as_ref() != root.as_bytes() => {}
            Event::Start(e) => {
                inside = true;
                out.push_str(&"  ".repeat(depth));
                out.push_str(&tag(&e));
                out.push('\n');
                depth += 1;
            }
            Event::Empty(e) => {
                out.push_str(&"  ".repeat(depth));
                out.push_str(&tag(&e));
                out.push_str(" /\n");
                if depth == 0 {
                    break;
                }
            }
            Event::End(_) if inside => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) if inside => {
                let t = t.decode().unwrap();
                out.push_str(&"  ".repeat(depth));
                out.push_str(&format!("{t:?}\n"));
            }
            Event::GeneralRef(r) if inside => {
                out.push_str(&"  ".repeat(depth));
                out.push_str(&format!("&{};\n", r.decode().unwrap()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

pub fn tag(e: &quick_xml::events::BytesStart<'_>) -> String {
    let mut attrs: Vec<String> = e
        .attributes()
        .map(|a| {
            let a = a.unwrap();
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = String::from_utf8_lossy(&a.value).into_owned();
            // Dates depend on nothing in the fixture but are ignored all the same.
            let value = if key.ends_with("date") {
                "*".into()
            } else {
                value
            };
            format!("{key}={value:?}")
        })
        .collect();
    attrs.sort();
    format!(
        "<{} {}>",
        String::from_utf8_lossy(e.name().as_ref()),
        attrs.join(" ")
    )
}

pub fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.txt"));
    if std::env::var("UMZUG_BLESS").is_ok() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with UMZUG_BLESS=1 and review it",
            path.display()
        )
    });
    assert_eq!(actual, expected, "{name} differs from {}", path.display());
}

pub fn run(bytes: &[u8]) -> umzug_converters::Converted {
    convert(Cursor::new(bytes), Some("docx"), ConvertOptions::default()).unwrap()
}

pub fn golden_body(
    name: &str,
    body: &str,
    parts: &[(&str, String)],
    rels: &[(&str, &str, &str)],
) -> umzug_converters::Converted {
    let c = run(&docx(body, parts, rels));
    let content = part(&c.odf, "content.xml");
    check(name, &canonical(&content, "office:text"));
    check(
        &format!("{name}-auto"),
        &canonical(&content, "office:automatic-styles"),
    );
    c
}

/// `docx` with one more part, related from the package root as the core properties.
pub fn with_root_part(docx: Vec<u8>, name: &str, data: &str) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default();
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        let fname = f.name().unwrap().to_string();
        if fname == "_rels/.rels" {
            let s = String::from_utf8(buf).unwrap().replace(
                "</Relationships>",
                &format!(
                    r#"<Relationship Id="rCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="{name}"/></Relationships>"#
                ),
            );
            buf = s.into_bytes();
        }
        z.start_file(fname, o).unwrap();
        z.write_all(&buf).unwrap();
    }
    z.start_file(name, o).unwrap();
    z.write_all(data.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

/// A ZIP package written part by part, for fixtures built in code.
pub struct Zip(zip::ZipWriter<std::io::Cursor<Vec<u8>>>);

impl Default for Zip {
    fn default() -> Self {
        Self(zip::ZipWriter::new(std::io::Cursor::new(Vec::new())))
    }
}

impl Zip {
    pub fn put(&mut self, name: &str, data: &str) {
        use std::io::Write;
        self.0
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        self.0.write_all(data.as_bytes()).unwrap();
    }

    pub fn finish(self) -> Vec<u8> {
        self.0.finish().unwrap().into_inner()
    }
}

/// `[Content_Types].xml` of a SpreadsheetML package whose parts are all `.xml`.
pub const XLSX_CONTENT_TYPES: &str = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
