//! The Excel → OpenFormula table: `tests/fixtures/formulas.tsv` holds `formula<TAB>row<TAB>expected`
//! (row 1-based of the cell in column A of Sheet1 holding the formula; expected is the
//! `of:=` text, or `ERR:` and the error variant). The workbook is the one the LibreOffice
//! cross-check used: sheets Sheet1, 'My Sheet', Sheet3, It's; Table1 on Sheet1 X1:Z300
//! (Name, Qty, Price); Table2 on Sheet3 B2:D7 with a totals row (A b, Qty, Price).

use umzug_converters::formula::{FormulaContext, FormulaError, TableDef, shift, translate};

fn workbook() -> (Vec<String>, Vec<TableDef>, Vec<String>) {
    let sheets = ["Sheet1", "My Sheet", "Sheet3", "It's"]
        .map(String::from)
        .to_vec();
    let cols = |c: [&str; 3]| c.map(String::from).to_vec();
    let tables = vec![
        TableDef {
            name: "Table1".into(),
            sheet: 0,
            first_row: 0,
            first_col: 23,
            last_row: 299,
            last_col: 25,
            header_rows: 1,
            totals_rows: 0,
            columns: cols(["Name", "Qty", "Price"]),
        },
        TableDef {
            name: "Table2".into(),
            sheet: 2,
            first_row: 1,
            first_col: 1,
            last_row: 6,
            last_col: 3,
            header_rows: 1,
            totals_rows: 1,
            columns: cols(["A b", "Qty", "Price"]),
        },
    ];
    (sheets, tables, vec!["MyName".into(), "Rates".into()])
}

fn variant(e: &FormulaError) -> &'static str {
    match e {
        FormulaError::ExternalReference(_) => "ExternalReference",
        FormulaError::UnknownFunction(_) => "UnknownFunction",
        FormulaError::Syntax { .. } => "Syntax",
        FormulaError::TooDeep(_) => "TooDeep",
        FormulaError::TooLong(_) => "TooLong",
        FormulaError::UnknownSheet(_) => "UnknownSheet",
        FormulaError::UnknownTable(_) => "UnknownTable",
        FormulaError::StructuredReference { .. } => "StructuredReference",
        FormulaError::Unsupported(_) => "Unsupported",
    }
}

fn run(formula: &str, row: u32) -> String {
    let (sheets, tables, names) = workbook();
    let ctx = FormulaContext {
        sheets: &sheets,
        current_sheet: 0,
        tables: &tables,
        defined_names: &names,
    };
    match translate(formula, (row - 1, 0), &ctx) {
        Ok(s) => s,
        Err(e) => format!("ERR:{}", variant(&e)),
    }
}

#[test]
fn formula_table() {
    let text = include_str!("fixtures/formulas.tsv");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut parts = line.split('\t');
        let (Some(f), Some(row), Some(want)) = (parts.next(), parts.next(), parts.next()) else {
            panic!("malformed line: {line}");
        };
        let row: u32 = row.parse().expect("row number");
        count += 1;
        let got = run(f, row);
        if got != want {
            failures.push(format!("{f}\n  want {want}\n  got  {got}"));
        }
    }
    assert!(count >= 150, "only {count} formulas in the table");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `FORMULA_DUMP=file cargo test --test formula_table dump -- --ignored` prints
/// `formula<TAB>row<TAB>translation` for each line of a file (one formula per line, row = line
/// number): how the fixture was first drafted before checking it against LibreOffice.
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("FORMULA_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("readable");
    for (n, f) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let row = n as u32 + 1;
        println!("{f}\t{row}\t{}", run(f, row));
    }
}

#[test]
fn shift_table() {
    let cases = [
        ("A1", (0, 0), (1, 0), "A2"),
        ("A1", (0, 0), (0, 1), "B1"),
        ("$A$1", (0, 0), (5, 5), "$A$1"),
        ("$A1+A$1", (0, 0), (2, 3), "$A3+D$1"),
        ("SUM(A1:B2)", (0, 0), (10, 0), "SUM(A11:B12)"),
        ("SUM(A:A)", (0, 0), (3, 2), "SUM(C:C)"),
        ("SUM($A:B)", (0, 0), (3, 2), "SUM($A:D)"),
        ("SUM(1:1)", (0, 0), (3, 2), "SUM(4:4)"),
        ("SUM($1:2)", (0, 0), (3, 2), "SUM($1:5)"),
        ("Sheet2!A1*2", (0, 0), (1, 1), "Sheet2!B2*2"),
        ("'My Sheet'!A1", (0, 0), (1, 0), "'My Sheet'!A2"),
        ("'It''s'!A1", (0, 0), (1, 0), "'It''s'!A2"),
        ("Sheet1:Sheet3!A1", (0, 0), (1, 0), "Sheet1:Sheet3!A2"),
        ("A2-1", (1, 0), (0, 0), "A1-1"),
        ("A1-1", (1, 0), (0, 0), "#REF!-1"),
        ("XFD1", (0, 0), (0, 1), "#REF!"),
        ("A1048576", (0, 0), (1, 0), "#REF!"),
        ("\"A1\"&A1", (0, 0), (1, 0), "\"A1\"&A2"),
        ("\"a\"\"b\"&B1", (0, 0), (1, 0), "\"a\"\"b\"&B2"),
        ("Table1[Qty]+A1", (0, 0), (1, 0), "Table1[Qty]+A2"),
        ("MyName+A1", (0, 0), (1, 0), "MyName+A2"),
        ("SUM({1,2;3,4})+A1", (0, 0), (1, 0), "SUM({1,2;3,4})+A2"),
        ("IF(A1>0,TRUE,FALSE)", (3, 3), (4, 3), "IF(A2>0,TRUE,FALSE)"),
        (
            "_xlfn.STDEV.S(A1:A3)",
            (0, 0),
            (0, 2),
            "_xlfn.STDEV.S(C1:C3)",
        ),
        ("SUM(A1:A3 B1:B3)", (0, 0), (1, 0), "SUM(A2:A4 B2:B4)"),
        ("LOG10(A1)", (0, 0), (1, 0), "LOG10(A2)"),
        ("1E+3*A1", (0, 0), (1, 0), "1E+3*A2"),
        ("#N/A", (0, 0), (1, 0), "#N/A"),
    ];
    for (f, from, to, want) in cases {
        assert_eq!(shift(f, from, to).as_deref(), Ok(want), "{f}");
    }
    assert!(matches!(
        shift("[1]Sheet1!A1", (0, 0), (1, 0)),
        Err(FormulaError::ExternalReference(_))
    ));
}

#[test]
fn hostile_inputs_return_errors() {
    let deep = format!("{}1{}", "SUM(".repeat(10_000), ")".repeat(10_000));
    assert_eq!(run(&deep, 1), "ERR:TooDeep");
    let parens = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert_eq!(run(&parens, 1), "ERR:TooDeep");
    let long = "1+".repeat(60_000) + "1";
    assert_eq!(run(&long, 1), "ERR:TooLong");
    for f in [
        "",
        "(",
        ")",
        "1+",
        "SUM(1,",
        "{1,2",
        "\"abc",
        "'Sheet1!A1",
        "Table1[Qty",
        "#FOO!",
    ] {
        assert!(run(f, 1).starts_with("ERR:"), "{f:?} should fail");
    }
    // Many tokens, no nesting: linear time.
    let wide = vec!["A1"; 20_000].join("+");
    assert!(run(&wide, 1).starts_with("of:="));
}

fn a1(s: &str) -> (u32, u32) {
    let letters: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let col = letters
        .chars()
        .fold(0u32, |n, c| n * 26 + (c.to_ascii_uppercase() as u32 - 64));
    let row: u32 = s[letters.len()..].parse().unwrap_or(1);
    (row.saturating_sub(1), col.saturating_sub(1))
}

/// `FORMULA_CORPUS=file cargo test --test formula_table corpus_sweep -- --ignored --nocapture`:
/// every line `sheets<TAB>tables<TAB>formula<TAB>file` (lists joined by U+001F; a table is
/// name, ref, header rows, totals rows, columns joined by U+001E) is translated; prints counts
/// per outcome and the failures, so a corpus run shows what is left untranslated.
#[test]
#[ignore]
fn corpus_sweep() {
    let Ok(path) = std::env::var("FORMULA_CORPUS") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("readable");
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        let [sheets, tables, formula, file] = parts[..] else {
            continue;
        };
        let sheets: Vec<String> = sheets.split('\u{1f}').map(String::from).collect();
        let tables: Vec<TableDef> = tables
            .split('\u{1f}')
            .filter(|t| !t.is_empty())
            .map(|t| {
                let f: Vec<&str> = t.split('\u{1e}').collect();
                let (a, b) = f[1].split_once(':').unwrap_or((f[1], f[1]));
                let (a, b) = (a1(a), a1(b));
                TableDef {
                    name: f[0].to_string(),
                    sheet: 0,
                    first_row: a.0,
                    first_col: a.1,
                    last_row: b.0,
                    last_col: b.1,
                    header_rows: f[2].parse().unwrap_or(1),
                    totals_rows: f[3].parse().unwrap_or(0),
                    columns: f[4..].iter().map(|s| s.to_string()).collect(),
                }
            })
            .collect();
        let ctx = FormulaContext {
            sheets: &sheets,
            current_sheet: 0,
            tables: &tables,
            defined_names: &[],
        };
        let key = match translate(formula, (1, 1), &ctx) {
            Ok(_) => "ok".to_string(),
            Err(e) => {
                println!("{file}\t{formula}\t{e}");
                variant(&e).to_string()
            }
        };
        *counts.entry(key).or_default() += 1;
    }
    println!("{counts:?}");
}
