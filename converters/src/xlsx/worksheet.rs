//! A worksheet part (ECMA-376-1 §18.3), read as a stream: a sheet can hold millions of cells,
//! so no element tree is built. Cells go into the sparse model; claimed dimensions allocate
//! nothing.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use crate::error::DetectError;
use crate::sheet::{
    Cell, ColRange, Formula, FormulaKind, Frozen, MAX_COLS, MAX_ROWS, Range, Row, Sheet, Value,
    parse_range, parse_ref,
};
use crate::xml;

use super::strings::unescape;
use super::styles::Colors;

/// Cells one workbook may hold: at about 40 bytes a cell this stays under a gigabyte.
pub const MAX_CELLS: u64 = 20_000_000;
/// Element nesting a worksheet may have; real ones stay below ten.
const MAX_DEPTH: usize = 512;
/// Merged ranges one sheet may hold.
const MAX_MERGES: usize = 1_000_000;
/// Elements one rules subtree (conditional formats, validations, extensions) may have; it is
/// read as a tree, and real ones have a few thousand.
const MAX_RULE_ELEMENTS: usize = 1_000_000;

/// What the reader needs from the workbook.
pub struct Context<'a> {
    pub strings: &'a [Value],
    pub colors: &'a Colors,
    /// Width of one digit of the default font in pixels (§18.3.1.13 col width).
    pub digit_px: f64,
    /// Height of a row of the default font, in points.
    pub font_row_height: f64,
    /// Cells read so far in the workbook, against [`MAX_CELLS`].
    pub cells: &'a mut u64,
}

/// What a worksheet refers to elsewhere in the package.
#[derive(Debug, Default)]
pub struct Refs {
    /// Relationship ids of table parts (tableParts/tablePart).
    pub tables: Vec<String>,
    /// Elements read but not converted, by name (once each).
    pub unsupported: BTreeSet<String>,
    /// Rows and cells left out because they lie beyond the sheet's limits (or have no valid
    /// reference at all).
    pub beyond_limits: u64,
    /// What the conditional formats, validations and extensions left behind.
    pub lost: super::rules::Lost,
    /// Small sections kept as trees for the modules that convert them (hyperlinks, autoFilter,
    /// print setup, sheetProtection, legacyDrawing, sheetPr/pageSetUpPr).
    pub kept: Vec<crate::dom::Element>,
}

/// Worksheet sections read as trees (see [`Refs::kept`]).
const KEPT: [&str; 10] = [
    "rowBreaks",
    "colBreaks",
    "hyperlinks",
    "autoFilter",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "printOptions",
    "sheetProtection",
    "legacyDrawing",
];

fn is_x(r: &ResolveResult<'_>) -> bool {
    matches!(r, ResolveResult::Bound(Namespace(n))
        if *n == b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
            || *n == b"http://purl.oclc.org/ooxml/spreadsheetml/main")
}

/// Unqualified attributes of an element (SpreadsheetML's attributes carry no namespace), and
/// the `r:id` of relationship references as `r:id`.
fn attrs(
    reader: &quick_xml::NsReader<&[u8]>,
    e: &BytesStart<'_>,
) -> Result<Vec<(String, String)>, DetectError> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| DetectError::Xml(err.to_string()))?;
        let (resolved, local) = reader.resolver().resolve_attribute(a.key);
        let local = String::from_utf8_lossy(local.as_ref()).into_owned();
        let name = match resolved {
            ResolveResult::Unbound => local,
            ResolveResult::Bound(Namespace(n)) if n.ends_with(b"relationships") => {
                format!("r:{local}")
            }
            _ => continue,
        };
        out.push((name, xml::value(&a)?));
    }
    Ok(out)
}

fn get<'a>(a: &'a [(String, String)], name: &str) -> Option<&'a str> {
    a.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn flag(a: &[(String, String)], name: &str) -> bool {
    get(a, name).is_some_and(|v| matches!(v.trim(), "1" | "true"))
}

fn num(a: &[(String, String)], name: &str) -> Option<f64> {
    get(a, name)
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

/// A column width in characters as points: Excel's pixel formula (§18.3.1.13) at 96 dpi.
pub fn width_pt(chars: f64, digit_px: f64) -> f64 {
    let px = (((256.0 * chars + (128.0 / digit_px).trunc()) / 256.0) * digit_px).trunc();
    px.max(0.0) * 0.75
}

/// The width of columns without one of their own, in points: `width` characters
/// (defaultColWidth) where given, else `base` digits (baseColWidth) plus margins and gridline,
/// rounded up to 8 pixels (§18.3.1.81).
pub fn default_width_pt(width: Option<f64>, base: f64, digit_px: f64) -> f64 {
    match width {
        Some(w) => width_pt(w, digit_px),
        None => {
            let px = base * digit_px + 5.0;
            ((px / 8.0).ceil() * 8.0) * 0.75
        }
    }
}

/// The cell being read.
#[derive(Default)]
struct CellState {
    pos: (u32, u32),
    t: String,
    style: u32,
    v: Option<String>,
    inline: Option<String>,
    f_attrs: Option<Vec<(String, String)>>,
    f_text: String,
}

/// Which text is being collected.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Capture {
    None,
    V,
    F,
    InlineT,
}

/// Reads a worksheet into `sheet` (whose name and visibility the workbook set).
pub fn read(
    bytes: &[u8],
    part: &str,
    sheet: &mut Sheet,
    ctx: &mut Context<'_>,
) -> Result<Refs, DetectError> {
    let bad = |detail: String| DetectError::Xml(format!("{part}: {detail}"));
    let mut reader = xml::reader(bytes);
    let mut refs = Refs::default();
    // Names of the open elements (SpreadsheetML local names; others as "").
    let mut path: Vec<String> = Vec::new();
    let mut skip_depth: Option<usize> = None;
    let mut capture = Capture::None;
    let mut cell: Option<CellState> = None;
    let mut row: Option<Row> = None;
    let mut next_row: u32 = 0;
    let mut next_col: u32 = 0;
    let mut shared: HashMap<u32, ((u32, u32), String)> = HashMap::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut default_width_chars: Option<f64> = None;
    let mut base_width: f64 = 8.0;
    let mut default_height: Option<f64> = None;
    let mut pane_cursor: Option<(u32, u32)> = None;
    // The pane with the cursor (pane activePane); its selection holds the active cell.
    let mut active_pane = String::from("topLeft");
    // The rules subtree being read as a tree (conditional formats, validations, extensions).
    let mut subtree: Option<crate::dom::Builder> = None;
    let mut events = 0u64;
    loop {
        let (resolved, event) = reader
            .read_resolved_event()
            .map_err(|e| bad(e.to_string()))?;
        events += 1;
        if events.is_multiple_of(8192) {
            crate::budget::check()?;
        }
        if let Some(tree) = subtree.as_mut()
            && !matches!(event, Event::Eof)
        {
            let ns = crate::dom::resolved_ns(&resolved);
            tree.feed(&reader, ns, &event, part)?;
            if tree.done() {
                // The subtree's end tag closed the element `path` holds for it.
                path.pop();
                if let Some(el) = subtree.take().and_then(crate::dom::Builder::finish) {
                    super::rules::read(&el, sheet, &mut refs.lost);
                }
            }
            continue;
        }
        let (e, empty) = match event {
            Event::DocType(_) => {
                return Err(DetectError::Dtd {
                    part: part.to_string(),
                });
            }
            Event::Eof => break,
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                if skip_depth.is_some_and(|d| path.len() < d) {
                    skip_depth = None;
                }
                if skip_depth.is_none() {
                    end_element(
                        &name,
                        &mut capture,
                        &mut cell,
                        &mut row,
                        &mut rows,
                        &mut shared,
                        ctx,
                    )?;
                }
                continue;
            }
            Event::Text(t) => {
                if capture != Capture::None && skip_depth.is_none() {
                    let text = t.decode().map_err(|e| bad(e.to_string()))?;
                    let text = crate::xml::normalize_line_ends(&text);
                    push_text(&mut cell, capture, &text);
                }
                continue;
            }
            Event::GeneralRef(r) => {
                if capture != Capture::None && skip_depth.is_none() {
                    let ch = crate::xml::reference_text(&r).map_err(bad)?;
                    push_text(&mut cell, capture, &ch);
                }
                continue;
            }
            Event::CData(t) => {
                if capture != Capture::None && skip_depth.is_none() {
                    push_text(&mut cell, capture, &String::from_utf8_lossy(&t));
                }
                continue;
            }
            _ => continue,
        };
        let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        let x = is_x(&resolved);
        let depth = path.len();
        if !empty {
            if path.len() >= MAX_DEPTH {
                return Err(bad("nested too deeply".into()));
            }
            path.push(if x { local.clone() } else { String::new() });
        }
        if skip_depth.is_some() {
            continue;
        }
        let parent = if empty {
            path.last()
        } else {
            path.len().checked_sub(2).and_then(|i| path.get(i))
        };
        let parent = parent.map(String::as_str).unwrap_or("");
        if depth == 0 {
            continue;
        }
        if !x {
            // Markup from other namespaces (Office 2010 extensions, mc:AlternateContent around
            // controls) is not read.
            let prefix = if local == "AlternateContent" {
                "mc:"
            } else {
                ""
            };
            refs.unsupported.insert(format!("{prefix}{local}"));
            if !empty {
                skip_depth = Some(path.len());
            }
            continue;
        }
        let keep = (parent == "worksheet" && KEPT.contains(&local.as_str()))
            || (parent, local.as_str()) == ("sheetPr", "pageSetUpPr");
        // Each section appears once in a valid sheet; repeats (a hostile file could hold
        // millions) are skipped and named.
        if keep && refs.kept.iter().any(|k| k.name == local.as_str()) {
            refs.unsupported.insert(["repeated ", &local].concat());
            if !empty {
                skip_depth = Some(path.len());
            }
            continue;
        }
        if keep {
            refs.kept.push(crate::dom::subtree(
                &mut reader,
                crate::dom::Ns::X,
                &e,
                empty,
                part,
            )?);
            if !empty {
                path.pop();
            }
            continue;
        }
        let a = attrs(&reader, &e)?;
        match (parent, local.as_str()) {
            (
                "worksheet",
                "sheetPr" | "sheetViews" | "cols" | "sheetData" | "mergeCells" | "tableParts",
            ) => {}
            ("worksheet", "conditionalFormatting" | "dataValidations" | "extLst") => {
                let mut tree = crate::dom::Builder::limited(MAX_RULE_ELEMENTS);
                let event = if empty {
                    Event::Empty(e.clone())
                } else {
                    Event::Start(e.clone())
                };
                tree.feed(&reader, crate::dom::Ns::X, &event, part)?;
                if empty {
                    if let Some(el) = tree.finish() {
                        super::rules::read(&el, sheet, &mut refs.lost);
                    }
                } else {
                    subtree = Some(tree);
                }
            }
            ("worksheet", "dimension") => sheet.dimension = get(&a, "ref").and_then(parse_range),
            ("sheetPr", "tabColor") => {
                sheet.tab_color = ctx.colors.resolve(
                    get(&a, "rgb"),
                    get(&a, "theme"),
                    get(&a, "tint"),
                    get(&a, "indexed"),
                );
            }
            // Outline symbols' placement and fit-to-page are print and outline settings.
            ("sheetPr", "outlinePr") => {}
            ("sheetViews", "sheetView") => {
                // Only the first view is Excel's; more are custom views' windows.
                if get(&a, "workbookViewId").is_none_or(|v| v.trim() == "0") {
                    sheet.selected = flag(&a, "tabSelected");
                }
            }
            ("sheetView", "pane") => {
                let state = get(&a, "state").unwrap_or("split");
                active_pane = get(&a, "activePane").unwrap_or("topLeft").to_string();
                if matches!(state, "frozen" | "frozenSplit") {
                    let cols = num(&a, "xSplit").unwrap_or(0.0).clamp(0.0, MAX_COLS as f64) as u32;
                    let rows_n =
                        num(&a, "ySplit").unwrap_or(0.0).clamp(0.0, MAX_ROWS as f64) as u32;
                    let top_left = get(&a, "topLeftCell")
                        .and_then(parse_ref)
                        .unwrap_or((rows_n, cols));
                    if cols > 0 || rows_n > 0 {
                        sheet.frozen = Some(Frozen {
                            cols,
                            rows: rows_n,
                            top_left,
                        });
                    }
                } else {
                    refs.unsupported.insert("pane (split window)".into());
                }
            }
            ("sheetView", "selection") => {
                if get(&a, "pane").unwrap_or("topLeft") == active_pane {
                    pane_cursor = get(&a, "activeCell").and_then(parse_ref).or(pane_cursor);
                }
            }
            ("worksheet", "sheetFormatPr") => {
                default_width_chars = num(&a, "defaultColWidth").filter(|w| *w >= 0.0);
                base_width = num(&a, "baseColWidth")
                    .filter(|w| (0.0..=255.0).contains(w))
                    .unwrap_or(8.0);
                default_height = num(&a, "defaultRowHeight").filter(|h| (0.0..=409.5).contains(h));
                sheet.rows_hidden_by_default = flag(&a, "zeroHeight");
            }
            ("cols", "col") => {
                let min = num(&a, "min").unwrap_or(1.0).clamp(1.0, MAX_COLS as f64) as u32 - 1;
                let max = num(&a, "max").unwrap_or(1.0).clamp(1.0, MAX_COLS as f64) as u32 - 1;
                let overlaps = sheet.cols.last().is_some_and(|c| c.last >= min);
                if min <= max && !overlaps {
                    sheet.cols.push(ColRange {
                        first: min,
                        last: max,
                        width: num(&a, "width")
                            .filter(|w| (0.0..=255.0).contains(w))
                            .map(|w| width_pt(w, ctx.digit_px)),
                        hidden: flag(&a, "hidden"),
                        style: num(&a, "style").map(|s| s as u32).filter(|s| *s > 0),
                    });
                }
            }
            ("sheetData", "row") => {
                // A row beyond the sheet's limits cannot exist in Excel or Calc: it and its
                // cells are left out and counted, as LibreOffice leaves them out with a warning.
                let index = match num(&a, "r") {
                    Some(r) if r >= 1.0 && r <= MAX_ROWS as f64 => r as u32 - 1,
                    Some(_) => MAX_ROWS,
                    None => next_row,
                };
                if index >= MAX_ROWS {
                    refs.beyond_limits += 1;
                    if !empty {
                        skip_depth = Some(path.len());
                    }
                    continue;
                }
                next_row = index + 1;
                next_col = 0;
                let r = Row {
                    index,
                    height: num(&a, "ht").filter(|h| (0.0..=409.5).contains(h)),
                    custom_height: flag(&a, "customHeight"),
                    hidden: flag(&a, "hidden"),
                    style: if flag(&a, "customFormat") {
                        num(&a, "s").map(|s| s as u32)
                    } else {
                        None
                    },
                    cells: Vec::new(),
                };
                if empty {
                    rows.push(r);
                } else {
                    row = Some(r);
                }
            }
            ("row", "c") => {
                let row_index = row.as_ref().map_or(next_row, |r| r.index);
                let pos = match get(&a, "r") {
                    Some(r) => parse_ref(r),
                    None => Some((row_index, next_col)),
                };
                // A reference that is not a cell of the sheet (beyond XFD or row 1048576, or
                // not A1 at all): the cell is left out and counted, like a row beyond the sheet.
                let Some(pos) = pos.filter(|p| p.1 < MAX_COLS && p.0 < MAX_ROWS) else {
                    refs.beyond_limits += 1;
                    if !empty {
                        skip_depth = Some(path.len());
                    }
                    continue;
                };
                next_col = pos.1 + 1;
                let state = CellState {
                    pos,
                    t: get(&a, "t").unwrap_or("n").to_string(),
                    style: num(&a, "s").map_or(0, |s| s as u32),
                    ..CellState::default()
                };
                cell = Some(state);
                if empty {
                    end_element(
                        "c",
                        &mut capture,
                        &mut cell,
                        &mut row,
                        &mut rows,
                        &mut shared,
                        ctx,
                    )?;
                }
            }
            ("c", "v") => capture = Capture::V,
            ("c", "f") => {
                if let Some(c) = cell.as_mut() {
                    c.f_attrs = Some(a);
                }
                capture = Capture::F;
            }
            ("c", "is") => {
                if let Some(c) = cell.as_mut() {
                    c.inline = Some(String::new());
                }
            }
            // Inline string text, plain or in runs; phonetic readings (rPh) are not the value.
            ("is" | "r", "t") => capture = Capture::InlineT,
            ("is", "r" | "rPh" | "phoneticPr") | ("r", "rPr") => {
                if local != "r" && !empty {
                    skip_depth = Some(path.len());
                }
            }
            ("c", "extLst") => {
                if !empty {
                    skip_depth = Some(path.len());
                }
            }
            ("mergeCells", "mergeCell") => {
                if let Some(r) = get(&a, "ref").and_then(parse_range)
                    && (r.rows() > 1 || r.cols() > 1)
                {
                    if sheet.merged.len() >= MAX_MERGES {
                        return Err(DetectError::TooMany {
                            what: "merged ranges in a sheet",
                            limit: MAX_MERGES as u64,
                        });
                    }
                    sheet.merged.push(r);
                }
            }
            ("tableParts", "tablePart") => {
                if let Some(id) = get(&a, "r:id") {
                    refs.tables.push(id.to_string());
                }
            }
            (_, name) => {
                refs.unsupported.insert(name.to_string());
                if !empty {
                    skip_depth = Some(path.len());
                }
            }
        }
    }
    finish(
        sheet,
        rows,
        ctx,
        default_width_chars,
        base_width,
        default_height,
    );
    sheet.cursor = pane_cursor;
    Ok(refs)
}

fn push_text(cell: &mut Option<CellState>, capture: Capture, text: &str) {
    let Some(c) = cell.as_mut() else { return };
    match capture {
        Capture::V => c.v.get_or_insert_with(String::new).push_str(text),
        Capture::F => c.f_text.push_str(text),
        Capture::InlineT => {
            if let Some(s) = c.inline.as_mut() {
                s.push_str(text);
            }
        }
        Capture::None => {}
    }
}

fn end_element(
    name: &str,
    capture: &mut Capture,
    cell: &mut Option<CellState>,
    row: &mut Option<Row>,
    rows: &mut Vec<Row>,
    shared: &mut HashMap<u32, ((u32, u32), String)>,
    ctx: &mut Context<'_>,
) -> Result<(), DetectError> {
    match name {
        "v" | "f" | "t" => *capture = Capture::None,
        "c" => {
            let Some(c) = cell.take() else { return Ok(()) };
            let formula = formula(&c, shared);
            let value = value(&c, ctx.strings);
            if value == Value::Empty && formula.is_none() && c.style == 0 {
                return Ok(());
            }
            *ctx.cells += 1;
            if *ctx.cells > MAX_CELLS {
                return Err(DetectError::TooMany {
                    what: "cells in the workbook",
                    limit: MAX_CELLS,
                });
            }
            let cell = Cell {
                value,
                formula: formula.map(Box::new),
                style: c.style,
            };
            // A cell outside its row element (a hostile or odd file) gets a row of its own.
            match row.as_mut() {
                Some(r) if r.index == c.pos.0 => r.cells.push((c.pos.1, cell)),
                _ => rows.push(Row {
                    index: c.pos.0,
                    cells: vec![(c.pos.1, cell)],
                    ..Row::default()
                }),
            }
        }
        "row" => {
            if let Some(r) = row.take() {
                rows.push(r);
            }
        }
        _ => {}
    }
    Ok(())
}

/// The cell's value by its type (§18.18.11 ST_CellType).
fn value(c: &CellState, strings: &[Value]) -> Value {
    let v = c.v.as_deref();
    match c.t.as_str() {
        "s" => v
            .and_then(|v| v.trim().parse::<usize>().ok())
            .and_then(|i| strings.get(i))
            .cloned()
            .unwrap_or(Value::Empty),
        "str" => v.map_or(Value::Empty, |v| Value::String(Arc::from(unescape(v)))),
        "inlineStr" => match (&c.inline, v) {
            (Some(s), _) => Value::String(Arc::from(unescape(s))),
            (None, Some(v)) => Value::String(Arc::from(unescape(v))),
            (None, None) => Value::Empty,
        },
        "b" => v.map_or(Value::Empty, |v| {
            Value::Bool(matches!(v.trim(), "1" | "true"))
        }),
        "e" => v.map_or(Value::Empty, |v| Value::Error(v.trim().to_string())),
        "d" => v.map_or(Value::Empty, |v| Value::Date(v.trim().to_string())),
        _ => v
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|n| n.is_finite())
            .map_or(Value::Empty, Value::Number),
    }
}

/// The cell's formula (§18.3.1.40 f); a shared formula's followers take the master's text.
fn formula(c: &CellState, shared: &mut HashMap<u32, ((u32, u32), String)>) -> Option<Formula> {
    let a = c.f_attrs.as_ref()?;
    let text = c.f_text.trim().to_string();
    match get(a, "t").unwrap_or("normal") {
        "shared" => {
            let index = get(a, "si")?.trim().parse::<u32>().ok()?;
            if !text.is_empty() {
                shared.insert(index, (c.pos, text.clone()));
                return Some(Formula {
                    excel_text: text,
                    kind: FormulaKind::Shared {
                        master: c.pos,
                        index,
                    },
                });
            }
            let (master, text) = shared.get(&index)?.clone();
            Some(Formula {
                excel_text: text,
                kind: FormulaKind::Shared { master, index },
            })
        }
        "array" => {
            let range = get(a, "ref").and_then(parse_range).unwrap_or(Range {
                first: c.pos,
                last: c.pos,
            });
            Some(Formula {
                excel_text: text,
                kind: FormulaKind::Array { range },
            })
        }
        "dataTable" => Some(Formula {
            excel_text: text,
            kind: FormulaKind::DataTable,
        }),
        _ if text.is_empty() => None,
        _ => Some(Formula {
            excel_text: text,
            kind: FormulaKind::Normal,
        }),
    }
}

/// Orders rows and cells (files may list them out of order; a repeated position keeps the last)
/// and settles default sizes.
fn finish(
    sheet: &mut Sheet,
    mut rows: Vec<Row>,
    ctx: &Context<'_>,
    width: Option<f64>,
    base: f64,
    height: Option<f64>,
) {
    rows.sort_by_key(|r| r.index);
    let mut merged: Vec<Row> = Vec::with_capacity(rows.len());
    for mut r in rows {
        match merged.last_mut() {
            Some(prev) if prev.index == r.index => {
                prev.cells.append(&mut r.cells);
                if r.height.is_some() {
                    prev.height = r.height;
                    prev.custom_height = r.custom_height;
                }
                prev.hidden |= r.hidden;
                prev.style = r.style.or(prev.style);
            }
            _ => merged.push(r),
        }
    }
    for r in &mut merged {
        if !r.cells.is_sorted_by_key(|(c, _)| *c) {
            r.cells.sort_by_key(|(c, _)| *c);
        }
        // Keep the last cell of each repeated position.
        let mut out: Vec<(u32, Cell)> = Vec::with_capacity(r.cells.len());
        for (col, cell) in r.cells.drain(..) {
            match out.last_mut() {
                Some((c, prev)) if *c == col => *prev = cell,
                _ => out.push((col, cell)),
            }
        }
        r.cells = out;
    }
    sheet.rows = merged;
    sheet.default_col_width = default_width_pt(width, base, ctx.digit_px);
    sheet.default_row_height = height.unwrap_or(ctx.font_row_height);
    // Merged ranges must not overlap (Excel refuses such files); later ones are dropped.
    sheet.merged = without_overlaps(std::mem::take(&mut sheet.merged));
}

/// Keeps the ranges that overlap no earlier kept one, in O(n log n): a sweep down the rows,
/// with the kept ranges still open at the current row held by first column (they are disjoint
/// there, so only the nearest one to the left can overlap a new range).
pub(super) fn without_overlaps(mut ranges: Vec<Range>) -> Vec<Range> {
    use std::cmp::Reverse;
    use std::collections::{BTreeMap, BinaryHeap};
    ranges.sort();
    let mut open: BTreeMap<u32, Range> = BTreeMap::new();
    let mut ends: BinaryHeap<Reverse<(u32, u32)>> = BinaryHeap::new();
    let mut kept = Vec::with_capacity(ranges.len());
    for m in ranges {
        while let Some(Reverse((last_row, first_col))) = ends.peek().copied() {
            if last_row >= m.first.0 {
                break;
            }
            ends.pop();
            open.remove(&first_col);
        }
        let clash = open
            .range(..=m.last.1)
            .next_back()
            .is_some_and(|(_, k)| k.last.1 >= m.first.1);
        if !clash {
            open.insert(m.first.1, m);
            ends.push(Reverse((m.last.0, m.first.1)));
            kept.push(m);
        }
    }
    kept
}
