//! Repairs of the formula text calamine 0.38 writes for binary workbooks, where the defect
//! can be undone from the text alone (the version is pinned in Cargo.toml for that reason).

/// calamine writes the column of a BIFF8 PtgRef3d (MS-XLS §2.5.198.85: ixti, rw, and the
/// column with the relative flags in its top two bits) shifted left by two bits, with `$`
/// signs taken from the column's low bits: `Data!B5` comes out as `Data!E$5`. This undoes it
/// for single 3-D references (areas are written correctly): their column is four times the
/// real one. The relative flags are lost; they matter to copying, not to the value.
pub fn ref3d(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        out.push(c);
        match c {
            '"' => in_string = !in_string,
            '!' if !in_string => {
                let end = rest
                    .find(|ch: char| !(ch == '$' || ch.is_ascii_alphanumeric()))
                    .unwrap_or(rest.len());
                let (token, after) = rest.split_at(end);
                let cell = crate::sheet::parse_ref(token).filter(|_| !after.starts_with(':'));
                if let Some((row, col)) = cell.filter(|(_, col)| col % 4 == 0) {
                    out.push_str(&crate::sheet::col_name(col / 4));
                    out.push_str(&(row + 1).to_string());
                    rest = after;
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a sheet name must be quoted in a reference (ECMA-376-1 §18.17 sheet-name: anything
/// but letters, digits, `_` and `.`, or a leading digit).
fn needs_quotes(name: &str) -> bool {
    name.is_empty()
        || name.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        || name
            .chars()
            .any(|c| !(c.is_alphanumeric() || c == '_' || c == '.'))
}

/// calamine writes sheet names in references bare (`file load sequence!A1`); names with
/// spaces or punctuation need quotes (`'file load sequence'!A1`). Each of the workbook's sheet
/// names that needs them is quoted where it stands before `!` outside a string, at the start
/// of an operand; the longest name wins.
pub fn quote_sheets(text: &str, sheets: &[String]) -> String {
    let mut quoted: Vec<&String> = sheets.iter().filter(|n| needs_quotes(n)).collect();
    if quoted.is_empty() || !text.contains('!') {
        return text.to_string();
    }
    quoted.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_string = false;
    let mut prev: Option<char> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let operand_start = prev.is_none_or(|p| !(p.is_alphanumeric() || "_.'$".contains(p)));
        if !in_string && operand_start {
            let hit = quoted.iter().find(|n| {
                rest.strip_prefix(n.as_str())
                    .is_some_and(|r| r.starts_with('!'))
            });
            if let Some(name) = hit {
                out.push('\'');
                out.push_str(&name.replace('\'', "''"));
                out.push('\'');
                rest = &rest[name.len()..];
                prev = Some('\'');
                continue;
            }
        }
        if c == '"' {
            in_string = !in_string;
        }
        out.push(c);
        prev = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// calamine's stand-ins for a definition it cannot decode ("empty rgce", "Unsupported ptg: 1c").
pub fn is_placeholder(formula: &str) -> bool {
    formula.contains("empty rgce") || formula.contains("Unsupported ptg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ref3d_columns_are_undone() {
        assert_eq!(ref3d("Data!AG12+1"), "Data!I12+1");
        assert_eq!(
            ref3d("SUM(data!E$5,x!$A$1:$B$2)"),
            "SUM(data!B5,x!$A$1:$B$2)"
        );
        // Not a multiple of four: not calamine's shifted column; strings are left alone.
        assert_eq!(ref3d("Data!B5&\"a!E5\""), "Data!B5&\"a!E5\"");
        assert_eq!(ref3d("Data!#REF!"), "Data!#REF!");
    }

    #[test]
    fn sheet_names_get_quotes() {
        let sheets = vec![
            "Plain".to_string(),
            "file load sequence".to_string(),
            "load".to_string(),
            "O'Neil 2".to_string(),
        ];
        assert_eq!(
            quote_sheets("SUM(file load sequence!$S$4:$S$6)+Plain!A1", &sheets),
            "SUM('file load sequence'!$S$4:$S$6)+Plain!A1"
        );
        assert_eq!(quote_sheets("O'Neil 2!A1", &sheets), "'O''Neil 2'!A1");
        // Inside strings, already quoted, or part of a longer word: unchanged.
        assert_eq!(
            quote_sheets("\"file load sequence!A1\"&'file load sequence'!B2", &sheets),
            "\"file load sequence!A1\"&'file load sequence'!B2"
        );
        assert!(needs_quotes("2021") && needs_quotes("a-b") && !needs_quotes("Data_1.x"));
        assert!(is_placeholder("Sheet1!empty rgce") && !is_placeholder("Sheet1!A1"));
    }
}
