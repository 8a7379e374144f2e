//! Reads binary workbooks (BIFF8/BIFF5 `.xls` per MS-XLS, `.xlsb` per MS-XLSB) through the
//! calamine crate into the spreadsheet model, so the ODS writer handles them like SpreadsheetML.
//!
//! calamine gives sheet names, order and visibility, cell values, formula text in Excel's A1
//! syntax, merged cells (xls) and defined names; it gives no fonts, fills, borders, column widths
//! or number formats (only whether a number is a date). For xls, [`crate::biff`] reads those
//! from the records and lays them over calamine's cells by position; for xlsb they are lost.
//! What is lost is reported once per file.

use std::io::{Read, Seek};
use std::sync::Arc;

use calamine::{Data, Reader, SheetType, SheetVisible, Xls, Xlsb};

use crate::calamine_fix;
use crate::convert::ConvertError;
use crate::findings::{FindingKind, Findings};
use crate::sheet::{
    self, Cell, CellStyle, DefinedName, Formula, FormulaKind, MAX_COLS, MAX_ROWS, Value,
    Visibility, Workbook,
};

/// The most cells read from one workbook, as for SpreadsheetML (the xlsx reader's limit), so a
/// hostile file cannot make the model grow without bound.
pub const MAX_CELLS: u64 = 20_000_000;

/// Style indexes of the date styles this reader adds (index 0 is the default style).
const STYLE_DATE: u32 = 1;
const STYLE_DATE_TIME: u32 = 2;
const STYLE_TIME: u32 = 3;
const STYLE_DURATION: u32 = 4;

/// Which binary format to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryFormat {
    Xls,
    Xlsb,
}

impl BinaryFormat {
    fn name(self) -> &'static str {
        match self {
            Self::Xls => "xls",
            Self::Xlsb => "xlsb",
        }
    }
}

fn unreadable(format: BinaryFormat, reason: impl std::fmt::Display) -> ConvertError {
    ConvertError::Binary {
        format: format.name(),
        reason: reason.to_string(),
    }
}

/// Reads a binary workbook into the model, with the findings about what was not carried.
pub fn read<R: Read + Seek>(
    mut reader: R,
    format: BinaryFormat,
) -> Result<(Workbook, Findings), ConvertError> {
    let mut wb = Workbook {
        styles: base_styles(),
        ..Workbook::default()
    };
    let mut budget = MAX_CELLS;
    let mut not_carried: Vec<String> = Vec::new();
    let mut findings = Findings::default();
    match format {
        BinaryFormat::Xls => {
            let mut file = Vec::new();
            reader
                .by_ref()
                .take(crate::biff::MAX_STREAM * 2)
                .read_to_end(&mut file)
                .map_err(|e| unreadable(format, e))?;
            let mut book =
                Xls::new(std::io::Cursor::new(&file)).map_err(|e| unreadable(format, e))?;
            wb.date1904 = book.has_1904_epoch();
            let sheet_names = book.sheet_names();
            let formatting = match crate::biff::read(&file, &mut budget) {
                Ok(f) => {
                    wb.styles = f.styles.clone();
                    not_carried.extend(crate::biff::not_carried(&f).into_iter().map(String::from));
                    Some(f)
                }
                Err(e) => {
                    not_carried.push(format!("{XLSB_FORMATTING} ({e})"));
                    None
                }
            };
            let (digit_px, row_pt) = crate::xlsx::default_font_metrics(&wb);
            for (index, meta) in book.sheets_metadata().to_vec().into_iter().enumerate() {
                if !is_cell_sheet(meta.typ) {
                    continue;
                }
                let mut sheet = new_sheet(&meta);
                let layout = formatting
                    .as_ref()
                    .and_then(|f| Some((f, f.sheet(&meta.name, index)?)));
                // calamine lists the sheets in the order of the sheet list (BoundSheet8).
                if formatting.as_ref().is_some_and(|f| f.active == index) {
                    wb.active_sheet = wb.sheets.len();
                }
                let values = book
                    .worksheet_range(&meta.name)
                    .map_err(|e| unreadable(format, e))?;
                // A sheet without formulas may have no formula range at all.
                let formulas = book.worksheet_formula(&meta.name).ok();
                let mut cells = Vec::new();
                if let Some((r0, c0)) = values.start() {
                    for (r, c, v) in values.used_cells() {
                        let pos = (r0.saturating_add(r as u32), c0.saturating_add(c as u32));
                        cells.push((pos, v.clone()));
                    }
                }
                let biff8 = formatting.as_ref().is_some_and(|f| f.is_biff8());
                let mut forms = Vec::new();
                if let Some(f) = &formulas
                    && let Some((r0, c0)) = f.start()
                {
                    for (r, c, text) in f.used_cells() {
                        if !text.is_empty() {
                            let text = if biff8 {
                                calamine_fix::ref3d(text)
                            } else {
                                text.clone()
                            };
                            let text = calamine_fix::quote_sheets(&text, &sheet_names);
                            forms.push((
                                (r0.saturating_add(r as u32), c0.saturating_add(c as u32)),
                                text,
                            ));
                        }
                    }
                }
                let styled = layout.map(|(f, sf)| f.cell_styles(sf));
                if styled.is_some() {
                    // The XFs say which numbers are dates; calamine's guess is not needed.
                    for (_, v) in &mut cells {
                        if let Data::DateTime(d) = v {
                            *v = Data::Float(d.as_f64());
                        }
                    }
                }
                fill_sheet(&mut sheet, cells, forms, &mut budget, format)?;
                if let Some(styled) = styled {
                    style_cells(&mut sheet, styled, &mut budget, format)?;
                }
                if let Some((f, sf)) = layout {
                    f.apply(&mut sheet, sf, digit_px, row_pt);
                    set_rich_text(&mut sheet, f.rich_cells(sf));
                    // Counted before the formulas into other workbooks are dropped.
                    let lost = formulas_lost(&mut sheet, &sf.formulas);
                    for pos in &sf.external {
                        if drop_formula(&mut sheet, *pos).is_some() {
                            findings.add(
                                FindingKind::FormulaValueOnly {
                                    reason: "the formula refers to another workbook; links to \
                                             other files are not carried over, the last \
                                             calculated value is kept"
                                        .into(),
                                },
                                Some(&sheet.name),
                            );
                        }
                    }
                    for _ in 0..lost {
                        findings.add(
                            FindingKind::FormulaValueOnly {
                                reason: "calamine cannot decode the formula's tokens".into(),
                            },
                            Some(&sheet.name),
                        );
                    }
                }
                if let Ok(merges) = book.merge_cells_by_sheet_name(&meta.name) {
                    sheet.merged = merges
                        .iter()
                        .filter(|d| d.start.0 <= d.end.0 && d.start.1 <= d.end.1)
                        .filter(|d| d.end.0 < MAX_ROWS && d.end.1 < MAX_COLS)
                        .map(|d| sheet::Range {
                            first: d.start,
                            last: d.end,
                        })
                        .collect();
                }
                wb.sheets.push(sheet);
            }
            wb.defined_names = names(book.defined_names(), &sheet_names, &mut findings);
        }
        BinaryFormat::Xlsb => {
            let mut book = Xlsb::new(reader).map_err(|e| unreadable(format, e))?;
            wb.date1904 = book.has_1904_epoch();
            let sheet_names = book.sheet_names();
            for meta in book.sheets_metadata().to_vec() {
                if !is_cell_sheet(meta.typ) {
                    continue;
                }
                let mut sheet = new_sheet(&meta);
                // The streaming cell reader keeps memory to the cells present; calamine's
                // `worksheet_range` would allocate the whole bounding rectangle.
                let mut cells = Vec::new();
                let mut left = budget;
                {
                    let mut rd = book
                        .worksheet_cells_reader(&meta.name)
                        .map_err(|e| unreadable(format, e))?;
                    while let Some(cell) = rd.next_cell().map_err(|e| unreadable(format, e))? {
                        let v: Data = cell.get_value().clone().into();
                        if v == Data::Empty {
                            continue;
                        }
                        left = take(left, format)?;
                        cells.push((cell.get_position(), v));
                    }
                }
                let mut forms = Vec::new();
                {
                    let mut rd = book
                        .worksheet_cells_reader(&meta.name)
                        .map_err(|e| unreadable(format, e))?;
                    while let Some(cell) = rd.next_formula().map_err(|e| unreadable(format, e))? {
                        if cell.get_value().is_empty() {
                            continue;
                        }
                        left = take(left, format)?;
                        forms.push((
                            cell.get_position(),
                            calamine_fix::quote_sheets(cell.get_value(), &sheet_names),
                        ));
                    }
                }
                let _ = left;
                fill_sheet(&mut sheet, cells, forms, &mut budget, format)?;
                wb.sheets.push(sheet);
            }
            wb.defined_names = names(book.defined_names(), &sheet_names, &mut findings);
        }
    }
    if wb.sheets.is_empty() {
        return Err(unreadable(format, "the workbook has no worksheet"));
    }
    if format == BinaryFormat::Xlsb {
        not_carried.push(XLSB_FORMATTING.into());
    }
    if !not_carried.is_empty() {
        findings.add(
            FindingKind::BinaryFormattingNotCarried {
                format: format.name().into(),
                detail: not_carried.join("; "),
            },
            None,
        );
    }
    Ok((wb, findings))
}

/// The cell at a position, if the sheet has one.
fn cell_at(sheet: &mut sheet::Sheet, (r, c): (u32, u32)) -> Option<&mut Cell> {
    let ri = sheet.rows.binary_search_by_key(&r, |row| row.index).ok()?;
    let cells = &mut sheet.rows[ri].cells;
    let ci = cells.binary_search_by_key(&c, |(col, _)| *col).ok()?;
    Some(&mut cells[ci].1)
}

/// Gives the cells with formatting runs their rich text, where its text is the cell's (the
/// string calamine read for the same shared string index).
fn set_rich_text(sheet: &mut sheet::Sheet, cells: Vec<((u32, u32), Vec<sheet::Run>)>) {
    for (pos, runs) in cells {
        let Some(cell) = cell_at(sheet, pos) else {
            continue;
        };
        let runs: Vec<sheet::Run> = runs
            .into_iter()
            .map(|r| sheet::Run {
                text: xml_text(&r.text),
                font: r.font,
            })
            .collect();
        let same = matches!(&cell.value, Value::String(s)
            if s.len() == runs.iter().map(|r| r.text.len()).sum::<usize>()
                && runs.iter().map(|r| r.text.as_str()).collect::<String>() == **s);
        if same {
            cell.value = Value::RichText(runs.into());
        }
    }
}

/// Takes the formula from the cell at `pos`, giving its text: the cell keeps its last value.
fn drop_formula(sheet: &mut sheet::Sheet, pos: (u32, u32)) -> Option<String> {
    cell_at(sheet, pos)?.formula.take().map(|f| f.excel_text)
}

/// Counts the FORMULA records (at `positions`) whose formula calamine did not give: those
/// cells keep their last value only.
fn formulas_lost(sheet: &mut sheet::Sheet, positions: &[(u32, u32)]) -> usize {
    positions
        .iter()
        .filter(|pos| cell_at(sheet, **pos).is_some_and(|c| c.formula.is_none()))
        .count()
}

/// What calamine alone does not give.
const XLSB_FORMATTING: &str = "cell formatting (fonts, colours, borders, column widths, row \
     heights, number formats other than dates)";

/// Gives the cells their styles (by position, sorted or not), adding the cells that have a
/// format but no value (BLANK, MULBLANK) unless their format is the default one.
fn style_cells(
    sheet: &mut sheet::Sheet,
    mut styled: Vec<((u32, u32), u32)>,
    budget: &mut u64,
    format: BinaryFormat,
) -> Result<(), ConvertError> {
    // The last record of a position wins, as for values.
    styled.sort_by_key(|(pos, _)| *pos);
    styled.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 = later.1;
        }
        same
    });
    let mut rows = std::mem::take(&mut sheet.rows).into_iter().peekable();
    let mut out: Vec<sheet::Row> = Vec::new();
    let mut styled = styled.into_iter().peekable();
    loop {
        let next_row = match (rows.peek(), styled.peek()) {
            (None, None) => break,
            (Some(r), Some(((sr, _), _))) => r.index.min(*sr),
            (Some(r), None) => r.index,
            (None, Some(((sr, _), _))) => *sr,
        };
        let mut row = match rows.next_if(|r| r.index == next_row) {
            Some(r) => r,
            None => sheet::Row {
                index: next_row,
                ..sheet::Row::default()
            },
        };
        let mut cells = std::mem::take(&mut row.cells).into_iter().peekable();
        let mut merged: Vec<(u32, Cell)> = Vec::new();
        while let Some(((_, c), style)) = styled.next_if(|((r, _), _)| *r == next_row) {
            while let Some(cell) = cells.next_if(|(col, _)| *col < c) {
                merged.push(cell);
            }
            match cells.next_if(|(col, _)| *col == c) {
                Some((col, mut cell)) => {
                    cell.style = style;
                    merged.push((col, cell));
                }
                None if style != 0 => {
                    *budget = take(*budget, format)?;
                    merged.push((
                        c,
                        Cell {
                            style,
                            ..Cell::default()
                        },
                    ));
                }
                None => {}
            }
        }
        merged.extend(cells);
        row.cells = merged;
        if !row.cells.is_empty() {
            out.push(row);
        }
    }
    sheet.rows = out;
    Ok(())
}

/// Counts one more cell against the budget.
fn take(left: u64, format: BinaryFormat) -> Result<u64, ConvertError> {
    left.checked_sub(1)
        .ok_or_else(|| unreadable(format, format!("more than {MAX_CELLS} cells")))
}

/// Worksheets and macro sheets hold cells; chart, dialog and VBA sheets are not carried.
fn is_cell_sheet(typ: SheetType) -> bool {
    matches!(typ, SheetType::WorkSheet | SheetType::MacroSheet)
}

fn new_sheet(meta: &calamine::Sheet) -> sheet::Sheet {
    sheet::Sheet {
        name: xml_text(&meta.name),
        visibility: match meta.visible {
            SheetVisible::Visible => Visibility::Visible,
            SheetVisible::Hidden => Visibility::Hidden,
            SheetVisible::VeryHidden => Visibility::VeryHidden,
        },
        // Excel's defaults (8.43 characters of Calibri 11, 15 pt rows): calamine gives no widths.
        default_col_width: 48.0,
        default_row_height: 15.0,
        ..sheet::Sheet::default()
    }
}

/// The default style and the date styles. calamine says only that a number is a date or a
/// duration, not its format, so Excel's built-in en-US forms stand in (MS-XLS 2.4.126 Format,
/// built-in ids 14, 22, 21 and 46).
fn base_styles() -> Vec<CellStyle> {
    [
        (0, "General"),
        (14, "m/d/yyyy"),
        (22, "m/d/yyyy h:mm"),
        (21, "h:mm:ss"),
        (46, "[h]:mm:ss"),
    ]
    .into_iter()
    .map(|(id, code)| CellStyle {
        num_fmt_id: id,
        num_fmt: code.into(),
        ..CellStyle::default()
    })
    .collect()
}

/// Puts values and formulas (each with its zero-based position) into the sheet's sparse rows.
fn fill_sheet(
    sheet: &mut sheet::Sheet,
    mut cells: Vec<((u32, u32), Data)>,
    forms: Vec<((u32, u32), String)>,
    budget: &mut u64,
    format: BinaryFormat,
) -> Result<(), ConvertError> {
    cells.retain(|((r, c), _)| *r < MAX_ROWS && *c < MAX_COLS);
    let mut map: std::collections::BTreeMap<(u32, u32), Cell> = std::collections::BTreeMap::new();
    for (pos, v) in cells {
        *budget = take(*budget, format)?;
        map.insert(pos, to_cell(&v));
    }
    for (pos, text) in forms {
        if pos.0 >= MAX_ROWS || pos.1 >= MAX_COLS {
            continue;
        }
        let text = text.strip_prefix('=').unwrap_or(&text).to_string();
        let cell = match map.entry(pos) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                *budget = take(*budget, format)?;
                e.insert(Cell::default())
            }
        };
        cell.formula = Some(Box::new(Formula {
            excel_text: text,
            kind: FormulaKind::Normal,
        }));
    }
    for ((r, c), cell) in map {
        if sheet.rows.last().is_none_or(|row| row.index != r) {
            sheet.rows.push(sheet::Row {
                index: r,
                ..sheet::Row::default()
            });
        }
        if let Some(row) = sheet.rows.last_mut() {
            row.cells.push((c, cell));
        }
    }
    Ok(())
}

/// One value as a model cell; dates stay serial numbers with a date style.
fn to_cell(v: &Data) -> Cell {
    let (value, style) = match v {
        Data::Int(i) => (Value::Number(*i as f64), 0),
        Data::Float(f) => (Value::Number(*f), 0),
        Data::String(s) => (Value::String(Arc::from(xml_text(s))), 0),
        Data::Bool(b) => (Value::Bool(*b), 0),
        Data::Error(e) => (Value::Error(e.to_string()), 0),
        Data::DateTime(d) => {
            let n = d.as_f64();
            let style = if d.is_duration() {
                STYLE_DURATION
            } else if n.fract() == 0.0 {
                STYLE_DATE
            } else if (0.0..1.0).contains(&n) {
                STYLE_TIME
            } else {
                STYLE_DATE_TIME
            };
            (Value::Number(n), style)
        }
        Data::DateTimeIso(s) => (Value::Date(s.clone()), STYLE_DATE_TIME),
        Data::DurationIso(s) => (Value::String(Arc::from(s.as_str())), 0),
        Data::Empty => (Value::Empty, 0),
    };
    Cell {
        value,
        formula: None,
        style,
    }
}

/// The built-in names of MS-XLS 2.4.150 Lbl (fBuiltin), which BIFF stores as one character
/// code; SpreadsheetML spells them `_xlnm.Name` (ECMA-376-1 §18.2.5), as the ODS writer expects.
const BUILTIN_NAMES: [&str; 14] = [
    "Consolidate_Area",
    "Auto_Open",
    "Auto_Close",
    "Extract",
    "Database",
    "Criteria",
    "Print_Area",
    "Print_Titles",
    "Recorder",
    "Data_Form",
    "Auto_Activate",
    "Auto_Deactivate",
    "Sheet_Title",
    "_FilterDatabase",
];

fn name_of(raw: &str) -> Option<String> {
    let mut chars = raw.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && let Some(b) = BUILTIN_NAMES.get(c as usize)
    {
        return Some(format!("_xlnm.{b}"));
    }
    // Any other control character makes no valid name (and no valid XML).
    (!raw.is_empty() && !raw.chars().any(char::is_control)).then(|| raw.to_string())
}

/// Drops characters XML 1.0 cannot carry (§2.2 Char): BIFF strings may hold any UTF-16 unit.
fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !(c.is_control() && (c as u32) < 0x20))
        .filter(|&c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

/// The defined names, their sheet names quoted; a name whose definition calamine could not
/// decode is left out with a finding.
fn names(
    list: &[(String, String)],
    sheets: &[String],
    findings: &mut Findings,
) -> Vec<DefinedName> {
    let mut out = Vec::new();
    for (n, f) in list.iter().filter(|(_, f)| !f.is_empty()) {
        let Some(name) = name_of(n) else { continue };
        if calamine_fix::is_placeholder(f) {
            findings.add(
                FindingKind::FormulaValueOnly {
                    reason: "calamine cannot decode the name's definition".into(),
                },
                Some(&format!("name {name}")),
            );
            continue;
        }
        out.push(DefinedName {
            name,
            formula: calamine_fix::quote_sheets(f.strip_prefix('=').unwrap_or(f), sheets),
            local_sheet: None,
            hidden: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_serials_with_a_date_style() {
        let d = calamine::ExcelDateTime::new(45000.0, calamine::ExcelDateTimeType::DateTime, false);
        let c = to_cell(&Data::DateTime(d));
        assert_eq!(c.value, Value::Number(45000.0));
        assert_eq!(base_styles()[c.style as usize].num_fmt, "m/d/yyyy");
        let t = calamine::ExcelDateTime::new(0.5, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(to_cell(&Data::DateTime(t)).style, STYLE_TIME);
    }

    #[test]
    fn formulas_calamine_lost_are_counted() {
        let mut s = sheet::Sheet::default();
        let mut budget = 10;
        fill_sheet(
            &mut s,
            vec![((0, 0), Data::Float(1.0)), ((0, 1), Data::Bool(true))],
            vec![((0, 0), "1".into())],
            &mut budget,
            BinaryFormat::Xls,
        )
        .ok();
        // (0, 0) has its formula, (0, 1) lost it, (5, 5) has no cell at all.
        assert_eq!(formulas_lost(&mut s, &[(0, 0), (0, 1), (5, 5)]), 1);
        // A formula dropped (it refers to another workbook) keeps the cell's value.
        assert_eq!(drop_formula(&mut s, (0, 0)).as_deref(), Some("1"));
        assert_eq!(drop_formula(&mut s, (0, 0)), None);
        assert_eq!(s.rows[0].cells[0].1.value, Value::Number(1.0));
    }

    #[test]
    fn builtin_names_and_control_characters() {
        assert_eq!(name_of("\u{6}").as_deref(), Some("_xlnm.Print_Area"));
        assert_eq!(name_of("Total").as_deref(), Some("Total"));
        assert_eq!(name_of("a\u{1}b"), None);
        assert_eq!(name_of("\u{1f}"), None);
        assert_eq!(xml_text("a\u{6}b\tc\u{FFFF}"), "ab\tc");
    }

    #[test]
    fn garbage_is_a_clear_error() {
        let e = read(
            std::io::Cursor::new(b"not a workbook".to_vec()),
            BinaryFormat::Xls,
        );
        let msg = e.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("xls"), "{msg}");
        let e = read(std::io::Cursor::new(vec![0u8; 64]), BinaryFormat::Xlsb);
        assert!(e.is_err());
    }

    #[test]
    fn formulas_join_their_cached_values() {
        let mut s = sheet::Sheet::default();
        let mut budget = 10;
        fill_sheet(
            &mut s,
            vec![((0, 0), Data::Float(1.0)), ((0, 1), Data::Float(2.0))],
            vec![((0, 1), "=A1*2".into()), ((3, 0), "SUM(A1:B1)".into())],
            &mut budget,
            BinaryFormat::Xls,
        )
        .ok();
        assert_eq!(s.rows.len(), 2);
        let b1 = &s.rows[0].cells[1].1;
        assert_eq!(b1.value, Value::Number(2.0));
        assert_eq!(
            b1.formula.as_ref().map(|f| f.excel_text.as_str()),
            Some("A1*2")
        );
        assert_eq!(budget, 7);
        let mut tiny = 1;
        let r = fill_sheet(
            &mut s,
            vec![((0, 0), Data::Float(1.0)), ((0, 1), Data::Float(2.0))],
            vec![],
            &mut tiny,
            BinaryFormat::Xls,
        );
        assert!(r.is_err());
    }
}
