//! Record iteration over a BIFF5/BIFF8 stream (MS-XLS §2.1.4): a record is a 2-byte type, a
//! 2-byte size and at most 8224 bytes of data; data too long for one record continues in the
//! CONTINUE records that follow it (§2.4.58), which the iterator joins to their record.

use std::borrow::Cow;

/// The most data one record may hold (MS-XLS §2.1.4: 8224 bytes in BIFF8; BIFF5 used 2080).
pub const MAX_RECORD: usize = 8224;
/// A record joined with its CONTINUE records stops growing here: the formatting records this
/// reader needs are a few hundred bytes, so more is hostile input.
pub const MAX_JOINED: usize = 1 << 20;

pub const CONTINUE: u16 = 0x003C;

/// Why a stream cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BiffError(pub String);

impl std::fmt::Display for BiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn err<T>(msg: impl Into<String>) -> Result<T, BiffError> {
    Err(BiffError(msg.into()))
}

/// One logical record: its data with the CONTINUE records joined, and where each joined part
/// starts (a string running into a CONTINUE repeats its encoding flag there, §2.5.293).
#[derive(Debug)]
pub struct Record<'a> {
    pub typ: u16,
    /// Offset of the record header in the stream.
    pub offset: usize,
    pub data: Cow<'a, [u8]>,
    pub breaks: Vec<usize>,
}

/// The records of a stream from an offset on.
#[derive(Debug)]
pub struct Records<'a> {
    stream: &'a [u8],
    pos: usize,
    failed: bool,
}

impl<'a> Records<'a> {
    pub fn at(stream: &'a [u8], pos: usize) -> Self {
        Self {
            stream,
            pos,
            failed: false,
        }
    }

    /// The header at `pos` and the range of its data, checked against the stream.
    fn header(&self, pos: usize) -> Result<Option<(u16, std::ops::Range<usize>)>, BiffError> {
        if pos == self.stream.len() {
            return Ok(None);
        }
        let Some(h) = self.stream.get(pos..pos.saturating_add(4)) else {
            return err(format!("the record header at offset {pos} is truncated"));
        };
        let typ = u16::from_le_bytes([h[0], h[1]]);
        let size = usize::from(u16::from_le_bytes([h[2], h[3]]));
        if size > MAX_RECORD {
            return err(format!(
                "record {typ:#06x} at offset {pos} claims {size} bytes (at most {MAX_RECORD})"
            ));
        }
        let start = pos + 4;
        if start + size > self.stream.len() {
            return err(format!(
                "record {typ:#06x} at offset {pos} runs past the end of the stream"
            ));
        }
        Ok(Some((typ, start..start + size)))
    }

    fn next_record(&mut self) -> Result<Option<Record<'a>>, BiffError> {
        let Some((typ, range)) = self.header(self.pos)? else {
            return Ok(None);
        };
        let offset = self.pos;
        self.pos = range.end;
        let first = &self.stream[range];
        let mut data = Cow::Borrowed(first);
        let mut breaks = Vec::new();
        // A CONTINUE without a record before it belongs to nothing: it is returned as is.
        if typ != CONTINUE {
            // A bad header after the record is reported by the next call, not this one.
            while let Ok(Some((CONTINUE, more))) = self.header(self.pos) {
                if data.len() + more.len() > MAX_JOINED {
                    return err(format!(
                        "record {typ:#06x} at offset {offset} continues past {MAX_JOINED} bytes"
                    ));
                }
                self.pos = more.end;
                breaks.push(data.len());
                data.to_mut().extend_from_slice(&self.stream[more]);
            }
        }
        Ok(Some(Record {
            typ,
            offset,
            data,
            breaks,
        }))
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, BiffError>;

    /// Records until the stream ends; after an error, nothing more.
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let r = self.next_record().transpose();
        if matches!(r, Some(Err(_))) {
            self.failed = true;
        }
        r
    }
}

/// Little-endian fields of a record's data; reading past the end gives `None`.
#[derive(Debug)]
pub struct Reader<'a> {
    data: &'a [u8],
    breaks: &'a [usize],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(r: &'a Record<'_>) -> Self {
        Self {
            data: &r.data,
            breaks: &r.breaks,
            pos: 0,
        }
    }

    pub fn of(data: &'a [u8]) -> Self {
        Self {
            data,
            breaks: &[],
            pos: 0,
        }
    }

    pub fn skip(&mut self, n: usize) -> Option<()> {
        let end = self.pos.checked_add(n)?;
        (end <= self.data.len()).then(|| self.pos = end)
    }

    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let b = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(b)
    }

    pub fn u8(&mut self) -> Option<u8> {
        self.bytes(1).map(|b| b[0])
    }

    pub fn u16(&mut self) -> Option<u16> {
        self.bytes(2).map(|b| u16::from_le_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Option<u32> {
        self.bytes(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A BIFF8 string body of `cch` characters after its flags byte (§2.5.294 XLUnicodeString):
    /// bit 0 says two bytes a character, else one (the low byte of UTF-16). A string that
    /// runs into a CONTINUE record repeats the flags byte there (§2.5.293 note).
    pub fn unicode(&mut self, cch: usize) -> Option<String> {
        let wide = self.u8()? & 1 == 1;
        self.units(cch, wide).map(|u| String::from_utf16_lossy(&u))
    }

    /// `cch` characters of a BIFF8 string whose flags byte has been read (`wide`: fHighByte),
    /// as UTF-16 units.
    pub fn units(&mut self, cch: usize, mut wide: bool) -> Option<Vec<u16>> {
        let mut units: Vec<u16> = Vec::with_capacity(cch.min(self.data.len()));
        while units.len() < cch {
            if self.breaks.binary_search(&self.pos).is_ok() {
                wide = self.u8()? & 1 == 1;
            }
            units.push(if wide {
                self.u16()?
            } else {
                u16::from(self.u8()?)
            });
        }
        Some(units)
    }

    /// A BIFF5 string of `cch` bytes in the workbook's code page.
    pub fn bytes_text(
        &mut self,
        cch: usize,
        enc: &'static encoding_rs::Encoding,
    ) -> Option<String> {
        let b = self.bytes(cch)?;
        Some(enc.decode_without_bom_handling(b).0.into_owned())
    }
}
