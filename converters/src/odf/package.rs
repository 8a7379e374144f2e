//! Writing an ODF package (ODF 1.3 Part 2): `mimetype` first and stored, then the parts, then
//! `META-INF/manifest.xml` listing every one of them.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::writer::XmlWriter;

#[derive(Debug)]
pub struct OdfPackage {
    mimetype: &'static str,
    parts: Vec<(String, &'static str, Vec<u8>)>,
    /// Manifest entries without data of their own: embedded objects' folders (`Object 1/`).
    folders: Vec<(String, &'static str)>,
}

impl OdfPackage {
    pub fn new(mimetype: &'static str) -> Self {
        Self {
            mimetype,
            parts: Vec::new(),
            folders: Vec::new(),
        }
    }

    /// Lists a sub-document folder (an embedded object) with its media type (ODF 1.3 Part 2
    /// §4.3: the folder's entry names the object's type).
    pub fn add_folder(&mut self, path: impl Into<String>, media_type: &'static str) {
        self.folders.push((path.into(), media_type));
    }

    /// Adds a part (`content.xml`, `Pictures/image1.png`, ...) with its media type.
    pub fn add(&mut self, path: impl Into<String>, media_type: &'static str, data: Vec<u8>) {
        self.parts.push((path.into(), media_type, data));
    }

    pub fn has(&self, path: &str) -> bool {
        self.parts.iter().any(|(p, _, _)| p == path)
    }

    fn manifest(&self) -> Vec<u8> {
        let mut x = XmlWriter::new();
        x.start(
            "manifest:manifest",
            &[
                (
                    "xmlns:manifest",
                    "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
                ),
                ("manifest:version", "1.3"),
            ],
        );
        x.empty(
            "manifest:file-entry",
            &[
                ("manifest:full-path", "/"),
                ("manifest:version", "1.3"),
                ("manifest:media-type", self.mimetype),
            ],
        );
        for (path, media_type) in &self.folders {
            x.empty(
                "manifest:file-entry",
                &[
                    ("manifest:full-path", path),
                    ("manifest:media-type", media_type),
                ],
            );
        }
        for (path, media_type, _) in &self.parts {
            x.empty(
                "manifest:file-entry",
                &[
                    ("manifest:full-path", path),
                    ("manifest:media-type", media_type),
                ],
            );
        }
        x.end("manifest:manifest");
        x.into_bytes()
    }

    /// The finished package.
    pub fn finish(self) -> std::io::Result<Vec<u8>> {
        let manifest = self.manifest();
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        // Level 1: XML still shrinks about 5:1, at a third of the default level's time.
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(1));
        zip.start_file("mimetype", stored)?;
        zip.write_all(self.mimetype.as_bytes())?;
        for (path, media_type, data) in &self.parts {
            // Pictures are already compressed; storing them saves time for nothing lost.
            let options = if media_type.starts_with("image/") && !media_type.contains("svg") {
                stored
            } else {
                deflated
            };
            zip.start_file(path.as_str(), options)?;
            zip.write_all(data)?;
        }
        zip.start_file("META-INF/manifest.xml", deflated)?;
        zip.write_all(&manifest)?;
        Ok(zip.finish()?.into_inner())
    }
}
