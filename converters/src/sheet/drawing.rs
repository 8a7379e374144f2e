//! Drawing objects of a workbook: pictures, charts and shapes placed on sheets (ECMA-376-1 §20.5
//! SpreadsheetML Drawing), with their anchors, and the geometry to place them (the lengths of
//! column and row spans of a [`Sheet`], computed from its runs so that huge sheets cost nothing).

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

impl Sheet {
    /// The width in points of columns `from..to` (hidden columns have none).
    pub fn cols_width(&self, from: u32, to: u32) -> f64 {
        if to <= from {
            return 0.0;
        }
        let mut total = 0.0;
        let mut at = from;
        for c in &self.cols {
            if c.last < at {
                continue;
            }
            if c.first >= to {
                break;
            }
            let first = c.first.max(at);
            let last = c.last.min(to - 1);
            total += f64::from(first - at) * self.default_col_width;
            let w = if c.hidden {
                0.0
            } else {
                c.width.unwrap_or(self.default_col_width).max(0.0)
            };
            total += f64::from(last - first + 1) * w;
            at = last + 1;
        }
        total + f64::from(to.saturating_sub(at)) * self.default_col_width
    }

    /// The height in points of rows `from..to`: rows without a height of their own have the
    /// default one, hidden rows none.
    pub fn rows_height(&self, from: u32, to: u32) -> f64 {
        if to <= from {
            return 0.0;
        }
        let default = if self.rows_hidden_by_default {
            0.0
        } else {
            self.default_row_height
        };
        let start = self.rows.partition_point(|r| r.index < from);
        let mut total = f64::from(to - from) * default;
        for r in self.rows[start..].iter().take_while(|r| r.index < to) {
            let h = if r.hidden {
                0.0
            } else {
                r.height.unwrap_or(self.default_row_height).max(0.0)
            };
            total += h - default;
        }
        total
    }

    /// The position in EMU of a point `offset` EMU into `cell`, from the sheet's top left.
    pub fn emu_at(&self, cell: Pos, offset: (i64, i64)) -> (i64, i64) {
        let x = self.cols_width(0, cell.1) * EMU_PER_PT;
        let y = self.rows_height(0, cell.0) * EMU_PER_PT;
        (x.round() as i64 + offset.0, y.round() as i64 + offset.1)
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
    fn spans_sum_runs_without_walking_every_column() {
        let s = sheet();
        assert_eq!(s.cols_width(0, 1), 48.0);
        assert_eq!(s.cols_width(0, 3), 248.0);
        assert_eq!(s.cols_width(2, 6), 100.0 + 48.0 + 0.0 + 48.0);
        assert_eq!(s.cols_width(3, 3), 0.0);
        // The whole sheet's width costs as much as its column runs.
        assert_eq!(s.cols_width(0, 16_384), 248.0 + 16_380.0 * 48.0);
        assert_eq!(s.rows_height(0, 4), 15.0 * 3.0 + 30.0);
        assert_eq!(s.rows_height(4, 7), 30.0);
        assert_eq!(s.rows_height(0, 1_048_576), 1_048_574.0 * 15.0 + 30.0);
        assert_eq!(s.emu_at((1, 1), (10, 20)), (609_600 + 10, 190_500 + 20));
    }
}
