//! Integration tests of the binary workbook (xls, xlsb) → ODS path through calamine: the
//! samples in `assets/samples/` always, a few corpus files when the corpus is present.

mod support;

use std::path::{Path, PathBuf};

use support::part;
use umzug_converters::{ConvertOptions, FindingKind, convert};

fn convert_file(path: &Path) -> umzug_converters::Converted {
    let bytes = std::fs::read(path).unwrap();
    let ext = path.extension().and_then(|e| e.to_str());
    convert(std::io::Cursor::new(bytes), ext, ConvertOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The shared corpus, or `None` (with the reason printed) when it is missing; required under
/// CI=true like the other corpus tests.
fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if dir.join("FEATURES.tsv").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the corpus is missing at {} (required under CI=true)",
        dir.display()
    );
    eprintln!("SKIPPED: the corpus is not at {}", dir.display());
    None
}

fn formatting_finding(c: &umzug_converters::Converted) -> usize {
    c.findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::BinaryFormattingNotCarried { .. }))
        .count()
}

#[test]
fn tika_sample_xls() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/samples/tika__test.xls");
    let c = convert_file(&path);
    assert_eq!(c.extension, "ods");
    let content = part(&c.odf, "content.xml");
    let body = content.split("<office:body>").nth(1).unwrap_or("");
    assert!(body.contains("table:name=\"Feuil1\""), "{body}");
    // B7 holds =+B6+1 with its cached value 2; the formula is carried and translated.
    assert!(
        body.contains(r#"table:formula="of:=+[.B6]+1" office:value-type="float" office:value="2""#),
        "{body}"
    );
    assert!(content.contains("Sample Excel Worksheet"), "{content}");
    // The formatting comes from the BIFF records: the title's bold Verdana (FONT, XF), a
    // wrapped cell, a row of 89.25 pt (ROW miyRw 1785 twips), and nothing left to report.
    assert!(content.contains(r#"fo:font-family="Verdana""#), "{content}");
    assert!(content.contains(r#"fo:font-weight="bold""#), "{content}");
    assert!(content.contains(r#"fo:wrap-option="wrap""#), "{content}");
    assert!(
        content.contains(r#"style:row-height="89.25pt""#),
        "{content}"
    );
    assert_eq!(formatting_finding(&c), 0);
}

/// A BIFF2-4 file is refused with a message naming its version, not a compound-file error.
#[test]
fn old_biff_is_a_clear_error() {
    // BOF of a BIFF4 worksheet (type 0x0409, version 0, dt 0x0010), then EOF.
    let bytes = [
        0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00,
    ];
    let e = convert(
        std::io::Cursor::new(bytes.to_vec()),
        Some("xls"),
        ConvertOptions::default(),
    );
    let msg = e.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(msg.contains("Excel 4.0 (BIFF4)"), "{msg}");
    assert!(msg.contains("not supported"), "{msg}");
}

#[test]
fn corpus_binary_workbooks() {
    let Some(dir) = corpus() else { return };
    // (file, a sheet name, a text shown in a cell)
    let cases = [
        (
            "xlsb/tika__testEXCEL_various.xlsb",
            "mySheet1",
            "This is a string",
        ),
        ("xlsb/poi__comments.xlsb", "Sheet3", "row4"),
        // Korean text from the BIFF8 shared strings (its second run in Tahoma).
        ("xls/poi__15556.xls", "2270-170-2", "체결(TIGHTENING)"),
        // BIFF5: a code-page encoded file.
        (
            "xls/calamine__issue_643_biff5_formula.xls",
            "SheetJS",
            "sheetjs",
        ),
    ];
    for (file, sheet, text) in cases {
        let c = convert_file(&dir.join(file));
        let content = part(&c.odf, "content.xml");
        assert!(
            content.contains(&format!("table:name=\"{sheet}\"")),
            "{file}"
        );
        // The paragraph's text, whether in one run or in several spans.
        let plain = content
            .replace("</text:span>", "")
            .split("<text:span ")
            .enumerate()
            .map(|(i, part)| match part.split_once('>') {
                Some((_, rest)) if i > 0 => rest,
                _ => part,
            })
            .collect::<Vec<_>>()
            .join("");
        assert!(
            content.contains(&["<text:p>", text, "</text:p>"].concat())
                || plain.contains(&["<text:p>", text, "</text:p>"].concat()),
            "{file}"
        );
        // xlsb loses its cell formatting; xls keeps it, so a finding there names other things.
        let detail = c.findings.iter().find_map(|f| match &f.kind {
            FindingKind::BinaryFormattingNotCarried { detail, .. } => Some(detail.clone()),
            _ => None,
        });
        let xlsb = file.ends_with(".xlsb");
        assert_eq!(
            detail
                .as_deref()
                .is_some_and(|d| d.contains("cell formatting")),
            xlsb,
            "{file}: {detail:?}"
        );
    }
}

/// A BIFF5 workbook (Excel 5.0/95): its cell formats (the 16-byte XF layout) and column widths
/// come through, so the date cell shows as a date.
#[test]
fn biff5_fixture_keeps_formats_and_widths() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/biff5_formula.xls");
    let c = convert_file(&path);
    let content = part(&c.odf, "content.xml");
    // C3 holds 41689.60417 formatted m/d/yy: a date cell with a date data style.
    assert!(
        content.contains(r#"office:value-type="date" office:date-value="2014-02-19T14:30:00""#),
        "{content}"
    );
    assert!(content.contains("<number:date-style"), "{content}");
    // Column A has a COLINFO width of its own (53 pixels).
    assert!(
        content.contains(r#"style:column-width="39.75pt""#),
        "{content}"
    );
    assert_eq!(formatting_finding(&c), 0);
}

/// Rich shared strings (SST runs) keep their runs' fonts: a blue run in a Portuguese note.
#[test]
fn corpus_rich_text_runs() {
    let Some(dir) = corpus() else { return };
    let c = convert_file(&dir.join("xls/poi__29982.xls"));
    let content = part(&c.odf, "content.xml");
    assert!(
        content.contains(r##"<style:style style:name="T1" style:family="text"><style:text-properties fo:color="#0000ff"/>"##),
        "{content}"
    );
    assert!(
        content.contains(r#"<text:span text:style-name="T1">"#),
        "{content}"
    );
}
