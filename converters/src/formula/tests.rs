//! Unit tests of the formula translator; the large table lives in converters/tests/formula_table.rs.

use super::*;

fn ctx_parts() -> (Vec<String>, Vec<TableDef>, Vec<String>) {
    let sheets = vec!["Sheet1".to_string(), "My Sheet".to_string()];
    let tables = vec![TableDef {
        name: "T".into(),
        sheet: 0,
        first_row: 0,
        first_col: 0,
        last_row: 9,
        last_col: 1,
        header_rows: 1,
        totals_rows: 1,
        columns: vec!["a".into(), "b".into()],
    }];
    (sheets, tables, vec!["Rate".into()])
}

fn tr(f: &str) -> Result<String, FormulaError> {
    let (s, t, n) = ctx_parts();
    let ctx = FormulaContext {
        sheets: &s,
        current_sheet: 0,
        tables: &t,
        defined_names: &n,
    };
    translate(f, (4, 0), &ctx)
}

#[test]
fn basics() {
    assert_eq!(tr("SUM(A1:B2)").as_deref(), Ok("of:=SUM([.A1:.B2])"));
    assert_eq!(tr("'My Sheet'!A1").as_deref(), Ok("of:=[$'My Sheet'.A1]"));
    assert_eq!(tr("rate*2").as_deref(), Ok("of:=Rate*2"));
    assert_eq!(tr("T[@b]").as_deref(), Ok("of:=[$Sheet1.$B5]"));
    assert_eq!(
        tr("T[#Totals]").as_deref(),
        Ok("of:=[$Sheet1.$A$10:.$B$10]")
    );
}

#[test]
fn errors() {
    assert!(matches!(
        tr("[1]Sheet1!A1"),
        Err(FormulaError::ExternalReference(_))
    ));
    assert!(matches!(
        tr("FOO(1)"),
        Err(FormulaError::UnknownFunction(_))
    ));
    assert!(matches!(tr("SUM(1"), Err(FormulaError::Syntax { .. })));
    assert!(matches!(tr("Nope!A1"), Err(FormulaError::UnknownSheet(_))));
    let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(matches!(tr(&deep), Err(FormulaError::TooDeep(_))));
}

#[test]
fn shifting() {
    assert_eq!(shift("A1+$B$2", (0, 0), (1, 1)).as_deref(), Ok("B2+$B$2"));
    assert_eq!(shift("A2", (1, 0), (0, 0)).as_deref(), Ok("A1"));
    assert_eq!(shift("A1", (1, 0), (0, 0)).as_deref(), Ok("#REF!"));
}
