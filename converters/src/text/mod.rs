//! The text-document model: what a word-processing file holds, with its formatting, independent
//! of OOXML and ODF syntax. Readers fill it; the ODT writer turns it into ODF.

mod props;

pub use props::{Align, Border, LineSpacing, ParaProps, RunProps, TabStop, Underline, VertAlign};

use std::collections::BTreeMap;

use crate::units::{Rgb, Twips};

/// A whole text document.
#[derive(Debug, Default, Clone)]
pub struct TextDocument {
    /// Document defaults (docDefaults): the base of every style.
    pub default_para: ParaProps,
    pub default_run: RunProps,
    pub styles: Vec<Style>,
    /// The paragraph style used where a paragraph names none (w:default="1").
    pub default_style: Option<String>,
    pub lists: BTreeMap<u32, List>,
    pub body: Vec<Block>,
    /// Page setups; `sections[i]` applies to the blocks up to the i-th section break.
    pub sections: Vec<Section>,
    /// Header and footer contents, referenced by sections.
    pub stories: Vec<Vec<Block>>,
    pub footnotes: BTreeMap<i64, Vec<Block>>,
    pub endnotes: BTreeMap<i64, Vec<Block>>,
    pub comments: BTreeMap<String, Comment>,
    pub changes: Vec<Change>,
    pub images: Vec<Image>,
    pub charts: Vec<crate::chart::Chart>,
    /// Embedded OLE objects, placed by [`Inline::Object`].
    pub objects: Vec<EmbeddedObject>,
    /// Equations, placed by [`Inline::Formula`].
    pub formulas: Vec<crate::math::Formula>,
    pub fonts: Vec<String>,
    pub meta: Meta,
    /// Whether even pages have their own headers and footers (w:evenAndOddHeaders).
    pub even_and_odd_headers: bool,
    /// Distance between default tab stops (w:defaultTabStop).
    pub default_tab: Option<crate::units::Twips>,
    /// Page colour (w:background), shown when the settings ask for it.
    pub page_background: Option<Rgb>,
    /// The Word version whose layout rules the document asks for (w:compatSetting
    /// compatibilityMode: 15 for Word 2013 and later; 0 when not said).
    pub compat_mode: u32,
    /// Lines ending in a manual line break are not stretched in justified paragraphs
    /// (w:doNotExpandShiftReturn).
    pub no_justify_manual_breaks: bool,
    /// Some link is an index entry ([`Inline::Link`]), so the "Index Link" style is needed.
    pub index_links: bool,
    /// Some other link may need the plain link style (the writer's choice, by its text).
    pub plain_links: bool,
}

#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<String>,
    pub subject: Option<String>,
    pub creator: Option<String>,
    pub description: Option<String>,
    pub keywords: Option<String>,
    pub created: Option<String>,
    pub modified: Option<String>,
    pub last_modified_by: Option<String>,
    pub revision: Option<String>,
    /// When the document was last printed (core lastPrinted).
    pub printed: Option<String>,
    pub custom: Vec<(String, String)>,
    /// The template the document was made from (app.xml Template).
    pub template: Option<String>,
    /// Total editing time in minutes (app.xml TotalTime).
    pub editing_minutes: Option<u64>,
    /// Statistics Word saved: pages, words, characters (with and without spaces), paragraphs.
    pub pages: Option<u64>,
    pub words: Option<u64>,
    pub characters: Option<u64>,
    pub characters_with_spaces: Option<u64>,
    pub paragraphs: Option<u64>,
    /// Company and manager (app.xml), carried as user-defined properties.
    pub company: Option<String>,
    pub manager: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleKind {
    Paragraph,
    Character,
}

/// A named style.
#[derive(Debug, Clone)]
pub struct Style {
    /// The id used by references (w:styleId); unique.
    pub id: String,
    pub display_name: String,
    pub kind: StyleKind,
    pub parent: Option<String>,
    pub next: Option<String>,
    /// Outline level 1..=9 for headings.
    pub outline_level: Option<u8>,
    pub para: ParaProps,
    pub run: RunProps,
    /// A list attached to the style (numbering through a style).
    pub list: Option<(u32, u8)>,
}

/// A list definition (one w:num with its abstract numbering and overrides resolved).
#[derive(Debug, Clone, Default)]
pub struct List {
    pub levels: Vec<ListLevel>,
}

#[derive(Debug, Clone, Default)]
pub struct ListLevel {
    pub start: i64,
    /// ODF num-format: "1", "a", "A", "i", "I", "" (none) or a bullet.
    pub format: NumFormat,
    /// The label template with `%1`..`%9` placeholders (w:lvlText).
    pub text: String,
    pub indent_left: Twips,
    pub hanging: Twips,
    pub run: RunProps,
    pub suffix_tab: bool,
    /// How the label sits at its position (w:lvlJc): `Some("end")` or `Some("center")`;
    /// `None` for the usual start alignment.
    pub label_align: Option<&'static str>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum NumFormat {
    #[default]
    Decimal,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet(char),
    None,
}

// Paragraphs are by far the most common block; boxing them would cost an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Block {
    Para(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    pub style: Option<String>,
    pub props: ParaProps,
    /// Formatting of the paragraph mark (affects empty paragraphs' height).
    pub mark: RunProps,
    pub inlines: Vec<Inline>,
    /// List membership: (list id, level 0..=8).
    pub list: Option<(u32, u8)>,
    /// This paragraph ends section `n` (its sectPr).
    pub ends_section: Option<usize>,
    /// A paragraph frame (w:framePr): the paragraph floats instead of flowing.
    pub frame: Option<FramePr>,
}

/// Placement of a paragraph frame (ECMA-376-1 §17.3.1.11).
#[derive(Debug, Clone, PartialEq)]
pub struct FramePr {
    pub h: Place,
    pub v: Place,
    pub width: Option<Twips>,
    pub height: Option<Twips>,
    /// Drop capital over this many lines.
    pub drop_lines: Option<u32>,
    /// How the text flows around the frame (w:wrap).
    pub wrap: Wrap,
}

#[derive(Debug, Clone)]
pub enum Inline {
    Text {
        text: String,
        style: Option<String>,
        props: RunProps,
    },
    Tab,
    LineBreak,
    PageBreak,
    ColumnBreak,
    Field(Field),
    Note {
        endnote: bool,
        id: i64,
        props: RunProps,
    },
    Image(Drawing),
    TextBox(TextBox),
    /// A live chart: index into `TextDocument::charts`, placed like a picture.
    Chart(ChartFrame),
    /// An embedded OLE object shown by its preview: index into `TextDocument::objects`.
    Object(ObjectFrame),
    /// An equation: index into `TextDocument::formulas`, an embedded formula object as a character.
    Formula(FormulaFrame),
    Link {
        href: String,
        inlines: Vec<Inline>,
        /// An entry of a table of contents or other index: shown in LibreOffice's plain
        /// "Index Link" character style rather than as a hyperlink.
        index: bool,
    },
    Bookmark(String),
    Comment(String),
    /// Start and end of a tracked insertion; the point of a tracked deletion (index into
    /// `TextDocument::changes`).
    ChangeStart(usize),
    ChangeEnd(usize),
    Deletion(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Insertion,
    Deletion,
}

/// A tracked change with its author and time; a deletion keeps the deleted content.
#[derive(Debug, Clone)]
pub struct Change {
    pub kind: ChangeKind,
    pub author: String,
    pub date: Option<String>,
    pub deleted: Vec<Inline>,
}

#[derive(Debug, Clone)]
pub enum Field {
    PageNumber(RunProps),
    PageCount(RunProps),
    /// A document property shown in the text (Word's DOCPROPERTY and the like).
    DocInfo(DocInfo, RunProps),
    /// Today's date or time (Word's DATE and TIME), in Word's date-time picture (`\@`).
    Date {
        picture: String,
        time: bool,
        props: RunProps,
    },
}

/// The document properties that ODF 1.3 shows with a field of their own (§7.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocInfo {
    Title,
    Subject,
    Keywords,
    Description,
    Creator,
    PrintTime,
    ModificationDate,
    EditingCycles,
    EditingDuration,
    WordCount,
    CharacterCount,
    ParagraphCount,
    /// The template's name and location (ODF 1.3 §7.5.9 text:template-name, shown in full).
    TemplateName,
}

/// A picture placed in the text.
#[derive(Debug, Clone)]
pub struct Drawing {
    pub image: usize,
    pub width: Twips,
    pub height: Twips,
    pub anchor: Anchor,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct ChartFrame {
    pub chart: usize,
    pub width: Twips,
    pub height: Twips,
    pub anchor: Anchor,
}

/// An equation in the text, with the size estimated from its content.
#[derive(Debug, Clone)]
pub struct FormulaFrame {
    pub formula: usize,
    pub width: Twips,
    pub height: Twips,
}

/// Where an embedded object sits: placed like a picture.
#[derive(Debug, Clone)]
pub struct ObjectFrame {
    pub object: usize,
    pub width: Twips,
    pub height: Twips,
    pub anchor: Anchor,
}

/// An embedded OLE object (ECMA-376-1 §17.3.3.19 w:object): the object as the producing program
/// stored it, and the picture Word shows for it.
#[derive(Debug, Clone)]
pub struct EmbeddedObject {
    /// The object's type as its program names it (o:OLEObject/@ProgID: `Excel.Sheet.8`,
    /// `Equation.3`, `Package`); empty where the file does not say.
    pub prog_id: String,
    /// The object's data: an OLE compound file (MS-CFB), as ODF's `draw:object-ole` holds it.
    pub data: Vec<u8>,
    /// The preview picture (EMF, WMF, PNG, ...), if the file has one.
    pub preview: Option<Preview>,
    /// Shown as its program's icon rather than as its content (DrawAspect="Icon").
    pub as_icon: bool,
}

/// A picture's bytes and media type, kept with the object it shows.
#[derive(Debug, Clone)]
pub struct Preview {
    pub media_type: &'static str,
    pub data: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct TextBox {
    pub width: Twips,
    pub height: Twips,
    pub anchor: Anchor,
    pub blocks: Vec<Block>,
    pub fill: Option<Rgb>,
    /// Outline colour and width in points.
    pub stroke: Option<(Rgb, f64)>,
    /// Inner margins: left, top, right, bottom.
    pub padding: [Twips; 4],
    /// The box grows with its text (a:spAutoFit, mso-fit-shape-to-text) instead of keeping its size.
    pub auto_grow: bool,
    /// WordArt: the text is drawn as a shape stretched over the box, in this font.
    pub fontwork: Option<String>,
    /// Where the text sits in a box taller than it (a:bodyPr anchor).
    pub vertical: VerticalAnchor,
    /// The outline and text area of a shape that is not a plain rectangle; `None` draws the
    /// box itself.
    pub geometry: Option<Geometry>,
    /// The text runs top to bottom, lines from right to left (a:bodyPr vert="vert",
    /// VML layout-flow:vertical).
    pub vertical_text: bool,
}

/// A shape's outline and text area, in its own coordinates (0..width × 0..height), as ODF's
/// enhanced geometry takes them (ODF 1.3 §19.145 draw:enhanced-path, §19.224 draw:text-areas).
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub width: i64,
    pub height: i64,
    /// The outline as an enhanced path (`M x y L x y ... Z N`).
    pub path: String,
    /// The text area: left, top, right, bottom.
    pub text_area: [i64; 4],
}

/// Vertical placement of a text box's text (ECMA-376-1 §20.1.10.59 ST_TextAnchoringType).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum VerticalAnchor {
    #[default]
    Top,
    Middle,
    Bottom,
}

impl TextBox {
    /// An empty box of a size, keeping the place of something not carried over.
    pub fn placeholder(width: Twips, height: Twips, anchor: Anchor) -> Self {
        Self {
            width,
            height,
            anchor,
            blocks: Vec::new(),
            fill: None,
            stroke: None,
            padding: [Twips(0); 4],
            auto_grow: false,
            fontwork: None,
            vertical: VerticalAnchor::Top,
            geometry: None,
            vertical_text: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    /// Inline with the text, like a character.
    AsChar,
    /// Floating: placed along each axis, with wrapping.
    Floating {
        h: Place,
        v: Place,
        wrap: Wrap,
        behind: bool,
    },
}

/// Where a floating object sits along one axis: relative to what, and either aligned there or
/// at an offset from its start (ECMA-376-1 §20.4.3.4 positionH/positionV, §17.3.1.11 framePr).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub rel: Rel,
    pub align: Option<PlaceAlign>,
    pub offset: Twips,
}

impl Place {
    /// At an offset from the start of `rel`.
    pub fn at(rel: Rel, offset: Twips) -> Self {
        Self {
            rel,
            align: None,
            offset,
        }
    }
}

/// What a floating object is placed relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    Page,
    /// The page's text area (inside the margins).
    Margin,
    /// The paragraph (vertically) or the column (horizontally).
    Paragraph,
    /// The character (horizontally) or the line (vertically).
    Char,
    /// The left or top page margin area.
    StartMargin,
    /// The right or bottom page margin area.
    EndMargin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceAlign {
    /// Left or top.
    Start,
    Center,
    /// Right or bottom.
    End,
    Inside,
    Outside,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    None,
    TopBottom,
    Square,
    Through,
    /// On the side with the more room only (ODF style:wrap="dynamic").
    Dynamic,
}

#[derive(Debug, Clone)]
pub struct Image {
    pub path: String,
    pub media_type: &'static str,
    pub data: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub style: Option<String>,
    pub columns: Vec<Twips>,
    pub width: Option<Twips>,
    /// A width given as a share of the space the table is in, in percent (tblW in
    /// fiftieths of a percent, ECMA-376-1 §17.4.63 and §17.18.90).
    pub width_percent: Option<u32>,
    pub align: Option<Align>,
    pub indent: Twips,
    pub rows: Vec<Row>,
    /// Columns run right to left (w:bidiVisual).
    pub rtl: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub height: Option<(Twips, bool)>,
    pub header: bool,
    /// The row may not break across pages (w:cantSplit).
    pub cant_split: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub span: usize,
    /// Rows this cell spans (>= 1); 0 for a cell covered by a vertical merge.
    pub row_span: usize,
    pub blocks: Vec<Block>,
    pub shading: Option<Rgb>,
    pub borders: [Option<Border>; 4],
    pub valign: Option<VertAlign>,
    pub width: Option<Twips>,
    /// Inner margins: top, bottom, left, right (tcMar over the row's and table's tblCellMar).
    pub padding: [Option<Twips>; 4],
}

#[derive(Debug, Clone)]
pub struct Comment {
    pub author: String,
    pub date: Option<String>,
    pub blocks: Vec<Block>,
}

/// Page setup of one section.
#[derive(Debug, Clone)]
pub struct Section {
    pub width: Twips,
    pub height: Twips,
    pub landscape: bool,
    pub margin_top: Twips,
    pub margin_bottom: Twips,
    pub margin_left: Twips,
    pub margin_right: Twips,
    pub header_distance: Twips,
    pub footer_distance: Twips,
    pub columns: u32,
    pub column_gap: Twips,
    /// Columns of their own widths (w:equalWidth off): per column its width and the space
    /// after it; empty for evenly spread columns.
    pub column_widths: Vec<(Twips, Twips)>,
    pub header: Option<usize>,
    pub header_first: Option<usize>,
    pub header_even: Option<usize>,
    pub footer: Option<usize>,
    pub footer_first: Option<usize>,
    pub footer_even: Option<usize>,
    pub title_page: bool,
    pub page_start: Option<i64>,
    /// Whether the section starts on a new page (w:type other than continuous).
    pub new_page: bool,
    /// Whether the section starts in the next column (w:type nextColumn).
    pub next_column: bool,
    /// Whether the text of a multi-column section is spread evenly over its columns on its
    /// last page (false: the columns fill one after the other).
    pub balanced: bool,
    /// Whether the section names headers or footers of its own rather than only inheriting
    /// the previous section's.
    pub own_headers: bool,
    /// Line pitch of the document grid when lines snap to it (w:docGrid type lines...).
    pub line_grid: Option<Twips>,
    /// Right-to-left section (w:bidi in sectPr).
    pub rtl: bool,
}

impl Default for Section {
    /// US Letter with 1-inch margins, Word's defaults when a section says nothing.
    fn default() -> Self {
        Self {
            width: Twips(12240),
            height: Twips(15840),
            landscape: false,
            margin_top: Twips(1440),
            margin_bottom: Twips(1440),
            margin_left: Twips(1440),
            margin_right: Twips(1440),
            header_distance: Twips(720),
            footer_distance: Twips(720),
            columns: 1,
            column_gap: Twips(720),
            column_widths: Vec::new(),
            header: None,
            header_first: None,
            header_even: None,
            footer: None,
            footer_first: None,
            footer_even: None,
            title_page: false,
            page_start: None,
            new_page: true,
            next_column: false,
            balanced: true,
            own_headers: false,
            line_grid: None,
            rtl: false,
        }
    }
}
