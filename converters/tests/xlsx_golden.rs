//! Golden tests of the XLSX → ODS converter: small workbooks built here, and the ODF they must
//! give, compared structurally (see `support::canonical`). Run with UMZUG_BLESS=1 to rewrite
//! the expected files in `tests/golden/` after a reviewed change.

mod support;

use std::io::Cursor;

use support::*;
use umzug_converters::{ConvertOptions, FindingKind, convert};

const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

const STYLES: &str = r#"<fonts><font><sz val="11"/><name val="Calibri"/></font><font><b/><i/><u/><strike/><sz val="14"/><color rgb="FF0000FF"/><name val="Liberation Serif"/></font></fonts><fills><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills><borders><border/><border><left style="thin"/><right style="medium"><color rgb="FFFF0000"/></right><top style="double"/><bottom style="dashed"/></border></borders><cellXfs><xf fontId="0" fillId="0" borderId="0"/><xf fontId="1" fillId="2" borderId="1"><alignment horizontal="right" vertical="center" wrapText="1" textRotation="135" indent="1"/></xf><xf fontId="0" fillId="0" borderId="0"><alignment textRotation="255"/><protection locked="0" hidden="1"/></xf></cellXfs><dxfs count="1"><dxf><font><b/><color rgb="FF9C0006"/></font><numFmt numFmtId="165" formatCode="&quot;$&quot;0"/><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>"#;

/// A workbook package with these sheets (name, state, worksheet body), shared strings and
/// `workbook.xml` extras.
fn xlsx(sheets: &[(&str, &str, &str)], strings: &str) -> Vec<u8> {
    let mut z = support::Zip::default();
    let mut put = |name: &str, data: String| z.put(name, &data);
    put("[Content_Types].xml", support::XLSX_CONTENT_TYPES.into());
    put("_rels/.rels", r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into());
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    );
    let mut list = String::new();
    for (i, (name, state, body)) in sheets.iter().enumerate() {
        let i_text = i.to_string();
        rels.push_str(
            &r#"<Relationship Id="r#" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet#.xml"/>"#
                .replace('#', &i_text),
        );
        let id = (i + 1).to_string();
        list.push_str(
            &[
                r#"<sheet name=""#,
                name,
                r#"" sheetId=""#,
                &id,
                r#"" state=""#,
                state,
                r#"" r:id="r"#,
                &i_text,
                r#""/>"#,
            ]
            .concat(),
        );
        put(
            &format!("xl/worksheets/sheet{i}.xml"),
            ["<worksheet ", NS, ">", body, "</worksheet>"].concat(),
        );
    }
    rels.push_str("</Relationships>");
    put("xl/_rels/workbook.xml.rels", rels);
    put(
        "xl/workbook.xml",
        [
            "<workbook ",
            NS,
            r#"><bookViews><workbookView activeTab="0"/></bookViews><sheets>"#,
            &list,
            "</sheets></workbook>",
        ]
        .concat(),
    );
    put(
        "xl/sharedStrings.xml",
        ["<sst ", NS, ">", strings, "</sst>"].concat(),
    );
    put(
        "xl/styles.xml",
        ["<styleSheet ", NS, ">", STYLES, "</styleSheet>"].concat(),
    );
    z.finish()
}

fn run_xlsx(bytes: &[u8]) -> umzug_converters::Converted {
    convert(Cursor::new(bytes), Some("xlsx"), ConvertOptions::default()).unwrap()
}

#[test]
fn values_of_every_type() {
    let sheet = r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><v>0.1</v></c><c r="D1"><v>1E+20</v></c><c r="E1" t="b"><v>0</v></c><c r="F1" t="e"><v>#N/A</v></c><c r="G1"><f>C1*2</f><v>0.2</v></c><c r="H1" t="inlineStr"><is><t xml:space="preserve">  two
lines</t></is></c></row><row r="3"><c r="C3" t="d"><v>2021-03-04T05:06:07</v></c></row></sheetData>"#;
    let strings = r#"<si><t>plain &amp; simple</t></si><si><r><t xml:space="preserve">normal </t></r><r><rPr><b/><sz val="11"/><color rgb="FFFF0000"/><rFont val="Calibri"/></rPr><t>red bold</t></r></si>"#;
    let c = run_xlsx(&xlsx(&[("Values", "visible", sheet)], strings));
    assert_eq!(c.extension, "ods");
    let content = part(&c.odf, "content.xml");
    check("xlsx-values", &canonical(&content, "office:spreadsheet"));
    check(
        "xlsx-values-auto",
        &canonical(&content, "office:automatic-styles"),
    );
}

#[test]
fn columns_rows_merges_and_panes() {
    let sheet = r#"<sheetPr><tabColor rgb="FF00B050"/></sheetPr><sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="D5" sqref="D5"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="20" customWidth="1"/><col min="3" max="4" width="5" hidden="1"/><col min="6" max="16384" width="9" style="2"/></cols><sheetData><row r="1" ht="30" customHeight="1"><c r="A1"><v>1</v></c><c r="E1" s="1"><v>2</v></c></row><row r="2" hidden="1"><c r="B2"><v>3</v></c></row><row r="5"><c r="B5"><v>4</v></c></row><row r="1000"><c r="A1000"><v>5</v></c></row></sheetData><mergeCells><mergeCell ref="B2:C4"/><mergeCell ref="A7:B200"/></mergeCells>"#;
    let c = run_xlsx(&xlsx(
        &[
            ("Layout", "visible", sheet),
            ("Secret", "hidden", "<sheetData/>"),
        ],
        "",
    ));
    let content = part(&c.odf, "content.xml");
    check("xlsx-layout", &canonical(&content, "office:spreadsheet"));
    check(
        "xlsx-layout-auto",
        &canonical(&content, "office:automatic-styles"),
    );
    check(
        "xlsx-layout-settings",
        &canonical(&part(&c.odf, "settings.xml"), "office:settings"),
    );
    check(
        "xlsx-layout-styles",
        &canonical(&part(&c.odf, "styles.xml"), "office:styles"),
    );
}

#[test]
fn a_huge_claimed_sheet_costs_what_its_cells_cost() {
    let sheet = r#"<dimension ref="A1:XFD1048576"/><cols><col min="1" max="16384" width="12"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData><mergeCells><mergeCell ref="B2:XFC1048575"/></mergeCells>"#;
    let c = run_xlsx(&xlsx(&[("Big", "visible", sheet)], ""));
    let content = part(&c.odf, "content.xml");
    assert!(content.len() < 10_000, "{} bytes", content.len());
    check("xlsx-huge", &canonical(&content, "office:spreadsheet"));
}

#[test]
fn templates_and_unsupported_content() {
    let sheet = r#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><conditionalFormatting sqref="A1"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>0</formula></cfRule></conditionalFormatting><hyperlinks><hyperlink ref="A1" r:id="rX"/></hyperlinks>"#;
    let bytes = xlsx(&[("T", "visible", sheet)], "");
    let c = convert(Cursor::new(bytes), Some("xlsx"), ConvertOptions::default()).unwrap();
    let elements: Vec<String> = c
        .findings
        .iter()
        .filter_map(|f| match &f.kind {
            FindingKind::Unsupported { element } => Some(element.clone()),
            _ => None,
        })
        .collect();
    // Conditional formats (see sheet_rules_*) and hyperlinks are carried; this link names a
    // relationship the package lacks.
    assert!(elements.is_empty(), "{elements:?}");
    assert!(c.findings.iter().any(|f| f.kind
        == FindingKind::MissingPart {
            part: "hyperlink target rX".into()
        }));
}

#[test]
fn sheet_rules_become_style_maps_and_content_validations() {
    let sheet = r#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3" s="1"><v>3</v></c></row></sheetData><conditionalFormatting sqref="A1:A3"><cfRule type="expression" dxfId="0" priority="2"><formula>A1=3</formula></cfRule><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>1</formula></cfRule><cfRule type="colorScale" priority="3"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting><dataValidations count="2"><dataValidation type="list" allowBlank="1" showInputMessage="1" promptTitle="Choose" prompt="x or y" sqref="B1:B4"><formula1>"x,y"</formula1></dataValidation><dataValidation type="custom" sqref="C1"><formula1>XLOOKUP(A1,B1:B2,A1:A2)</formula1></dataValidation></dataValidations>"#;
    let c = run_xlsx(&xlsx(&[("S", "visible", sheet)], ""));
    let content = part(&c.odf, "content.xml");
    let styles = part(&c.odf, "styles.xml");
    let has = |xml: &str, s: &str| assert!(xml.contains(s), "{s} missing in {xml}");
    // One validation, named by the covered cells; B4 exists only for it.
    has(
        &content,
        r#"<table:content-validation table:name="val1_1" table:condition="of:cell-content-is-in-list(&quot;x&quot;;&quot;y&quot;)" table:allow-empty-cell="true" table:display-list="unsorted" table:base-cell-address="S.B1"><table:help-message table:title="Choose" table:display="true"><text:p>x or y</text:p></table:help-message><table:error-message table:display="false" table:message-type="stop"></table:error-message></table:content-validation>"#,
    );
    assert_eq!(
        content
            .matches(r#"table:content-validation-name="val1_1""#)
            .count(),
        4
    );
    // The maps in priority order, on a variant of each cell format in the range.
    let maps = r#"<style:map style:condition="cell-content()&gt;1" style:apply-style-name="CF_dxf0" style:base-cell-address="S.A1"/><style:map style:condition="is-true-formula([.A1]=3)" style:apply-style-name="CF_dxf0" style:base-cell-address="S.A1"/></style:style>"#;
    assert_eq!(content.matches(maps).count(), 2, "{content}");
    has(
        &content,
        r#"<table:table-cell table:style-name="ce1_m0" office:value-type="float" office:value="3">"#,
    );
    has(
        &content,
        r#"<table:table-cell table:style-name="ce0_m0" office:value-type="float" office:value="1">"#,
    );
    // The differential format: only what it sets, with its number format.
    has(
        &styles,
        r##"<style:style style:name="CF_dxf0" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NC0"><style:table-cell-properties fo:background-color="#ffc7ce"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold" fo:color="#9c0006"/></style:style>"##,
    );
    has(&styles, r#"<number:number-style style:name="NC0">"#);
    let lost: Vec<(&str, String)> = c
        .findings
        .iter()
        .filter_map(|f| match &f.kind {
            FindingKind::ConditionalFormatLost { .. } => Some(("cf", f.location.clone()?)),
            FindingKind::ValidationLost { .. } => Some(("validation", f.location.clone()?)),
            _ => None,
        })
        .collect();
    assert_eq!(
        lost,
        [
            ("cf", "S!A1:A3".to_string()),
            ("validation", "S!C1".to_string())
        ]
    );
}

#[test]
fn rules_over_a_whole_sheet_cost_what_their_runs_cost() {
    let sheet = r#"<sheetData><row r="2"><c r="B2"><v>1</v></c></row></sheetData><conditionalFormatting sqref="A1:XFD1048576 C3"><cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><formula>1</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="whole" operator="greaterThan" sqref="B1:B1048576"><formula1>0</formula1></dataValidation></dataValidations>"#;
    let c = run_xlsx(&xlsx(&[("Big", "visible", sheet)], ""));
    let content = part(&c.odf, "content.xml");
    assert!(content.len() < 10_000, "{} bytes", content.len());
    // Every row to the last one carries the rules, in runs: rows 1 and 2, row 3 (C3 is a
    // second range of the rule), then the rest.
    assert!(
        content.contains(r#"table:number-rows-repeated="1048573""#),
        "{content}"
    );
    assert!(
        content.contains(r#"<table:table-cell table:style-name="ce0_m0" table:content-validation-name="val1_1" office:value-type="float" office:value="1">"#),
        "{content}"
    );
}
