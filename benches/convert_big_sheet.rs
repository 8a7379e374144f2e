//! Benchmark: one large spreadsheet through `umzug convert`: a generated XLSX with one sheet of
//! 200,000 data rows × 20 columns (numbers, shared strings, dates, booleans and two formula
//! columns with cached values), as issue 5 asks; wall time and peak memory of the whole command,
//! optionally against LibreOffice on the same file.
//!
//! Run: `cargo bench --bench convert_big_sheet`; with UMZUG_BENCH_SOFFICE=1 it also times
//! `soffice --headless --convert-to ods` on the same file. Peak memory is the VmHWM of the
//! process and its descendants, sampled from /proc (see benches/common). The run fails when
//! umzug's peak passes 1 GiB. Figures go to docs/benchmarks.md.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use umzug_converters::odf::XmlWriter;

const ROWS: u32 = 200_000;
const COLS: u32 = 20;
const RUNS: usize = 3;
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Column letters for the first 26 columns, enough for 20.
fn col(c: u32) -> char {
    char::from(b'A' + c as u8)
}

fn cell(x: &mut XmlWriter, r: u32, c: u32, attrs: &[(&str, &str)], value: &str) {
    let at = format!("{}{}", col(c), r);
    let mut a = vec![("r", at.as_str())];
    a.extend_from_slice(attrs);
    x.start("c", &a);
    x.element("v", &[], value);
    x.end("c");
}

/// The worksheet: a header row of shared strings, then ROWS rows of mixed cells.
fn sheet_xml() -> Vec<u8> {
    let mut x = XmlWriter::new();
    x.start("worksheet", &[("xmlns", MAIN)]);
    x.start("sheetData", &[]);
    x.start("row", &[("r", "1")]);
    for c in 0..COLS {
        cell(&mut x, 1, c, &[("t", "s")], &c.to_string());
    }
    x.end("row");
    for r in 2..=ROWS + 1 {
        let rs = r.to_string();
        x.start("row", &[("r", &rs)]);
        cell(&mut x, r, 0, &[], &rs);
        // 500 distinct strings after the 20 header strings.
        cell(&mut x, r, 1, &[("t", "s")], &(COLS + r % 500).to_string());
        cell(
            &mut x,
            r,
            2,
            &[("s", "1")],
            &(40_000 + r % 3_650).to_string(),
        );
        let mut sum = 0.0;
        for c in 3..17 {
            let v = f64::from((r * (c + 7)) % 1_000) / 8.0;
            sum += v;
            cell(&mut x, r, c, &[("s", "2")], &v.to_string());
        }
        let d = f64::from((r * 10) % 1_000) / 8.0;
        let e = f64::from((r * 11) % 1_000) / 8.0;
        for (c, f, v) in [
            (17, format!("D{r}+E{r}"), d + e),
            (18, format!("SUM(D{r}:Q{r})"), sum),
        ] {
            let at = format!("{}{r}", col(c));
            x.start("c", &[("r", &at), ("s", "2")]);
            x.element("f", &[], &f);
            x.element("v", &[], &v.to_string());
            x.end("c");
        }
        cell(
            &mut x,
            r,
            19,
            &[("t", "b")],
            if r % 3 == 0 { "1" } else { "0" },
        );
        x.end("row");
    }
    x.end("sheetData");
    x.end("worksheet");
    x.into_bytes()
}

fn shared_strings() -> Vec<u8> {
    let mut x = XmlWriter::new();
    let count = (COLS + 500).to_string();
    x.start(
        "sst",
        &[("xmlns", MAIN), ("count", &count), ("uniqueCount", &count)],
    );
    let header = (0..COLS).map(|c| format!("Column {}", c + 1));
    let items = (0..500).map(|i| format!("Item {i} – Straße"));
    for s in header.chain(items) {
        x.start("si", &[]);
        x.element("t", &[], &s);
        x.end("si");
    }
    x.end("sst");
    x.into_bytes()
}

fn styles() -> Vec<u8> {
    let mut x = XmlWriter::new();
    x.start("styleSheet", &[("xmlns", MAIN)]);
    x.start("numFmts", &[("count", "1")]);
    x.empty("numFmt", &[("numFmtId", "164"), ("formatCode", "#,##0.00")]);
    x.end("numFmts");
    x.start("fonts", &[("count", "1")]);
    x.start("font", &[]);
    x.empty("sz", &[("val", "11")]);
    x.empty("name", &[("val", "Calibri")]);
    x.end("font");
    x.end("fonts");
    x.start("fills", &[("count", "1")]);
    x.start("fill", &[]);
    x.empty("patternFill", &[("patternType", "none")]);
    x.end("fill");
    x.end("fills");
    x.start("borders", &[("count", "1")]);
    x.empty("border", &[]);
    x.end("borders");
    x.start("cellXfs", &[("count", "3")]);
    for id in ["0", "14", "164"] {
        x.empty("xf", &[("numFmtId", id), ("fontId", "0"), ("fillId", "0")]);
    }
    x.end("cellXfs");
    x.end("styleSheet");
    x.into_bytes()
}

fn package_parts() -> Vec<(&'static str, Vec<u8>)> {
    let mut types = XmlWriter::new();
    types.start(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    types.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    types.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    for (part, kind) in [
        ("/xl/workbook.xml", "sheet.main"),
        ("/xl/worksheets/sheet1.xml", "worksheet"),
        ("/xl/sharedStrings.xml", "sharedStrings"),
        ("/xl/styles.xml", "styles"),
    ] {
        let ct = format!("application/vnd.openxmlformats-officedocument.spreadsheetml.{kind}+xml");
        types.empty("Override", &[("PartName", part), ("ContentType", &ct)]);
    }
    types.end("Types");

    let rels = |targets: &[(&str, &str)]| {
        let mut x = XmlWriter::new();
        x.start("Relationships", &[("xmlns", RELS)]);
        for (i, (kind, target)) in targets.iter().enumerate() {
            let id = format!("rId{}", i + 1);
            let ty = format!("{DOC_RELS}/{kind}");
            x.empty(
                "Relationship",
                &[("Id", &id), ("Type", &ty), ("Target", target)],
            );
        }
        x.end("Relationships");
        x.into_bytes()
    };

    let mut wb = XmlWriter::new();
    wb.start("workbook", &[("xmlns", MAIN), ("xmlns:r", DOC_RELS)]);
    wb.start("sheets", &[]);
    wb.empty(
        "sheet",
        &[("name", "Daten"), ("sheetId", "1"), ("r:id", "rId1")],
    );
    wb.end("sheets");
    wb.end("workbook");

    vec![
        ("[Content_Types].xml", types.into_bytes()),
        (
            "_rels/.rels",
            rels(&[("officeDocument", "xl/workbook.xml")]),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            rels(&[
                ("worksheet", "worksheets/sheet1.xml"),
                ("sharedStrings", "sharedStrings.xml"),
                ("styles", "styles.xml"),
            ]),
        ),
        ("xl/workbook.xml", wb.into_bytes()),
        ("xl/styles.xml", styles()),
        ("xl/sharedStrings.xml", shared_strings()),
        ("xl/worksheets/sheet1.xml", sheet_xml()),
    ]
}

fn write_xlsx(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(file);
    // No ZIP64 (the parts stay far below 4 GiB): LibreOffice 7.4 refuses this file with it.
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in package_parts() {
        z.start_file(name, opts).unwrap();
        z.write_all(&data).unwrap();
    }
    z.finish().unwrap();
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("gross.xlsx");
    write_xlsx(&src);
    // UMZUG_BENCH_KEEP=PATH keeps a copy of the generated workbook, to open it elsewhere.
    if let Ok(keep) = std::env::var("UMZUG_BENCH_KEEP") {
        std::fs::copy(&src, keep).unwrap();
    }
    let size = std::fs::metadata(&src).unwrap().len();
    println!(
        "generated sheet: {ROWS} rows × {COLS} columns, {:.1} MB xlsx; best of {RUNS} runs",
        size as f64 / 1e6
    );
    let mut best = (Duration::MAX, 0);
    for run in 0..RUNS {
        let out = tmp.path().join(format!("out-{run}"));
        let (d, peak, status) = common::measure(
            Command::new(env!("CARGO_BIN_EXE_umzug"))
                .args(["convert", "--out"])
                .arg(&out)
                .arg(&src),
        );
        assert!(status.success(), "umzug convert: {status}");
        let ods = std::fs::metadata(out.join("gross.ods")).unwrap().len();
        assert!(ods > 1_000_000, "output of {ods} bytes");
        if d < best.0 {
            best = (d, peak);
        }
    }
    let s = best.0.as_secs_f64();
    println!(
        "umzug convert: {s:.2} s, {:.0} cells/s, peak RSS {:.0} MB",
        f64::from(ROWS * COLS) / s,
        mb(best.1)
    );
    assert!(
        best.1 < 1 << 20,
        "peak memory {:.0} MB over 1 GiB",
        mb(best.1)
    );
    if std::env::var("UMZUG_BENCH_SOFFICE").is_ok() {
        let profile = tmp.path().join("profile");
        let out = tmp.path().join("soffice");
        let (d, peak, status) = common::measure(&mut common::soffice_convert(
            &profile,
            &out,
            std::slice::from_ref(&src),
            "ods",
        ));
        let lo = d.as_secs_f64();
        let written = std::fs::metadata(out.join("gross.ods")).map_or(0, |m| m.len());
        println!(
            "soffice --headless --convert-to ods: {lo:.2} s, peak RSS {:.0} MB ({status}, {:.1} MB written)",
            mb(peak),
            written as f64 / 1e6
        );
        assert!(written > 1_000_000, "soffice wrote no output");
        println!("ratio: umzug convert is {:.0}x faster", lo / s);
    }
}
