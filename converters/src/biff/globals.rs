//! The workbook globals substream (MS-XLS §2.1.7.20.1): fonts, number formats, cell formats
//! (XF), the colour palette, the sheet list with each sheet's stream offset, the code page of
//! BIFF5 strings and the active sheet; and the cell formats resolved into [`CellStyle`]s.

use std::collections::HashMap;

use encoding_rs::Encoding;

use super::records::{BiffError, Reader, Record, Records, err};
use crate::sheet::{
    Alignment, Border, BorderLine, CellStyle, Font, Protection, Underline, VertAlign,
};
use crate::units::Rgb;
use crate::xlsx::styles::{Colors, pattern_fill};

pub const BOF: u16 = 0x0809;
pub const EOF: u16 = 0x000A;
const CODEPAGE: u16 = 0x0042;
const FONT: u16 = 0x0031;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const PALETTE: u16 = 0x0092;
const STYLE: u16 = 0x0293;
const BOUNDSHEET: u16 = 0x0085;
const WINDOW1: u16 = 0x003D;
const FILEPASS: u16 = 0x002F;
const SST: u16 = 0x00FC;

/// Bounds on the tables (Excel allows 4050 XFs and 512 fonts; these leave room for writers
/// that repeat themselves, and stop a stream of nothing but XF records from growing without end).
const MAX_ITEMS: usize = 65_536;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// Excel 5.0/95: strings in the workbook's code page.
    Biff5,
    /// Excel 97-2003: strings in UTF-16.
    Biff8,
}

/// A sheet of the workbook (BoundSheet8, §2.4.28).
#[derive(Debug, Clone)]
pub struct BoundSheet {
    pub name: String,
    /// Stream offset of the sheet's BOF record (lbPlyPos).
    pub offset: usize,
    /// dt: 0 worksheet or dialog, 1 macro sheet, 2 chart, 6 VBA module.
    pub kind: u8,
}

/// A font as read (§2.4.122 Font), its colour index still unresolved.
#[derive(Debug, Clone, Default)]
struct RawFont {
    font: Font,
    icv: u16,
}

/// A cell format as read (§2.4.353 XF), colours as palette indexes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Xf {
    pub font: u16,
    pub fmt: u16,
    pub locked: bool,
    pub hidden: bool,
    /// A style XF (fStyle) rather than a cell XF.
    pub is_style: bool,
    pub alc: u8,
    pub alc_v: u8,
    pub wrap: bool,
    /// Rotation as the model keeps it (0-180, 255 stacked).
    pub rotation: u8,
    pub indent: u8,
    pub shrink: bool,
    /// Line style and colour of left, right, top, bottom.
    pub lines: [(u8, u16); 4],
    /// Diagonal down and up flags, line style and colour.
    pub diag: (bool, bool, u8, u16),
    pub pattern: u8,
    pub fore: u16,
    pub back: u16,
}

#[derive(Debug)]
pub struct Globals {
    pub version: Version,
    pub encoding: &'static Encoding,
    fonts: Vec<RawFont>,
    formats: HashMap<u16, String>,
    pub xfs: Vec<Xf>,
    /// Colours 0-63 where the file has a PALETTE record, else empty (the default palette).
    palette: Vec<Rgb>,
    /// The XF of the built-in Normal style.
    pub normal: usize,
    pub sheets: Vec<BoundSheet>,
    /// The selected sheet (WINDOW1 itabCur), an index into `sheets`.
    pub active: usize,
    /// Where the globals end in the stream.
    pub end: usize,
    /// Which 3-D reference targets are in other workbooks (BIFF8).
    pub links: super::rgce::Links,
    /// The shared strings with formatting runs (BIFF8).
    pub rich: super::sst::RichStrings,
}

/// Reads the globals substream at the start of the stream.
pub fn read(stream: &[u8]) -> Result<Globals, BiffError> {
    let mut records = Records::at(stream, 0);
    let version = match records.next().transpose()? {
        Some(r) if r.typ == BOF => match Reader::new(&r).u16() {
            Some(0x0600) => Version::Biff8,
            Some(0x0500) => Version::Biff5,
            Some(v) => return err(format!("BIFF version {v:#06x} is not BIFF5 or BIFF8")),
            None => return err("the BOF record is truncated"),
        },
        _ => return err("the stream does not start with a BOF record"),
    };
    let mut g = Globals {
        version,
        encoding: encoding_rs::WINDOWS_1252,
        fonts: Vec::new(),
        formats: HashMap::new(),
        xfs: Vec::new(),
        palette: Vec::new(),
        normal: 0,
        sheets: Vec::new(),
        active: 0,
        end: stream.len(),
        links: super::rgce::Links::default(),
        rich: super::sst::RichStrings::new(),
    };
    for r in records {
        let r = r?;
        if version == Version::Biff8 {
            g.links.record(r.typ, &r.data);
        }
        match r.typ {
            EOF => {
                g.end = r.offset;
                return Ok(g);
            }
            FILEPASS => return err("the workbook is encrypted"),
            CODEPAGE => {
                if let Some(e) = Reader::new(&r).u16().and_then(codepage::to_encoding) {
                    g.encoding = e;
                }
            }
            FONT if g.fonts.len() < MAX_ITEMS => {
                // Index 4 is never written (§2.5.129 FontIndex): the fifth record is font 5.
                if g.fonts.len() == 4 {
                    g.fonts.push(RawFont::default());
                }
                if let Some(f) = g.font(&r) {
                    g.fonts.push(f);
                }
            }
            FORMAT if g.formats.len() < MAX_ITEMS => {
                if let Some((id, code)) = g.format(&r) {
                    g.formats.insert(id, code);
                }
            }
            XF if g.xfs.len() < MAX_ITEMS => {
                let xf = match version {
                    Version::Biff8 => xf8(&r.data),
                    Version::Biff5 => xf5(&r.data),
                };
                g.xfs.push(xf.unwrap_or_default());
            }
            PALETTE => g.palette = palette(&r.data),
            SST if version == Version::Biff8 => g.rich = super::sst::rich_strings(&r),
            STYLE => {
                // A built-in style (fBuiltIn) with istyBuiltIn 0 is Normal (§2.4.269).
                let mut rd = Reader::new(&r);
                if let (Some(ixfe), Some(id)) = (rd.u16(), rd.u8())
                    && ixfe & 0x8000 != 0
                    && id == 0
                {
                    g.normal = usize::from(ixfe & 0x0FFF);
                }
            }
            BOUNDSHEET if g.sheets.len() < MAX_ITEMS => {
                if let Some(s) = g.bound_sheet(&r) {
                    g.sheets.push(s);
                }
            }
            WINDOW1 => {
                let mut rd = Reader::new(&r);
                if let (Some(_), Some(tab)) = (rd.skip(10), rd.u16()) {
                    g.active = usize::from(tab);
                }
            }
            _ => {}
        }
    }
    err("the workbook globals end without an EOF record")
}

impl Globals {
    /// A string with a one-byte length (ShortXLUnicodeString in BIFF8, §2.5.240).
    fn short_string(&self, rd: &mut Reader<'_>) -> Option<String> {
        let cch = usize::from(rd.u8()?);
        self.string_body(rd, cch)
    }

    fn string_body(&self, rd: &mut Reader<'_>, cch: usize) -> Option<String> {
        match self.version {
            Version::Biff8 => rd.unicode(cch),
            Version::Biff5 => rd.bytes_text(cch, self.encoding),
        }
    }

    fn font(&self, r: &Record<'_>) -> Option<RawFont> {
        let mut rd = Reader::new(r);
        let height = rd.u16()?;
        let flags = rd.u16()?;
        let icv = rd.u16()?;
        let weight = rd.u16()?;
        let script = rd.u16()?;
        let underline = rd.u8()?;
        rd.skip(3)?;
        let name = self.short_string(&mut rd).filter(|n| !n.is_empty());
        Some(RawFont {
            font: Font {
                name,
                size: (height > 0).then(|| f64::from(height) / 20.0),
                // bls: 400 normal, 700 bold (§2.4.122); LibreOffice reads above 550 as bold.
                bold: weight > 550,
                italic: flags & 0x0002 != 0,
                strike: flags & 0x0008 != 0,
                underline: match underline {
                    0x01 => Some(Underline::Single),
                    0x02 => Some(Underline::Double),
                    0x21 => Some(Underline::SingleAccounting),
                    0x22 => Some(Underline::DoubleAccounting),
                    _ => None,
                },
                vert_align: match script {
                    1 => Some(VertAlign::Superscript),
                    2 => Some(VertAlign::Subscript),
                    _ => None,
                },
                color: None,
            },
            icv,
        })
    }

    /// A number format (§2.4.126 Format): its id and code.
    fn format(&self, r: &Record<'_>) -> Option<(u16, String)> {
        let mut rd = Reader::new(r);
        let id = rd.u16()?;
        let code = match self.version {
            Version::Biff8 => {
                let cch = usize::from(rd.u16()?);
                rd.unicode(cch)?
            }
            Version::Biff5 => self.short_string(&mut rd)?,
        };
        Some((id, code))
    }

    fn bound_sheet(&self, r: &Record<'_>) -> Option<BoundSheet> {
        let mut rd = Reader::new(r);
        let offset = usize::try_from(rd.u32()?).ok()?;
        let _state = rd.u8()?;
        let kind = rd.u8()?;
        let name = self.short_string(&mut rd)?;
        Some(BoundSheet { name, offset, kind })
    }

    pub fn colors(&self) -> Colors {
        Colors {
            palette: self.palette.clone(),
            ..Colors::default()
        }
    }

    /// A palette colour (§2.5.161 Icv): 0-63 from the palette; 64 and up are system colours
    /// (window text, window background, ...) and 0x7FFF the automatic colour: `None`.
    pub fn color(&self, colors: &Colors, icv: u16) -> Option<Rgb> {
        (icv < 64)
            .then(|| colors.indexed(usize::from(icv)))
            .flatten()
    }

    /// The fonts with their colours resolved, by font index.
    pub fn fonts(&self) -> Vec<Font> {
        let colors = self.colors();
        self.fonts
            .iter()
            .map(|f| Font {
                color: self.color(&colors, f.icv),
                ..f.font.clone()
            })
            .collect()
    }

    /// The tables resolved: the style of every XF, in XF order.
    pub fn styles(&self) -> Vec<CellStyle> {
        let colors = self.colors();
        let fonts = self.fonts();
        self.xfs
            .iter()
            .map(|xf| self.style(xf, &fonts, &colors))
            .collect()
    }

    fn style(&self, xf: &Xf, fonts: &[Font], colors: &Colors) -> CellStyle {
        let num_fmt = self
            .formats
            .get(&xf.fmt)
            .cloned()
            .or_else(|| crate::numfmt::builtin(u32::from(xf.fmt)).map(str::to_string))
            .unwrap_or_else(|| "General".into());
        let line = |(style, icv): (u8, u16)| {
            let name = LINE_STYLES.get(usize::from(style)).copied()?;
            (style != 0).then(|| BorderLine {
                style: name.into(),
                color: self.color(colors, icv),
            })
        };
        let (down, up, dstyle, dicv) = xf.diag;
        let diagonal = line((dstyle, dicv));
        CellStyle {
            num_fmt_id: u32::from(xf.fmt),
            num_fmt,
            font: fonts
                .get(usize::from(xf.font))
                .or(fonts.first())
                .cloned()
                .unwrap_or_default(),
            fill: PATTERNS.get(usize::from(xf.pattern)).and_then(|p| {
                pattern_fill(p, self.color(colors, xf.fore), self.color(colors, xf.back))
            }),
            border: Border {
                left: line(xf.lines[0]),
                right: line(xf.lines[1]),
                top: line(xf.lines[2]),
                bottom: line(xf.lines[3]),
                diagonal_down: diagonal.clone().filter(|_| down),
                diagonal_up: diagonal.filter(|_| up),
            },
            alignment: Alignment {
                horizontal: HORIZONTAL
                    .get(usize::from(xf.alc))
                    .and_then(|h| h.map(str::to_string)),
                vertical: VERTICAL.get(usize::from(xf.alc_v)).map(|v| v.to_string()),
                wrap: xf.wrap,
                shrink: xf.shrink,
                rotation: u32::from(xf.rotation),
                indent: u32::from(xf.indent),
            },
            protection: Protection {
                locked: xf.locked,
                hidden: xf.hidden,
            },
        }
    }
}

/// Line styles by their BIFF number (§2.5.11 BorderStyle), as ST_BorderStyle names.
const LINE_STYLES: [&str; 14] = [
    "none",
    "thin",
    "medium",
    "dashed",
    "dotted",
    "thick",
    "double",
    "hair",
    "mediumDashed",
    "dashDot",
    "mediumDashDot",
    "dashDotDot",
    "mediumDashDotDot",
    "slantDashDot",
];

/// Fill patterns by their BIFF number (§2.5.12 FillPattern), as ST_PatternType names.
const PATTERNS: [&str; 19] = [
    "none",
    "solid",
    "mediumGray",
    "darkGray",
    "lightGray",
    "darkHorizontal",
    "darkVertical",
    "darkDown",
    "darkUp",
    "darkGrid",
    "darkTrellis",
    "lightHorizontal",
    "lightVertical",
    "lightDown",
    "lightUp",
    "lightGrid",
    "lightTrellis",
    "gray125",
    "gray0625",
];

/// Horizontal alignment by number (§2.5.15 HorizAlign); general is no alignment of its own.
const HORIZONTAL: [Option<&str>; 8] = [
    None,
    Some("left"),
    Some("center"),
    Some("right"),
    Some("fill"),
    Some("justify"),
    Some("centerContinuous"),
    Some("distributed"),
];

/// Vertical alignment by number (§2.5.333 VertAlign).
const VERTICAL: [&str; 5] = ["top", "center", "bottom", "justify", "distributed"];

/// The flags word shared by BIFF5 and BIFF8 XFs: protection and the style flag.
fn xf_head(rd: &mut Reader<'_>) -> Option<Xf> {
    let font = rd.u16()?;
    let fmt = rd.u16()?;
    let flags = rd.u16()?;
    Some(Xf {
        font,
        fmt,
        locked: flags & 0x0001 != 0,
        hidden: flags & 0x0002 != 0,
        is_style: flags & 0x0004 != 0,
        ..Xf::default()
    })
}

/// A BIFF8 XF (§2.4.353, 20 bytes).
pub fn xf8(data: &[u8]) -> Option<Xf> {
    let mut rd = Reader::of(data);
    let mut xf = xf_head(&mut rd)?;
    let align = rd.u8()?;
    xf.alc = align & 0x07;
    xf.wrap = align & 0x08 != 0;
    xf.alc_v = (align >> 4) & 0x07;
    xf.rotation = rd.u8()?;
    let indent = rd.u8()?;
    xf.indent = indent & 0x0F;
    xf.shrink = indent & 0x10 != 0;
    rd.skip(1)?;
    let b1 = rd.u32()?;
    let b2 = rd.u32()?;
    let fill = rd.u16()?;
    let bits = |v: u32, shift: u32, mask: u32| (v >> shift) & mask;
    xf.lines = [
        (bits(b1, 0, 0xF) as u8, bits(b1, 16, 0x7F) as u16),
        (bits(b1, 4, 0xF) as u8, bits(b1, 23, 0x7F) as u16),
        (bits(b1, 8, 0xF) as u8, bits(b2, 0, 0x7F) as u16),
        (bits(b1, 12, 0xF) as u8, bits(b2, 7, 0x7F) as u16),
    ];
    xf.diag = (
        b1 & 0x4000_0000 != 0,
        b1 & 0x8000_0000 != 0,
        bits(b2, 21, 0xF) as u8,
        bits(b2, 14, 0x7F) as u16,
    );
    xf.pattern = bits(b2, 26, 0x3F) as u8;
    xf.fore = fill & 0x7F;
    xf.back = (fill >> 7) & 0x7F;
    Some(xf)
}

/// A BIFF5 XF (16 bytes; the Excel 5.0 layout MS-XLS predates, as LibreOffice reads it).
pub fn xf5(data: &[u8]) -> Option<Xf> {
    let mut rd = Reader::of(data);
    let mut xf = xf_head(&mut rd)?;
    let align = rd.u8()?;
    xf.alc = align & 0x07;
    xf.wrap = align & 0x08 != 0;
    xf.alc_v = (align >> 4) & 0x07;
    // Orientation: 0 none, 1 stacked letters, 2 turned 90° counter-clockwise, 3 clockwise.
    xf.rotation = match rd.u8()? & 0x03 {
        1 => 255,
        2 => 90,
        3 => 180,
        _ => 0,
    };
    let a = rd.u32()?;
    let b = rd.u32()?;
    let bits = |v: u32, shift: u32, mask: u32| (v >> shift) & mask;
    xf.fore = bits(a, 0, 0x7F) as u16;
    xf.back = bits(a, 7, 0x7F) as u16;
    xf.pattern = bits(a, 16, 0x3F) as u8;
    xf.lines = [
        (bits(b, 3, 0x7) as u8, bits(b, 16, 0x7F) as u16),
        (bits(b, 6, 0x7) as u8, bits(b, 23, 0x7F) as u16),
        (bits(b, 0, 0x7) as u8, bits(b, 9, 0x7F) as u16),
        (bits(a, 22, 0x7) as u8, bits(a, 25, 0x7F) as u16),
    ];
    Some(xf)
}

/// The palette (§2.4.188 Palette): colours 8-63 follow the eight fixed ones.
fn palette(data: &[u8]) -> Vec<Rgb> {
    let mut rd = Reader::of(data);
    let Some(count) = rd.u16() else {
        return Vec::new();
    };
    let mut out: Vec<Rgb> = [
        (0, 0, 0),
        (255, 255, 255),
        (255, 0, 0),
        (0, 255, 0),
        (0, 0, 255),
        (255, 255, 0),
        (255, 0, 255),
        (0, 255, 255),
    ]
    .into_iter()
    .map(|(r, g, b)| Rgb(r, g, b))
    .collect();
    for _ in 0..count.min(56) {
        let Some(c) = rd.bytes(4) else { break };
        out.push(Rgb(c[0], c[1], c[2]));
    }
    out
}
