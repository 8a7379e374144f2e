//! Hyperlinks of a worksheet (ECMA-376-1 §18.3.1.47) as link targets of its cells: an external
//! target from the sheet's relationships, a place in the workbook from `location`.

use crate::dom::{Element, Ns};
use crate::findings::{FindingKind, Findings};
use crate::sheet::extras::Link;
use crate::sheet::{Range, Sheet, Value, parse_range};

use super::Rels;

/// Schemes whose links run code or reach local files: kept as they are (the ODF file never
/// makes them more than a link), but reported.
const RISKY: [&str; 4] = ["javascript:", "vbscript:", "data:", "file:"];

/// Cells one sheet's links may cover: a link over a hostile range of millions of filled cells
/// would otherwise cost a copy per cell. Real sheets stay far below.
const MAX_LINKED_CELLS: usize = 1_000_000;

/// Reads `hyperlinks` into the sheet's links.
pub fn read(
    hyperlinks: &Element,
    rels: &Rels,
    sheet: &mut Sheet,
    part: &str,
    findings: &mut Findings,
) {
    // Cells looked at over all links, against hostile lists of huge overlapping ranges.
    let mut visits = super::worksheet::MAX_CELLS;
    for h in hyperlinks.children_named(Ns::X, "hyperlink") {
        let Some(range) = h.attr(Ns::None, "ref").and_then(parse_range) else {
            continue;
        };
        let external = h
            .attr(Ns::R, "id")
            .and_then(|id| rels.get(id))
            .map(|(_, target, _)| external_iri(target));
        let location = h.attr(Ns::None, "location").filter(|l| !l.is_empty());
        let href = match (external, location) {
            (Some(t), Some(l)) => {
                let mut s = t;
                s.push('#');
                s.push_str(l);
                s
            }
            (Some(t), None) => t,
            (None, Some(l)) => internal(l),
            (None, None) => {
                // The relationship the link names is not in the package.
                let id = h.attr(Ns::R, "id").unwrap_or_default();
                findings.add(
                    FindingKind::MissingPart {
                        part: ["hyperlink target ", id].concat(),
                    },
                    Some(part),
                );
                continue;
            }
        };
        let lower = href.trim_start().to_ascii_lowercase();
        if RISKY.iter().any(|r| lower.starts_with(r)) {
            let shown: String = href.chars().take(120).collect();
            findings.add(FindingKind::RiskyLink { target: shown }, Some(part));
        }
        let link = Link {
            href,
            tooltip: h
                .attr(Ns::None, "tooltip")
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        };
        if sheet.extras.links.len() >= MAX_LINKED_CELLS || visits == 0 {
            findings.add(
                FindingKind::Unsupported {
                    element: "hyperlinks beyond 1000000 cells in a sheet".into(),
                },
                Some(part),
            );
            return;
        }
        if !attach(sheet, range, &link, &mut visits) {
            findings.add(
                FindingKind::Unsupported {
                    element: "hyperlink on an empty cell".into(),
                },
                Some(part),
            );
        }
    }
}

/// An external target as an IRI for ODF: Windows paths get forward slashes, and a relative
/// path one more `../`, since ODF resolves relative links from inside the package (ODF 1.3
/// part 3 §19.910: the package counts as a folder), as LibreOffice writes them.
pub fn external_iri(target: &str) -> String {
    let t = target.trim().replace('\\', "/");
    let has_scheme = t.split_once(':').is_some_and(|(s, _)| {
        s.len() > 1
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
    });
    let drive = t.len() >= 2 && t.as_bytes()[1] == b':' && t.as_bytes()[0].is_ascii_alphabetic();
    if drive {
        return ["file:///", &t].concat();
    }
    if t.starts_with("//") {
        // A UNC path \\server\share.
        return ["file:", &t].concat();
    }
    if has_scheme || t.starts_with('/') || t.starts_with('#') || t.is_empty() {
        return t;
    }
    ["../", &t].concat()
}

/// A place in the workbook as an ODF link: `Sheet2!A1` → `#Sheet2.A1`, `'My data'!B2` →
/// `#'My data'.B2`; a defined name stays a name (`#Prices`).
pub fn internal(location: &str) -> String {
    let mut s = String::from("#");
    // The sheet ends at the last `!` outside quotes.
    let mut quoted = false;
    let mut split = None;
    for (i, c) in location.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '!' if !quoted => split = Some(i),
            _ => {}
        }
    }
    match split {
        Some(i) => {
            s.push_str(&location[..i]);
            s.push('.');
            s.push_str(&location[i + 1..]);
        }
        None => s.push_str(location),
    }
    s
}

/// Gives the link to each cell of `range` that has a value; false when none has. Each row and
/// cell looked at costs one of `visits`.
fn attach(sheet: &mut Sheet, range: Range, link: &Link, visits: &mut u64) -> bool {
    let from = sheet.rows.partition_point(|r| r.index < range.first.0);
    let mut any = false;
    for row in sheet.rows[from..]
        .iter()
        .take_while(|r| r.index <= range.last.0)
    {
        if *visits == 0 {
            break;
        }
        *visits -= 1;
        let start = row.cells.partition_point(|(c, _)| *c < range.first.1);
        for (c, cell) in row.cells[start..]
            .iter()
            .take_while(|(c, _)| *c <= range.last.1)
        {
            *visits = visits.saturating_sub(1);
            if cell.value != Value::Empty && sheet.extras.links.len() < MAX_LINKED_CELLS {
                sheet.extras.links.insert((row.index, *c), link.clone());
                any = true;
            }
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{Cell, Row};

    #[test]
    fn external_targets_become_iris() {
        assert_eq!(external_iri("https://a.b/c?d"), "https://a.b/c?d");
        assert_eq!(external_iri("mailto:x@y.z"), "mailto:x@y.z");
        assert_eq!(external_iri("..\\data\\x.xlsx"), "../../data/x.xlsx");
        assert_eq!(external_iri("other.xlsx"), "../other.xlsx");
        assert_eq!(external_iri("D:\\a b.mp3"), "file:///D:/a b.mp3");
        assert_eq!(
            external_iri("\\\\srv\\share\\f.doc"),
            "file://srv/share/f.doc"
        );
        assert_eq!(external_iri("file:///D:\\x.mp3"), "file:///D:/x.mp3");
    }

    #[test]
    fn internal_places_become_odf_addresses() {
        assert_eq!(internal("Sheet2!A1"), "#Sheet2.A1");
        assert_eq!(internal("'My!data'!B2:C3"), "#'My!data'.B2:C3");
        assert_eq!(internal("Prices"), "#Prices");
    }

    #[test]
    fn links_go_to_cells_with_values_and_risky_ones_are_reported()
    -> Result<(), Box<dyn std::error::Error>> {
        let xml = concat!(
            r#"<hyperlinks xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            r#"<hyperlink ref="A1" r:id="rId1" tooltip="Go"/>"#,
            r#"<hyperlink ref="B1" location="Other!C3"/>"#,
            r#"<hyperlink ref="A2:B2" r:id="rId2"/>"#,
            r#"<hyperlink ref="Z9" location="X!A1"/></hyperlinks>"#
        );
        let el = crate::dom::parse(xml.as_bytes(), "h")?;
        let mut rels = Rels::new();
        rels.insert(
            "rId1".into(),
            ("hyperlink".into(), "https://example.org/".into(), true),
        );
        rels.insert(
            "rId2".into(),
            ("hyperlink".into(), "javascript:alert(1)".into(), true),
        );
        let cell = |v: &str| Cell {
            value: Value::String(v.into()),
            ..Cell::default()
        };
        let mut sheet = Sheet {
            rows: vec![
                Row {
                    index: 0,
                    cells: vec![(0, cell("a")), (1, cell("b"))],
                    ..Row::default()
                },
                Row {
                    index: 1,
                    cells: vec![(1, cell("c"))],
                    ..Row::default()
                },
            ],
            ..Sheet::default()
        };
        let mut findings = Findings::default();
        read(&el, &rels, &mut sheet, "sheet1.xml", &mut findings);
        let links = &sheet.extras.links;
        assert_eq!(
            links.get(&(0, 0)).map(|l| l.href.as_str()),
            Some("https://example.org/")
        );
        assert_eq!(
            links.get(&(0, 0)).and_then(|l| l.tooltip.as_deref()),
            Some("Go")
        );
        assert_eq!(
            links.get(&(0, 1)).map(|l| l.href.as_str()),
            Some("#Other.C3")
        );
        assert_eq!(
            links.get(&(1, 1)).map(|l| l.href.as_str()),
            Some("javascript:alert(1)")
        );
        assert!(!links.contains_key(&(1, 0)));
        let codes: Vec<&str> = findings.into_vec().iter().map(|f| f.kind.code()).collect();
        assert!(codes.contains(&"convert.risky-link"), "{codes:?}");
        assert!(codes.contains(&"convert.unsupported-content"), "{codes:?}");
        Ok(())
    }
}
