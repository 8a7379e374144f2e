//! Writer tests on models built in code.

use std::io::{Cursor, Read};
use std::sync::Arc;

use super::*;
use crate::sheet::{Cell, CellStyle, ColRange, Range, Row, Sheet, Value};

fn content(wb: &Workbook) -> String {
    let bytes = write(wb, false, &mut Findings::default()).unwrap();
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name("content.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn number(n: f64) -> Cell {
    Cell {
        value: Value::Number(n),
        ..Cell::default()
    }
}

fn workbook(sheet: Sheet) -> Workbook {
    Workbook {
        sheets: vec![sheet],
        styles: vec![CellStyle::default()],
        ..Workbook::default()
    }
}

#[test]
fn overlapping_merges_and_covered_content_stay_well_formed() {
    let sheet = Sheet {
        name: "S".into(),
        default_col_width: 48.0,
        default_row_height: 15.0,
        rows: vec![Row {
            index: 0,
            cells: vec![(0, number(1.0)), (1, number(2.0)), (5, number(3.0))],
            ..Row::default()
        }],
        // Overlapping ranges cannot come from Excel; the second one is skipped in each row.
        merged: vec![
            Range {
                first: (0, 0),
                last: (1, 2),
            },
            Range {
                first: (0, 1),
                last: (0, 3),
            },
        ],
        ..Sheet::default()
    };
    let c = content(&workbook(sheet));
    assert!(c.contains(r#"<table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="2" office:value-type="float" office:value="1">"#), "{c}");
    // The covered cell keeps its value, as ODF allows (§9.1.5).
    assert!(
        c.contains(r#"<table:covered-table-cell office:value-type="float" office:value="2">"#),
        "{c}"
    );
    assert!(c.contains(r#"<table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="3">"#), "{c}");
}

#[test]
fn zero_sizes_hide_and_text_keeps_lines() {
    let sheet = Sheet {
        name: "S".into(),
        default_col_width: 48.0,
        default_row_height: 15.0,
        cols: vec![ColRange {
            first: 0,
            last: 0,
            width: Some(0.0),
            hidden: false,
            style: None,
        }],
        rows: vec![Row {
            index: 0,
            height: Some(0.0),
            cells: vec![(
                0,
                Cell {
                    value: Value::String(Arc::from("a\r\nb")),
                    ..Cell::default()
                },
            )],
            ..Row::default()
        }],
        ..Sheet::default()
    };
    let c = content(&workbook(sheet));
    assert!(
        c.contains(r#"table:visibility="collapse" table:default-cell-style-name="Default"/>"#),
        "{c}"
    );
    assert!(
        c.contains(r#"<table:table-row table:style-name="ro1" table:visibility="collapse">"#),
        "{c}"
    );
    assert!(c.contains("<text:p>a</text:p><text:p>b</text:p>"), "{c}");
}

#[test]
fn hidden_rows_by_default_run_to_the_sheet_end_in_one_element() {
    let sheet = Sheet {
        name: "S".into(),
        default_col_width: 48.0,
        default_row_height: 15.0,
        rows_hidden_by_default: true,
        rows: vec![Row {
            index: 2,
            cells: vec![(0, number(1.0))],
            ..Row::default()
        }],
        ..Sheet::default()
    };
    let c = content(&workbook(sheet));
    assert!(
        c.contains(r#"table:number-rows-repeated="2" table:visibility="collapse""#),
        "{c}"
    );
    assert!(
        c.contains(r#"table:number-rows-repeated="1048573" table:visibility="collapse""#),
        "{c}"
    );
    assert!(c.len() < 5000);
}

#[test]
fn rows_with_properties_only_are_written_as_runs() {
    let rows = (0..100_000)
        .map(|i| Row {
            index: i,
            height: Some(20.0),
            custom_height: true,
            ..Row::default()
        })
        .chain([Row {
            index: 100_000,
            cells: vec![(0, number(1.0))],
            ..Row::default()
        }])
        .collect();
    let sheet = Sheet {
        name: "S".into(),
        default_col_width: 48.0,
        default_row_height: 15.0,
        rows,
        ..Sheet::default()
    };
    let c = content(&workbook(sheet));
    assert!(c.contains(r#"table:number-rows-repeated="100000""#), "{c}");
    assert!(c.len() < 5000);
}

#[test]
fn iterative_calculation_is_enabled_in_the_calculation_settings() {
    let mut wb = workbook(Sheet {
        name: "S".into(),
        ..Sheet::default()
    });
    // Excel's text comparison and criteria, always.
    let c = content(&wb);
    assert!(c.contains(r#"<table:calculation-settings table:case-sensitive="false" table:automatic-find-labels="false" table:use-regular-expressions="false" table:use-wildcards="true">"#), "{c}");
    assert!(!c.contains("table:iteration"));
    wb.iteration = Some(crate::sheet::Iteration {
        steps: 7,
        max_change: 0.25,
    });
    let c = content(&wb);
    assert!(c.contains(r#"<table:iteration table:status="enable" table:steps="7" table:maximum-difference="0.25"/></table:calculation-settings>"#), "{c}");
    wb.date1904 = true;
    let c = content(&wb);
    let (null, iter) = (c.find("table:null-date"), c.find("table:iteration"));
    assert!(
        null.is_some() && null < iter,
        "ODF orders null-date before iteration"
    );
}

#[test]
fn rich_text_lines_are_paragraphs() {
    use crate::sheet::{Font, Run};
    let bold = Font {
        bold: true,
        ..Font::default()
    };
    let runs = vec![
        Run {
            text: "E".into(),
            font: Some(bold),
        },
        Run {
            text: " - one\r\n".into(),
            font: None,
        },
        Run {
            text: "F".into(),
            font: None,
        },
    ];
    let sheet = Sheet {
        name: "S".into(),
        rows: vec![Row {
            index: 0,
            cells: vec![(
                0,
                Cell {
                    value: Value::RichText(runs.into()),
                    ..Cell::default()
                },
            )],
            ..Row::default()
        }],
        ..Sheet::default()
    };
    let c = content(&workbook(sheet));
    assert!(
        c.contains(r#"<text:p><text:span text:style-name="T1">E</text:span> - one</text:p><text:p>F</text:p>"#),
        "{c}"
    );
    assert!(!c.contains("text:line-break"), "{c}");
}

#[test]
fn sheet_local_names_live_in_their_table() {
    use crate::sheet::DefinedName;
    let name = |formula: &str, local_sheet| DefinedName {
        name: "Rate".into(),
        formula: formula.into(),
        local_sheet,
        hidden: false,
    };
    let mut wb = workbook(Sheet {
        name: "A".into(),
        ..Sheet::default()
    });
    wb.sheets.push(Sheet {
        name: "B".into(),
        ..Sheet::default()
    });
    // The local name comes first in the file and must not hide the global one.
    wb.defined_names = vec![name("B!$C$3", Some(1)), name("A!$A$1", None)];
    let c = content(&wb);
    let local = r#"<table:named-expressions><table:named-expression table:name="Rate" table:expression="of:=[$B.$C$3]" table:base-cell-address="$B.$A$1"/></table:named-expressions></table:table>"#;
    assert!(c.contains(local), "{c}");
    let global = r#"<table:named-expression table:name="Rate" table:expression="of:=[$A.$A$1]" table:base-cell-address="$A.$A$1"/></table:named-expressions></office:spreadsheet>"#;
    assert!(c.contains(global), "{c}");
}

#[test]
fn a_large_body_is_spilled_and_written_whole() {
    // About 9 MB of body: more than two spills, and a remainder in the writer.
    let rows: Vec<Row> = (0..60_000)
        .map(|i| Row {
            index: i,
            cells: (0..3).map(|c| (c, number(f64::from(i * 3 + c)))).collect(),
            ..Row::default()
        })
        .collect();
    let sheet = Sheet {
        name: "S".into(),
        rows,
        ..Sheet::default()
    };
    let c = content(&workbook(sheet));
    assert!(c.len() > 8 << 20, "{}", c.len());
    let cells = c.matches("<table:table-cell ").count();
    assert_eq!(cells, 180_000);
    assert!(c.contains(r#"office:value="179999">"#));
    assert!(
        c.ends_with("</table:table></office:spreadsheet></office:body></office:document-content>")
    );
    // The automatic styles come before the body, once.
    let styles = c.find("</office:automatic-styles>").unwrap();
    assert!(styles < c.find("<office:body>").unwrap());
    assert_eq!(c.matches("<office:body>").count(), 1);
}

#[test]
fn error_values_are_error_literals() {
    let error = |e: &str| Cell {
        value: Value::Error(e.into()),
        ..Cell::default()
    };
    let sheet = Sheet {
        name: "S".into(),
        rows: vec![Row {
            index: 0,
            cells: vec![
                (0, error("#DIV/0!")),
                (1, error("#N/A")),
                (2, error("#SPILL!")),
            ],
            ..Row::default()
        }],
        ..Sheet::default()
    };
    let c = content(&workbook(sheet));
    assert!(c.contains(r#"<table:table-cell table:formula="of:=#DIV/0!" office:value-type="string"><text:p>#DIV/0!</text:p>"#), "{c}");
    assert!(c.contains(r#"table:formula="of:=#N/A""#), "{c}");
    // An error OpenFormula does not know stays its text.
    assert!(
        c.contains(r#"<table:table-cell office:value-type="string"><text:p>#SPILL!</text:p>"#),
        "{c}"
    );
}

#[test]
fn text_references_keep_excel_syntax() {
    let bytes = write(
        &workbook(Sheet {
            name: "S".into(),
            ..Sheet::default()
        }),
        false,
        &mut Findings::default(),
    )
    .unwrap();
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name("settings.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    assert!(s.contains(r#"<config:config-item-set config:name="ooo:configuration-settings"><config:config-item config:name="SyntaxStringRef" config:type="short">2</config:config-item></config:config-item-set>"#), "{s}");
}

#[test]
fn hidden_rows_under_an_autofilter_are_filtered() {
    use crate::sheet::extras::AutoFilter;
    let hidden = |index| Row {
        index,
        hidden: true,
        cells: vec![(0, number(f64::from(index)))],
        ..Row::default()
    };
    let mut sheet = Sheet {
        name: "S".into(),
        rows: vec![hidden(2), hidden(7)],
        ..Sheet::default()
    };
    sheet.extras.autofilter = Some(AutoFilter {
        range: crate::sheet::parse_range("A1:A5"),
        ..AutoFilter::default()
    });
    let c = content(&workbook(sheet));
    // Row 3 lies under the filter (below its header row), row 8 does not.
    assert!(c.contains(r#"table:visibility="filter"><table:table-cell office:value-type="float" office:value="2">"#), "{c}");
    assert!(c.contains(r#"table:visibility="collapse"><table:table-cell office:value-type="float" office:value="7">"#), "{c}");
}
