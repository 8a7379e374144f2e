//! Walks the parsed tokens of a BIFF8 cell formula (MS-XLS §2.5.198.103 Rgce) far enough to
//! tell whether it refers to another workbook: calamine writes such 3-D references as if they
//! were to sheets of this workbook, so the formula would compute from the wrong cells.

use super::records::Reader;

const SUPBOOK: u16 = 0x01AE;
const EXTERNSHEET: u16 = 0x0017;

/// The size of a token's data after its type byte, for fixed-size tokens (§2.5.198.25 Ptg).
fn fixed_size(ptg: u8) -> Option<usize> {
    Some(match ptg {
        0x01 | 0x02 => 4,
        0x03..=0x16 => 0,
        0x1C | 0x1D => 1,
        0x1E => 2,
        0x1F => 8,
        _ if ptg < 0x20 => return None,
        _ => match (ptg & 0x9F) | 0x20 {
            // Classed tokens (reference, value, array) share their base type's size.
            0x20 => 7,
            0x21 | 0x29 => 2,
            0x22 => 3,
            0x23 | 0x24 | 0x2A | 0x2C => 4,
            0x26..=0x28 => 6,
            0x25 | 0x2B | 0x2D => 8,
            0x39 | 0x3A | 0x3C => 6,
            0x3B | 0x3D => 10,
            _ => return None,
        },
    })
}

/// Whether the formula's tokens hold a 3-D reference through an XTI that `external` marks.
/// Tokens this walk does not know end it with `false`: the formula is then left to calamine.
pub fn refers_outside(rgce: &[u8], external: &[bool]) -> bool {
    let mut rd = Reader::of(rgce);
    while let Some(ptg) = rd.u8() {
        let size = match ptg {
            // PtgStr: a ShortXLUnicodeString.
            0x17 => {
                let (Some(cch), Some(flags)) = (rd.u8(), rd.u8()) else {
                    return false;
                };
                usize::from(cch) * if flags & 1 == 1 { 2 } else { 1 }
            }
            // PtgAttr: tAttrChoose carries a jump table of wCount + 1 offsets.
            0x19 => {
                let (Some(kind), Some(count)) = (rd.u8(), rd.u16()) else {
                    return false;
                };
                if kind & 0x04 != 0 {
                    2 * (usize::from(count) + 1)
                } else {
                    0
                }
            }
            0x3A | 0x3B | 0x5A | 0x5B | 0x7A | 0x7B | 0x3C | 0x3D | 0x5C | 0x5D | 0x7C | 0x7D => {
                let Some(ixti) = rd.u16() else { return false };
                if external.get(usize::from(ixti)).copied().unwrap_or(false) {
                    return true;
                }
                fixed_size(ptg).map_or(0, |s| s - 2)
            }
            _ => match fixed_size(ptg) {
                Some(s) => s,
                None => return false,
            },
        };
        if rd.skip(size).is_none() {
            return false;
        }
    }
    false
}

/// Which XTIs (EXTERNSHEET entries, §2.4.105) point into another workbook: those whose
/// SUPBOOK (§2.4.271) is neither this workbook (cch 0x0401) nor add-in functions (0x3A01).
#[derive(Debug, Default)]
pub struct Links {
    supbooks: Vec<bool>,
    pub external: Vec<bool>,
}

impl Links {
    /// Takes note of a globals record; the XTIs follow the SUPBOOKs in the stream.
    pub fn record(&mut self, typ: u16, data: &[u8]) {
        let mut rd = Reader::of(data);
        match typ {
            SUPBOOK if self.supbooks.len() < 65_536 => {
                let (_, marker) = (rd.u16(), rd.u16());
                let own = data.len() == 4 && matches!(marker, Some(0x0401 | 0x3A01));
                self.supbooks.push(!own);
            }
            EXTERNSHEET => {
                let count = rd.u16().unwrap_or(0);
                for _ in 0..count {
                    let (Some(book), Some(_), Some(_)) = (rd.u16(), rd.u16(), rd.u16()) else {
                        break;
                    };
                    let ext = self.supbooks.get(usize::from(book)).copied();
                    self.external.push(ext.unwrap_or(false));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_references_are_found() {
        let mut links = Links::default();
        links.record(SUPBOOK, &[1, 0, 0x01, 0x04]);
        links.record(SUPBOOK, &[1, 0, 3, 0, 0, b'a', b'.', b'x']);
        // XTI 0 → this workbook, XTI 1 → the other one.
        links.record(EXTERNSHEET, &[2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
        assert_eq!(links.external, vec![false, true]);
        // PtgInt 1, PtgStr "ab", PtgRef3d through XTI 0, PtgAdd: nothing outside.
        let inside = [
            0x1E, 1, 0, 0x17, 2, 0, b'a', b'b', 0x3A, 0, 0, 1, 0, 2, 0, 0x03,
        ];
        assert!(!refers_outside(&inside, &links.external));
        // PtgAttr (sum), then PtgArea3d (value class) through XTI 1.
        let outside = [0x19, 0x10, 0, 0, 0x5B, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0];
        assert!(refers_outside(&outside, &links.external));
        // Truncated or unknown tokens end the walk without a claim.
        assert!(!refers_outside(&[0x5B, 1], &links.external));
        assert!(!refers_outside(&[0x18, 0x5B, 1, 0], &links.external));
        // A claimed EXTERNSHEET count beyond its data stops at the data.
        let mut l = Links::default();
        l.record(EXTERNSHEET, &[0xFF, 0xFF, 0, 0, 0, 0, 0, 0]);
        assert_eq!(l.external.len(), 1);
    }
}
