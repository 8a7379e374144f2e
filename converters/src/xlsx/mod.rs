//! The XLSX reader: a SpreadsheetML package (ECMA-376-1 §18; xlsx, xlsm, xltx, xltm) into the
//! [`Workbook`] model. What it does not convert yet (data bars, slicers, sparklines, ...)
//! becomes a finding, never a silent loss.

mod comments;
mod drawing;
mod features;
mod filter;
mod group;
mod links;
mod pivot;
mod pivot_apply;
mod print;
mod protection;
mod rules;
mod shape;
mod strings;
pub(crate) mod styles;
pub(crate) mod worksheet;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Seek};

use crate::docx::{MAX_XML_PART, main_part, property_parts, rel_kind, rels_part, resolve};
use crate::dom::{self, Element, Ns};
use crate::error::DetectError;
use crate::findings::{FindingKind, Findings};
use crate::opc::{Package, Relationship};
use crate::sheet::{DefinedName, Iteration, Sheet, TableDef, Visibility, Workbook, parse_range};

pub use styles::apply_tint;
pub use worksheet::{MAX_CELLS, width_pt};

/// Relationships of one part: id → (kind, absolute target, external).
type Rels = HashMap<String, (String, String, bool)>;

fn load_rels<R: Read + Seek>(pkg: &mut Package<R>, part: &str) -> Result<Rels, DetectError> {
    let name = rels_part(part);
    let mut out = Rels::new();
    if let Some(bytes) = pkg.read(&name, MAX_XML_PART)? {
        for r in Relationship::parse_all(&bytes, &name)? {
            let target = if r.external {
                r.target.clone()
            } else {
                resolve(part, &r.target)
            };
            out.insert(
                r.id,
                (rel_kind(&r.rel_type).to_string(), target, r.external),
            );
        }
    }
    Ok(out)
}

/// Whether a boolean attribute (ST_Boolean: `1`/`true`) is set.
fn on(e: &Element, name: &str) -> bool {
    e.attr(Ns::None, name)
        .is_some_and(|v| matches!(v.trim(), "1" | "true"))
}

fn of_kind(rels: &Rels, kind: &str) -> Option<String> {
    let mut found: Vec<&String> = rels
        .values()
        .filter(|(k, _, ext)| k == kind && !ext)
        .map(|(_, t, _)| t)
        .collect();
    found.sort();
    found.first().map(|t| t.to_string())
}

fn xml<R: Read + Seek>(pkg: &mut Package<R>, part: &str) -> Result<Option<Element>, DetectError> {
    match pkg.read(part, MAX_XML_PART)? {
        Some(bytes) => dom::parse(&bytes, part).map(Some),
        None => Ok(None),
    }
}

/// Pixel width of a digit and the natural row height for the default font: Excel measures
/// column widths in digits of the Normal style's font (§18.3.1.13). A digit's advance is about
/// half an em, a little less in Calibri and a little more in Arial-like faces.
pub(crate) fn default_font_metrics(wb: &Workbook) -> (f64, f64) {
    let font = wb.styles.first().map(|s| &s.font);
    let size = font.and_then(|f| f.size).unwrap_or(11.0).clamp(1.0, 409.0);
    let name = font
        .and_then(|f| f.name.as_deref())
        .unwrap_or("Calibri")
        .to_ascii_lowercase();
    let em = match name.as_str() {
        "calibri" | "carlito" => 0.507,
        "arial" | "helvetica" | "liberation sans" | "arimo" | "cambria" | "caladea" => 0.556,
        "times new roman" | "liberation serif" | "tinos" => 0.5,
        _ => 0.53,
    };
    let digit_px = (size * 96.0 / 72.0 * em).round().max(1.0);
    (digit_px, (size * 15.0 / 11.0 * 4.0).round() / 4.0)
}

/// Reads a SpreadsheetML package.
pub fn read<R: Read + Seek>(reader: R) -> Result<(Workbook, Findings), DetectError> {
    let mut pkg = Package::open(reader)?;
    let mut findings = Findings::default();
    let mut wb = Workbook::default();
    let root_rels = pkg.root_relationships()?;
    let main = main_part(&root_rels)?;
    for part in property_parts(&root_rels) {
        if let Some(x) = xml(&mut pkg, &part)? {
            crate::docx::meta::read(&x, &mut wb.meta);
        }
    }
    let rels = load_rels(&mut pkg, &main)?;
    let book = xml(&mut pkg, &main)?
        .ok_or_else(|| DetectError::Zip(format!("the main part {main} is missing")))?;

    let mut colors = styles::Colors::default();
    if let Some(part) = of_kind(&rels, "theme")
        && let Some(x) = xml(&mut pkg, &part)?
    {
        colors.theme = crate::docx::theme::Theme::parse(&x);
    }
    let styles_root = match of_kind(&rels, "styles") {
        Some(part) => xml(&mut pkg, &part)?,
        None => None,
    };
    if let Some(s) = &styles_root {
        colors.palette = styles::palette(s);
        wb.styles = styles::read(s, &colors);
        wb.dxfs = rules::dxfs(s, &colors);
    } else {
        wb.styles = vec![crate::sheet::CellStyle {
            num_fmt: "General".into(),
            ..Default::default()
        }];
    }
    let strings = match of_kind(&rels, "sharedStrings") {
        Some(part) => match xml(&mut pkg, &part)? {
            Some(x) => strings::read(&x, &colors).map_err(|_| DetectError::TooMany {
                what: "shared strings",
                limit: strings::MAX_SHARED_STRINGS as u64,
            })?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };

    // The workbook part (§18.2): date system, sheets, defined names, the active tab.
    wb.date1904 = book
        .child(Ns::X, "workbookPr")
        .and_then(|p| p.attr(Ns::None, "date1904"))
        .is_some_and(|v| matches!(v.trim(), "1" | "true"));
    wb.iteration = book.child(Ns::X, "calcPr").and_then(iteration);
    wb.active_sheet = book
        .child(Ns::X, "bookViews")
        .and_then(|v| v.child(Ns::X, "workbookView"))
        .and_then(|v| v.attr(Ns::None, "activeTab"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    for e in book.elements() {
        let known = [
            "fileVersion",
            "fileSharing",
            "workbookPr",
            "bookViews",
            "sheets",
            "definedNames",
            "calcPr",
            // Read through each pivot table's own relationship to its cache.
            "pivotCaches",
            "workbookProtection",
            "fileRecoveryPr",
            "extLst",
            "AlternateContent",
        ];
        if e.ns == Ns::X && !known.contains(&e.name.as_str()) {
            findings.add(
                FindingKind::Unsupported {
                    element: e.name.to_string(),
                },
                Some(&main),
            );
        }
    }
    if let Some(p) = book.child(Ns::X, "workbookProtection") {
        wb.protection = protection::book(p, &main, &mut findings);
    }
    let persons = match of_kind(&rels, "person") {
        Some(part) => xml(&mut pkg, &part)?
            .map(|x| comments::persons(&x))
            .unwrap_or_default(),
        None => HashMap::new(),
    };
    let mut cells = 0u64;
    let mut drawings = drawing::Context {
        theme: &colors.theme,
        images: HashMap::new(),
    };
    let sheet_list: Vec<&Element> = book
        .child(Ns::X, "sheets")
        .map(|s| s.children_named(Ns::X, "sheet").collect())
        .unwrap_or_default();
    let mut seen_names = BTreeSet::new();
    // Pivot table parts by sheet, read once every sheet (their possible sources) is read.
    let mut pivot_parts: Vec<(usize, String)> = Vec::new();
    for s in sheet_list {
        let name = s.attr(Ns::None, "name").unwrap_or("Sheet").to_string();
        let visibility = match s.attr(Ns::None, "state") {
            Some("hidden") => Visibility::Hidden,
            Some("veryHidden") => Visibility::VeryHidden,
            _ => Visibility::Visible,
        };
        // Sheet names are unique in Excel, case-insensitively; a clash would break ODF
        // references, so a repeated name gets a number.
        let mut name = name;
        let mut n = 1;
        while !seen_names.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{}_{n}", s.attr(Ns::None, "name").unwrap_or("Sheet"));
        }
        // Sheets that are not read stay as empty sheets, so that sheet positions (which
        // defined names count by) do not move; LibreOffice keeps them too.
        let empty = |wb: &Workbook, name: String| Sheet {
            name,
            visibility,
            default_col_width: 48.0,
            default_row_height: default_font_metrics(wb).1,
            ..Sheet::default()
        };
        let target = s.attr(Ns::R, "id").and_then(|id| rels.get(id)).cloned();
        let (kind, part) = match target {
            Some((kind, part, false)) => (kind, part),
            _ => {
                let part = format!("sheet {name}");
                findings.add(FindingKind::MissingPart { part }, Some(&main));
                wb.sheets.push(empty(&wb, name));
                continue;
            }
        };
        if !matches!(
            kind.as_str(),
            "worksheet" | "xlMacrosheet" | "xlIntlMacrosheet"
        ) {
            // Chart and dialog sheets. A chart sheet becomes an empty sheet with its drawing
            // (the chart) on it, as LibreOffice's import makes it.
            let sheet = empty(&wb, name);
            if kind == "chartsheet" {
                let sheet_rels = load_rels(&mut pkg, &part)?;
                if let Some(d) = of_kind(&sheet_rels, "drawing") {
                    let at = wb.sheets.len();
                    let out = &mut wb.drawings;
                    drawing::read(
                        &mut pkg,
                        &d,
                        (at, &sheet),
                        &mut drawings,
                        out,
                        &mut findings,
                    )?;
                }
            } else {
                findings.add(FindingKind::Unsupported { element: kind }, Some(&part));
            }
            wb.sheets.push(sheet);
            continue;
        }
        let Some(bytes) = pkg.read(&part, MAX_XML_PART)? else {
            findings.add(FindingKind::MissingPart { part: part.clone() }, Some(&main));
            wb.sheets.push(empty(&wb, name));
            continue;
        };
        let (digit_px, font_row_height) = default_font_metrics(&wb);
        let mut sheet = Sheet {
            name,
            visibility,
            ..Sheet::default()
        };
        let mut ctx = worksheet::Context {
            strings: &strings,
            colors: &colors,
            digit_px,
            font_row_height,
            cells: &mut cells,
        };
        let refs = worksheet::read(&bytes, &part, &mut sheet, &mut ctx)?;
        drop(bytes);
        let sheet_index = wb.sheets.len();
        let sheet_rels = load_rels(&mut pkg, &part)?;
        for id in &refs.tables {
            if let Some((_, target, false)) = sheet_rels.get(id)
                && let Some(x) = xml(&mut pkg, target)?
                && let Some(mut t) = table(&x, sheet_index)
            {
                t.filter = x
                    .child(Ns::X, "autoFilter")
                    .map(|af| filter::read(af, target, &mut findings));
                wb.tables.push(t);
            }
        }
        let book_context = features::BookContext {
            colors: &colors,
            persons: &persons,
        };
        features::read(
            &mut pkg,
            &refs,
            &sheet_rels,
            &part,
            &mut sheet,
            &book_context,
            &mut findings,
        )?;
        report(&refs, &part, &mut findings);
        if let Some(d) = of_kind(&sheet_rels, "drawing") {
            let at = (sheet_index, &sheet);
            drawing::read(
                &mut pkg,
                &d,
                at,
                &mut drawings,
                &mut wb.drawings,
                &mut findings,
            )?;
        }
        let mut pivots: Vec<String> = sheet_rels
            .values()
            .filter(|(k, _, ext)| k == "pivotTable" && !ext)
            .map(|(_, t, _)| t.clone())
            .collect();
        pivots.sort();
        pivot_parts.extend(pivots.into_iter().map(|p| (sheet_index, p)));
        wb.sheets.push(sheet);
    }
    drawing::link_charts(&wb.sheets, &mut wb.drawings);
    if wb.active_sheet >= wb.sheets.len() {
        wb.active_sheet = 0;
    }
    if let Some(names) = book.child(Ns::X, "definedNames") {
        for n in names.children_named(Ns::X, "definedName") {
            let Some(name) = n.attr(Ns::None, "name") else {
                continue;
            };
            wb.defined_names.push(DefinedName {
                name: name.to_string(),
                formula: n.text().trim().to_string(),
                local_sheet: n
                    .attr(Ns::None, "localSheetId")
                    .and_then(|v| v.trim().parse().ok()),
                hidden: n
                    .attr(Ns::None, "hidden")
                    .is_some_and(|v| matches!(v, "1" | "true")),
            });
        }
    }
    let mut pivots = Vec::new();
    for (sheet, part) in pivot_parts {
        let read = pivot::read(&mut pkg, &part, sheet, &wb)?;
        pivots.push((part, read));
    }
    pivot_apply::apply(&mut wb, pivots, &mut findings);
    if wb.sheets.is_empty() {
        return Err(DetectError::NotADocument(
            "a workbook without worksheets".into(),
        ));
    }
    pkg.report_checksum_mismatches(&mut findings);
    Ok((wb, findings))
}

/// A table part (§18.5.1.2).
fn table(x: &Element, sheet: usize) -> Option<TableDef> {
    let a = |n: &str| x.attr(Ns::None, n);
    let count = |n: &str, default: u32| a(n).and_then(|v| v.trim().parse().ok()).unwrap_or(default);
    Some(TableDef {
        name: a("name").unwrap_or_default().to_string(),
        display_name: a("displayName")
            .or(a("name"))
            .unwrap_or_default()
            .to_string(),
        sheet,
        range: parse_range(a("ref")?)?,
        header_rows: count("headerRowCount", 1),
        totals_rows: count("totalsRowCount", 0),
        columns: x
            .child(Ns::X, "tableColumns")
            .map(|c| {
                c.children_named(Ns::X, "tableColumn")
                    .map(|t| t.attr(Ns::None, "name").unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default(),
        filter: None,
    })
}

/// Findings for what a worksheet has but the converter does not carry yet.
fn report(refs: &worksheet::Refs, part: &str, findings: &mut Findings) {
    if refs.beyond_limits > 0 {
        findings.add(
            FindingKind::BeyondSheetLimits {
                count: refs.beyond_limits,
            },
            Some(part),
        );
    }
    for element in &refs.unsupported {
        // Drawings are read, comments reported by what their parts hold, below.
        // pivotSelection is only which part of a pivot table the view had selected.
        if matches!(
            element.as_str(),
            "drawing" | "legacyDrawing" | "tableParts" | "pivotSelection"
        ) {
            continue;
        }
        findings.add(
            FindingKind::Unsupported {
                element: element.clone(),
            },
            Some(part),
        );
    }
    for element in &refs.lost.unsupported {
        findings.add(
            FindingKind::Unsupported {
                element: element.clone(),
            },
            Some(part),
        );
    }
    for (kind, location) in &refs.lost.findings {
        findings.add(kind.clone(), Some(location));
    }
}

/// Iterative calculation from calcPr (§18.2.2): on when `iterate` is true, with iterateCount
/// (default 100) passes and iterateDelta (default 0.001) as the convergence bound. Without it a
/// circular reference is an error, so the setting changes the values shown.
fn iteration(calc: &Element) -> Option<Iteration> {
    let on = calc
        .attr(Ns::None, "iterate")
        .is_some_and(|v| matches!(v.trim(), "1" | "true"));
    if !on {
        return None;
    }
    let steps = calc
        .attr(Ns::None, "iterateCount")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(100)
        // ODF 1.3 declares table:steps a positiveInteger.
        .max(1);
    let max_change = calc
        .attr(Ns::None, "iterateDelta")
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|d| d.is_finite() && *d >= 0.0)
        .unwrap_or(0.001);
    Some(Iteration { steps, max_change })
}
