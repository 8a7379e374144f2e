//! OLE2 compound files ([MS-CFB]): Word, Excel and PowerPoint binaries, encrypted OOXML packages
//! ([MS-OFFCRYPTO] §2.3.4), and the Office formats Umzug has no converter for (Outlook, Visio,
//! Publisher).

use std::io::{Read, Seek};

use cfb::CompoundFile;

use super::{Container, Detection, Format, excel, ppt, word};
use crate::error::DetectError;
use crate::findings::{Finding, FindingKind};

/// The compound file signature ([MS-CFB] §2.2).
pub(crate) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads at most `limit` bytes of a stream, so that a hostile length cannot exhaust memory.
pub(crate) fn read_stream<R: Read + Seek>(
    cfb: &mut CompoundFile<R>,
    path: &str,
    limit: u64,
) -> Result<Vec<u8>, DetectError> {
    let stream = cfb
        .open_stream(path)
        .map_err(|e| DetectError::Cfb(format!("stream {path}: {e}")))?;
    let mut buf = Vec::new();
    stream
        .take(limit)
        .read_to_end(&mut buf)
        .map_err(|e| DetectError::Cfb(format!("stream {path}: {e}")))?;
    Ok(buf)
}

pub(super) fn detect_cfb<R: Read + Seek>(
    reader: R,
    extension: Option<&str>,
) -> Result<Option<Detection>, DetectError> {
    let mut cfb = CompoundFile::open(reader).map_err(|e| DetectError::Cfb(e.to_string()))?;
    let root: Vec<String> = cfb
        .read_root_storage()
        .map(|e| e.name().to_string())
        .collect();
    let has = |name: &str| root.iter().any(|n| n.eq_ignore_ascii_case(name));

    // Encrypted OOXML: the package is hidden in EncryptedPackage, so its kind comes from the name.
    if has("EncryptionInfo") && has("EncryptedPackage") {
        let format = extension
            .and_then(Format::from_extension)
            .filter(|f| f.is_ooxml())
            .unwrap_or(Format::Unknown);
        let info = read_stream(&mut cfb, "EncryptionInfo", 4)?;
        let scheme = encryption_scheme(&info);
        let mut d = Detection::new(format, Container::Cfb).with_variant(scheme);
        d.encrypted = true;
        return Ok(Some(d));
    }

    let mut d = if has("WordDocument") {
        word::detect(&mut cfb)?
    } else if has("Workbook") || has("Book") {
        excel::detect(&mut cfb, if has("Workbook") { "Workbook" } else { "Book" })?
    } else if has("PowerPoint Document") || has("PP40") {
        ppt::detect(&mut cfb, has("Current User"), has("PP40"))?
    } else if has("__properties_version1.0") || root.iter().any(|n| n.starts_with("__substg1.0_")) {
        Detection::new(Format::Msg, Container::Cfb)
    } else if has("VisioDocument") {
        Detection::new(Format::Vsd, Container::Cfb)
    } else if has("Quill") {
        Detection::new(Format::Pub, Container::Cfb)
    } else if extension.and_then(Format::from_extension).is_some() {
        Detection::new(Format::Unknown, Container::Cfb)
            .with_variant("OLE2 compound file of an unknown kind")
    } else {
        // Thumbs.db, installer files and the like are compound files too, but not documents.
        return Ok(None);
    };

    // VBA projects: `Macros` (Word, and PowerPoint's copy), `_VBA_PROJECT_CUR` (Excel)
    // ([MS-OVBA] §2.2.1; [MS-DOC] §2.1.9; [MS-XLS] §2.1.7.1).
    for storage in ["Macros", "_VBA_PROJECT_CUR"] {
        if has(storage) && !d.macros {
            d.macros = true;
            d.findings
                .push(Finding::at(FindingKind::VbaMacros, storage));
        }
    }
    // Binary Excel and PowerPoint templates carry no flag of their own; the name tells.
    if matches!(d.format, Format::Doc | Format::Xls | Format::Ppt)
        && extension
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "dot" | "xlt" | "pot"))
    {
        d.template = true;
    }
    Ok(Some(d))
}

/// The EncryptionInfo version ([MS-OFFCRYPTO] §2.3.4.5 Standard 3.2/4.2, §2.3.4.10 Agile 4.4).
fn encryption_scheme(info: &[u8]) -> String {
    match info {
        [4, 0, 4, 0, ..] => "Agile encryption".to_string(),
        [major @ 2..=4, 0, 2, 0, ..] => format!("Standard encryption {major}.2"),
        [3 | 4, 0, 3, 0, ..] => "Extensible encryption".to_string(),
        _ => "OOXML encryption".to_string(),
    }
}
