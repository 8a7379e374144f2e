//! The body of content.xml: one table:table per sheet (ODF 1.3 §9.1.2) with its columns, rows
//! and cells. Runs of equal empty rows and columns are written once with a repeat count, so a
//! sheet costs what its content costs, whatever size it claims.

use crate::odf::{Spill, XmlWriter};
use crate::sheet::{Cell, MAX_ROWS, Range, Row, Sheet, Visibility, Workbook};

use super::cells::{self, Place, RunStyles};
use super::rules::{Rules, Segment};
use super::shapes::SheetShapes;
use super::styles::SheetStyles;

/// Columns with properties are written up to Excel's last column (XFD), as LibreOffice 7.4 and
/// later, whose sheets are as wide, write them; repetition keeps that cheap.
const MAX_STYLED_COLS: u32 = crate::sheet::MAX_COLS;

/// Once the body holds this many bytes, they move into the deflated store (see [`Spill`]).
const SPILL_AT: usize = 4 << 20;

/// The name of a cell format's style; format 0 is the "Default" style itself.
pub fn cell_style_name(style: u32) -> String {
    if style == 0 {
        "Default".to_string()
    } else {
        format!("ce{style}")
    }
}

pub struct Writer<'a> {
    pub wb: &'a Workbook,
    pub styles: SheetStyles,
    pub runs: RunStyles,
    pub calc: super::calc::Calc,
    /// Cell formats used, to be written as automatic styles.
    pub used: Vec<bool>,
    /// Whether the current sheet has columns with cell styles of their own.
    pub cols_styled: bool,
    /// The conversion's time budget ran out while writing.
    pub timed_out: bool,
    /// The body written so far, deflated (content.xml of a large sheet is many times the
    /// package's size).
    pub spill: Spill,
    /// The current sheet's pictures and charts.
    pub shapes: SheetShapes,
    /// Conditional formats and validations, and the runs of the current row they cover.
    pub rules: Rules,
    pub deco: Vec<Segment>,
    /// The current row's own cell format, if it has one.
    pub row_xf: Option<u32>,
}

impl Writer<'_> {
    pub(super) fn mark(&mut self, style: u32) -> Option<String> {
        if style == 0 || style as usize >= self.wb.styles.len() {
            return None;
        }
        self.used[style as usize] = true;
        Some(cell_style_name(style))
    }

    pub fn table(&mut self, x: &mut XmlWriter, index: usize) {
        let wb = self.wb;
        let Some(sheet) = wb.sheets.get(index) else {
            return;
        };
        let display = sheet.visibility == Visibility::Visible;
        let master = super::print::master_page(wb, index);
        let ta = self
            .styles
            .table(display, sheet.tab_color, master.as_deref());
        let mut a = vec![("table:name", sheet.name.clone()), ("table:style-name", ta)];
        a.extend(super::protect::table(sheet));
        if let Some(p) = super::ranges::print_ranges(wb, index) {
            a.push(("table:print-ranges", p));
        }
        x.start_owned("table:table", &a);
        self.shapes.load(wb, index, &mut self.runs);
        self.shapes.write_page(x);
        self.cols_styled = sheet.cols.iter().any(|c| c.style.is_some());
        // Print titles are the table's header rows and columns (ODF 1.3 §9.1.10, §9.1.12).
        let (title_rows, title_cols) = super::ranges::print_titles(wb, index);
        let ncols = self.columns(x, sheet, self.rules.end(index).1, title_cols);
        self.rows(x, index, sheet, ncols, title_rows);
        self.calc.named_expressions(wb, x, Some(index));
        x.end("table:table");
    }

    /// Writes the column elements, at least `min` of them (the columns rules cover), the print
    /// titles' columns as header columns; returns how many columns there are.
    fn columns(
        &mut self,
        x: &mut XmlWriter,
        sheet: &Sheet,
        min: u32,
        titles: Option<(u32, u32)>,
    ) -> u32 {
        let used = sheet
            .rows
            .iter()
            .filter_map(|r| r.cells.last().map(|(c, _)| c + 1))
            .chain(sheet.merged.iter().map(|m| m.last.1 + 1))
            .chain([self.shapes.ends().1])
            .max()
            .unwrap_or(1);
        let styled = sheet
            .cols
            .last()
            .map_or(0, |c| (c.last + 1).min(MAX_STYLED_COLS));
        let ncols = used
            .max(styled)
            .max(min)
            .max(titles.map_or(1, |t| t.1 + 1))
            .max(1);
        let default = sheet.default_col_width;
        // The default width's style is named first, as the sheet's first column style.
        self.styles.column(default, false);
        let breaks = &sheet.extras.col_breaks;
        // Where a run of columns must be cut: the header columns' ends and the page breaks.
        let mut cuts: Vec<u32> = breaks
            .iter()
            .flat_map(|b| [*b, b + 1])
            .chain(titles.into_iter().flat_map(|(f, l)| [f, l + 1]))
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut col = 0;
        let one = |x: &mut XmlWriter, style: &str, n: u32, hidden: bool, cell: &Option<String>| {
            let mut a = vec![("table:style-name", style.to_string())];
            if n > 1 {
                a.push(("table:number-columns-repeated", n.to_string()));
            }
            if hidden {
                a.push(("table:visibility", "collapse".into()));
            }
            a.push((
                "table:default-cell-style-name",
                cell.clone().unwrap_or_else(|| "Default".into()),
            ));
            x.empty_owned("table:table-column", &a);
        };
        // A run of columns from `start`, split where the header columns begin and end and at
        // page breaks.
        let run = |x: &mut XmlWriter,
                   styles: &mut SheetStyles,
                   start: u32,
                   width: f64,
                   n: u32,
                   hidden: bool,
                   cell: Option<String>| {
            let mut from = start;
            let end = start + n;
            while from < end {
                let to = cuts
                    .get(cuts.partition_point(|c| *c <= from))
                    .map_or(end, |c| end.min(*c));
                if titles.is_some_and(|(f, _)| f == from) {
                    x.start("table:table-header-columns", &[]);
                }
                let style = styles.column(width, breaks.binary_search(&from).is_ok());
                one(x, &style, to - from, hidden, &cell);
                if titles.is_some_and(|(_, l)| l + 1 == to) {
                    x.end("table:table-header-columns");
                }
                from = to;
            }
        };
        for c in &sheet.cols {
            if c.first >= ncols {
                break;
            }
            if c.first > col {
                run(
                    x,
                    &mut self.styles,
                    col,
                    default,
                    c.first - col,
                    false,
                    None,
                );
            }
            let last = c.last.min(ncols - 1);
            // Excel hides a column of width 0 (ECMA-376-1 §18.3.1.13).
            let zero = c.width.is_some_and(|w| w <= 0.0);
            let width = c.width.filter(|_| !zero).unwrap_or(sheet.default_col_width);
            let cell = c.style.and_then(|s| self.mark(s));
            run(
                x,
                &mut self.styles,
                c.first,
                width,
                last - c.first + 1,
                c.hidden || zero,
                cell,
            );
            col = last + 1;
        }
        if col < ncols {
            run(x, &mut self.styles, col, default, ncols - col, false, None);
        }
        ncols
    }

    fn rows(
        &mut self,
        x: &mut XmlWriter,
        index: usize,
        sheet: &Sheet,
        ncols: u32,
        titles: Option<(u32, u32)>,
    ) {
        let mut merges: Vec<Range> = sheet.merged.clone();
        merges.sort_by_key(|m| (m.first.0, m.first.1));
        // Row numbers where the merged ranges covering a row change.
        let mut bounds: Vec<u32> = merges
            .iter()
            .flat_map(|m| [m.first.0, m.first.0 + 1, m.last.0 + 1])
            .chain(self.shapes.row_bounds())
            .chain(self.rules.row_bounds(index).iter().copied())
            .chain(titles.into_iter().flat_map(|(f, l)| [f, l + 1]))
            .chain(sheet.extras.row_breaks.iter().flat_map(|b| [*b, b + 1]))
            .chain(
                filter_rows(self.wb, index)
                    .into_iter()
                    .flat_map(|(f, l)| [f, l + 1]),
            )
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        let data_end = sheet.rows.last().map_or(0, |r| r.index + 1);
        let merge_end = merges.iter().map(|m| m.last.0 + 1).max().unwrap_or(0);
        let title_end = titles.map_or(0, |t| t.1 + 1);
        let mut end = data_end
            .max(merge_end)
            .max(self.shapes.ends().0)
            .max(self.rules.end(index).0)
            .max(title_end)
            .max(1);
        if sheet.rows_hidden_by_default {
            end = MAX_ROWS;
        }
        let mut in_titles = false;
        let mut active: Vec<Range> = Vec::new();
        let mut next_merge = 0;
        let mut data = sheet.rows.iter().peekable();
        let mut bound = 0;
        let mut r = 0u32;
        let mut steps = 0u32;
        while r < end {
            if in_titles && titles.is_some_and(|(_, l)| r > l) {
                x.end("table:table-header-rows");
                in_titles = false;
            }
            if titles.is_some_and(|(f, _)| f == r) {
                x.start("table:table-header-rows", &[]);
                in_titles = true;
            }
            active.retain(|m| m.last.0 >= r);
            while next_merge < merges.len() && merges[next_merge].first.0 <= r {
                if merges[next_merge].last.0 >= r {
                    active.push(merges[next_merge]);
                }
                next_merge += 1;
            }
            active.sort_by_key(|m| m.first.1);
            while bound < bounds.len() && bounds[bound] <= r {
                bound += 1;
            }
            steps += 1;
            if self.timed_out || (steps.is_multiple_of(256) && crate::budget::check().is_err()) {
                self.timed_out = true;
                return;
            }
            if let Some(row) = data.next_if(|row| row.index == r) {
                // Rows with properties but no cells, one after the other and alike, are one
                // element (a file may give a million of them).
                let mut n = 1;
                if row.cells.is_empty() {
                    let next_bound = bounds.get(bound).copied().unwrap_or(end);
                    while r + n < next_bound
                        && data
                            .next_if(|next| {
                                next.index == r + n
                                    && next.cells.is_empty()
                                    && (next.height, next.custom_height, next.hidden, next.style)
                                        == (row.height, row.custom_height, row.hidden, row.style)
                            })
                            .is_some()
                    {
                        n += 1;
                    }
                }
                self.row(x, index, sheet, row, n, &active, ncols);
                self.spill.take_from(x, SPILL_AT);
                r += n;
                continue;
            }
            // A run of rows without cells of their own, up to the next row with cells or
            // the next change of merged ranges.
            let next_data = data.peek().map_or(end, |row| row.index);
            let next_bound = bounds.get(bound).copied().unwrap_or(end);
            let n = next_data.min(next_bound).min(end).saturating_sub(r).max(1);
            let empty = Row {
                index: r,
                hidden: sheet.rows_hidden_by_default,
                ..Row::default()
            };
            self.row(x, index, sheet, &empty, n, &active, ncols);
            r += n;
        }
        if in_titles {
            x.end("table:table-header-rows");
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        x: &mut XmlWriter,
        index: usize,
        sheet: &Sheet,
        row: &Row,
        repeat: u32,
        active: &[Range],
        ncols: u32,
    ) {
        // A row of height 0 is hidden (ECMA-376-1 §18.3.1.73 ht).
        let zero = row.height.is_some_and(|h| h <= 0.0);
        let height = row
            .height
            .filter(|_| !zero)
            .unwrap_or(sheet.default_row_height);
        let page_break = sheet.extras.row_breaks.binary_search(&row.index).is_ok();
        let style = self.styles.row(height, !row.custom_height, page_break);
        let mut a = vec![("table:style-name", style)];
        if repeat > 1 {
            a.push(("table:number-rows-repeated", repeat.to_string()));
        }
        if row.hidden || zero {
            // A hidden row under an autofilter counts as filtered out, as LibreOffice reads
            // it from a workbook: SUBTOTAL and AGGREGATE then leave it out (ODF 1.3 §19.749
            // table:visibility "filter").
            let filtered = row.hidden
                && filter_rows(self.wb, index)
                    .iter()
                    .any(|(f, l)| (*f..=*l).contains(&row.index));
            let visibility = if filtered { "filter" } else { "collapse" };
            a.push(("table:visibility", visibility.into()));
        }
        let row_style = row.style.and_then(|s| self.mark(s));
        if let Some(s) = &row_style {
            a.push(("table:default-cell-style-name", s.clone()));
        }
        x.start_owned("table:table-row", &a);
        let r = row.index;
        self.deco = self.rules.segments(index, r);
        self.row_xf = row.style;
        let mut col = 0u32;
        let mut cells = row.cells.as_slice();
        let mut wrote = false;
        // Cells in a row or column with a style of its own name their style even when it is
        // the default one.
        let explicit = row_style.is_some() || self.cols_styled;
        for m in active {
            if m.first.1 < col {
                continue; // overlaps an earlier range; Excel refuses such files
            }
            self.span(x, index, r, &mut cells, col, m.first.1, false, explicit);
            let anchor = m.first.0 == r;
            let mut from = m.first.1;
            if anchor {
                let cell = take(&mut cells, m.first.1);
                let style = cell.map(|c| c.style).unwrap_or(0);
                let (name, validation) = self.decorated(style, m.first.1, explicit);
                let place = Place {
                    covered: false,
                    spans: Some((m.rows(), m.cols())),
                    style: name.as_deref(),
                    repeat: 1,
                    shapes: self.shapes.get((r, m.first.1)),
                    validation: validation.as_deref(),
                };
                cells::write(
                    x,
                    self.wb,
                    (index, (r, m.first.1)),
                    cell,
                    &place,
                    &mut self.runs,
                    &mut self.calc,
                );
                from += 1;
            }
            if from <= m.last.1 {
                self.span(x, index, r, &mut cells, from, m.last.1 + 1, true, explicit);
            }
            wrote = true;
            col = m.last.1 + 1;
        }
        wrote |= self.span(x, index, r, &mut cells, col, u32::MAX, false, explicit);
        if !wrote {
            // A row holds at least one cell (ODF 1.3 §9.1.3).
            x.empty_owned(
                "table:table-cell",
                &[("table:number-columns-repeated", ncols.to_string())],
            );
        }
        x.end("table:table-row");
    }

    pub(super) fn style_name(&mut self, style: u32, explicit: bool) -> Option<String> {
        match self.mark(style) {
            Some(n) => Some(n),
            None if explicit => Some("Default".into()),
            None => None,
        }
    }

    /// Writes the columns `from..to` of a row: its cells there and the gaps between them
    /// (a gap after the last cell only when `to` is bounded). Returns whether it wrote anything.
    #[allow(clippy::too_many_arguments)]
    fn span(
        &mut self,
        x: &mut XmlWriter,
        index: usize,
        r: u32,
        cells: &mut &[(u32, Cell)],
        from: u32,
        to: u32,
        covered: bool,
        explicit: bool,
    ) -> bool {
        let mut col = from;
        let mut wrote = false;
        // Cells left of `from` lie under an overlapping range; they are not written.
        while let Some(((c, _), rest)) = cells.split_first() {
            if *c >= from {
                break;
            }
            *cells = rest;
        }
        while let Some(((c, cell), rest)) = cells.split_first() {
            if *c >= to {
                break;
            }
            if *c > col {
                self.gap(x, index, r, col, *c - col, covered);
            }
            let (name, validation) = self.decorated(cell.style, *c, explicit);
            let place = Place {
                covered,
                spans: None,
                style: name.as_deref(),
                repeat: 1,
                shapes: self.shapes.get((r, *c)),
                validation: validation.as_deref(),
            };
            cells::write(
                x,
                self.wb,
                (index, (r, *c)),
                Some(cell),
                &place,
                &mut self.runs,
                &mut self.calc,
            );
            wrote = true;
            col = c + 1;
            *cells = rest;
        }
        // After the last cell, cells that rules cover or that anchor shapes are written too.
        let end = if to == u32::MAX {
            let shapes = self.shapes.cols_in(r, col, u32::MAX);
            let deco = self.deco.last().map_or(0, |s| s.to);
            deco.max(shapes.last().map_or(0, |c| c + 1))
        } else {
            to
        };
        if col < end {
            self.gap(x, index, r, col, end - col, covered);
            wrote = true;
        }
        wrote
    }
}

/// The cell at `col`, if it is the next one.
fn take<'c>(cells: &mut &'c [(u32, Cell)], col: u32) -> Option<&'c Cell> {
    while let Some(((c, _), rest)) = cells.split_first() {
        if *c >= col {
            break;
        }
        *cells = rest;
    }
    match cells.split_first() {
        Some(((c, cell), rest)) if *c == col => {
            *cells = rest;
            Some(cell)
        }
        _ => None,
    }
}

/// The data rows (first, last) under the autofilters of sheet `index`: its own and those of its
/// Excel tables with filter buttons, without their header rows.
fn filter_rows(wb: &crate::sheet::Workbook, index: usize) -> Vec<(u32, u32)> {
    let own = wb
        .sheets
        .get(index)
        .and_then(|s| s.extras.autofilter.as_ref())
        .and_then(|af| af.range)
        .map(|r| (r, 1));
    let tables = wb
        .tables
        .iter()
        .filter(|t| t.sheet == index)
        .filter_map(|t| {
            let f = t.filter.as_ref()?;
            Some((f.range.unwrap_or(t.range), t.header_rows))
        });
    own.into_iter()
        .chain(tables)
        .filter_map(|(r, header)| {
            let first = r.first.0.checked_add(header)?;
            (first <= r.last.0).then_some((first, r.last.0))
        })
        .collect()
}
