//! Sheet and workbook protection as ODF attributes: table:protected on a table (ODF 1.3 part 3
//! §19.698) and table:structure-protected on the spreadsheet (§19.731).
//!
//! Excel's legacy 16-bit password hash is carried as the key: LibreOffice checks a key whose
//! digest algorithm is its "legacy-hash-excel" IRI by hashing the entered password the same way
//! (the hash as two bytes, high byte first, in base64), so the old password still unlocks.
//! Salted hashes (SHA-512 with salt and spin count) cannot be carried: such a sheet stays
//! protected without a key, as LibreOffice's own import writes it, so it can be unprotected
//! without a password (the reader reports that).

use base64::Engine;

use crate::sheet::Sheet;
use crate::sheet::extras::BookProtection;

const LEGACY_EXCEL: &str = "http://docs.oasis-open.org/office/ns/table/legacy-hash-excel";

fn key(hash: Option<u16>, a: &mut Vec<(&'static str, String)>) {
    if let Some(h) = hash {
        let key = base64::engine::general_purpose::STANDARD.encode(h.to_be_bytes());
        a.push(("table:protection-key", key));
        a.push(("table:protection-key-digest-algorithm", LEGACY_EXCEL.into()));
    }
}

/// The protection attributes of a table.
pub fn table(sheet: &Sheet) -> Vec<(&'static str, String)> {
    let mut a = Vec::new();
    if let Some(p) = &sheet.extras.protection {
        a.push(("table:protected", "true".into()));
        key(p.legacy_hash, &mut a);
    }
    a
}

/// The protection attributes of office:spreadsheet.
pub fn book(p: Option<&BookProtection>) -> Vec<(&'static str, String)> {
    let mut a = Vec::new();
    if let Some(p) = p.filter(|p| p.structure) {
        a.push(("table:structure-protected", "true".into()));
        key(p.legacy_hash, &mut a);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::extras::SheetProtection;

    #[test]
    fn legacy_hash_becomes_a_key_salted_one_none() {
        let mut s = Sheet::default();
        assert!(table(&s).is_empty());
        s.extras.protection = Some(SheetProtection {
            legacy_hash: Some(0xB5EC),
            ..SheetProtection::default()
        });
        let a = table(&s);
        assert_eq!(a[0], ("table:protected", "true".to_string()));
        // The bytes B5 EC, as LibreOffice hashes a password for this algorithm.
        assert_eq!(a[1], ("table:protection-key", "tew=".to_string()));
        s.extras.protection = Some(SheetProtection {
            salted: true,
            ..SheetProtection::default()
        });
        assert_eq!(table(&s).len(), 1);
        let b = BookProtection {
            structure: true,
            ..BookProtection::default()
        };
        assert_eq!(
            book(Some(&b)),
            vec![("table:structure-protected", "true".to_string())]
        );
        assert!(book(None).is_empty());
    }
}
