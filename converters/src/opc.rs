//! OPC package reading (ECMA-376 Part 2): ZIP container, `[Content_Types].xml`, relationships.
//!
//! Every read is bounded: a part is read with a byte limit, declared sizes and compression ratios
//! are checked before anything is inflated, and part names are matched case-insensitively as
//! OPC requires (Part 2, §6.2.2.3).

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Read, Seek, Write};

use zip::ZipArchive;
use zip::read::ZipReadOptions;

use crate::error::DetectError;
use crate::findings::{FindingKind, Findings};
use crate::xml::{self, ns};

/// Largest part that is ever inflated, whatever its header says (a long video still fits).
pub const MAX_PART_BYTES: u64 = 8 << 30;
/// Largest sum of declared part sizes in one package.
pub const MAX_PACKAGE_BYTES: u64 = 32 << 30;
/// Above this many declared bytes in all, the package's overall ratio is checked too.
const TOTAL_RATIO_CHECK_FROM: u64 = 256 << 20;
/// Above this many inflated bytes a part's compression ratio is checked.
const RATIO_CHECK_FROM: u64 = 16 << 20;
/// Deflate reaches about 1:1000 at best; real XML stays far below this.
const MAX_RATIO: u64 = 500;
/// Limit for the small parts read during detection (`[Content_Types].xml`, `.rels`).
pub const SMALL_PART_LIMIT: u64 = 8 << 20;

/// An opened OPC (or any ZIP) package.
#[derive(Debug)]
pub struct Package<R> {
    zip: ZipArchive<R>,
    /// Lower-cased entry name → index, for case-insensitive part lookup.
    names: HashMap<String, usize>,
    /// Parts whose bytes inflate completely to their declared size but do not match their
    /// CRC-32 (APPNOTE §4.4.7). They are read as they are, as LibreOffice reads them, and the
    /// converters report each one, since its content may have changed.
    checksum_mismatches: BTreeSet<String>,
}

impl<R: Read + Seek> Package<R> {
    /// Reads the central directory and checks declared sizes against the limits.
    pub fn open(reader: R) -> Result<Self, DetectError> {
        let mut zip = ZipArchive::new(reader).map_err(zip_error)?;
        let mut names = HashMap::with_capacity(zip.len());
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(zip_error)?;
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            check_size(&name, entry.size(), entry.compressed_size())?;
            total = total.saturating_add(entry.size());
            if total > MAX_PACKAGE_BYTES {
                return Err(DetectError::TooLarge {
                    part: "(whole package)".into(),
                    size: total,
                    limit: MAX_PACKAGE_BYTES,
                });
            }
            names.insert(name.to_ascii_lowercase(), i);
        }
        let packed = zip.central_directory_start().max(1);
        if total > TOTAL_RATIO_CHECK_FROM && total / packed > MAX_RATIO {
            return Err(DetectError::TooLarge {
                part: "(whole package)".into(),
                size: total,
                limit: packed.saturating_mul(MAX_RATIO),
            });
        }
        // Entries that share their data inflate the same bytes many times over (a zip bomb
        // technique); no Office or ODF writer produces them.
        if zip.has_overlapping_entries().map_err(zip_error)? {
            return Err(DetectError::Zip(
                "entries overlap each other (a zip bomb technique)".into(),
            ));
        }
        Ok(Self {
            zip,
            names,
            checksum_mismatches: BTreeSet::new(),
        })
    }

    /// Entry names, lower-cased (part names without the leading `/`).
    pub fn lowercase_names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// Whether the package has an entry of this name (case-insensitive, leading `/` optional).
    pub fn has(&self, part: &str) -> bool {
        self.names
            .contains_key(&part.trim_start_matches('/').to_ascii_lowercase())
    }

    /// Reads a whole part into memory, failing if it is larger than `limit`.
    pub fn read(&mut self, part: &str, limit: u64) -> Result<Option<Vec<u8>>, DetectError> {
        let key = part.trim_start_matches('/').to_ascii_lowercase();
        let Some(&index) = self.names.get(&key) else {
            return Ok(None);
        };
        let mut buf = Vec::new();
        // The declared size is bounded by `limit` (checked in `inflate`) and by the ratio check
        // in `open`; reserving it saves growing a large part's buffer step by step.
        if let Ok(file) = self.zip.by_index_raw(index) {
            buf.reserve(file.size().min(limit) as usize);
        }
        self.inflate(index, limit, &mut buf)?;
        Ok(Some(buf))
    }

    /// Inflates every part without keeping it, so that truncation and lying size headers are
    /// found before conversion is planned.
    pub fn verify(&mut self) -> Result<(), DetectError> {
        for i in 0..self.zip.len() {
            if self.zip.by_index_raw(i).map_err(zip_error)?.is_dir() {
                continue;
            }
            self.inflate(i, MAX_PART_BYTES, &mut io::sink())?;
        }
        Ok(())
    }

    /// Parts read so far whose CRC-32 did not match their bytes.
    pub fn checksum_mismatches(&self) -> impl Iterator<Item = &str> {
        self.checksum_mismatches.iter().map(String::as_str)
    }

    /// Records a finding for every part read so far whose CRC-32 did not match.
    pub fn report_checksum_mismatches(&self, findings: &mut Findings) {
        for part in self.checksum_mismatches() {
            findings.add(
                FindingKind::ChecksumMismatch {
                    part: part.to_string(),
                },
                Some(part),
            );
        }
    }

    /// Inflates entry `index` into `sink`, at most `limit` bytes. The bytes must come to exactly
    /// the declared size; a CRC-32 that differs is recorded instead of refusing the part.
    fn inflate(
        &mut self,
        index: usize,
        limit: u64,
        sink: &mut dyn Write,
    ) -> Result<(), DetectError> {
        let options = ZipReadOptions::new().ignore_crc32(true);
        let file = self
            .zip
            .by_index_with_options(index, options)
            .map_err(zip_error)?;
        let name = String::from_utf8_lossy(file.name_raw()).into_owned();
        let declared = file.size();
        let expected = file.crc32();
        if declared > limit {
            return Err(DetectError::TooLarge {
                part: name,
                size: declared,
                limit,
            });
        }
        let mut hashing = Crc32Writer {
            sink,
            hasher: crc32fast::Hasher::new(),
        };
        let copied = io::copy(&mut file.take(declared.min(limit) + 1), &mut hashing)
            .map_err(|e| part_error(&name, &e))?;
        if copied > declared {
            return Err(DetectError::Zip(format!(
                "part {name} unpacks to more than its declared {declared} bytes"
            )));
        }
        if copied < declared {
            return Err(DetectError::Zip(format!(
                "part {name} is cut short: {copied} of its declared {declared} bytes"
            )));
        }
        if hashing.hasher.finalize() != expected {
            self.checksum_mismatches.insert(name);
        }
        Ok(())
    }

    /// Parses `[Content_Types].xml`, if the package has one.
    pub fn content_types(&mut self) -> Result<Option<ContentTypes>, DetectError> {
        const PART: &str = "[Content_Types].xml";
        match self.read(PART, SMALL_PART_LIMIT)? {
            Some(bytes) => ContentTypes::parse(&bytes, PART).map(Some),
            None => Ok(None),
        }
    }

    /// Parses the package relationships `_rels/.rels`, if present.
    pub fn root_relationships(&mut self) -> Result<Vec<Relationship>, DetectError> {
        const PART: &str = "_rels/.rels";
        match self.read(PART, SMALL_PART_LIMIT)? {
            Some(bytes) => Relationship::parse_all(&bytes, PART),
            None => Ok(Vec::new()),
        }
    }
}

/// A writer that passes bytes on and computes their CRC-32 on the way.
struct Crc32Writer<'a> {
    sink: &'a mut dyn Write,
    hasher: crc32fast::Hasher,
}

impl Write for Crc32Writer<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.sink.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sink.flush()
    }
}

fn check_size(part: &str, size: u64, compressed: u64) -> Result<(), DetectError> {
    if size > MAX_PART_BYTES {
        return Err(DetectError::TooLarge {
            part: part.to_string(),
            size,
            limit: MAX_PART_BYTES,
        });
    }
    if size > RATIO_CHECK_FROM && size / compressed.max(1) > MAX_RATIO {
        return Err(DetectError::TooLarge {
            part: part.to_string(),
            size,
            limit: compressed.saturating_mul(MAX_RATIO),
        });
    }
    Ok(())
}

fn zip_error(e: zip::result::ZipError) -> DetectError {
    use zip::result::ZipError;
    let text = e.to_string();
    DetectError::Zip(match e {
        // The central directory sits at the end of a ZIP file (APPNOTE §4.3.16): without it the
        // file was cut short or never completely written.
        ZipError::InvalidArchive(_)
            if text.contains("EOCD") || text.contains("entral directory") =>
        {
            format!(
                "the central directory is missing, so the file is truncated or incomplete ({text})"
            )
        }
        ZipError::UnsupportedArchive(_) => {
            format!("uses a ZIP feature Office never writes ({text})")
        }
        _ => text,
    })
}

fn part_error(part: &str, e: &io::Error) -> DetectError {
    DetectError::Zip(format!("part {part} cannot be read: {e}"))
}

/// The content types of a package (ECMA-376 Part 2, §10.1.2): defaults by extension and overrides
/// by part name, both matched case-insensitively.
#[derive(Debug, Default, Clone)]
pub struct ContentTypes {
    defaults: HashMap<String, String>,
    overrides: HashMap<String, String>,
}

impl ContentTypes {
    pub fn parse(bytes: &[u8], part: &str) -> Result<Self, DetectError> {
        let mut ct = ContentTypes::default();
        xml::for_each_element(bytes, part, |resolved, e| {
            let local = e.local_name();
            if xml::is(resolved, local.as_ref(), ns::CONTENT_TYPES, b"Default") {
                if let (Some(ext), Some(t)) =
                    (xml::attr(e, b"Extension")?, xml::attr(e, b"ContentType")?)
                {
                    ct.defaults.insert(ext.to_ascii_lowercase(), t);
                }
            } else if xml::is(resolved, local.as_ref(), ns::CONTENT_TYPES, b"Override")
                && let (Some(name), Some(t)) =
                    (xml::attr(e, b"PartName")?, xml::attr(e, b"ContentType")?)
            {
                ct.overrides.insert(normalise_part(&name), t);
            }
            Ok(())
        })?;
        Ok(ct)
    }

    /// The content type of a part name (`/word/document.xml`).
    pub fn of(&self, part: &str) -> Option<&str> {
        let key = normalise_part(part);
        if let Some(t) = self.overrides.get(&key) {
            return Some(t);
        }
        let ext = key.rsplit_once('.').map(|(_, e)| e)?;
        if ext.contains('/') {
            return None;
        }
        self.defaults.get(ext).map(String::as_str)
    }

    /// All override content types with their part names.
    pub fn overrides(&self) -> impl Iterator<Item = (&str, &str)> {
        self.overrides.iter().map(|(p, t)| (p.as_str(), t.as_str()))
    }
}

/// `/Word/Document.xml` → `/word/document.xml`.
fn normalise_part(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 1);
    if !name.starts_with('/') {
        s.push('/');
    }
    s.push_str(&name.to_ascii_lowercase());
    s
}

/// One relationship of a `.rels` part (ECMA-376 Part 2, §9.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    pub id: String,
    pub rel_type: String,
    pub target: String,
    pub external: bool,
}

impl Relationship {
    pub fn parse_all(bytes: &[u8], part: &str) -> Result<Vec<Self>, DetectError> {
        let mut out = Vec::new();
        xml::for_each_element(bytes, part, |resolved, e| {
            if xml::is(
                resolved,
                e.local_name().as_ref(),
                ns::RELATIONSHIPS,
                b"Relationship",
            ) {
                out.push(Relationship {
                    id: xml::attr(e, b"Id")?.unwrap_or_default(),
                    rel_type: xml::attr(e, b"Type")?.unwrap_or_default(),
                    target: xml::attr(e, b"Target")?.unwrap_or_default(),
                    external: xml::attr(e, b"TargetMode")?.as_deref() == Some("External"),
                });
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The target as an absolute part name, for relationships of the package root.
    pub fn root_target(&self) -> String {
        let t = self.target.trim_start_matches("./");
        if t.starts_with('/') {
            t.to_string()
        } else {
            format!("/{t}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_resolve_override_then_default_case_insensitively()
    -> Result<(), Box<dyn std::error::Error>> {
        let xml = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="XML" ContentType="application/xml"/><Override PartName="/Word/Document.xml" ContentType="main"/></Types>"#;
        let ct = ContentTypes::parse(xml, "ct")?;
        assert_eq!(ct.of("/word/document.xml"), Some("main"));
        assert_eq!(ct.of("/word/styles.xml"), Some("application/xml"));
        assert_eq!(ct.of("/word/x.bin"), None);
        Ok(())
    }

    #[test]
    fn elements_in_another_namespace_are_ignored() -> Result<(), Box<dyn std::error::Error>> {
        let xml =
            br#"<Types xmlns="urn:other"><Override PartName="/a.xml" ContentType="main"/></Types>"#;
        let ct = ContentTypes::parse(xml, "ct")?;
        assert_eq!(ct.of("/a.xml"), None);
        Ok(())
    }

    #[test]
    fn prefixed_elements_match_by_namespace() -> Result<(), Box<dyn std::error::Error>> {
        let xml = br#"<ct:Types xmlns:ct="http://schemas.openxmlformats.org/package/2006/content-types"><ct:Override PartName="/a.xml" ContentType="main"/></ct:Types>"#;
        let ct = ContentTypes::parse(xml, "ct")?;
        assert_eq!(ct.of("/a.xml"), Some("main"));
        Ok(())
    }

    #[test]
    fn a_dtd_is_refused() {
        let xml = br#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="x" ContentType="&b;"/></Types>"#;
        assert!(matches!(
            ContentTypes::parse(xml, "ct"),
            Err(DetectError::Dtd { .. })
        ));
    }

    #[test]
    fn relationship_targets_become_absolute() -> Result<(), Box<dyn std::error::Error>> {
        let xml = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t" Target="word/document.xml"/><Relationship Id="rId2" Type="u" Target="http://x/" TargetMode="External"/></Relationships>"#;
        let rels = Relationship::parse_all(xml, "r")?;
        assert_eq!(rels[0].root_target(), "/word/document.xml");
        assert!(rels[1].external);
        Ok(())
    }

    /// A package with two stored parts, built in memory.
    fn stored_zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, data) in parts {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn a_checksum_mismatch_is_read_and_recorded() {
        let mut bytes = stored_zip(&[("a.xml", b"<a>Hello</a>"), ("b.xml", b"<b/>")]);
        // Change the stored bytes after the CRC-32 was computed, as damage in storage would.
        let at = bytes.windows(5).position(|w| w == b"Hello").unwrap();
        bytes[at] = b'J';
        let mut pkg = Package::open(io::Cursor::new(bytes)).unwrap();
        assert_eq!(pkg.read("b.xml", 100).unwrap().unwrap(), b"<b/>");
        assert_eq!(pkg.checksum_mismatches().count(), 0);
        assert_eq!(pkg.read("a.xml", 100).unwrap().unwrap(), b"<a>Jello</a>");
        assert_eq!(pkg.checksum_mismatches().collect::<Vec<_>>(), ["a.xml"]);
        assert!(pkg.verify().is_ok());
        let mut findings = Findings::default();
        pkg.report_checksum_mismatches(&mut findings);
        let codes: Vec<_> = findings.into_vec().iter().map(|f| f.kind.code()).collect();
        assert_eq!(codes, ["detect.checksum-mismatch"]);
    }

    #[test]
    fn parts_over_their_limit_or_cut_short_are_refused() {
        let bytes = stored_zip(&[("a.xml", b"<a>Hello</a>")]);
        let mut pkg = Package::open(io::Cursor::new(bytes.clone())).unwrap();
        assert!(matches!(
            pkg.read("a.xml", 5),
            Err(DetectError::TooLarge { .. })
        ));
        // A stored entry whose data ends early: the archive's end moved into it.
        let at = bytes.windows(5).position(|w| w == b"Hello").unwrap();
        let mut cut = bytes[..at + 2].to_vec();
        cut.extend_from_slice(&bytes[at + 12..]);
        if let Ok(mut pkg) = Package::open(io::Cursor::new(cut)) {
            assert!(pkg.read("a.xml", 100).is_err());
        }
    }
}
