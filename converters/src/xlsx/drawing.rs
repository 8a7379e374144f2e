//! The drawing part of a worksheet or chart sheet (ECMA-376-1 §20.5 SpreadsheetML Drawing,
//! `xdr:wsDr`): its anchors, the pictures (§20.5.2.25 xdr:pic) and charts (§20.5.2.16
//! xdr:graphicFrame with c:chart), shapes (xdr:sp) and connectors (xdr:cxnSp) they hold, also
//! inside groups, read into [`Drawings`]. SmartArt, chartex charts, OLE frames and ink are not
//! carried and become findings.

use std::collections::HashMap;
use std::io::{Read, Seek};

use crate::chart::{DataRefs, Series};
use crate::docx::theme::Theme;
use crate::docx::{MAX_MEDIA, extension, media_type};
use crate::dom::{Element, Ns};
use crate::error::DetectError;
use crate::findings::{FindingKind, Findings};
use crate::ods::cell_name;
use crate::opc::Package;
use crate::sheet::drawing::{Anchor, Content, Drawings, Grid, Image, MAX_SHAPES, Shape};
use crate::sheet::{MAX_COLS, MAX_ROWS, Pos, Sheet};

use super::{Rels, load_rels, xml};

#[cfg(test)]
#[path = "drawing_tests.rs"]
mod tests;

/// What reading drawings needs besides the package: the theme (chart colours and font) and
/// the pictures already carried, by part name, so that a picture used twice is stored once.
pub struct Context<'a> {
    pub theme: &'a Theme,
    pub images: HashMap<String, usize>,
}

/// Offsets and extents beyond this many EMU (about 27 m) are taken as this.
const MAX_EMU: i64 = 1 << 30;

/// Reads the drawing part `part` of the sheet `index` into `out`.
pub fn read<R: Read + Seek>(
    pkg: &mut Package<R>,
    part: &str,
    (index, sheet): (usize, &Sheet),
    ctx: &mut Context<'_>,
    out: &mut Drawings,
    findings: &mut Findings,
) -> Result<(), DetectError> {
    let Some(root) = xml(pkg, part)? else {
        findings.add(
            FindingKind::MissingPart {
                part: part.to_string(),
            },
            Some(part),
        );
        return Ok(());
    };
    let rels = load_rels(pkg, part)?;
    let grid = Grid::new(sheet);
    for a in root.elements().filter(|e| e.ns == Ns::Xdr) {
        let Some((anchor, size)) = placement(a, &grid) else {
            continue;
        };
        let Some(object) = a.elements().find(|e| {
            e.ns == Ns::Xdr
                && matches!(
                    e.name.as_str(),
                    "pic" | "graphicFrame" | "sp" | "grpSp" | "cxnSp" | "contentPart"
                )
        }) else {
            continue;
        };
        let unsupported = |what: &str, findings: &mut Findings| {
            findings.add(
                FindingKind::Unsupported {
                    element: what.to_string(),
                },
                Some(part),
            );
        };
        // A group's members are placed one by one (see super::group).
        let members: Vec<(&Element, Anchor, (i64, i64))> = if object.name == "grpSp" {
            super::group::members(object, size)
                .into_iter()
                .map(|(e, (x, y, w, h))| (e, shifted(anchor, (x, y)), (w, h)))
                .collect()
        } else {
            vec![(object, anchor, size)]
        };
        if members.is_empty() {
            unsupported("group shape (xdr:grpSp) without placed members", findings);
        }
        for (object, mut anchor, size) in members {
            if out.shapes.len() >= MAX_SHAPES {
                unsupported("drawing object beyond the limit of objects", findings);
                continue;
            }
            let content = match object.name.as_str() {
                "pic" => picture(pkg, object, &rels, ctx, out, part, findings)?,
                "graphicFrame" => graphic_frame(pkg, object, &rels, ctx, out, part, findings)?,
                "sp" | "cxnSp" => {
                    let (drawn, boxed) = super::shape::read(object, size, ctx.theme);
                    if let Some(preset) = boxed {
                        let what = if drawn.line.is_some() {
                            ["connector geometry ", &preset].concat()
                        } else {
                            ["shape geometry ", &preset, ", drawn as a rectangle"].concat()
                        };
                        unsupported(&what, findings);
                    }
                    // Lines lie on the sheet, from where their cell puts them (ODF's draw:line has end
                    // points, no box to place in a cell).
                    if drawn.line.is_some()
                        && let Anchor::Cell { cell, offset, .. } = anchor
                    {
                        let (x, y) = grid.emu_at(cell, offset);
                        anchor = Anchor::Page { x, y };
                    }
                    out.drawn.push(drawn);
                    Some(Content::Drawn(out.drawn.len() - 1))
                }
                _ => {
                    unsupported("ink (xdr:contentPart)", findings);
                    None
                }
            };
            let Some(content) = content else {
                continue;
            };
            let props = object.elements().find_map(|nv| nv.child(Ns::Xdr, "cNvPr"));
            let text = |name: &str| {
                props
                    .and_then(|p| p.attr(Ns::None, name))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            out.shapes.push(Shape {
                sheet: index,
                anchor,
                size,
                name: text("name").unwrap_or_default(),
                title: text("title"),
                description: text("descr"),
                hidden: props
                    .and_then(|p| p.attr(Ns::None, "hidden"))
                    .is_some_and(|v| matches!(v, "1" | "true")),
                outline: match content {
                    Content::Image(_) => outline(object, ctx.theme),
                    _ => None,
                },
                content,
            });
        }
    }
    Ok(())
}

/// An anchor moved by `(dx, dy)` EMU; a member of a group moves with its first cell but keeps
/// its size.
fn shifted(anchor: Anchor, (dx, dy): (i64, i64)) -> Anchor {
    match anchor {
        Anchor::Cell { cell, offset, .. } => Anchor::Cell {
            cell,
            offset: (offset.0.saturating_add(dx), offset.1.saturating_add(dy)),
            end: None,
        },
        Anchor::Page { x, y } => Anchor::Page {
            x: x.saturating_add(dx),
            y: y.saturating_add(dy),
        },
    }
}

/// A picture's solid outline (xdr:spPr/a:ln with a:solidFill, §20.1.2.2.24): colour and width
/// in points (0.75pt when not given).
fn outline(pic: &Element, theme: &Theme) -> Option<(crate::units::Rgb, f64)> {
    let ln = pic.child(Ns::Xdr, "spPr")?.child(Ns::A, "ln")?;
    let c = crate::drawingml::color(ln.child(Ns::A, "solidFill")?, &|n| theme.color(n))?;
    let w = ln
        .attr(Ns::None, "w")
        .and_then(|w| w.parse::<f64>().ok())
        .map_or(0.75, |emu| (emu / 12_700.0).clamp(0.0, 100.0));
    Some((c, w))
}

/// The part a relationship names inside the package.
fn internal(rels: &Rels, id: &str) -> Option<String> {
    rels.get(id)
        .filter(|(_, _, external)| !external)
        .map(|(_, target, _)| target.clone())
}

/// An integer child's text (xdr:col, xdr:colOff, ...).
fn number(e: &Element, name: &str) -> Option<i64> {
    e.child(Ns::Xdr, name)?.text().trim().parse().ok()
}

/// A cell marker (§20.5.2.15 xdr:from, §20.5.2.32 xdr:to): the cell and the offset into it.
fn marker(e: &Element) -> Option<(Pos, (i64, i64))> {
    let col = number(e, "col")?.clamp(0, i64::from(MAX_COLS) - 1) as u32;
    let row = number(e, "row")?.clamp(0, i64::from(MAX_ROWS) - 1) as u32;
    let dx = number(e, "colOff").unwrap_or(0).clamp(0, MAX_EMU);
    let dy = number(e, "rowOff").unwrap_or(0).clamp(0, MAX_EMU);
    Some(((row, col), (dx, dy)))
}

/// An extent or position pair (`xdr:ext cx cy`, `xdr:pos x y`), in EMU.
fn pair(e: Option<&Element>, a: &str, b: &str) -> Option<(i64, i64)> {
    let e = e?;
    let v = |n: &str| -> Option<i64> {
        e.attr(Ns::None, n)?
            .trim()
            .parse::<i64>()
            .ok()
            .map(|v| v.clamp(0, MAX_EMU))
    };
    Some((v(a)?, v(b)?))
}

/// The anchor of an object and its size in EMU (§20.5.2.33 twoCellAnchor, §20.5.2.24
/// oneCellAnchor, §20.5.2.1 absoluteAnchor). A two-cell anchor's size is the span between its
/// corners on the sheet; it resizes with the cells unless `editAs` says oneCell or absolute
/// (§20.5.3.2 ST_EditAs), the latter placing it on the sheet as LibreOffice's import does.
fn placement(a: &Element, grid: &Grid) -> Option<(Anchor, (i64, i64))> {
    match a.name.as_str() {
        "twoCellAnchor" => {
            let (from, off) = marker(a.child(Ns::Xdr, "from")?)?;
            let (to, to_off) = marker(a.child(Ns::Xdr, "to")?)?;
            let start = grid.emu_at(from, off);
            let end = grid.emu_at(to, to_off);
            let size = ((end.0 - start.0).max(0), (end.1 - start.1).max(0));
            let anchor = match a.attr(Ns::None, "editAs") {
                Some("absolute") => Anchor::Page {
                    x: start.0,
                    y: start.1,
                },
                Some("oneCell") => Anchor::Cell {
                    cell: from,
                    offset: off,
                    end: None,
                },
                _ => Anchor::Cell {
                    cell: from,
                    offset: off,
                    end: Some((to, to_off)),
                },
            };
            Some((anchor, size))
        }
        "oneCellAnchor" => {
            let (cell, offset) = marker(a.child(Ns::Xdr, "from")?)?;
            let size = pair(a.child(Ns::Xdr, "ext"), "cx", "cy")?;
            Some((
                Anchor::Cell {
                    cell,
                    offset,
                    end: None,
                },
                size,
            ))
        }
        "absoluteAnchor" => {
            let (x, y) = pair(a.child(Ns::Xdr, "pos"), "x", "y")?;
            let size = pair(a.child(Ns::Xdr, "ext"), "cx", "cy")?;
            Some((Anchor::Page { x, y }, size))
        }
        _ => None,
    }
}

/// A picture (§20.5.2.25): the image part its blip embeds (a:blip r:embed), carried once.
fn picture<R: Read + Seek>(
    pkg: &mut Package<R>,
    pic: &Element,
    rels: &Rels,
    ctx: &mut Context<'_>,
    out: &mut Drawings,
    part: &str,
    findings: &mut Findings,
) -> Result<Option<Content>, DetectError> {
    let blip = pic
        .child(Ns::Xdr, "blipFill")
        .and_then(|f| f.child(Ns::A, "blip"));
    let target = blip
        .and_then(|b| b.attr(Ns::R, "embed"))
        .and_then(|id| internal(rels, id));
    let Some(target) = target else {
        // A linked picture (r:link) lies outside the package.
        findings.add(
            FindingKind::Unsupported {
                element: "picture without an embedded image".into(),
            },
            Some(part),
        );
        return Ok(None);
    };
    // A cropped picture (a:srcRect with an inset, §20.1.8.55) is shown whole.
    let cropped = pic
        .child(Ns::Xdr, "blipFill")
        .and_then(|f| f.child(Ns::A, "srcRect"))
        .is_some_and(|r| {
            ["l", "t", "r", "b"].iter().any(|side| {
                r.attr(Ns::None, side)
                    .and_then(|v| v.trim().parse::<i64>().ok())
                    .is_some_and(|v| v != 0)
            })
        });
    if cropped {
        findings.add(
            FindingKind::Unsupported {
                element: "picture cropping (a:srcRect), shown whole".into(),
            },
            Some(part),
        );
    }
    if let Some(&i) = ctx.images.get(&target) {
        return Ok(Some(Content::Image(i)));
    }
    let Some(data) = pkg.read(&target, MAX_MEDIA)? else {
        findings.add(FindingKind::MissingPart { part: target }, Some(part));
        return Ok(None);
    };
    let ext = extension(&target);
    let i = out.images.len();
    out.images.push(Image {
        path: format!("Pictures/image{}.{ext}", i + 1),
        media_type: media_type(&ext),
        data,
    });
    ctx.images.insert(target, i);
    Ok(Some(Content::Image(i)))
}

/// A graphic frame (§20.5.2.16): a chart (c:chart r:id, §21.2.2.27) is read into the chart
/// model; other graphic data (SmartArt, chartex, OLE) is reported.
fn graphic_frame<R: Read + Seek>(
    pkg: &mut Package<R>,
    frame: &Element,
    rels: &Rels,
    ctx: &mut Context<'_>,
    out: &mut Drawings,
    part: &str,
    findings: &mut Findings,
) -> Result<Option<Content>, DetectError> {
    let Some(data) = frame.find(Ns::A, "graphicData") else {
        return Ok(None);
    };
    let uri = data.attr(Ns::None, "uri").unwrap_or_default();
    if !uri.ends_with("/chart") || uri.ends_with("/chartex") {
        let element = if uri.ends_with("/diagram") {
            "SmartArt diagram".to_string()
        } else {
            format!("drawing {uri}")
        };
        findings.add(FindingKind::Unsupported { element }, Some(part));
        return Ok(None);
    }
    let target = data
        .child(Ns::C, "chart")
        .and_then(|c| c.attr(Ns::R, "id"))
        .and_then(|id| internal(rels, id));
    let root = match &target {
        Some(t) => xml(pkg, t)?,
        None => None,
    };
    let theme = ctx.theme;
    let chart = root
        .as_ref()
        .and_then(|r| crate::chart::read(r, &|n| theme.color(n), theme.font("minorHAnsi")));
    if root
        .as_ref()
        .is_some_and(|r| r.child(Ns::C, "userShapes").is_some())
    {
        findings.add(
            FindingKind::Unsupported {
                element: "shapes drawn on a chart (c:userShapes)".into(),
            },
            Some(target.as_deref().unwrap_or(part)),
        );
    }
    match chart {
        Some(c) => {
            out.charts.push(c);
            Ok(Some(Content::Chart(out.charts.len() - 1)))
        }
        None => {
            findings.add(FindingKind::Chart, Some(target.as_deref().unwrap_or(part)));
            Ok(None)
        }
    }
}

/// Links every chart's series to the sheet cells its references name (`Sheet1!$B$2:$B$5`),
/// as ODF range addresses, when all of them can be: a chart either reads the sheets or keeps
/// its own data (LibreOffice knows no mix), so one reference that is not a plain range of a
/// sheet of the workbook (a literal, a name, another file) leaves the chart with its own data.
pub fn link_charts(sheets: &[Sheet], drawings: &mut Drawings) {
    for chart in &mut drawings.charts {
        let links: Option<Vec<DataRefs>> = chart.series.iter().map(|s| link(s, sheets)).collect();
        if let Some(links) = links.filter(|l| !l.is_empty()) {
            chart.links = links;
        }
    }
}

/// A series' ranges on the sheets, or `None` when a part of its data has no plain range.
fn link(s: &Series, sheets: &[Sheet]) -> Option<DataRefs> {
    let resolve = |f: &Option<String>, needed: bool| -> Option<Option<String>> {
        match f {
            Some(f) => odf_ranges(f, sheets).map(Some),
            None if needed => None,
            None => Some(None),
        }
    };
    let r = &s.refs;
    Some(DataRefs {
        // A series named by text of its own (c:tx/c:v) would lose its name.
        name: resolve(&r.name, s.name.is_some())?,
        categories: resolve(&r.categories, !s.categories.is_empty())?,
        values: resolve(&r.values, true)?,
        x_values: resolve(&r.x_values, !s.x_values.is_empty())?,
        sizes: resolve(&r.sizes, !s.sizes.is_empty())?,
    })
}

/// `Sheet1!$B$2:$B$5` or `('My sheet'!$A$1,'My sheet'!$A$3)` as ODF cell range addresses
/// (`Sheet1.B2:Sheet1.B5`, space-separated for several areas, ODF 1.3 Part 3 §9.2.5).
fn odf_ranges(f: &str, sheets: &[Sheet]) -> Option<String> {
    let f = f.trim();
    let inner = f
        .strip_prefix('(')
        .and_then(|f| f.strip_suffix(')'))
        .unwrap_or(f);
    let mut out = Vec::new();
    for area in split_areas(inner) {
        let (sheet, cells) = area.trim().rsplit_once('!')?;
        let name = match sheet.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
            Some(quoted) => quoted.replace("''", "'"),
            None => sheet.to_string(),
        };
        let sheet = sheets.iter().find(|s| s.name.eq_ignore_ascii_case(&name))?;
        let range = crate::sheet::parse_range(cells)?;
        let q = crate::formula::odf_sheet(&sheet.name);
        let (first, last) = (cell_name(range.first), cell_name(range.last));
        out.push([q.as_str(), ".", &first, ":", &q, ".", &last].concat());
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// The areas of a reference list, split at commas outside quoted sheet names.
fn split_areas(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}
