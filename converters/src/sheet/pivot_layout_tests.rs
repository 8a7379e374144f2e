//! Tests of the DataPilot layout: member order, outline and tabular forms, subtotals, totals and
//! captions, checked against what LibreOffice draws.

use super::*;
use crate::sheet::pivot::{DataField, Function, PageField, PivotField, PivotItem};

fn t(s: &str) -> PivotValue {
    PivotValue::Text(s.into())
}

fn field(name: &str, outline: bool) -> PivotField {
    PivotField {
        name: name.into(),
        outline,
        subtotal_top: true,
        default_subtotal: true,
        ..Default::default()
    }
}

/// Records: (region, product, amount, units).
fn table() -> PivotTable {
    let recs = [
        ("North", "Cake", 5.0, 1.0),
        ("South", "Cake", 7.0, 2.0),
        ("North", "Waffle", 10.0, 3.0),
        ("North", "Cake", 1.0, 4.0),
    ];
    PivotTable {
        name: "P".into(),
        location: crate::sheet::parse_range("A3:B6").unwrap(),
        fields: vec![
            field("Region", true),
            field("Product", true),
            field("Amount", true),
            field("Units", true),
        ],
        rows: vec![AxisField::Field(0)],
        data: vec![DataField {
            name: Some("Sum of Amount".into()),
            field: 2,
            function: Function::Sum,
            style: 7,
            show_as: Default::default(),
        }],
        row_grand: true,
        col_grand: true,
        records: recs
            .iter()
            .map(|(a, b, c, d)| vec![t(a), t(b), PivotValue::Number(*c), PivotValue::Number(*d)])
            .collect(),
        ..Default::default()
    }
}

/// The laid-out cells as text rows of the output range, for comparison.
fn grid(p: &PivotTable) -> Vec<String> {
    let (range, cells) = layout(p).unwrap();
    let mut out = Vec::new();
    for r in range.first.0..=range.last.0 {
        let mut row = Vec::new();
        for c in range.first.1..=range.last.1 {
            let v = cells
                .iter()
                .find(|(p, _)| *p == (r, c))
                .map(|(_, c)| &c.value);
            row.push(match v {
                Some(Value::Number(n)) => n.to_string(),
                Some(v) => v.text().unwrap_or_default(),
                None => String::new(),
            });
        }
        out.push(row.join("|"));
    }
    out
}

#[test]
fn one_row_field_one_data_field() {
    let p = table();
    assert_eq!(
        grid(&p),
        [
            "Region|Sum of Amount",
            "North|16",
            "South|7",
            "Total Result|23"
        ]
    );
    let (range, cells) = layout(&p).unwrap();
    assert_eq!(range, crate::sheet::parse_range("A3:B6").unwrap());
    assert!(
        cells
            .iter()
            .any(|(p, c)| *p == (3, 1) && c.style == Some(7))
    );
}

#[test]
fn items_order_hidden_items_and_page_field() {
    let mut p = table();
    p.fields[0].items = vec![
        PivotItem {
            value: t("South"),
            hidden: false,
            caption: None,
            collapsed: false,
        },
        PivotItem {
            value: t("North"),
            hidden: false,
            caption: None,
            collapsed: false,
        },
    ];
    p.fields[1].items = vec![PivotItem {
        value: t("Waffle"),
        hidden: true,
        caption: None,
        collapsed: false,
    }];
    p.pages = vec![PageField {
        field: 1,
        selected: None,
    }];
    p.location = crate::sheet::parse_range("A3:B6").unwrap();
    assert_eq!(
        grid(&p),
        [
            "Product|Cake",
            "|",
            "Region|Sum of Amount",
            "South|7",
            "North|6",
            "Total Result|13"
        ]
    );
}

#[test]
fn tabular_subtotals_and_column_field() {
    let mut p = table();
    p.fields[0].outline = false;
    p.rows = vec![AxisField::Field(0), AxisField::Field(1)];
    p.cols = vec![AxisField::Field(1)];
    p.rows = vec![AxisField::Field(0), AxisField::Field(3)];
    p.data[0].name = None;
    assert_eq!(
        grid(&p)[..4],
        [
            "Sum - Amount||Product||",
            "Region|Units|Cake|Waffle|Total Result",
            "North|1|5||5",
            "|3||10|10",
        ]
    );
    let g = grid(&p);
    assert_eq!(g[5], "North Result||6|10|16");
    assert_eq!(g[g.len() - 1], "Total Result||13|10|23");
}

#[test]
fn outline_with_several_data_fields() {
    let mut p = table();
    p.rows = vec![AxisField::Field(0), AxisField::Field(1)];
    p.data.push(DataField {
        name: None,
        field: 3,
        function: Function::Count,
        style: 0,
        show_as: Default::default(),
    });
    assert_eq!(
        grid(&p),
        [
            "||Data|",
            "Region|Product|Sum of Amount|Count - Units",
            "North||16|3",
            "|Cake|6|2",
            "|Waffle|10|1",
            "South||7|1",
            "|Cake|7|1",
            "Total Result||23|4",
        ]
    );
}

#[test]
fn data_fields_on_rows() {
    let mut p = table();
    p.fields[0].outline = false;
    p.rows = vec![AxisField::Field(0), AxisField::Data];
    p.data.push(DataField {
        name: Some("Units".into()),
        field: 3,
        function: Function::Max,
        style: 0,
        show_as: Default::default(),
    });
    assert_eq!(
        grid(&p),
        [
            "Region|Data|",
            "North|Sum of Amount|16",
            "|Units|4",
            "South|Sum of Amount|7",
            "|Units|2",
            "Total Sum of Amount||23",
            "Total Units||4",
        ]
    );
}

#[test]
fn shares_of_a_base_member() {
    let mut p = table();
    p.data[0].show_as = crate::sheet::pivot::ShowAs::PercentOf {
        field: 0,
        item: t("south"),
    };
    // Members compare without case; the grand total has no base member and stays empty.
    assert_eq!(
        grid(&p),
        [
            "Region|Sum of Amount",
            "North|2.2857142857142856",
            "South|1",
            "Total Result|"
        ]
    );
}

#[test]
fn bounded_on_hostile_tables() {
    let mut p = table();
    p.rows = vec![AxisField::Field(0); MAX_AXIS_FIELDS + 1];
    assert!(layout(&p).is_none());
    let mut p = table();
    p.records = vec![vec![t("x"), t("y"), PivotValue::Number(1.0)]; 2_000_000];
    p.rows = vec![AxisField::Field(0); 10];
    p.cols = vec![AxisField::Field(1); 10];
    assert!(layout(&p).is_none());
}
