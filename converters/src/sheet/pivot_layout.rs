//! The cells of a pivot table as LibreOffice's DataPilot draws them (its ScDPOutput layout):
//! page fields above the table, field captions, member rows and columns in member order,
//! "X Result" subtotals and "Total Result" grand totals, data fields as a "Data" field when
//! there are several. LibreOffice does not recompute a DataPilot table when it opens an ODS
//! file, so these cells are what the converted file must store.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::pivot::{
    Aggregate, AxisField, Members, PageField, PivotItem, PivotTable, PivotValue, ShowAs, ValueKey,
};
use super::{Pos, Range, Value};

/// A computed cell: its value and, for data cells, the cell format of its data field.
#[derive(Debug, Clone, PartialEq)]
pub struct OutCell {
    pub value: Value,
    pub style: Option<u32>,
}

/// Captions the DataPilot uses (LibreOffice's English user interface strings).
const TOTAL: &str = "Total Result";
const RESULT: &str = "Result";
const DATA: &str = "Data";
const EMPTY: &str = "(empty)";
const ALL: &str = "- all -";
const MULTIPLE: &str = "- multiple -";

/// Bounds on hostile input: fields on the axes, aggregation steps, cells drawn.
const MAX_AXIS_FIELDS: usize = 64;
const MAX_WORK: u64 = 50_000_000;
const MAX_OUTPUT_CELLS: u64 = 4_000_000;

/// One line (a row of the row axis or a column of the column axis).
#[derive(Debug, Clone, Default)]
struct Line {
    /// Member indices of the axis' fields that the line's results cover.
    prefix: Vec<u32>,
    /// The data field of the line where the data layout field is on this axis.
    measure: Option<usize>,
    /// Whether the line shows results (an outline title row without subtotal does not).
    data: bool,
    /// Captions at their level.
    captions: Vec<(usize, Value)>,
}

struct Axis<'a> {
    dims: &'a [AxisField],
    /// Data fields count when the data layout field takes part.
    measures: usize,
    members: &'a [Option<Members>],
    paths: &'a BTreeSet<Vec<u32>>,
    rows: bool,
}

impl Axis<'_> {
    fn caption(&self, level: usize, member: u32) -> Value {
        let Some(AxisField::Field(f)) = self.dims.get(level) else {
            return Value::Empty;
        };
        let Some(Some(m)) = self.members.get(*f) else {
            return Value::Empty;
        };
        match m.values.get(member as usize) {
            Some((_, Some(c))) => Value::String(c.as_str().into()),
            Some((v, None)) => member_value(v),
            None => Value::Empty,
        }
    }

    fn field_index(&self, level: usize) -> usize {
        match self.dims.get(level) {
            Some(AxisField::Field(f)) => *f,
            _ => usize::MAX,
        }
    }

    /// Fields of this axis without the data layout field.
    fn field_levels(&self) -> usize {
        self.dims
            .iter()
            .filter(|d| matches!(d, AxisField::Field(_)))
            .count()
    }

    /// Whether a field shows its automatic subtotal: not the innermost one, nor the one just
    /// above a data layout field that is innermost (LibreOffice's SubTotalAllowed).
    fn subtotal_allowed(&self, level: usize) -> bool {
        let n = self.dims.len();
        level + 1 < n && !(level + 2 == n && self.dims[n - 1] == AxisField::Data)
    }

    fn lines(&self, t: &PivotTable, out: &mut Vec<Line>) {
        if self.dims.is_empty() {
            out.push(Line {
                data: true,
                ..Line::default()
            });
            return;
        }
        self.emit(t, 0, &mut Vec::new(), None, out);
    }

    fn emit(
        &self,
        t: &PivotTable,
        level: usize,
        prefix: &mut Vec<u32>,
        measure: Option<usize>,
        out: &mut Vec<Line>,
    ) {
        if level == self.dims.len() {
            out.push(Line {
                prefix: prefix.clone(),
                measure,
                data: true,
                captions: Vec::new(),
            });
            return;
        }
        let field = match self.dims[level] {
            AxisField::Data => {
                for (k, d) in t.data.iter().enumerate().take(self.measures) {
                    let first = out.len();
                    self.emit(t, level + 1, prefix, Some(k), out);
                    if let Some(l) = out.get_mut(first) {
                        let c = d.caption(&t.fields);
                        l.captions.push((level, Value::String(c.into())));
                    }
                }
                return;
            }
            AxisField::Field(f) => &t.fields[f],
        };
        // The members present under this prefix, in member order.
        let depth = prefix.len();
        // Paths are sorted, so those under the prefix follow it.
        let mut present: Vec<u32> = self
            .paths
            .range(prefix.clone()..)
            .take_while(|p| p.len() >= depth && p[..depth] == prefix[..])
            .filter_map(|p| p.get(depth).copied())
            .collect();
        present.dedup();
        let data_below = measure.is_none() && self.dims[level + 1..].contains(&AxisField::Data);
        let subtotals = field.default_subtotal && self.subtotal_allowed(level);
        let sub_lines = if subtotals {
            if data_below { self.measures } else { 1 }
        } else {
            0
        };
        let outline = self.rows && field.outline && level + 1 < self.dims.len();
        let in_title = outline && field.subtotal_top && sub_lines == 1;
        let collapsed = |m: u32| {
            self.members
                .get(self.field_index(level))
                .and_then(|x| x.as_ref())
                .is_some_and(|x| x.collapsed.get(m as usize) == Some(&true))
        };
        for m in present {
            let caption = self.caption(level, m);
            if collapsed(m) && level + 1 < self.dims.len() && !data_below {
                // A collapsed member is one line with its total.
                prefix.push(m);
                out.push(Line {
                    prefix: prefix.clone(),
                    measure,
                    data: true,
                    captions: vec![(level, caption)],
                });
                prefix.pop();
                continue;
            }
            prefix.push(m);
            let first = out.len();
            if outline {
                out.push(Line {
                    prefix: prefix.clone(),
                    measure: if data_below { Some(0) } else { measure },
                    data: in_title,
                    captions: vec![(level, caption.clone())],
                });
            }
            self.emit(t, level + 1, prefix, measure, out);
            if !outline && let Some(l) = out.get_mut(first) {
                l.captions.push((level, caption.clone()));
            }
            if sub_lines > 0 && !in_title {
                let text = caption_text(&caption);
                for k in 0..sub_lines {
                    let (meas, what) = if sub_lines > 1 {
                        (Some(k), t.data[k].caption(&t.fields))
                    } else {
                        (measure, RESULT.to_string())
                    };
                    out.push(Line {
                        prefix: prefix.clone(),
                        measure: meas,
                        data: true,
                        captions: vec![(level, Value::String(format!("{text} {what}").into()))],
                    });
                }
            }
            prefix.pop();
        }
    }

    /// The grand total lines: one, or one per data field where the data layout field is on
    /// this axis.
    /// An axis with no field but the data layout field has none.
    fn grand(&self, t: &PivotTable, out: &mut Vec<Line>) {
        if self.field_levels() == 0 {
            return;
        }
        if self.measures >= 2 {
            for (k, d) in t.data.iter().enumerate().take(self.measures) {
                let c = format!("Total {}", d.caption(&t.fields));
                out.push(Line {
                    measure: Some(k),
                    data: true,
                    captions: vec![(0, Value::String(c.into()))],
                    ..Line::default()
                });
            }
        } else {
            out.push(Line {
                data: true,
                captions: vec![(0, Value::String(TOTAL.into()))],
                ..Line::default()
            });
        }
    }
}

fn caption_text(v: &Value) -> String {
    match v {
        Value::Number(n) => crate::ods::cells::general(*n),
        other => other.text().unwrap_or_default(),
    }
}

/// A member as a cell: numbers stay numbers, the empty member is "(empty)".
fn member_value(v: &PivotValue) -> Value {
    match v {
        PivotValue::Empty => Value::String(EMPTY.into()),
        PivotValue::Number(n) => Value::Number(*n),
        PivotValue::Text(s) if s.is_empty() => Value::String(EMPTY.into()),
        PivotValue::Text(s) => Value::String(s.clone()),
        PivotValue::Bool(b) => Value::String(if *b { "TRUE" } else { "FALSE" }.into()),
        PivotValue::Error(e) => Value::String(e.as_str().into()),
    }
}

fn text(s: &str) -> Value {
    Value::String(Arc::from(s))
}

/// Lays the table out; `None` when it has no data field (nothing the DataPilot draws) or is
/// too large to compute within the bounds.
pub fn layout(t: &PivotTable) -> Option<(Range, Vec<(Pos, OutCell)>)> {
    if t.data.is_empty() || t.rows.len() + t.cols.len() > MAX_AXIS_FIELDS {
        return None;
    }
    // Every record adds to the aggregates of each prefix pair of its paths.
    let work = (t.records.len() as u64)
        .saturating_mul(t.rows.len() as u64 + 1)
        .saturating_mul(t.cols.len() as u64 + 1)
        .saturating_mul(t.data.len() as u64);
    if work > MAX_WORK {
        return None;
    }
    let nfields = t.fields.len();
    let used: Vec<usize> = t
        .rows
        .iter()
        .chain(&t.cols)
        .filter_map(|d| match d {
            AxisField::Field(f) => Some(*f),
            AxisField::Data => None,
        })
        .chain(t.pages.iter().map(|p| p.field))
        .collect();
    let mut members: Vec<Option<Members>> = (0..nfields).map(|_| None).collect();
    for &f in &used {
        if f < nfields && members[f].is_none() {
            members[f] = Some(Members::of(&t.fields[f], f, &t.records));
        }
    }
    // The data layout field takes part only with several data fields.
    let multi = t.data.len() >= 2;
    let axis_dims = |dims: &[AxisField], cols: bool| -> Vec<AxisField> {
        let mut d: Vec<AxisField> = dims
            .iter()
            .copied()
            .filter(|d| multi || *d != AxisField::Data)
            .collect();
        if multi && !t.rows.contains(&AxisField::Data) && !t.cols.contains(&AxisField::Data) {
            // Without a position in the file, the data fields go last on the column axis.
            if cols {
                d.push(AxisField::Data);
            }
        }
        d
    };
    let row_dims = collapse(axis_dims(&t.rows, false), &members);
    let col_dims = collapse(axis_dims(&t.cols, true), &members);

    // Records pass the page fields' selections and hidden items.
    let selected: Vec<Option<ValueKey>> = t
        .pages
        .iter()
        .map(|p| selection(t, p).map(|i| i.value.key()))
        .collect();
    let pass_pages = |r: &[PivotValue]| {
        t.pages.iter().zip(&selected).all(|(p, sel)| {
            let k = r.get(p.field).unwrap_or(&PivotValue::Empty).key();
            let hidden = members
                .get(p.field)
                .and_then(|m| m.as_ref())
                .is_some_and(|m| m.hidden.contains_key(&k));
            !hidden && sel.as_ref().is_none_or(|s| *s == k)
        })
    };
    let shown = top_members(t, &members, &pass_pages);

    // Filter the records (page selections, hidden items) and collect their member paths and
    // aggregates for every prefix of the row and column paths.
    let key_of = |r: &[PivotValue], dims: &[AxisField]| -> Option<Vec<u32>> {
        let mut path = Vec::new();
        for d in dims {
            if let AxisField::Field(f) = d {
                let m = members.get(*f)?.as_ref()?;
                let k = r.get(*f).unwrap_or(&PivotValue::Empty).key();
                path.push(*m.index.get(&k)?);
            }
        }
        Some(path)
    };
    let mut row_paths = BTreeSet::new();
    let mut col_paths = BTreeSet::new();
    let mut aggs: HashMap<(Vec<u32>, Vec<u32>), Vec<Aggregate>> = HashMap::new();
    for (i, r) in t.records.iter().enumerate() {
        if i % 4096 == 4095 && crate::budget::check().is_err() {
            return None;
        }
        if !pass_pages(r)
            || !shown
                .iter()
                .all(|(f, keys)| keys.contains_key(&r.get(*f).unwrap_or(&PivotValue::Empty).key()))
        {
            continue;
        }
        let (Some(rp), Some(cp)) = (key_of(r, &row_dims), key_of(r, &col_dims)) else {
            continue;
        };
        for i in 0..=rp.len() {
            for j in 0..=cp.len() {
                let a = aggs
                    .entry((rp[..i].to_vec(), cp[..j].to_vec()))
                    .or_insert_with(|| vec![Aggregate::default(); t.data.len()]);
                for (k, d) in t.data.iter().enumerate() {
                    a[k].add(r.get(d.field).unwrap_or(&PivotValue::Empty));
                }
            }
        }
        row_paths.insert(rp);
        col_paths.insert(cp);
    }
    let measures = if multi { t.data.len() } else { 1 };
    let row_axis = Axis {
        dims: &row_dims,
        measures: if row_dims.contains(&AxisField::Data) {
            measures
        } else {
            1
        },
        members: &members,
        paths: &row_paths,
        rows: true,
    };
    let col_axis = Axis {
        dims: &col_dims,
        measures: if col_dims.contains(&AxisField::Data) {
            measures
        } else {
            1
        },
        members: &members,
        paths: &col_paths,
        rows: false,
    };
    let mut rows = Vec::new();
    row_axis.lines(t, &mut rows);
    if t.row_grand {
        row_axis.grand(t, &mut rows);
    }
    let mut cols = Vec::new();
    col_axis.lines(t, &mut cols);
    if t.col_grand {
        col_axis.grand(t, &mut cols);
    }
    if (rows.len() as u64).saturating_mul(cols.len() as u64) > MAX_OUTPUT_CELLS {
        return None;
    }

    // Positions (ScDPOutput::CalcSizes): page fields and an empty row above the table.
    let pages = t.pages.len() as u32;
    let page_rows = if pages > 0 { pages + 1 } else { 0 };
    let start = (
        t.location.first.0.saturating_sub(page_rows),
        t.location.first.1,
    );
    let tab_row = start.0 + page_rows;
    let member_row = tab_row + 1;
    let data_col = start.1 + row_dims.len() as u32;
    let data_row = member_row + col_dims.len() as u32;
    let mut cells: HashMap<Pos, OutCell> = HashMap::new();
    let mut put = |p: Pos, value: Value, style: Option<u32>| {
        cells.insert(p, OutCell { value, style });
    };
    for (i, p) in t.pages.iter().enumerate() {
        let r = start.0 + i as u32;
        let f = &t.fields[p.field];
        put((r, start.1), text(f.caption()), None);
        let shown = page_caption(t, p, members[p.field].as_ref());
        put((r, start.1 + 1), shown, None);
    }
    if !multi {
        let c = t.data[0].caption(&t.fields);
        put((tab_row, start.1), text(&c), None);
        if col_dims.is_empty() {
            put((tab_row, data_col), text(&c), None);
        }
    }
    let field_caption = |d: &AxisField| match d {
        AxisField::Data => text(DATA),
        AxisField::Field(f) => text(t.fields[*f].caption()),
    };
    for (i, d) in col_dims.iter().enumerate() {
        put((tab_row, data_col + i as u32), field_caption(d), None);
    }
    for (i, d) in row_dims.iter().enumerate() {
        put((data_row - 1, start.1 + i as u32), field_caption(d), None);
    }
    for (j, c) in cols.iter().enumerate() {
        for (level, v) in &c.captions {
            put(
                (member_row + *level as u32, data_col + j as u32),
                v.clone(),
                None,
            );
        }
    }
    for (i, r) in rows.iter().enumerate() {
        let row = data_row + i as u32;
        for (level, v) in &r.captions {
            put((row, start.1 + *level as u32), v.clone(), None);
        }
        if !r.data {
            continue;
        }
        for (j, c) in cols.iter().enumerate() {
            if !c.data {
                continue;
            }
            let k = r.measure.or(c.measure).unwrap_or(0);
            let Some(a) = aggs.get(&(r.prefix.clone(), c.prefix.clone())) else {
                continue;
            };
            let d = &t.data[k];
            // Records without a value for the data field show nothing.
            let Some(a) = a.get(k).filter(|a| a.count > 0) else {
                continue;
            };
            let value = match a.result(d.function) {
                Some(v) => {
                    let total = |rp: &[u32], cp: &[u32]| {
                        aggs.get(&(rp.to_vec(), cp.to_vec()))
                            .and_then(|a| a.get(k))
                            .and_then(|a| a.result(d.function))
                    };
                    let base = match &d.show_as {
                        ShowAs::Normal => None,
                        ShowAs::PercentOfTotal => Some(total(&[], &[])),
                        ShowAs::PercentOfRow => Some(total(&r.prefix, &[])),
                        ShowAs::PercentOfColumn => Some(total(&[], &c.prefix)),
                        ShowAs::PercentOf { field, item } => {
                            let m = members.get(*field).and_then(|m| m.as_ref());
                            let base = m.and_then(|m| m.index.get(&item.key()).copied());
                            let rp = replace(&r.prefix, &row_dims, *field, base);
                            let cp = replace(&c.prefix, &col_dims, *field, base);
                            Some(match (rp, cp) {
                                (Some(rp), Some(cp)) => total(&rp, &cp),
                                _ => None,
                            })
                        }
                    };
                    match base {
                        None => Value::Number(v),
                        Some(Some(b)) if b != 0.0 => Value::Number(v / b),
                        // The share of a missing or empty base shows nothing.
                        Some(_) => continue,
                    }
                }
                None => Value::Error("#DIV/0!".into()),
            };
            put((row, data_col + j as u32), value, Some(d.style));
        }
    }
    let end_col =
        (data_col + cols.len().max(1) as u32 - 1).max(if pages > 0 { start.1 + 1 } else { 0 });
    let end_row = data_row + rows.len().max(1) as u32 - 1;
    if end_row >= super::MAX_ROWS || end_col >= super::MAX_COLS {
        return None;
    }
    let mut cells: Vec<(Pos, OutCell)> = cells.into_iter().collect();
    cells.sort_by_key(|(p, _)| *p);
    Some((
        Range {
            first: start,
            last: (end_row, end_col),
        },
        cells,
    ))
}

/// A member path with the member of `field` replaced by `base`, where the axis has the field
/// and the path reaches it; a path without the field stays as it is. `None` where the share
/// of the base member cannot be taken (the path stops above the field, or no base member).
fn replace(path: &[u32], dims: &[AxisField], field: usize, base: Option<u32>) -> Option<Vec<u32>> {
    let fields = dims.iter().filter_map(|d| match d {
        AxisField::Field(f) => Some(*f),
        AxisField::Data => None,
    });
    let Some(pos) = fields.clone().position(|f| f == field) else {
        return Some(path.to_vec());
    };
    if pos >= path.len() {
        return None;
    }
    let mut p = path.to_vec();
    p[pos] = base?;
    Some(p)
}

/// An axis without the fields inside a field all of whose members are collapsed (item
/// sd="0"): the DataPilot leaves out a field that shows no member.
fn collapse(mut dims: Vec<AxisField>, members: &[Option<Members>]) -> Vec<AxisField> {
    let all_collapsed = |d: &AxisField| match d {
        AxisField::Field(f) => members
            .get(*f)
            .and_then(|m| m.as_ref())
            .is_some_and(|m| !m.collapsed.is_empty() && m.collapsed.iter().all(|c| *c)),
        AxisField::Data => false,
    };
    if let Some(i) = dims.iter().position(all_collapsed) {
        let data = dims[i + 1..].contains(&AxisField::Data);
        dims.truncate(i + 1);
        if data {
            dims.push(AxisField::Data);
        }
    }
    dims
}

/// For each "top N" filter, the members it keeps (by their value keys): the first or last
/// `count` by the data field's result over the records that pass the page fields.
fn top_members(
    t: &PivotTable,
    members: &[Option<Members>],
    pass: &dyn Fn(&[PivotValue]) -> bool,
) -> Vec<(usize, HashMap<ValueKey, ()>)> {
    let mut out = Vec::new();
    for f in &t.top_filters {
        let (Some(Some(m)), Some(d)) = (members.get(f.field), t.data.get(f.measure)) else {
            continue;
        };
        let mut totals: HashMap<ValueKey, Aggregate> = HashMap::new();
        for r in t.records.iter().filter(|r| pass(r)) {
            let k = r.get(f.field).unwrap_or(&PivotValue::Empty).key();
            if m.index.contains_key(&k) {
                totals
                    .entry(k)
                    .or_default()
                    .add(r.get(d.field).unwrap_or(&PivotValue::Empty));
            }
        }
        let mut ranked: Vec<(ValueKey, f64)> = totals
            .into_iter()
            .map(|(k, a)| (k, a.result(d.function).unwrap_or(f64::NEG_INFINITY)))
            .collect();
        ranked.sort_by(|a, b| {
            let o = a.1.total_cmp(&b.1);
            if f.top { o.reverse() } else { o }
        });
        ranked.truncate(f.count);
        out.push((f.field, ranked.into_iter().map(|(k, _)| (k, ())).collect()));
    }
    out
}

/// The selected item of a page field, where the records hold its value: the DataPilot
/// ignores the selection of a member its source does not have.
pub fn selection<'t>(t: &'t PivotTable, p: &PageField) -> Option<&'t PivotItem> {
    let item = p.selected.and_then(|s| t.fields[p.field].items.get(s))?;
    let k = item.value.key();
    t.records
        .iter()
        .any(|r| r.get(p.field).is_some_and(|v| v.key() == k))
        .then_some(item)
}

/// What a page field shows: the selected member, "- all -", or "- multiple -" when some
/// items are hidden (the one visible member when only one is).
fn page_caption(t: &PivotTable, p: &PageField, m: Option<&Members>) -> Value {
    if let Some(item) = selection(t, p) {
        return match &item.caption {
            Some(c) => text(c),
            None => text(&caption_text(&member_value(&item.value))),
        };
    }
    let Some(m) = m else {
        return text(ALL);
    };
    if m.hidden.is_empty() {
        return text(ALL);
    }
    match m.values.as_slice() {
        [(v, c)] => match c {
            Some(c) => text(c),
            None => text(&caption_text(&member_value(v))),
        },
        _ => text(MULTIPLE),
    }
}

#[cfg(test)]
#[path = "pivot_layout_tests.rs"]
mod tests;
