//! Tokenizer for Excel's A1 formula grammar as stored in SpreadsheetML `<f>` (ECMA-376 Part 1
//! §18.17, MS-XLSX §2.2.2): context-free, so `translate` and `shift` share it.

use super::FormulaError;
use super::refs::{Area, parse_area};

/// A sheet prefix `Sheet1!` or a 3D prefix `Sheet1:Sheet3!` (names unquoted, `''` undone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetSpec {
    pub first: String,
    pub last: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// Number as written (`1E+3`, `.5`).
    Num(String),
    /// String literal body with `""` escapes kept (they mean the same in OpenFormula).
    Str(String),
    Bool(bool),
    /// Error literal such as `#N/A`.
    Error(String),
    Ref {
        sheet: Option<SheetSpec>,
        area: Area,
    },
    /// A defined name, possibly sheet-scoped (`Sheet1!Name`).
    Name {
        sheet: Option<SheetSpec>,
        name: String,
    },
    /// Function name (with any `_xlfn.` prefix); the `(` is consumed with it.
    Func(String),
    /// Structured reference (§18.5.1.2): table name (None = the table holding the cell) and
    /// the raw text between the outer brackets.
    Table {
        table: Option<String>,
        spec: String,
    },
    /// Array constant `{...}`: rows of raw element texts.
    Array(Vec<Vec<String>>),
    /// Operator: + - * / ^ & = <> < > <= >= % :
    Op(&'static str),
    Comma,
    LParen,
    RParen,
    /// Whitespace run (spaces may be the intersection operator; decided by the caller).
    Space(String),
}

const OPS: [&str; 13] = [
    "<>", "<=", ">=", "+", "-", "*", "/", "^", "&", "=", "<", ">", "%",
];

/// Error literals of §18.17.2.3 (plus `#GETTING_DATA`, which OpenFormula cannot express).
const ERRORS: [&str; 8] = [
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
];

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '\\' | '?')
}

fn syntax(pos: usize, what: &str) -> FormulaError {
    FormulaError::Syntax {
        pos,
        what: what.to_string(),
    }
}

/// Splits `formula` into tokens, each with the character offset where it starts (positions in
/// errors are character offsets too).
pub(crate) fn tokenize(formula: &str) -> Result<(Vec<Tok>, Vec<usize>), FormulaError> {
    let chars: Vec<char> = formula.chars().collect();
    let mut toks = Vec::new();
    let mut starts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Every pass of this loop adds exactly one token.
        starts.push(i);
        let c = chars[i];
        if c.is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            toks.push(Tok::Space(chars[start..i].iter().collect()));
            continue;
        }
        match c {
            '"' => {
                let (body, end) = read_quoted(&chars, i, '"')
                    .ok_or_else(|| syntax(i, "a text in quotes is not closed"))?;
                toks.push(Tok::Str(body));
                i = end;
            }
            '\'' => {
                let (name, end) = read_quoted(&chars, i, '\'')
                    .ok_or_else(|| syntax(i, "a sheet name in quotes is not closed"))?;
                let name = name.replace("''", "'");
                if name.starts_with('[') {
                    return Err(FormulaError::ExternalReference(formula.to_string()));
                }
                if chars.get(end) != Some(&'!') {
                    return Err(syntax(end, "a quoted sheet name must be followed by '!'"));
                }
                let sheet = split_3d(&name);
                i = after_sheet(&chars, end + 1, sheet, &mut toks)?;
            }
            '[' => {
                if is_external(&chars, i) {
                    return Err(FormulaError::ExternalReference(formula.to_string()));
                }
                let end = bracket_end(&chars, i)
                    .ok_or_else(|| syntax(i, "a '[' of a table reference is not closed"))?;
                toks.push(Tok::Table {
                    table: None,
                    spec: chars[i + 1..end - 1].iter().collect(),
                });
                i = end;
            }
            '#' => {
                let (err, end) = read_error(&chars, i)?;
                toks.push(Tok::Error(err));
                i = end;
            }
            '{' => {
                let (rows, end) = read_array(&chars, i)?;
                toks.push(Tok::Array(rows));
                i = end;
            }
            '(' => {
                toks.push(Tok::LParen);
                i += 1;
            }
            ')' => {
                toks.push(Tok::RParen);
                i += 1;
            }
            ',' => {
                toks.push(Tok::Comma);
                i += 1;
            }
            ':' => {
                toks.push(Tok::Op(":"));
                i += 1;
            }
            _ => {
                if let Some(op) = OPS.iter().find(|op| starts_with(&chars, i, op)) {
                    toks.push(Tok::Op(op));
                    i += op.len();
                } else if c.is_ascii_digit() || c == '.' || c == '$' || is_name_char(c) {
                    i = read_word(&chars, i, &mut toks)?;
                } else {
                    return Err(syntax(i, &format!("unexpected character '{c}'")));
                }
            }
        }
    }
    Ok((toks, starts))
}

fn starts_with(chars: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| chars.get(i + k) == Some(&c))
}

/// Reads `q...q` with doubled `qq` as an escape; returns the body (escapes kept) and the index
/// after the closing quote.
fn read_quoted(chars: &[char], start: usize, q: char) -> Option<(String, usize)> {
    let mut i = start + 1;
    let mut body = String::new();
    while i < chars.len() {
        if chars[i] == q {
            if chars.get(i + 1) == Some(&q) {
                body.push(q);
                body.push(q);
                i += 2;
                continue;
            }
            return Some((body, i + 1));
        }
        body.push(chars[i]);
        i += 1;
    }
    None
}

fn split_3d(name: &str) -> SheetSpec {
    match name.split_once(':') {
        Some((a, b)) => SheetSpec {
            first: a.to_string(),
            last: Some(b.to_string()),
        },
        None => SheetSpec {
            first: name.to_string(),
            last: None,
        },
    }
}

/// `[digits]` followed by a sheet or name: a link to another workbook (MS-XLSX §2.2.2).
fn is_external(chars: &[char], i: usize) -> bool {
    let mut k = i + 1;
    while k < chars.len() && chars[k].is_ascii_digit() {
        k += 1;
    }
    k > i + 1
        && chars.get(k) == Some(&']')
        && chars
            .get(k + 1)
            .is_some_and(|c| is_name_char(*c) || matches!(c, '\'' | '!' | '$'))
}

/// Index after the bracket group opening at `i`; inside, `'` escapes the next character
/// (§18.5.1.2 structured reference escapes).
pub(crate) fn bracket_end(chars: &[char], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut k = i;
    while k < chars.len() {
        match chars[k] {
            '\'' => k += 1,
            '[' => depth += 1,
            ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(k + 1);
                }
            }
            _ => {}
        }
        k += 1;
    }
    None
}

fn read_error(chars: &[char], i: usize) -> Result<(String, usize), FormulaError> {
    for e in ERRORS {
        let n = e.chars().count();
        if i + n <= chars.len()
            && chars[i..i + n]
                .iter()
                .zip(e.chars())
                .all(|(a, b)| a.eq_ignore_ascii_case(&b))
        {
            return Ok((e.to_string(), i + n));
        }
    }
    Err(syntax(i, "unknown error value after '#'"))
}

/// After `Sheet!`: a reference, `#REF!` or a sheet-scoped name.
fn after_sheet(
    chars: &[char],
    i: usize,
    sheet: SheetSpec,
    toks: &mut Vec<Tok>,
) -> Result<usize, FormulaError> {
    if chars.get(i) == Some(&'#') {
        let (err, end) = read_error(chars, i)?;
        toks.push(Tok::Error(err));
        return Ok(end);
    }
    if let Some((area, end)) = parse_area(chars, i)
        && !chars
            .get(end)
            .is_some_and(|c| is_name_char(*c) || *c == '(')
    {
        toks.push(Tok::Ref {
            sheet: Some(sheet),
            area,
        });
        return Ok(end);
    }
    let mut k = i;
    while k < chars.len() && is_name_char(chars[k]) {
        k += 1;
    }
    if k == i {
        return Err(syntax(i, "nothing usable follows the sheet name"));
    }
    toks.push(Tok::Name {
        sheet: Some(sheet),
        name: chars[i..k].iter().collect(),
    });
    Ok(k)
}

/// Words: sheet prefixes, references, numbers, booleans, names, function calls, tables.
fn read_word(chars: &[char], i: usize, toks: &mut Vec<Tok>) -> Result<usize, FormulaError> {
    // Sheet prefix `Name!` or `Name:Name!` (unquoted names hold only name characters).
    let mut k = i;
    while k < chars.len() && is_name_char(chars[k]) {
        k += 1;
    }
    if k > i {
        let first: String = chars[i..k].iter().collect();
        if chars.get(k) == Some(&'!') {
            let sheet = SheetSpec { first, last: None };
            return after_sheet(chars, k + 1, sheet, toks);
        }
        if chars.get(k) == Some(&':') {
            let mut m = k + 1;
            while m < chars.len() && is_name_char(chars[m]) {
                m += 1;
            }
            if m > k + 1 && chars.get(m) == Some(&'!') {
                let last = Some(chars[k + 1..m].iter().collect());
                return after_sheet(chars, m + 1, SheetSpec { first, last }, toks);
            }
        }
    }
    if let Some((area, end)) = parse_area(chars, i)
        && !chars
            .get(end)
            .is_some_and(|c| is_name_char(*c) || matches!(c, '(' | '[' | '$'))
    {
        toks.push(Tok::Ref { sheet: None, area });
        return Ok(end);
    }
    let c = chars[i];
    if c.is_ascii_digit() || c == '.' {
        return read_number(chars, i, toks);
    }
    if k == i {
        return Err(syntax(i, "a '$' that starts no cell reference"));
    }
    let word: String = chars[i..k].iter().collect();
    match chars.get(k) {
        Some('(') => {
            toks.push(Tok::Func(word));
            Ok(k + 1)
        }
        Some('[') => {
            let end = bracket_end(chars, k)
                .ok_or_else(|| syntax(k, "a '[' of a table reference is not closed"))?;
            toks.push(Tok::Table {
                table: Some(word),
                spec: chars[k + 1..end - 1].iter().collect(),
            });
            Ok(end)
        }
        _ if word.eq_ignore_ascii_case("TRUE") => {
            toks.push(Tok::Bool(true));
            Ok(k)
        }
        _ if word.eq_ignore_ascii_case("FALSE") => {
            toks.push(Tok::Bool(false));
            Ok(k)
        }
        _ => {
            toks.push(Tok::Name {
                sheet: None,
                name: word,
            });
            Ok(k)
        }
    }
}

/// Length of a number literal starting at `i` (digits, one '.', exponent), 0 if none.
pub(crate) fn number_len(chars: &[char], i: usize) -> usize {
    let mut k = i;
    let digits = |k: &mut usize| {
        let s = *k;
        while *k < chars.len() && chars[*k].is_ascii_digit() {
            *k += 1;
        }
        *k > s
    };
    let int = digits(&mut k);
    let mut frac = false;
    if chars.get(k) == Some(&'.') {
        k += 1;
        frac = digits(&mut k);
    }
    if !int && !frac {
        return 0;
    }
    if matches!(chars.get(k), Some('e' | 'E')) {
        let mut m = k + 1;
        if matches!(chars.get(m), Some('+' | '-')) {
            m += 1;
        }
        if digits(&mut m) {
            k = m;
        }
    }
    k - i
}

fn read_number(chars: &[char], i: usize, toks: &mut Vec<Tok>) -> Result<usize, FormulaError> {
    let n = number_len(chars, i);
    if n == 0 {
        return Err(syntax(i, "a malformed number"));
    }
    if chars.get(i + n).is_some_and(|c| is_name_char(*c)) {
        return Err(syntax(i + n, "a number runs into letters"));
    }
    toks.push(Tok::Num(chars[i..i + n].iter().collect()));
    Ok(i + n)
}

/// Array constant (§18.17.2.1 "array-constant"): `,` separates columns, `;` rows. Elements are
/// constants only: numbers (signed), strings, booleans, errors.
fn read_array(chars: &[char], start: usize) -> Result<(Vec<Vec<String>>, usize), FormulaError> {
    let mut rows = vec![Vec::new()];
    let mut i = start + 1;
    loop {
        while chars.get(i).is_some_and(|c| *c == ' ') {
            i += 1;
        }
        let c = *chars
            .get(i)
            .ok_or_else(|| syntax(start, "an array constant '{' is not closed"))?;
        let item = match c {
            '"' => {
                let (body, end) = read_quoted(chars, i, '"')
                    .ok_or_else(|| syntax(i, "a text in quotes is not closed"))?;
                i = end;
                format!("\"{body}\"")
            }
            '#' => {
                let (err, end) = read_error(chars, i)?;
                i = end;
                err
            }
            _ => {
                let mut k = i;
                let sign = if matches!(c, '-' | '+') {
                    k += 1;
                    c.to_string()
                } else {
                    String::new()
                };
                let n = number_len(chars, k);
                if n > 0 {
                    i = k + n;
                    format!("{sign}{}", chars[k..k + n].iter().collect::<String>())
                } else if starts_with_ci(chars, i, "TRUE") {
                    i += 4;
                    "TRUE".to_string()
                } else if starts_with_ci(chars, i, "FALSE") {
                    i += 5;
                    "FALSE".to_string()
                } else {
                    return Err(syntax(i, "an array constant holds something not constant"));
                }
            }
        };
        if let Some(row) = rows.last_mut() {
            row.push(item);
        }
        while chars.get(i).is_some_and(|c| *c == ' ') {
            i += 1;
        }
        match chars.get(i) {
            Some(',') => i += 1,
            Some(';') => {
                rows.push(Vec::new());
                i += 1;
            }
            Some('}') => return Ok((rows, i + 1)),
            _ => return Err(syntax(i, "an array constant is malformed")),
        }
    }
}

fn starts_with_ci(chars: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| chars.get(i + k).is_some_and(|x| x.eq_ignore_ascii_case(&c)))
}
