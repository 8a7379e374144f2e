//! Pivot tables in XLSX → ODS: small workbooks with a pivot table built here; the converted
//! sheet must hold the cells LibreOffice's DataPilot draws (not Excel's last shown cells) and
//! a `table:data-pilot-table` definition.

mod support;

use std::io::Cursor;

use support::part;
use umzug_converters::{ConvertOptions, convert};

const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const RELS: &str =
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

fn rel(id: &str, kind: &str, target: &str) -> String {
    [
        r#"<Relationship Id=""#,
        id,
        r#"" Type=""#,
        REL,
        kind,
        r#"" Target=""#,
        target,
        r#""/>"#,
    ]
    .concat()
}

fn s(r: &str, t: &str) -> String {
    [
        r#"<c r=""#,
        r,
        r#"" t="inlineStr"><is><t>"#,
        t,
        "</t></is></c>",
    ]
    .concat()
}

fn n(r: &str, v: &str) -> String {
    [r#"<c r=""#, r, r#""><v>"#, v, "</v></c>"].concat()
}

fn row(r: &str, cells: &[String]) -> String {
    [r#"<row r=""#, r, r#"">"#, &cells.concat(), "</row>"].concat()
}

/// Data!A1:C5 (Region, Product, Amount) and a pivot table on sheet Pivot at `location` with
/// the given pivot fields, axes and data fields; the cache's source is `source_sheet`.
fn workbook(definition: &str, source_sheet: &str, records: bool) -> Vec<u8> {
    workbook_with(definition, source_sheet, records, "")
}

/// [`workbook`] with more cache fields after the three of the source (`extra`).
fn workbook_with(definition: &str, source_sheet: &str, records: bool, extra: &str) -> Vec<u8> {
    let data = [
        row(
            "1",
            &[s("A1", "Region"), s("B1", "Product"), s("C1", "Amount")],
        ),
        row("2", &[s("A2", "North"), s("B2", "Cake"), n("C2", "5")]),
        row("3", &[s("A3", "South"), s("B3", "Cake"), n("C3", "7")]),
        row("4", &[s("A4", "North"), s("B4", "Waffle"), n("C4", "10")]),
        row("5", &[s("A5", "North"), s("B5", "Cake"), n("C5", "1")]),
    ]
    .concat();
    // Excel's last shown cells, which the conversion replaces.
    let pivot = [
        row("3", &[s("A3", "Row Labels"), s("B3", "Sum of Amount")]),
        row("6", &[s("A6", "Grand Total"), n("B6", "23")]),
    ]
    .concat();
    let mut z = support::Zip::default();
    let mut put = |name: &str, data: String| z.put(name, &data);
    put("[Content_Types].xml", support::XLSX_CONTENT_TYPES.into());
    put(
        "_rels/.rels",
        [
            RELS,
            &rel("rId1", "officeDocument", "xl/workbook.xml"),
            "</Relationships>",
        ]
        .concat(),
    );
    put(
        "xl/_rels/workbook.xml.rels",
        [
            RELS,
            &rel("r0", "worksheet", "worksheets/sheet0.xml"),
            &rel("r1", "worksheet", "worksheets/sheet1.xml"),
            "</Relationships>",
        ]
        .concat(),
    );
    put(
        "xl/workbook.xml",
        ["<workbook ", NS, r#"><sheets><sheet name="Data" sheetId="1" r:id="r0"/><sheet name="Pivot" sheetId="2" r:id="r1"/></sheets></workbook>"#].concat(),
    );
    let sheet = |body: &str| {
        [
            "<worksheet ",
            NS,
            "><sheetData>",
            body,
            "</sheetData></worksheet>",
        ]
        .concat()
    };
    put("xl/worksheets/sheet0.xml", sheet(&data));
    put("xl/worksheets/sheet1.xml", sheet(&pivot));
    put(
        "xl/worksheets/_rels/sheet1.xml.rels",
        [
            RELS,
            &rel("p1", "pivotTable", "../pivotTables/pivotTable1.xml"),
            "</Relationships>",
        ]
        .concat(),
    );
    put(
        "xl/pivotTables/pivotTable1.xml",
        [
            "<pivotTableDefinition ",
            NS,
            r#" name="Sales" cacheId="1">"#,
            definition,
            "</pivotTableDefinition>",
        ]
        .concat(),
    );
    put(
        "xl/pivotTables/_rels/pivotTable1.xml.rels",
        [
            RELS,
            &rel(
                "c1",
                "pivotCacheDefinition",
                "../pivotCache/pivotCacheDefinition1.xml",
            ),
            "</Relationships>",
        ]
        .concat(),
    );
    put(
        "xl/pivotCache/pivotCacheDefinition1.xml",
        [
            "<pivotCacheDefinition ",
            NS,
            r#" r:id="rr"><cacheSource type="worksheet"><worksheetSource ref="A1:C5" sheet=""#,
            source_sheet,
            r#""/></cacheSource><cacheFields count="3"><cacheField name="Region"><sharedItems count="2"><s v="North"/><s v="South"/></sharedItems></cacheField><cacheField name="Product"><sharedItems count="2"><s v="Cake"/><s v="Waffle"/></sharedItems></cacheField><cacheField name="Amount"><sharedItems containsNumber="1"/></cacheField>"#,
            extra,
            "</cacheFields></pivotCacheDefinition>",
        ]
        .concat(),
    );
    if records {
        put(
            "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
            [
                RELS,
                &rel("rr", "pivotCacheRecords", "pivotCacheRecords1.xml"),
                "</Relationships>",
            ]
            .concat(),
        );
        put(
            "xl/pivotCache/pivotCacheRecords1.xml",
            ["<pivotCacheRecords ", NS, r#"><r><x v="0"/><x v="0"/><n v="5"/></r><r><x v="1"/><x v="0"/><n v="7"/></r><r><x v="0"/><x v="1"/><n v="10"/></r><r><x v="0"/><x v="0"/><n v="1"/></r></pivotCacheRecords>"#].concat(),
        );
    }
    z.finish()
}

/// The texts of a sheet's rows as `a|b|c` lines (empty cells as empty fields, repeated
/// cells and rows expanded up to 8), read from content.xml.
fn sheet_rows(content: &str, sheet: &str) -> Vec<String> {
    let start = content
        .find(&[r#"<table:table table:name=""#, sheet, r#"""#].concat())
        .unwrap();
    let end = start + content[start..].find("</table:table>").unwrap();
    let table = &content[start..end];
    let mut rows = Vec::new();
    for r in table.split("<table:table-row").skip(1) {
        let mut cells = Vec::new();
        for c in r.split("<table:table-cell").skip(1) {
            let repeat = c
                .split("table:number-columns-repeated=\"")
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .min(8);
            let text = c
                .split("<text:p>")
                .nth(1)
                .and_then(|v| v.split("</text:p>").next())
                .unwrap_or("");
            for _ in 0..repeat {
                cells.push(text.to_string());
            }
        }
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        let head = r.split('>').next().unwrap_or("");
        let repeat = head
            .split("table:number-rows-repeated=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(1)
            .min(8);
        for _ in 0..repeat {
            rows.push(cells.join("|"));
        }
    }
    rows
}

fn run(bytes: &[u8]) -> umzug_converters::Converted {
    convert(Cursor::new(bytes), Some("xlsx"), ConvertOptions::default()).unwrap()
}

/// What the one-row-field table draws from Data!A1:C5.
const SUMS_BY_REGION: [&str; 4] = [
    "Region|Sum of Amount",
    "North|16",
    "South|7",
    "Total Result|23",
];

/// Whether the conversion reported a finding with this code.
fn found(c: &umzug_converters::Converted, code: &str) -> bool {
    c.findings.iter().any(|f| f.kind.code() == code)
}

const ONE_ROW_FIELD: &str = r#"<location ref="A3:B6" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="3"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField><pivotField showAll="0"/><pivotField dataField="1" showAll="0"/></pivotFields><rowFields count="1"><field x="0"/></rowFields><dataFields count="1"><dataField name="Sum of Amount" fld="2"/></dataFields>"#;

#[test]
fn one_row_field_one_data_field() {
    let c = run(&workbook(ONE_ROW_FIELD, "Data", false));
    let content = part(&c.odf, "content.xml");
    assert_eq!(sheet_rows(&content, "Pivot")[2..6], SUMS_BY_REGION);
    assert!(!content.contains("Grand Total"));
    for needle in [
        r#"<table:data-pilot-table table:name="Sales" table:target-range-address="Pivot.A3:Pivot.B6""#,
        r#"<table:source-cell-range table:cell-range-address="Data.A1:Data.C5"/>"#,
        r#"table:source-field-name="Region" table:orientation="row""#,
        r#"table:source-field-name="Amount" table:orientation="data" table:function="sum""#,
    ] {
        assert!(content.contains(needle), "{needle}");
    }
    assert!(
        !found(&c, "convert.unsupported-content"),
        "{:?}",
        c.findings
    );
}

#[test]
fn column_field_and_page_field_with_hidden_item() {
    let def = r#"<location ref="A3:D6" firstHeaderRow="1" firstDataRow="2" firstDataCol="1" rowPageCount="1" colPageCount="1"/><pivotFields count="3"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="1"/><item x="0"/><item t="default"/></items></pivotField><pivotField axis="axisPage" multipleItemSelectionAllowed="1" showAll="0"><items count="3"><item x="0"/><item h="1" x="1"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields><rowFields count="1"><field x="0"/></rowFields><pageFields count="1"><pageField fld="1" hier="-1"/></pageFields><dataFields count="1"><dataField name="Sum of Amount" fld="2"/></dataFields>"#;
    let c = run(&workbook(def, "Data", false));
    let content = part(&c.odf, "content.xml");
    // The page field above (one row and an empty one), South first as the items order it,
    // Waffle hidden.
    assert_eq!(
        sheet_rows(&content, "Pivot")[..6],
        [
            "Product|Cake",
            "",
            "Region|Sum of Amount",
            "South|7",
            "North|6",
            "Total Result|13"
        ]
    );
    assert!(content.contains(r#"table:orientation="page" table:selected-page="""#));
    assert!(
        content.contains(r#"<table:data-pilot-member table:name="Waffle" table:display="false"/>"#)
    );
}

#[test]
fn missing_source_gets_a_cache_sheet() {
    let c = run(&workbook(ONE_ROW_FIELD, "Gone", true));
    let content = part(&c.odf, "content.xml");
    assert_eq!(sheet_rows(&content, "Pivot")[2..6], SUMS_BY_REGION);
    assert_eq!(
        sheet_rows(&content, "DPCache_Gone")[..3],
        ["Region|Product|Amount", "North|Cake|5", "South|Cake|7"]
    );
    assert!(content.contains(r#"table:cell-range-address="DPCache_Gone.A1:DPCache_Gone.C5""#));
    assert!(found(&c, "convert.pivot-cache-sheet"));
}

#[test]
fn differences_keep_excels_cells() {
    let def = ONE_ROW_FIELD.replace(
        r#"fld="2"/>"#,
        r#"fld="2" showDataAs="difference" baseField="0" baseItem="0"/>"#,
    );
    let c = run(&workbook(&def, "Data", false));
    let content = part(&c.odf, "content.xml");
    assert_eq!(sheet_rows(&content, "Pivot")[2], "Row Labels|Sum of Amount");
    assert!(!content.contains("data-pilot-table"));
    assert!(found(&c, "convert.pivot-as-cells"));
}

#[test]
fn shares_of_the_total() {
    let def = ONE_ROW_FIELD.replace(r#"fld="2"/>"#, r#"fld="2" showDataAs="percentOfTotal"/>"#);
    let c = run(&workbook(&def, "Data", false));
    let content = part(&c.odf, "content.xml");
    assert_eq!(
        sheet_rows(&content, "Pivot")[2..6],
        [
            "Region|Sum of Amount",
            "North|0.6956521739",
            "South|0.3043478261",
            "Total Result|1"
        ]
    );
    // Shown as percentages, as the DataPilot formats shares.
    assert!(content.contains(r#"office:value-type="percentage" office:value="1""#));
    assert!(content.contains(r#"table:type="total-percentage""#));
}

#[test]
fn discrete_groups_of_items() {
    // "Kind" groups Product's items: Cake into "Baked", Waffle into "Other".
    let extra = r#"<cacheField name="Kind" databaseField="0"><fieldGroup base="1"><discretePr count="2"><x v="0"/><x v="1"/></discretePr><groupItems count="2"><s v="Baked"/><s v="Other"/></groupItems></fieldGroup></cacheField>"#;
    let def = ONE_ROW_FIELD
        .replace(r#"<pivotFields count="3">"#, r#"<pivotFields count="4">"#)
        .replace(
            "</pivotFields>",
            r#"<pivotField axis="axisRow" showAll="0"><items count="3"><item x="1"/><item x="0"/><item t="default"/></items></pivotField></pivotFields>"#,
        )
        .replace(r#"<field x="0"/>"#, r#"<field x="3"/>"#);
    let c = run(&workbook_with(&def, "Data", false, extra));
    let content = part(&c.odf, "content.xml");
    assert_eq!(
        sheet_rows(&content, "Pivot")[2..6],
        [
            "Kind|Sum of Amount",
            "Other|10",
            "Baked|13",
            "Total Result|23"
        ]
    );
}
