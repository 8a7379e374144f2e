//! Excel binary workbooks: the BIFF5/BIFF8 `Workbook` stream ([MS-XLS] §2.1.4) read record by
//! record up to the sheet list, and bare BIFF2-4 files.

use std::io::{Read, Seek, SeekFrom};

use cfb::CompoundFile;

use super::le::u16_at;
use super::{Container, Detection, Format};
use crate::error::DetectError;
use crate::findings::{Finding, FindingKind};

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
/// The globals substream of a real workbook has far fewer records before its sheet list.
const MAX_GLOBAL_RECORDS: usize = 200_000;

pub(super) fn detect<R: Read + Seek>(
    cfb: &mut CompoundFile<R>,
    stream_name: &str,
) -> Result<Detection, DetectError> {
    let bad = |detail: String| DetectError::corrupt("Excel workbook", detail);
    let mut s = cfb
        .open_stream(stream_name)
        .map_err(|e| DetectError::Cfb(format!("stream {stream_name}: {e}")))?;
    let len = s.len();
    let mut header = [0u8; 4];
    let mut record = |s: &mut cfb::Stream<R>| -> Result<Option<(u16, u16)>, DetectError> {
        match s.read_exact(&mut header) {
            Ok(()) => Ok(Some((
                u16::from_le_bytes([header[0], header[1]]),
                u16::from_le_bytes([header[2], header[3]]),
            ))),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(e.into()),
        }
    };
    let Some((BOF, bof_len)) = record(&mut s)? else {
        return Err(bad(format!(
            "the {stream_name} stream does not start with a BOF record"
        )));
    };
    let mut body = [0u8; 2];
    s.read_exact(&mut body)
        .map_err(|_| bad("the BOF record is truncated".into()))?;
    let version = u16::from_le_bytes(body);
    s.seek(SeekFrom::Current(i64::from(bof_len) - 2))?;

    let mut d = Detection::new(Format::Xls, Container::Cfb);
    if version == 0x0500 || stream_name == "Book" {
        let variant = "Excel 5.0/95 (BIFF5)";
        d.variant = Some(variant.into());
        d.findings.push(Finding::new(FindingKind::OldFormat {
            variant: variant.into(),
        }));
    }
    let mut seen_sheets = false;
    for _ in 0..MAX_GLOBAL_RECORDS {
        let Some((kind, size)) = record(&mut s)? else {
            return Err(bad("the workbook globals end without an EOF record".into()));
        };
        let start = s.stream_position()?;
        if start + u64::from(size) > len {
            return Err(bad(format!(
                "record {kind:#06x} runs past the end of the stream"
            )));
        }
        match kind {
            FILEPASS => {
                let mut b = [0u8; 4];
                s.read_exact(&mut b[..usize::from(size.min(4))])?;
                d.encrypted = true;
                // BIFF5's FILEPASS holds only a key and a verifier: always XOR obfuscation.
                // BIFF8 names its scheme first ([MS-XLS] §2.4.117).
                let scheme = if version == 0x0500 {
                    "XOR obfuscation"
                } else {
                    match (
                        u16::from_le_bytes([b[0], b[1]]),
                        u16::from_le_bytes([b[2], b[3]]),
                    ) {
                        (0, _) => "XOR obfuscation",
                        (1, 1) => "RC4 encryption",
                        (1, _) => "RC4 CryptoAPI encryption",
                        _ => "Excel encryption",
                    }
                };
                d.variant = Some(match d.variant.take() {
                    Some(v) => format!("{v}, {scheme}"),
                    None => scheme.to_string(),
                });
                // Everything after FILEPASS is encrypted; the sheet list cannot be read.
                break;
            }
            BOUNDSHEET => {
                seen_sheets = true;
                let mut b = [0u8; 6];
                if size >= 6 {
                    s.read_exact(&mut b)?;
                    // dt: 1 = Excel 4.0 macro sheet, 6 = Excel 5.0 VBA module sheet.
                    let kind = match b[5] {
                        1 => Some(FindingKind::Excel4Macros),
                        6 => Some(FindingKind::VbaMacros),
                        _ => None,
                    };
                    if let Some(kind) = kind
                        && !d.findings.iter().any(|f| f.kind == kind)
                    {
                        d.macros = true;
                        d.findings.push(Finding::at(kind, stream_name));
                    }
                }
            }
            SST | EOF => break,
            _ if seen_sheets => break,
            _ => {}
        }
        s.seek(SeekFrom::Start(start + u64::from(size)))?;
    }
    Ok(d)
}

/// BIFF2-4 worksheets and BIFF4 workbooks are bare record streams ([MS-XLS] predecessors), opening
/// with a BOF record: type 0x0009/0x0209/0x0409, then version and a sheet type.
pub(super) fn detect_raw(head: &[u8]) -> Option<Detection> {
    let variant = match u16_at(head, 0)? {
        0x0009 => "Excel 2.x (BIFF2)",
        0x0209 => "Excel 3.0 (BIFF3)",
        0x0409 => "Excel 4.0 (BIFF4)",
        _ => return None,
    };
    let len = u16_at(head, 2)?;
    let dt = u16_at(head, 6)?;
    if !(4..=16).contains(&len) || !matches!(dt, 0x0010 | 0x0020 | 0x0040 | 0x0100) {
        return None;
    }
    let mut d = Detection::new(Format::Xls, Container::Raw).with_variant(variant);
    d.findings.push(Finding::new(FindingKind::OldFormat {
        variant: variant.to_string(),
    }));
    if dt == 0x0040 {
        d.macros = true;
        d.findings.push(Finding::new(FindingKind::Excel4Macros));
    }
    Some(d)
}
