//! Drawings read from small packages built in memory, and written back as ODS.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::*;
use crate::sheet::Workbook;
use crate::sheet::drawing::{Anchor, Content};
use crate::xlsx::tests::{STYLES, package};

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

fn rels(items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target) in items {
        s.push_str(
            &r#"<Relationship Id="ID" Type="TYPE" Target="TARGET"/>"#
                .replace("ID", id)
                .replace("TYPE", &[REL, kind].concat())
                .replace("TARGET", target),
        );
    }
    s.push_str("</Relationships>");
    s
}

const DRAWING_NS: &str = r#"xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart""#;

fn marker(tag: &str, col: &str, col_off: &str, row: &str, row_off: &str) -> String {
    r#"<xdr:T><xdr:col>C</xdr:col><xdr:colOff>CO</xdr:colOff><xdr:row>R</xdr:row><xdr:rowOff>RO</xdr:rowOff></xdr:T>"#
        .replace("CO", col_off)
        .replace("RO", row_off)
        .replace('T', tag)
        .replace('C', col)
        .replace('R', row)
}

fn pic(name: &str, crop: &str) -> String {
    r#"<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="NAME" descr="A logo" title="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rI"/><a:srcRect CROP/></xdr:blipFill><xdr:spPr><a:ln w="25400"><a:solidFill><a:srgbClr val="0000FF"/></a:solidFill></a:ln></xdr:spPr></xdr:pic><xdr:clientData/>"#
        .replace("NAME", name)
        .replace("CROP", crop)
}

fn chart_frame(id: &str) -> String {
    r#"<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="Chart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="ID"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>"#
        .replace("ID", id)
}

/// A bar chart of Sheet1's B2:B3 by A2:A3, named by B1; with `literal`, named by text.
fn chart(literal: bool) -> String {
    let tx = if literal {
        "<c:tx><c:v>Own</c:v></c:tx>"
    } else {
        "<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>Sales</c:v></c:pt></c:strCache></c:strRef></c:tx>"
    };
    [
        r#"<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:plotArea><c:barChart><c:barDir val="col"/><c:ser><c:idx val="0"/>"#,
        tx,
        r#"<c:cat><c:strRef><c:f>'Sheet1'!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/><c:pt idx="0"><c:v>a</c:v></c:pt><c:pt idx="1"><c:v>b</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B$3</c:f><c:numCache><c:ptCount val="2"/><c:pt idx="0"><c:v>3</c:v></c:pt><c:pt idx="1"><c:v>4</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart>"#,
        if literal { r#"<c:userShapes r:id="rU"/>"# } else { "" },
        "</c:chartSpace>",
    ]
    .concat()
}

fn workbook() -> (Workbook, Findings) {
    let sheet = r#"<cols><col min="1" max="2" width="20" customWidth="1"/></cols><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Item</t></is></c><c r="B1" t="inlineStr"><is><t>Sales</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2"><v>3</v></c></row><row r="3" ht="30" customHeight="1"><c r="A3" t="inlineStr"><is><t>b</t></is></c><c r="B3"><v>4</v></c></row></sheetData><drawing r:id="rD"/>"#;
    let drawing = [
        "<xdr:wsDr ",
        DRAWING_NS,
        "><xdr:twoCellAnchor>",
        &marker("from", "3", "12700", "5", "0"),
        &marker("to", "5", "0", "9", "25400"),
        &pic("Picture 1", ""),
        "</xdr:twoCellAnchor><xdr:oneCellAnchor>",
        &marker("from", "0", "0", "4", "6350"),
        r#"<xdr:ext cx="914400" cy="457200"/>"#,
        &pic("Picture 2", r#"l="1000""#),
        r#"</xdr:oneCellAnchor><xdr:twoCellAnchor editAs="absolute">"#,
        &marker("from", "1", "0", "1", "0"),
        &marker("to", "2", "0", "3", "0"),
        &chart_frame("rC"),
        r#"</xdr:twoCellAnchor><xdr:absoluteAnchor><xdr:pos x="100" y="200"/><xdr:ext cx="300" cy="400"/>"#,
        &chart_frame("rC2"),
        "</xdr:absoluteAnchor><xdr:twoCellAnchor>",
        &marker("from", "0", "0", "0", "0"),
        &marker("to", "1", "0", "1", "0"),
        r#"<xdr:sp><xdr:txBody><a:p><a:r><a:t>Hi</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor><xdr:twoCellAnchor>"#,
        &marker("from", "0", "0", "0", "0"),
        &marker("to", "1", "0", "1", "0"),
        "<xdr:grpSp/><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>",
    ]
    .concat();
    let chart_sheet_drawing = [
        "<xdr:wsDr ",
        DRAWING_NS,
        r#"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8582025" cy="5838825"/>"#,
        &chart_frame("rC"),
        "</xdr:absoluteAnchor></xdr:wsDr>",
    ]
    .concat();
    let bytes = package(
        &[("Sheet1", sheet), ("Chart1", r#"<drawing r:id="rD"/>"#)],
        "",
        STYLES,
        &[
            (
                "xl/worksheets/_rels/sheet0.xml.rels",
                &rels(&[("rD", "drawing", "../drawings/drawing1.xml")]),
            ),
            (
                "xl/chartsheets/_rels/sheet1.xml.rels",
                &rels(&[("rD", "drawing", "../drawings/drawing2.xml")]),
            ),
            ("xl/drawings/drawing1.xml", &drawing),
            ("xl/drawings/drawing2.xml", &chart_sheet_drawing),
            (
                "xl/drawings/_rels/drawing1.xml.rels",
                &rels(&[
                    ("rI", "image", "../media/image1.png"),
                    ("rC", "chart", "../charts/chart1.xml"),
                    ("rC2", "chart", "../charts/chart2.xml"),
                ]),
            ),
            (
                "xl/drawings/_rels/drawing2.xml.rels",
                &rels(&[("rC", "chart", "../charts/chart1.xml")]),
            ),
            ("xl/media/image1.png", "PNG bytes"),
            ("xl/charts/chart1.xml", &chart(false)),
            ("xl/charts/chart2.xml", &chart(true)),
        ],
    );
    crate::xlsx::read(Cursor::new(bytes)).unwrap()
}

#[test]
fn anchors_pictures_and_charts() {
    let (wb, findings) = workbook();
    let d = &wb.drawings;
    assert_eq!(d.images.len(), 1, "a picture used twice is stored once");
    assert_eq!(d.images[0].path, "Pictures/image1.png");
    assert_eq!(d.images[0].media_type, "image/png");
    assert_eq!(d.images[0].data, b"PNG bytes");
    assert_eq!(d.shapes.len(), 6, "{:?}", d.shapes);
    let g = crate::sheet::drawing::Grid::new(&wb.sheets[0]);
    let pt = |v: f64| (v * 12_700.0).round() as i64;

    let p = &d.shapes[0];
    assert_eq!(
        p.anchor,
        Anchor::Cell {
            cell: (5, 3),
            offset: (12700, 0),
            end: Some(((9, 5), (0, 25400))),
        }
    );
    assert_eq!(
        p.size,
        (pt(g.x(5) - g.x(3)) - 12700, pt(g.y(9) - g.y(5)) + 25400)
    );
    assert_eq!(p.content, Content::Image(0));
    assert_eq!(p.outline, Some((crate::units::Rgb(0, 0, 255), 2.0)));
    assert_eq!(
        (
            p.name.as_str(),
            p.title.as_deref(),
            p.description.as_deref()
        ),
        ("Picture 1", Some("Logo"), Some("A logo"))
    );

    let one = &d.shapes[1];
    assert_eq!(
        (one.anchor, one.size, one.content),
        (
            Anchor::Cell {
                cell: (4, 0),
                offset: (0, 6350),
                end: None
            },
            (914_400, 457_200),
            Content::Image(0)
        )
    );
    // editAs="absolute" places the chart on the sheet where its cell lies.
    let abs = &d.shapes[2];
    assert_eq!(
        abs.anchor,
        Anchor::Page {
            x: pt(g.x(1)),
            y: pt(g.y(1))
        }
    );
    assert_eq!(abs.size.1, pt(15.0 + 30.0), "rows 2 and 3, the latter 30pt");
    assert_eq!(d.shapes[3].anchor, Anchor::Page { x: 100, y: 200 });
    assert_eq!(d.shapes[3].size, (300, 400));
    // The text box, drawn with its text.
    assert_eq!(d.shapes[4].content, Content::Drawn(0));
    assert_eq!(d.drawn[0].paragraphs[0].runs[0].text, "Hi");
    // The chart sheet's chart.
    assert_eq!(d.shapes[5].sheet, 1);
    assert_eq!(wb.sheets[1].name, "Chart1");
    assert!(wb.sheets[1].rows.is_empty());

    // Charts with references become linked to the cells; a literal name keeps the own data.
    assert_eq!(d.charts.len(), 3);
    let links = &d.charts[0].links;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].values.as_deref(), Some("Sheet1.B2:Sheet1.B3"));
    assert_eq!(links[0].categories.as_deref(), Some("Sheet1.A2:Sheet1.A3"));
    assert_eq!(links[0].name.as_deref(), Some("Sheet1.B1:Sheet1.B1"));
    assert!(d.charts[1].links.is_empty());

    let unsupported: Vec<String> = findings
        .into_vec()
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::Unsupported { element } => Some(element),
            FindingKind::Chart => Some("chart".into()),
            _ => None,
        })
        .collect();
    assert_eq!(
        unsupported,
        [
            "picture cropping (a:srcRect), shown whole",
            "shapes drawn on a chart (c:userShapes)",
            "group shape (xdr:grpSp) without placed members"
        ]
    );
}

#[test]
fn reference_lists_and_foreign_references() {
    let sheets = [
        Sheet {
            name: "Data".into(),
            ..Sheet::default()
        },
        Sheet {
            name: "It's".into(),
            ..Sheet::default()
        },
    ];
    assert_eq!(
        odf_ranges("(Data!$A$1,'It''s'!B2:C3)", &sheets).as_deref(),
        Some("Data.A1:Data.A1 'It''s'.B2:'It''s'.C3")
    );
    // Sheet names match case-insensitively, as in Excel.
    assert_eq!(
        odf_ranges("data!$A$1:$A$9", &sheets).as_deref(),
        Some("Data.A1:Data.A9")
    );
    assert_eq!(
        odf_ranges("Data!A1:A9", &sheets).as_deref(),
        Some("Data.A1:Data.A9")
    );
    assert_eq!(odf_ranges("Other!A1", &sheets), None);
    assert_eq!(odf_ranges("[1]Data!A1", &sheets), None);
    assert_eq!(odf_ranges("MyName", &sheets), None);
    assert_eq!(odf_ranges("Data!A1:ZZZZ9", &sheets), None);
}

/// Where each `draw:frame` of content.xml sits: (table, row, column, its attributes), counting
/// repeated rows and cells; row and column are `None` in `table:shapes`.
type FramePlace = (String, Option<(u32, u32)>, Vec<(String, String)>);

fn frames(content: &str) -> Vec<FramePlace> {
    let mut r = quick_xml::Reader::from_str(content);
    let (mut table, mut row, mut col) = (String::new(), 0u32, 0u32);
    let (mut in_cell, mut in_row) = (false, false);
    let mut out = Vec::new();
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name.as_bytes())
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    let repeat = |e: &quick_xml::events::BytesStart, name: &str| -> u32 {
        attr(e, name).and_then(|v| v.parse().ok()).unwrap_or(1)
    };
    loop {
        let (e, empty) = match r.read_event().unwrap() {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.name().as_ref() {
                    b"table:table-row" => {
                        in_row = false;
                        row += 1;
                    }
                    b"table:table-cell" | b"table:covered-table-cell" => {
                        in_cell = false;
                        col += 1;
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.name().as_ref() {
            b"table:table" => {
                table = attr(&e, "table:name").unwrap_or_default();
                row = 0;
            }
            b"table:table-row" => {
                col = 0;
                in_row = true;
                if empty {
                    row += repeat(&e, "table:number-rows-repeated");
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                in_cell = !empty;
                if empty {
                    col += repeat(&e, "table:number-columns-repeated");
                }
            }
            b"draw:frame" => {
                let attrs = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                        (k, String::from_utf8_lossy(&a.value).into_owned())
                    })
                    .collect();
                let at = (in_row && in_cell).then_some((row, col));
                out.push((table.clone(), at, attrs));
            }
            _ => {}
        }
    }
    out
}

fn get<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn writes_frames_into_their_cells_and_objects_into_the_package() {
    let (wb, _) = workbook();
    let bytes = crate::ods::write(&wb, false, &mut Findings::default()).unwrap();
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let content = part("content.xml");
    let manifest = part("META-INF/manifest.xml");
    let chart = part("Object 1/content.xml");
    let own = part("Object 2/content.xml");
    assert_eq!(part("Pictures/image1.png"), "PNG bytes");
    assert!(
        manifest.contains(
            r#"manifest:full-path="Pictures/image1.png" manifest:media-type="image/png""#
        )
    );
    assert!(
        manifest.contains(r#"manifest:full-path="Object 3/""#),
        "{manifest}"
    );

    let f = frames(&content);
    assert_eq!(f.len(), 5, "{content}");
    assert!(content.contains("<draw:custom-shape"), "{content}");
    let named = |name: &str| {
        f.iter()
            .find(|(_, _, a)| get(a, "draw:name") == Some(name))
            .unwrap()
    };
    // Picture 1 in D6, to F10, 1pt into the cell.
    let (table, at, a) = named("Picture 1");
    assert_eq!((table.as_str(), *at), ("Sheet1", Some((5, 3))));
    assert_eq!(get(a, "table:end-cell-address"), Some("Sheet1.F10"));
    assert_eq!(get(a, "svg:x"), Some("0.0139in"));
    assert_eq!(get(a, "table:end-y"), Some("0.0278in"));
    // Picture 2 in A5, not resizing with the cells.
    let (_, at, a) = named("Picture 2");
    assert_eq!(*at, Some((4, 0)));
    assert_eq!(get(a, "table:end-cell-address"), None);
    assert_eq!(get(a, "svg:width"), Some("1.0000in"));
    // The absolute ones on the sheet, the chart sheet's chart on its own.
    let placed: Vec<(&str, Option<(u32, u32)>)> = f
        .iter()
        .filter(|(_, _, a)| get(a, "draw:name") == Some("Chart"))
        .map(|(t, at, _)| (t.as_str(), *at))
        .collect();
    assert_eq!(
        placed,
        [("Sheet1", None), ("Sheet1", None), ("Chart1", None)]
    );
    assert!(content.contains(r#"<svg:title>Logo</svg:title><svg:desc>A logo</svg:desc>"#));
    assert!(content.contains(r#"draw:notify-on-update-of-ranges="Sheet1.B1:Sheet1.B1 Sheet1.A2:Sheet1.A3 Sheet1.B2:Sheet1.B3""#));

    // The linked chart reads the sheet; the other keeps its own table.
    assert!(chart.contains(r#"xlink:href="..""#), "{chart}");
    assert!(chart.contains(r#"chart:values-cell-range-address="Sheet1.B2:Sheet1.B3""#));
    assert!(
        chart.contains(r#"<chart:categories table:cell-range-address="Sheet1.A2:Sheet1.A3"/>"#)
    );
    assert!(own.contains(r#"xlink:href=".""#));
    assert!(own.contains(r#"chart:values-cell-range-address="local-table.$B$2:.$B$3""#));
}

#[test]
fn hostile_markers_are_clamped() {
    let sheet = Sheet {
        default_col_width: 48.0,
        default_row_height: 15.0,
        ..Sheet::default()
    };
    let grid = crate::sheet::drawing::Grid::new(&sheet);
    let anchor = [
        "<xdr:twoCellAnchor ",
        DRAWING_NS,
        ">",
        &marker("from", "99999999", "-5", "-3", "x"),
        &marker("to", "16383", "99999999999999999", "9999999999", "1"),
        "</xdr:twoCellAnchor>",
    ]
    .concat();
    let e = crate::dom::parse(anchor.as_bytes(), "d").unwrap();
    let (a, size) = placement(&e, &grid).unwrap();
    assert_eq!(
        a,
        Anchor::Cell {
            cell: (0, 16_383),
            offset: (0, 0),
            end: Some(((1_048_575, 16_383), (MAX_EMU, 1)))
        }
    );
    assert!(size.0 == MAX_EMU && size.1 > 0, "{size:?}");
    // A marker without its column is no anchor.
    let broken = anchor.replace("<xdr:col>99999999</xdr:col>", "");
    let e = crate::dom::parse(broken.as_bytes(), "d").unwrap();
    assert!(placement(&e, &grid).is_none());
}
