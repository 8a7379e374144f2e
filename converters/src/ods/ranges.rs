//! Named cell ranges of the spreadsheet: database ranges for autofilters and Excel tables
//! (ODF 1.3 part 3 §9.4.14 table:database-range, with their filters §9.5.2), and the print
//! ranges and print titles of a sheet from Excel's `_xlnm.Print_Area` and `_xlnm.Print_Titles`
//! names (ECMA-376-1 §18.2.5).

use crate::odf::XmlWriter;
use crate::sheet::extras::{AutoFilter, Condition, FilterColumn};
use crate::sheet::{MAX_COLS, MAX_ROWS, Range, Workbook, parse_range, parse_ref};

use super::calc::{cell_name, quote_sheet};

/// A range as an ODF cell range address (`Sheet1.A1:Sheet1.C3`).
pub fn address(sheet: &str, r: &Range) -> String {
    let s = quote_sheet(sheet);
    [
        &s,
        ".",
        &cell_name(r.first),
        ":",
        &s,
        ".",
        &cell_name(r.last),
    ]
    .concat()
}

/// The parts of a reference list (`Sheet1!$A$1:$B$2,'My sheet'!$1:$3`) as ranges: whole
/// columns (`$A:$C`) and whole rows (`$1:$3`) span the sheet.
pub fn reference_list(formula: &str) -> Vec<Range> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in formula.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&formula[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&formula[start..]);
    parts
        .into_iter()
        .filter_map(|p| {
            let reference = p.rsplit_once('!').map_or(p, |(_, r)| r).replace('$', "");
            let reference = reference.trim();
            parse_range(reference).or_else(|| lines(reference))
        })
        .collect()
}

/// `A:C` or `1:3`.
fn lines(s: &str) -> Option<Range> {
    let (a, b) = s.split_once(':')?;
    if a.bytes().all(|c| c.is_ascii_digit()) {
        let first = parse_ref(&["A", a].concat())?.0;
        let last = parse_ref(&["A", b].concat())?.0;
        return Some(Range {
            first: (first.min(last), 0),
            last: (first.max(last), MAX_COLS - 1),
        });
    }
    let first = parse_ref(&[a, "1"].concat())?.1;
    let last = parse_ref(&[b, "1"].concat())?.1;
    Some(Range {
        first: (0, first.min(last)),
        last: (MAX_ROWS - 1, first.max(last)),
    })
}

fn sheet_name(wb: &Workbook, index: usize, name: &str) -> Option<String> {
    wb.defined_names
        .iter()
        .find(|n| n.local_sheet == Some(index) && n.name.eq_ignore_ascii_case(name))
        .map(|n| n.formula.clone())
}

/// table:print-ranges of a sheet, from its `_xlnm.Print_Area`.
pub fn print_ranges(wb: &Workbook, index: usize) -> Option<String> {
    let sheet = wb.sheets.get(index)?;
    let formula = sheet_name(wb, index, "_xlnm.Print_Area")?;
    let list: Vec<String> = reference_list(&formula)
        .iter()
        .map(|r| address(&sheet.name, r))
        .collect();
    (!list.is_empty()).then(|| list.join(" "))
}

/// A zero-based inclusive span of rows or columns.
pub type Span = Option<(u32, u32)>;

/// The rows and columns repeated on every printed page (`_xlnm.Print_Titles`).
pub fn print_titles(wb: &Workbook, index: usize) -> (Span, Span) {
    let Some(formula) = sheet_name(wb, index, "_xlnm.Print_Titles") else {
        return (None, None);
    };
    let (mut rows, mut cols) = (None, None);
    for r in reference_list(&formula) {
        if r.first.1 == 0 && r.last.1 == MAX_COLS - 1 {
            rows = Some((r.first.0, r.last.0));
        } else if r.first.0 == 0 && r.last.0 == MAX_ROWS - 1 {
            cols = Some((r.first.1, r.last.1));
        }
    }
    (rows, cols)
}

/// table:database-ranges: one per Excel table and one for each sheet's own autofilter, with
/// the filter buttons shown where the source shows them.
pub fn database_ranges(wb: &Workbook, x: &mut XmlWriter) {
    let mut items: Vec<(String, String, bool, Option<&AutoFilter>)> = Vec::new();
    for (i, sheet) in wb.sheets.iter().enumerate() {
        if let Some(af) = &sheet.extras.autofilter
            && let Some(r) = af.range
        {
            // LibreOffice's name for a sheet's unnamed range, which it shows as the sheet's
            // autofilter.
            let name = ["__Anonymous_Sheet_DB__", &i.to_string()].concat();
            items.push((name, address(&sheet.name, &r), true, Some(af)));
        }
    }
    for t in &wb.tables {
        let Some(sheet) = wb.sheets.get(t.sheet) else {
            continue;
        };
        let range = t.filter.as_ref().and_then(|f| f.range).unwrap_or(t.range);
        items.push((
            t.display_name.clone(),
            address(&sheet.name, &range),
            t.header_rows > 0,
            t.filter.as_ref(),
        ));
    }
    if items.is_empty() {
        return;
    }
    x.start("table:database-ranges", &[]);
    for (name, target, header, filter) in items {
        let mut a = vec![("table:name", name), ("table:target-range-address", target)];
        if filter.is_some() {
            a.push(("table:display-filter-buttons", "true".into()));
        }
        if !header {
            a.push(("table:contains-header", "false".into()));
        }
        match filter.filter(|f| !f.columns.is_empty()) {
            Some(f) => {
                x.start_owned("table:database-range", &a);
                conditions(x, &f.columns);
                x.end("table:database-range");
            }
            None => x.empty_owned("table:database-range", &a),
        }
    }
    x.end("table:database-ranges");
}

/// table:filter: the columns ANDed, each column's conditions ORed or ANDed.
fn conditions(x: &mut XmlWriter, columns: &[FilterColumn]) {
    x.start("table:filter", &[]);
    let single = |c: &FilterColumn| c.conditions.len() == 1;
    match columns {
        [c] if single(c) => condition(x, c.field, &c.conditions[0]),
        [c] => group(x, c),
        _ => {
            x.start("table:filter-and", &[]);
            for c in columns {
                if c.any && !single(c) {
                    group(x, c);
                } else {
                    for cond in &c.conditions {
                        condition(x, c.field, cond);
                    }
                }
            }
            x.end("table:filter-and");
        }
    }
    x.end("table:filter");
}

fn group(x: &mut XmlWriter, c: &FilterColumn) {
    let tag = if c.any {
        "table:filter-or"
    } else {
        "table:filter-and"
    };
    x.start(tag, &[]);
    for cond in &c.conditions {
        condition(x, c.field, cond);
    }
    x.end(tag);
}

fn condition(x: &mut XmlWriter, field: u32, c: &Condition) {
    let a = [
        ("table:field-number", field.to_string()),
        ("table:value", c.value.clone()),
        ("table:operator", c.operator.clone()),
        (
            "table:data-type",
            if c.numeric { "number" } else { "text" }.to_string(),
        ),
    ];
    if c.set.is_empty() {
        x.empty_owned("table:filter-condition", &a);
        return;
    }
    x.start_owned("table:filter-condition", &a);
    for v in &c.set {
        x.empty("table:filter-set-item", &[("table:value", v)]);
    }
    x.end("table:filter-condition");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{DefinedName, Sheet};

    #[test]
    fn print_areas_and_titles() {
        let wb = Workbook {
            sheets: vec![Sheet {
                name: "My sheet".into(),
                ..Sheet::default()
            }],
            defined_names: vec![
                DefinedName {
                    name: "_xlnm.Print_Area".into(),
                    formula: "'My sheet'!$A$1:$C$3,'My sheet'!$E:$F".into(),
                    local_sheet: Some(0),
                    hidden: false,
                },
                DefinedName {
                    name: "_xlnm.Print_Titles".into(),
                    formula: "'My sheet'!$A:$B,'My sheet'!$1:$2".into(),
                    local_sheet: Some(0),
                    hidden: false,
                },
            ],
            ..Workbook::default()
        };
        assert_eq!(
            print_ranges(&wb, 0).as_deref(),
            Some("'My sheet'.A1:'My sheet'.C3 'My sheet'.E1:'My sheet'.F1048576")
        );
        assert_eq!(print_titles(&wb, 0), (Some((0, 1)), Some((0, 1))));
        assert_eq!(print_ranges(&wb, 1), None);
    }

    #[test]
    fn database_ranges_with_filters() {
        let af = AutoFilter {
            range: parse_range("A1:C9"),
            columns: vec![
                FilterColumn {
                    field: 0,
                    conditions: vec![Condition {
                        operator: "=".into(),
                        value: "x".into(),
                        numeric: false,
                        set: vec!["x".into(), "y".into()],
                    }],
                    any: true,
                },
                FilterColumn {
                    field: 2,
                    conditions: vec![
                        Condition {
                            operator: ">".into(),
                            value: "1".into(),
                            numeric: true,
                            set: Vec::new(),
                        },
                        Condition {
                            operator: "empty".into(),
                            value: String::new(),
                            numeric: false,
                            set: Vec::new(),
                        },
                    ],
                    any: true,
                },
            ],
        };
        let mut sheet = Sheet {
            name: "S".into(),
            ..Sheet::default()
        };
        sheet.extras.autofilter = Some(af);
        let wb = Workbook {
            sheets: vec![sheet],
            ..Workbook::default()
        };
        let mut x = XmlWriter::fragment();
        database_ranges(&wb, &mut x);
        let xml = String::from_utf8(x.into_bytes()).unwrap_or_default();
        for part in [
            r#"table:name="__Anonymous_Sheet_DB__0" table:target-range-address="S.A1:S.C9" table:display-filter-buttons="true""#,
            r#"<table:filter><table:filter-and><table:filter-condition table:field-number="0" table:value="x" table:operator="=" table:data-type="text"><table:filter-set-item table:value="x"/>"#,
            r#"<table:filter-or><table:filter-condition table:field-number="2" table:value="1" table:operator="&gt;" table:data-type="number"/>"#,
        ] {
            assert!(xml.contains(part), "{part} in {xml}");
        }
    }
}
