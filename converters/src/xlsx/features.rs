//! The sheet features besides cells that the XLSX reader carries over: hyperlinks, comments
//! and threaded comments, the autofilter, print setup and protection, each read by its module
//! from the worksheet's kept sections and related parts.

use std::collections::HashMap;
use std::io::{Read, Seek};

use crate::dom::{Element, Ns};
use crate::error::DetectError;
use crate::findings::{FindingKind, Findings};
use crate::opc::Package;
use crate::sheet::Sheet;

use super::styles::Colors;
use super::{Rels, comments, filter, links, print, protection, worksheet, xml};

/// What the workbook gives every sheet's features.
pub struct BookContext<'a> {
    pub colors: &'a Colors,
    /// Display names of threaded comments' authors by person id.
    pub persons: &'a HashMap<String, String>,
}

/// Reads the sheet's features into `sheet.extras`.
pub fn read<R: Read + Seek>(
    pkg: &mut Package<R>,
    refs: &worksheet::Refs,
    rels: &Rels,
    part: &str,
    sheet: &mut Sheet,
    book: &BookContext<'_>,
    findings: &mut Findings,
) -> Result<(), DetectError> {
    let kept = |name: &str| refs.kept.iter().find(|e| e.is(Ns::X, name));
    if let Some(h) = kept("hyperlinks") {
        links::read(h, rels, sheet, part, findings);
    }
    if let Some(af) = kept("autoFilter") {
        sheet.extras.autofilter = Some(filter::read(af, part, findings));
    }
    sheet.extras.page = print::read(&refs.kept, part, findings);
    if let Some(p) = kept("sheetProtection") {
        sheet.extras.protection = protection::sheet(p, &sheet.name, part, findings);
    }
    // Comments, then the threads that replace their legacy notes, then the notes' visibility.
    let mut targets: Vec<(&String, &String)> = rels
        .values()
        .filter(|(_, _, ext)| !ext)
        .map(|(k, t, _)| (k, t))
        .collect();
    targets.sort();
    for (kind, target) in &targets {
        if kind.as_str() == "comments"
            && let Some(x) = xml(pkg, target)?
        {
            comments::read(
                &x,
                book.colors,
                &mut sheet.extras.comments,
                target,
                findings,
            );
        }
    }
    for (kind, target) in &targets {
        if kind.as_str() == "threadedComment"
            && let Some(x) = xml(pkg, target)?
        {
            comments::threads(
                &x,
                book.persons,
                &mut sheet.extras.comments,
                target,
                findings,
            );
        }
    }
    if let Some(vml) = kept("legacyDrawing")
        .and_then(|l| l.attr(Ns::R, "id"))
        .and_then(|id| rels.get(id))
        .filter(|(_, _, ext)| !ext)
        .map(|(_, t, _)| t.clone())
    {
        legacy_drawing(pkg, &vml, sheet, findings)?;
    }
    comments::ensure_cells(sheet);
    Ok(())
}

/// The legacy VML drawing: the notes' visibility; other shapes (form controls, pictures in
/// VML) are reported. VML written by old tools is often not well-formed XML: then the notes
/// keep the default (shown on hover).
fn legacy_drawing<R: Read + Seek>(
    pkg: &mut Package<R>,
    part: &str,
    sheet: &mut Sheet,
    findings: &mut Findings,
) -> Result<(), DetectError> {
    let Some(bytes) = pkg.read(part, crate::docx::MAX_XML_PART)? else {
        return Ok(());
    };
    let Ok(vml) = crate::dom::parse(&bytes, part) else {
        return Ok(());
    };
    comments::visibility(&vml, &mut sheet.extras.comments);
    if other_shapes(&vml) {
        findings.add(
            FindingKind::Unsupported {
                element: "legacyDrawing (VML shapes other than notes)".into(),
            },
            Some(part),
        );
    }
    Ok(())
}

/// Whether the drawing has client data of objects other than notes.
fn other_shapes(vml: &Element) -> bool {
    let mut stack = vec![vml];
    while let Some(e) = stack.pop() {
        if e.is(Ns::XlVml, "ClientData") {
            if e.attr(Ns::None, "ObjectType").is_some_and(|t| t != "Note") {
                return true;
            }
            continue;
        }
        stack.extend(e.elements());
    }
    false
}
