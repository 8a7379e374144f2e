//! One worksheet substream (MS-XLS §2.1.7.20.5): the cell format (XF index) of every cell
//! record, column widths and formats (COLINFO, DEFCOLWIDTH, STANDARDWIDTH), row heights and
//! formats (ROW, DEFAULTROWHEIGHT), frozen panes (WINDOW2, PANE), the active cell (SELECTION)
//! and the tab colour (SHEETEXT). Values and formulas are calamine's.

use std::collections::BTreeSet;

use super::globals::{BOF, EOF};
use super::records::{BiffError, Reader, Records, err};
use crate::sheet::{MAX_COLS, MAX_ROWS, Pos};

const FORMULA: u16 = 0x0006;
const SELECTION: u16 = 0x001D;
const PANE: u16 = 0x0041;
const DEFCOLWIDTH: u16 = 0x0055;
const COLINFO: u16 = 0x007D;
const STANDARDWIDTH: u16 = 0x0099;
const MULRK: u16 = 0x00BD;
const MULBLANK: u16 = 0x00BE;
const RSTRING: u16 = 0x00D6;
const LABELSST: u16 = 0x00FD;
const BLANK: u16 = 0x0201;
const NUMBER: u16 = 0x0203;
const LABEL: u16 = 0x0204;
const BOOLERR: u16 = 0x0205;
const ROW: u16 = 0x0208;
const DEFAULTROWHEIGHT: u16 = 0x0225;
const WINDOW2: u16 = 0x023E;
const RK: u16 = 0x027E;
const SHEETEXT: u16 = 0x0862;
const NOTE: u16 = 0x001C;
const MSODRAWING: u16 = 0x00EC;
const CONDFMT: u16 = 0x01B0;
const CF: u16 = 0x01B1;
const DVAL: u16 = 0x01B2;
const HLINK: u16 = 0x01B8;

/// Records of things the converter does not carry, by what they are.
fn not_carried(typ: u16) -> Option<&'static str> {
    Some(match typ {
        NOTE => "comments",
        MSODRAWING => "drawing objects (pictures, charts, shapes)",
        CONDFMT | CF => "conditional formats",
        DVAL => "data validation",
        HLINK => "hyperlinks",
        RSTRING => "rich text within cells (BIFF5)",
        _ => return None,
    })
}
/// Embedded charts nest BOF-EOF substreams in a worksheet; real files nest one deep.
const MAX_DEPTH: u32 = 16;

/// A column range's properties (ColInfo, §2.4.53).
#[derive(Debug, Clone, PartialEq)]
pub struct ColInfo {
    pub first: u32,
    pub last: u32,
    /// Width in 1/256 of a character (coldx).
    pub width: u16,
    pub xf: u16,
    pub hidden: bool,
    /// In an outline group (iOutLevel > 0).
    pub outline: bool,
}

/// A row's properties (Row, §2.4.221).
#[derive(Debug, Clone, PartialEq)]
pub struct RowInfo {
    pub index: u32,
    /// Height in twips (miyRw).
    pub height: u16,
    /// The height was set by hand (fUnsynced), not fitted to the content.
    pub custom: bool,
    pub hidden: bool,
    /// The format of the row's empty cells (ixfe_val with fGhostDirty).
    pub xf: Option<u16>,
    /// In an outline group (iOutLevel > 0).
    pub outline: bool,
}

/// The formatting of one sheet, by position.
#[derive(Debug, Default, PartialEq)]
pub struct SheetFormat {
    /// Every cell record's position and XF index, in stream order.
    pub cells: Vec<(Pos, u16)>,
    /// Positions of FORMULA records, to tell formulas calamine could not decode.
    pub formulas: Vec<Pos>,
    /// Positions of formulas that refer to other workbooks.
    pub external: Vec<Pos>,
    /// Positions of LABELSST cells and their shared string index.
    pub labels: Vec<(Pos, u32)>,
    pub cols: Vec<ColInfo>,
    pub rows: Vec<RowInfo>,
    /// DEFCOLWIDTH: characters, without margins.
    pub base_width: Option<u16>,
    /// STANDARDWIDTH: 1/256 of a character.
    pub standard_width: Option<u16>,
    /// DEFAULTROWHEIGHT: twips, and whether rows are hidden by default (fDyZero).
    pub default_height: Option<(u16, bool)>,
    /// PANE with WINDOW2 fFrozen: columns and rows kept, first row and column of the rest.
    pub frozen: Option<(u32, u32, u32, u32)>,
    pub selected: bool,
    pub cursor: Option<Pos>,
    /// The tab colour as a palette index (SheetExt icvPlain).
    pub tab_icv: Option<u16>,
    /// What the sheet has that the converter does not carry, for the finding.
    pub unsupported: BTreeSet<&'static str>,
}

/// Reads the sheet whose BOF is at `offset`; `budget` counts cell records against the
/// workbook's limit.
pub fn read(
    stream: &[u8],
    offset: usize,
    external: &[bool],
    budget: &mut u64,
) -> Result<SheetFormat, BiffError> {
    let mut records = Records::at(stream, offset);
    match records.next().transpose()? {
        Some(r) if r.typ == BOF => {}
        _ => return err(format!("no sheet starts at offset {offset}")),
    }
    let mut s = SheetFormat::default();
    let mut depth = 0u32;
    let mut frozen = false;
    let mut pane = None;
    let mut active_pane = 3u8;
    let mut selections: Vec<(u8, Pos)> = Vec::new();
    for r in records {
        let r = r?;
        match r.typ {
            BOF => {
                s.unsupported
                    .insert("drawing objects (pictures, charts, shapes)");
                depth += 1;
                if depth > MAX_DEPTH {
                    return err("substreams nest too deep");
                }
                continue;
            }
            EOF if depth == 0 => {
                if frozen && let Some((cols, rows, top, left, act)) = pane {
                    s.frozen = Some((cols, rows, top, left));
                    active_pane = act;
                }
                s.cursor = selections
                    .iter()
                    .find(|(p, _)| *p == active_pane)
                    .or(selections.last())
                    .map(|(_, pos)| *pos);
                return Ok(s);
            }
            EOF => {
                depth -= 1;
                continue;
            }
            _ if depth > 0 => continue,
            _ => {}
        }
        if let Some(what) = not_carried(r.typ) {
            s.unsupported.insert(what);
        }
        let mut rd = Reader::new(&r);
        match r.typ {
            NUMBER | RK | LABELSST | LABEL | FORMULA | BLANK | BOOLERR | RSTRING => {
                if let (Some(row), Some(col), Some(xf)) = (rd.u16(), rd.u16(), rd.u16()) {
                    let pos = (u32::from(row), u32::from(col));
                    push(&mut s, pos, xf, budget)?;
                    if r.typ == LABELSST
                        && let Some(isst) = rd.u32()
                    {
                        s.labels.push((pos, isst));
                    }
                    if r.typ == FORMULA {
                        s.formulas.push(pos);
                        // The value (8), flags (2) and chn (4), then cce and the tokens.
                        let rgce = rd.skip(14).and_then(|_| {
                            let cce = usize::from(rd.u16()?);
                            rd.bytes(cce)
                        });
                        if rgce.is_some_and(|t| super::rgce::refers_outside(t, external)) {
                            s.external.push(pos);
                        }
                    }
                }
            }
            MULRK | MULBLANK => {
                // rw, colFirst, then an XF (MULRK: XF and RK value) a column, then colLast.
                let step = if r.typ == MULRK { 6 } else { 2 };
                let (Some(row), Some(first)) = (rd.u16(), rd.u16()) else {
                    continue;
                };
                let n = r.data.len().saturating_sub(6) / step;
                for i in 0..n {
                    let Some(xf) = rd.u16() else { break };
                    if step == 6 {
                        rd.skip(4);
                    }
                    let col = u32::from(first) + i as u32;
                    push(&mut s, (u32::from(row), col), xf, budget)?;
                }
            }
            COLINFO => {
                if let Some(c) = colinfo(&mut rd) {
                    if c.outline {
                        s.unsupported.insert("outline groups");
                    }
                    s.cols.push(c);
                }
            }
            ROW => {
                if let Some(row) = row(&mut rd) {
                    if row.outline {
                        s.unsupported.insert("outline groups");
                    }
                    s.rows.push(row);
                }
            }
            DEFCOLWIDTH => s.base_width = rd.u16(),
            STANDARDWIDTH => s.standard_width = rd.u16(),
            DEFAULTROWHEIGHT => {
                if let (Some(flags), Some(h)) = (rd.u16(), rd.u16()) {
                    s.default_height = Some((h, flags & 0x0002 != 0));
                }
            }
            WINDOW2 => {
                if let Some(flags) = rd.u16() {
                    frozen = flags & 0x0008 != 0;
                    s.selected = flags & 0x0200 != 0;
                }
            }
            PANE => {
                if let (Some(x), Some(y), Some(top), Some(left), Some(act)) =
                    (rd.u16(), rd.u16(), rd.u16(), rd.u16(), rd.u8())
                {
                    pane = Some((
                        u32::from(x),
                        u32::from(y),
                        u32::from(top),
                        u32::from(left),
                        act,
                    ));
                }
            }
            SELECTION => {
                if let (Some(p), Some(row), Some(col)) = (rd.u8(), rd.u16(), rd.u16()) {
                    selections.push((p, (u32::from(row), u32::from(col))));
                }
            }
            SHEETEXT => {
                // FrtHeader (12 bytes), cb, then icvPlain in the low 7 bits (§2.4.264).
                if let (Some(_), Some(_), Some(flags)) = (rd.skip(12), rd.u32(), rd.u32()) {
                    let icv = (flags & 0x7F) as u16;
                    s.tab_icv = (icv < 64).then_some(icv);
                }
            }
            _ => {}
        }
    }
    err("the sheet ends without an EOF record")
}

fn push(s: &mut SheetFormat, pos: Pos, xf: u16, budget: &mut u64) -> Result<(), BiffError> {
    if pos.0 >= MAX_ROWS || pos.1 >= MAX_COLS {
        return Ok(());
    }
    *budget = match budget.checked_sub(1) {
        Some(b) => b,
        None => return err("the workbook has too many cells"),
    };
    s.cells.push((pos, xf));
    Ok(())
}

fn colinfo(rd: &mut Reader<'_>) -> Option<ColInfo> {
    let first = u32::from(rd.u16()?);
    let last = u32::from(rd.u16()?).min(MAX_COLS - 1);
    let width = rd.u16()?;
    let xf = rd.u16()?;
    let flags = rd.u16()?;
    (first <= last).then_some(ColInfo {
        first,
        last,
        width,
        xf,
        hidden: flags & 0x0001 != 0,
        outline: flags & 0x0700 != 0,
    })
}

fn row(rd: &mut Reader<'_>) -> Option<RowInfo> {
    let index = u32::from(rd.u16()?);
    rd.skip(4)?;
    // Bit 15 of miyRw marks a default height in old writers; the height is the low 15 bits.
    let height = rd.u16()? & 0x7FFF;
    rd.skip(4)?;
    let flags = rd.u16()?;
    let xf = rd.u16()? & 0x0FFF;
    Some(RowInfo {
        index,
        height,
        custom: flags & 0x0040 != 0,
        hidden: flags & 0x0020 != 0,
        xf: (flags & 0x0080 != 0).then_some(xf),
        outline: flags & 0x0007 != 0,
    })
}
