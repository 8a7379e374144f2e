//! What a sheet carries besides its cells: hyperlinks, comments, the autofilter, print setup
//! and protection (ECMA-376-1 §18.3.1, §18.7), as the ODS writer needs them.

use std::collections::BTreeMap;

use super::{Pos, Range};

/// Sheet-level features kept beside the cells. Maps are keyed by cell, so the writer finds a
/// cell's link or comment in O(log n).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SheetExtras {
    /// Hyperlinks by cell; a link over a range is kept for each cell of the range that has a
    /// value (an empty cell shows nothing to click).
    pub links: BTreeMap<Pos, Link>,
    pub comments: BTreeMap<Pos, Comment>,
    /// The sheet's own autofilter (§18.3.1.2), outside any table.
    pub autofilter: Option<AutoFilter>,
    pub page: Option<PageSetup>,
    pub protection: Option<SheetProtection>,
    /// Manual page breaks (§18.3.1.9 brk): zero-based rows and columns that start a new page.
    pub row_breaks: Vec<u32>,
    pub col_breaks: Vec<u32>,
}

/// A hyperlink (§18.3.1.47): its target as an IRI, ready for xlink:href.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// An external address (`https://…`, `mailto:…`, a file path) or `#Sheet2.A1` for a place
    /// in the workbook (ODF 1.3 part 3 §19.910 xlink:href, LibreOffice's form).
    pub href: String,
    pub tooltip: Option<String>,
}

/// A cell comment (§18.7.3), or a threaded comment's thread flattened to text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comment {
    pub author: Option<String>,
    /// Paragraphs of the comment's text, each as runs with their fonts (§18.4.4 r).
    pub text: Vec<Vec<super::Run>>,
    /// Shown permanently (the legacy VML note's x:Visible), else shown on hover.
    pub shown: bool,
}

impl Comment {
    /// The paragraphs as plain text.
    pub fn plain(&self) -> Vec<String> {
        self.text
            .iter()
            .map(|p| p.iter().map(|r| r.text.as_str()).collect())
            .collect()
    }
}

/// An autofilter (§18.3.1.2): its range and the conditions of its filtered columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AutoFilter {
    pub range: Option<Range>,
    /// One entry per filtered column, combined with AND.
    pub columns: Vec<FilterColumn>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FilterColumn {
    /// Zero-based column within the filter range (colId).
    pub field: u32,
    /// Conditions combined with OR (`any`) or AND.
    pub conditions: Vec<Condition>,
    pub any: bool,
}

/// One filter condition as ODF spells it (ODF 1.3 part 3 §9.5.6 table:filter-condition).
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// table:operator: `=`, `<`, `contains`, `top values`, `empty`, ...
    pub operator: String,
    pub value: String,
    pub numeric: bool,
    /// A list of values any of which passes (filter-set-item), for `=` over several values.
    pub set: Vec<String>,
}

/// Print setup of a sheet (§18.3.1.63 pageSetup, §18.3.1.62 pageMargins, §18.3.1.46
/// headerFooter).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageSetup {
    /// Paper width and height in inches, portrait.
    pub paper: Option<(f64, f64)>,
    pub landscape: bool,
    /// Percent, 10..=400.
    pub scale: Option<u32>,
    /// Fit to this many pages wide and high (0: as many as needed), when fitToPage is set.
    pub fit: Option<(u32, u32)>,
    /// Margins in inches: left, right, top, bottom, header, footer.
    pub margins: Option<[f64; 6]>,
    pub header: Option<HeaderFooter>,
    pub footer: Option<HeaderFooter>,
    /// Headers and footers of even pages and of the first page, each `Some` (possibly empty)
    /// when the file says they differ (differentOddEven, differentFirst).
    pub even: Option<[Option<HeaderFooter>; 2]>,
    pub first: Option<[Option<HeaderFooter>; 2]>,
    pub first_page: Option<u32>,
    pub grid: bool,
    pub headings: bool,
    /// Comments are printed (pageSetup cellComments atEnd or asDisplayed).
    pub comments: bool,
    pub center_h: bool,
    pub center_v: bool,
    /// Print columns before rows (pageOrder overThenDown).
    pub over_then_down: bool,
}

/// A header or footer's three sections, each a sequence of text and fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HeaderFooter {
    pub left: Vec<HfPiece>,
    pub center: Vec<HfPiece>,
    pub right: Vec<HfPiece>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HfPiece {
    /// The font of the pieces that follow, up to the next change (Excel's &"font,style",
    /// size, colour and &B/&I/&U/&S/&X/&Y codes); the default font is `Font::default()`.
    Font(super::Font),
    Text(String),
    PageNumber,
    PageCount,
    Date,
    Time,
    SheetName,
    FileName,
    FilePath,
}

/// Sheet protection (§18.3.1.85).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetProtection {
    /// Excel's legacy 16-bit password hash (the `password` attribute), which LibreOffice checks
    /// as its own "legacy-hash-excel" key.
    pub legacy_hash: Option<u16>,
    /// A salted hash (algorithmName/hashValue) that ODF cannot carry.
    pub salted: bool,
    /// Actions Excel allows on the protected sheet that ODF 1.3 cannot express, by attribute.
    pub allowed: Vec<String>,
}

/// Workbook protection (§18.2.29).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BookProtection {
    pub structure: bool,
    pub legacy_hash: Option<u16>,
    pub salted: bool,
    /// Locked windows (lockWindows), which ODF cannot express.
    pub windows: bool,
}
