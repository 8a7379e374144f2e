//! The one entry point: bytes of an Office document in, ODF bytes and typed findings out.

use std::io::{Cursor, Read, Seek, SeekFrom};

use crate::calamine_read::BinaryFormat;
use crate::detect::{Container, DetectOptions, Detection, Family, Format, detect};
use crate::error::DetectError;
use crate::findings::{Finding, FindingKind, Findings};

/// Options for [`convert`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ConvertOptions {
    /// Give up with [`DetectError::TimedOut`] once this instant has passed (checked while
    /// parsing parts, so a file stops within a fraction of a second after it).
    pub deadline: Option<std::time::Instant>,
}

/// A converted document.
#[derive(Debug)]
pub struct Converted {
    /// The ODF package.
    pub odf: Vec<u8>,
    /// Its file extension (`odt`, `ott`, ...).
    pub extension: &'static str,
    /// The source format, by content.
    pub format: Format,
    pub findings: Vec<Finding>,
}

/// Why a file was not converted.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("{0}")]
    Read(#[from] DetectError),
    #[error("password-protected ({0}); it cannot be converted without the password")]
    Encrypted(String),
    #[error("no converter for {0} files yet")]
    Unsupported(Format),
    #[error("not an Office document")]
    NotADocument,
    /// A binary workbook calamine could not read (BIFF2-4, damaged, ...).
    #[error("cannot read the {format} file: {reason}")]
    Binary {
        format: &'static str,
        reason: String,
    },
    #[error("cannot write the ODF package: {0}")]
    Write(std::io::Error),
}

/// Whether [`convert`] handles this format.
pub fn can_convert(format: Format) -> bool {
    matches!(
        format,
        Format::Docx
            | Format::Docm
            | Format::Dotx
            | Format::Dotm
            | Format::Xlsx
            | Format::Xlsm
            | Format::Xltx
            | Format::Xltm
            | Format::Xls
            | Format::Xlsb
    )
}

/// Converts one document. `extension` is the file name's extension, used only where content
/// cannot tell (see [`crate::detect::detect`]).
///
/// An encrypted Office Open XML package is opened when Office's default password
/// ([`crate::crypto::DEFAULT_PASSWORD`]) opens it, as Office and LibreOffice do; any other
/// encrypted file fails with [`ConvertError::Encrypted`].
pub fn convert<R: Read + Seek>(
    mut reader: R,
    extension: Option<&str>,
    options: ConvertOptions,
) -> Result<Converted, ConvertError> {
    let _budget = crate::budget::Guard::set(options.deadline);
    // Quick detection: the reader inflates every part it uses anyway, and checks its CRC then.
    let detection = detect(&mut reader, extension, DetectOptions { quick: true })?
        .ok_or(ConvertError::NotADocument)?;
    if !detection.encrypted {
        return convert_plain(reader, detection, None);
    }
    let scheme = detection
        .variant
        .clone()
        .unwrap_or_else(|| "password".into());
    if detection.container == Container::Cfb {
        reader
            .seek(SeekFrom::Start(0))
            .map_err(|e| ConvertError::Read(e.into()))?;
        if let Some(package) = crate::crypto::open_with_default_password(&mut reader)? {
            let mut package = Cursor::new(package);
            let inner = detect(&mut package, extension, DetectOptions { quick: true })?
                .ok_or(ConvertError::NotADocument)?;
            if inner.encrypted {
                return Err(ConvertError::Encrypted(scheme));
            }
            let finding = Finding::new(FindingKind::DefaultPassword { scheme });
            return convert_plain(package, inner, Some(finding));
        }
    }
    Err(ConvertError::Encrypted(scheme))
}

/// Converts a document that is not encrypted (any more), given its detection. `extra` is a
/// finding to report first.
fn convert_plain<R: Read + Seek>(
    mut reader: R,
    detection: Detection,
    extra: Option<Finding>,
) -> Result<Converted, ConvertError> {
    if !can_convert(detection.format) {
        return Err(ConvertError::Unsupported(detection.format));
    }
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| ConvertError::Read(e.into()))?;
    let mut findings = Findings::default();
    for f in extra.iter().chain(&detection.findings) {
        findings.add(f.kind.clone(), f.location.as_deref());
    }
    let template = detection.format.is_template();
    let add = |findings: &mut Findings, read: Findings| {
        for f in read.into_vec() {
            for _ in 0..f.count {
                findings.add(f.kind.clone(), f.location.as_deref());
            }
        }
    };
    let (odf, extension) = match detection.format.family() {
        // BIFF2-4 files are bare record streams, not compound files; neither calamine nor the
        // BIFF5/8 reader reads them (their cell, format and formula records differ).
        Family::Spreadsheet
            if detection.format == Format::Xls && detection.container == Container::Raw =>
        {
            let variant = detection.variant.as_deref().unwrap_or("Excel 2.x-4.0");
            return Err(ConvertError::Binary {
                format: "xls",
                reason: format!(
                    "{variant} files (before Excel 5.0) are not supported; open the file in \
                     Excel or LibreOffice and save it as .xlsx, then convert that"
                ),
            });
        }
        Family::Spreadsheet => {
            let (wb, read_findings) = match detection.format {
                Format::Xls => crate::calamine_read::read(reader, BinaryFormat::Xls)?,
                Format::Xlsb => crate::calamine_read::read(reader, BinaryFormat::Xlsb)?,
                _ => crate::xlsx::read(reader)?,
            };
            add(&mut findings, read_findings);
            let odf =
                crate::ods::write(&wb, template, &mut findings).map_err(ConvertError::Write)?;
            (odf, if template { "ots" } else { "ods" })
        }
        _ => {
            let (doc, read_findings) = crate::docx::read(reader)?;
            add(&mut findings, read_findings);
            let odf =
                crate::odt::write(&doc, template, &mut findings).map_err(ConvertError::Write)?;
            (odf, if template { "ott" } else { "odt" })
        }
    };
    Ok(Converted {
        odf,
        extension,
        format: detection.format,
        findings: findings.into_vec(),
    })
}
