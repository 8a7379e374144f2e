//! The spreadsheet model: a workbook as read from SpreadsheetML (ECMA-376-1 §18), keeping what
//! the ODS writer and the formula and number-format translators need (raw formula text and kind,
//! raw number format codes, the 1904 date system, defined names, table definitions).
//!
//! Cells are stored sparse and row-major: a sheet holds only rows that have cells or properties,
//! a row only the cells the file has, so a claimed dimension costs nothing.

pub mod drawing;
pub mod extras;
pub mod pivot;
pub mod pivot_layout;
pub mod rules;

use std::sync::Arc;

use crate::text::Meta;
use crate::units::Rgb;

/// The largest sheet SpreadsheetML allows (ECMA-376-1 §18.3.1.73: rows 1..=1048576, columns
/// A..=XFD); anything beyond is refused by the reader.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLS: u32 = 16_384;

/// A cell position, zero-based (row, column).
pub type Pos = (u32, u32);

/// A rectangle of cells, zero-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Range {
    pub first: Pos,
    pub last: Pos,
}

impl Range {
    pub fn rows(&self) -> u32 {
        self.last.0 - self.first.0 + 1
    }

    pub fn cols(&self) -> u32 {
        self.last.1 - self.first.1 + 1
    }

    pub fn contains(&self, (r, c): Pos) -> bool {
        (self.first.0..=self.last.0).contains(&r) && (self.first.1..=self.last.1).contains(&c)
    }

    pub fn overlaps(&self, o: &Range) -> bool {
        self.first.0 <= o.last.0
            && o.first.0 <= self.last.0
            && self.first.1 <= o.last.1
            && o.first.1 <= self.last.1
    }
}

#[derive(Debug, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    /// Cell formats (cellXfs), indexed by a cell's style index; index 0 is the default.
    pub styles: Vec<CellStyle>,
    pub defined_names: Vec<DefinedName>,
    pub tables: Vec<TableDef>,
    /// Pivot tables whose cells were computed (the others keep Excel's cells only).
    pub pivots: Vec<pivot::PivotTable>,
    /// Differential formats of conditional formats (§18.8.15 dxfs).
    pub dxfs: Vec<rules::Dxf>,
    /// Serial numbers count from 1904-01-01 instead of 1899-12-30 (§18.2.28 workbookPr date1904).
    pub date1904: bool,
    /// Iterative calculation of circular references (§18.2.2 calcPr iterate); `None` when off,
    /// so that a circular reference is an error as in the source.
    pub iteration: Option<Iteration>,
    /// The sheet shown when the file opens (bookViews activeTab), an index into `sheets`.
    pub active_sheet: usize,
    pub meta: Meta,
    /// Pictures and charts on the sheets.
    pub drawings: drawing::Drawings,
    /// Workbook structure protection (§18.2.29 workbookProtection).
    pub protection: Option<extras::BookProtection>,
}

/// How often circular references are recalculated (§18.2.2 calcPr iterateCount, iterateDelta).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Iteration {
    /// Most recalculation passes (iterateCount, ≥ 1).
    pub steps: u32,
    /// Iteration stops once no value changes by more than this (iterateDelta).
    pub max_change: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Visibility {
    #[default]
    Visible,
    Hidden,
    /// Hidden and not offered for unhiding in Excel's UI (§18.18.68 ST_SheetState veryHidden).
    VeryHidden,
}

#[derive(Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub visibility: Visibility,
    pub tab_color: Option<Rgb>,
    /// Rows in ascending index order, each with its cells in ascending column order.
    pub rows: Vec<Row>,
    /// Column ranges with properties, ascending and not overlapping.
    pub cols: Vec<ColRange>,
    /// Width of columns without a `col` entry, in points.
    pub default_col_width: f64,
    /// Height of rows without a height of their own, in points.
    pub default_row_height: f64,
    /// Rows are hidden unless they say otherwise (§18.3.1.81 sheetFormatPr zeroHeight).
    pub rows_hidden_by_default: bool,
    pub merged: Vec<Range>,
    pub frozen: Option<Frozen>,
    /// The sheet is selected in the workbook view (sheetView tabSelected).
    pub selected: bool,
    /// What `dimension` claimed; kept for information only, never used to allocate.
    pub dimension: Option<Range>,
    /// The active cell of the view, if any.
    pub cursor: Option<Pos>,
    /// Conditional formats and data validations.
    pub rules: rules::SheetRules,
    /// Hyperlinks, comments, autofilter, print setup and protection.
    pub extras: extras::SheetExtras,
}

/// A frozen pane (§18.3.1.66 pane with state frozen or frozenSplit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frozen {
    /// Columns and rows kept in view (xSplit, ySplit).
    pub cols: u32,
    pub rows: u32,
    /// The first cell shown in the scrolling pane (topLeftCell).
    pub top_left: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ColRange {
    pub first: u32,
    pub last: u32,
    /// Width in points, where the file gives one.
    pub width: Option<f64>,
    pub hidden: bool,
    /// Style of cells in the column that have none of their own.
    pub style: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub index: u32,
    /// Height in points; `custom` when the file fixes it (customHeight), else Excel fits it.
    pub height: Option<f64>,
    pub custom_height: bool,
    pub hidden: bool,
    /// Style of the row's empty cells (row s with customFormat).
    pub style: Option<u32>,
    pub cells: Vec<(u32, Cell)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub formula: Option<Box<Formula>>,
    /// Index into [`Workbook::styles`].
    pub style: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub enum Value {
    #[default]
    Empty,
    Number(f64),
    String(Arc<str>),
    RichText(Arc<[Run]>),
    Bool(bool),
    /// An error value as Excel spells it (`#N/A`, `#DIV/0!`).
    Error(String),
    /// An ISO 8601 date-time (§18.18.11 ST_CellType d).
    Date(String),
}

impl Value {
    /// The plain text of a string value.
    pub fn text(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.to_string()),
            Value::RichText(runs) => Some(runs.iter().map(|r| r.text.as_str()).collect()),
            _ => None,
        }
    }
}

/// A run of rich text in a string (§18.4.4 r).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub text: String,
    /// The run's own font; `None` takes the cell's.
    pub font: Option<Font>,
}

/// A cell formula as the file spells it, without the leading `=`.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    /// The formula text in Excel's A1 syntax; for cells of a shared formula, the master's text
    /// (to be shifted from `master` to this cell).
    pub excel_text: String,
    pub kind: FormulaKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormulaKind {
    Normal,
    /// Part of a shared formula (§18.3.1.40 f t="shared"): the master cell holds the text.
    Shared {
        master: Pos,
        index: u32,
    },
    /// An array formula over `range` (t="array"), held by the range's first cell.
    Array {
        range: Range,
    },
    /// A what-if data table (t="dataTable"); only its cached values are kept.
    DataTable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DefinedName {
    pub name: String,
    /// The formula (usually a reference) in Excel's syntax, without `=`.
    pub formula: String,
    /// The sheet the name is local to (localSheetId), else workbook-wide.
    pub local_sheet: Option<usize>,
    pub hidden: bool,
}

/// A table (ListObject, §18.5.1.2) for structured references.
#[derive(Debug, Clone, PartialEq)]
pub struct TableDef {
    pub name: String,
    pub display_name: String,
    pub sheet: usize,
    pub range: Range,
    pub header_rows: u32,
    pub totals_rows: u32,
    pub columns: Vec<String>,
    /// The table's autofilter (§18.5.1.2 autoFilter), when it has its filter buttons.
    pub filter: Option<extras::AutoFilter>,
}

/// A cell format (§18.8.45 xf in cellXfs), with fonts, fills and borders resolved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CellStyle {
    pub num_fmt_id: u32,
    /// The raw Excel number format code (`General`, `0.00`, `d/m/yyyy`, ...).
    pub num_fmt: String,
    pub font: Font,
    pub fill: Option<Rgb>,
    pub border: Border,
    pub alignment: Alignment,
    pub protection: Protection,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Font {
    pub name: Option<String>,
    /// Size in points.
    pub size: Option<f64>,
    pub bold: bool,
    pub italic: bool,
    pub underline: Option<Underline>,
    pub strike: bool,
    pub color: Option<Rgb>,
    pub vert_align: Option<VertAlign>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Underline {
    Single,
    Double,
    SingleAccounting,
    DoubleAccounting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VertAlign {
    Superscript,
    Subscript,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Border {
    pub left: Option<BorderLine>,
    pub right: Option<BorderLine>,
    pub top: Option<BorderLine>,
    pub bottom: Option<BorderLine>,
    /// Diagonals from top left down (diagonalDown) and from bottom left up (diagonalUp).
    pub diagonal_down: Option<BorderLine>,
    pub diagonal_up: Option<BorderLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BorderLine {
    /// ST_BorderStyle (§18.18.3): thin, medium, thick, double, dashed, dotted, hair, ...
    pub style: String,
    pub color: Option<Rgb>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    /// ST_HorizontalAlignment (§18.18.40): left, center, right, fill, justify, ...
    pub horizontal: Option<String>,
    /// ST_VerticalAlignment (§18.18.88): top, center, bottom, justify, distributed.
    pub vertical: Option<String>,
    pub wrap: bool,
    pub shrink: bool,
    /// Degrees counter-clockwise 0..=180 as Excel stores them (91..=180 turn clockwise), or
    /// 255 for vertically stacked text (§18.8.1 textRotation).
    pub rotation: u32,
    /// Indent in steps of three spaces' width.
    pub indent: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Protection {
    pub locked: bool,
    pub hidden: bool,
}

impl Default for Protection {
    /// Cells are locked and formulas shown unless the format says otherwise (§18.8.33).
    fn default() -> Self {
        Self {
            locked: true,
            hidden: false,
        }
    }
}

/// Column letters (`A`, `XFD`) of a zero-based column.
pub fn col_name(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// Parses an A1 reference (`B7`, `$B$7`) into a zero-based position within the sheet limits.
pub fn parse_ref(s: &str) -> Option<Pos> {
    let s = s.trim();
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'$'));
    let mut col: u32 = 0;
    let start = i;
    while i < b.len() && b[i].is_ascii_alphabetic() {
        col = col
            .checked_mul(26)?
            .checked_add(u32::from(b[i].to_ascii_uppercase() - b'A') + 1)?;
        i += 1;
        if i - start > 3 {
            return None;
        }
    }
    if i == start {
        return None;
    }
    if b.get(i) == Some(&b'$') {
        i += 1;
    }
    let row: u32 = s.get(i..)?.parse().ok()?;
    if row == 0 || row > MAX_ROWS || col == 0 || col > MAX_COLS {
        return None;
    }
    Some((row - 1, col - 1))
}

/// Parses `A1:C3` (or a single cell) into a range, corners ordered.
pub fn parse_range(s: &str) -> Option<Range> {
    let (a, b) = s.split_once(':').unwrap_or((s, s));
    let (a, b) = (parse_ref(a)?, parse_ref(b)?);
    Some(Range {
        first: (a.0.min(b.0), a.1.min(b.1)),
        last: (a.0.max(b.0), a.1.max(b.1)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(parse_ref("A1"), Some((0, 0)));
        assert_eq!(parse_ref("$AB$12"), Some((11, 27)));
        assert_eq!(parse_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_ref("XFE1"), None);
        assert_eq!(parse_ref("A1048577"), None);
        assert_eq!(parse_ref("AAAA1"), None);
        assert_eq!(parse_ref("12"), None);
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(27), "AB");
        assert_eq!(col_name(16_383), "XFD");
        let r = parse_range("C3:A1");
        assert_eq!(
            r.map(|r| (r.first, r.last, r.rows(), r.cols())),
            Some(((0, 0), (2, 2), 3, 3))
        );
        assert!(r.is_some_and(|r| r.contains((1, 1)) && !r.contains((3, 0))));
    }
}
