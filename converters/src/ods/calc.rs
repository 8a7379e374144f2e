//! Formulas and number formats of one workbook, prepared once for the ODS writer: the formula
//! context (sheets, tables, defined names), the value type and data style of every cell format,
//! and the findings for formulas that keep only their value.

use crate::findings::{FindingKind, Findings};
use crate::formula::{self, FormulaContext, TableDef};
use crate::numfmt::{self, NumberFormat, ValueType};
use crate::odf::writer::XmlWriter;
use crate::sheet::{CellStyle, Formula, FormulaKind, Pos, Workbook};

/// What the writer needs to turn Excel formulas and number formats into ODF.
#[derive(Debug)]
pub struct Calc {
    sheets: Vec<String>,
    tables: Vec<TableDef>,
    names: Vec<String>,
    /// The value type of a number under each cell format, by style index.
    value_types: Vec<ValueType>,
    date1904: bool,
    pub findings: Findings,
}

/// The number format of a cell format: its code, or the built-in one for its id; a code
/// LibreOffice refuses (and shows as General) is General here too.
pub fn number_format(style: &CellStyle) -> Option<NumberFormat> {
    let code = if style.num_fmt.is_empty() {
        numfmt::builtin(style.num_fmt_id).unwrap_or("General")
    } else {
        style.num_fmt.as_str()
    };
    numfmt::parse(code)
        .or_else(|_| numfmt::parse("General"))
        .ok()
}

/// Whether a cell format shows numbers as General (no data style needed).
pub fn is_general(style: &CellStyle) -> bool {
    let code = if style.num_fmt.is_empty() {
        numfmt::builtin(style.num_fmt_id).unwrap_or("General")
    } else {
        style.num_fmt.as_str()
    };
    code.eq_ignore_ascii_case("general")
}

/// Writes the data style of a cell format under `name`; false when it needs none (General,
/// unless `explicit_general`, for styles that must not inherit a non-General default).
pub fn data_style(
    style: &CellStyle,
    name: &str,
    explicit_general: bool,
    out: &mut XmlWriter,
) -> bool {
    if is_general(style) && !explicit_general {
        return false;
    }
    match number_format(style) {
        Some(f) => {
            numfmt::write_data_style(out, name, &f);
            true
        }
        None => false,
    }
}

impl Calc {
    pub fn new(wb: &Workbook) -> Calc {
        let sheets: Vec<String> = wb.sheets.iter().map(|s| s.name.clone()).collect();
        let tables = wb
            .tables
            .iter()
            .map(|t| TableDef {
                name: t.display_name.clone(),
                sheet: t.sheet,
                first_row: t.range.first.0,
                first_col: t.range.first.1,
                last_row: t.range.last.0,
                last_col: t.range.last.1,
                header_rows: t.header_rows,
                totals_rows: t.totals_rows,
                columns: t.columns.clone(),
            })
            .collect();
        let mut names: Vec<String> = wb.defined_names.iter().map(|n| n.name.clone()).collect();
        names.sort();
        names.dedup();
        let value_types = wb
            .styles
            .iter()
            .map(|s| number_format(s).map_or(ValueType::Float, |f| numfmt::value_type(&f)))
            .collect();
        Calc {
            sheets,
            tables,
            names,
            value_types,
            date1904: wb.date1904,
            findings: Findings::default(),
        }
    }

    fn context(&self, sheet: usize) -> FormulaContext<'_> {
        FormulaContext {
            sheets: &self.sheets,
            current_sheet: sheet,
            tables: &self.tables,
            defined_names: &self.names,
        }
    }

    /// The `table:formula` of a cell, or `None` (the cached value alone is written, and a
    /// finding names the cell and the original formula).
    pub fn formula(&mut self, sheet: usize, pos: Pos, f: &Formula) -> Option<String> {
        let text = match &f.kind {
            FormulaKind::Normal | FormulaKind::Array { .. } => Ok(f.excel_text.clone()),
            FormulaKind::Shared { master, .. } => formula::shift(&f.excel_text, *master, pos),
            // A what-if table is computed by Excel's data-table engine; ODF has TABLE() only as
            // LibreOffice's MULTIPLE.OPERATIONS, which the file does not describe: values only.
            FormulaKind::DataTable => return None,
        };
        match text.and_then(|t| formula::translate(&t, pos, &self.context(sheet))) {
            Ok(of) => Some(of),
            Err(e) => {
                let location = format!(
                    "{}!{}: ={}",
                    self.sheets.get(sheet).map_or("", String::as_str),
                    cell_name(pos),
                    f.excel_text
                );
                self.findings.add(
                    FindingKind::FormulaValueOnly {
                        reason: e.to_string(),
                    },
                    Some(&location),
                );
                None
            }
        }
    }

    /// The value attributes of a number under the cell's format.
    pub fn number_value(&self, n: f64, style: u32) -> Vec<(&'static str, String)> {
        let vt = self
            .value_types
            .get(style as usize)
            .copied()
            .unwrap_or(ValueType::Float);
        let mut a = numfmt::value_attributes(vt, n, self.date1904).unwrap_or_else(|| {
            // NaN or infinity: no ODF number carries it; Excel shows #NUM!.
            vec![("office:value-type", "string".to_string())]
        });
        // The shortest spelling (`1`, not `1.0`), as the rest of the writer spells numbers.
        for (name, v) in &mut a {
            if *name == "office:value" {
                *v = super::cells::number(n);
            }
        }
        a
    }

    /// The named expressions of the workbook (ODF 1.3 §9.4.11), translated; names whose
    /// formula cannot be translated are left out with a finding.
    pub fn named_expressions(&mut self, wb: &Workbook, x: &mut XmlWriter) {
        let mut written = std::collections::HashSet::new();
        let mut items: Vec<(String, String)> = Vec::new();
        for n in &wb.defined_names {
            // Excel's own hidden names (_xlnm.Print_Area, _FilterDatabase) are settings, not
            // names formulas use.
            if n.name.starts_with("_xlnm.") || !written.insert(n.name.clone()) {
                continue;
            }
            let sheet = n.local_sheet.unwrap_or(0);
            match formula::translate(&n.formula, (0, 0), &self.context(sheet)) {
                Ok(of) => items.push((n.name.clone(), of)),
                Err(e) => self.findings.add(
                    FindingKind::FormulaValueOnly {
                        reason: e.to_string(),
                    },
                    Some(&format!("name {}: ={}", n.name, n.formula)),
                ),
            }
        }
        if items.is_empty() {
            return;
        }
        x.start("table:named-expressions", &[]);
        for (name, of) in items {
            let base = match self.sheets.first() {
                Some(s) => format!("${}.$A$1", quote_sheet(s)),
                None => "$Sheet1.$A$1".to_string(),
            };
            x.empty_owned(
                "table:named-expression",
                &[
                    ("table:name", name),
                    ("table:expression", of),
                    ("table:base-cell-address", base),
                ],
            );
        }
        x.end("table:named-expressions");
    }
}

/// A sheet name as an ODF cell address writes it: quoted when it is not a plain name.
pub(super) fn quote_sheet(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        let mut s = String::from("'");
        s.push_str(&name.replace('\'', "''"));
        s.push('\'');
        s
    }
}

/// `B3` for (2, 1).
pub fn cell_name((row, col): Pos) -> String {
    crate::sheet::col_name(col) + &(row + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_and_sheet_quoting() {
        assert_eq!(cell_name((0, 0)), "A1");
        assert_eq!(cell_name((2, 27)), "AB3");
        assert_eq!(cell_name((9, 16_383)), "XFD10");
        assert_eq!(quote_sheet("Sheet1"), "Sheet1");
        assert_eq!(quote_sheet("It's mine"), "'It''s mine'");
    }

    #[test]
    fn formats_give_value_types_and_data_styles() {
        let style = |code: &str| CellStyle {
            num_fmt: code.into(),
            ..CellStyle::default()
        };
        let vt = |code: &str| number_format(&style(code)).map(|f| numfmt::value_type(&f));
        assert_eq!(vt("0.00%"), Some(ValueType::Percentage));
        assert_eq!(vt("dd.mm.yyyy"), Some(ValueType::Date));
        assert_eq!(vt("General"), Some(ValueType::Float));
        let mut x = XmlWriter::fragment();
        assert!(!data_style(&style("General"), "N1", false, &mut x));
        assert!(data_style(&style("General"), "N1", true, &mut x));
        assert!(data_style(&style("0.00%"), "N2", false, &mut x));
        let xml = String::from_utf8(x.into_bytes()).unwrap_or_default();
        assert!(xml.contains("number:percentage-style"), "{xml}");
    }
}
