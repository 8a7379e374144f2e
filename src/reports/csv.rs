//! `umzug-report.csv`: one row per finding (a file without findings gets one row with the finding
//! columns empty, so every file appears), for filtering in LibreOffice Calc or Excel.
//!
//! Written for spreadsheets rather than for programs: UTF-8 with a byte order mark and CRLF line
//! ends (without the BOM, Excel reads the file as the ANSI code page and breaks umlauts), RFC 4180
//! quoting, and a leading `'` on any cell a spreadsheet would take for a formula.

use std::io::{self, Write};

use super::model::{FileReport, FindingRecord, Report};

/// The header row, in column order.
pub const COLUMNS: [&str; 16] = [
    "source",
    "target",
    "format",
    "status",
    "verdict",
    "error_code",
    "error",
    "code",
    "severity",
    "category",
    "finding verdict",
    "message",
    "message_de",
    "location",
    "count",
    "millis",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes the whole report as CSV.
pub fn write_csv(report: &Report, out: &mut impl Write) -> io::Result<()> {
    out.write_all(BOM)?;
    write_row(out, COLUMNS.iter().map(|c| c.to_string()))?;
    for file in &report.files {
        if file.findings.is_empty() {
            write_row(out, row(file, None))?;
        }
        for finding in &file.findings {
            write_row(out, row(file, Some(finding)))?;
        }
    }
    Ok(())
}

fn row(file: &FileReport, finding: Option<&FindingRecord>) -> [String; 16] {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let mut cells = [
        file.source.clone(),
        opt(&file.target),
        file.format.clone(),
        file.status.label().to_string(),
        file.verdict.label().to_string(),
        opt(&file.error_code),
        opt(&file.error),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        file.millis.to_string(),
    ];
    if let Some(f) = finding {
        cells[7] = f.code.clone();
        cells[8] = f.severity.clone();
        cells[9] = f.category.clone();
        cells[10] = verdict_label(f);
        cells[11] = f.message.clone();
        cells[12] = f.message_de.clone();
        cells[13] = opt(&f.location);
        cells[14] = f.count.to_string();
    }
    cells
}

fn verdict_label(f: &FindingRecord) -> String {
    serde_json::to_value(f.verdict)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn write_row(out: &mut impl Write, cells: impl IntoIterator<Item = String>) -> io::Result<()> {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(field(&cell).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// One field: guarded against formula injection, then quoted when RFC 4180 requires it.
pub fn field(value: &str) -> String {
    // Calc and Excel evaluate a cell starting with these as a formula (`=HYPERLINK(...)`,
    // `@SUM`, `+cmd|...`); a file name or a document string must never become one. The
    // apostrophe is what both show as "text, not a formula"; it stays visible, which is fine for
    // the rare file name that starts this way.
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::testdata::sample_report;

    #[test]
    fn quotes_as_rfc_4180() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field(""), "");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(
            field("Bürgeramt_Übersicht.docx"),
            "Bürgeramt_Übersicht.docx"
        );
    }

    #[test]
    fn guards_formula_injection() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("+49 30"), "'+49 30");
        assert_eq!(field("-x"), "'-x");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("\rx"), "\"'\rx\"");
        assert_eq!(
            field("=HYPERLINK(\"a\",\"b\")"),
            "\"'=HYPERLINK(\"\"a\"\",\"\"b\"\")\""
        );
        // Only the first character counts.
        assert_eq!(field("a=b"), "a=b");
    }

    #[test]
    fn bom_header_crlf_and_one_row_per_finding() -> Result<(), Box<dyn std::error::Error>> {
        let report = sample_report();
        let mut buf = Vec::new();
        write_csv(&report, &mut buf)?;
        assert!(buf.starts_with(BOM));
        let text = String::from_utf8(buf[BOM.len()..].to_vec())?;
        let header = "source,target,format,status,verdict,error_code,error,code,severity,\
                      category,finding verdict,message,message_de,location,count,millis\r\n";
        assert!(text.starts_with(header), "{text}");
        // Every line ends in CRLF; a bare LF appears only inside a quoted field.
        assert!(!text.replace("\r\n", "").contains('\r'));
        // Bürgeramt has 2 findings, "<b>fett</b>" none, kaputt.doc none: 4 records + header.
        // The failed file's error holds a CRLF inside quotes, so count records, not lines.
        let records: Vec<&str> = text
            .split("\r\n")
            .filter(|l| l.starts_with("/srv") || l.starts_with("source"))
            .collect();
        assert_eq!(records.len(), 5, "{text}");
        assert!(
            text.contains(
                "/srv/share/Ämter/<b>fett</b> & Co.docx,/srv/share/Ämter/<b>fett</b> & Co.odt,\
                 docx,converted,green,,,,,,,,,,,250\r\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("damaged,\"the file is damaged:\r\nno FAT\",,"),
            "{text}"
        );
        assert!(
            text.contains(
                ",fonts.missing,warning,fonts,yellow,\
                 \"'=HYPERLINK(\"\"http://x\"\", \"\"font, \"\"\"\"Segoe\"\"\"\"\"\")\",\
                 für Schrift Segoe UI gibt es keinen Ersatz,word/document.xml,3,250\r\n"
            ),
            "{text}"
        );
        Ok(())
    }
}
