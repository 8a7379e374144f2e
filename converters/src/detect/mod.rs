//! Format detection by content: which document a byte stream really is, and what about it matters
//! for migration (encryption, macros, templates, old versions).
//!
//! The content decides; the file name's extension is only a hint, used where content cannot tell
//! (an encrypted OOXML package hides its kind) and to report a mismatch. Detection reads only what
//! it needs: magic bytes, a ZIP central directory and its small package parts, a compound file's
//! directory and a few records of its main stream.

mod excel;
mod format;
mod le;
pub(crate) mod ole;
mod ooxml;
mod ppt;
mod text;
mod word;

use std::io::{Read, Seek, SeekFrom};

use serde::Serialize;

pub use format::{Family, Format};
/// The signature an OLE compound file (MS-CFB §2.2) starts with.
pub(crate) use ole::CFB_MAGIC;

use crate::error::DetectError;
use crate::findings::{Finding, FindingKind};

/// The container a document is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Container {
    Zip,
    Cfb,
    Xml,
    Rtf,
    /// A bare binary stream (Word 1/2, BIFF2-4, owner files).
    Raw,
}

/// What detection found out about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detection {
    pub format: Format,
    pub container: Container,
    /// Version or flavour within the format: "Word 6.0/95", "BIFF5", "Strict", "Agile encryption".
    pub variant: Option<String>,
    pub encrypted: bool,
    pub macros: bool,
    pub template: bool,
    #[serde(skip)]
    pub findings: Vec<Finding>,
}

impl Detection {
    fn new(format: Format, container: Container) -> Self {
        Self {
            format,
            container,
            variant: None,
            encrypted: false,
            macros: false,
            template: format.is_template(),
            findings: Vec::new(),
        }
    }

    fn with_variant(mut self, variant: impl Into<String>) -> Self {
        self.variant = Some(variant.into());
        self
    }

    /// Records the facts every caller wants as findings, so they are never only a flag.
    fn finish(mut self, extension: Option<&str>) -> Self {
        let mut extra = Vec::new();
        if self.encrypted {
            extra.push(Finding::new(FindingKind::Encrypted {
                scheme: self
                    .variant
                    .clone()
                    .unwrap_or_else(|| "password".to_string()),
            }));
        }
        if self.template {
            extra.push(Finding::new(FindingKind::Template));
        }
        if let Some(ext) = extension {
            let ext = ext.to_ascii_lowercase();
            let exts = self.format.extensions();
            if !exts.is_empty() && !exts.contains(&ext.as_str()) {
                extra.push(Finding::new(FindingKind::ExtensionMismatch {
                    extension: ext,
                    detected: self.format,
                }));
            }
        }
        extra.append(&mut self.findings);
        self.findings = extra;
        self
    }
}

/// Options for [`detect`].
#[derive(Debug, Clone, Copy, Default)]
pub struct DetectOptions {
    /// Skip inflating every ZIP part to check CRCs and sizes (reads only directories and headers).
    pub quick: bool,
}

/// How many leading bytes [`detect`] needs to decide on a container.
pub const SNIFF_LEN: usize = 4096;

/// Detects the format of a file from its content.
///
/// `extension` is the file name's extension, if any. Returns `Ok(None)` for content that is not
/// an office document at all (plain text, images, ordinary archives, ...), and an error when the
/// content is a damaged or hostile document container.
pub fn detect<R: Read + Seek>(
    mut reader: R,
    extension: Option<&str>,
    options: DetectOptions,
) -> Result<Option<Detection>, DetectError> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    (&mut reader)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut head)?;
    let total = reader.seek(SeekFrom::End(0))?;
    reader.seek(SeekFrom::Start(0))?;
    if head.is_empty() {
        return Ok(None);
    }
    let found = if head.starts_with(b"PK\x03\x04")
        || head.starts_with(b"PK\x05\x06")
        || head.starts_with(b"PK\x07\x08")
    {
        ooxml::detect_zip(reader, extension, options)?
    } else if head.starts_with(&ole::CFB_MAGIC) {
        ole::detect_cfb(reader, extension)?
    } else if let Some(d) = text::detect_text(&head) {
        Some(d)
    } else if extension.and_then(Format::from_extension).is_some() && text::looks_like_html(&head) {
        // Only under an Office name: HTML files as such are ordinary files.
        Some(Detection::new(Format::Html, Container::Xml))
    } else {
        word::detect_raw(&head)
            .or_else(|| excel::detect_raw(&head))
            .or_else(|| text::detect_owner_file(&head, total))
    };
    Ok(found.map(|d| d.finish(extension)))
}

#[cfg(test)]
mod tests;
