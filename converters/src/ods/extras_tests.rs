//! Writer tests for the sheet features besides cells: links, comments, protection, print
//! setup, print titles and database ranges.

use std::io::{Cursor, Read};

use super::*;
use crate::sheet::extras::{
    BookProtection, Comment, HeaderFooter, HfPiece, Link, PageSetup, SheetProtection,
};
use crate::sheet::{CellStyle, DefinedName, Row, Sheet, TableDef, Value, parse_range};

fn part(wb: &Workbook, name: &str) -> Result<String, Box<dyn std::error::Error>> {
    let bytes = write(wb, false, &mut Findings::default())?;
    let mut z = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut s = String::new();
    z.by_name(name)?.read_to_string(&mut s)?;
    Ok(s)
}

fn sheet(name: &str, rows: Vec<Row>) -> Sheet {
    Sheet {
        name: name.into(),
        default_col_width: 48.0,
        default_row_height: 15.0,
        rows,
        ..Sheet::default()
    }
}

fn text_row(index: u32, texts: &[&str]) -> Row {
    Row {
        index,
        cells: texts
            .iter()
            .enumerate()
            .map(|(c, t)| {
                (
                    c as u32,
                    crate::sheet::Cell {
                        value: Value::String((*t).into()),
                        ..Default::default()
                    },
                )
            })
            .collect(),
        ..Row::default()
    }
}

fn workbook(sheets: Vec<Sheet>) -> Workbook {
    Workbook {
        sheets,
        styles: vec![CellStyle::default()],
        ..Workbook::default()
    }
}

#[test]
fn a_cell_holds_its_note_first_and_its_link_around_the_text()
-> Result<(), Box<dyn std::error::Error>> {
    let mut s = sheet("S", vec![text_row(0, &["go", "plain"])]);
    s.extras.links.insert(
        (0, 0),
        Link {
            href: "#Other.A1".into(),
            tooltip: Some("Tip".into()),
        },
    );
    s.extras.comments.insert(
        (0, 0),
        Comment {
            author: Some("Ann".into()),
            text: vec![
                vec![crate::sheet::Run {
                    text: "Hi".into(),
                    font: Some(crate::sheet::Font {
                        bold: true,
                        ..crate::sheet::Font::default()
                    }),
                }],
                vec![crate::sheet::Run {
                    text: "there".into(),
                    font: None,
                }],
            ],
            shown: true,
        },
    );
    s.extras.comments.insert(
        (0, 1),
        Comment {
            text: vec![vec![crate::sheet::Run {
                text: "quiet".into(),
                font: None,
            }]],
            ..Comment::default()
        },
    );
    let c = part(&workbook(vec![s]), "content.xml")?;
    let expected = concat!(
        r#"<office:annotation office:display="true"><dc:creator>Ann</dc:creator>"#,
        r#"<text:p><text:span text:style-name="T1">Hi</text:span></text:p><text:p>there</text:p></office:annotation>"#,
        r##"<text:p><text:a xlink:type="simple" xlink:href="#Other.A1" office:title="Tip">go</text:a></text:p>"##
    );
    assert!(c.contains(expected), "{c}");
    assert!(
        c.contains(r#"<office:annotation office:display="false"><text:p>quiet</text:p></office:annotation><text:p>plain</text:p>"#),
        "{c}"
    );
    Ok(())
}

#[test]
fn protection_goes_on_the_table_and_the_spreadsheet() -> Result<(), Box<dyn std::error::Error>> {
    let mut s = sheet("S", vec![text_row(0, &["x"])]);
    s.extras.protection = Some(SheetProtection {
        legacy_hash: Some(0xCC1A),
        ..SheetProtection::default()
    });
    let mut wb = workbook(vec![s]);
    wb.protection = Some(BookProtection {
        structure: true,
        salted: true,
        ..BookProtection::default()
    });
    let c = part(&wb, "content.xml")?;
    assert!(
        c.contains(r#"<office:spreadsheet table:structure-protected="true">"#),
        "{c}"
    );
    assert!(c.contains(concat!(
        r#"table:protected="true" table:protection-key="zBo=" "#,
        r#"table:protection-key-digest-algorithm="http://docs.oasis-open.org/office/ns/table/legacy-hash-excel""#
    )), "{c}");
    Ok(())
}

#[test]
fn page_setup_becomes_a_master_page_the_table_prints_with() -> Result<(), Box<dyn std::error::Error>>
{
    let mut s = sheet(
        "S",
        vec![
            text_row(0, &["x"]),
            text_row(1, &["y"]),
            text_row(5, &["z"]),
        ],
    );
    s.extras.page = Some(PageSetup {
        paper: Some((8.5, 11.0)),
        landscape: true,
        fit: Some((1, 0)),
        header: Some(HeaderFooter {
            left: vec![
                HfPiece::Font(crate::sheet::Font {
                    bold: true,
                    ..crate::sheet::Font::default()
                }),
                HfPiece::Text("Title".into()),
            ],
            ..HeaderFooter::default()
        }),
        first: Some([None, Some(HeaderFooter::default())]),
        footer: Some(HeaderFooter {
            center: vec![
                HfPiece::Text("Page ".into()),
                HfPiece::PageNumber,
                HfPiece::Text(" of ".into()),
                HfPiece::PageCount,
            ],
            right: vec![HfPiece::SheetName],
            ..HeaderFooter::default()
        }),
        ..PageSetup::default()
    });
    let mut wb = workbook(vec![s, sheet("T", Vec::new())]);
    wb.defined_names = vec![
        DefinedName {
            name: "_xlnm.Print_Area".into(),
            formula: "S!$A$1:$B$6".into(),
            local_sheet: Some(0),
            hidden: false,
        },
        DefinedName {
            name: "_xlnm.Print_Titles".into(),
            formula: "S!$1:$2,S!$B:$B".into(),
            local_sheet: Some(0),
            hidden: false,
        },
    ];
    let styles = part(&wb, "styles.xml")?;
    for piece in [
        r#"<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="11.0000in" fo:page-height="8.5000in" style:print-orientation="landscape""#,
        r#"style:scale-to-X="1" style:table-centering="none"/>"#,
        r#"<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold""#,
        r#"<style:header><style:region-left><text:p><text:span text:style-name="T1">Title</text:span></text:p></style:region-left></style:header><style:header-first></style:header-first><style:footer>"#,
        r#"</style:header-first><style:footer><style:region-center><text:p>Page <text:page-number text:select-page="current">1</text:page-number> of <text:page-count>1</text:page-count></text:p></style:region-center><style:region-right><text:p><text:sheet-name>???</text:sheet-name></text:p></style:region-right></style:footer><style:footer-first></style:footer-first></style:master-page>"#,
    ] {
        assert!(styles.contains(piece), "{piece} in {styles}");
    }
    assert!(!styles.contains("mp2"), "{styles}");
    let c = part(&wb, "content.xml")?;
    assert!(
        c.contains(
            r#"<style:style style:name="ta1" style:family="table" style:master-page-name="mp1">"#
        ),
        "{c}"
    );
    assert!(c.contains(r#"table:print-ranges="S.A1:S.B6""#), "{c}");
    // Rows 1-2 and column B repeat on every page.
    let rows = c
        .split("<table:table-header-rows>")
        .nth(1)
        .ok_or("no header rows")?;
    let rows = rows
        .split("</table:table-header-rows>")
        .next()
        .unwrap_or_default();
    assert_eq!(rows.matches("<table:table-row ").count(), 2, "{rows}");
    assert!(rows.contains(">x<") && rows.contains(">y<") && !rows.contains(">z<"));
    assert!(c.contains(r#"<table:table-header-columns><table:table-column table:style-name="co1" table:default-cell-style-name="Default"/></table:table-header-columns>"#), "{c}");
    Ok(())
}

#[test]
fn tables_become_named_database_ranges() -> Result<(), Box<dyn std::error::Error>> {
    let mut wb = workbook(vec![sheet("Data", vec![text_row(0, &["a", "b"])])]);
    wb.tables.push(TableDef {
        name: "T1".into(),
        display_name: "Sales".into(),
        sheet: 0,
        range: parse_range("A1:B5").ok_or("range")?,
        header_rows: 1,
        totals_rows: 0,
        columns: vec!["a".into(), "b".into()],
        filter: Some(crate::sheet::extras::AutoFilter {
            range: parse_range("A1:B5"),
            columns: Vec::new(),
        }),
    });
    let c = part(&wb, "content.xml")?;
    assert!(
        c.contains(concat!(
            r#"<table:database-ranges><table:database-range table:name="Sales" "#,
            r#"table:target-range-address="Data.A1:Data.B5" table:display-filter-buttons="true"/>"#
        )),
        "{c}"
    );
    Ok(())
}

#[test]
fn manual_page_breaks_start_rows_and_columns_on_a_new_page()
-> Result<(), Box<dyn std::error::Error>> {
    let mut s = sheet(
        "S",
        vec![text_row(0, &["a", "b", "c", "d"]), text_row(3, &["z"])],
    );
    s.extras.row_breaks = vec![2];
    s.extras.col_breaks = vec![2];
    let c = part(&workbook(vec![s]), "content.xml")?;
    let style_with_break = |family: &str| -> Option<String> {
        let props = ["style:", family, "-properties"].concat();
        c.split("<style:style ")
            .find(|st| st.contains(&props) && st.contains(r#"fo:break-before="page""#))
            .and_then(|st| st.split('"').nth(1).map(str::to_string))
    };
    let row_break = style_with_break("table-row").ok_or("no row style with a break")?;
    let col_break = style_with_break("table-column").ok_or("no column style with a break")?;
    // Columns A-B, then C alone with the break, then D.
    let columns: Vec<&str> = c.split("<table:table-column ").skip(1).collect();
    assert_eq!(columns.len(), 3, "{c}");
    assert!(columns[1].contains(&col_break) && !columns[0].contains(&col_break));
    // Rows 1-2, row 3 alone with the break, then row 4.
    let rows: Vec<&str> = c.split("<table:table-row ").skip(1).collect();
    assert_eq!(rows.len(), 4, "{c}");
    assert!(
        rows[2].contains(&row_break)
            && !rows[1].contains(&row_break)
            && !rows[3].contains(&row_break)
    );
    Ok(())
}
