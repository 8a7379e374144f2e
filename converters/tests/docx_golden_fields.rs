//! Golden tests of fields, numbering and tables of contents where the converter follows what
//! LibreOffice's own DOCX import makes of them.

mod support;

use support::*;

fn field(instr: &str, result: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    )
}

#[test]
fn date_and_time_without_a_picture_use_libreoffice_defaults() {
    // A short-year date and a 24-hour time with seconds, as LibreOffice shows them.
    let body = format!(
        "<w:p>{}<w:r><w:t xml:space=\"preserve\"> at </w:t></w:r>{}</w:p>",
        field(" DATE ", "11/27/2026"),
        field(" TIME ", "10:56 PM")
    );
    golden_body("date-time-defaults", &body, &[], &[]);
}

#[test]
fn docproperty_template_shows_no_location() {
    let body = format!(
        "<w:p>{}</w:p>",
        field(" DOCPROPERTY  Template  \\* MERGEFORMAT ", "Normal.dotm")
    );
    golden_body("docproperty-template", &body, &[], &[]);
}

#[test]
fn unknown_custom_number_format_gives_the_default_list() {
    // Word 2010's custom format behind mc:AlternateContent: LibreOffice takes the w14 choice,
    // cannot show "α, β, γ, ..." and falls back to its default list for every level.
    let numbering = wrap(
        "numbering",
        r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="α, β, γ, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="Some-%1-Crazy"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
    );
    let body = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>alpha</w:t></w:r></w:p>"#;
    let c = golden_body(
        "numbering-custom",
        body,
        &[("word/numbering.xml", numbering)],
        &[("rN", "numbering", "numbering.xml")],
    );
    let styles = part(&c.odf, "styles.xml");
    check(
        "numbering-custom-styles",
        &canonical(&styles, "office:styles"),
    );
}

#[test]
fn table_of_contents_entries_link_in_the_index_link_style() {
    // The entries' Hyperlink character style gives way to LibreOffice's plain "Index Link".
    let styles = wrap(
        "styles",
        r#"<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0000FF"/><w:u w:val="single"/></w:rPr></w:style>"#,
    );
    let body = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink w:anchor="_Toc1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>Heading</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>3</w:t></w:r></w:hyperlink></w:p>
        <w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
        <w:p><w:hyperlink w:anchor="_Toc1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>outside</w:t></w:r></w:hyperlink></w:p>"#;
    let c = golden_body(
        "toc-links",
        body,
        &[("word/styles.xml", styles)],
        &[("rS", "styles", "styles.xml")],
    );
    let styles = part(&c.odf, "styles.xml");
    assert!(styles.contains(r#"style:name="Index_20_Link""#));
}
