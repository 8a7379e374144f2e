//! Excel formulas (SpreadsheetML A1 syntax, ECMA-376 Part 1 §18.17) translated to OpenFormula
//! (ODF 1.3 Part 4) as LibreOffice writes it in `table:formula="of:=..."`, and shifted for shared
//! formulas (§18.3.1.40).
//!
//! A tokenizer ([`lexer`]) feeds a single pass that checks the grammar with a small stack of open
//! parentheses (no recursion, so deep nesting cannot overflow the stack) and writes the
//! OpenFormula text: references in brackets with sheet dot notation, `;` between arguments,
//! `~` for union, `!` for intersection, inline arrays with `;` and `|`, and function names mapped
//! to the ones LibreOffice knows ([`functions`]).

mod functions;
mod lexer;
mod refs;
mod table;
#[cfg(test)]
mod tests;

use lexer::{SheetSpec, Tok, tokenize};
pub(crate) use refs::odf_sheet;
use refs::{Area, area_parts, excel_sheet, shift_area};

pub use functions::{FUNCTION_COUNT, openformula_name};

/// A table (ListObject) for structured references (ECMA-376 §18.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDef {
    pub name: String,
    /// Index into [`FormulaContext::sheets`].
    pub sheet: usize,
    /// 0-based, inclusive, header and totals rows included (the table's `ref`).
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
    pub header_rows: u32,
    pub totals_rows: u32,
    /// Column names in order.
    pub columns: Vec<String>,
}

/// What a formula may refer to besides cells.
#[derive(Debug, Clone, Copy)]
pub struct FormulaContext<'a> {
    /// Sheet names in workbook order (for cross-sheet refs and quoting).
    pub sheets: &'a [String],
    pub current_sheet: usize,
    pub tables: &'a [TableDef],
    /// Workbook/sheet-level defined names known to exist.
    pub defined_names: &'a [String],
}

/// Why a formula cannot be translated; the caller keeps the cached value and records a finding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormulaError {
    #[error(
        "the formula refers to another workbook ({0}); links to other files are not carried over, the last calculated value is kept"
    )]
    ExternalReference(String),
    #[error(
        "the function {0} has no equivalent in OpenFormula / LibreOffice 7.4; the last calculated value is kept"
    )]
    UnknownFunction(String),
    #[error("the formula cannot be read: {what} (at character {pos})")]
    Syntax { pos: usize, what: String },
    #[error("the formula is nested more than {0} levels deep")]
    TooDeep(usize),
    #[error("the formula is longer than {0} characters")]
    TooLong(usize),
    #[error("the formula refers to a sheet named \"{0}\" that the workbook does not have")]
    UnknownSheet(String),
    #[error("the formula refers to a table named \"{0}\" that the workbook does not have")]
    UnknownTable(String),
    #[error("the table reference {reference} cannot be resolved: {reason}")]
    StructuredReference { reference: String, reason: String },
    #[error("the formula uses {0}, which OpenFormula cannot express")]
    Unsupported(String),
}

/// Deeper nesting than this is refused (Excel itself allows 64 levels of functions).
pub const MAX_DEPTH: usize = 256;
/// Longer formulas are refused (Excel's limit is 8,192 characters).
pub const MAX_CHARS: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// A function call: its OpenFormula name and the number of the argument being read.
    Func {
        name: &'static str,
        args: u32,
    },
    Group,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Start of the formula, after an operator or an opening group parenthesis.
    Operand,
    /// After a function's `(` or an argument `,`: an empty argument may follow.
    Arg,
    /// After a complete operand.
    Value,
}

fn syntax(pos: usize, what: &str) -> FormulaError {
    FormulaError::Syntax {
        pos,
        what: what.to_string(),
    }
}

fn check_len(formula: &str) -> Result<(), FormulaError> {
    if formula.chars().count() > MAX_CHARS {
        return Err(FormulaError::TooLong(MAX_CHARS));
    }
    Ok(())
}

/// `formula` as stored in SpreadsheetML `<f>` (no leading '='), `cell` = (row, col) 0-based of
/// the cell holding it. Returns the ODF table:formula attribute value, e.g. "of:=SUM([.A1:.B2])".
pub fn translate(
    formula: &str,
    cell: (u32, u32),
    ctx: &FormulaContext,
) -> Result<String, FormulaError> {
    check_len(formula)?;
    // Files store formulas without '='; tolerate one anyway (some producers write it).
    let formula = formula.strip_prefix('=').unwrap_or(formula);
    let (toks, starts) = tokenize(formula)?;
    let end = formula.chars().count();
    let mut out = String::from("of:=");
    let mut stack: Vec<Frame> = Vec::new();
    let mut last = Last::Operand;
    for (i, tok) in toks.iter().enumerate() {
        let pos = starts.get(i).copied().unwrap_or(end);
        let operand = |last: Last| -> Result<(), FormulaError> {
            if last == Last::Value {
                Err(syntax(pos, "an operator is missing between two values"))
            } else {
                Ok(())
            }
        };
        match tok {
            Tok::Space(s) => {
                // A space between two operands is Excel's intersection operator (§18.17.2.2);
                // anywhere else it is only layout, kept as LibreOffice keeps it.
                let next = toks[i + 1..].iter().find(|t| !matches!(t, Tok::Space(_)));
                if last == Last::Value && next.is_some_and(starts_operand) {
                    out.push('!');
                    last = Last::Operand;
                } else {
                    out.push_str(s);
                }
                continue;
            }
            Tok::Num(n) => {
                operand(last)?;
                // OpenFormula numbers need a digit before and after the point.
                if n.starts_with('.') {
                    out.push('0');
                }
                out.push_str(n);
                if n.ends_with('.') {
                    out.push('0');
                }
            }
            Tok::Str(s) => {
                operand(last)?;
                out.push('"');
                out.push_str(s);
                out.push('"');
            }
            Tok::Bool(b) => {
                operand(last)?;
                // OpenFormula has no boolean literals: TRUE() and FALSE() are functions.
                out.push_str(if *b { "TRUE()" } else { "FALSE()" });
            }
            Tok::Error(e) => {
                operand(last)?;
                if e == "#GETTING_DATA" {
                    return Err(FormulaError::Unsupported(
                        "the error value #GETTING_DATA".into(),
                    ));
                }
                out.push_str(e);
            }
            Tok::Ref { sheet, area } => {
                operand(last)?;
                out.push_str(&odf_ref(sheet.as_ref(), area, ctx)?);
            }
            Tok::Name { sheet, name } => {
                operand(last)?;
                if name.to_ascii_lowercase().starts_with("_xl") {
                    return Err(FormulaError::Unsupported(format!("the name {name}")));
                }
                // A sheet-scoped name keeps its sheet as LibreOffice writes it: `Sheet3.Local`
                // (the name is looked up in that sheet's own named expressions).
                if let Some(s) = sheet {
                    out.push_str(&odf_sheet(sheet_name(&s.first, ctx)?));
                    out.push('.');
                }
                let known = ctx
                    .defined_names
                    .iter()
                    .find(|d| d.eq_ignore_ascii_case(name));
                out.push_str(known.map_or(name.as_str(), |s| s.as_str()));
            }
            Tok::Func(name) => {
                operand(last)?;
                let of = functions::openformula_name(name)
                    .ok_or_else(|| FormulaError::UnknownFunction(display_name(name)))?;
                push_frame(&mut stack, Frame::Func { name: of, args: 1 })?;
                out.push_str(of);
                out.push('(');
                last = Last::Arg;
                continue;
            }
            Tok::Table { table, spec } => {
                operand(last)?;
                out.push_str(&table::resolve(table.as_deref(), spec, cell, ctx)?);
            }
            Tok::Array(rows) => {
                operand(last)?;
                // Inline arrays (ODF 1.3 Part 4 §5.14): ';' between columns, '|' between rows.
                out.push('{');
                for (r, row) in rows.iter().enumerate() {
                    if r > 0 {
                        out.push('|');
                    }
                    out.push_str(&row.join(";"));
                }
                out.push('}');
            }
            Tok::Op(op) => {
                match (*op, last) {
                    ("%", Last::Value) => {
                        out.push('%');
                        continue;
                    }
                    ("+" | "-", Last::Operand | Last::Arg) => {}
                    (_, Last::Value) => {}
                    _ => {
                        return Err(syntax(
                            pos,
                            &format!("the operator {op} lacks its left side"),
                        ));
                    }
                }
                out.push_str(op);
                last = Last::Operand;
                continue;
            }
            Tok::Comma => {
                match stack.last_mut() {
                    Some(Frame::Func { name, args }) => {
                        if last == Last::Operand {
                            return Err(syntax(pos, "an argument ends with an operator"));
                        }
                        if last == Last::Arg {
                            out.push_str(empty_arg_default(name, *args));
                        }
                        *args = args.saturating_add(1);
                        out.push(';');
                        last = Last::Arg;
                    }
                    // Inside plain parentheses (or at the top of a name's formula) the comma is
                    // the union operator, `~` in OpenFormula.
                    _ => {
                        if last != Last::Value {
                            return Err(syntax(pos, "a ',' lacks its left side"));
                        }
                        out.push('~');
                        last = Last::Operand;
                    }
                }
                continue;
            }
            Tok::LParen => {
                operand(last)?;
                push_frame(&mut stack, Frame::Group)?;
                out.push('(');
                last = Last::Operand;
                continue;
            }
            Tok::RParen => {
                match stack.pop() {
                    None => return Err(syntax(pos, "a ')' has no matching '('")),
                    Some(Frame::Group) if last != Last::Value => {
                        return Err(syntax(pos, "parentheses enclose nothing complete"));
                    }
                    Some(Frame::Func { .. }) if last == Last::Operand => {
                        return Err(syntax(pos, "an argument ends with an operator"));
                    }
                    Some(Frame::Func { name, args }) => {
                        if last == Last::Arg {
                            out.push_str(empty_arg_default(name, args));
                        }
                        // LibreOffice always writes WEEKNUM's method (ODF 1.3 Part 4 §6.10.23),
                        // default 1 as in Excel.
                        if name == "WEEKNUM" && args == 1 && last == Last::Value {
                            out.push_str(";1");
                        }
                    }
                    _ => {}
                }
                out.push(')');
            }
        }
        last = Last::Value;
    }
    if !stack.is_empty() {
        return Err(syntax(end, "a '(' is not closed"));
    }
    if last != Last::Value {
        return Err(syntax(
            toks.len(),
            "the formula is empty or ends with an operator",
        ));
    }
    Ok(out)
}

/// Shared formulas (§18.3.1.40 f@t="shared"): the master's formula text moved from `from` to
/// `to`: relative row/column parts of references shift, absolute ($) ones do not; returns Excel
/// syntax. A reference pushed off the grid becomes `#REF!`, as in Excel.
pub fn shift(formula: &str, from: (u32, u32), to: (u32, u32)) -> Result<String, FormulaError> {
    check_len(formula)?;
    let dr = i64::from(to.0) - i64::from(from.0);
    let dc = i64::from(to.1) - i64::from(from.1);
    let mut out = String::new();
    for tok in tokenize(formula)?.0 {
        match tok {
            Tok::Num(n) => out.push_str(&n),
            Tok::Str(s) => {
                out.push('"');
                out.push_str(&s);
                out.push('"');
            }
            Tok::Bool(b) => out.push_str(if b { "TRUE" } else { "FALSE" }),
            Tok::Error(e) => out.push_str(&e),
            Tok::Ref { sheet, area } => {
                out.push_str(&excel_prefix(sheet.as_ref()));
                match shift_area(&area, dr, dc) {
                    Some(a) => {
                        let (p1, p2) = area_parts(&a);
                        out.push_str(&p1);
                        if let Some(p2) = p2 {
                            out.push(':');
                            out.push_str(&p2);
                        }
                    }
                    None => out.push_str("#REF!"),
                }
            }
            Tok::Name { sheet, name } => {
                out.push_str(&excel_prefix(sheet.as_ref()));
                out.push_str(&name);
            }
            Tok::Func(name) => {
                out.push_str(&name);
                out.push('(');
            }
            Tok::Table { table, spec } => {
                out.push_str(table.as_deref().unwrap_or(""));
                out.push('[');
                out.push_str(&spec);
                out.push(']');
            }
            Tok::Array(rows) => {
                out.push('{');
                let rows: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
                out.push_str(&rows.join(";"));
                out.push('}');
            }
            Tok::Op(op) => out.push_str(op),
            Tok::Comma => out.push(','),
            Tok::LParen => out.push('('),
            Tok::RParen => out.push(')'),
            Tok::Space(s) => out.push_str(&s),
        }
    }
    Ok(out)
}

/// What LibreOffice writes for an empty argument where OpenFormula's default differs from
/// Excel's reading of an empty argument: ADDRESS's third argument (Excel: absolute, 1).
fn empty_arg_default(function: &str, arg: u32) -> &'static str {
    match (function, arg) {
        ("ADDRESS", 3) => "1",
        _ => "",
    }
}

fn push_frame(stack: &mut Vec<Frame>, f: Frame) -> Result<(), FormulaError> {
    if stack.len() >= MAX_DEPTH {
        return Err(FormulaError::TooDeep(MAX_DEPTH));
    }
    stack.push(f);
    Ok(())
}

fn starts_operand(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Ref { .. } | Tok::Name { .. } | Tok::Func(_) | Tok::Table { .. } | Tok::LParen
    )
}

/// The function's name as the user sees it in Excel (without the file-format prefixes).
fn display_name(name: &str) -> String {
    let mut n = name;
    for p in ["_xlfn.", "_xlws."] {
        if n.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) {
            n = n.get(p.len()..).unwrap_or(n);
        }
    }
    n.to_ascii_uppercase()
}

/// The workbook's spelling of a sheet name (Excel compares them case-insensitively).
fn sheet_name<'a>(name: &str, ctx: &FormulaContext<'a>) -> Result<&'a str, FormulaError> {
    ctx.sheets
        .iter()
        .find(|s| s.to_lowercase() == name.to_lowercase())
        .map(|s| s.as_str())
        .ok_or_else(|| FormulaError::UnknownSheet(name.to_string()))
}

/// A reference in OpenFormula notation (ODF 1.3 Part 4 §5.8): `[.A1]`, `[.A1:.B2]`,
/// `[$Sheet2.A1]`, `[$'My Sheet'.A1:.B2]`, 3D `[$Sheet1.A1:$Sheet3.B2]`, `[.A:.A]`, `[.1:.1]`.
/// Sheets named in Excel are absolute (`$`), as LibreOffice writes them.
fn odf_ref(
    sheet: Option<&SheetSpec>,
    area: &Area,
    ctx: &FormulaContext,
) -> Result<String, FormulaError> {
    let (p1, p2) = area_parts(area);
    let first = match sheet {
        Some(s) => format!("${}", odf_sheet(sheet_name(&s.first, ctx)?)),
        None => String::new(),
    };
    let mut out = format!("[{first}.{p1}");
    match sheet.and_then(|s| s.last.as_deref()) {
        Some(last) => {
            let last = odf_sheet(sheet_name(last, ctx)?);
            out.push_str(&format!(":${last}.{}", p2.as_deref().unwrap_or(&p1)));
        }
        None => {
            if let Some(p2) = p2 {
                out.push_str(&format!(":.{p2}"));
            }
        }
    }
    out.push(']');
    Ok(out)
}

/// `Sheet1!`, `'My Sheet'!`, `Sheet1:Sheet3!` in Excel syntax.
fn excel_prefix(sheet: Option<&SheetSpec>) -> String {
    match sheet {
        None => String::new(),
        Some(SheetSpec { first, last: None }) => format!("{}!", excel_sheet(first)),
        Some(SheetSpec {
            first,
            last: Some(last),
        }) => {
            let (a, b) = (excel_sheet(first), excel_sheet(last));
            if a.starts_with('\'') || b.starts_with('\'') {
                format!(
                    "'{}:{}'!",
                    first.replace('\'', "''"),
                    last.replace('\'', "''")
                )
            } else {
                format!("{a}:{b}!")
            }
        }
    }
}
