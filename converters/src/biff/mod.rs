//! The formatting of BIFF5/BIFF8 `.xls` workbooks (MS-XLS), read from the `Workbook` (BIFF8) or
//! `Book` (BIFF5) stream of the compound file: cell formats, fonts, fills, borders, number
//! formats, column widths, row heights, frozen panes and tab colours, by cell position.
//! calamine reads the values and formulas; [`Formatting::apply`] lays this over its sheets.

pub mod globals;
pub mod records;
pub mod rgce;
pub mod sheet;
pub mod sst;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Read};

use records::{BiffError, err};

use crate::sheet::{CellStyle, ColRange, Frozen, Row, Run, Sheet};
use crate::xlsx::worksheet::{default_width_pt, width_pt};

/// The largest workbook stream read: real ones stay far below; calamine reads it whole as well.
pub const MAX_STREAM: u64 = 256 << 20;

/// The formatting of a workbook, ready to lay over calamine's sheets.
#[derive(Debug)]
pub struct Formatting {
    /// Cell styles, the Normal style first; distinct XFs that look the same share one.
    pub styles: Vec<CellStyle>,
    /// The style of each XF index.
    xf_style: Vec<u32>,
    /// Each sheet of the sheet list with its name, type and formatting (or why it is missing).
    pub sheets: Vec<(globals::BoundSheet, Result<sheet::SheetFormat, BiffError>)>,
    /// The active sheet's index in `sheets`.
    pub active: usize,
    palette: crate::xlsx::styles::Colors,
    globals: globals::Globals,
    fonts: Vec<crate::sheet::Font>,
}

/// The workbook stream of a compound file: `Workbook` (BIFF8), else `Book` (BIFF5).
pub fn workbook_stream(file: &[u8]) -> Result<Vec<u8>, BiffError> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(file))
        .map_err(|e| BiffError(format!("not a compound file: {e}")))?;
    let name = ["Workbook", "Book", "WORKBOOK", "BOOK"]
        .into_iter()
        .find(|n| cfb.is_stream(n));
    let Some(name) = name else {
        return err("the compound file has no Workbook or Book stream");
    };
    let stream = cfb
        .open_stream(name)
        .map_err(|e| BiffError(format!("stream {name}: {e}")))?;
    if stream.len() > MAX_STREAM {
        return err(format!(
            "the {name} stream holds {} bytes (at most {MAX_STREAM})",
            stream.len()
        ));
    }
    let mut out = Vec::new();
    stream
        .take(MAX_STREAM)
        .read_to_end(&mut out)
        .map_err(|e| BiffError(format!("stream {name}: {e}")))?;
    Ok(out)
}

/// Reads the formatting of a `.xls` file; `budget` counts cell records against the
/// workbook's cell limit.
pub fn read(file: &[u8], budget: &mut u64) -> Result<Formatting, BiffError> {
    let stream = workbook_stream(file)?;
    let g = globals::read(&stream)?;
    let all = g.styles();
    if all.is_empty() {
        return err("the workbook has no cell formats (XF records)");
    }
    // The Normal style is style 0, the default of every cell without a format of its own.
    let normal = all
        .get(g.normal)
        .or(all.first())
        .cloned()
        .unwrap_or_default();
    let mut styles = vec![normal];
    let mut seen: HashMap<String, u32> = HashMap::new();
    seen.insert(format!("{:?}", styles[0]), 0);
    let mut xf_style = Vec::with_capacity(all.len());
    for s in all {
        let key = format!("{s:?}");
        let index = *seen.entry(key).or_insert_with(|| {
            styles.push(s);
            (styles.len() - 1) as u32
        });
        xf_style.push(index);
    }
    let sheets = g
        .sheets
        .iter()
        .map(|b| {
            // Chart and VBA module sheets hold no cells.
            let f = if matches!(b.kind, 0 | 1) {
                sheet::read(&stream, b.offset, &g.links.external, budget)
            } else {
                Ok(sheet::SheetFormat::default())
            };
            (b.clone(), f)
        })
        .collect();
    let palette = g.colors();
    Ok(Formatting {
        styles,
        xf_style,
        sheets,
        active: g.active,
        palette,
        fonts: g.fonts(),
        globals: g,
    })
}

impl Formatting {
    /// Whether the workbook is BIFF8 (Excel 97-2003) rather than BIFF5.
    pub fn is_biff8(&self) -> bool {
        self.globals.version == globals::Version::Biff8
    }

    /// The style index of an XF index; an unknown index is the default style.
    pub fn style_of(&self, xf: u16) -> u32 {
        self.xf_style.get(usize::from(xf)).copied().unwrap_or(0)
    }

    /// The formatting of the sheet calamine names `name`, the `index`th of the sheet list
    /// when no name matches.
    pub fn sheet(&self, name: &str, index: usize) -> Option<&sheet::SheetFormat> {
        let by_name = self.sheets.iter().find(|(b, _)| b.name == name);
        by_name
            .or_else(|| self.sheets.get(index))
            .and_then(|(_, f)| f.as_ref().ok())
    }

    /// The runs of the rich shared strings of a sheet's cells, by position: the text before
    /// the first run in the cell's font (`None`), each run in its own.
    pub fn rich_cells(&self, f: &sheet::SheetFormat) -> Vec<((u32, u32), Vec<Run>)> {
        f.labels
            .iter()
            .filter_map(|(pos, isst)| {
                let (units, runs) = self.globals.rich.get(isst)?;
                let mut out = Vec::with_capacity(runs.len() + 1);
                let text = |a: usize, b: usize| -> Option<String> {
                    let b = b.min(units.len());
                    Some(String::from_utf16_lossy(units.get(a.min(b)..b)?))
                };
                let first = runs.first().map_or(units.len(), |r| usize::from(r.0));
                if first > 0 {
                    out.push(Run {
                        text: text(0, first).unwrap_or_default(),
                        font: None,
                    });
                }
                for (i, (ich, font)) in runs.iter().enumerate() {
                    let end = runs.get(i + 1).map_or(units.len(), |r| usize::from(r.0));
                    let Some(t) = text(usize::from(*ich), end) else {
                        continue;
                    };
                    out.push(Run {
                        text: t,
                        font: self.fonts.get(usize::from(*font)).cloned(),
                    });
                }
                Some((*pos, out))
            })
            .collect()
    }

    /// The cells' styles by position, without those of the default style.
    pub fn cell_styles(&self, f: &sheet::SheetFormat) -> Vec<((u32, u32), u32)> {
        f.cells
            .iter()
            .map(|(pos, xf)| (*pos, self.style_of(*xf)))
            .collect()
    }

    /// Sets a sheet's column widths and formats, row heights and formats, default sizes,
    /// frozen panes, selection and tab colour. `digit_px` is the width of a digit of the
    /// default font in pixels, `font_row_height` the fitted height of a row of it in points.
    pub fn apply(&self, s: &mut Sheet, f: &sheet::SheetFormat, digit_px: f64, row_pt: f64) {
        let base = f64::from(f.base_width.unwrap_or(8));
        let standard = f.standard_width.map(|w| f64::from(w) / 256.0);
        s.default_col_width = default_width_pt(standard, base, digit_px);
        if let Some((h, hidden)) = f.default_height {
            s.default_row_height = f64::from(h) / 20.0;
            s.rows_hidden_by_default = hidden;
        } else {
            s.default_row_height = row_pt;
        }
        let mut cols: Vec<ColRange> = f
            .cols
            .iter()
            .map(|c| ColRange {
                first: c.first,
                last: c.last,
                width: Some(width_pt(f64::from(c.width) / 256.0, digit_px)),
                hidden: c.hidden,
                style: Some(self.style_of(c.xf)).filter(|s| *s != 0),
            })
            .collect();
        cols.sort_by_key(|c| c.first);
        let mut next = 0;
        cols.retain(|c| {
            let keep = c.first >= next;
            if keep {
                next = c.last + 1;
            }
            keep
        });
        s.cols = cols;
        self.rows(s, f);
        s.frozen = f.frozen.and_then(|(cols, rows, top, left)| {
            (cols > 0 || rows > 0).then_some(Frozen {
                cols,
                rows,
                top_left: (top, left),
            })
        });
        s.selected = f.selected;
        s.cursor = f.cursor;
        s.tab_color = f.tab_icv.and_then(|i| self.globals.color(&self.palette, i));
    }

    /// Merges ROW records into the sheet's rows (calamine's cells are in them already).
    fn rows(&self, s: &mut Sheet, f: &sheet::SheetFormat) {
        let mut rows: std::collections::BTreeMap<u32, Row> = std::mem::take(&mut s.rows)
            .into_iter()
            .map(|r| (r.index, r))
            .collect();
        for info in &f.rows {
            if info.index >= crate::sheet::MAX_ROWS {
                continue;
            }
            let height = f64::from(info.height) / 20.0;
            let style = info.xf.map(|x| self.style_of(x)).filter(|s| *s != 0);
            let plain = !info.custom
                && !info.hidden
                && style.is_none()
                && (height - s.default_row_height).abs() < 0.01;
            if plain && !rows.contains_key(&info.index) {
                continue;
            }
            let row = rows.entry(info.index).or_insert_with(|| Row {
                index: info.index,
                ..Row::default()
            });
            row.height = Some(height);
            row.custom_height = info.custom;
            row.hidden = info.hidden;
            row.style = style;
        }
        s.rows = rows.into_values().collect();
    }
}

/// What the reader saw in a sheet but the converter does not carry, for the finding.
pub fn not_carried(f: &Formatting) -> BTreeSet<&'static str> {
    f.sheets
        .iter()
        .filter_map(|(_, s)| s.as_ref().ok())
        .flat_map(|s| s.unsupported.iter().copied())
        .collect()
}
