//! Pivot tables as ODF DataPilot tables (ODF 1.3 part 3 §9.6 table:data-pilot-tables): the
//! definition that keeps a computed pivot table live in the spreadsheet application. The
//! cells themselves are written with the sheet; an application shows them as stored.

use crate::odf::XmlWriter;
use crate::sheet::pivot::{AxisField, Members, PivotTable, PivotValue, ShowAs};
use crate::sheet::pivot_layout::selection;
use crate::sheet::{Range, Workbook};

use super::calc::{cell_name, quote_sheet};

/// `Sheet.A1:Sheet.B5` (ODF 1.3 §19.703 table:target-range-address).
fn range_address(sheet: &str, r: &Range) -> String {
    let s = quote_sheet(sheet);
    format!("{s}.{}:{s}.{}", cell_name(r.first), cell_name(r.last))
}

/// A member's name as the DataPilot names it.
fn member_name(v: &PivotValue) -> String {
    match v {
        PivotValue::Empty => String::new(),
        PivotValue::Number(n) => super::cells::general(*n),
        PivotValue::Text(s) => s.to_string(),
        PivotValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        PivotValue::Error(e) => e.clone(),
    }
}

/// Writes `table:data-pilot-tables` for the workbook's computed pivot tables, if any.
pub fn data_pilot_tables(wb: &Workbook, x: &mut XmlWriter) {
    let tables: Vec<&PivotTable> = wb
        .pivots
        .iter()
        .filter(|t| t.output.is_some() && t.source.is_some())
        .collect();
    if tables.is_empty() {
        return;
    }
    x.start("table:data-pilot-tables", &[]);
    for t in tables {
        table(wb, t, x);
    }
    x.end("table:data-pilot-tables");
}

fn table(wb: &Workbook, t: &PivotTable, x: &mut XmlWriter) {
    let (Some(out), Some(src), Some(sheet)) = (&t.output, &t.source, wb.sheets.get(t.sheet)) else {
        return;
    };
    // Excel's rowGrandTotals shows the totals of each row (a column at the right); ODF's
    // "row" value is LibreOffice's RowGrand, which LibreOffice's import takes from it.
    let grand = match (t.row_grand, t.col_grand) {
        (true, true) => "both",
        (true, false) => "row",
        (false, true) => "column",
        (false, false) => "none",
    };
    x.start_owned(
        "table:data-pilot-table",
        &[
            ("table:name", t.name.clone()),
            (
                "table:target-range-address",
                range_address(&sheet.name, out),
            ),
            ("table:grand-total", grand.to_string()),
        ],
    );
    x.empty_owned(
        "table:source-cell-range",
        &[(
            "table:cell-range-address",
            range_address(&src.sheet, &src.range),
        )],
    );
    let axes = [("row", &t.rows), ("column", &t.cols)];
    for (orientation, dims) in axes {
        for d in dims.iter() {
            match d {
                AxisField::Field(f) => field(t, *f, orientation, None, x),
                AxisField::Data if t.data.len() >= 2 => {
                    x.empty(
                        "table:data-pilot-field",
                        &[
                            ("table:source-field-name", ""),
                            ("table:orientation", orientation),
                            ("table:is-data-layout-field", "true"),
                        ],
                    );
                }
                AxisField::Data => {}
            }
        }
    }
    for p in &t.pages {
        // ODF 1.3 requires table:selected-page on a page field; showing all members has no
        // standard spelling (LibreOffice adds loext:ignore-selected-page), so it is empty.
        let selected = selection(t, p).map_or_else(String::new, |i| member_name(&i.value));
        field(t, p.field, "page", Some(selected), x);
    }
    for d in &t.data {
        let Some(f) = t.fields.get(d.field) else {
            continue;
        };
        x.start(
            "table:data-pilot-field",
            &[
                ("table:source-field-name", f.name.as_str()),
                ("table:orientation", "data"),
                ("table:function", d.function.odf_name()),
            ],
        );
        // ODF 1.3 §9.6.7 table:data-pilot-field-reference: results as shares.
        let reference = match &d.show_as {
            ShowAs::Normal => None,
            ShowAs::PercentOfTotal => Some(("total-percentage", f.name.clone(), String::new())),
            ShowAs::PercentOfRow => Some(("row-percentage", f.name.clone(), String::new())),
            ShowAs::PercentOfColumn => Some(("column-percentage", f.name.clone(), String::new())),
            ShowAs::PercentOf { field, item } => t
                .fields
                .get(*field)
                .map(|b| ("member-percentage", b.name.clone(), member_name(item))),
        };
        if let Some((kind, field, member)) = reference {
            x.empty_owned(
                "table:data-pilot-field-reference",
                &[
                    ("table:field-name", field),
                    ("table:type", kind.to_string()),
                    ("table:member-type", "named".to_string()),
                    ("table:member-name", member),
                ],
            );
        }
        x.end("table:data-pilot-field");
    }
    x.end("table:data-pilot-table");
}

/// A row, column or page field with its members in order, hidden ones not displayed.
fn field(t: &PivotTable, f: usize, orientation: &str, selected: Option<String>, x: &mut XmlWriter) {
    let Some(pf) = t.fields.get(f) else {
        return;
    };
    let mut a = vec![
        ("table:source-field-name", pf.name.clone()),
        ("table:orientation", orientation.to_string()),
    ];
    if let Some(s) = selected {
        a.push(("table:selected-page", s));
    }
    x.start_owned("table:data-pilot-field", &a);
    x.start("table:data-pilot-level", &[("table:show-empty", "false")]);
    x.start("table:data-pilot-subtotals", &[]);
    if pf.default_subtotal {
        x.empty("table:data-pilot-subtotal", &[("table:function", "auto")]);
    }
    x.end("table:data-pilot-subtotals");
    let m = Members::of(pf, f, &t.records);
    let hidden = pf.items.iter().filter(|i| i.hidden);
    let members: Vec<(String, bool)> = m
        .values
        .iter()
        .map(|(v, _)| (member_name(v), true))
        .chain(hidden.map(|i| (member_name(&i.value), false)))
        .collect();
    if !members.is_empty() {
        x.start("table:data-pilot-members", &[]);
        for (name, display) in members {
            x.empty(
                "table:data-pilot-member",
                &[
                    ("table:name", name.as_str()),
                    ("table:display", if display { "true" } else { "false" }),
                ],
            );
        }
        x.end("table:data-pilot-members");
    }
    // The members' order is the one listed (ODF 1.3 §19.690 table:sort-mode manual).
    x.empty(
        "table:data-pilot-sort-info",
        &[("table:sort-mode", "manual"), ("table:order", "ascending")],
    );
    let mode = if !pf.outline {
        "tabular-layout"
    } else if pf.subtotal_top {
        "outline-subtotals-top"
    } else {
        "outline-subtotals-bottom"
    };
    x.empty(
        "table:data-pilot-layout-info",
        &[
            ("table:layout-mode", mode),
            ("table:add-empty-lines", "false"),
        ],
    );
    x.end("table:data-pilot-level");
    x.end("table:data-pilot-field");
}
