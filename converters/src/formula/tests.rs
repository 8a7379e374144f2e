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

#[test]
fn table_refs_without_table_name_use_the_cell_s_table() {
    // The cell (4, 0) lies in table T (A1:B10).
    assert_eq!(tr("[@b]").as_deref(), Ok("of:=[$Sheet1.$B5]"));
    assert_eq!(
        tr("SUM([a])").as_deref(),
        Ok("of:=SUM([$Sheet1.$A$2:.$A$9])")
    );
    assert_eq!(
        tr("[[#This Row],[a]:[b]]").as_deref(),
        Ok("of:=[$Sheet1.$A5:.$B5]")
    );
    let (s, t, n) = ctx_parts();
    let ctx = FormulaContext {
        sheets: &s,
        current_sheet: 0,
        tables: &t,
        defined_names: &n,
    };
    // Outside the table: nothing to resolve against.
    assert!(matches!(
        translate("[@b]", (20, 5), &ctx),
        Err(FormulaError::StructuredReference { .. })
    ));
    // #This Row on a row outside the data rows is #VALUE! in Excel.
    assert_eq!(
        translate("T[@b]", (20, 5), &ctx).as_deref(),
        Ok("of:=#VALUE!")
    );
    assert_eq!(
        translate("T[@b]", (0, 5), &ctx).as_deref(),
        Ok("of:=#VALUE!")
    );
}

#[test]
fn table_areas() {
    assert_eq!(tr("T[#All]").as_deref(), Ok("of:=[$Sheet1.$A$1:.$B$10]"));
    assert_eq!(tr("T[]").as_deref(), Ok("of:=[$Sheet1.$A$2:.$B$9]"));
    assert_eq!(
        tr("T[[#Headers],[#Data],[b]]").as_deref(),
        Ok("of:=[$Sheet1.$B$1:.$B$9]")
    );
    assert_eq!(
        tr("T[[#Data],[#Totals],[a]]").as_deref(),
        Ok("of:=[$Sheet1.$A$2:.$A$10]")
    );
    assert_eq!(tr("t[[#headers],[A]]").as_deref(), Ok("of:=[$Sheet1.$A$1]"));
    assert!(tr("T[[#Headers],[#Totals]]").is_err());
    assert!(tr("T[[a],[b]]").is_err());
    assert!(tr("T[#Bogus]").is_err());
}

#[test]
fn sheet_names_are_quoted_when_needed() {
    assert_eq!(refs::odf_sheet("Sheet1"), "Sheet1");
    assert_eq!(refs::odf_sheet("My Sheet"), "'My Sheet'");
    assert_eq!(refs::odf_sheet("It's"), "'It''s'");
    assert_eq!(refs::odf_sheet("2024"), "'2024'");
    assert_eq!(refs::odf_sheet("A1"), "'A1'");
    assert_eq!(refs::odf_sheet("Übersicht"), "'Übersicht'");
    assert_eq!(refs::excel_sheet("Data.2024"), "Data.2024");
    assert_eq!(refs::excel_sheet("A1"), "'A1'");
}

#[test]
fn leading_equals_and_whitespace() {
    assert_eq!(tr("=1+2").as_deref(), Ok("of:=1+2"));
    assert_eq!(tr("SUM(A1,\nB1)").as_deref(), Ok("of:=SUM([.A1];\n[.B1])"));
    assert_eq!(tr("A1:A3 A2:B2").as_deref(), Ok("of:=[.A1:.A3]![.A2:.B2]"));
    assert_eq!(tr("(A1:A3 ,B1)").as_deref(), Ok("of:=([.A1:.A3] ~[.B1])"));
}

#[test]
fn error_messages_are_actionable() {
    let e = tr("_xlfn.XLOOKUP(A1,B:B,C:C)").unwrap_err();
    assert!(e.to_string().contains("XLOOKUP"), "{e}");
    assert!(!e.to_string().contains("_xlfn"), "{e}");
    let e = tr("[2]Prices!A1").unwrap_err();
    assert!(e.to_string().contains("another workbook"), "{e}");
}

#[test]
fn hostile_table_definitions_do_not_panic() {
    let sheets = vec!["S".to_string()];
    let tables = vec![TableDef {
        name: "H".into(),
        sheet: 0,
        first_row: u32::MAX,
        first_col: u32::MAX,
        last_row: u32::MAX,
        last_col: u32::MAX,
        header_rows: u32::MAX,
        totals_rows: u32::MAX,
        columns: vec!["c".into()],
    }];
    let ctx = FormulaContext {
        sheets: &sheets,
        current_sheet: 0,
        tables: &tables,
        defined_names: &[],
    };
    for f in [
        "H[c]",
        "H[#All]",
        "H[#Headers]",
        "H[#Totals]",
        "H[@c]",
        "H[[#Headers],[#Data]]",
        "[@c]",
    ] {
        let _ = translate(f, (u32::MAX, u32::MAX), &ctx);
    }
    let _ = translate("_xlé(1)", (0, 0), &ctx);
    let _ = translate("_xlfé(1)", (0, 0), &ctx);
    let _ = shift("A1", (u32::MAX, u32::MAX), (0, 0));
}

#[test]
fn syntax_errors_point_at_the_character() {
    let Err(FormulaError::Syntax { pos, .. }) = tr("SUM(A1,B1))") else {
        panic!("a syntax error expected");
    };
    assert_eq!(pos, 10);
    let Err(FormulaError::Syntax { pos, .. }) = tr("1+\"abc") else {
        panic!("a syntax error expected");
    };
    assert_eq!(pos, 2);
    let Err(FormulaError::Syntax { pos, .. }) = tr("SUM(1") else {
        panic!("a syntax error expected");
    };
    assert_eq!(pos, 5);
}
