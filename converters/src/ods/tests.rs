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
            text: "a\nb".into(),
            font: Some(bold),
        },
        Run {
            text: "c".into(),
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
                    value: Value::RichText(Arc::from(runs)),
                    ..Cell::default()
                },
            )],
            ..Row::default()
        }],
        ..Sheet::default()
    };
    let c = content(&workbook(sheet));
    let want = [
        r#"<text:p><text:span text:style-name="T1">a</text:span></text:p>"#,
        r#"<text:p><text:span text:style-name="T1">b</text:span>c</text:p>"#,
    ]
    .concat();
    assert!(c.contains(&want), "{c}");
    assert!(!c.contains("text:line-break"), "{c}");
}
