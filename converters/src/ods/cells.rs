//! One cell as ODF (ODF 1.3 §9.1.4 table:table-cell): its value type and value (§19.385-19.389),
//! the text shown, rich text runs as spans, and the hook where formulas are translated.

use std::collections::HashMap;

use crate::odf::{XmlWriter, write_text};
use crate::sheet::{Cell, Font, FormulaKind, Pos, Value, Workbook};

use super::annotations::Adornments;
use super::styles::text_properties;

/// A number as xsd:double, the shortest text that reads back as the same value.
pub fn number(n: f64) -> String {
    if n == 0.0 {
        return "0".into();
    }
    let s = format!("{n}");
    if s.len() > 24 { format!("{n:e}") } else { s }
}

/// The text a number shows in Excel's General format: up to 11 characters, as Excel shows it in
/// a standard-width column (ECMA-376-1 §18.8.30, General).
pub fn general(n: f64) -> String {
    if n == 0.0 {
        return "0".into();
    }
    let abs = n.abs();
    if (1e-9..1e11).contains(&abs) {
        // The shortest form that reads back as `n` is already the ten-digit rounding when it
        // has no more than ten significant digits (most cells), and much cheaper to find.
        let shortest = n.to_string();
        let b = shortest.as_bytes();
        let nonzero = |c: &u8| (b'1'..=b'9').contains(c);
        let significant = match (b.iter().position(nonzero), b.iter().rposition(nonzero)) {
            (Some(first), Some(last)) => b[first..=last]
                .iter()
                .filter(|c| c.is_ascii_digit())
                .count(),
            _ => 0,
        };
        if significant <= 10 {
            return shortest;
        }
        // Ten significant digits, trailing zeros dropped.
        let digits = 10 - (abs.log10().floor() as i32 + 1).clamp(-9, 10);
        let s = format!("{:.*}", digits.max(0) as usize, n);
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        return if s == "-0" { "0".into() } else { s };
    }
    let s = format!("{n:.5E}");
    // 1.23450E15 → 1.2345E+15
    match s.split_once('E') {
        Some((m, e)) => {
            let m = if m.contains('.') {
                m.trim_end_matches('0').trim_end_matches('.')
            } else {
                m
            };
            let (sign, e) = e.strip_prefix('-').map_or(("+", e), |e| ("-", e));
            format!("{m}E{sign}{e:0>2}")
        }
        None => s,
    }
}

/// Automatic text styles for rich text runs (T1, T2, ...), shared by equal fonts.
#[derive(Debug, Default)]
pub struct RunStyles {
    names: HashMap<String, String>,
    pub x: XmlWriter,
}

impl RunStyles {
    pub fn new() -> Self {
        Self {
            names: HashMap::new(),
            x: XmlWriter::fragment(),
        }
    }

    pub fn name(&mut self, font: &Font, base: &Font) -> String {
        let key = format!("{font:?}");
        if let Some(n) = self.names.get(&key) {
            return n.clone();
        }
        let name = format!("T{}", self.names.len() + 1);
        self.x.start(
            "style:style",
            &[("style:name", &name), ("style:family", "text")],
        );
        text_properties(&mut self.x, font, Some(base));
        self.x.end("style:style");
        self.names.insert(key, name.clone());
        name
    }
}

/// What a cell element carries besides the cell: its tag, spans, and its style name.
#[derive(Debug)]
pub struct Place<'a> {
    pub covered: bool,
    pub spans: Option<(u32, u32)>,
    pub style: Option<&'a str>,
    pub repeat: u32,
    /// Frames anchored to the cell (see [`super::shapes`]), written after its text.
    pub shapes: Option<&'a XmlWriter>,
    /// The content validation the cell names (ODF 1.3 §19.621 table:content-validation-name).
    pub validation: Option<&'a str>,
}

/// Writes an empty cell (or a run of `repeat` of them).
pub fn empty(x: &mut XmlWriter, place: &Place<'_>) {
    let tag = if place.covered {
        "table:covered-table-cell"
    } else {
        "table:table-cell"
    };
    let mut a: Vec<(&str, String)> = Vec::new();
    if place.repeat > 1 {
        a.push(("table:number-columns-repeated", place.repeat.to_string()));
    }
    if let Some(s) = place.style {
        a.push(("table:style-name", s.to_string()));
    }
    if let Some((rows, cols)) = place.spans {
        a.push(("table:number-columns-spanned", cols.to_string()));
        a.push(("table:number-rows-spanned", rows.to_string()));
    }
    if let Some(v) = place.validation {
        a.push(("table:content-validation-name", v.to_string()));
    }
    match place.shapes {
        Some(shapes) => {
            x.start_owned(tag, &a);
            x.append_copy(shapes);
            x.end(tag);
        }
        None => x.empty_owned(tag, &a),
    }
}

/// Excel's error values that OpenFormula spells the same (ECMA-376-1 §18.17.4.3 and OpenFormula's
/// error literals).
const ERRORS: [&str; 7] = [
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
];

/// Writes one cell.
pub fn write(
    x: &mut XmlWriter,
    wb: &Workbook,
    (sheet, pos): (usize, Pos),
    cell: Option<&Cell>,
    place: &Place<'_>,
    runs: &mut RunStyles,
    calc: &mut super::calc::Calc,
) {
    let Some(cell) = cell else {
        empty(x, place);
        return;
    };
    let tag = if place.covered {
        "table:covered-table-cell"
    } else {
        "table:table-cell"
    };
    let mut a: Vec<(&str, String)> = Vec::new();
    if let Some(s) = place.style {
        a.push(("table:style-name", s.to_string()));
    }
    if let Some((rows, cols)) = place.spans {
        a.push(("table:number-columns-spanned", cols.to_string()));
        a.push(("table:number-rows-spanned", rows.to_string()));
    }
    if let Some(v) = place.validation {
        a.push(("table:content-validation-name", v.to_string()));
    }
    if let Some(f) = cell.formula.as_deref()
        && let Some(text) = calc.formula(sheet, pos, f)
    {
        a.push(("table:formula", text));
        // An array formula is held by its range's first cell (ODF 1.3 §19.685-686).
        if let FormulaKind::Array { range } = &f.kind {
            a.push((
                "table:number-matrix-columns-spanned",
                range.cols().to_string(),
            ));
            a.push(("table:number-matrix-rows-spanned", range.rows().to_string()));
        }
    } else if cell.formula.is_none()
        && let Value::Error(e) = &cell.value
        && ERRORS.contains(&e.as_str())
    {
        // ODF has no error value type, but OpenFormula's expression syntax has error literals
        // (ODF 1.3 part 4, "Error" in the formula grammar): `=#DIV/0!` makes the cell the
        // error itself, so formulas that test or pass it on (ISERROR, ERROR.TYPE, IFERROR) see
        // an error, not its text. LibreOffice writes such cells the same way.
        a.push(("table:formula", ["of:=", e].concat()));
    }
    let shown: Option<String> = match &cell.value {
        Value::Empty => None,
        Value::Number(n) => {
            a.extend(calc.number_value(*n, cell.style));
            Some(general(*n))
        }
        Value::Bool(b) => {
            a.push(("office:value-type", "boolean".into()));
            a.push(("office:boolean-value", b.to_string()));
            Some(if *b { "TRUE" } else { "FALSE" }.into())
        }
        Value::Date(d) => {
            // ST_Xstring ISO 8601 as xsd:dateTime (time zones dropped: cells have none).
            let d = d.trim_end_matches('Z');
            a.push(("office:value-type", "date".into()));
            a.push(("office:date-value", d.to_string()));
            Some(d.to_string())
        }
        // ODF has no error value; the error's text is what Excel shows.
        Value::Error(e) => {
            a.push(("office:value-type", "string".into()));
            Some(e.clone())
        }
        Value::String(_) | Value::RichText(_) => {
            a.push(("office:value-type", "string".into()));
            None
        }
    };
    x.start_owned(tag, &a);
    let adorn = Adornments::of(wb.sheets.get(sheet), pos);
    adorn.annotation(x, runs);
    match &cell.value {
        Value::String(s) => paragraphs(x, s, &adorn),
        Value::RichText(r) => {
            let base = wb
                .styles
                .get(cell.style as usize)
                .map(|s| s.font.clone())
                .unwrap_or_default();
            // A line feed starts a new paragraph, as in plain strings: LibreOffice keeps the
            // lines of a cell as paragraphs and shows a text:line-break as nothing.
            adorn.open(x);
            let mut first = true;
            for run in r.iter() {
                let styled = match &run.font {
                    Some(f) if f != &base => Some(runs.name(f, &base)),
                    _ => None,
                };
                for (i, line) in run.text.split('\n').enumerate() {
                    if i > 0 {
                        adorn.close(x);
                        adorn.open(x);
                        first = true;
                    }
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    if line.is_empty() {
                        continue;
                    }
                    match &styled {
                        Some(name) => {
                            x.start("text:span", &[("text:style-name", name)]);
                            write_text(x, line, first);
                            x.end("text:span");
                        }
                        None => write_text(x, line, first),
                    }
                    first = false;
                }
            }
            adorn.close(x);
        }
        _ => {
            if let Some(s) = shown {
                adorn.open(x);
                write_text(x, &s, true);
                adorn.close(x);
            }
        }
    }
    if let Some(shapes) = place.shapes {
        x.append_copy(shapes);
    }
    x.end(tag);
}

/// A string as one paragraph per line, as ODF spreadsheets keep multi-line cells.
fn paragraphs(x: &mut XmlWriter, s: &str, adorn: &Adornments<'_>) {
    for line in s.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        adorn.open(x);
        write_text(x, line, true);
        adorn.close(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_format() {
        assert_eq!(general(1.0), "1");
        assert_eq!(general(0.1), "0.1");
        assert_eq!(general(-2.5), "-2.5");
        assert_eq!(general(1.0 / 3.0), "0.3333333333");
        assert_eq!(general(123456789.0), "123456789");
        assert_eq!(general(1e15), "1E+15");
        assert_eq!(general(1.5e-12), "1.5E-12");
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(1234567.891), "1234567.891");
        assert_eq!(general(12345678901.5), "12345678902");
        assert_eq!(general(-1200.0), "-1200");
        assert_eq!(general(0.000123), "0.000123");
        assert_eq!(general(2.0 / 3.0 * 1e-5), "0.000006666666667");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(1e300), "1e300");
    }
}
