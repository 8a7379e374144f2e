//! The shared string table (MS-XLS §2.4.265 SST) read for its formatted runs only: calamine
//! gives the strings' text, this gives which font each part of a rich string has.

use std::collections::HashMap;

use super::records::{Reader, Record};

/// A rich string: its text as UTF-16 units and its runs (first character, font index), by
/// string index.
pub type RichStrings = HashMap<u32, (Vec<u16>, Vec<(u16, u16)>)>;

/// The strings of an SST record (joined with its CONTINUE records) that have formatting runs
/// (XLUnicodeRichExtendedString fRichSt, §2.5.293). Counts claimed in the record never size an
/// allocation: reading stops where the data ends.
pub fn rich_strings(r: &Record<'_>) -> RichStrings {
    let mut out = RichStrings::new();
    let mut rd = Reader::new(r);
    if rd.skip(8).is_none() {
        return out;
    }
    let mut index = 0u32;
    while let Some(cch) = rd.u16() {
        let Some(flags) = rd.u8() else { break };
        let runs = if flags & 0x08 != 0 { rd.u16() } else { Some(0) };
        let ext = if flags & 0x04 != 0 { rd.u32() } else { Some(0) };
        let (Some(runs), Some(ext)) = (runs, ext) else {
            break;
        };
        let Some(units) = rd.units(usize::from(cch), flags & 0x01 != 0) else {
            break;
        };
        if runs > 0 {
            let mut list = Vec::new();
            for _ in 0..runs {
                let (Some(ich), Some(font)) = (rd.u16(), rd.u16()) else {
                    return out;
                };
                list.push((ich, font));
            }
            list.sort_by_key(|(ich, _)| *ich);
            out.insert(index, (units, list));
        }
        if rd.skip(ext as usize).is_none() {
            break;
        }
        index += 1;
    }
    out
}
