//! Autofilters (ECMA-376-1 §18.3.1.2 autoFilter, on a sheet or in a table part) as filter
//! conditions ODF can carry (ODF 1.3 part 3 §9.5.6 table:filter-condition); what does not map
//! is reported by name.

use crate::dom::{Element, Ns};
use crate::findings::{FindingKind, Findings};
use crate::sheet::extras::{AutoFilter, Condition, FilterColumn};
use crate::sheet::parse_range;

/// Conditions one column may hold; Excel's own lists stay far below.
const MAX_VALUES: usize = 100_000;

/// Reads an autoFilter element.
pub fn read(af: &Element, part: &str, findings: &mut Findings) -> AutoFilter {
    let mut out = AutoFilter {
        range: af.attr(Ns::None, "ref").and_then(parse_range),
        columns: Vec::new(),
    };
    let mut lost = |what: &str| {
        findings.add(
            FindingKind::Unsupported {
                element: ["autoFilter ", what].concat(),
            },
            Some(part),
        );
    };
    // A sortState child only records the last sort; the rows are stored in that order already.
    for fc in af.children_named(Ns::X, "filterColumn") {
        let Some(field) = fc
            .attr(Ns::None, "colId")
            .and_then(|v| v.trim().parse::<u32>().ok())
        else {
            continue;
        };
        for e in fc.elements() {
            let column = match e.name.as_str() {
                "filters" => values(e, field, &mut lost),
                "customFilters" => custom(e, field),
                "top10" => top10(e, field),
                // Dynamic (dates, above average), colour and icon filters have no ODF form.
                other => {
                    lost(other);
                    None
                }
            };
            out.columns.extend(column);
        }
    }
    out
}

/// A list of values (§18.3.2.8 filters): any of them passes; `blank` lets empty cells pass.
fn values(e: &Element, field: u32, lost: &mut dyn FnMut(&str)) -> Option<FilterColumn> {
    let set: Vec<String> = e
        .children_named(Ns::X, "filter")
        .filter_map(|f| f.attr(Ns::None, "val").map(str::to_string))
        .take(MAX_VALUES)
        .collect();
    if e.child(Ns::X, "dateGroupItem").is_some() {
        lost("dateGroupItem");
    }
    let mut conditions = Vec::new();
    if let Some(first) = set.first() {
        conditions.push(Condition {
            operator: "=".into(),
            value: first.clone(),
            numeric: false,
            set: if set.len() > 1 {
                set.clone()
            } else {
                Vec::new()
            },
        });
    }
    if e.attr(Ns::None, "blank")
        .is_some_and(|v| matches!(v, "1" | "true"))
    {
        conditions.push(Condition {
            operator: "empty".into(),
            value: String::new(),
            numeric: false,
            set: Vec::new(),
        });
    }
    (!conditions.is_empty()).then_some(FilterColumn {
        field,
        conditions,
        any: true,
    })
}

/// Up to two comparisons (§18.3.2.3 customFilters), ANDed when `and` is set. Excel's wildcards
/// at the ends of a text become ODF's begins/ends/contains operators.
fn custom(e: &Element, field: u32) -> Option<FilterColumn> {
    let conditions: Vec<Condition> = e
        .children_named(Ns::X, "customFilter")
        .take(2)
        .map(|c| {
            let op = c.attr(Ns::None, "operator").unwrap_or("equal");
            let val = c.attr(Ns::None, "val").unwrap_or_default();
            comparison(op, val)
        })
        .collect();
    let and = e
        .attr(Ns::None, "and")
        .is_some_and(|v| matches!(v, "1" | "true"));
    (!conditions.is_empty()).then_some(FilterColumn {
        field,
        conditions,
        any: !and,
    })
}

fn comparison(op: &str, val: &str) -> Condition {
    let numeric = val.trim().parse::<f64>().is_ok_and(f64::is_finite);
    let negate = op == "notEqual";
    let (operator, value) = if matches!(op, "equal" | "notEqual") && !numeric {
        let starts = val.starts_with('*') && val.len() > 1;
        let ends = val.ends_with('*') && !val.ends_with("~*") && val.len() > 1;
        let inner = val.trim_start_matches('*').trim_end_matches('*');
        let kind = match (starts, ends) {
            (true, true) => "contains",
            (false, true) => "begins",
            (true, false) => "ends",
            (false, false) => "=",
        };
        let text = if kind == "=" { val } else { inner };
        let operator = match (negate, kind) {
            (true, "=") => "!=".to_string(),
            (true, k) => ["!", k].concat(),
            (false, k) => k.to_string(),
        };
        (operator, text.to_string())
    } else {
        let operator = match op {
            "lessThan" => "<",
            "lessThanOrEqual" => "<=",
            "greaterThan" => ">",
            "greaterThanOrEqual" => ">=",
            "notEqual" => "!=",
            _ => "=",
        };
        (operator.to_string(), val.to_string())
    };
    Condition {
        operator,
        value,
        numeric,
        set: Vec::new(),
    }
}

/// The top or bottom items or percent (§18.3.2.10 top10).
fn top10(e: &Element, field: u32) -> Option<FilterColumn> {
    let flag = |n: &str| {
        e.attr(Ns::None, n)
            .is_some_and(|v| matches!(v, "1" | "true"))
    };
    let top = e
        .attr(Ns::None, "top")
        .is_none_or(|v| matches!(v, "1" | "true"));
    let val = e
        .attr(Ns::None, "val")
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v > 0.0)?;
    let operator = match (top, flag("percent")) {
        (true, false) => "top values",
        (false, false) => "bottom values",
        (true, true) => "top percent",
        (false, true) => "bottom percent",
    };
    Some(FilterColumn {
        field,
        conditions: vec![Condition {
            operator: operator.into(),
            value: crate::ods::cells::number(val),
            numeric: true,
            set: Vec::new(),
        }],
        any: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_map_to_odf_conditions() -> Result<(), Box<dyn std::error::Error>> {
        let xml = concat!(
            r#"<autoFilter xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ref="A1:D9">"#,
            r#"<filterColumn colId="0"><filters blank="1"><filter val="x"/><filter val="y"/></filters></filterColumn>"#,
            r#"<filterColumn colId="1"><customFilters and="1"><customFilter operator="greaterThan" val="5"/>"#,
            r#"<customFilter operator="notEqual" val="*ab*"/></customFilters></filterColumn>"#,
            r#"<filterColumn colId="2"><top10 top="0" percent="1" val="10"/></filterColumn>"#,
            r#"<filterColumn colId="3"><dynamicFilter type="aboveAverage"/></filterColumn></autoFilter>"#
        );
        let mut findings = Findings::default();
        let af = read(&crate::dom::parse(xml.as_bytes(), "a")?, "s", &mut findings);
        assert_eq!(af.range, parse_range("A1:D9"));
        assert_eq!(af.columns.len(), 3);
        let c0 = &af.columns[0];
        assert!(c0.any);
        assert_eq!(c0.conditions[0].set, vec!["x".to_string(), "y".to_string()]);
        assert_eq!(c0.conditions[1].operator, "empty");
        let c1 = &af.columns[1];
        assert!(!c1.any);
        assert_eq!(
            (c1.conditions[0].operator.as_str(), c1.conditions[0].numeric),
            (">", true)
        );
        assert_eq!(
            (
                c1.conditions[1].operator.as_str(),
                c1.conditions[1].value.as_str()
            ),
            ("!contains", "ab")
        );
        assert_eq!(af.columns[2].conditions[0].operator, "bottom percent");
        let lost: Vec<String> = findings
            .into_vec()
            .iter()
            .map(|f| f.kind.message())
            .collect();
        assert!(
            lost.iter().any(|m| m.ends_with("autoFilter dynamicFilter")),
            "{lost:?}"
        );
        Ok(())
    }
}
