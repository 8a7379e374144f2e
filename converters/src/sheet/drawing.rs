//! Drawing objects of a workbook: pictures, charts and shapes placed on sheets (ECMA-376-1 §20.5
//! SpreadsheetML Drawing), with their anchors, and the [`Grid`] to place them by (where the
//! columns and rows of a [`Sheet`] start, from prefix sums over its runs).

use super::{Pos, Run, Sheet};
use crate::units::Rgb;

/// EMU per point (DrawingML lengths: 914400 per inch).
pub const EMU_PER_PT: f64 = 12_700.0;

/// At most this many drawing objects per workbook; the rest is reported, not kept.
pub const MAX_SHAPES: usize = 10_000;

/// The workbook's drawing objects and what they show.
#[derive(Debug, Default)]
pub struct Drawings {
    pub shapes: Vec<Shape>,
    pub images: Vec<Image>,
    pub charts: Vec<crate::chart::Chart>,
    /// Shapes drawn with an outline and text of their own (xdr:sp).
    pub drawn: Vec<Drawn>,
}

/// A shape or text box (§20.5.2.29 xdr:sp): its outline, look and text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drawn {
    /// The outline of a preset other than a rectangle; `None` draws the box.
    pub geometry: Option<crate::text::Geometry>,
    pub fill: Option<Rgb>,
    /// The outline's colour and width in points.
    pub stroke: Option<(Rgb, f64)>,
    /// Distances of the text from the left, top, right and bottom edges, in EMU.
    pub insets: [i64; 4],
    /// Where the text sits vertically: `top`, `middle` or `bottom`.
    pub vertical: &'static str,
    pub paragraphs: Vec<Paragraph>,
    /// A straight line (a connector or the line preset) from the box's top left to its bottom
    /// right corner, mirrored horizontally and vertically as the flags say.
    pub line: Option<(bool, bool)>,
}

/// A paragraph of a shape's text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// `start`, `center`, `end` or `justify`, when not the default start.
    pub align: Option<&'static str>,
    pub runs: Vec<Run>,
}

/// A picture carried into the package.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The path inside the ODF package (`Pictures/image1.png`).
    pub path: String,
    pub media_type: &'static str,
    pub data: Vec<u8>,
}

/// One object on a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The sheet it lies on, an index into [`super::Workbook::sheets`].
    pub sheet: usize,
    pub anchor: Anchor,
    /// Width and height in EMU.
    pub size: (i64, i64),
    /// `xdr:cNvPr name`, `title` and `descr` (§20.1.2.2.8): the name and alternative text.
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Not shown (cNvPr hidden).
    pub hidden: bool,
    /// The outline of a picture or chart frame: colour and width in points.
    pub outline: Option<(Rgb, f64)>,
    pub content: Content,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// An index into [`Drawings::images`].
    Image(usize),
    /// An index into [`Drawings::charts`].
    Chart(usize),
    /// An index into [`Drawings::drawn`].
    Drawn(usize),
}

/// Where a shape sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// In a cell (its top left corner `offset` EMU right of and below the cell's), moving with
    /// it; `end` is the cell and offset of the bottom right corner when the shape also
    /// resizes with the cells (twoCellAnchor editAs="twoCell", §20.5.2.33).
    Cell {
        cell: Pos,
        offset: (i64, i64),
        end: Option<(Pos, (i64, i64))>,
    },
    /// On the sheet's drawing layer at a fixed position in EMU from its top left corner
    /// (absoluteAnchor, and twoCellAnchor editAs="absolute").
    Page { x: i64, y: i64 },
}

/// Where columns and rows of a sheet start, in points: prefix sums over its column runs and
/// rows, built once per sheet, so that placing many shapes on a sheet of many rows costs a
/// binary search each.
#[derive(Debug)]
pub struct Grid {
    default_width: f64,
    default_height: f64,
    /// Column runs: first and last column, width of each, and where the first one starts.
    cols: Vec<(u32, u32, f64, f64)>,
    /// Rows with a height of their own: index, and the sum of their differences from the
    /// default height before it.
    rows: Vec<(u32, f64)>,
    /// The sum of all rows' differences, after the last.
    rows_total: f64,
}

impl Grid {
    pub fn new(sheet: &Sheet) -> Self {
        let default_width = sheet.default_col_width.max(0.0);
        let default_height = if sheet.rows_hidden_by_default {
            0.0
        } else {
            sheet.default_row_height.max(0.0)
        };
        let mut cols = Vec::with_capacity(sheet.cols.len());
        let mut x = 0.0;
        let mut at = 0u32;
        for c in &sheet.cols {
            if c.first < at || c.last < c.first {
                continue; // overlapping or reversed runs: the first one counts
            }
            x += f64::from(c.first - at) * default_width;
            // Hidden columns and those of width 0 take no room.
            let w = if c.hidden {
                0.0
            } else {
                c.width.unwrap_or(default_width).max(0.0)
            };
            cols.push((c.first, c.last, w, x));
            x += f64::from(c.last - c.first + 1) * w;
            at = c.last.saturating_add(1);
        }
        let mut rows = Vec::with_capacity(sheet.rows.len());
        let mut delta = 0.0;
        for r in &sheet.rows {
            rows.push((r.index, delta));
            let h = if r.hidden {
                0.0
            } else {
                r.height.unwrap_or(sheet.default_row_height).max(0.0)
            };
            delta += h - default_height;
        }
        Grid {
            default_width,
            default_height,
            cols,
            rows,
            rows_total: delta,
        }
    }

    /// Where column `c` starts, in points from the sheet's left edge.
    pub fn x(&self, c: u32) -> f64 {
        let i = self.cols.partition_point(|(first, ..)| *first <= c);
        match i.checked_sub(1).and_then(|i| self.cols.get(i)) {
            None => f64::from(c) * self.default_width,
            Some(&(first, last, w, x)) if c <= last => x + f64::from(c - first) * w,
            Some(&(first, last, w, x)) => {
                x + f64::from(last - first + 1) * w + f64::from(c - last - 1) * self.default_width
            }
        }
    }

    /// Where row `r` starts, in points from the sheet's top edge.
    pub fn y(&self, r: u32) -> f64 {
        let i = self.rows.partition_point(|(index, _)| *index < r);
        let delta = self.rows.get(i).map_or(self.rows_total, |(_, d)| *d);
        f64::from(r) * self.default_height + delta
    }

    /// The position in EMU of a point `offset` EMU into `cell`, from the sheet's top left.
    pub fn emu_at(&self, (row, col): Pos, offset: (i64, i64)) -> (i64, i64) {
        let x = (self.x(col) * EMU_PER_PT).round() as i64;
        let y = (self.y(row) * EMU_PER_PT).round() as i64;
        (x.saturating_add(offset.0), y.saturating_add(offset.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{ColRange, Row};

    fn sheet() -> Sheet {
        Sheet {
            default_col_width: 48.0,
            default_row_height: 15.0,
            cols: vec![
                ColRange {
                    first: 1,
                    last: 2,
                    width: Some(100.0),
                    hidden: false,
                    style: None,
                },
                ColRange {
                    first: 4,
                    last: 4,
                    width: Some(30.0),
                    hidden: true,
                    style: None,
                },
            ],
            rows: vec![
                Row {
                    index: 2,
                    height: Some(30.0),
                    ..Row::default()
                },
                Row {
                    index: 5,
                    hidden: true,
                    ..Row::default()
                },
            ],
            ..Sheet::default()
        }
    }

    #[test]
    fn positions_from_prefix_sums() {
        let g = Grid::new(&sheet());
        let width = |a: u32, b: u32| g.x(b) - g.x(a);
        let height = |a: u32, b: u32| g.y(b) - g.y(a);
        assert_eq!(g.x(0), 0.0);
        assert_eq!(width(0, 1), 48.0);
        assert_eq!(width(0, 3), 248.0);
        assert_eq!(width(2, 6), 100.0 + 48.0 + 0.0 + 48.0);
        assert_eq!(width(3, 3), 0.0);
        assert_eq!(width(0, 16_384), 248.0 + 16_380.0 * 48.0);
        assert_eq!(height(0, 4), 15.0 * 3.0 + 30.0);
        assert_eq!(height(4, 7), 30.0);
        assert_eq!(height(0, 1_048_576), 1_048_576.0 * 15.0);
        assert_eq!(g.emu_at((1, 1), (10, 20)), (609_600 + 10, 190_500 + 20));
        // Rows hidden by default have no height unless they say.
        let hidden = Sheet {
            rows_hidden_by_default: true,
            ..sheet()
        };
        assert_eq!(Grid::new(&hidden).y(7), 30.0);
    }
}
