//! End-to-end check of number formats against LibreOffice (ignored: needs `soffice`).
//! `converters/tests/numfmt_lo.py` builds an .xlsx of format codes, runs this test to write the
//! equivalent .ods with our data styles, and compares LibreOffice's CSV exports of both.

use umzug_converters::numfmt;
use umzug_converters::odf::{self, OdfPackage, XmlWriter};

const VALUES: [f64; 10] = [
    1234.5678,
    -1234.5678,
    0.0,
    0.5,
    45351.520833333336,
    -0.25,
    123456789012.0,
    3.25159,
    60.0,
    1.75,
];

#[test]
#[ignore = "writes the .ods for numfmt_lo.py (NUMFMT_CASES, NUMFMT_OUT, NUMFMT_1904)"]
fn numfmt_lo_ods() {
    let (Ok(cases), Ok(out)) = (std::env::var("NUMFMT_CASES"), std::env::var("NUMFMT_OUT")) else {
        return;
    };
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(cases).unwrap()).unwrap();
    // A 1904 workbook: dates count from 1904-01-01, which the .ods must declare.
    let date1904 = std::env::var("NUMFMT_1904").is_ok();
    let mut styles = XmlWriter::fragment();
    let mut table = XmlWriter::fragment();
    for (i, case) in cases.iter().enumerate() {
        let code = match case {
            serde_json::Value::Number(n) => numfmt::builtin(n.as_u64().unwrap() as u32)
                .unwrap_or("General")
                .to_string(),
            v => v.as_str().unwrap().to_string(),
        };
        // Codes LibreOffice refuses show as General there: use General too.
        let f = numfmt::parse(&code).unwrap_or_else(|_| numfmt::parse("General").unwrap());
        let ds = numfmt::write_data_style(&mut styles, &format!("N{i}"), &f);
        styles.start(
            "style:style",
            &[
                ("style:name", &format!("ce{i}")),
                ("style:family", "table-cell"),
                ("style:data-style-name", &ds),
            ],
        );
        styles.end("style:style");
        let label = match case {
            serde_json::Value::Number(n) => n.to_string(),
            v => v.as_str().unwrap().to_string(),
        };
        table.start("table:table-row", &[]);
        table.start("table:table-cell", &[("office:value-type", "string")]);
        table.element("text:p", &[], &label);
        table.end("table:table-cell");
        let vt = numfmt::value_type(&f);
        let style = format!("ce{i}");
        for v in VALUES {
            let mut a: Vec<(&str, String)> = vec![("table:style-name", style.clone())];
            a.extend(numfmt::value_attributes(vt, v, date1904).unwrap());
            table.start_owned("table:table-cell", &a);
            table.end("table:table-cell");
        }
        table.start(
            "table:table-cell",
            &[
                ("table:style-name", &style),
                ("office:value-type", "string"),
            ],
        );
        table.element("text:p", &[], "txt");
        table.end("table:table-cell");
        table.end("table:table-row");
    }
    let mut x = XmlWriter::new();
    odf::start_root(&mut x, "office:document-content");
    x.start("office:automatic-styles", &[]);
    x.append(styles);
    x.end("office:automatic-styles");
    x.start("office:body", &[]);
    x.start("office:spreadsheet", &[]);
    if date1904 {
        x.start("table:calculation-settings", &[]);
        x.empty("table:null-date", &[("table:date-value", "1904-01-01")]);
        x.end("table:calculation-settings");
    }
    x.start("table:table", &[("table:name", "S")]);
    x.empty(
        "table:table-column",
        &[("table:number-columns-repeated", "12")],
    );
    x.append(table);
    x.end("table:table");
    x.end("office:spreadsheet");
    x.end("office:body");
    x.end("office:document-content");
    let mut pkg = OdfPackage::new("application/vnd.oasis.opendocument.spreadsheet");
    pkg.add("content.xml", "text/xml", x.into_bytes());
    std::fs::write(out, pkg.finish().unwrap()).unwrap();
}
