//! Pictures and charts on sheets as ODF drawing shapes (ODF 1.3 Part 3 §9.2 and §10.4): a shape
//! anchored to a cell is a `draw:frame` inside that `table:table-cell`, positioned relative to
//! the cell, with `table:end-cell-address`, `table:end-x` and `table:end-y` when it also
//! resizes with the cells; a shape placed on the sheet goes into `table:shapes`. Pictures are
//! stored under `Pictures/`, charts as embedded chart objects (`Object N/`), as LibreOffice
//! writes them.

use std::collections::BTreeMap;

use crate::odf::{OdfPackage, XmlWriter};
use crate::sheet::Font;
use crate::sheet::drawing::Drawn;
use crate::sheet::drawing::{Anchor, Content, Shape};
use crate::sheet::{Pos, Workbook};
use crate::units::{Rgb, Twips};

use super::cells::RunStyles;

/// A drawn shape's graphic style: fill, outline, text insets and vertical placement (ODF 1.3
/// Part 3 style:graphic-properties).
fn drawn_style(x: &mut XmlWriter, name: &str, d: &Drawn) {
    x.start(
        "style:style",
        &[("style:name", name), ("style:family", "graphic")],
    );
    let mut a: Vec<(&str, String)> = Vec::new();
    match d.fill {
        Some(c) => {
            a.push(("draw:fill", "solid".into()));
            a.push(("draw:fill-color", c.odf()));
        }
        None => a.push(("draw:fill", "none".into())),
    }
    match d.stroke {
        Some((c, w)) => {
            a.push(("draw:stroke", "solid".into()));
            a.push(("svg:stroke-color", c.odf()));
            a.push(("svg:stroke-width", crate::units::pt(w)));
        }
        None => a.push(("draw:stroke", "none".into())),
    }
    let sides = [
        "fo:padding-left",
        "fo:padding-top",
        "fo:padding-right",
        "fo:padding-bottom",
    ];
    for (key, v) in sides.into_iter().zip(d.insets) {
        a.push((key, emu(v)));
    }
    a.push(("draw:textarea-vertical-align", d.vertical.into()));
    a.push(("draw:auto-grow-height", "false".into()));
    a.push(("fo:wrap-option", "wrap".into()));
    x.empty_owned("style:graphic-properties", &a);
    x.end("style:style");
}

/// A drawn shape (ODF 1.3 Part 3 §10.6.1 draw:custom-shape): its text, then its outline as an
/// enhanced geometry (§10.6.2) with the text area, or the box.
fn custom_shape(
    x: &mut XmlWriter,
    shape: &Shape,
    d: &Drawn,
    attrs: &[(&str, String)],
    runs: &mut RunStyles,
) {
    x.start_owned("draw:custom-shape", attrs);
    alt_text(x, shape);
    let base = Font::default();
    for p in &d.paragraphs {
        match p.align {
            Some(a) => x.start("text:p", &[("text:style-name", &["shape-", a].concat())]),
            None => x.start("text:p", &[]),
        }
        let mut first = true;
        for r in &p.runs {
            match &r.font {
                Some(f) => {
                    let name = runs.name(f, &base);
                    x.start("text:span", &[("text:style-name", &name)]);
                    crate::odf::write_text(x, &r.text, first);
                    x.end("text:span");
                }
                None => crate::odf::write_text(x, &r.text, first),
            }
            first = false;
        }
        x.end("text:p");
    }
    let (w, h) = (shape.size.0.max(1), shape.size.1.max(1));
    let (view, path, area) = match &d.geometry {
        Some(g) => {
            let [l, t, r, b] = g.text_area;
            ([0, 0, g.width, g.height], g.path.clone(), [l, t, r, b])
        }
        None => {
            let (ws, hs) = (w.to_string(), h.to_string());
            let path = ["M 0 0 L ", &ws, " 0 ", &ws, " ", &hs, " 0 ", &hs, " Z N"].concat();
            ([0, 0, w, h], path, [0, 0, w, h])
        }
    };
    let join = |v: [i64; 4]| v.map(|n| n.to_string()).join(" ");
    x.empty_owned(
        "draw:enhanced-geometry",
        &[
            ("svg:viewBox", join(view)),
            ("draw:text-areas", join(area)),
            ("draw:enhanced-path", path),
        ],
    );
    x.end("draw:custom-shape");
}

/// A straight line (ODF 1.3 Part 3 draw:line) across the shape's box, between the
/// corners its flips name.
fn line(
    x: &mut XmlWriter,
    shape: &Shape,
    (flip_h, flip_v): (bool, bool),
    attrs: &[(&str, String)],
) {
    let (x0, y0) = match shape.anchor {
        Anchor::Page { x, y } => (x, y),
        Anchor::Cell { offset, .. } => offset,
    };
    let (w, h) = shape.size;
    let (x1, x2) = if flip_h { (x0 + w, x0) } else { (x0, x0 + w) };
    let (y1, y2) = if flip_v { (y0 + h, y0) } else { (y0, y0 + h) };
    let mut a = attrs.to_vec();
    a.extend([
        ("svg:x1", emu(x1)),
        ("svg:y1", emu(y1)),
        ("svg:x2", emu(x2)),
        ("svg:y2", emu(y2)),
    ]);
    x.start_owned("draw:line", &a);
    alt_text(x, shape);
    x.end("draw:line");
}

/// The automatic graphic style of every frame: neither outline nor fill of its own, so that a
/// picture or chart shows as in the source (LibreOffice's default graphic style has both).
pub const FRAME_STYLE: &str = "gr1";

/// The frames of one sheet, rendered, by the cell they are anchored to, and those placed on
/// the sheet; and the automatic styles of the shapes of all sheets so far.
#[derive(Debug)]
pub struct SheetShapes {
    cells: BTreeMap<Pos, XmlWriter>,
    page: Option<XmlWriter>,
    styles: XmlWriter,
    /// Graphic styles written for drawn shapes (`gr2`, `gr3`, ...).
    drawn_styles: usize,
    /// Paragraph alignments with a style written for them.
    aligned: Vec<&'static str>,
}

impl Default for SheetShapes {
    fn default() -> Self {
        Self {
            cells: BTreeMap::new(),
            page: None,
            // Fragments: spliced into content.xml, without an XML declaration of their own.
            styles: XmlWriter::fragment(),
            drawn_styles: 0,
            aligned: Vec::new(),
        }
    }
}

fn emu(v: i64) -> String {
    Twips::from_emu(v).odf()
}

/// The package folder of chart `i`.
fn object_folder(i: usize) -> String {
    format!("Object {}", i + 1)
}

/// A cell address with its sheet (`Sheet1.G17`), as table:end-cell-address takes it.
fn cell_address(sheet: &str, pos: Pos) -> String {
    let q = crate::formula::odf_sheet(sheet);
    [q.as_str(), ".", &super::cell_name(pos)].concat()
}

impl SheetShapes {
    /// Renders the shapes of sheet `index`, in place of the previous sheet's.
    pub fn load(&mut self, wb: &Workbook, index: usize, runs: &mut RunStyles) {
        self.cells.clear();
        self.page = None;
        let Some(sheet) = wb.sheets.get(index) else {
            return;
        };
        let shapes = wb.drawings.shapes.iter().filter(|s| s.sheet == index);
        for (z, shape) in shapes.enumerate() {
            let drawn = match shape.content {
                Content::Drawn(i) => match wb.drawings.drawn.get(i) {
                    Some(d) => Some(d),
                    None => continue,
                },
                _ => None,
            };
            let style = match (drawn, shape.outline) {
                (Some(d), _) => self.drawn_style(d),
                (None, Some(outline)) => self.outline_style(outline),
                (None, None) => FRAME_STYLE.to_string(),
            };
            let mut a = vec![
                ("draw:z-index", z.to_string()),
                ("draw:name", shape.name.clone()),
                ("draw:style-name", style),
            ];
            if shape.hidden {
                // A hidden object goes on the hidden layer of LibreOffice's sheets (ODF 1.3
                // Part 3, draw:layer of a shape), which shows nothing.
                a.push(("draw:layer", "hidden".to_string()));
            }
            let x = match shape.anchor {
                Anchor::Cell { cell, .. } => {
                    self.cells.entry(cell).or_insert_with(XmlWriter::fragment)
                }
                Anchor::Page { .. } => self.page.get_or_insert_with(XmlWriter::fragment),
            };
            // A line has end points instead of a box.
            if let Some(flip) = drawn.and_then(|d| d.line) {
                line(x, shape, flip, &a);
                continue;
            }
            a.push(("svg:width", emu(shape.size.0)));
            a.push(("svg:height", emu(shape.size.1)));
            match shape.anchor {
                Anchor::Cell { offset, end, .. } => {
                    a.push(("svg:x", emu(offset.0)));
                    a.push(("svg:y", emu(offset.1)));
                    if let Some((to, to_offset)) = end {
                        a.push(("table:end-cell-address", cell_address(&sheet.name, to)));
                        a.push(("table:end-x", emu(to_offset.0)));
                        a.push(("table:end-y", emu(to_offset.1)));
                    }
                }
                Anchor::Page { x, y } => {
                    a.push(("svg:x", emu(x)));
                    a.push(("svg:y", emu(y)));
                }
            }
            match drawn {
                Some(d) => custom_shape(x, shape, d, &a, runs),
                None => frame(x, wb, shape, &a),
            }
        }
    }

    /// Writes the graphic style of a frame with an outline; returns its name.
    fn outline_style(&mut self, (color, width): (Rgb, f64)) -> String {
        self.drawn_styles += 1;
        let name = ["gr", &(self.drawn_styles + 1).to_string()].concat();
        self.styles.start(
            "style:style",
            &[("style:name", &name), ("style:family", "graphic")],
        );
        self.styles.empty_owned(
            "style:graphic-properties",
            &[
                ("draw:stroke", "solid".into()),
                ("svg:stroke-color", color.odf()),
                ("svg:stroke-width", crate::units::pt(width)),
                ("draw:fill", "none".into()),
            ],
        );
        self.styles.end("style:style");
        name
    }

    /// Writes the graphic style of a drawn shape (`gr2`, `gr3`, ...) and the paragraph styles
    /// of its alignments not written yet; returns the graphic style's name.
    fn drawn_style(&mut self, d: &Drawn) -> String {
        self.drawn_styles += 1;
        let name = ["gr", &(self.drawn_styles + 1).to_string()].concat();
        drawn_style(&mut self.styles, &name, d);
        for align in d.paragraphs.iter().filter_map(|p| p.align) {
            if self.aligned.contains(&align) {
                continue;
            }
            self.aligned.push(align);
            self.styles.start(
                "style:style",
                &[
                    ("style:name", &["shape-", align].concat()),
                    ("style:family", "paragraph"),
                ],
            );
            self.styles
                .empty("style:paragraph-properties", &[("fo:text-align", align)]);
            self.styles.end("style:style");
        }
        name
    }

    /// The frames anchored to a cell.
    pub fn get(&self, pos: Pos) -> Option<&XmlWriter> {
        self.cells.get(&pos)
    }

    /// The columns in `from..to` of row `row` that hold shapes, ascending.
    pub fn cols_in(&self, row: u32, from: u32, to: u32) -> Vec<u32> {
        if from >= to {
            return Vec::new();
        }
        self.cells
            .range((row, from)..(row, to))
            .map(|((_, c), _)| *c)
            .collect()
    }

    /// Rows where runs of rows must break so that rows with shapes are written one by one.
    pub fn row_bounds(&self) -> impl Iterator<Item = u32> + '_ {
        self.cells.keys().flat_map(|(r, _)| [*r, r + 1])
    }

    /// One past the last row and column that hold shapes (0 when none do).
    pub fn ends(&self) -> (u32, u32) {
        let rows = self.cells.keys().last().map_or(0, |(r, _)| r + 1);
        let cols = self.cells.keys().map(|(_, c)| c + 1).max().unwrap_or(0);
        (rows, cols)
    }

    /// Writes the shapes placed on the sheet (ODF 1.3 Part 3 table:shapes), which come
    /// before the table's columns.
    pub fn write_page(&mut self, x: &mut XmlWriter) {
        if let Some(page) = self.page.take() {
            x.start("table:shapes", &[]);
            x.append(page);
            x.end("table:shapes");
        }
    }
}

/// One `draw:frame` (ODF 1.3 Part 3 §10.4.2) with the picture (§10.4.4 draw:image) or the chart
/// object (§10.4.6.2 draw:object), then its alternative text (svg:title, svg:desc).
fn frame(x: &mut XmlWriter, wb: &Workbook, shape: &Shape, attrs: &[(&str, String)]) {
    x.start_owned("draw:frame", attrs);
    let link = |href: String| -> Vec<(&'static str, String)> {
        vec![
            ("xlink:href", href),
            ("xlink:type", "simple".into()),
            ("xlink:show", "embed".into()),
            ("xlink:actuate", "onLoad".into()),
        ]
    };
    match shape.content {
        // Drawn shapes are no frames (see custom_shape).
        Content::Drawn(_) => {}
        Content::Image(i) => {
            let path = wb
                .drawings
                .images
                .get(i)
                .map(|img| img.path.clone())
                .unwrap_or_default();
            x.empty_owned("draw:image", &link(path));
        }
        Content::Chart(i) => {
            let mut a = link(["./", &object_folder(i)].concat());
            // The sheet ranges the chart shows, so that it follows their changes
            // (draw:notify-on-update-of-ranges).
            let ranges: Vec<String> = wb
                .drawings
                .charts
                .get(i)
                .map(|c| {
                    c.links
                        .iter()
                        .flat_map(|l| {
                            [&l.name, &l.categories, &l.values, &l.x_values, &l.sizes]
                                .into_iter()
                                .flatten()
                                .cloned()
                        })
                        .collect()
                })
                .unwrap_or_default();
            if !ranges.is_empty() {
                a.push(("draw:notify-on-update-of-ranges", ranges.join(" ")));
            }
            x.empty_owned("draw:object", &a);
        }
    }
    alt_text(x, shape);
    x.end("draw:frame");
}

/// A shape's name and description for readers (svg:title, svg:desc).
fn alt_text(x: &mut XmlWriter, shape: &Shape) {
    if let Some(t) = &shape.title {
        x.element("svg:title", &[], t);
    }
    if let Some(d) = &shape.description {
        x.element("svg:desc", &[], d);
    }
}

/// Writes the automatic styles the frames and shapes name, when there are any.
pub fn styles(wb: &Workbook, shapes: &mut SheetShapes, x: &mut XmlWriter) {
    if wb.drawings.shapes.is_empty() {
        return;
    }
    x.append(std::mem::take(&mut shapes.styles));
    x.start(
        "style:style",
        &[("style:name", FRAME_STYLE), ("style:family", "graphic")],
    );
    x.empty(
        "style:graphic-properties",
        &[("draw:stroke", "none"), ("draw:fill", "none")],
    );
    x.end("style:style");
}

/// Stores the pictures and the chart objects in the package.
pub fn add_parts(wb: &Workbook, pkg: &mut OdfPackage) {
    for img in &wb.drawings.images {
        pkg.add(img.path.clone(), img.media_type, img.data.clone());
    }
    for (i, chart) in wb.drawings.charts.iter().enumerate() {
        let size = wb
            .drawings
            .shapes
            .iter()
            .find(|s| s.content == Content::Chart(i))
            .map_or((0, 0), |s| s.size);
        let folder = object_folder(i);
        pkg.add_folder([&folder, "/"].concat(), crate::chart::odf::MEDIA_TYPE);
        let (w, h) = (Twips::from_emu(size.0), Twips::from_emu(size.1));
        for (path, media_type, data) in crate::chart::odf::write(chart, w, h) {
            pkg.add([folder.as_str(), "/", &path].concat(), media_type, data);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use crate::findings::Findings;
    use crate::sheet::drawing::{Anchor, Content, Drawn, Image, Paragraph, Shape};
    use crate::sheet::{Cell, CellStyle, Font, Range, Row, Run, Sheet, Value, Workbook};
    use crate::units::Rgb;

    fn content(wb: &Workbook) -> String {
        let bytes = crate::ods::write(wb, false, &mut Findings::default()).unwrap();
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut content = String::new();
        z.by_name("content.xml")
            .unwrap()
            .read_to_string(&mut content)
            .unwrap();
        content
    }

    fn shape(cell: (u32, u32)) -> Shape {
        Shape {
            sheet: 0,
            anchor: Anchor::Cell {
                cell,
                offset: (0, 0),
                end: None,
            },
            size: (914_400, 914_400),
            name: "P".into(),
            title: None,
            description: None,
            hidden: false,
            outline: None,
            content: Content::Image(0),
        }
    }

    #[test]
    fn frames_go_into_data_merged_covered_and_far_away_cells() {
        let one = Cell {
            value: Value::Number(1.0),
            ..Cell::default()
        };
        let mut wb = Workbook {
            sheets: vec![Sheet {
                name: "S".into(),
                default_col_width: 48.0,
                default_row_height: 15.0,
                rows: vec![Row {
                    index: 0,
                    cells: vec![(0, one.clone()), (3, one)],
                    ..Row::default()
                }],
                merged: vec![Range {
                    first: (0, 0),
                    last: (1, 1),
                }],
                ..Sheet::default()
            }],
            styles: vec![CellStyle::default()],
            ..Workbook::default()
        };
        wb.drawings.images.push(Image {
            path: "Pictures/image1.png".into(),
            media_type: "image/png",
            data: b"x".to_vec(),
        });
        for cell in [(0, 0), (0, 1), (0, 3), (0, 5), (7, 2)] {
            wb.drawings.shapes.push(shape(cell));
        }
        wb.drawings.shapes[4].outline = Some((Rgb(255, 0, 0), 2.0));
        let content = content(&wb);
        let frame = "<draw:frame draw:z-index=\"";
        let row = |i: usize| content.split("<table:table-row").nth(i + 1).unwrap_or("");
        // Row 1: the merged cell with its value then its frame, the covered B1 with one, an
        // empty C1, the value in D1 with a frame, an empty E1 and F1 with a frame.
        let first = row(0);
        let cells: Vec<&str> = first.split("<table:").skip(1).collect();
        assert!(cells[0].starts_with("table-cell table:number-columns-spanned=\"2\""));
        assert!(first.contains("<text:p>1</text:p><draw:frame draw:z-index=\"0\""));
        assert!(first.contains("<table:covered-table-cell><draw:frame draw:z-index=\"1\""));
        assert!(first.contains("</table:covered-table-cell><table:table-cell/><table:table-cell office:value-type=\"float\""));
        assert!(first.contains("<table:table-cell/><table:table-cell><draw:frame"));
        assert_eq!(first.matches(frame).count(), 4, "{first}");
        // Rows 3 to 7 are one run; row 8 holds a frame in C8.
        assert!(
            content.contains("table:number-rows-repeated=\"5\""),
            "{content}"
        );
        let last = row(3);
        assert!(
            last.contains("<table:table-cell table:number-columns-repeated=\"2\"/><table:table-cell><draw:frame draw:z-index=\"4\""),
            "{last}"
        );
        assert!(content.contains(r##"<style:style style:name="gr2" style:family="graphic"><style:graphic-properties draw:stroke="solid" svg:stroke-color="#ff0000" svg:stroke-width="2pt" draw:fill="none"/>"##), "{content}");
        assert!(content.contains(r#"draw:z-index="4" draw:name="P" draw:style-name="gr2""#));
        // Six columns, the last one holding a shape.
        assert!(content.contains("table:number-columns-repeated=\"6\""));
    }

    #[test]
    fn drawn_shapes_with_their_look_and_text() {
        let mut wb = Workbook {
            sheets: vec![Sheet {
                name: "S".into(),
                default_col_width: 48.0,
                default_row_height: 15.0,
                ..Sheet::default()
            }],
            styles: vec![CellStyle::default()],
            ..Workbook::default()
        };
        wb.drawings.drawn.push(Drawn {
            fill: Some(Rgb(1, 2, 3)),
            stroke: None,
            insets: [12_700, 0, 0, 0],
            vertical: "middle",
            paragraphs: vec![Paragraph {
                align: Some("center"),
                runs: vec![Run {
                    text: "Hi".into(),
                    font: Some(Font {
                        bold: true,
                        ..Font::default()
                    }),
                }],
            }],
            ..Drawn::default()
        });
        let mut s = shape((1, 1));
        s.content = Content::Drawn(0);
        s.anchor = Anchor::Page { x: 0, y: 0 };
        s.size = (200, 100);
        wb.drawings.shapes.push(s);
        wb.drawings.drawn.push(Drawn {
            line: Some((true, false)),
            ..Drawn::default()
        });
        let mut l = shape((0, 0));
        l.content = Content::Drawn(1);
        l.anchor = Anchor::Page {
            x: 1440 * 635,
            y: 0,
        };
        l.size = (1440 * 635, 720 * 635);
        l.hidden = true;
        wb.drawings.shapes.push(l);
        let content = content(&wb);
        for part in [
            r#"<draw:line draw:z-index="1" draw:name="P" draw:style-name="gr3" draw:layer="hidden" svg:x1="2.0000in" svg:y1="0.0000in" svg:x2="1.0000in" svg:y2="0.5000in"></draw:line></table:shapes>"#,
            r##"<style:style style:name="gr2" style:family="graphic"><style:graphic-properties draw:fill="solid" draw:fill-color="#010203" draw:stroke="none" fo:padding-left="0.0139in""##,
            r#"draw:textarea-vertical-align="middle""#,
            r#"<style:style style:name="shape-center" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>"#,
            r#"<table:shapes><draw:custom-shape draw:z-index="0" draw:name="P" draw:style-name="gr2""#,
            r#"<text:p text:style-name="shape-center"><text:span text:style-name="T1">Hi</text:span></text:p><draw:enhanced-geometry svg:viewBox="0 0 200 100" draw:text-areas="0 0 200 100" draw:enhanced-path="M 0 0 L 200 0 200 100 0 100 Z N"/></draw:custom-shape>"#,
        ] {
            assert!(content.contains(part), "{part} in {content}");
        }
    }
}
