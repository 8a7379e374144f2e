//! Tables (ECMA-376-1 §17.4): grid, rows, cells with horizontal and vertical merges, borders,
//! shading and vertical alignment; table-style borders applied to the cells.

use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::text::{Align, Border, Cell, Row, Table, VertAlign};
use crate::units::Twips;

use super::Reader;
use super::props::{border, color, twips_attr};
use super::theme::Theme;

/// top, bottom, left/start, right/end, insideH, insideV.
pub fn borders6(b: &Element, theme: &Theme) -> [Option<Border>; 6] {
    let side = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| b.child(Ns::W, n))
            .and_then(|e| border(e, theme))
    };
    [
        side(&["top"]),
        side(&["bottom"]),
        side(&["left", "start"]),
        side(&["right", "end"]),
        side(&["insideH"]),
        side(&["insideV"]),
    ]
}

/// Cell margins (w:tblCellMar, w:tcMar; ECMA-376-1 §17.4.42): top, bottom, left, right.
fn margins(m: Option<&Element>) -> [Option<Twips>; 4] {
    let side = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| m?.child(Ns::W, n))
            .filter(|e| matches!(e.w("type"), None | Some("dxa")))
            .and_then(|e| twips_attr(e, "w"))
    };
    [
        side(&["top"]),
        side(&["bottom"]),
        side(&["left", "start"]),
        side(&["right", "end"]),
    ]
}

fn layer(base: [Option<Twips>; 4], over: [Option<Twips>; 4]) -> [Option<Twips>; 4] {
    let mut out = base;
    for (o, v) in out.iter_mut().zip(over) {
        if v.is_some() {
            *o = v;
        }
    }
    out
}

pub(crate) fn read<R: Read + Seek>(r: &mut Reader<R>, t: &Element) -> Table {
    let mut table = Table::default();
    let tbl_pr = t.child(Ns::W, "tblPr");
    let mut borders: [Option<Border>; 6] = Default::default();
    let mut table_margins: [Option<Twips>; 4] = [None; 4];
    if let Some(pr) = tbl_pr {
        table.style = pr
            .child(Ns::W, "tblStyle")
            .and_then(|s| s.w("val"))
            .map(str::to_string);
        if let Some(s) = r.table_styles.get(table.style.as_deref()) {
            borders = s.borders;
        }
        if let Some(b) = pr.child(Ns::W, "tblBorders") {
            let direct = borders6(b, &r.theme);
            for (slot, d) in borders.iter_mut().zip(direct) {
                if d.is_some() {
                    *slot = d;
                }
            }
        }
        table.align = match pr.child(Ns::W, "jc").and_then(|j| j.w("val")) {
            Some("center") => Some(Align::Center),
            Some("right" | "end") => Some(Align::End),
            _ => None,
        };
        table.rtl = pr
            .child(Ns::W, "bidiVisual")
            .is_some_and(super::props::on_off);
        table.indent = pr
            .child(Ns::W, "tblInd")
            .and_then(|i| twips_attr(i, "w"))
            .unwrap_or_default();
        table_margins = margins(pr.child(Ns::W, "tblCellMar"));
        // Word places a table so that the text in its first column lines up with the body text:
        // the table edge sits one cell margin left of tblInd (default 0.08in).
        table.indent = Twips(table.indent.0 - table_margins[2].unwrap_or(Twips(108)).0);
        table.width = pr
            .child(Ns::W, "tblW")
            .filter(|w| w.w("type") == Some("dxa"))
            .and_then(|w| twips_attr(w, "w"));
        // A percentage width: fiftieths of a percent, or "100%" (ECMA-376-1 §17.18.90/§17.18.107).
        table.width_percent = pr
            .child(Ns::W, "tblW")
            .filter(|w| w.w("type") == Some("pct"))
            .and_then(|w| w.w("w"))
            .and_then(|v| match v.strip_suffix('%') {
                Some(p) => p.trim().parse::<f64>().ok(),
                None => v.trim().parse::<f64>().ok().map(|f| f / 50.0),
            })
            .filter(|p| p.is_finite() && *p >= 1.0)
            .map(|p| p.round().min(100.0) as u32);
    }
    if let Some(grid) = t.child(Ns::W, "tblGrid") {
        table.columns = grid
            .children_named(Ns::W, "gridCol")
            .map(|c| twips_attr(c, "w").unwrap_or(Twips(0)))
            .collect();
    }
    scale_to_width(&mut table.columns, table.width);
    // Grid positions of the vertical-merge state, per row: (grid column, restart?).
    let mut merges: Vec<Vec<(usize, Option<bool>)>> = Vec::new();
    for tr in wrapped_children(t, "tr") {
        let mut row = Row::default();
        let mut merge_row = Vec::new();
        if let Some(pr) = tr.child(Ns::W, "trPr") {
            if let Some(h) = pr.child(Ns::W, "trHeight")
                && let Some(v) = twips_attr(h, "val")
            {
                row.height = Some((v, h.w("hRule") == Some("exact")));
            }
            row.header = pr
                .child(Ns::W, "tblHeader")
                .is_some_and(super::props::on_off);
            // ECMA-376-1 §17.4.6 cantSplit: the row's contents stay on one page.
            row.cant_split = pr
                .child(Ns::W, "cantSplit")
                .is_some_and(super::props::on_off);
        }
        let row_margins = layer(
            table_margins,
            margins(
                tr.child(Ns::W, "tblPrEx")
                    .and_then(|x| x.child(Ns::W, "tblCellMar")),
            ),
        );
        let mut col = 0usize;
        let before = tr
            .child(Ns::W, "trPr")
            .and_then(|p| p.child(Ns::W, "gridBefore"))
            .and_then(|g| g.w("val"))
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        if before > 0 {
            row.cells.push(Cell {
                span: before,
                row_span: 1,
                ..Cell::default()
            });
            merge_row.push((col, None));
            col += before;
        }
        for tc in wrapped_children(tr, "tc") {
            let mut cell = Cell {
                span: 1,
                row_span: 1,
                ..Cell::default()
            };
            let mut vmerge = None;
            cell.padding = row_margins;
            if let Some(pr) = tc.child(Ns::W, "tcPr") {
                cell.padding = layer(cell.padding, margins(pr.child(Ns::W, "tcMar")));
                cell.span = pr
                    .child(Ns::W, "gridSpan")
                    .and_then(|g| g.w("val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                if let Some(v) = pr.child(Ns::W, "vMerge") {
                    vmerge = Some(v.w("val") == Some("restart"));
                }
                cell.shading = pr
                    .child(Ns::W, "shd")
                    .and_then(|s| color(s, &r.theme, "fill"));
                cell.valign = match pr.child(Ns::W, "vAlign").and_then(|v| v.w("val")) {
                    Some("center") => Some(VertAlign::Middle),
                    Some("bottom") => Some(VertAlign::Bottom),
                    Some("top") => Some(VertAlign::Top),
                    _ => None,
                };
                cell.width = pr
                    .child(Ns::W, "tcW")
                    .filter(|w| w.w("type") == Some("dxa"))
                    .and_then(|w| twips_attr(w, "w"));
                if let Some(b) = pr.child(Ns::W, "tcBorders") {
                    let b6 = borders6(b, &r.theme);
                    cell.borders = [b6[0], b6[1], b6[2], b6[3]];
                }
            }
            // Table borders: outer edges from top/bottom/left/right, inner from insideH/V.
            let last_col = col + cell.span >= table.columns.len().max(1);
            let defaults = [
                if merges.is_empty() {
                    borders[0]
                } else {
                    borders[4]
                },
                borders[4].or(borders[1]),
                if col == 0 { borders[2] } else { borders[5] },
                if last_col { borders[3] } else { borders[5] },
            ];
            for (slot, d) in cell.borders.iter_mut().zip(defaults) {
                if slot.is_none() {
                    *slot = d;
                }
            }
            cell.blocks = super::body::blocks(r, tc);
            apply_table_style_paragraphs(r, table.style.as_deref(), &mut cell.blocks);
            drop_auto_spacing_at_cell_edges(&mut cell.blocks);
            merge_row.push((col, vmerge));
            col += cell.span;
            row.cells.push(cell);
        }
        merges.push(merge_row);
        table.rows.push(row);
    }
    // The last row's bottom edge is the table's bottom border.
    if let Some(last) = table.rows.last_mut() {
        for c in &mut last.cells {
            if borders[1].is_some() && c.borders[1] == borders[4].or(borders[1]) {
                c.borders[1] = borders[1];
            }
        }
    }
    resolve_vertical_merges(&mut table, &merges);
    apply_conditional_formatting(r, t, &mut table);
    let grid: usize = table.columns.len();
    let widest = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(0);
    if widest > grid {
        // A grid shorter than the rows (hand-written files): pad with equal columns.
        let fill = table.columns.last().copied().unwrap_or(Twips(1440));
        table.columns.resize(widest, fill);
    }
    table
}

/// The `w:{name}` children of a table or row, looking through the content controls and custom
/// XML that may wrap rows and cells.
fn wrapped_children<'a>(parent: &'a Element, name: &str) -> Vec<&'a Element> {
    let mut out = Vec::new();
    for e in parent.elements() {
        if e.is(Ns::W, name) {
            out.push(e);
        } else if e.is(Ns::W, "sdt") {
            if let Some(c) = e.child(Ns::W, "sdtContent") {
                out.extend(wrapped_children(c, name));
            }
        } else if e.is(Ns::W, "customXml") {
            out.extend(wrapped_children(e, name));
        }
    }
    out
}

/// A cell with vMerge="restart" spans down over the cells directly below it (same grid column)
/// that continue the merge; those become covered cells (row_span 0). A continuing cell with
/// nothing to continue starts a merge of its own, as Word treats it.
fn resolve_vertical_merges(table: &mut Table, merges: &[Vec<(usize, Option<bool>)>]) {
    use std::collections::HashMap;
    // Grid column → (row, cell) of the merge origin still open after the previous row.
    let mut open: HashMap<usize, (usize, usize)> = HashMap::new();
    for (ri, row) in merges.iter().enumerate() {
        let mut next = HashMap::new();
        for (ci, &(col, state)) in row.iter().enumerate() {
            match state {
                Some(false) if open.contains_key(&col) => {
                    let (or, oc) = open[&col];
                    table.rows[or].cells[oc].row_span += 1;
                    table.rows[ri].cells[ci].row_span = 0;
                    next.insert(col, (or, oc));
                }
                Some(_) => {
                    next.insert(col, (ri, ci));
                }
                None => {}
            }
        }
        open = next;
    }
}

/// Which conditional parts of the table style apply (w:tblLook, ECMA-376-1 §17.4.56): the
/// attributes, or the hex bit mask of older files; without one, Word's default 04A0.
fn look(t: &Element) -> (bool, bool, bool, bool, bool) {
    let Some(l) = t
        .child(Ns::W, "tblPr")
        .and_then(|p| p.child(Ns::W, "tblLook"))
    else {
        return (true, false, true, false, true);
    };
    let mask = l
        .w("val")
        .and_then(|v| u16::from_str_radix(v, 16).ok())
        .unwrap_or(0x04A0);
    let flag = |name: &str, bit: u16| match l.w(name) {
        Some(v) => v == "1" || v == "true" || v == "on",
        None => mask & bit != 0,
    };
    (
        flag("firstRow", 0x0020),
        flag("lastRow", 0x0040),
        flag("firstColumn", 0x0080),
        flag("lastColumn", 0x0100),
        !flag("noHBand", 0x0200),
    )
}

/// Table-style conditional formatting: shading and character formatting for the header row,
/// last row, first and last columns and banded rows, under direct cell formatting.
fn apply_conditional_formatting<R>(r: &Reader<R>, t: &Element, table: &mut Table) {
    let Some(ts) = r.table_styles.get(table.style.as_deref()) else {
        return;
    };
    if ts.conditional.is_empty() {
        return;
    }
    let (first_row, last_row, first_col, last_col, hbands) = look(t);
    let get = |kind: &str| {
        ts.conditional
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, c)| c)
    };
    let rows = table.rows.len();
    let header_rows = if first_row { 1 } else { 0 };
    for (ri, row) in table.rows.iter_mut().enumerate() {
        let cells = row.cells.len();
        for (ci, cell) in row.cells.iter_mut().enumerate() {
            // Later parts win: bands, then columns, then rows (Word's order of precedence).
            let mut parts = Vec::new();
            if hbands && ri >= header_rows {
                let band = (ri - header_rows) % 2;
                parts.push(if band == 0 { "band1Horz" } else { "band2Horz" });
            }
            if first_col && ci == 0 {
                parts.push("firstCol");
            }
            if last_col && ci + 1 == cells {
                parts.push("lastCol");
            }
            if last_row && ri + 1 == rows && rows > 1 {
                parts.push("lastRow");
            }
            if first_row && ri == 0 {
                parts.push("firstRow");
            }
            let mut shading = None;
            let mut run = crate::text::RunProps::default();
            for c in parts.iter().rev().filter_map(|p| get(p)) {
                shading = shading.or(c.shading);
                run.merge(&c.run);
            }
            if cell.shading.is_none() {
                cell.shading = shading;
            }
            if !run.is_empty() {
                style_runs(&mut cell.blocks, &run);
            }
        }
    }
}

/// Fills unset run properties of the text in these blocks.
fn style_runs(blocks: &mut [crate::text::Block], run: &crate::text::RunProps) {
    use crate::text::{Block, Inline};
    for b in blocks {
        if let Block::Para(p) = b {
            for i in &mut p.inlines {
                if let Inline::Text { props, .. } = i {
                    props.merge(run);
                }
            }
            p.mark.merge(run);
        }
    }
}

/// The table style's paragraph and character properties sit between the document defaults and
/// the paragraph's own style (ECMA-376-1 §17.7.2): they fill what neither the paragraph's style
/// nor (for text) the run's character style sets. "Table Normal" and "Table Grid" set single
/// spacing with nothing after, which is why table rows are tighter than body text in Word; a
/// table style's font size shows in its cells unless their paragraph style sets one.
fn apply_table_style_paragraphs<R>(
    r: &Reader<R>,
    style: Option<&str>,
    blocks: &mut [crate::text::Block],
) {
    use crate::text::{Block, Inline};
    let Some(ts) = r.table_styles.get(style) else {
        return;
    };
    let named = style.is_some_and(|s| r.table_styles.styles.contains_key(s));
    // The table style's size falls back to the document defaults, then to Word's 10pt.
    let table_size = ts.run.size.or(r.doc.default_run.size).unwrap_or(20);
    for b in blocks {
        let Block::Para(p) = b else { continue };
        let mut from_table = ts.para.clone();
        let mut run_from_table = ts.run.clone();
        // Drop what the paragraph style chain sets itself (it wins over the table style).
        let para_style = p.style.clone().or_else(|| r.doc.default_style.clone());
        let chain = style_chain(r, para_style.clone());
        for st in &chain {
            from_table.clear_where_set(&st.para);
            run_from_table.clear_where_set(&st.run);
        }
        // Word's exception for the default paragraph style (Normal): its 11 or 12pt size and
        // its left alignment give way to the table style's, unless the document's compatibility
        // setting overrideTableStyleFontSizeAndJustification is on. LibreOffice's import applies
        // the same rule.
        // LibreOffice applies it only where the table names its style (w:tblStyle).
        let is_default = para_style.is_none() || para_style == r.doc.default_style;
        if is_default && named && !r.table_style_yields {
            let size = chain
                .iter()
                .find_map(|st| st.run.size)
                .or(r.doc.default_run.size)
                .unwrap_or(20);
            if matches!(size, 22 | 24) && size != table_size {
                run_from_table.size = Some(table_size);
            }
            let align = chain.iter().find_map(|st| st.para.align);
            if matches!(
                align,
                Some(crate::text::Align::Start | crate::text::Align::Left)
            ) {
                from_table.align = ts.para.align;
            }
        }
        p.props.merge(&from_table);
        if run_from_table.is_empty() {
            continue;
        }
        p.mark.merge(&run_from_table);
        for i in &mut p.inlines {
            if let Inline::Text { style, props, .. } = i {
                let mut run = run_from_table.clone();
                for st in style_chain(r, style.clone()) {
                    run.clear_where_set(&st.run);
                }
                props.merge(&run);
            }
        }
    }
}

/// A style and its basedOn ancestors (bounded against cycles).
pub(crate) fn style_chain<R>(r: &Reader<R>, id: Option<String>) -> Vec<&crate::text::Style> {
    let mut out = Vec::new();
    let mut chain = id;
    for _ in 0..16 {
        let Some(st) = chain
            .as_ref()
            .and_then(|id| r.doc.styles.iter().find(|s| &s.id == id))
        else {
            break;
        };
        out.push(st);
        if st.parent.as_deref() == Some(st.id.as_str()) {
            break;
        }
        chain = st.parent.clone();
    }
    out
}

/// Word does not apply automatic (HTML) spacing below a cell's last paragraph (above its first
/// one the writer drops it, as at the start of every story).
fn drop_auto_spacing_at_cell_edges(blocks: &mut [crate::text::Block]) {
    use crate::text::Block;
    if let Some(Block::Para(p)) = blocks.last_mut()
        && p.props.after_auto == Some(true)
    {
        p.props.space_after = Some(Twips(0));
    }
}

/// A preferred table width in twips (tblW, ECMA-376-1 §17.4.63) sets the table's width; the grid
/// columns keep their proportions. This is what LibreOffice's import does with a grid that does
/// not add up to tblW.
fn scale_to_width(columns: &mut [Twips], width: Option<Twips>) {
    let Some(width) = width.filter(|w| w.0 > 0) else {
        return;
    };
    let sum: i64 = columns.iter().map(|c| c.0.max(0)).sum();
    if sum <= 0 || sum == width.0 {
        return;
    }
    let mut done = 0i64;
    let mut acc = 0i64;
    for c in columns.iter_mut() {
        acc += c.0.max(0);
        let edge = acc * width.0 / sum;
        *c = Twips(edge - done);
        done = edge;
    }
}
