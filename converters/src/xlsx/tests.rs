//! Reader tests on small packages built in memory.

use std::io::{Cursor, Write};
use std::sync::Arc;

use super::*;
use crate::sheet::{FormulaKind, Frozen, Range, Value};
use crate::units::Rgb;

const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A package with the given worksheets (name, sheetData and friends), shared strings and styles.
pub fn package(
    sheets: &[(&str, &str)],
    strings: &str,
    styles: &str,
    extra: &[(&str, &str)],
) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, data: &str| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    );
    let mut list = String::new();
    for (i, (name, _)) in sheets.iter().enumerate() {
        let i_text = i.to_string();
        // Sheets named Chart… are chart sheets.
        let rel = if name.starts_with("Chart") {
            r#"<Relationship Id="r#" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet#.xml"/>"#
        } else {
            r#"<Relationship Id="r#" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet#.xml"/>"#
        };
        rels.push_str(&rel.replace('#', &i_text));
        let state = if name.starts_with("hidden") {
            r#" state="hidden""#
        } else {
            ""
        };
        let id = (i + 1).to_string();
        list.push_str(
            &[
                r#"<sheet name=""#,
                name,
                r#"" sheetId=""#,
                &id,
                "\"",
                state,
                r#" r:id="r"#,
                &i_text,
                r#""/>"#,
            ]
            .concat(),
        );
    }
    rels.push_str("</Relationships>");
    put("xl/_rels/workbook.xml.rels", &rels);
    put(
        "xl/workbook.xml",
        &[
            "<workbook ",
            NS,
            r#"><workbookPr date1904="1"/><bookViews><workbookView activeTab="1"/></bookViews><sheets>"#,
            &list,
            r#"</sheets><definedNames><definedName name="Total" localSheetId="0">Sheet1!$A$1:$B$2</definedName></definedNames></workbook>"#,
        ]
        .concat(),
    );
    put(
        "xl/sharedStrings.xml",
        &["<sst ", NS, ">", strings, "</sst>"].concat(),
    );
    put(
        "xl/styles.xml",
        &["<styleSheet ", NS, ">", styles, "</styleSheet>"].concat(),
    );
    for (i, (name, body)) in sheets.iter().enumerate() {
        if name.starts_with("Chart") {
            put(
                &format!("xl/chartsheets/sheet{i}.xml"),
                &["<chartsheet ", NS, ">", body, "</chartsheet>"].concat(),
            );
            continue;
        }
        put(
            &format!("xl/worksheets/sheet{i}.xml"),
            &["<worksheet ", NS, ">", body, "</worksheet>"].concat(),
        );
    }
    for (name, data) in extra {
        put(name, data);
    }
    zip.finish().unwrap().into_inner()
}

pub const STYLES: &str = r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="0.000"/></numFmts><fonts><font><sz val="11"/><name val="Calibri"/></font><font><b/><i/><u val="double"/><sz val="14"/><color theme="1"/><name val="Arial"/></font></fonts><fills><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills><borders><border/><border><left style="thin"><color indexed="10"/></left><bottom style="double"/></border></borders><cellXfs><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="1" fillId="2" borderId="1"><alignment horizontal="center" vertical="top" wrapText="1" textRotation="45" indent="2"/><protection locked="0"/></xf><xf numFmtId="14"/></cellXfs>"#;

fn read_bytes(bytes: Vec<u8>) -> (Workbook, Findings) {
    read(Cursor::new(bytes)).unwrap()
}

#[test]
fn reads_cells_of_every_type() {
    let sheet = r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><v>2.5</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#DIV/0!</v></c><c r="F1" t="inlineStr"><is><t>in</t><rPh><t>x</t></rPh></is></c><c r="G1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="H1" t="d"><v>2020-01-02T00:00:00Z</v></c></row><row><c><v>1</v></c><c s="2"/><c><v>3</v></c></row></sheetData>"#;
    let strings = r#"<si><t>plain_x000D_</t></si><si><r><t>a</t></r><r><rPr><b/><color rgb="FFFF0000"/></rPr><t>b</t></r></si>"#;
    let (wb, _) = read_bytes(package(
        &[("Sheet1", sheet), ("S2", "<sheetData/>")],
        strings,
        STYLES,
        &[],
    ));
    assert!(wb.date1904);
    assert_eq!(wb.active_sheet, 1);
    let s = &wb.sheets[0];
    assert_eq!(s.dimension.map(|d| d.last), Some((1_048_575, 16_383)));
    assert_eq!(s.rows.len(), 2, "a claimed dimension allocates nothing");
    let row = &s.rows[0].cells;
    assert_eq!(row[0].1.value, Value::String(Arc::from("plain\r")));
    match &row[1].1.value {
        Value::RichText(runs) => {
            assert_eq!(runs.len(), 2);
            let f = runs[1].font.as_ref().unwrap();
            assert!(f.bold);
            assert_eq!(f.color, Some(Rgb(255, 0, 0)));
        }
        v => panic!("{v:?}"),
    }
    assert_eq!(row[2].1.value, Value::Number(2.5));
    assert_eq!(row[3].1.value, Value::Bool(true));
    assert_eq!(row[4].1.value, Value::Error("#DIV/0!".into()));
    assert_eq!(row[5].1.value, Value::String(Arc::from("in")));
    assert_eq!(row[6].1.value, Value::String(Arc::from("ab")));
    assert_eq!(row[6].1.formula.as_ref().unwrap().excel_text, "\"a\"&\"b\"");
    assert_eq!(row[7].1.value, Value::Date("2020-01-02T00:00:00Z".into()));
    // Rows and cells without r follow their predecessors; a styled empty cell is kept.
    let second = &s.rows[1];
    assert_eq!(second.index, 1);
    let cols: Vec<u32> = second.cells.iter().map(|(c, _)| *c).collect();
    assert_eq!(cols, [0, 1, 2]);
    assert_eq!(second.cells[1].1.style, 2);
    assert_eq!(wb.defined_names[0].local_sheet, Some(0));
}

#[test]
fn reads_styles() {
    let (wb, _) = read_bytes(package(&[("Sheet1", "<sheetData/>")], "", STYLES, &[]));
    assert_eq!(wb.styles.len(), 3);
    let s = &wb.styles[1];
    assert_eq!(s.num_fmt, "0.000");
    assert_eq!(wb.styles[2].num_fmt, "m/d/yyyy");
    assert!(s.font.bold && s.font.italic);
    assert_eq!(s.font.size, Some(14.0));
    assert_eq!(s.font.name.as_deref(), Some("Arial"));
    assert_eq!(s.fill, Some(Rgb(255, 255, 0)));
    assert_eq!(wb.styles[0].fill, None);
    let left = s.border.left.as_ref().unwrap();
    assert_eq!(
        (left.style.as_str(), left.color),
        ("thin", Some(Rgb(255, 0, 0)))
    );
    assert_eq!(s.border.bottom.as_ref().unwrap().style, "double");
    assert_eq!(s.alignment.horizontal.as_deref(), Some("center"));
    assert!(s.alignment.wrap);
    assert_eq!((s.alignment.rotation, s.alignment.indent), (45, 2));
    assert!(!s.protection.locked);
}

#[test]
fn reads_formulas_shared_and_array() {
    let sheet = r#"<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>2</v></c><c r="C1"><f t="array" ref="C1:C2">B1:B2*2</f><v>4</v></c></row><row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row></sheetData>"#;
    let (wb, _) = read_bytes(package(&[("Sheet1", sheet)], "", STYLES, &[]));
    let rows = &wb.sheets[0].rows;
    let a2 = rows[1].cells[0].1.formula.as_ref().unwrap();
    assert_eq!(a2.excel_text, "B1*2");
    assert_eq!(
        a2.kind,
        FormulaKind::Shared {
            master: (0, 0),
            index: 0
        }
    );
    let c1 = rows[0].cells[1].1.formula.as_ref().unwrap();
    assert_eq!(
        c1.kind,
        FormulaKind::Array {
            range: Range {
                first: (0, 2),
                last: (1, 2)
            }
        }
    );
}

#[test]
fn reads_sheet_layout() {
    let sheet = r#"<sheetPr><tabColor theme="4" tint="0.5"/></sheetPr><sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane xSplit="1" ySplit="2" topLeftCell="B3" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15" baseColWidth="10"/><cols><col min="2" max="3" width="20" hidden="1" style="1"/><col min="5" max="16384" width="0"/></cols><sheetData><row r="3" ht="30" customHeight="1" hidden="1"><c r="A3"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells><conditionalFormatting sqref="A1"><cfRule type="expression"/></conditionalFormatting><pageMargins left="1"/>"#;
    let theme = r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements><a:clrScheme name="x"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="000000"/></a:dk2><a:lt2><a:srgbClr val="FFFFFF"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1></a:clrScheme></a:themeElements></a:theme>"#;
    let mut bytes = package(
        &[("Sheet1", sheet), ("hidden", "<sheetData/>")],
        "",
        STYLES,
        &[("xl/theme/theme1.xml", theme)],
    );
    // The theme needs a relationship: rebuild with one in the workbook's rels.
    bytes = add_theme_rel(bytes);
    let (wb, findings) = read_bytes(bytes);
    let s = &wb.sheets[0];
    assert_eq!(s.tab_color, Some(apply_tint(Rgb(0x44, 0x72, 0xC4), 0.5)));
    assert!(s.selected);
    assert_eq!(
        s.frozen,
        Some(Frozen {
            cols: 1,
            rows: 2,
            top_left: (2, 1)
        })
    );
    assert_eq!(s.cols.len(), 2);
    assert!(s.cols[0].hidden);
    assert_eq!(
        (s.cols[0].first, s.cols[0].last, s.cols[0].style),
        (1, 2, Some(1))
    );
    assert_eq!(s.cols[1].width, Some(0.0));
    // 10 digits of 7 pixels plus 5, rounded up to 8 pixels: 80 px.
    assert_eq!(s.default_col_width, 60.0);
    assert_eq!(s.rows[0].height, Some(30.0));
    assert!(s.rows[0].hidden && s.rows[0].custom_height);
    assert_eq!(s.merged.len(), 1, "an overlapping merge is dropped");
    assert_eq!(wb.sheets[1].visibility, Visibility::Hidden);
    let codes: Vec<String> = findings
        .into_vec()
        .into_iter()
        .filter_map(|f| match f.kind {
            FindingKind::Unsupported { element } => Some(element),
            _ => None,
        })
        .collect();
    // Conditional formats are read now, not reported.
    assert!(
        !codes.contains(&"conditionalFormatting".to_string()),
        "{codes:?}"
    );
    assert_eq!(s.rules.formats.len(), 1);
    // Print setup is carried now, not reported.
    assert!(!codes.contains(&"pageMargins".to_string()), "{codes:?}");
    assert!(
        wb.sheets[0]
            .extras
            .page
            .as_ref()
            .is_some_and(|p| p.margins.is_some())
    );
}

#[test]
fn reads_conditional_formats_validations_and_their_formats() {
    let sheet = r#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><conditionalFormatting sqref="A1:B4 D1"><cfRule type="cellIs" dxfId="1" priority="2" stopIfTrue="1" operator="between"><formula>1</formula><formula>$C$1</formula></cfRule><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule><cfRule type="top10" dxfId="0" priority="3" rank="5" bottom="1" percent="1"/></conditionalFormatting><dataValidations count="2"><dataValidation type="list" allowBlank="1" showDropDown="1" showErrorMessage="1" errorStyle="warning" errorTitle="No" error="Pick one" sqref="E1:E9 G2"><formula1>"a,b"</formula1></dataValidation><dataValidation type="whole" operator="greaterThan" sqref="F1"><formula1>0</formula1></dataValidation></dataValidations><pageMargins left="1"/><extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" count="1"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>H1:H5</xm:sqref></x14:dataValidation></x14:dataValidations></ext><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="iconSet" priority="4" id="{1}"><x14:iconSet iconSet="3Stars"/></x14:cfRule><xm:sqref>J1:J4</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups/></ext></extLst>"#;
    let styles = STYLES.to_string()
        + r#"<dxfs count="2"><dxf><font><b/><i val="0"/><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf><dxf><numFmt numFmtId="165" formatCode="&quot;$&quot;#,##0"/><border><bottom style="thin"/></border></dxf></dxfs>"#;
    let (wb, findings) = read_bytes(package(&[("Sheet1", sheet)], "", &styles, &[]));
    let d = &wb.dxfs;
    assert_eq!(d.len(), 2);
    assert_eq!(
        (d[0].bold, d[0].italic, d[0].color, d[0].fill),
        (
            Some(true),
            Some(false),
            Some(Rgb(0x9C, 0, 6)),
            Some(Rgb(0xFF, 0xC7, 0xCE))
        )
    );
    assert_eq!(d[1].num_fmt.as_deref(), Some("\"$\"#,##0"));
    assert!(d[1].border.bottom.is_some() && d[1].fill.is_none());
    let rules = &wb.sheets[0].rules;
    let cf = &rules.formats[0];
    assert_eq!(cf.ranges.len(), 2);
    // The data bar is no rule of the model but a finding with its range.
    let kinds: Vec<&str> = cf.rules.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, ["cellIs", "top10"]);
    let (c, t) = (&cf.rules[0], &cf.rules[1]);
    assert_eq!((c.priority, c.stop, c.dxf), (2, true, Some(1)));
    assert_eq!(c.formulas, ["1", "$C$1"]);
    assert_eq!((t.rank, t.bottom, t.percent), (Some(5), true, true));
    let v = &rules.validations;
    assert_eq!(v.len(), 3);
    assert_eq!(v[0].ranges.len(), 2);
    assert_eq!(v[0].formula1.as_deref(), Some("\"a,b\""));
    // showDropDown="1" hides the list.
    assert!(!v[0].show_list && v[0].allow_blank && v[0].show_error);
    assert_eq!(
        (v[0].error_style.as_str(), v[0].error.as_deref()),
        ("warning", Some("Pick one"))
    );
    assert_eq!(
        (v[1].kind.as_str(), v[1].operator.as_str()),
        ("whole", "greaterThan")
    );
    assert!(v[2].extension && v[2].show_list);
    assert_eq!(v[2].formula1.as_deref(), Some("Lists!$A$1:$A$3"));
    assert_eq!(v[2].ranges[0].last, (4, 7));
    let all = findings.into_vec();
    let lost: Vec<(String, String)> = all
        .iter()
        .filter_map(|f| match &f.kind {
            FindingKind::ConditionalFormatLost { rule } => {
                Some((rule.clone(), f.location.clone().unwrap_or_default()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        lost,
        [
            ("dataBar".to_string(), "Sheet1!A1:B4 D1".to_string()),
            ("iconSet".to_string(), "Sheet1!J1:J4".to_string())
        ]
    );
    let unsupported: Vec<&str> = all
        .iter()
        .filter_map(|f| match &f.kind {
            FindingKind::Unsupported { element } => Some(element.as_str()),
            _ => None,
        })
        .collect();
    assert!(unsupported.contains(&"sparklineGroups"), "{unsupported:?}");
    assert!(
        !unsupported
            .iter()
            .any(|e| e.contains("alidation") || *e == "extLst"),
        "{unsupported:?}"
    );
}

fn add_theme_rel(bytes: Vec<u8>) -> Vec<u8> {
    rewrite(bytes, "xl/_rels/workbook.xml.rels", |s| {
        s.replace("</Relationships>", r#"<Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>"#)
    })
}

/// The package with one part's text changed.
fn rewrite(bytes: Vec<u8>, part: &str, f: impl Fn(String) -> String) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
        if name == part {
            data = f(String::from_utf8(data).unwrap()).into_bytes();
        }
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn hostile_sheets_fail_cleanly() {
    // A row beyond the sheet, a cell reference beyond it and one that is not a reference: left
    // out and counted, the rest of the sheet kept.
    for (body, left_out) in [
        (
            r#"<sheetData><row r="1048577"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row></sheetData>"#,
            1,
        ),
        (
            r#"<sheetData><row r="2"><c r="XFE2"><v>1</v></c><c r="B2"><v>2</v></c><c r="2B"><v>3</v></c></row></sheetData>"#,
            2,
        ),
        (
            r#"<sheetData><row r="231999999999940"><c><v>1</v></c></row><row><c r="A1048576"><v>2</v></c></row></sheetData>"#,
            1,
        ),
    ] {
        let (wb, findings) = read(Cursor::new(package(&[("S", body)], "", STYLES, &[]))).unwrap();
        let cells: Vec<_> = wb.sheets[0]
            .rows
            .iter()
            .flat_map(|r| {
                r.cells
                    .iter()
                    .map(move |(c, cell)| (r.index, *c, cell.value.clone()))
            })
            .collect();
        assert_eq!(cells.len(), 1, "{body}: {cells:?}");
        assert_eq!(cells[0].2, Value::Number(2.0), "{body}");
        let counts: Vec<_> = findings
            .into_vec()
            .into_iter()
            .filter_map(|f| match f.kind {
                FindingKind::BeyondSheetLimits { count } => Some(count),
                _ => None,
            })
            .collect();
        assert_eq!(counts, [left_out], "{body}");
    }
    let deep = ["<sheetData>", &"<x>".repeat(100_000), "</sheetData>"].concat();
    assert!(read(Cursor::new(package(&[("S", &deep)], "", STYLES, &[]))).is_err());
    // The cell budget is per workbook.
    let mut sheet = Sheet::default();
    let mut cells = MAX_CELLS;
    let colors = styles::Colors::default();
    let mut ctx = worksheet::Context {
        strings: &[],
        colors: &colors,
        digit_px: 7.0,
        font_row_height: 15.0,
        cells: &mut cells,
    };
    let xml = [
        "<worksheet ",
        NS,
        "><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>",
    ]
    .concat();
    let err = worksheet::read(xml.as_bytes(), "s", &mut sheet, &mut ctx).unwrap_err();
    assert!(matches!(err, DetectError::TooMany { .. }), "{err}");
}

#[test]
fn overlapping_merges_are_dropped_however_far_apart() {
    let r = |a: &str| crate::sheet::parse_range(a).unwrap();
    let mut ranges = vec![r("A1:A1000")];
    // Many disjoint ranges after the first, then one that overlaps only the first.
    for i in 0..200 {
        let col = crate::sheet::col_name(i + 2);
        ranges.push(r(&format!("{col}1:{col}2")));
    }
    ranges.push(r("A500:B500"));
    ranges.push(r("A1001:B1002"));
    let kept = worksheet::without_overlaps(ranges);
    assert_eq!(kept.len(), 202);
    assert!(!kept.contains(&r("A500:B500")));
    assert!(kept.contains(&r("A1001:B1002")));
}

#[test]
fn sheets_without_a_part_stay_as_empty_sheets() {
    let bytes = package(
        &[
            ("A", "<sheetData/>"),
            ("B", "<sheetData/>"),
            ("C", "<sheetData/>"),
        ],
        "",
        STYLES,
        &[],
    );
    let bytes = rewrite(bytes, "xl/workbook.xml", |s| {
        s.replace(r#"r:id="r1""#, r#"r:id="""#)
    });
    let (wb, findings) = read_bytes(bytes);
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C"]);
    assert!(
        findings
            .into_vec()
            .iter()
            .any(|f| matches!(f.kind, FindingKind::MissingPart { .. }))
    );
}

#[test]
fn calc_pr_iteration_is_read_with_its_defaults() {
    let parse = |attrs: &str| {
        let x = ["<calcPr ", NS, " ", attrs, "/>"].concat();
        iteration(&dom::parse(x.as_bytes(), "wb").unwrap())
    };
    assert_eq!(parse(r#"calcId="1""#), None, "off unless iterate is true");
    assert_eq!(parse(r#"iterate="0" iterateCount="5""#), None);
    assert_eq!(
        parse(r#"iterate="1""#),
        Some(Iteration {
            steps: 100,
            max_change: 0.001
        })
    );
    assert_eq!(
        parse(r#"iterate="true" iterateCount="0" iterateDelta="0.5""#),
        Some(Iteration {
            steps: 1,
            max_change: 0.5
        }),
        "ODF needs at least one step"
    );
}
