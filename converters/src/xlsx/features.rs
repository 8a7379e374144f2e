//! The sheet features besides cells that the XLSX reader carries over: hyperlinks, comments
//! and threaded comments, the autofilter, print setup and protection, each read by its module
//! from the worksheet's kept sections and related parts.

use std::collections::HashMap;
use std::io::{Read, Seek};

use crate::dom::Ns;
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
    if let Some(b) = kept("rowBreaks") {
        sheet.extras.row_breaks = print::breaks(b, crate::sheet::MAX_ROWS);
    }
    if let Some(b) = kept("colBreaks") {
        sheet.extras.col_breaks = print::breaks(b, crate::sheet::MAX_COLS);
    }
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
    // Form controls and other objects in VML are not carried.
    let other = comments::client_data(&vml)
        .iter()
        .any(|e| e.attr(Ns::None, "ObjectType").is_some_and(|t| t != "Note"));
    if other {
        findings.add(
            FindingKind::Unsupported {
                element: "legacyDrawing (VML shapes other than notes)".into(),
            },
            Some(part),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::super::tests::{STYLES, package};
    use crate::sheet::Value;

    #[test]
    fn a_worksheet_carries_its_links_notes_filter_print_setup_and_protection()
    -> Result<(), Box<dyn std::error::Error>> {
        let sheet = concat!(
            r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#,
            r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>link</t></is></c></row></sheetData>"#,
            r#"<sheetProtection password="CC1A" sheet="1"/><autoFilter ref="A1:B3"/>"#,
            r#"<hyperlinks><hyperlink ref="A1" r:id="rL" tooltip="T"/></hyperlinks>"#,
            r#"<pageMargins left="1" right="1" top="1" bottom="1" header="0.5" footer="0.5"/>"#,
            r#"<pageSetup orientation="landscape" fitToWidth="2"/><legacyDrawing r:id="rV"/>"#
        );
        let rels = concat!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
            r#"<Relationship Id="rL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/>"#,
            r#"<Relationship Id="rC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/>"#,
            r#"<Relationship Id="rV" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>"#,
            r#"</Relationships>"#
        );
        let comments = concat!(
            r#"<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<authors><author>Ann</author></authors><commentList>"#,
            r#"<comment ref="C4" authorId="0"><text><t>note</t></text></comment></commentList></comments>"#
        );
        let vml = concat!(
            r#"<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">"#,
            r#"<v:shape><x:ClientData ObjectType="Note"><x:Visible/><x:Row>3</x:Row><x:Column>2</x:Column>"#,
            r#"</x:ClientData></v:shape><v:shape><x:ClientData ObjectType="Button"/></v:shape></xml>"#
        );
        let bytes = package(
            &[("Sheet1", sheet)],
            "",
            STYLES,
            &[
                ("xl/worksheets/_rels/sheet0.xml.rels", rels),
                ("xl/comments1.xml", comments),
                ("xl/drawings/vmlDrawing1.vml", vml),
            ],
        );
        let (wb, findings) = super::super::read(Cursor::new(bytes))?;
        let x = &wb.sheets[0].extras;
        assert_eq!(
            x.links.get(&(0, 0)).map(|l| l.href.as_str()),
            Some("https://example.org/")
        );
        let note = x.comments.get(&(3, 2)).ok_or("no note")?;
        assert!(note.shown && note.author.as_deref() == Some("Ann"));
        // The note's cell exists so that the writer has a cell to hold it.
        let row = wb.sheets[0]
            .rows
            .iter()
            .find(|r| r.index == 3)
            .ok_or("no row")?;
        assert_eq!(
            row.cells.first().map(|(c, cell)| (*c, &cell.value)),
            Some((2, &Value::Empty))
        );
        assert_eq!(
            x.autofilter.as_ref().and_then(|a| a.range),
            crate::sheet::parse_range("A1:B3")
        );
        let page = x.page.as_ref().ok_or("no page setup")?;
        assert!(page.landscape);
        assert_eq!(page.fit, Some((2, 1)));
        assert_eq!(
            x.protection.as_ref().and_then(|p| p.legacy_hash),
            Some(0xCC1A)
        );
        let unsupported: Vec<String> = findings
            .into_vec()
            .into_iter()
            .filter_map(|f| match f.kind {
                crate::findings::FindingKind::Unsupported { element } => Some(element),
                _ => None,
            })
            .collect();
        assert_eq!(
            unsupported,
            vec!["legacyDrawing (VML shapes other than notes)".to_string()]
        );
        Ok(())
    }
}
