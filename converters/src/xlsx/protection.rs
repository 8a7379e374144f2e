//! Sheet protection (ECMA-376-1 §18.3.1.85 sheetProtection) and workbook protection
//! (§18.2.29 workbookProtection), with what of them ODF 1.3 cannot carry reported.

use crate::dom::{Element, Ns};

use super::on;
use crate::findings::{FindingKind, Findings};
use crate::sheet::extras::{BookProtection, SheetProtection};

/// The legacy 16-bit password hash, four hex digits (§18.18.40 ST_UnsignedShortHex).
fn legacy(e: &Element, name: &str) -> Option<u16> {
    e.attr(Ns::None, name)
        .and_then(|v| u16::from_str_radix(v.trim(), 16).ok())
        .filter(|h| *h != 0)
}

/// Actions that Excel forbids on a protected sheet unless the attribute is false; ODF 1.3 has
/// no way to allow them (LibreOffice's own attributes for this are an extension).
const ACTIONS: [&str; 11] = [
    "formatCells",
    "formatColumns",
    "formatRows",
    "insertColumns",
    "insertRows",
    "insertHyperlinks",
    "deleteColumns",
    "deleteRows",
    "sort",
    "autoFilter",
    "pivotTables",
];

/// Reads sheetProtection; `None` unless the sheet is protected (`sheet` true).
pub fn sheet(
    e: &Element,
    name: &str,
    part: &str,
    findings: &mut Findings,
) -> Option<SheetProtection> {
    if !on(e, "sheet") {
        return None;
    }
    let off = |a: &str| {
        e.attr(Ns::None, a)
            .is_some_and(|v| matches!(v.trim(), "0" | "false"))
    };
    let mut allowed: Vec<String> = ACTIONS
        .iter()
        .filter(|a| off(a))
        .map(|a| a.to_string())
        .collect();
    // Selecting cells is allowed by default in both; Excel can forbid it.
    for a in ["selectLockedCells", "selectUnlockedCells"] {
        if on(e, a) {
            allowed.push(["no ", a].concat());
        }
    }
    let p = SheetProtection {
        legacy_hash: legacy(e, "password"),
        salted: e.attr(Ns::None, "hashValue").is_some(),
        allowed,
    };
    if p.salted && p.legacy_hash.is_none() {
        findings.add(
            FindingKind::ProtectionWithoutPassword {
                what: ["sheet ", name].concat(),
            },
            Some(part),
        );
    }
    if !p.allowed.is_empty() {
        findings.add(
            FindingKind::Unsupported {
                element: ["sheetProtection exceptions: ", &p.allowed.join(", ")].concat(),
            },
            Some(part),
        );
    }
    Some(p)
}

/// Reads workbookProtection; `None` when nothing is locked.
pub fn book(e: &Element, part: &str, findings: &mut Findings) -> Option<BookProtection> {
    let p = BookProtection {
        structure: on(e, "lockStructure"),
        legacy_hash: legacy(e, "workbookPassword"),
        salted: e.attr(Ns::None, "workbookHashValue").is_some(),
        windows: on(e, "lockWindows"),
    };
    if p.windows {
        findings.add(
            FindingKind::Unsupported {
                element: "workbookProtection lockWindows".into(),
            },
            Some(part),
        );
    }
    if on(e, "lockRevision") {
        findings.add(
            FindingKind::Unsupported {
                element: "workbookProtection lockRevision".into(),
            },
            Some(part),
        );
    }
    if !p.structure {
        return None;
    }
    if p.salted && p.legacy_hash.is_none() {
        findings.add(
            FindingKind::ProtectionWithoutPassword {
                what: "the workbook structure".into(),
            },
            Some(part),
        );
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(xml: &str) -> Result<Element, Box<dyn std::error::Error>> {
        let full = [
            r#"<r xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            xml,
            "</r>",
        ]
        .concat();
        let root = crate::dom::parse(full.as_bytes(), "p")?;
        Ok(root.elements().next().ok_or("empty")?.clone())
    }

    #[test]
    fn sheet_and_book_protection() -> Result<(), Box<dyn std::error::Error>> {
        let mut f = Findings::default();
        let legacy = sheet(
            &el(r#"<sheetProtection password="CC1A" sheet="1"/>"#)?,
            "S",
            "p",
            &mut f,
        )
        .ok_or("not protected")?;
        assert_eq!(legacy.legacy_hash, Some(0xCC1A));
        assert!(legacy.allowed.is_empty());
        assert!(f.clone().into_vec().is_empty());
        let salted = el(concat!(
            r#"<sheetProtection algorithmName="SHA-512" hashValue="x" saltValue="y" "#,
            r#"spinCount="100000" sheet="1" formatCells="0" selectLockedCells="1"/>"#
        ))?;
        let p = sheet(&salted, "S", "p", &mut f).ok_or("not protected")?;
        assert!(p.salted && p.legacy_hash.is_none());
        assert_eq!(
            p.allowed,
            vec!["formatCells".to_string(), "no selectLockedCells".into()]
        );
        assert!(
            sheet(
                &el(r#"<sheetProtection formatCells="0"/>"#)?,
                "S",
                "p",
                &mut f
            )
            .is_none()
        );
        let codes: Vec<&str> = f.into_vec().iter().map(|f| f.kind.code()).collect();
        assert_eq!(
            codes,
            vec![
                "convert.protection-without-password",
                "convert.unsupported-content"
            ]
        );
        let mut f = Findings::default();
        assert!(book(&el("<workbookProtection/>")?, "w", &mut f).is_none());
        let b = book(
            &el(r#"<workbookProtection workbookPassword="CC1A" lockStructure="1"/>"#)?,
            "w",
            &mut f,
        )
        .ok_or("no protection")?;
        assert_eq!((b.structure, b.legacy_hash), (true, Some(0xCC1A)));
        assert!(f.clone().into_vec().is_empty());
        Ok(())
    }
}
