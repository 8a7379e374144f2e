//! Reads a pivot table (ECMA-376-1 §18.10): the pivotTableDefinition part a worksheet refers
//! to, its pivotCacheDefinition and pivotCacheRecords, into the [`PivotTable`] model. What the
//! DataPilot layout cannot reproduce faithfully is returned as a reason, so that the table
//! keeps Excel's cells and the reason becomes a finding.

use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::error::DetectError;
use crate::opc::Package;
use crate::sheet::pivot::{
    AxisField, DataField, Function, PageField, PivotField, PivotItem, PivotSource, PivotTable,
    PivotValue, ShowAs, TopFilter,
};
use crate::sheet::{Workbook, parse_range};

use super::{load_rels, of_kind, xml};

/// Most records taken from a cache (the source cells are bounded by the sheet reader).
const MAX_RECORDS: usize = 1_000_000;
/// Most fields of a cache.
const MAX_FIELDS: usize = 16_384;
/// Most values of all records together (records times fields).
pub const MAX_VALUES: usize = 20_000_000;

/// A pivot table as read, or its name and why it cannot be computed.
pub type Read_ = Result<PivotTable, (String, String)>;

fn flag(e: &Element, name: &str, default: bool) -> bool {
    e.attr(Ns::None, name)
        .map_or(default, |v| matches!(v.trim(), "1" | "true"))
}

fn num<T: std::str::FromStr>(e: &Element, name: &str) -> Option<T> {
    e.attr(Ns::None, name).and_then(|v| v.trim().parse().ok())
}

/// Days from 1899-12-30 of an ISO 8601 date-time (§18.17.4 date values in caches), the serial
/// the same date has in a cell of the 1900 date system.
pub fn iso_serial(s: &str, date1904: bool) -> Option<f64> {
    let s = s.trim();
    let (date, time) = s.split_once('T').unwrap_or((s, ""));
    let mut d = date.split('-');
    let y: i64 = d.next()?.parse().ok()?;
    let m: i64 = d.next()?.parse().ok()?;
    let day: i64 = d.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (proleptic Gregorian), 1970-01-01 = 0.
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let null = if date1904 { -24_107 } else { -25_569 };
    let mut t = time.trim_end_matches('Z').split(':');
    let h: f64 = t.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
    let mi: f64 = t.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
    let sec: f64 = t.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
    Some((days - null) as f64 + (h * 3600.0 + mi * 60.0 + sec) / 86_400.0)
}

/// Whether a fieldGroup (§18.10.1.37) groups its field's items; one with only `par` names
/// the field that groups this one, whose own items stay as they are.
fn grouped(g: &Element) -> bool {
    g.attr(Ns::None, "base").is_some() || g.elements().next().is_some()
}

/// A cache item or record entry (§18.10.1.90 sharedItems: s, n, b, e, d, m).
fn item_value(e: &Element, date1904: bool) -> Option<PivotValue> {
    let v = e.attr(Ns::None, "v").unwrap_or_default();
    Some(match e.name.as_str() {
        "s" => PivotValue::Text(v.into()),
        "n" => PivotValue::Number(v.trim().parse().ok()?),
        "b" => PivotValue::Bool(matches!(v.trim(), "1" | "true")),
        "e" => PivotValue::Error(v.to_string()),
        "d" => PivotValue::Number(iso_serial(v, date1904)?),
        "m" => PivotValue::Empty,
        _ => return None,
    })
}

struct CacheField {
    name: String,
    items: Vec<PivotValue>,
    /// The field holds date-times, which the cache keeps to the second.
    dates: bool,
    /// Why the field cannot be computed (a calculated field, grouped items), if so; it
    /// matters only where the table uses the field.
    unsupported: Option<&'static str>,
    /// The field has a column in the source (not a calculated or grouping field).
    database: bool,
    /// A field grouping another one's items (§18.10.1.37 fieldGroup with discretePr): the
    /// base field and, per base item, the index of its group among this field's items.
    group: Option<(usize, Vec<usize>)>,
}

/// A discrete grouping (items gathered into named groups), the kind the records can be
/// grouped by here; range and date groups are not.
fn discrete_group(g: &Element, date1904: bool) -> Option<(usize, Vec<usize>, Vec<PivotValue>)> {
    if g.child(Ns::X, "rangePr").is_some() {
        return None;
    }
    let base = num(g, "base")?;
    let map = g
        .child(Ns::X, "discretePr")?
        .children_named(Ns::X, "x")
        .map(|x| num(x, "v").unwrap_or(usize::MAX))
        .collect();
    let items = g
        .child(Ns::X, "groupItems")?
        .elements()
        .map(|e| item_value(e, date1904).unwrap_or(PivotValue::Empty))
        .collect();
    Some((base, map, items))
}

/// Reads the pivot table part `part` on sheet `sheet`.
pub fn read<R: Read + Seek>(
    pkg: &mut Package<R>,
    part: &str,
    sheet: usize,
    wb: &Workbook,
) -> Result<Read_, DetectError> {
    let Some(def) = xml(pkg, part)? else {
        return Ok(Err((part.to_string(), "its part is missing".into())));
    };
    let name = def.attr(Ns::None, "name").unwrap_or("Pivot").to_string();
    Ok(table(pkg, part, &def, sheet, wb)?.map_err(|reason| (name, reason)))
}

fn table<R: Read + Seek>(
    pkg: &mut Package<R>,
    part: &str,
    def: &Element,
    sheet: usize,
    wb: &Workbook,
) -> Result<Result<PivotTable, String>, DetectError> {
    let rels = load_rels(pkg, part)?;
    let Some(cache_part) = of_kind(&rels, "pivotCacheDefinition") else {
        return Ok(Err("its cache is missing".into()));
    };
    let Some(cache) = xml(pkg, &cache_part)? else {
        return Ok(Err("its cache is missing".into()));
    };
    let name = def.attr(Ns::None, "name").unwrap_or("Pivot").to_string();
    let mut t = PivotTable {
        name,
        sheet,
        ..Default::default()
    };
    let Some(loc) = def
        .child(Ns::X, "location")
        .and_then(|l| l.attr(Ns::None, "ref"))
        .and_then(parse_range)
    else {
        return Ok(Err("it has no location".into()));
    };
    t.location = loc;

    // The cache (§18.10.1.67): its source and fields.
    let source = cache.child(Ns::X, "cacheSource");
    if source.and_then(|s| s.attr(Ns::None, "type")) != Some("worksheet") {
        return Ok(Err("its data come from an external source or a cube".into()));
    }
    let ws = source.and_then(|s| s.child(Ns::X, "worksheetSource"));
    if ws.is_some_and(|w| w.attr(Ns::R, "id").is_some()) {
        return Ok(Err("its data come from another workbook".into()));
    }
    let mut fields = Vec::new();
    for cf in cache
        .child(Ns::X, "cacheFields")
        .into_iter()
        .flat_map(|c| c.children_named(Ns::X, "cacheField"))
        .take(MAX_FIELDS)
    {
        let database = flag(cf, "databaseField", true) && cf.attr(Ns::None, "formula").is_none();
        let discrete = cf
            .child(Ns::X, "fieldGroup")
            .filter(|g| grouped(g))
            .and_then(|g| discrete_group(g, wb.date1904));
        let unsupported = if cf.attr(Ns::None, "formula").is_some() {
            Some("it uses a calculated field")
        } else if discrete.is_some() {
            None
        } else if cf.child(Ns::X, "fieldGroup").is_some_and(grouped) || !database {
            Some("it groups items by ranges or dates")
        } else {
            None
        };
        let shared = cf.child(Ns::X, "sharedItems");
        let dates = shared.is_some_and(|s| {
            flag(s, "containsDate", false) || s.children_named(Ns::X, "d").next().is_some()
        });
        // Items keep their positions, which records and pivot items refer to.
        let mut items = shared
            .map(|s| {
                s.elements()
                    .map(|e| item_value(e, wb.date1904).unwrap_or(PivotValue::Empty))
                    .collect()
            })
            .unwrap_or_default();
        let mut group = None;
        if let Some((base, map, group_items)) = discrete {
            items = group_items;
            group = Some((base, map));
        }
        fields.push(CacheField {
            name: cf.attr(Ns::None, "name").unwrap_or_default().to_string(),
            items,
            dates,
            unsupported,
            database,
            group,
        });
    }
    if let Some(reason) = definition(def, &fields, &mut t) {
        return Ok(Err(reason));
    }
    t.source = ws.and_then(|w| source_range(w, wb));
    let names: Vec<Option<String>> = fields
        .iter()
        .map(|f| f.database.then(|| f.name.clone()))
        .collect();
    let dates: Vec<bool> = fields.iter().map(|f| f.dates).collect();
    let from_sheet = t
        .source
        .as_ref()
        .and_then(|s| super::pivot_apply::records(wb, s, &names, &dates));
    match from_sheet {
        Some(records) => t.records = records,
        None => {
            // The cache's own records (§18.10.1.68).
            let cache_rels = load_rels(pkg, &cache_part)?;
            if let Some(rp) = of_kind(&cache_rels, "pivotCacheRecords")
                && let Some(recs) = xml(pkg, &rp)?
            {
                let most = MAX_RECORDS.min(MAX_VALUES / fields.len().max(1));
                for r in recs.children_named(Ns::X, "r").take(most) {
                    let mut rec = Vec::with_capacity(fields.len());
                    for (i, e) in r.elements().enumerate() {
                        let v = if e.name == "x" {
                            let idx: usize = num(e, "v").unwrap_or(0);
                            fields
                                .get(i)
                                .and_then(|f| f.items.get(idx))
                                .cloned()
                                .unwrap_or(PivotValue::Empty)
                        } else {
                            item_value(e, wb.date1904).unwrap_or(PivotValue::Empty)
                        };
                        rec.push(v);
                    }
                    rec.resize(fields.len(), PivotValue::Empty);
                    t.records.push(rec);
                }
            } else {
                return Ok(Err(
                    "neither its source cells nor its cache records exist".into()
                ));
            }
            if t.source.is_none() {
                // The source is gone: remembered by name for the sheet that will hold the
                // records.
                let sheet = ws
                    .and_then(|w| w.attr(Ns::None, "sheet").or(w.attr(Ns::None, "name")))
                    .unwrap_or("Pivot");
                t.source = Some(PivotSource {
                    sheet: sheet.to_string(),
                    range: Default::default(),
                });
                t.source_missing = true;
                t.source_fields = fields.iter().map(|f| f.name.clone()).collect();
            }
        }
    }
    group_records(&fields, &mut t.records);
    Ok(Ok(t))
}

/// Fills the values of discrete group fields from their base fields' values: the base
/// value's item, its group, the group's item.
fn group_records(fields: &[CacheField], records: &mut [Vec<PivotValue>]) {
    for (f, cf) in fields.iter().enumerate() {
        let Some((base, map)) = &cf.group else {
            continue;
        };
        let Some(base_field) = fields.get(*base) else {
            continue;
        };
        let index: std::collections::HashMap<_, usize> = base_field
            .items
            .iter()
            .enumerate()
            .map(|(i, v)| (v.key(), i))
            .collect();
        for r in records.iter_mut() {
            let v = r
                .get(*base)
                .and_then(|v| index.get(&v.key()))
                .and_then(|i| map.get(*i))
                .and_then(|g| cf.items.get(*g))
                .cloned()
                .unwrap_or(PivotValue::Empty);
            if let Some(slot) = r.get_mut(f) {
                *slot = v;
            }
        }
    }
}

/// The source range: `ref` on `sheet`, or a defined name or table named `name`.
fn source_range(w: &Element, wb: &Workbook) -> Option<PivotSource> {
    if let Some(r) = w.attr(Ns::None, "ref") {
        let sheet = w.attr(Ns::None, "sheet")?;
        wb.sheets.iter().find(|s| s.name == sheet)?;
        return Some(PivotSource {
            sheet: sheet.to_string(),
            range: parse_range(r)?,
        });
    }
    let name = w.attr(Ns::None, "name")?;
    if let Some(tb) = wb
        .tables
        .iter()
        .find(|tb| tb.name.eq_ignore_ascii_case(name) || tb.display_name.eq_ignore_ascii_case(name))
    {
        return Some(PivotSource {
            sheet: wb.sheets.get(tb.sheet)?.name.clone(),
            range: tb.range,
        });
    }
    let dn = wb
        .defined_names
        .iter()
        .find(|d| d.local_sheet.is_none() && d.name.eq_ignore_ascii_case(name))?;
    let (sheet, r) = dn.formula.rsplit_once('!')?;
    let sheet = sheet.trim_matches('\'').replace("''", "'");
    wb.sheets.iter().find(|s| s.name == sheet)?;
    Some(PivotSource {
        sheet,
        range: parse_range(&r.replace('$', ""))?,
    })
}

/// The table definition (§18.10.1.73): fields, axes, data fields. Returns why it cannot be
/// computed, if so.
fn definition(def: &Element, cache: &[CacheField], t: &mut PivotTable) -> Option<String> {
    if def.child(Ns::X, "calculatedItems").is_some() {
        return Some("it has calculated items".into());
    }
    t.row_grand = flag(def, "rowGrandTotals", true);
    t.col_grand = flag(def, "colGrandTotals", true);
    let pfs: Vec<&Element> = def
        .child(Ns::X, "pivotFields")
        .map(|p| p.children_named(Ns::X, "pivotField").collect())
        .unwrap_or_default();
    if pfs.len() != cache.len() {
        return Some("its fields do not match its cache".into());
    }
    const SUBTOTALS: [&str; 11] = [
        "sumSubtotal",
        "countASubtotal",
        "avgSubtotal",
        "maxSubtotal",
        "minSubtotal",
        "productSubtotal",
        "countSubtotal",
        "stdDevSubtotal",
        "stdDevPSubtotal",
        "varSubtotal",
        "varPSubtotal",
    ];
    for (pf, cf) in pfs.iter().zip(cache) {
        if SUBTOTALS.iter().any(|s| flag(pf, s, false)) {
            return Some("a field has subtotal functions of its own".into());
        }
        let mut items = Vec::new();
        for it in pf
            .child(Ns::X, "items")
            .into_iter()
            .flat_map(|i| i.children_named(Ns::X, "item"))
        {
            if it.attr(Ns::None, "t").is_some_and(|t| t != "data") {
                continue;
            }
            let Some(v) = num::<usize>(it, "x").and_then(|x| cf.items.get(x)) else {
                continue;
            };
            items.push(PivotItem {
                value: v.clone(),
                hidden: flag(it, "h", false),
                caption: it.attr(Ns::None, "n").map(str::to_string),
                collapsed: !flag(it, "sd", true),
            });
        }
        t.fields.push(PivotField {
            name: cf.name.clone(),
            caption: pf.attr(Ns::None, "name").map(str::to_string),
            items,
            outline: flag(pf, "outline", true),
            subtotal_top: flag(pf, "subtotalTop", true),
            default_subtotal: flag(pf, "defaultSubtotal", true),
        });
    }
    let axis = |name: &str| -> Option<Vec<AxisField>> {
        let mut out = Vec::new();
        for f in def
            .child(Ns::X, name)
            .into_iter()
            .flat_map(|r| r.children_named(Ns::X, "field"))
        {
            let x: i64 = num(f, "x")?;
            out.push(match x {
                -2 => AxisField::Data,
                x if x >= 0 && (x as usize) < cache.len() => AxisField::Field(x as usize),
                _ => return None,
            });
        }
        Some(out)
    };
    let (Some(rows), Some(cols)) = (axis("rowFields"), axis("colFields")) else {
        return Some("an axis names an unknown field".into());
    };
    t.rows = rows;
    t.cols = cols;
    for p in def
        .child(Ns::X, "pageFields")
        .into_iter()
        .flat_map(|p| p.children_named(Ns::X, "pageField"))
    {
        let Some(f) = num::<usize>(p, "fld").filter(|f| *f < cache.len()) else {
            return Some("a page field names an unknown field".into());
        };
        // The selected item counts the field's items, subtotal items excluded.
        let selected = num::<usize>(p, "item");
        t.pages.push(PageField { field: f, selected });
    }
    for d in def
        .child(Ns::X, "dataFields")
        .into_iter()
        .flat_map(|p| p.children_named(Ns::X, "dataField"))
    {
        let Some(show_as) = show_as(d, t) else {
            return Some("a data field shows its values as a difference or running total".into());
        };
        let Some(field) = num::<usize>(d, "fld").filter(|f| *f < cache.len()) else {
            return Some("a data field names an unknown field".into());
        };
        let Some(function) = Function::parse(d.attr(Ns::None, "subtotal").unwrap_or("sum")) else {
            return Some("a data field uses an unknown function".into());
        };
        t.data.push(DataField {
            name: d.attr(Ns::None, "name").map(str::to_string),
            field,
            function,
            style: 0,
            show_as,
        });
    }
    if t.data.is_empty() {
        return Some("it has no data field".into());
    }
    if let Some(reason) = filters(def, t) {
        return Some(reason);
    }
    let used = t
        .rows
        .iter()
        .chain(&t.cols)
        .filter_map(|a| match a {
            AxisField::Field(f) => Some(*f),
            AxisField::Data => None,
        })
        .chain(t.pages.iter().map(|p| p.field))
        .chain(t.data.iter().map(|d| d.field));
    for f in used {
        if let Some(why) = cache.get(f).and_then(|c| c.unsupported) {
            return Some(why.into());
        }
    }
    None
}

/// The value filters (§18.10.1.33): "top 10" by count becomes a [`TopFilter`]; label, date
/// and other value filters are not reproduced.
fn filters(def: &Element, t: &mut PivotTable) -> Option<String> {
    for f in def
        .child(Ns::X, "filters")
        .into_iter()
        .flat_map(|f| f.children_named(Ns::X, "filter"))
    {
        let top10 = f
            .child(Ns::X, "autoFilter")
            .and_then(|a| a.child(Ns::X, "filterColumn"))
            .and_then(|c| c.child(Ns::X, "top10"));
        let field = num::<usize>(f, "fld").filter(|x| *x < t.fields.len());
        let measure = num::<usize>(f, "iMeasureFld").unwrap_or(0);
        match (f.attr(Ns::None, "type"), top10, field) {
            (Some("count"), Some(top), Some(field))
                if !flag(top, "percent", false) && measure < t.data.len() =>
            {
                let count = num::<f64>(top, "val").unwrap_or(10.0).clamp(0.0, 1e9) as usize;
                t.top_filters.push(TopFilter {
                    field,
                    count,
                    top: flag(top, "top", true),
                    measure,
                });
            }
            _ => return Some("it filters by labels, dates or values".into()),
        }
    }
    None
}

/// A data field's showDataAs (§18.18.70) where the DataPilot computes it the same way:
/// shares of totals, and the share of a named base item (not the previous or next one).
fn show_as(d: &Element, t: &PivotTable) -> Option<ShowAs> {
    Some(match d.attr(Ns::None, "showDataAs").unwrap_or("normal") {
        "normal" => ShowAs::Normal,
        "percentOfTotal" => ShowAs::PercentOfTotal,
        "percentOfRow" => ShowAs::PercentOfRow,
        "percentOfCol" => ShowAs::PercentOfColumn,
        "percent" => {
            let field: usize = num(d, "baseField")?;
            // 1048828 and 1048829 name the previous and next item.
            let item: usize = num::<usize>(d, "baseItem").filter(|i| *i < 1_048_828)?;
            let item = t.fields.get(field)?.items.get(item)?.value.clone();
            ShowAs::PercentOf { field, item }
        }
        _ => return None,
    })
}
