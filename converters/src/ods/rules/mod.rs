//! Conditional formats and data validations in the ODS writer, in strict ODF 1.3.
//!
//! A conditional format becomes `style:map` elements (ODF 1.3 part 3 §16.3) of the cell styles
//! in its ranges: each cell style used there gets a variant with the maps of every rule that
//! covers the cell, in Excel's priority order (ODF applies the first map whose condition holds,
//! which is Excel's stopIfTrue; rules that Excel would combine on one cell are not combined).
//! Each map applies a common style in styles.xml made of the rule's differential format. A
//! data validation becomes a `table:content-validation` (§9.4.5) that the cells of its ranges
//! name. Cells that exist only for a rule are written, in repeated runs.

mod cells;
mod conditions;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};

pub use conditions::{cf_condition, validation_condition};

use super::calc::{Calc, cell_name, data_style, quote_sheet};
use crate::findings::FindingKind;
use crate::odf::XmlWriter;
use crate::sheet::rules::{Dxf, Validation};
use crate::sheet::{CellStyle, Font, MAX_COLS, MAX_ROWS, Range, Workbook};

/// Zones (rule ranges) one sheet may carry; beyond, rules are left out with a finding.
const MAX_ZONES: usize = 10_000;

/// One style:map of a cell style.
#[derive(Debug, Clone, PartialEq)]
struct Map {
    priority: i64,
    condition: String,
    style: String,
    base: String,
}

/// A range a rule covers: a conditional format block or a validation.
#[derive(Debug, Clone, Copy)]
struct Zone {
    range: Range,
    block: Option<usize>,
    validation: Option<usize>,
}

#[derive(Debug, Default)]
struct SheetPlan {
    /// The maps of each conditionalFormatting block, translated.
    blocks: Vec<Vec<Map>>,
    /// Validation names, by the sheet's validation index (None: not written).
    names: Vec<Option<String>>,
    zones: Vec<Zone>,
    /// Rows where the zones covering a row change.
    bounds: Vec<u32>,
    /// One past the last row and column any zone covers.
    end: (u32, u32),
}

/// Columns `from..to` of a row that rules cover: the map set of their styles, their validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub from: u32,
    pub to: u32,
    pub maps: Option<usize>,
    pub validation: Option<String>,
}

/// The rules of a workbook, translated once, and the style variants the cells used.
#[derive(Debug, Default)]
pub struct Rules {
    sheets: Vec<SheetPlan>,
    /// Map sets: (sheet, blocks covering a cell), interned.
    sets: Vec<(usize, Vec<usize>)>,
    set_ids: HashMap<(usize, Vec<usize>), usize>,
    /// (cell format, map set) pairs used, each an automatic style.
    pub variants: BTreeSet<(u32, usize)>,
    /// The validations to write: (name, condition, sheet, index).
    validations: Vec<(String, Option<String>, usize, usize)>,
    cache: Option<(usize, usize, Vec<Segment>)>,
}

/// The common style a differential format becomes.
pub fn dxf_style_name(dxf: usize) -> String {
    format!("CF_dxf{dxf}")
}

/// `Sheet1.B3` (ODF 1.3 §19.686 cell address, sheet quoted where needed).
fn address(sheet: &str, pos: crate::sheet::Pos) -> String {
    quote_sheet(sheet) + "." + &cell_name(pos)
}

/// `Sheet1!A1:B2 C3` for findings.
fn location(sheet: &str, ranges: &[Range]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|r| {
            if r.first == r.last {
                cell_name(r.first)
            } else {
                cell_name(r.first) + ":" + &cell_name(r.last)
            }
        })
        .collect();
    sheet.to_string() + "!" + &parts.join(" ")
}

impl Rules {
    /// Translates every sheet's rules; what cannot be carried becomes a finding in `calc`.
    pub fn new(wb: &Workbook, calc: &mut Calc) -> Rules {
        let mut rules = Rules::default();
        let mut lost: Vec<(FindingKind, String)> = Vec::new();
        for (s, sheet) in wb.sheets.iter().enumerate() {
            let ctx = calc.context(s);
            let mut plan = SheetPlan::default();
            for (b, block) in sheet.rules.formats.iter().enumerate() {
                let base = match block.ranges.first() {
                    Some(r) => address(&sheet.name, r.first),
                    None => continue,
                };
                let mut maps = Vec::new();
                for rule in &block.rules {
                    match cf_condition(rule, &block.ranges, &ctx) {
                        Ok(condition) => maps.push(Map {
                            priority: rule.priority,
                            condition,
                            style: match rule.dxf.filter(|d| *d < wb.dxfs.len()) {
                                Some(d) => dxf_style_name(d),
                                // A rule without a format only stops the rules after it.
                                None => "Default".into(),
                            },
                            base: base.clone(),
                        }),
                        Err(reason) => lost.push((
                            FindingKind::ConditionalFormatLost {
                                rule: rule.kind.clone() + ": " + &reason,
                            },
                            location(&sheet.name, &block.ranges),
                        )),
                    }
                }
                if !maps.is_empty() {
                    for r in &block.ranges {
                        plan.zones.push(Zone {
                            range: *r,
                            block: Some(b),
                            validation: None,
                        });
                    }
                }
                plan.blocks.push(maps);
            }
            for (i, v) in sheet.rules.validations.iter().enumerate() {
                let written = match validation_condition(v, &ctx) {
                    Ok(condition) => {
                        let name = format!("val{}_{}", s + 1, i + 1);
                        rules.validations.push((name.clone(), condition, s, i));
                        for r in &v.ranges {
                            plan.zones.push(Zone {
                                range: *r,
                                block: None,
                                validation: Some(i),
                            });
                        }
                        Some(name)
                    }
                    Err(reason) => {
                        lost.push((
                            FindingKind::ValidationLost {
                                rule: v.kind.clone() + ": " + &reason,
                            },
                            location(&sheet.name, &v.ranges),
                        ));
                        None
                    }
                };
                plan.names.push(written);
            }
            if plan.zones.len() > MAX_ZONES {
                lost.push((
                    FindingKind::ConditionalFormatLost {
                        rule: "more ranges with rules than the converter carries".into(),
                    },
                    sheet.name.clone(),
                ));
                plan.zones.truncate(MAX_ZONES);
            }
            plan.bounds = plan
                .zones
                .iter()
                .flat_map(|z| [z.range.first.0, z.range.last.0 + 1])
                .collect();
            plan.bounds.sort_unstable();
            plan.bounds.dedup();
            plan.end = plan.zones.iter().fold((0, 0), |(r, c), z| {
                (
                    r.max(z.range.last.0 + 1).min(MAX_ROWS),
                    c.max(z.range.last.1 + 1).min(MAX_COLS),
                )
            });
            rules.sheets.push(plan);
        }
        for (kind, at) in lost {
            calc.findings.add(kind, Some(&at));
        }
        rules
    }

    /// Rows where the rules covering a row of the sheet change.
    pub fn row_bounds(&self, sheet: usize) -> &[u32] {
        self.sheets.get(sheet).map_or(&[], |p| p.bounds.as_slice())
    }

    /// One past the last row and column the sheet's rules cover.
    pub fn end(&self, sheet: usize) -> (u32, u32) {
        self.sheets.get(sheet).map_or((0, 0), |p| p.end)
    }

    /// The covered column runs of a row, ascending; equal for all rows between two bounds.
    pub fn segments(&mut self, sheet: usize, row: u32) -> Vec<Segment> {
        let Some(plan) = self.sheets.get(sheet) else {
            return Vec::new();
        };
        let band = plan.bounds.partition_point(|b| *b <= row);
        if let Some((s, b, segs)) = &self.cache
            && (*s, *b) == (sheet, band)
        {
            return segs.clone();
        }
        let active: Vec<Zone> = plan
            .zones
            .iter()
            .filter(|z| z.range.first.0 <= row && row <= z.range.last.0)
            .copied()
            .collect();
        let mut cuts: Vec<u32> = active
            .iter()
            .flat_map(|z| [z.range.first.1, z.range.last.1 + 1])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut out: Vec<Segment> = Vec::new();
        for w in cuts.windows(2) {
            let (from, to) = (w[0], w[1]);
            let covering = active
                .iter()
                .filter(|z| z.range.first.1 <= from && from <= z.range.last.1);
            let mut blocks: Vec<usize> = covering.clone().filter_map(|z| z.block).collect();
            blocks.sort_unstable();
            blocks.dedup();
            // Excel lets no two validations overlap; the first one in the file wins.
            let validation = covering
                .filter_map(|z| z.validation)
                .min()
                .and_then(|i| plan.names.get(i).cloned().flatten());
            if blocks.is_empty() && validation.is_none() {
                continue;
            }
            let maps = if blocks.is_empty() {
                None
            } else {
                let key = (sheet, blocks);
                let next = self.sets.len();
                let id = *self.set_ids.entry(key.clone()).or_insert(next);
                if id == next {
                    self.sets.push(key);
                }
                Some(id)
            };
            let seg = Segment {
                from,
                to,
                maps,
                validation,
            };
            match out.last_mut() {
                Some(prev)
                    if prev.to == from
                        && (&prev.maps, &prev.validation) == (&seg.maps, &seg.validation) =>
                {
                    prev.to = to;
                }
                _ => out.push(seg),
            }
        }
        self.cache = Some((sheet, band, out.clone()));
        out
    }

    /// The name of cell format `xf` with map set `maps`, recorded to be written.
    pub fn style(&mut self, xf: u32, maps: usize) -> String {
        self.variants.insert((xf, maps));
        format!("ce{xf}_m{maps}")
    }

    /// The style:map elements of a map set, in priority order (the first true one applies).
    pub fn write_maps(&self, x: &mut XmlWriter, set: usize) {
        let Some((sheet, blocks)) = self.sets.get(set) else {
            return;
        };
        let Some(plan) = self.sheets.get(*sheet) else {
            return;
        };
        let mut maps: Vec<&Map> = blocks
            .iter()
            .filter_map(|b| plan.blocks.get(*b))
            .flatten()
            .collect();
        maps.sort_by_key(|m| m.priority);
        for m in maps {
            x.empty(
                "style:map",
                &[
                    ("style:condition", &m.condition),
                    ("style:apply-style-name", &m.style),
                    ("style:base-cell-address", &m.base),
                ],
            );
        }
    }

    /// table:content-validations (ODF 1.3 §9.4.4), before the tables.
    pub fn write_validations(&self, wb: &Workbook, x: &mut XmlWriter) {
        if self.validations.is_empty() {
            return;
        }
        x.start("table:content-validations", &[]);
        for (name, condition, s, i) in &self.validations {
            let Some(sheet) = wb.sheets.get(*s) else {
                continue;
            };
            let Some(v) = sheet.rules.validations.get(*i) else {
                continue;
            };
            let base = v
                .ranges
                .first()
                .map(|r| address(&sheet.name, r.first))
                .unwrap_or_default();
            validation(x, name, condition.as_deref(), &base, v);
        }
        x.end("table:content-validations");
    }
}

fn validation(x: &mut XmlWriter, name: &str, condition: Option<&str>, base: &str, v: &Validation) {
    let mut a: Vec<(&str, &str)> = vec![("table:name", name)];
    if let Some(c) = condition {
        a.push(("table:condition", c));
    }
    a.push((
        "table:allow-empty-cell",
        if v.allow_blank { "true" } else { "false" },
    ));
    if v.kind == "list" {
        a.push((
            "table:display-list",
            if v.show_list { "unsorted" } else { "none" },
        ));
    }
    a.push(("table:base-cell-address", base));
    x.start("table:content-validation", &a);
    let message = |x: &mut XmlWriter,
                   tag: &str,
                   title: &Option<String>,
                   text: &Option<String>,
                   show: bool,
                   kind: Option<&str>| {
        let mut a: Vec<(&str, &str)> = Vec::new();
        if let Some(t) = title {
            a.push(("table:title", t));
        }
        a.push(("table:display", if show { "true" } else { "false" }));
        if let Some(k) = kind {
            a.push(("table:message-type", k));
        }
        x.start(tag, &a);
        for line in text.as_deref().unwrap_or_default().lines() {
            x.start("text:p", &[]);
            crate::odf::write_text(x, line, true);
            x.end("text:p");
        }
        x.end(tag);
    };
    message(
        x,
        "table:help-message",
        &v.prompt_title,
        &v.prompt,
        v.show_input,
        None,
    );
    let kind = match v.error_style.as_str() {
        "warning" => "warning",
        "information" => "information",
        _ => "stop",
    };
    message(
        x,
        "table:error-message",
        &v.error_title,
        &v.error,
        v.show_error,
        Some(kind),
    );
    x.end("table:content-validation");
}

/// The common styles of the differential formats rules use, with their data styles, for
/// office:styles in styles.xml (apply-style-name must name a common style).
pub fn write_dxf_styles(wb: &Workbook, x: &mut XmlWriter) {
    let used: BTreeSet<usize> = wb
        .sheets
        .iter()
        .flat_map(|s| &s.rules.formats)
        .flat_map(|b| &b.rules)
        .filter_map(|r| r.dxf)
        .filter(|d| *d < wb.dxfs.len())
        .collect();
    for d in used {
        let Some(dxf) = wb.dxfs.get(d) else { continue };
        let data = format!("NC{d}");
        // A format that switches to General must say so: the cell's own format is overridden.
        let has_data = dxf.num_fmt.as_ref().is_some_and(|code| {
            let style = CellStyle {
                num_fmt: code.clone(),
                ..CellStyle::default()
            };
            data_style(&style, &data, true, x)
        });
        let name = dxf_style_name(d);
        let mut a = vec![
            ("style:name", name.as_str()),
            ("style:family", "table-cell"),
            ("style:parent-style-name", "Default"),
        ];
        if has_data {
            a.push(("style:data-style-name", &data));
        }
        x.start("style:style", &a);
        dxf_properties(x, dxf);
        x.end("style:style");
    }
}

/// Only what the differential format sets: the cell's own formatting shows through the rest.
fn dxf_properties(x: &mut XmlWriter, d: &Dxf) {
    let mut cell: Vec<(&str, String)> = Vec::new();
    if let Some(bg) = d.fill {
        cell.push(("fo:background-color", bg.odf()));
    }
    for (attr, line) in [
        ("fo:border-left", &d.border.left),
        ("fo:border-right", &d.border.right),
        ("fo:border-top", &d.border.top),
        ("fo:border-bottom", &d.border.bottom),
    ] {
        if let Some(l) = line {
            cell.push((attr, super::styles::border(l).0));
        }
    }
    if !cell.is_empty() {
        x.empty_owned("style:table-cell-properties", &cell);
    }
    // text_properties writes what differs from its base: a base that differs in exactly the
    // properties the format sets.
    let mut font = Font::default();
    let mut base = Font::default();
    if let Some(b) = d.bold {
        font.bold = b;
        base.bold = !b;
    }
    if let Some(i) = d.italic {
        font.italic = i;
        base.italic = !i;
    }
    if let Some(s) = d.strike {
        font.strike = s;
        base.strike = !s;
    }
    if let Some(u) = d.underline {
        font.underline = u;
        base.underline = match u {
            Some(_) => None,
            None => Some(crate::sheet::Underline::Single),
        };
    }
    font.color = d.color;
    super::styles::text_properties(x, &font, Some(&base));
}
