//! Writing an ODF package (ODF 1.3 Part 2): `mimetype` first and stored, then the parts, then
//! `META-INF/manifest.xml` listing every one of them.

use std::io::{self, Cursor, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::writer::XmlWriter;

/// A piece of a part's bytes.
#[derive(Debug)]
pub enum Chunk {
    Plain(Vec<u8>),
    /// Raw deflate data (RFC 1951), inflated again when the package is written.
    Deflated(Vec<u8>),
}

/// A part being written in pieces, of which all but the newest are kept deflated: content.xml
/// of a sheet with millions of cells is several times the size of the whole package, and
/// holding it plain would cost that much memory.
#[derive(Debug)]
pub struct Spill {
    deflated: DeflateEncoder<Vec<u8>>,
}

impl Default for Spill {
    fn default() -> Self {
        Self::new()
    }
}

impl Spill {
    pub fn new() -> Self {
        Self {
            // The fastest level: this copy lives only until the package is written.
            deflated: DeflateEncoder::new(Vec::new(), Compression::fast()),
        }
    }

    /// Moves what `x` holds into the deflated store once it holds at least `min` bytes.
    pub fn take_from(&mut self, x: &mut XmlWriter, min: usize) {
        if x.len() >= min {
            // Deflating into a Vec cannot fail.
            let _ = x.drain_into(&mut self.deflated);
        }
    }

    /// The deflated bytes so far, as a chunk of the part.
    pub fn finish(self) -> io::Result<Chunk> {
        Ok(Chunk::Deflated(self.deflated.finish()?))
    }
}

#[derive(Debug)]
pub struct OdfPackage {
    mimetype: &'static str,
    parts: Vec<(String, &'static str, Vec<Chunk>)>,
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
        self.parts
            .push((path.into(), media_type, vec![Chunk::Plain(data)]));
    }

    /// Adds a part given in pieces, written one after the other.
    pub fn add_chunks(
        &mut self,
        path: impl Into<String>,
        media_type: &'static str,
        data: Vec<Chunk>,
    ) {
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
            for chunk in data {
                match chunk {
                    Chunk::Plain(bytes) => zip.write_all(bytes)?,
                    Chunk::Deflated(bytes) => {
                        io::copy(&mut DeflateDecoder::new(bytes.as_slice()), &mut zip)?;
                    }
                }
            }
        }
        zip.start_file("META-INF/manifest.xml", deflated)?;
        zip.write_all(&manifest)?;
        Ok(zip.finish()?.into_inner())
    }
}
