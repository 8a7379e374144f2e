//! Puts computed pivot tables into the workbook: their records from the source cells, the
//! cells LibreOffice's DataPilot draws in place of the ones Excel last showed, a "DPCache_"
//! sheet with the cached records where the source range is gone (as LibreOffice's import
//! does), and findings for tables that keep Excel's cells.

use std::collections::HashMap;

use crate::findings::{FindingKind, Findings};
use crate::sheet::pivot::{PivotSource, PivotTable, PivotValue, ShowAs};
use crate::sheet::pivot_layout::layout;
use crate::sheet::{Cell, CellStyle, Pos, Range, Row, Sheet, Value, Workbook};

use super::pivot::{Read_, iso_serial};

/// Most records read from source cells.
const MAX_RECORDS: u32 = 1_000_000;

fn pivot_value(v: &Value, date1904: bool) -> PivotValue {
    match v {
        Value::Empty => PivotValue::Empty,
        Value::Number(n) => PivotValue::Number(*n),
        // An empty text is an empty member, as the DataPilot's cache takes it.
        Value::String(s) if s.is_empty() => PivotValue::Empty,
        Value::String(s) => PivotValue::Text(s.clone()),
        Value::RichText(_) => PivotValue::Text(v.text().unwrap_or_default().into()),
        Value::Bool(b) => PivotValue::Bool(*b),
        Value::Error(e) => PivotValue::Error(e.clone()),
        Value::Date(d) => iso_serial(d, date1904).map_or(PivotValue::Empty, PivotValue::Number),
    }
}

/// The columns of the source range that hold the cache's fields: by header text, else by
/// position; none for fields without a column (`None` names).
fn columns(sheet: &Sheet, src: &PivotSource, names: &[Option<String>]) -> Vec<Option<u32>> {
    let header: HashMap<String, u32> = sheet
        .rows
        .iter()
        .find(|r| r.index == src.range.first.0)
        .map(|r| {
            r.cells
                .iter()
                .filter(|(c, _)| (src.range.first.1..=src.range.last.1).contains(c))
                .filter_map(|(c, cell)| {
                    let t = match &cell.value {
                        Value::Number(n) => crate::ods::cells::general(*n),
                        v => v.text()?,
                    };
                    Some((t.trim().to_lowercase(), *c))
                })
                .collect()
        })
        .unwrap_or_default();
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let n = n.as_ref()?;
            header.get(&n.trim().to_lowercase()).copied().or_else(|| {
                let c = src.range.first.1 + i as u32;
                (c <= src.range.last.1).then_some(c)
            })
        })
        .collect()
}

/// The records of the source range (below its header row) as the cells hold them; empty
/// rows at the end are left out, as the DataPilot shrinks its source to the data. Date-times
/// of fields marked in `dates` are cut to the second, as the cache's items are.
pub fn records(
    wb: &Workbook,
    src: &PivotSource,
    names: &[Option<String>],
    dates: &[bool],
) -> Option<Vec<Vec<PivotValue>>> {
    let sheet = wb.sheets.iter().find(|s| s.name == src.sheet)?;
    let cols = columns(sheet, src, names);
    let first = src.range.first.0 + 1;
    let last = sheet
        .rows
        .iter()
        .filter(|r| (first..=src.range.last.0).contains(&r.index))
        .filter(|r| {
            r.cells.iter().any(|(c, cell)| {
                (src.range.first.1..=src.range.last.1).contains(c) && cell.value != Value::Empty
            })
        })
        .map(|r| r.index)
        .max()
        // A range without data still has its (empty) records, at least the first.
        .unwrap_or(first);
    if first > src.range.last.0 {
        return None;
    }
    let rows = (last - first + 1) as usize;
    if last - first >= MAX_RECORDS || rows.saturating_mul(names.len()) > super::pivot::MAX_VALUES {
        return None;
    }
    let mut out = vec![vec![PivotValue::Empty; names.len()]; (last - first + 1) as usize];
    for r in sheet
        .rows
        .iter()
        .filter(|r| (first..=last).contains(&r.index))
    {
        let rec = &mut out[(r.index - first) as usize];
        for (i, c) in cols.iter().enumerate() {
            if let Some(c) = c
                && let Ok(k) = r.cells.binary_search_by_key(c, |(cc, _)| *cc)
            {
                rec[i] = match pivot_value(&r.cells[k].1.value, wb.date1904) {
                    PivotValue::Number(n) if dates.get(i) == Some(&true) => {
                        PivotValue::Number((n * 86_400.0 + 1e-6).floor() / 86_400.0)
                    }
                    v => v,
                };
            }
        }
    }
    Some(out)
}

/// Removes the cells of `range` from a sheet.
fn clear(sheet: &mut Sheet, range: &Range) {
    for r in sheet.rows.iter_mut() {
        if (range.first.0..=range.last.0).contains(&r.index) {
            r.cells
                .retain(|(c, _)| !(range.first.1..=range.last.1).contains(c));
        }
    }
}

fn put(sheet: &mut Sheet, (r, c): Pos, cell: Cell) {
    let i = match sheet.rows.binary_search_by_key(&r, |row| row.index) {
        Ok(i) => i,
        Err(i) => {
            sheet.rows.insert(
                i,
                Row {
                    index: r,
                    ..Row::default()
                },
            );
            i
        }
    };
    let cells = &mut sheet.rows[i].cells;
    match cells.binary_search_by_key(&c, |(cc, _)| *cc) {
        Ok(k) => cells[k].1 = cell,
        Err(k) => cells.insert(k, (c, cell)),
    }
}

/// A cell format with the number format `(id, code)` and otherwise the default format.
fn number_style(
    wb: &mut Workbook,
    (id, code): (u32, String),
    made: &mut HashMap<String, u32>,
) -> u32 {
    let base = wb.styles.first().cloned().unwrap_or_default();
    if code == base.num_fmt {
        return 0;
    }
    if let Some(s) = made.get(&code) {
        return *s;
    }
    let idx = wb.styles.len() as u32;
    made.insert(code.clone(), idx);
    wb.styles.push(CellStyle {
        num_fmt: code,
        num_fmt_id: id,
        ..base
    });
    idx
}

/// The first number format other than General in a source column: the DataPilot shows a
/// data field's results in it (counts excepted).
fn source_style(wb: &Workbook, t: &PivotTable, field: usize) -> u32 {
    let Some(src) = &t.source else { return 0 };
    let Some(sheet) = wb.sheets.iter().find(|s| s.name == src.sheet) else {
        return 0;
    };
    let names: Vec<Option<String>> = t.fields.iter().map(|f| Some(f.name.clone())).collect();
    let Some(Some(col)) = columns(sheet, src, &names).get(field).copied() else {
        return 0;
    };
    sheet
        .rows
        .iter()
        .filter(|r| r.index > src.range.first.0 && r.index <= src.range.last.0)
        .find_map(|r| {
            let k = r.cells.binary_search_by_key(&col, |(c, _)| *c).ok()?;
            let cell = &r.cells[k].1;
            let general = wb
                .styles
                .get(cell.style as usize)
                .is_none_or(|s| s.num_fmt.eq_ignore_ascii_case("general"));
            (matches!(cell.value, Value::Number(_) | Value::Date(_)) && !general)
                .then_some(cell.style)
        })
        .unwrap_or(0)
}

/// A sheet holding a pivot table's cached records under their field names, standing in for
/// a source range that no longer exists; LibreOffice names it "DPCache_" and the source.
fn cache_sheet(wb: &mut Workbook, t: &mut PivotTable) -> Option<String> {
    let src = t.source.as_mut()?;
    let mut name = format!("DPCache_{}", src.sheet);
    let mut n = 1;
    while wb.sheets.iter().any(|s| s.name.eq_ignore_ascii_case(&name)) {
        n += 1;
        name = format!("DPCache_{}_{n}", src.sheet);
    }
    let ncols = t.source_fields.len().max(1) as u32;
    let mut sheet = Sheet {
        name: name.clone(),
        default_col_width: wb.sheets.first().map_or(48.0, |s| s.default_col_width),
        default_row_height: wb.sheets.first().map_or(15.0, |s| s.default_row_height),
        ..Sheet::default()
    };
    let text = |s: &str| Cell {
        value: Value::String(s.into()),
        ..Cell::default()
    };
    sheet.rows.push(Row {
        index: 0,
        cells: (0u32..)
            .zip(&t.source_fields)
            .map(|(c, f)| (c, text(f)))
            .collect(),
        ..Row::default()
    });
    for (i, rec) in t.records.iter().enumerate() {
        let cells = (0u32..)
            .zip(rec)
            .filter(|(_, v)| **v != PivotValue::Empty)
            .map(|(c, v)| {
                let value = match v {
                    PivotValue::Number(n) => Value::Number(*n),
                    PivotValue::Text(s) => Value::String(s.clone()),
                    PivotValue::Bool(b) => Value::Bool(*b),
                    PivotValue::Error(e) => Value::Error(e.clone()),
                    PivotValue::Empty => Value::Empty,
                };
                (
                    c,
                    Cell {
                        value,
                        ..Cell::default()
                    },
                )
            })
            .collect();
        sheet.rows.push(Row {
            index: i as u32 + 1,
            cells,
            ..Row::default()
        });
    }
    src.range = Range {
        first: (0, 0),
        last: (t.records.len() as u32, ncols - 1),
    };
    src.sheet = name.clone();
    wb.sheets.push(sheet);
    Some(name)
}

/// Computes the pivot tables read and puts their cells into the workbook.
pub fn apply(wb: &mut Workbook, tables: Vec<(String, Read_)>, findings: &mut Findings) {
    let mut made = HashMap::new();
    for (part, read) in tables {
        let mut t = match read {
            Ok(t) => t,
            Err((table, reason)) => {
                findings.add(FindingKind::PivotKept { table, reason }, Some(&part));
                continue;
            }
        };
        if t.sheet >= wb.sheets.len() {
            continue;
        }
        for k in 0..t.data.len() {
            let d = &t.data[k];
            // Shares show as percentages with two decimals, as the DataPilot formats them;
            // counts as plain numbers; other results in the source field's format.
            let format = if d.show_as != ShowAs::Normal {
                (10, "0.00%".to_string())
            } else {
                let style = if d.function.is_count() {
                    0
                } else {
                    source_style(wb, &t, d.field)
                };
                wb.styles
                    .get(style as usize)
                    .map_or((0, "General".into()), |s| (s.num_fmt_id, s.num_fmt.clone()))
            };
            t.data[k].style = number_style(wb, format, &mut made);
        }
        let Some((range, cells)) = layout(&t) else {
            findings.add(
                FindingKind::PivotKept {
                    table: t.name.clone(),
                    reason: "it is too large to compute or does not fit the sheet".into(),
                },
                Some(&part),
            );
            continue;
        };
        if t.source_missing {
            let sheet = cache_sheet(wb, &mut t).unwrap_or_default();
            findings.add(
                FindingKind::PivotCacheSheet {
                    table: t.name.clone(),
                    sheet,
                },
                Some(&part),
            );
        }
        // Excel's cells: the location and, above it, its page fields.
        let pages = t.pages.len() as u32;
        let mut excel = t.location;
        if pages > 0 {
            excel.first.0 = excel.first.0.saturating_sub(pages + 1);
            excel.last.1 = excel.last.1.max(excel.first.1 + 1);
        }
        let sheet = &mut wb.sheets[t.sheet];
        clear(sheet, &excel);
        clear(sheet, &range);
        for (pos, c) in cells {
            let cell = Cell {
                value: c.value,
                style: c.style.unwrap_or(0),
                formula: None,
            };
            put(sheet, pos, cell);
        }
        t.output = Some(range);
        wb.pivots.push(t);
    }
}
