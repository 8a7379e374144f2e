//! Word binary files: the FIB of Word 97-2003 ([MS-DOC] §2.5.1) and Word 6.0/95, checked far enough
//! to tell encryption, templates and a damaged piece table; and the bare Word 1.x/2.0 files.

use std::io::{Read, Seek};

use cfb::CompoundFile;

use super::le::{u16_at, u32_at};
use super::ole::read_stream;
use super::{Container, Detection, Format};
use crate::error::DetectError;
use crate::findings::{Finding, FindingKind};

const WIDENT_WORD97: u16 = 0xA5EC;
const WIDENT_WORD6: u16 = 0xA5DC;
/// FibBase flag bits ([MS-DOC] §2.5.2).
const F_DOT: u16 = 0x0001;
const F_ENCRYPTED: u16 = 0x0100;
const F_WHICH_TBL_STM: u16 = 0x0200;
const F_OBFUSCATED: u16 = 0x8000;
/// Offsets in the FIB: fibRgLw starts at 64, cbRgFcLcb at 152, fibRgFcLcb at 154.
const OFF_CCP_TEXT: usize = 76;
const OFF_CB_RG_FC_LCB: usize = 152;
const OFF_RG_FC_LCB: usize = 154;
/// Index of fcClx/lcbClx in FibRgFcLcb97.
const IDX_CLX: usize = 33;
/// A Clx larger than this is not plausible for any real document.
const MAX_CLX: u64 = 64 << 20;

pub(super) fn detect<R: Read + Seek>(cfb: &mut CompoundFile<R>) -> Result<Detection, DetectError> {
    let stream_len = cfb
        .entry("WordDocument")
        .map_err(|e| DetectError::Cfb(e.to_string()))?
        .len();
    let fib = read_stream(cfb, "WordDocument", 4096)?;
    let (Some(ident), Some(nfib), Some(flags)) =
        (u16_at(&fib, 0), u16_at(&fib, 2), u16_at(&fib, 10))
    else {
        return Err(DetectError::corrupt(
            "Word document",
            "the FIB is truncated",
        ));
    };
    let mut d = Detection::new(Format::Doc, Container::Cfb);
    d.template = flags & F_DOT != 0;
    d.encrypted = flags & F_ENCRYPTED != 0;
    match ident {
        WIDENT_WORD97 => {
            let table = if flags & F_WHICH_TBL_STM != 0 {
                "1Table"
            } else {
                "0Table"
            };
            if !cfb.is_stream(table) {
                return Err(DetectError::corrupt(
                    "Word document",
                    format!("the FIB names the {table} stream, which is missing"),
                ));
            }
            if d.encrypted {
                d.variant = Some(if flags & F_OBFUSCATED != 0 {
                    "XOR obfuscation".to_string()
                } else {
                    // The EncryptionHeader opens the table stream ([MS-DOC] §2.2.6.2).
                    let header = read_stream(cfb, table, 4)?;
                    match header.as_slice() {
                        [1, 0, 1, 0] => "RC4 encryption".to_string(),
                        [2..=4, 0, 2, 0] => "RC4 CryptoAPI encryption".to_string(),
                        _ => "Word encryption".to_string(),
                    }
                });
            } else {
                check_piece_table(cfb, &fib, table, stream_len)?;
            }
        }
        WIDENT_WORD6 => {
            let variant = if nfib <= 0x65 {
                "Word 6.0/95"
            } else {
                "Word 95"
            };
            d.findings.push(Finding::new(FindingKind::OldFormat {
                variant: variant.to_string(),
            }));
            d.variant = Some(if d.encrypted {
                format!("{variant}, XOR encryption")
            } else {
                variant.to_string()
            });
        }
        other => {
            return Err(DetectError::corrupt(
                "Word document",
                format!("unknown FIB identifier {other:#06x}"),
            ));
        }
    }
    Ok(d)
}

/// Checks the Clx ([MS-DOC] §2.9.38): every piece must lie inside the WordDocument stream.
/// Text is found through the piece table, so a damaged one means lost or garbage text.
fn check_piece_table<R: Read + Seek>(
    cfb: &mut CompoundFile<R>,
    fib: &[u8],
    table: &str,
    stream_len: u64,
) -> Result<(), DetectError> {
    let bad = |detail: String| DetectError::corrupt("Word document", detail);
    let cb = u16_at(fib, OFF_CB_RG_FC_LCB).ok_or_else(|| bad("the FIB is truncated".into()))?;
    if usize::from(cb) <= IDX_CLX {
        return Err(bad(format!("the FIB has only {cb} FcLcb pairs")));
    }
    let at = OFF_RG_FC_LCB + IDX_CLX * 8;
    let (fc, lcb) = match (u32_at(fib, at), u32_at(fib, at + 4)) {
        (Some(fc), Some(lcb)) => (u64::from(fc), u64::from(lcb)),
        _ => return Err(bad("the FIB is truncated".into())),
    };
    let table_len = cfb
        .entry(table)
        .map_err(|e| DetectError::Cfb(e.to_string()))?
        .len();
    if lcb == 0 || lcb > MAX_CLX || fc + lcb > table_len {
        return Err(bad(format!(
            "the piece table ({lcb} bytes at {fc}) lies outside the {table} stream"
        )));
    }
    let mut stream = cfb
        .open_stream(table)
        .map_err(|e| DetectError::Cfb(e.to_string()))?;
    stream.seek(std::io::SeekFrom::Start(fc))?;
    let mut clx = vec![0u8; lcb as usize];
    stream.read_exact(&mut clx)?;

    // Skip the Prc array (formatting), then the Pcdt holds the PlcPcd.
    let mut i = 0usize;
    while clx.get(i) == Some(&0x01) {
        let n = u16_at(&clx, i + 1).ok_or_else(|| bad("the Clx is truncated".into()))?;
        i += 3 + usize::from(n);
    }
    if clx.get(i) != Some(&0x02) {
        return Err(bad("the Clx has no piece table".into()));
    }
    let plc_len = u32_at(&clx, i + 1).ok_or_else(|| bad("the Clx is truncated".into()))? as usize;
    let plc = clx
        .get(i + 5..i + 5 + plc_len)
        .ok_or_else(|| bad("the piece table is longer than the Clx".into()))?;
    if plc_len < 16 || !(plc_len - 4).is_multiple_of(12) {
        return Err(bad(format!(
            "the piece table has an impossible size {plc_len}"
        )));
    }
    let n = (plc_len - 4) / 12;
    let cp = |k: usize| u32_at(plc, 4 * k).map(u64::from);
    let ccp_text = u32_at(fib, OFF_CCP_TEXT).unwrap_or(0);
    for k in 0..n {
        let (Some(start), Some(end)) = (cp(k), cp(k + 1)) else {
            return Err(bad("the piece table is truncated".into()));
        };
        if end < start {
            return Err(bad(format!("piece {k} ends before it starts")));
        }
        // Pcd: 2 bytes of flags, then FcCompressed (bit 30: 8-bit text at fc/2).
        let raw = u32_at(plc, 4 * (n + 1) + 8 * k + 2)
            .ok_or_else(|| bad("the piece table is truncated".into()))?;
        let compressed = raw & 0x4000_0000 != 0;
        let fc = u64::from(raw & 0x3FFF_FFFF);
        let (offset, bytes) = if compressed {
            (fc / 2, end - start)
        } else {
            (fc, (end - start) * 2)
        };
        if offset + bytes > stream_len {
            return Err(bad(format!(
                "piece {k} (text {start}..{end}) points past the end of the WordDocument stream"
            )));
        }
    }
    if cp(0) != Some(0) || cp(n).unwrap_or(0) < u64::from(ccp_text) {
        return Err(bad("the piece table does not cover the main text".into()));
    }
    Ok(())
}

/// Word for Windows 1.x and 2.0 files are a bare FIB-led stream, not a compound file.
pub(super) fn detect_raw(head: &[u8]) -> Option<Detection> {
    let variant = match u16_at(head, 0)? {
        0xA59B | 0xA59C => "Word for Windows 1.x",
        0xA5DB => "Word for Windows 2.0",
        _ => return None,
    };
    // Guard against text that happens to start with these bytes: nFib of these versions is small.
    let nfib = u16_at(head, 2)?;
    if nfib > 0x2F {
        return None;
    }
    let mut d = Detection::new(Format::Doc, Container::Raw).with_variant(variant);
    d.findings.push(Finding::new(FindingKind::OldFormat {
        variant: variant.to_string(),
    }));
    Some(d)
}
