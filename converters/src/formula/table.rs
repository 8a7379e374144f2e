//! Structured references (ECMA-376 Part 1 §18.5.1.2, tables): `Table1[Col]`, `Table1[#All]`,
//! `Table1[[#Headers],[Col]]`, `Table1[@Col]`, `[@Col]`, `Table1[[A]:[B]]`, resolved to plain
//! OpenFormula ranges — OpenFormula has no table syntax, and LibreOffice's own import does the
//! same (it writes `[$Sheet1.$B$2:.$B$9]`).

use super::refs::col_letters;
use super::refs::odf_sheet;
use super::{FormulaContext, FormulaError, TableDef};

#[derive(Debug, Default)]
struct Spec {
    all: bool,
    data: bool,
    headers: bool,
    totals: bool,
    this_row: bool,
    /// First and last column names (unescaped).
    cols: Option<(String, String)>,
}

fn bad(what: &str, why: &str) -> FormulaError {
    FormulaError::StructuredReference {
        reference: what.to_string(),
        reason: why.to_string(),
    }
}

/// Undoes the `'` escape of §18.5.1.2 (it protects `[ ] # '` inside column names).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\'' {
            if let Some(n) = it.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Applies one item: a `#` specifier or a column name.
fn item(
    spec: &mut Spec,
    text: &str,
    col: &mut Vec<String>,
    whole: &str,
) -> Result<(), FormulaError> {
    let t = text.trim();
    if let Some(special) = t.strip_prefix('#') {
        match special.to_ascii_lowercase().as_str() {
            "all" => spec.all = true,
            "data" => spec.data = true,
            "headers" => spec.headers = true,
            "totals" => spec.totals = true,
            "this row" => spec.this_row = true,
            _ => return Err(bad(whole, "unknown item specifier")),
        }
    } else {
        col.push(unescape(text));
    }
    Ok(())
}

fn parse(spec_text: &str, whole: &str) -> Result<Spec, FormulaError> {
    let mut spec = Spec::default();
    let mut cols = Vec::new();
    let mut text = spec_text.trim();
    if let Some(rest) = text.strip_prefix('@') {
        spec.this_row = true;
        text = rest.trim();
        if !text.starts_with('[') {
            if !text.is_empty() {
                cols.push(unescape(text));
            }
            return finish(spec, cols, false, whole);
        }
    }
    if !text.starts_with('[') {
        if !text.is_empty() {
            item(&mut spec, text, &mut cols, whole)?;
        }
        return finish(spec, cols, false, whole);
    }
    // A list of bracketed items joined by ',' (areas) or ':' (a column range).
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut range = false;
    while i < chars.len() {
        match chars[i] {
            ' ' | ',' => i += 1,
            ':' => {
                range = true;
                i += 1;
            }
            '[' => {
                let end = super::lexer::bracket_end(&chars, i)
                    .ok_or_else(|| bad(whole, "a '[' is not closed"))?;
                let inner: String = chars[i + 1..end - 1].iter().collect();
                item(&mut spec, &inner, &mut cols, whole)?;
                i = end;
            }
            _ => return Err(bad(whole, "unexpected text between the brackets")),
        }
    }
    finish(spec, cols, range, whole)
}

fn finish(
    mut spec: Spec,
    cols: Vec<String>,
    range: bool,
    whole: &str,
) -> Result<Spec, FormulaError> {
    spec.cols = match (cols.len(), range) {
        (0, _) => None,
        (1, false) => cols.first().map(|c| (c.clone(), c.clone())),
        (2, true) => Some((cols[0].clone(), cols[1].clone())),
        _ => return Err(bad(whole, "more than one column or column range")),
    };
    Ok(spec)
}

fn column_index(t: &TableDef, name: &str, whole: &str) -> Result<u32, FormulaError> {
    let pos = t
        .columns
        .iter()
        .position(|c| c.trim().eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| bad(whole, &format!("the table has no column named \"{name}\"")))?;
    u32::try_from(pos).map_err(|_| bad(whole, "too many columns"))
}

/// The OpenFormula reference (or error literal) a structured reference stands for.
pub(crate) fn resolve(
    table: Option<&str>,
    spec_text: &str,
    cell: (u32, u32),
    ctx: &FormulaContext,
) -> Result<String, FormulaError> {
    let whole = format!("{}[{spec_text}]", table.unwrap_or(""));
    let t = match table {
        Some(name) => ctx
            .tables
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| FormulaError::UnknownTable(name.to_string()))?,
        // `[Col]` without a table name: the table the formula's cell lies in.
        None => ctx
            .tables
            .iter()
            .find(|t| {
                t.sheet == ctx.current_sheet
                    && (t.first_row..=t.last_row).contains(&cell.0)
                    && (t.first_col..=t.last_col).contains(&cell.1)
            })
            .ok_or_else(|| bad(&whole, "the cell lies in no table"))?,
    };
    let spec = parse(spec_text, &whole)?;
    let sheet = ctx
        .sheets
        .get(t.sheet)
        .ok_or_else(|| bad(&whole, "the table's sheet is missing"))?;
    let (c1, c2) = match &spec.cols {
        None => (t.first_col, t.last_col),
        Some((a, b)) => {
            let a = t.first_col.saturating_add(column_index(t, a, &whole)?);
            let b = t.first_col.saturating_add(column_index(t, b, &whole)?);
            (a.min(b), a.max(b))
        }
    };
    let sheet = format!("${}", odf_sheet(sheet));
    if spec.this_row {
        if spec.all || spec.data || spec.headers || spec.totals {
            return Err(bad(&whole, "#This Row combined with another area"));
        }
        let data = (
            t.first_row.saturating_add(t.header_rows),
            t.last_row.saturating_sub(t.totals_rows),
        );
        if cell.0 < data.0 || cell.0 > data.1 {
            // Excel shows #VALUE! for an implicit intersection outside the table's rows.
            return Ok("#VALUE!".to_string());
        }
        let r = u64::from(cell.0) + 1;
        return Ok(if c1 == c2 {
            format!("[{sheet}.${}{r}]", col_letters(c1))
        } else {
            format!("[{sheet}.${}{r}:.${}{r}]", col_letters(c1), col_letters(c2))
        });
    }
    // Only contiguous combinations exist (§18.5.1.2): #Headers with #Totals needs #Data between.
    if spec.headers && spec.totals && !spec.data && !spec.all {
        return Err(bad(
            &whole,
            "#Headers and #Totals without #Data between them",
        ));
    }
    let mut spans = Vec::new();
    let data_span = (
        t.first_row.saturating_add(t.header_rows),
        t.last_row.checked_sub(t.totals_rows),
    );
    if spec.all {
        spans.push(Some((t.first_row, t.last_row)));
    }
    if spec.headers {
        spans.push(
            (t.header_rows > 0)
                .then(|| (t.first_row, t.first_row.saturating_add(t.header_rows - 1))),
        );
    }
    if spec.totals {
        spans.push((t.totals_rows > 0).then(|| {
            (
                u32::try_from((u64::from(t.last_row) + 1).saturating_sub(u64::from(t.totals_rows)))
                    .unwrap_or(t.last_row),
                t.last_row,
            )
        }));
    }
    if spec.data || spans.is_empty() {
        spans.push(
            data_span
                .1
                .map(|end| (data_span.0, end))
                .filter(|(a, b)| a <= b),
        );
    }
    let mut r1 = u32::MAX;
    let mut r2 = 0;
    for s in spans {
        // An area the table does not have (no header row, no totals row) is #REF! in Excel.
        let Some((a, b)) = s else {
            return Ok("#REF!".to_string());
        };
        r1 = r1.min(a);
        r2 = r2.max(b);
    }
    let corner = |c: u32, r: u32| format!("${}${}", col_letters(c), u64::from(r) + 1);
    Ok(if c1 == c2 && r1 == r2 {
        format!("[{sheet}.{}]", corner(c1, r1))
    } else {
        format!("[{sheet}.{}:.{}]", corner(c1, r1), corner(c2, r2))
    })
}
